"""`steward plan` on the example district, on both backends: what a change would do and
its governance impact, with nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from api.cli import cli
from graph.loading import load_paths
from graph.store import Store, sorted_edges, sorted_nodes

from .conftest import NEO4J_URI, SEEDS

VENDOR = """
organizations:
  - {id: tutorly-inc, name: Tutorly Inc., kind: SERVICE_PROVIDER}
systems:
  - {id: tutorly-app, name: Tutorly, kind: APPLICATION, operated_by: tutorly-inc, owners: [p-it-director]}
flows:
  - {id: sis-to-tutorly, name: Roster to Tutorly, from: sis, to: tutorly-app, carries: [student-birth-date],
     method: API}
"""


@pytest.fixture
def district(store: Store, tmp_path: Path) -> tuple[Store, list[str], Path]:
    """The example district loaded, the command-line options that reach its store, and a
    copy of its catalog to change."""
    load_paths(store, [SEEDS], now="2026-01-01T00:00:00Z")
    options = (["--backend", "neo4j", "--neo4j-uri", NEO4J_URI] if store.name == "neo4j"
               else ["--store", str(tmp_path / "store")])
    catalog = tmp_path / "catalog"
    shutil.copytree(SEEDS, catalog, ignore=shutil.ignore_patterns("*.md"))
    return store, options, catalog


def _plan(options: list[str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*options, "plan", "--as-of", "2026-09-01", *args], catch_exceptions=False)
    return result.exit_code, result.stdout


def _state(store: Store) -> tuple[Any, ...]:
    return list(sorted_nodes(store)), list(sorted_edges(store)), store.data_version(), len(store.changes(limit=5000))


def test_a_flow_to_a_vendor_without_an_agreement_is_a_new_high_finding(
        district: tuple[Store, list[str], Path]) -> None:
    store, options, catalog = district
    (catalog / "tutorly.yaml").write_text(VENDOR, encoding="utf-8")
    before = _state(store)

    code, out = _plan(options, str(catalog), "--json")
    plan = json.loads(out)
    assert code == 0 and plan["governance_impact"] is True
    assert {(n["label"], n["id"]) for n in plan["nodes"]["added"]} == {
        ("Organization", "tutorly-inc"), ("System", "tutorly-app"), ("Flow", "sis-to-tutorly")}
    assert plan["nodes"]["changed"] == [] and plan["relationships"]["removed"] == []
    assert "TO:sis-to-tutorly->tutorly-app" in plan["relationships"]["added"]
    high = [(f["rule"], f["node"]) for f in plan["findings"]["appeared"] if f["severity"] == "HIGH"]
    assert high == [("flow-without-basis", "sis-to-tutorly")]
    assert plan["findings"]["disappeared"] == []
    assert plan["outside_flows"] == [{"flow": "sis-to-tutorly", "from": "sis", "to": "tutorly-app",
                                      "organizations": ["tutorly-inc"], "bases": [],
                                      "carries": ["student-birth-date"]}]

    code, out = _plan(options, str(catalog), "--fail-on", "high", "--format", "markdown")
    assert code == 1
    assert "| HIGH | 6 | `flow-without-basis` | `sis-to-tutorly` |" in out
    assert "| `sis-to-tutorly` | `sis` | `tutorly-app` | tutorly-inc | none |" in out
    assert _state(store) == before


def test_a_description_edit_has_no_governance_impact(district: tuple[Store, list[str], Path]) -> None:
    store, options, catalog = district
    systems = catalog / "systems.yaml"
    text = systems.read_text(encoding="utf-8")
    systems.write_text(text.replace("The system of record for enrollment", "The record for enrollment", 1),
                       encoding="utf-8")
    before = _state(store)

    code, out = _plan(options, str(catalog), "--fail-on", "low", "--json")
    plan = json.loads(out)
    assert code == 0 and plan["governance_impact"] is False
    assert plan["nodes"] == {"added": [], "changed": [{"id": "sis", "label": "System", "fields": ["description"]}],
                             "removed": []}
    assert plan["findings"] == {"appeared": [], "disappeared": []}
    assert plan["deadlines"] == [] and plan["outside_flows"] == []
    code, out = _plan(options, str(catalog))
    assert code == 0 and out.splitlines()[-1] == "No governance impact as of 2026-09-01."
    assert _state(store) == before


def test_a_shorter_retention_period_moves_deadlines(district: tuple[Store, list[str], Path]) -> None:
    store, options, catalog = district
    before = _state(store)
    (catalog / "retention.yaml").write_text(
        (catalog / "retention.yaml").read_text(encoding="utf-8").replace("keep_at_least: P60Y", "keep_at_least: P6Y"),
        encoding="utf-8")
    code, out = _plan(options, str(catalog), "--json")
    plan = json.loads(out)
    assert code == 0 and plan["deadlines"]
    assert {d["before"]["rule"] for d in plan["deadlines"]} == {"il-permanent-record"}
    assert all(d["after"]["eligible_on"] < d["before"]["eligible_on"] for d in plan["deadlines"])
    assert _state(store) == before


def test_a_change_that_cannot_load_is_reported_as_a_load_would(district: tuple[Store, list[str], Path]) -> None:
    store, options, catalog = district
    before = _state(store)
    (catalog / "bad.yaml").write_text("flows:\n  - {id: f-bad, from: sis, to: nowhere}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [*options, "plan", str(catalog)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "bad.yaml:2: flows[0].to: unknown id 'nowhere'" in result.stderr
    assert _state(store) == before


@pytest.mark.parametrize("verb", [["plan"], ["ingest", "openlineage"]])
def test_the_new_verbs_are_in_help_and_in_the_readme(verb: list[str]) -> None:
    from .conftest import ROOT

    listed = CliRunner().invoke(cli, ["--help"]).stdout
    assert verb[0] in listed.split("Commands:")[1]
    result = CliRunner().invoke(cli, [*verb, "--help"])
    assert result.exit_code == 0 and f"Usage: cli {' '.join(verb)} [OPTIONS]" in " ".join(result.stdout.split())
    assert f"| `{' '.join(verb)} " in (ROOT / "README.md").read_text(encoding="utf-8")


def test_catalog_text_stays_text_in_a_markdown_comment() -> None:
    from api.cli.plan_cmd import _cell

    assert _cell("a|b ![x](https://e.test/p.png) <img src=x>\n*y*") == (
        "a\\|b \\!\\[x\\]\\(https://e.test/p.png\\) &lt;img src=x&gt; \\*y\\*")
