"""Headers that tell browsers to keep Steward's pages to themselves: no MIME sniffing,
no referrer leaking a page's address, and for HTML a Content-Security-Policy that
forbids framing (clickjacking) and loading anything the page did not ask for.

The policy is chosen by path; a response that sets its own policy keeps it."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The published inventory: inline CSS, no script, nothing from elsewhere.
STRICT = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
          "form-action 'none'; frame-ancestors 'none'")

ALWAYS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
FOR_HTML = {"X-Frame-Options": "DENY"}  # frame-ancestors, for browsers that predate CSP 2


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, policies: Sequence[tuple[str, str]] = (), default: str = STRICT) -> None:
        """`policies`: (path prefix, policy) pairs, the first match wins; `default` otherwise."""
        self.app, self.policies, self.default = app, tuple(policies), default

    def policy_for(self, path: str) -> str:
        return next((policy for prefix, policy in self.policies if path.startswith(prefix)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = self.policy_for(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in ALWAYS.items():
                    headers.setdefault(name, value)
                if headers.get("content-type", "").startswith("text/html"):
                    for name, value in FOR_HTML.items():
                        headers.setdefault(name, value)
                    headers.setdefault("Content-Security-Policy", policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)
