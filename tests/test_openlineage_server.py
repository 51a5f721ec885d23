"""The OpenLineage intake end to end: the official `openlineage-python` client's HTTP
transport against `steward serve` in a subprocess, read back through GraphQL."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openlineage.client import OpenLineageClient
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
from openlineage.client.facet_v2 import column_lineage_dataset, schema_dataset
from openlineage.client.transport.http import ApiKeyTokenProvider, HttpConfig, HttpTransport

from .conftest import DATA
from .test_api_server import STEWARD, server

__all__ = ["server"]
PRODUCER = "https://example.org/pipelines/roster-export"
FLOW = "roster-export-sis-to-acme-app"


@pytest.fixture
def lineage_server(server: tuple[str, str], tmp_path: Path) -> Iterator[tuple[str, str]]:
    subprocess.run([*STEWARD, "--store", str(tmp_path / "store"), "load", "-q",
                    str(DATA / "openlineage-mappings.yaml")], check=True)
    yield server


def _client(base: str, token: str) -> OpenLineageClient:
    config = HttpConfig(url=base, auth=ApiKeyTokenProvider({"apiKey": token}))
    return OpenLineageClient(transport=HttpTransport(config))


def _schema(*names: str) -> schema_dataset.SchemaDatasetFacet:
    return schema_dataset.SchemaDatasetFacet(fields=[schema_dataset.SchemaDatasetFacetFields(name=n, type="text")
                                                     for n in names])


def _pipeline(run_id: str) -> list[RunEvent]:
    """A roster export: the SIS's students table to Acme's drop, with a scratch copy
    nobody has mapped yet."""
    students = InputDataset(namespace="postgres://sis-db:5432", name="sis.public.students",
                            facets={"schema": _schema("student_id", "birth_date", "home_room")})
    lineage = column_lineage_dataset.ColumnLineageDatasetFacet(fields={
        "dob": column_lineage_dataset.Fields(inputFields=[column_lineage_dataset.InputField(
            namespace="postgres://sis-db:5432", name="sis.public.students", field="birth_date")])})
    roster = OutputDataset(namespace="s3://acme-drop", name="rosters/2026-09-01.csv",
                           facets={"schema": _schema("dob"), "columnLineage": lineage})
    scratch = OutputDataset(namespace="s3://scratch", name="tmp/roster.parquet", facets={"schema": _schema("dob")})
    job = Job(namespace="district-pipelines", name="roster_export")
    run = Run(runId=run_id)
    return [RunEvent(eventType=state, eventTime=time, run=run, job=job, producer=PRODUCER,
                     inputs=[students], outputs=[roster, scratch])
            for state, time in ((RunState.START, "2026-09-01T02:00:00Z"),
                                (RunState.COMPLETE, "2026-09-01T02:05:00+00:00"))]


def _graphql(base: str, token: str, query: str) -> dict[str, Any]:
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(f"{base}/graphql", data=json.dumps({"query": query}).encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.loads(response.read())
    assert "errors" not in answer, answer
    return answer["data"]  # type: ignore[no-any-return]


def _post(base: str, token: str, body: bytes) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(f"{base}/api/v1/lineage", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


FLOWS = """{ flows(from: "sis", to: "acme-app") { nodes { id name lastRunId lastObservedAt
             from { id } to { id } carries { id } } } }"""
PENDING = "{ pendingObservations { nodes { id namespace dataset fields job lastRunId } } }"


@pytest.mark.slow
def test_the_openlineage_client_records_flows_and_pending_datasets(lineage_server: tuple[str, str]) -> None:
    base, token = lineage_server
    run_id = str(uuid.uuid4())
    client = _client(base, token)
    for event in _pipeline(run_id):
        client.emit(event)

    flows = {f["id"]: f for f in _graphql(base, token, FLOWS)["flows"]["nodes"]}
    assert flows[FLOW] == {"id": FLOW, "name": "roster_export", "lastRunId": run_id,
                           "lastObservedAt": "2026-09-01T02:05:00Z", "from": {"id": "sis"},
                           "to": {"id": "acme-app"}, "carries": [{"id": "student-birth-date"}]}
    pending = _graphql(base, token, PENDING)["pendingObservations"]["nodes"]
    assert [(p["namespace"], p["dataset"], p["fields"], p["job"], p["lastRunId"]) for p in pending] == [
        ("s3://scratch", "tmp/roster.parquet", ["dob"], "roster_export", run_id)]
    trail = _graphql(base, token, f'{{ changes(nodeId: "{FLOW}", since: "2000-01-01") {{ actor action }} }}')
    assert trail["changes"] == [{"actor": "ci", "action": "create"}]

    before = _graphql(base, token, '{ changes(since: "2000-01-01", first: 500) { seq target after } }')
    for event in _pipeline(run_id):  # a replay
        client.emit(event)
    assert _graphql(base, token, '{ changes(since: "2000-01-01", first: 500) { seq target after } }') == before
    assert _graphql(base, token, PENDING)["pendingObservations"]["nodes"] == pending

    # The public sees the flow as any flow, but neither its runs nor the pending datasets.
    public = _graphql(base, "", f'{{ node(id: "{FLOW}") {{ id ... on Flow {{ lastRunId lastObservedAt }} }} }}')
    assert public["node"] == {"id": FLOW, "lastRunId": None, "lastObservedAt": None}
    assert _graphql(base, "", f'{{ node(id: "{pending[0]["id"]}") {{ id }} }}')["node"] is None


@pytest.mark.slow
def test_a_malformed_event_gets_a_400_naming_the_bad_field(lineage_server: tuple[str, str]) -> None:
    base, token = lineage_server
    event = json.loads(_event_json())
    del event["run"]["runId"]
    status, answer = _post(base, token, json.dumps(event).encode())
    assert status == 400
    assert answer["errors"][0]["extensions"] == {"code": "BAD_REQUEST", "path": "$.run.runId"}
    event = json.loads(_event_json())
    event["inputs"][0]["facets"]["schema"]["fields"][1]["name"] = 7
    status, answer = _post(base, token, json.dumps(event).encode())
    assert (status, answer["errors"][0]["extensions"]["path"]) == (400, "$.inputs[0].facets.schema.fields[1].name")
    assert _graphql(base, token, PENDING)["pendingObservations"]["nodes"] == []
    status, answer = _post(base, "not-a-token", _event_json().encode())
    assert status == 401
    request = urllib.request.Request(f"{base}/api/v1/lineage", data=_event_json().encode(), method="POST")
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(request, timeout=30)
    assert anonymous.value.code == 401
    anonymous.value.close()


def _event_json() -> str:
    from openlineage.client.serde import Serde

    return Serde.to_json(_pipeline(str(uuid.uuid4()))[1])
