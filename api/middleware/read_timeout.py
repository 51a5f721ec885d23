"""Drop clients that stop sending their request body.

A client that sends its headers and part of a body, then waits, holds a connection and
a task for as long as it likes: a few hundred of them exhaust a server (slowloris).
Every read of the body waits at most `seconds`; past that the client gets 408 and the
connection is closed."""

from __future__ import annotations

import anyio
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ClientTooSlow(Exception):
    pass


class ReadTimeoutMiddleware:
    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app, self.seconds = app, seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body_done = False
        started = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:  # after the body, a read only waits for the client to leave
                return await receive()
            with anyio.move_on_after(self.seconds):
                message = await receive()
                body_done = message["type"] != "http.request" or not message.get("more_body", False)
                return message
            raise ClientTooSlow

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, timed_receive, tracking_send)
        except ClientTooSlow:
            if started:
                raise
            response = JSONResponse(
                {"errors": [{"message": f"the request body did not arrive within {self.seconds:g} s",
                             "extensions": {"code": "REQUEST_TIMEOUT"}}]},
                status_code=408, headers={"Connection": "close"})
            await response(scope, receive, send)
