"""GraphiQL, served by Steward itself: the page a browser gets at /graphql, and its
scripts and style from the npm packages that the set-up installs in ui/node_modules
(versions pinned in ui/package.json), never from a CDN. A district's network may have no
internet, and a CDN would be one more party whose code runs with the API's origin.

The page loads nothing but its own files and talks only to its own address; its
Content-Security-Policy says so to the browser."""

from __future__ import annotations

from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

NODE_MODULES = Path(__file__).resolve().parent.parent / "ui" / "node_modules"
PREFIX = "/graphiql/"
JS, CSS = "text/javascript", "text/css"

# Served name -> (file under ui/node_modules, media type).
PACKAGED: dict[str, tuple[str, str]] = {
    "react.js": ("react/umd/react.production.min.js", JS),
    "react-dom.js": ("react-dom/umd/react-dom.production.min.js", JS),
    "graphiql.js": ("graphiql/graphiql.min.js", JS),
    "graphiql.css": ("graphiql/graphiql.min.css", CSS),
}

# Ours: the page's own script is a file too, so that the policy can forbid inline script.
START = """\
(function () {
  var url = window.location.href.split(/[?#]/)[0];
  var query = [
    "# Steward's GraphQL API. Without a token you are PUBLIC and see",
    "# what the public inventory shows. To send a token, add under",
    "# Headers: {\\"Authorization\\": \\"Bearer <token>\\"}",
    "{ elements(first: 5) { nodes { id name category } } }",
    ""
  ].join("\\n");
  // GraphiQL keeps tabs and history in localStorage, the history with its headers: a
  // bearer token would outlive the page. Everything it stores goes through this, which
  // drops headers.
  var storage = {
    getItem: function (key) { return localStorage.getItem(key); },
    setItem: function (key, value) {
      if (/:headers$/.test(key)) return;
      try {
        value = JSON.stringify(JSON.parse(value), function (name, v) { return name === "headers" ? undefined : v; });
      } catch (notJson) { /* stored as it is */ }
      localStorage.setItem(key, value);
    },
    removeItem: function (key) { localStorage.removeItem(key); },
    clear: function () { localStorage.clear(); },
    get length() { return localStorage.length; }
  };
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: url }),
      storage: storage,
      defaultQuery: query,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false
    })
  );
})();
"""

STYLE = "html, body { height: 100%; margin: 0; } #graphiql { height: 100vh; }\n"

OURS: dict[str, tuple[str, str]] = {"start.js": (START, JS), "page.css": (STYLE, CSS)}

# GraphiQL's stylesheet embeds its fonts as data: URLs, and its components set inline
# styles; everything else comes from this origin.
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
          "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

# Relative links: the page works the same behind a proxy that mounts Steward on a sub-path.
PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Steward GraphQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="graphiql/graphiql.css">
<link rel="stylesheet" href="graphiql/page.css">
<script src="graphiql/react.js" defer></script>
<script src="graphiql/react-dom.js" defer></script>
<script src="graphiql/graphiql.js" defer></script>
<script src="graphiql/start.js" defer></script>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
</body>
</html>
"""

NOT_INSTALLED = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>GraphiQL is not installed</title>
<link rel="icon" href="data:,">
</head>
<body>
<main>
<h1>GraphiQL is not installed</h1>
<p>The GraphQL API at this address works: send it queries with POST. The in-browser
editor needs files from npm that this server does not have:</p>
<ul>
{missing}
</ul>
<p>Install them with <code>make run</code>, or with <code>cd ui &amp;&amp; npm ci</code>
in Steward's folder, then reload this page.</p>
</main>
</body>
</html>
"""


def missing_files() -> list[str]:
    # Looked up at each request: files installed while the server runs count at once.
    return [f"ui/node_modules/{file}" for file, _ in PACKAGED.values() if not (NODE_MODULES / file).is_file()]


def page() -> Response:
    headers = {"Content-Security-Policy": POLICY, "Cache-Control": "no-cache"}
    missing = missing_files()
    if missing:
        items = "\n".join(f"<li><code>{escape(file)}</code></li>" for file in missing)
        return HTMLResponse(NOT_INSTALLED.replace("{missing}", items), status_code=503, headers=headers)
    return HTMLResponse(PAGE, headers=headers)


class LocalGraphiQL:
    """Mixed into the Strawberry view ahead of it: its IDE page is this module's, whose
    files Steward serves, not Strawberry's, which loads them from unpkg."""

    async def render_graphql_ide(self, request: Request) -> Response:
        return page()


def asset_routes() -> list[Route]:
    """The page's files, under /graphiql/."""

    async def asset(request: Request) -> Response:
        name = str(request.path_params["name"])
        if name in OURS:
            text, media_type = OURS[name]
            return Response(text, media_type=media_type)
        if name not in PACKAGED:
            return PlainTextResponse("Not found\n", status_code=404)
        file, media_type = PACKAGED[name]
        if not (NODE_MODULES / file).is_file():
            return PlainTextResponse(f"ui/node_modules/{file} is not installed: run `make run` or "
                                     "`cd ui && npm ci`\n", status_code=404)
        return FileResponse(NODE_MODULES / file, media_type=media_type)

    return [Route(PREFIX + "{name}", asset)]
