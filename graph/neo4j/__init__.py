"""The Neo4j backend: the store interface over the official driver, Cypher beside the
code that runs it, every value a parameter, labels and types only from the enums."""

from __future__ import annotations

from graph.neo4j.connection import Neo4jConfig
from graph.neo4j.store import Neo4jStore

__all__ = ["Neo4jConfig", "Neo4jStore"]
