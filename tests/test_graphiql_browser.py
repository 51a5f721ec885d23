"""GraphiQL in a real browser against `steward serve`: it renders and answers queries,
with every request it makes going to the server itself and no console error (a
Content-Security-Policy violation is one); a token sent under Headers is used, and is
not left in the browser's storage."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from .browser_support import chromium
from .test_api_server import server  # noqa: F401  (the fixture: `steward serve` in a subprocess)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 60_000  # only catches a hang
QUERY_EDITOR = ".graphiql-query-editor .CodeMirror"
HEADERS_EDITOR = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror"
STAFF = '{ node(id: "p-registrar") { id } }'  # a party: hidden from PUBLIC
# Another query: GraphiQL's history skips a query run twice in a row, headers or not.
STAFF_WITH_TOKEN = '{ node(id: "p-registrar") { id __typename } }'


def set_editor(page: Any, selector: str, text: str) -> None:
    page.evaluate("([selector, text]) => document.querySelector(selector).CodeMirror.setValue(text)",
                  [selector, text])


def run_query(page: Any, expect: str) -> None:
    page.click(".graphiql-execute-button")
    page.wait_for_function("(expect) => document.querySelector('.graphiql-response')"
                           "?.textContent.replace(/\\s/g, '').includes(expect)", arg=expect, timeout=WAIT_MS)


def test_graphiql_runs_queries_from_steward_alone(server: tuple[str, str]) -> None:  # noqa: F811
    base, token = server
    requests: list[tuple[str, str]] = []
    errors: list[str] = []
    with chromium() as browser:
        page: Any = browser.new_page()
        page.on("request", lambda request: requests.append((request.method, request.url)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/graphql")
        page.wait_for_selector(QUERY_EDITOR, timeout=WAIT_MS)
        run_query(page, '"id":"student-birth-date"')  # the page's own example, as PUBLIC
        set_editor(page, QUERY_EDITOR, STAFF)
        run_query(page, '"node":null')
        page.get_by_text("Headers", exact=True).click()
        set_editor(page, HEADERS_EDITOR, f'{{"Authorization": "Bearer {token}"}}')
        set_editor(page, QUERY_EDITOR, STAFF_WITH_TOKEN)
        run_query(page, '"id":"p-registrar"')
        stored = page.evaluate("() => JSON.stringify(Object.assign({}, localStorage))")
        title = page.title()
        page.close()
    assert title == "Steward GraphQL"
    assert not errors, errors
    elsewhere = [url for _, url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert not elsewhere, elsewhere
    paths = {(method, urlsplit(url).path) for method, url in requests}
    assert {("GET", "/graphiql/graphiql.js"), ("GET", "/graphiql/react.js"), ("POST", "/graphql")} <= paths
    assert "p-registrar" in stored and token not in stored  # history kept, without the token
