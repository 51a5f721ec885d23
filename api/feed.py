"""The deadline feed: `/deadlines.ics?key=SECRET`, an iCalendar (RFC 5545) of the dated
duties in `catalog.agenda`, as of the day it is asked, that a privacy officer subscribes
to in any calendar. A STEWARD creates a feed (and its secret URL) and revokes it; a
revoked, unknown or missing key answers 404 exactly as a path that does not exist, so
the URL tells a stranger nothing.

All-day events; each one's UID is a digest of what it is about, so a calendar that
fetches the feed again updates an entry instead of adding one."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from api.auth import feed_of
from catalog.agenda import Dated, agenda
from catalog.deadlines import compute_deadlines
from catalog.view import Snapshot
from graph.store import Store

PATH = "/deadlines.ics"
MEDIA_TYPE = "text/calendar; charset=utf-8"
LINE_OCTETS = 75  # RFC 5545 3.1: longer lines are folded


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11). Control characters, which no calendar shows and
    which could forge a property line, are dropped."""
    clean = "".join(c if c == "\n" or c == "\t" or c.isprintable() else "" for c in text)
    return clean.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> Iterator[str]:
    """A content line cut into lines of at most 75 octets, never inside a character."""
    chunk, size = "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > LINE_OCTETS:
            yield chunk
            chunk, size = " ", 1
        chunk, size = chunk + char, size + octets
    yield chunk


def _day(on: date) -> str:
    return on.strftime("%Y%m%d")


def uid(entry: Dated) -> str:
    return hashlib.sha256("\x1f".join(entry.key).encode()).hexdigest()[:32] + "@steward"


def _event(entry: Dated, stamp: str) -> list[str]:
    return ["BEGIN:VEVENT", f"UID:{uid(entry)}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{_day(entry.on)}",
            f"DTEND;VALUE=DATE:{_day(date.fromordinal(entry.on.toordinal() + 1))}",
            f"SUMMARY:{escape(entry.summary)}", f"DESCRIPTION:{escape(entry.explanation)}",
            f"CATEGORIES:{entry.status}", f"X-STEWARD-NODE:{escape(entry.node)}", "TRANSP:TRANSPARENT",
            "END:VEVENT"]


def calendar(entries: list[Dated], as_of: date) -> str:
    # DTSTAMP is the day the feed was computed for, so that the same catalog and day
    # give the same bytes.
    stamp = f"{_day(as_of)}T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Steward//Deadline feed//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", "X-WR-CALNAME:Steward deadlines",
             *(line for entry in entries for line in _event(entry, stamp)), "END:VCALENDAR"]
    return "".join(part + "\r\n" for line in lines for part in fold(line))


def deadline_feed(store: Store, as_of: date) -> str:
    """Blocking: the feed's text as of `as_of`."""
    rows = compute_deadlines(store, as_of)
    return calendar(agenda(Snapshot.of(store), rows, as_of), as_of)


def not_found() -> Response:
    # The same answer as a path that does not exist (Starlette's own).
    return PlainTextResponse("Not Found", status_code=404)


def make_routes(store: Store, today: Callable[[], date]) -> list[Route]:
    async def feed(request: Request) -> Response:
        key = request.query_params.get("key", "")
        if not key or await run_in_threadpool(feed_of, store, key) is None:
            return not_found()
        text = await run_in_threadpool(deadline_feed, store, today())
        return Response(text, media_type=MEDIA_TYPE, headers={"Cache-Control": "private, no-store"})

    return [Route(PATH, feed)]
