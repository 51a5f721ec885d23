"""The deadlines and findings of a generated state, byte for byte as they were before
the engine was made faster: every row, its status, its dates, its explanation and its
clocks, and every finding. A change meant to alter an answer updates the digests below
(and says why); a change meant only to be faster must leave them as they are."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from catalog import synthetic
from catalog.deadlines import compute_deadlines
from catalog.findings import run_checks
from catalog.view import Snapshot
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths
from graph.yaml_source import dump_yaml

NOW = "2026-01-01T00:00:00+00:00"
# (as_of, rows, digest of the rows as JSON); the findings as of the first date.
DEADLINES = [
    (date(2026, 9, 1), 4669, "8fb6022984d308302673439cf6501eeddfd1a531736213fb91941564a1a8385b"),
    (date(2031, 6, 30), 4669, "f1b998622691572034d223e5de5324ec50879f81f4b7dc818f0654dd4dabbcae"),
]
FINDINGS = (716, "d9850507ca47ddae9c9e343e6aebcca686090c260b519366676ac8e1cca21df1")


def digest(items: list[dict[str, object]]) -> str:
    return hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    folder = tmp_path_factory.mktemp("state")
    for name, document in synthetic.generate(synthetic.Shape(districts=2), seed=1).items():
        (folder / "catalog" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "catalog" / name).write_text(dump_yaml(document), encoding="utf-8")
    store = EmbeddedStore(folder / "store", in_memory=False)
    report = load_paths(store, [folder / "catalog"], now=NOW)
    assert report.files == 3 and report.created
    return Snapshot.of(store)


@pytest.mark.parametrize(("as_of", "rows", "expected"), DEADLINES)
def test_deadline_rows_are_the_same_as_before(state: Snapshot, as_of: date, rows: int, expected: str) -> None:
    answer = compute_deadlines(state, as_of)
    # The state exercises what the digest stands for: cohorts, binding, destructions.
    assert {d.status.value for d in answer} >= {"DESTROYED", "OVERDUE", "SCHEDULED"}
    assert any(d.cohort for d in answer) and any(d.bound_by for d in answer)
    found = [d.as_dict() for d in answer]
    assert (len(found), digest(found)) == (rows, expected)


def test_findings_are_the_same_as_before(state: Snapshot) -> None:
    found = [f.as_dict() for f in run_checks(state, DEADLINES[0][0])]
    assert (len(found), digest(found)) == FINDINGS
