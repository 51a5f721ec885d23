"""The Starlette application: the web UI at /, GraphQL at /graphql (GraphiQL in a
browser), health, readiness and metrics, the OpenLineage intake, the live public inventory
and the deadline feed. `create_app` is the one place where the server's parts are wired
together; nothing is built at import time."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.types import ExecutionResult

from api import feed
from api.auth import RecentTokens, Role
from api.graphiql import POLICY as GRAPHIQL_POLICY
from api.graphiql import LocalGraphiQL, asset_routes
from api.graphql.context import Context
from api.graphql.execution import TimeLimit, deadline_of, run_apart, timed_out
from api.graphql.schema import build_schema
from api.graphql.workers import Workers
from api.inventory.routes import make_routes
from api.lineage import PATH as LINEAGE_PATH
from api.lineage import lineage_endpoint
from api.middleware.auth import UNAVAILABLE, AuthMiddleware, RateLimiter, principal_of
from api.middleware.body_limit import BodyLimitMiddleware
from api.middleware.metrics import CONTENT_TYPE as METRICS_TYPE
from api.middleware.metrics import Metrics, MetricsMiddleware
from api.middleware.read_timeout import ReadTimeoutMiddleware
from api.middleware.security_headers import SecurityHeadersMiddleware
from api.webui import ui_routes
from graph.results import Continuations, ResultCache
from graph.store import Store, StoreTimeout, StoreUnavailable
from graph.yaml_source import MAX_FILE_SIZE


@dataclass(frozen=True)
class Settings:
    max_body_bytes: int = 1_000_000
    rate_per_minute: int = 600
    store_timeout: float = 10.0
    public_base_url: str | None = None  # where /inventory is reachable from outside, if behind a proxy
    read_timeout: float = 20.0  # seconds a client may pause while sending its request body
    metrics_public: bool = False  # whether /metrics answers without a token
    request_timeout: float | None = None  # a whole GraphQL request; None: a little more than store_timeout
    max_file_size: int = MAX_FILE_SIZE  # the largest catalog document loadCatalog takes, in bytes
    token_cache_seconds: float = 5.0  # how long a token found in the store is taken without a look-up

    @property
    def request_seconds(self) -> float:
        return self.store_timeout + 5.0 if self.request_timeout is None else self.request_timeout


class StewardGraphQL(LocalGraphiQL, GraphQL[Context, None]):
    def __init__(self, store: Store, settings: Settings, metrics: Metrics) -> None:
        super().__init__(build_schema(), graphql_ide="graphiql")
        self.store, self.settings, self.metrics = store, settings, metrics
        # At most 8 executions at once (more wait their turn, on their own time) and 16 store calls.
        self.executions, self.store_calls = Workers(8), Workers(16)
        self.results = ResultCache(store.data_version)
        self.continuations = Continuations(store.data_version)

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(self.store, principal_of(request.scope), self.store_calls, self.settings.store_timeout,
                       self.settings.max_file_size, self.metrics.store_call, self.results, self.continuations)

    async def execute_single(self, **operation: Any) -> ExecutionResult:  # type: ignore[override]
        # Apart from the server's event loop, and within the request's time.
        execute, seconds = super().execute_single, self.settings.request_seconds
        try:
            return await run_apart(self.executions, deadline_of(operation["request"].scope),
                                   lambda: execute(**operation),
                                   lambda: ExecutionResult(data=None, errors=[timed_out(seconds)]))
        finally:
            self.metrics.request_trips(operation["context"].round_trips)

    def decode_json(self, data: str | bytes) -> object:
        """A request body is a JSON object (or a list of them); anything else is the
        client's mistake, a 400, never a server error."""
        try:
            decoded = json.loads(data)
        except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
            raise HTTPException(400, "the request body is not valid JSON") from None
        if not isinstance(decoded, dict | list):
            raise HTTPException(400, 'expected a JSON object such as {"query": "{ __typename }"}')
        return decoded

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self.run(Request(scope, receive))
        except HTTPException as exc:
            # Strawberry answers these in plain text; clients read errors as JSON, with a code.
            response = error_response(exc.status_code, exc.reason)
        await response(scope, receive, send)


HTTP_CODES = {400: "BAD_REQUEST", 404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 413: "PAYLOAD_TOO_LARGE"}


def error_response(status: int, message: str) -> JSONResponse:
    code = HTTP_CODES.get(status, "BAD_REQUEST")
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status)


def _unready(exc: Exception, settings: Settings) -> str:
    """Why /readyz answers 503, for anyone: no address, no trace."""
    if isinstance(exc, StoreUnavailable):
        return "the store is unavailable: it cannot be reached"
    if isinstance(exc, TimeoutError | StoreTimeout):
        return f"the store did not answer within {settings.store_timeout:g} s"
    return f"the store failed to answer ({type(exc).__name__})"


async def _store_unavailable(_: Request, exc: Exception) -> Response:
    """A route that needed the store while it could not be reached: 503, not a server error."""
    return JSONResponse({"errors": [{"message": UNAVAILABLE, "extensions": {"code": "UNAVAILABLE"}}]},
                        status_code=503)


def create_app(store: Store, settings: Settings | None = None, today: Callable[[], date] = date.today) -> Starlette:
    """The application over `store`; `today` is the day the inventory and the deadline
    feed are computed for (a clock a test sets)."""
    settings = settings or Settings()
    metrics = Metrics(lambda: getattr(store, "round_trips", 0))
    graphql = StewardGraphQL(store, settings, metrics)

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        try:
            await graphql.store_calls.run(store.count_nodes, settings.store_timeout)
        except Exception as exc:  # any failure to answer means not ready; say why, briefly
            return JSONResponse({"status": "unavailable", "store": store.name, "reason": _unready(exc, settings)},
                                status_code=503)
        return JSONResponse({"status": "ready", "store": store.name})

    async def metrics_view(request: Request) -> Response:
        if not settings.metrics_public and principal_of(request.scope).role < Role.VIEWER:
            return JSONResponse({"errors": [{"message": "/metrics needs a token of the VIEWER role or above "
                                             "(or a server started with --metrics-public)",
                                             "extensions": {"code": "UNAUTHENTICATED"}}]}, status_code=401)
        return Response(metrics.render(), media_type=METRICS_TYPE)

    routes: list[BaseRoute] = [
        Route("/graphql", TimeLimit(graphql, settings.request_seconds), methods=["GET", "POST"]), *asset_routes(),
        Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics_view),
        Route(LINEAGE_PATH, lineage_endpoint(store, graphql.store_calls, settings.store_timeout), methods=["POST"]),
        # The live public inventory: what the public may see, as of the day it is asked.
        *make_routes(store, today, settings.public_base_url),
        # The deadline feed, behind its secret key.
        *feed.make_routes(store, today),
        # Last: the UI's views, each a path that no route above answers.
        *ui_routes(),
    ]
    middleware = [
        Middleware(MetricsMiddleware, metrics=metrics, routes=routes),
        Middleware(SecurityHeadersMiddleware, policies=[("/graphql", GRAPHIQL_POLICY)]),
        Middleware(ReadTimeoutMiddleware, seconds=settings.read_timeout),
        Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes),
        Middleware(AuthMiddleware, store=store, limiter=RateLimiter(settings.rate_per_minute),
                   paths=("/graphql", "/metrics", LINEAGE_PATH), recent=RecentTokens(settings.token_cache_seconds)),
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={StoreUnavailable: _store_unavailable})
