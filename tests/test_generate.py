"""`steward generate`: a synthetic state that loads without a problem, the same bytes for
the same options, and the shape the benchmarks rely on (districts reporting to the state,
whose warehouse feeds research enclaves and public reports)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import yaml
from click.testing import CliRunner

from api.cli import cli
from catalog import synthetic
from catalog.lineage import lineage
from catalog.view import Direction
from catalog.vocab import Label, RelType
from graph.loading import load_paths
from graph.store import Store
from graph.yaml_source import dump_yaml

NOW = "2026-01-01T00:00:00Z"


def generate(out: Path, *args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["generate", *args, "--json", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_the_same_options_write_the_same_bytes_and_another_seed_other_ones(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", "--districts", "2", "--seed", "7")
    generate(tmp_path / "b", "--districts", "2", "--seed", "7")
    generate(tmp_path / "c", "--districts", "2", "--seed", "8")
    assert first["files"] == 3 and first["districts"] == 2
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert list(files(tmp_path / "a")) == ["districts/d0001.yaml", "districts/d0002.yaml", "state.yaml"]
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_a_generated_state_loads_without_a_problem_and_has_the_shape_asked_for(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "state"
    answer = generate(out, "--districts", "3", "--seed", "1")
    report = load_paths(store, [out], now=NOW)
    counts = store.count_nodes()
    assert sum(counts.values()) == answer["nodes"], report
    systems = [n.id for n in store.find_nodes(Label.SYSTEM)]
    per_district = Counter(s.split("-")[0] for s in systems if s.startswith("d0"))
    assert sorted(per_district) == ["d0001", "d0002", "d0003"]
    assert all(12 <= n <= 20 for n in per_district.values()), per_district  # about 15 each
    held = {e.target for e in store.edges(None, types=[RelType.HOLDS]) if e.source.startswith("d0001-")}
    assert 100 <= len(held) <= 200  # about 150 of the shared vocabulary
    # The state's SIS receives from every district.
    senders = {e.source for e in store.edges("state-sis", direction=Direction.IN, types=[RelType.TO])}
    sources = {store.edges(flow, types=[RelType.FROM])[0].target for flow in senders}
    assert {s.split("-")[0] for s in sources} >= {"d0001", "d0002", "d0003"}


def test_lineage_runs_deep_from_a_district_to_the_states_public_reports(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "state"
    generate(out, "--districts", "2", "--seed", "3")
    load_paths(store, [out], now=NOW)
    down = lineage(store, "d0001-sis", "down", depth=10).reach[0]
    distance = {s.system: s.distance for s in down.systems}
    assert distance["state-sis"] == 1 and distance["state-warehouse"] == 2
    assert {distance[f"enclave-{k}"] for k in range(1, 4)} == {3}
    assert distance["state-reports"] == 4
    # Wide as well as deep: the district's own systems and its providers' applications.
    assert sum(1 for s in distance if s.startswith("d0001-")) >= 10


def test_generated_text_round_trips_through_the_writer() -> None:
    documents = synthetic.generate(synthetic.Shape(districts=1), seed=5)
    for document in documents.values():
        assert yaml.safe_load(dump_yaml(document)) == document
    # Line breaks YAML folds when quoted bare (NEL, LS, PS) come back as written.
    odd = {"notes": "a\x85b \u2028 c\u2029", "alone": "\x85"}
    assert yaml.safe_load(dump_yaml(odd)) == odd


def test_bad_options_are_refused_with_the_reason(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", "--districts", "0", str(tmp_path / "x")])
    assert result.exit_code == 2 and "--districts" in result.output
    assert not (tmp_path / "x").exists()
