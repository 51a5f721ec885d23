"""The OpenLineage intake: events read with the JSON path of each problem, mappings
matched, and what runs show written as ordinary, audited catalog changes on both backends."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from api.cli import cli
from catalog.openlineage import Dataset, EventError, Mapped, flows_of, mapping_for, parse_event, slug
from catalog.source import CatalogError
from catalog.vocab import Label, RelType
from graph import curation
from graph.intake import ingest
from graph.loading import load_paths
from graph.store import Store

from .conftest import DATA
from .helpers import load_text

SIS, ACME = ("postgres://sis-db:5432", "sis.public.students"), ("s3://acme-drop", "rosters/a.csv")
FLOW = "roster-export-sis-to-acme-app"


def dataset(where: tuple[str, str], *fields: str) -> dict[str, Any]:
    found: dict[str, Any] = {"namespace": where[0], "name": where[1]}
    if fields:
        found["facets"] = {"schema": {"fields": [{"name": f, "type": "text"} for f in fields]}}
    return found


def event(state: str = "COMPLETE", time: str = "2026-09-01T02:05:00Z", run: str = "run-1",
          inputs: list[dict[str, Any]] | None = None, outputs: list[dict[str, Any]] | None = None,
          job: str = "roster_export") -> dict[str, Any]:
    return {"eventType": state, "eventTime": time, "producer": "https://example.org/p", "schemaURL": "x",
            "run": {"runId": run}, "job": {"namespace": "district", "name": job},
            "inputs": [dataset(SIS, "birth_date")] if inputs is None else inputs,
            "outputs": [dataset(ACME, "dob")] if outputs is None else outputs}


@pytest.mark.parametrize(("change", "path"), [
    (lambda e: e.pop("eventTime"), "$.eventTime"),
    (lambda e: e.update(eventTime="2026-09-01T02:05:00"), "$.eventTime"),
    (lambda e: e.update(eventType="DONE"), "$.eventType"),
    (lambda e: e["job"].pop("name"), "$.job.name"),
    (lambda e: e.update(inputs={"a": 1}), "$.inputs"),
    (lambda e: e["outputs"][0].update(namespace=""), "$.outputs[0].namespace"),
    (lambda e: e["outputs"][0]["facets"]["schema"]["fields"].append({"type": "int"}),
     "$.outputs[0].facets.schema.fields[1].name"),
    (lambda e: e["outputs"][0]["facets"].update(columnLineage={"fields": {"dob": {"inputFields": [
        {"namespace": SIS[0], "name": SIS[1]}]}}}),
     "$.outputs[0].facets.columnLineage.fields['dob'].inputFields[0].field"),
])
def test_a_malformed_event_names_the_json_path_of_its_problem(change: Any, path: str) -> None:
    data = event()
    change(data)
    with pytest.raises(EventError) as raised:
        parse_event(data)
    assert raised.value.path == path


def test_dataset_and_job_events_are_observations_without_a_run() -> None:
    seen = parse_event({"eventTime": "2026-09-01T04:05:00+02:00", "producer": "p", "dataset": dataset(ACME, "dob")})
    assert (seen.run_state, seen.outputs[0].fields) == (None, ("dob",))
    assert seen.time == datetime(2026, 9, 1, 2, 5, tzinfo=UTC)
    job = parse_event({k: v for k, v in event().items() if k not in ("run", "eventType")})
    assert (job.run_id, job.job, len(job.inputs)) == (None, "roster_export", 1)


def test_column_lineage_says_which_input_fields_an_output_carries() -> None:
    sources = [{"namespace": SIS[0], "name": SIS[1], "field": "home_room"}]
    out = dataset(ACME, "dob")
    out["facets"]["columnLineage"] = {"fields": {"dob": {"inputFields": sources}}}
    mappings = [Mapped("a", SIS[0], "sis.*", "sis", {"birth_date": "birth", "home_room": "room"}),
                Mapped("b", ACME[0], "rosters/*", "acme-app", {})]
    [flow] = flows_of(parse_event(event(inputs=[dataset(SIS, "birth_date", "home_room")], outputs=[out])), mappings)
    assert (flow.source, flow.target, flow.elements) == ("sis", "acme-app", {"room"})


def test_the_most_specific_mapping_wins_and_long_ids_stay_slugs() -> None:
    wide = Mapped("a-wide", "ns", "*", "sys-a", {})
    narrow = Mapped("z-narrow", "ns", "sis.public.*", "sys-b", {})
    assert mapping_for([wide, narrow], Dataset("ns", "sis.public.students")) is narrow
    assert mapping_for([wide, narrow], Dataset("other", "sis.public.students")) is None
    long = slug("job " * 40)
    assert len(long) == 80 and long == slug("job " * 40) != slug("job " * 41)


@pytest.fixture
def mapped(store: Store) -> Store:
    load_paths(store, [DATA / "design-example.yaml", DATA / "openlineage-mappings.yaml"], now="2026-01-01T00:00:00Z")
    return store


def _observe(store: Store, *events: dict[str, Any]) -> Any:
    return ingest(store, [parse_event(e) for e in events], "pipeline-bot", "api:pipeline-bot",
                  now="2026-09-02T00:00:00Z")


def test_a_complete_run_is_a_flow_and_an_unmapped_dataset_is_pending(mapped: Store) -> None:
    scratch = dataset(("s3://scratch", "tmp/x.parquet"), "dob", "home_room")
    started = _observe(mapped, event("START", outputs=[dataset(ACME, "dob"), scratch]))
    assert started.flows == [] and len(started.pending) == 1
    report = _observe(mapped, event(outputs=[dataset(ACME, "dob"), scratch]))
    assert report.flows == [FLOW] and report.load.created == [FLOW]
    flow = mapped.get_node(FLOW)
    assert flow is not None and flow.label == Label.FLOW
    assert (flow.name, flow.get("last_run_id"), flow.get("last_observed_at")) == (
        "roster_export", "run-1", "2026-09-01T02:05:00Z")
    assert flow.get("defined_in") == "api:pipeline-bot"
    assert {(e.type, e.target) for e in mapped.edges(FLOW)} == {
        (RelType.FROM, "sis"), (RelType.TO, "acme-app"), (RelType.CARRIES, "student-birth-date")}
    [pending] = mapped.find_nodes(Label.PENDING_OBSERVATION)
    assert (pending.get("namespace"), pending.get("dataset"), pending.get("fields")) == (
        "s3://scratch", "tmp/x.parquet", ["dob", "home_room"])
    assert [(c.actor, c.action) for c in mapped.changes(node_id=FLOW)] == [("pipeline-bot", "create")]


def test_a_replay_or_an_older_run_changes_nothing(mapped: Store) -> None:
    _observe(mapped, event(run="run-2", time="2026-09-02T02:05:00Z"))
    version = mapped.data_version()
    again = _observe(mapped, event(run="run-2", time="2026-09-02T02:05:00Z"), event(run="run-1"))
    assert (again.load.created, again.load.updated, again.load.unchanged) == ([], [], 1)
    assert mapped.data_version() == version
    flow = mapped.get_node(FLOW)
    assert flow is not None and flow.get("last_run_id") == "run-2"


def test_a_later_run_keeps_what_a_steward_added_to_the_flow(mapped: Store) -> None:
    _observe(mapped, event())
    curation.update_node(mapped, FLOW, {"for": ["enrollment"], "under": ["dpa-acme"]}, "steward")
    report = _observe(mapped, event(run="run-9", time="2026-09-03T02:00:00Z",
                                    inputs=[dataset(SIS, "birth_date", "risk")], outputs=[dataset(ACME, "dob")]))
    assert report.load.updated == [FLOW]
    targets = {(e.type, e.target) for e in mapped.edges(FLOW)}
    assert {(RelType.FOR, "enrollment"), (RelType.UNDER, "dpa-acme")} <= targets
    flow = mapped.get_node(FLOW)
    assert flow is not None and flow.get("last_run_id") == "run-9"


def test_a_mapped_dataset_leaves_the_pending_list_at_its_next_run(mapped: Store, tmp_path: Path) -> None:
    warehouse = dataset(("bigquery", "district.analytics.roster"), "dob")
    _observe(mapped, event(outputs=[warehouse]))
    assert len(mapped.find_nodes(Label.PENDING_OBSERVATION)) == 1
    load_text(mapped, tmp_path, """
        dataset_mappings:
          - {id: state-copy, namespace: bigquery, name_pattern: "district.analytics.*", system: state-warehouse,
             fields: [{field: dob, element: student-birth-date}]}
    """)
    report = _observe(mapped, event(run="run-3", time="2026-09-05T00:00:00Z", outputs=[warehouse]))
    assert report.flows == ["roster-export-sis-to-state-warehouse"] and len(report.load.deleted) == 1
    assert mapped.find_nodes(Label.PENDING_OBSERVATION) == []
    assert [c.action for c in mapped.changes(node_id=report.load.deleted[0])][-1] == "delete"


def test_a_failed_intake_writes_nothing(mapped: Store, tmp_path: Path) -> None:
    load_text(mapped, tmp_path, """
        purposes:
          - {id: roster-export-sis-to-acme-app, name: Taken, category: OPERATIONS}
    """)
    version = mapped.data_version()
    with pytest.raises(CatalogError, match="already a Purpose"):
        _observe(mapped, event(outputs=[dataset(ACME, "dob"), dataset(("s3://scratch", "y"))]))
    assert mapped.data_version() == version
    assert mapped.find_nodes(Label.PENDING_OBSERVATION) == []


def test_a_dataset_mapping_is_validated_like_any_node(store: Store, tmp_path: Path) -> None:
    load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    with pytest.raises(CatalogError) as raised:
        load_text(store, tmp_path, """
            dataset_mappings:
              - {id: m1, namespace: ns, name_pattern: "*", system: sis, fields: [{field: a, element: shoe-size}]}
              - {id: m2, name_pattern: "*", fields: [{element: student-birth-date}]}
        """)
    found = {(p.location.path, p.message.split(":")[0]) for p in raised.value.problems}
    assert found == {("dataset_mappings[0].fields[0]", "unknown id 'shoe-size'"),
                     ("dataset_mappings[1].namespace", "missing"), ("dataset_mappings[1].system", "missing"),
                     ("dataset_mappings[1].fields[0]", "missing field")}


def test_ingest_reads_a_jsonl_file_all_or_nothing(tmp_path: Path) -> None:
    store = ["--store", str(tmp_path / "store")]
    runner = CliRunner()
    runner.invoke(cli, [*store, "load", "-q", str(DATA / "design-example.yaml"),
                        str(DATA / "openlineage-mappings.yaml")], catch_exceptions=False)
    broken = event(run="run-2")
    del broken["run"]["runId"]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in (event("START"), broken, event())) + "\n")
    result = runner.invoke(cli, [*store, "ingest", "openlineage", str(path)], catch_exceptions=False)
    assert result.exit_code == 2 and "events.jsonl:2: $.run.runId: missing" in result.stderr
    path.write_text("\n".join(json.dumps(e) for e in (event("START"), event())) + "\n")
    result = runner.invoke(cli, [*store, "ingest", "openlineage", str(path), "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["flows"] == [FLOW]
    again = runner.invoke(cli, [*store, "ingest", "openlineage", str(path), "--json"], catch_exceptions=False)
    assert (json.loads(again.stdout)["created"], json.loads(again.stdout)["unchanged"]) == (0, 1)
