"""The committee's web UI: the files `npm run build` writes to ui/dist, served at / with
history-mode routes. Each view's address (/node/<id>, /lineage/<id>?..., /deadlines?...)
answers the same index.html, and the UI's router draws the view; any other path is left
to the API's routes, or a 404.

The UI is a single page of this origin's own script and style: its
Content-Security-Policy allows nothing else, and no inline script or style."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

DIST = Path(__file__).resolve().parent.parent / "ui" / "dist"
INDEX = DIST / "index.html"

# The views' paths: each answers index.html, with anything under those that take an id.
VIEWS = ("/", "/sign-in", "/search", "/deadlines", "/findings", "/owners", "/changes", "/explore", "/curate")
WITH_ID = ("/node", "/lineage", "/owners", "/incidents", "/curate")

# Cytoscape draws on a canvas (images from data: URLs when exported); the browser's
# downloads of CSV go through blob: URLs, which navigation, not this policy, governs.
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

HOW_TO_BUILD = "cd ui && npm ci && npm run build"

NOT_BUILT = f"""\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Steward's web UI is not built</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>Steward's web UI is not built</h1>
<p>This server works: GraphQL answers at <a href="/graphql">/graphql</a> and the public
inventory at <a href="/inventory">/inventory</a>. The pages for the governance committee
are built from Steward's <code>ui/</code> folder, and this installation has no build
(<code>ui/dist/index.html</code> is missing).</p>
<p>Build it with <code>make run</code>, or with <code>{HOW_TO_BUILD.replace("&", "&amp;")}</code>
in Steward's folder (Node.js 20 and npm), then reload this page.</p>
</main>
</body>
</html>
"""


def built() -> bool:
    # Looked up at each request: a build made while the server runs counts at once.
    return INDEX.is_file()


def not_built_message() -> str:
    return f"the web UI is not built ({INDEX} is missing): run `make run`, or `{HOW_TO_BUILD}`"


def _index(_: Request) -> Response:
    headers = {"Content-Security-Policy": POLICY, "Cache-Control": "no-cache"}
    if not built():
        return HTMLResponse(NOT_BUILT, status_code=503, headers=headers)
    return FileResponse(INDEX, media_type="text/html; charset=utf-8", headers=headers)


def _asset(request: Request) -> Response:
    # One path segment (the route allows no "/"), and only a file of dist/assets.
    name = str(request.path_params["name"])
    file = DIST / "assets" / name
    if name.startswith(".") or not file.is_file():
        return PlainTextResponse("Not found\n", status_code=404)
    # Vite names each asset by a hash of its content: a changed file gets a new name.
    return FileResponse(file, headers={"Cache-Control": "public, max-age=31536000, immutable"})


def ui_routes() -> list[Route]:
    return [
        Route("/assets/{name}", _asset),
        *(Route(path, _index) for path in VIEWS),
        *(Route(prefix + "/{rest:path}", _index) for prefix in WITH_ID),
    ]
