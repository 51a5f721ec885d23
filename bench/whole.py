"""Whole-catalog work, in process on an open store, as the command line's verbs do it:
`steward deadlines`, `steward check` (the findings and the scorecard from one snapshot)
and `steward publish` (the site built and written to a folder). Their figure is how they
grow: the time at the largest size over the time at half of it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date

from api.inventory import build_site, write_site
from catalog.deadlines import compute_deadlines
from catalog.findings import run_checks, scorecard
from catalog.view import Snapshot
from graph.store import Store

AS_OF = date(2026, 9, 1)
BASE_URL = "https://state.example/privacy/"


def deadlines(store: Store) -> int:
    return len(compute_deadlines(store, AS_OF))


def findings(store: Store) -> int:
    snap = Snapshot.of(store)
    found = run_checks(snap, AS_OF)
    scorecard(snap, AS_OF, found)
    return len(found)


def publish(store: Store) -> int:
    with tempfile.TemporaryDirectory(prefix="steward-bench-site-") as out:
        files = build_site(store, AS_OF, BASE_URL)
        write_site(files, out)
    return len(files)


WORK: dict[str, Callable[[Store], int]] = {"deadlines": deadlines, "findings": findings, "publish": publish}
