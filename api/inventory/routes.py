"""The published inventory, served live: the same bytes `steward publish` writes, built
once per version of the catalog and then served from memory until the next write.

    app = Starlette(routes=[*make_routes(store, date.today, base_url), ...])

Paths: /inventory (and /inventory.html) is the index; /inventory/{page} the other pages;
/inventory.csv, /inventory.json and /data.json the files. Pages link to each other
relatively, so they work the same here, on a static host and opened from disk."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from api.inventory.model import InventoryError
from api.inventory.pages import INDEX
from api.inventory.site import build_site
from catalog.view import GraphView, Snapshot
from graph.store import Versioned

MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
}
TEXT = "text/plain; charset=utf-8"


class Source(GraphView, Versioned, Protocol):
    """What the live inventory reads: the graph, and the version that says it changed."""


@dataclass(frozen=True)
class Built:
    key: tuple[int, date, str | None]  # what it was built from: data version, date, base URL
    files: dict[str, bytes]


class SiteCache:
    """The site built last, kept until the data version or the date changes.

    One entry: only the current catalog is ever asked for. One build at a time: requests
    that arrive during a build wait for it instead of building the same site again."""

    def __init__(self, source: Source, as_of: Callable[[], date], base_url: str | None) -> None:
        self.source, self.as_of, self.base_url = source, as_of, base_url
        self.built: Built | None = None
        self._lock = anyio.Lock()

    def key(self) -> tuple[int, date, str | None]:
        return self.source.data_version(), self.as_of(), self.base_url

    async def files(self) -> dict[str, bytes]:
        # Reading the store and building both block: neither runs on the event loop.
        key = await run_in_threadpool(self.key)
        built = self.built
        if built is None or built.key != key:
            async with self._lock:
                # Another request may have built it meanwhile, perhaps for a later version.
                key, built = await run_in_threadpool(self.key), self.built
                if built is None or built.key != key:
                    built = self.built = await run_in_threadpool(self._build)
        return built.files

    def _build(self) -> Built:
        # The version is read before the graph: a write in between is built again on the
        # next request, never served under the version it changed.
        key = self.key()
        return Built(key, build_site(Snapshot.of(self.source), key[1], key[2]))


def media_type(path: str) -> str:
    return MEDIA_TYPES.get(path[path.rfind("."):], "application/octet-stream")


def make_routes(source: Source, as_of: Callable[[], date], base_url: str | None = None) -> list[Route]:
    """Routes serving the live inventory. `base_url` is where the site root is served
    from outside (it makes data.json's links absolute); without it they are relative.
    The request's own Host header is never used: a client could name any host there."""
    cache = SiteCache(source, as_of, base_url)

    async def serve(request: Request, path: str) -> Response:
        try:
            files = await cache.files()
        except InventoryError as exc:
            return Response(f"The inventory cannot be published: {exc}\n", status_code=503, media_type=TEXT)
        content = files.get(path)
        if content is None:
            return Response("Not found\n", status_code=404, media_type=TEXT)
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
