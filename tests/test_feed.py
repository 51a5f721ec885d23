"""The deadline feed: an iCalendar behind a secret URL that a STEWARD creates and revokes,
read here with a real iCalendar parser, as a calendar application reads it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from api.app import create_app
from api.auth import Role, digest
from api.cli import cli
from api.feed import LINE_OCTETS, calendar
from catalog.agenda import Dated
from catalog.deadlines import compute_deadlines
from graph.backends import StoreConfig, open_store
from graph.store import Store

from .api_support import Api, make_api
from .conftest import DATA

PATHS = [DATA / "design-example.yaml", DATA / "feed-example.yaml"]
AS_OF = date(2026, 9, 1)
CREATE = 'mutation($name: String!) { createFeed(name: $name) { name secret path } }'


def _api(store: Store, as_of: date = AS_OF) -> Api:
    return make_api(store, paths=PATHS, today=lambda: as_of)


def _events(text: str) -> dict[str, Any]:
    """The feed's events by summary's head (`OVERDUE: destroy ...`), parsed as a calendar would."""
    parsed = icalendar.Calendar.from_ical(text)
    return {str(e["SUMMARY"]): e for e in parsed.walk("VEVENT")}


def _about(events: dict[str, Any], text: str) -> Any:
    found, = (e for summary, e in events.items() if text in summary)
    return found


def _feed(api: Api, name: str = "privacy officer") -> str:
    return api.data(CREATE, Role.STEWARD, name=name)["createFeed"]["path"]  # type: ignore[no-any-return]


def test_the_feed_carries_each_deadline_and_request_with_its_explanation(store: Store) -> None:
    api = _api(store)
    response = api.client.get(_feed(api))
    assert response.status_code == 200 and response.headers["content-type"] == "text/calendar; charset=utf-8"
    events = _events(response.text)
    found = sorted((str(e["CATEGORIES"].cats[0]), e["DTSTART"].dt, summary.split(" ")[1])
                   for summary, e in events.items())
    assert found == [("DUE", date(2026, 10, 7), "deidentify"), ("DUE", date(2026, 10, 8), "answer"),
                     ("ELIGIBLE", date(2025, 6, 7), '"Dropout'), ("OVERDUE", date(2026, 6, 7), "destroy"),
                     ("OVERDUE", date(2026, 7, 16), "answer")]
    rows = {r.system: r for r in compute_deadlines(store, AS_OF)}
    overdue, eligible = _about(events, "(old-lms)"), _about(events, "(archive)")
    assert str(overdue["DESCRIPTION"]) == rows["old-lms"].explanation
    assert "due 2026-06-07" in rows["old-lms"].explanation
    assert str(eligible["DESCRIPTION"]) == rows["archive"].explanation
    assert "keep at least 1 year" in rows["archive"].explanation
    assert '"Archive; old, boxed" (archive), cohort exits-2024 may be destroyed' in str(eligible["SUMMARY"])
    late = _about(events, "req-late")
    assert "received on 2026-06-01" in str(late["DESCRIPTION"]) and "by 2026-07-16" in str(late["DESCRIPTION"])
    assert not any("req-done" in s for s in events)  # answered: nothing left to do
    assert all(e["DTEND"].dt.toordinal() == e["DTSTART"].dt.toordinal() + 1 for e in events.values())


def test_uids_are_unique_and_stay_the_same_from_one_day_to_the_next(store: Store) -> None:
    api = _api(store)
    path = _feed(api)
    before = _events(api.client.get(path).text)
    later = _events(_api_over(api, date(2026, 10, 20)).get(path).text)
    uids = [str(e["UID"]) for e in before.values()]
    assert len(set(uids)) == len(uids) == 5
    tutoring_before, tutoring_later = _about(before, "(tutoring)"), _about(later, "(tutoring)")
    assert [str(e["CATEGORIES"].cats[0]) for e in (tutoring_before, tutoring_later)] == ["DUE", "OVERDUE"]
    assert tutoring_before["UID"] == tutoring_later["UID"]
    assert api.client.get(path).content == api.client.get(path).content  # the same day gives the same bytes


def _api_over(api: Api, as_of: date) -> TestClient:
    return TestClient(create_app(api.store, today=lambda: as_of))


def test_a_revoked_unknown_or_missing_key_answers_404_with_no_detail(store: Store) -> None:
    api = _api(store)
    path = _feed(api)
    nowhere = api.client.get("/no-such-page")
    assert nowhere.status_code == 404
    for wrong in ["/deadlines.ics", "/deadlines.ics?key=", "/deadlines.ics?key=stf_guess",
                  f"/deadlines.ics?key={api.tokens[Role.ADMIN]}"]:
        answer = api.client.get(wrong)
        assert (answer.status_code, answer.content, answer.headers["content-type"]) == (
            404, nowhere.content, nowhere.headers["content-type"]), wrong
    assert api.client.get(path).status_code == 200
    assert api.data('mutation { revokeFeed(name: "privacy officer") }', Role.STEWARD) == {"revokeFeed": True}
    gone = api.client.get(path)
    assert (gone.status_code, gone.content) == (404, nowhere.content)
    again = api.error('mutation { revokeFeed(name: "privacy officer") }', Role.STEWARD)
    assert again["extensions"]["code"] == "NOT_FOUND"


def test_a_feed_secret_is_stored_hashed_audited_and_opens_nothing_else(store: Store) -> None:
    api = _api(store)
    made = api.data(CREATE, Role.STEWARD, name="  records manager ")["createFeed"]
    secret = made["secret"]
    assert made["name"] == "records manager" and made["path"] == f"/deadlines.ics?key={secret}"
    stored = [t for t in store.tokens() if t.digest == digest(secret)]
    assert len(stored) == 1 and secret not in repr(store.tokens())
    last = store.changes()[-1]
    assert (last.actor, last.action, last.target) == ("steward-token", "create-feed", "feed:records manager")
    assert secret not in repr(last)
    as_bearer = api.client.post("/graphql", json={"query": "{ __typename }"},
                                headers={"Authorization": f"Bearer {secret}"})
    assert as_bearer.status_code == 401
    tokens = api.data("{ tokens { name } }", Role.ADMIN)["tokens"]
    assert "records manager" not in str(tokens) and "feed:" not in str(tokens)
    assert api.data("{ feeds { name revokedAt } }", Role.STEWARD)["feeds"] == [
        {"name": "records manager", "revokedAt": None}]
    clash = api.error('mutation { createToken(name: "feed:x", role: "VIEWER") { secret } }', Role.ADMIN)
    assert clash["extensions"]["code"] == "VALIDATION" and clash["extensions"]["field"] == "name"


@pytest.mark.parametrize("role", [Role.PUBLIC, Role.VIEWER], ids=lambda r: r.name)
def test_only_stewards_manage_feeds(store: Store, role: Role) -> None:
    api = _api(store)
    _feed(api)
    before = store.tokens()
    for query in [CREATE, 'mutation { revokeFeed(name: "privacy officer") }', "{ feeds { name } }"]:
        error = api.error(query, role, name="mine")
        assert error["extensions"]["code"] == "FORBIDDEN", error
    assert store.tokens() == before


def test_feed_create_list_and_revoke_on_the_command_line(tmp_path: Path) -> None:
    def run(*args: str) -> Any:
        return CliRunner().invoke(cli, ["--store", str(tmp_path), *args], catch_exceptions=False)

    assert run("load", *map(str, PATHS)).exit_code == 0
    made = run("feed", "create", "--name", "privacy officer", "--base-url", "https://steward.example.org/")
    url = made.stdout.strip()
    assert made.exit_code == 0 and url.startswith("https://steward.example.org/deadlines.ics?key=stf_")
    listed = run("feed", "list", "--json")
    assert '"name": "privacy officer"' in listed.stdout and url.split("key=")[1] not in listed.stdout
    assert "privacy officer" not in run("token", "list").stdout
    opened = open_store(StoreConfig(backend="embedded", store=str(tmp_path)))
    try:
        client = TestClient(create_app(opened, today=lambda: AS_OF))
        path = url.removeprefix("https://steward.example.org")
        assert len(_events(client.get(path).text)) == 5
        assert run("feed", "revoke", "privacy officer").exit_code == 0
        assert client.get(path).status_code == 404
    finally:
        opened.close()
    second = run("feed", "revoke", "privacy officer")
    assert second.exit_code == 2 and "no active feed" in second.stderr


def test_text_is_escaped_and_folded_so_that_no_name_forges_a_line() -> None:
    hostile = Dated(("x",), date(2026, 1, 2), "DUE", "a\r\nBEGIN:VEVENT\r\nUID:forged; b, c\\ d " + "é✓" * 60,
                    "line one\nline two\x00\x1b[31m", "n")
    text = calendar([hostile], date(2026, 1, 1))
    assert all(len(line.encode()) <= LINE_OCTETS for line in text.split("\r\n"))
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    event, = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == "a\nBEGIN:VEVENT\nUID:forged; b, c\\ d " + "é✓" * 60  # still one event
    assert str(event["DESCRIPTION"]) == "line one\nline two[31m"
