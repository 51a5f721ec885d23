"""The Starlette application: GraphQL at /graphql (GraphiQL in a browser), health,
readiness and metrics, and the live public inventory. `create_app` is the one place
where the server's parts are wired together; nothing is built at import time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from strawberry.asgi import GraphQL

from api.graphql.context import Context
from api.graphql.schema import build_schema
from api.inventory.routes import make_routes
from api.middleware.auth import AuthMiddleware, RateLimiter, principal_of
from api.middleware.body_limit import BodyLimitMiddleware
from api.middleware.metrics import Metrics, MetricsMiddleware
from graph.store import Store


@dataclass(frozen=True)
class Settings:
    max_body_bytes: int = 1_000_000
    rate_per_minute: int = 600
    store_timeout: float = 10.0
    public_base_url: str | None = None  # where /inventory is reachable from outside, if behind a proxy


class StewardGraphQL(GraphQL[Context, None]):
    def __init__(self, store: Store, settings: Settings) -> None:
        super().__init__(build_schema(), graphql_ide="graphiql")
        self.store, self.settings = store, settings

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(self.store, principal_of(request.scope), self.settings.store_timeout)


def _route_of(path: str) -> str:
    """A bounded label for metrics: the first path segment, never a raw id."""
    head = "/" + path.strip("/").split("/", 1)[0]
    return head if head in ("/graphql", "/healthz", "/readyz", "/metrics", "/inventory", "/inventory.csv",
                            "/inventory.json", "/data.json") else "/other"


def create_app(store: Store, settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    metrics = Metrics()
    graphql = StewardGraphQL(store, settings)

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        try:
            with anyio.fail_after(settings.store_timeout):
                await anyio.to_thread.run_sync(store.count_nodes, abandon_on_cancel=True)
        except Exception as exc:  # any failure to answer means not ready; say why, briefly
            return JSONResponse({"status": "unavailable", "store": store.name, "reason": type(exc).__name__},
                                status_code=503)
        return JSONResponse({"status": "ready", "store": store.name})

    async def metrics_view(_: Request) -> Response:
        return PlainTextResponse(metrics.render(getattr(store, "round_trips", 0)),
                                 media_type="text/plain; version=0.0.4")

    routes: list[BaseRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics_view),
        # The live public inventory: what the public may see, as of the day it is asked.
        *make_routes(store, date.today, settings.public_base_url),
    ]
    middleware = [
        Middleware(MetricsMiddleware, metrics=metrics, route_of=_route_of),
        Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes),
        Middleware(AuthMiddleware, store=store, limiter=RateLimiter(settings.rate_per_minute), paths=("/graphql",)),
    ]
    return Starlette(routes=routes, middleware=middleware)
