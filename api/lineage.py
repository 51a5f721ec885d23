"""`POST /api/v1/lineage`: the OpenLineage intake, where pipelines' clients send their
RunEvents (and JobEvents, DatasetEvents) with a STEWARD token. One event per request, as
the `openlineage-python` client's HTTP transport sends them; each is written in one
transaction, or refused whole with a 400 that names the JSON path of the problem."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from functools import partial

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.auth import Role
from api.graphql.workers import Workers
from api.middleware.auth import principal_of
from catalog.openlineage import EventError, parse_event
from catalog.source import CatalogError
from catalog.validate import api_origin
from graph.intake import ingest
from graph.store import Store, VersionConflict

PATH = "/api/v1/lineage"


def lineage_endpoint(store: Store, workers: Workers, timeout: float) -> Callable[[Request], Awaitable[Response]]:
    return partial(_receive, store, workers, timeout)


async def _receive(store: Store, workers: Workers, timeout: float, request: Request) -> Response:
    principal = principal_of(request.scope)
    if principal.role < Role.STEWARD:
        status, code = (401, "UNAUTHENTICATED") if principal.role == Role.PUBLIC else (403, "FORBIDDEN")
        return _error(status, code, "sending lineage needs a token of the STEWARD role or above")
    try:
        data = json.loads(await request.body())
    except (ValueError, RecursionError):
        return _error(400, "BAD_REQUEST", "the request body is not valid JSON", path="$")
    try:
        event = parse_event(data)
    except EventError as exc:
        return _error(400, "BAD_REQUEST", str(exc), path=exc.path)
    try:
        report = await workers.run(lambda: ingest(store, [event], principal.name, api_origin(principal.name)),
                                   timeout)
    except CatalogError as exc:
        first = exc.problems[0] if exc.problems else None
        return JSONResponse({"errors": [{"message": str(exc), "extensions": {
            "code": "VALIDATION", "field": first.location.path if first else None,
            "problems": [p.as_dict() for p in exc.problems]}}]}, status_code=400)
    except VersionConflict as exc:  # crossed other writes again and again: nothing written
        return _error(409, "CONFLICT", str(exc))
    return JSONResponse(report.as_dict())


def _error(status: int, code: str, message: str, path: str | None = None) -> JSONResponse:
    extensions = {"code": code, **({"path": path} if path else {})}
    return JSONResponse({"errors": [{"message": message, "extensions": extensions}]}, status_code=status)
