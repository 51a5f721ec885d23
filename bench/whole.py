"""Whole-catalog work on an open store, as the command line's verbs do it: `steward
deadlines`, `steward check` (the findings and the scorecard from one snapshot) and
`steward publish` (the site built and written to a folder). Their figure is how they
grow: the time at the largest size over the time at half of it.

Each run is a process of its own, as each command is:

    python -m bench.whole embedded STORE_DIR|neo4j BOLT_URI deadlines|findings|publish

opens the store as a command opens it, times the work alone (not the interpreter's start
or exit) and prints `{"seconds": ..., "answer": ...}`, with the work's CPU time in user
and kernel mode and its page faults. Run in the suite's own process,
a run's time depended on what the suite had done before it: the same deadlines took
2.9 s at 100 districts there, 3.5 s in a process of their own."""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date

from api.inventory import build_site, write_site
from catalog.deadlines import compute_deadlines
from catalog.findings import run_checks, scorecard
from catalog.view import Snapshot
from graph.backends import StoreConfig, open_store
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


def main(argv: list[str]) -> None:
    backend, location, work = argv
    config = (StoreConfig(backend="embedded", store=location, in_memory=False) if backend == "embedded"
              else StoreConfig(backend="neo4j", neo4j_uri=location))
    store = open_store(config)
    try:
        before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        answer = WORK[work](store)
        seconds, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
    finally:
        store.close()
    # Where the time went besides the work's own code: the kernel's share (page faults of
    # fresh memory among it) and the faults, to tell a slow machine from slow work.
    print(json.dumps({"seconds": seconds, "answer": answer, "user_s": after.ru_utime - before.ru_utime,
                      "system_s": after.ru_stime - before.ru_stime,
                      "minor_faults": after.ru_minflt - before.ru_minflt}))


if __name__ == "__main__":
    main(sys.argv[1:])
