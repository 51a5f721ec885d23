"""The command line, driven as a user drives it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from api.cli import cli

from .conftest import DATA
from .hostile import DEEP, LAUGHS

EXAMPLE = str(DATA / "design-example.yaml")
VERBS = ["init", "load", "stats", "show", "export", "import", "backup", "restore", "schema", "serve"]


def run(store: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_teaches_with_help(verb: str) -> None:
    result = CliRunner().invoke(cli, [verb, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.stdout and verb in result.stdout
    docstring = cli.commands[verb].help
    first_words = " ".join(docstring.split()[:6]) if docstring else None
    assert first_words and first_words in " ".join(result.stdout.split())


def test_load_then_stats_as_json(tmp_path: Path) -> None:
    code, out, err = run(tmp_path, "load", EXAMPLE)
    assert code == 0 and "24 created" in out and "design-example.yaml (24 nodes)" in err
    code, out, _ = run(tmp_path, "stats", "--json")
    data = json.loads(out)
    assert data["nodes"]["DataElement"] == 2 and data["relationships"]["HOLDS"] == 4
    assert data["total_nodes"] == 24


def test_a_bad_load_exits_2_and_reports_every_problem_as_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("flows:\n  - {id: f, from: x, to: y}\n")
    code, out, err = run(tmp_path / "store", "load", "--json", str(bad))
    assert code == 2 and "nothing was written" in err
    problems = json.loads(out)["problems"]
    assert [(p["line"], p["key"]) for p in problems] == [(2, "flows[0].from"), (2, "flows[0].to")]


def test_show_a_node_with_its_relationships(tmp_path: Path) -> None:
    run(tmp_path, "load", EXAMPLE)
    code, out, _ = run(tmp_path, "show", "sis", "--json")
    data = json.loads(out)
    assert data["label"] == "System" and data["props"]["kind"] == "SIS"
    assert {"direction": "in", "type": "OPERATES", "other": "district", "props": {}} in data["relationships"]
    code, out, _ = run(tmp_path, "show", "sis")
    assert "Riverside Unified School District" in out
    code, _, err = run(tmp_path, "show", "no-such-node")
    assert code == 2 and "no node with id 'no-such-node'" in err


def test_export_import_export_is_identical(tmp_path: Path) -> None:
    run(tmp_path / "a", "load", EXAMPLE)
    run(tmp_path / "a", "export", str(tmp_path / "one.jsonl"))
    code, out, _ = run(tmp_path / "b", "import", str(tmp_path / "one.jsonl"))
    assert code == 0 and "imported 24 nodes and 46 relationships" in out
    run(tmp_path / "b", "export", str(tmp_path / "two.jsonl"))
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_import_rejects_a_damaged_dump_and_writes_nothing(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"format":"steward-export","version":1}\n'
                    '{"kind":"node","label":"System","id":"sis","props":{}}\n'
                    '{"kind":"node","label":"Spaceship","id":"x","props":{}}\n')
    code, _, err = run(tmp_path / "s", "import", str(dump))
    assert code == 2 and "dump.jsonl:3" in err
    _, out, _ = run(tmp_path / "s", "stats", "--json")
    assert json.loads(out)["total_nodes"] == 0


def test_schema_is_valid_json_schema_naming_every_section() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"elements", "systems", "flows", "agreements"} <= set(schema["properties"])


def test_init_reports_the_store(tmp_path: Path) -> None:
    code, out, _ = run(tmp_path / "fresh", "init", "--json")
    assert code == 0 and json.loads(out)["nodes"] == 0 and (tmp_path / "fresh" / "steward.db").exists()


def test_store_from_the_environment(tmp_path: Path) -> None:
    env = {"STEWARD_STORE": str(tmp_path / "env-store")}
    result = CliRunner(env=env).invoke(cli, ["load", EXAMPLE])
    assert result.exit_code == 0 and (tmp_path / "env-store" / "steward.db").exists()


def test_the_console_script_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "api.cli", "--help"], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0 and "Steward" in proc.stdout


@pytest.mark.parametrize("verb", [["lineage", "nope"], ["owners", "nope"], ["blast-radius", "sis"]])
def test_analyses_of_an_unknown_node_exit_2_with_a_clear_message(tmp_path: Path, verb: list[str]) -> None:
    run(tmp_path, "load", EXAMPLE)
    code, _, err = run(tmp_path, *verb)
    assert code == 2 and err.startswith("steward: no ") and "Traceback" not in err


def test_deadlines_filter_by_system_element_cohort_and_status(tmp_path: Path) -> None:
    from .conftest import SEEDS

    assert run(tmp_path, "load", "-q", str(SEEDS))[0] == 0
    code, out, _ = run(tmp_path, "deadlines", "--as-of", "2026-09-01", "--system", "sis", "--cohort", "2019-2020",
                       "--element", "student-attendance-daily", "--json")
    rows = json.loads(out)["deadlines"]
    assert code == 0 and [(r["system"], r["element"], r["cohort"], r["status"]) for r in rows] == [
        ("sis", "student-attendance-daily", "2019-2020", "DESTROYED")]
    assert rows[0]["destroyed_by"] == "purge-2019-2020-sis" and rows[0]["due_on"] == "2025-06-12"
    code, out, _ = run(tmp_path, "deadlines", "--as-of", "2026-09-01", "--status", "on_hold", "--json")
    held = json.loads(out)["deadlines"]
    assert held and {r["status"] for r in held} == {"ON_HOLD"} and all(r["held_by"] for r in held)
    code, out, _ = run(tmp_path, "deadlines", "--as-of", "2026-09-01", "--system", "iep-system",
                       "--status", "OVERDUE")
    assert code == 0 and "il-special-education-record" in out and "review due by 2025-06-12" in out


@pytest.mark.parametrize(("text", "expected"), [
    (LAUGHS, "laughs.yaml:6: found the alias *a: catalog files may not use anchors"),
    (DEEP, "laughs.yaml:1: nested more than 20 levels deep"),
])
def test_load_refuses_aliases_and_deep_nesting_with_exit_2_and_a_short_report(tmp_path: Path, text: str,
                                                                            expected: str) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(text)
    code, _, err = run(tmp_path / "store", "load", str(path))
    assert code == 2 and expected in err and len(err) < 500


def test_load_caps_the_size_of_a_file_by_option_or_environment(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    size = Path(EXAMPLE).stat().st_size
    code, _, err = run(tmp_path / "store", "load", "--max-file-size", str(size - 1), EXAMPLE)
    assert code == 2 and f"design-example.yaml: {size:,} bytes is more than the {size - 1:,} bytes" in err
    monkeypatch.setenv("STEWARD_MAX_FILE_SIZE", str(size - 1))
    assert run(tmp_path / "store", "load", EXAMPLE)[0] == 2
    monkeypatch.setenv("STEWARD_MAX_FILE_SIZE", "many")
    code, _, err = run(tmp_path / "store", "load", EXAMPLE)
    assert code == 2 and "Invalid value for '--max-file-size'" in err
    monkeypatch.setenv("STEWARD_MAX_FILE_SIZE", str(size))
    assert run(tmp_path / "store", "load", EXAMPLE)[0] == 0


def test_lineage_prints_the_reach_and_pages_paths_only_when_asked(tmp_path: Path) -> None:
    run(tmp_path, "load", EXAMPLE)
    code, out, _ = run(tmp_path, "lineage", "student-birth-date")
    assert code == 0 and "downstream: 3 system(s), 2 flow(s)" in out
    assert [line.split() for line in out.splitlines() if line.startswith(("acme-app ", "sis "))][:2] == [
        ["sis", "district", "0", "(start)"], ["acme-app", "acme-learning", "1", "sis-to-acme"]]
    assert "path 1" not in out
    code, out, _ = run(tmp_path, "lineage", "student-birth-date", "--paths", "1", "--json")
    first = json.loads(out)
    assert code == 0 and first["reach"][0]["systems"][1] == {"id": "acme-app", "operator": "acme-learning",
                                                             "distance": 1, "chain": ["sis-to-acme"]}
    assert [[h["flow"] for h in p["hops"]] for p in first["paths"]["paths"]] == [["sis-to-acme"]]
    assert first["paths"]["more"]
    code, out, _ = run(tmp_path, "lineage", "student-birth-date", "--paths", "1", "--after", first["paths"]["after"])
    assert code == 0 and "sis-to-state" in out.split("path 1")[1] and "more paths follow" not in out
    code, _, err = run(tmp_path, "lineage", "student-birth-date", "--paths", "1", "--after", "nope")
    assert code == 2 and "not a cursor" in err
