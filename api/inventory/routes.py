"""The published inventory, served live: the same bytes `steward publish` writes, built
per request from the current catalog.

    app = Starlette(routes=[*make_routes(lambda: store, date.today), ...])

Paths: /inventory (and /inventory.html) is the index; /inventory/{page} the other pages;
/inventory.csv, /inventory.json and /data.json the files. Pages link to each other
relatively, so they work the same here, on a static host and opened from disk."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from api.inventory.pages import INDEX
from api.inventory.site import build_site
from catalog.view import GraphView, Snapshot

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
}


def media_type(path: str) -> str:
    return MEDIA_TYPES.get(path[path.rfind("."):], "application/octet-stream")


def make_routes(get_view: Callable[[], GraphView], as_of: Callable[[], date],
                base_url: str | None = None) -> list[Route]:
    """Routes serving the live inventory. `base_url` is where the site root is served
    (it makes data.json's links absolute); by default, the root of the request's URL."""

    async def serve(request: Request, path: str) -> Response:
        # Reading the store and building the site both block: neither runs on the loop.
        base = base_url or str(request.base_url)
        files = await run_in_threadpool(lambda: build_site(Snapshot.of(get_view()), as_of(), base))
        content = files.get(path)
        if content is None:
            return Response("Not found\n", status_code=404, media_type="text/plain; charset=utf-8")
        return Response(content, media_type=media_type(path), headers={"Cache-Control": "no-cache"})

    async def index(request: Request) -> Response:
        return await serve(request, INDEX)

    async def page(request: Request) -> Response:
        name = str(request.path_params["page"])
        if name in ("", "index.html"):
            return RedirectResponse(request.url_for("inventory"), status_code=308)
        return await serve(request, f"inventory/{name}")

    def file(path: str) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return await serve(request, path)
        return endpoint

    return [
        Route("/inventory", index, methods=["GET", "HEAD"], name="inventory"),
        Route("/inventory.html", index, methods=["GET", "HEAD"]),
        Route("/inventory/{page:path}", page, methods=["GET", "HEAD"]),
        *(Route(f"/{path}", file(path), methods=["GET", "HEAD"])
          for path in ("inventory.csv", "inventory.json", "data.json")),
    ]
