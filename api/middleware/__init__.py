"""ASGI middleware of the server, one concern per module."""
