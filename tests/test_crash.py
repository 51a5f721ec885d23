"""A process killed in the middle of a load leaves the store as it was before or after."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.dump import export_to
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths

from .conftest import DATA

# Loads the catalog into the store, slowed down inside the SQLite transaction (each row's
# properties are encoded as SQLite takes the row) so that the test can kill the process
# while rows are being written.
LOADER = """
import sys, time
from graph.embedded import durable
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths

original = durable.encode
count = 0
def slow(props):
    global count
    count += 1
    if count == 50:
        print("writing", flush=True)
    if count >= 50:
        time.sleep(0.002)
    return original(props)
durable.encode = slow
load_paths(EmbeddedStore(sys.argv[1]), [sys.argv[2]], now="2026-05-01T00:00:00Z")
print("done", flush=True)
"""


def big_catalog(path: Path, elements: int = 600) -> Path:
    lines = ["systems:", "  - {id: big-sis, name: Big SIS, kind: SIS, holds: ["]
    lines += [f"      {{element: e-{i}}}," for i in range(elements)]
    lines += ["    ]}", "elements:"]
    lines += [f"  - {{id: e-{i}, name: Element {i}, category: health, sensitivity: PII, subject: STUDENT}}"
              for i in range(elements)]
    path.write_text("\n".join(lines) + "\n")
    return path


def dump(folder: Path) -> str:
    store = EmbeddedStore(folder)
    out = io.StringIO()
    export_to(store, out)
    store.close()
    return out.getvalue()


@pytest.mark.slow
@pytest.mark.parametrize(("delay", "expected"), [(0.0, "before"), (0.5, "either"), (None, "after")])
def test_killed_mid_load_leaves_the_store_before_or_after(tmp_path: Path, delay: float | None,
                                                          expected: str) -> None:
    """Killed at once, mid-way, or once the load has said it is done (whatever the
    machine's speed: a fixed wait would make "after" a guess)."""
    folder, expected_after = tmp_path / "store", tmp_path / "after"
    catalog = big_catalog(tmp_path / "big.yaml")
    for target in (folder, expected_after):
        store = EmbeddedStore(target)
        load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
        store.close()
    store = EmbeddedStore(expected_after)
    load_paths(store, [catalog], now="2026-05-01T00:00:00Z")
    store.close()
    before, after = dump(folder), dump(expected_after)

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    proc = subprocess.Popen([sys.executable, "-c", LOADER, str(folder), str(catalog)],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    if delay is None:
        assert proc.stdout.readline().strip() == "done"
    else:
        time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()

    state = dump(folder)
    assert state in (before, after)
    if expected != "either":
        assert state == {"before": before, "after": after}[expected]
