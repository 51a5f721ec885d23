"""Roles against protected fields and operations (an allow/deny matrix), the request
limits, and errors that never leak internals."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import Settings, create_app
from api.auth import Role, authenticate, digest
from graph.store import Store

from .api_support import Api, make_api

ROLES = [Role.PUBLIC, Role.VIEWER, Role.STEWARD, Role.ADMIN]


@pytest.fixture
def api(store: Store) -> Api:
    return make_api(store)


# (what, query, the lowest role allowed). PUBLIC sees hidden fields as null and hidden
# nodes as absent; operations beyond a role are FORBIDDEN errors.
READS = [
    ("staff email", '{ node(id: "p-registrar") { ... on Person { email } } }',
     lambda d: d["node"] and d["node"]["email"] == "dreyes@example.org"),
    ("security controls", '{ node(id: "sis") { ... on System { controls } } }',
     lambda d: d["node"]["controls"] == ["ENCRYPTION_AT_REST", "ENCRYPTION_IN_TRANSIT", "MFA", "AUDIT_LOG"]),
    ("an incident", '{ node(id: "inc-2026-01") { id } }', lambda d: d["node"] == {"id": "inc-2026-01"}),
    ("incidents of a system", '{ node(id: "sis") { ... on System { incidents { id } } } }',
     lambda d: d["node"]["incidents"] == [{"id": "inc-2026-01"}]),
    ("a consent's people", '{ people { totalCount } }', lambda d: d["people"]["totalCount"] == 1),
    ("an unpublished element", '{ node(id: "risk-score") { id } }', lambda d: d["node"] == {"id": "risk-score"}),
    ("who owns a system", '{ node(id: "sis") { ... on System { owners { id } } } }',
     lambda d: d["node"]["owners"] == [{"id": "p-registrar"}]),
]
OPERATIONS: list[tuple[str, str, Role]] = [
    ("findings", '{ findings(asOf: "2026-09-01") { rule } }', Role.VIEWER),
    ("lineage", '{ lineage(id: "sis") { depth } }', Role.VIEWER),
    ("deadlines", '{ deadlines(asOf: "2026-09-01") { status } }', Role.VIEWER),
    ("blast radius", '{ blastRadius(incidentId: "inc-2026-01", asOf: "2026-09-01") { systems } }', Role.VIEWER),
    ("incidents list", "{ incidents { totalCount } }", Role.VIEWER),
    ("audit trail", "{ changes { seq } }", Role.VIEWER),
    ("update", 'mutation { updateNode(id: "sis", fields: {hosting: "x"}) { id } }', Role.STEWARD),
    ("create", 'mutation { createNode(label: "Mandate", fields: {id: "m-ROLE", name: "M", citation: "C"}) { id } }',
     Role.STEWARD),
    ("link", 'mutation { link(type: "USED_FOR", from: "acme-app", to: "enrollment") { type } }', Role.STEWARD),
    ("load", 'mutation { loadCatalog(yaml: "mandates: []") { unchanged } }', Role.STEWARD),
    ("list tokens", "{ tokens { name } }", Role.ADMIN),
    ("create token", 'mutation { createToken(name: "t-ROLE", role: "VIEWER") { secret } }', Role.ADMIN),
]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.name)
def test_protected_fields_by_role(api: Api, role: Role) -> None:
    for what, query, shows in READS:
        data = api.data(query, role)
        visible = bool(shows(data)) if data["node" if "node" in data else "people"] is not None else False
        assert visible == (role >= Role.VIEWER), f"{what} for {role.name}: {data}"


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.name)
def test_operations_by_role(api: Api, role: Role) -> None:
    for what, query, lowest in OPERATIONS:
        body = api.run(query.replace("ROLE", role.name.lower()), role)
        if role >= lowest:
            assert not body.get("errors"), f"{what} for {role.name}: {body}"
        else:
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", f"{what} for {role.name}: {body}"


def test_the_public_sees_only_what_the_inventory_shows(api: Api) -> None:
    data = api.data('{ node(id: "district") { name ... on Organization { contact { email } members { id } '
                    'operates { id } } } }', Role.PUBLIC)["node"]
    assert data == {"name": "Riverside Unified School District", "contact": {"email": "privacy@example.org"},
                    "members": [], "operates": [{"id": "sis"}]}
    assert api.data('{ node(id: "student-birth-date") { notes } }', Role.PUBLIC)["node"] == {"notes": None}


def test_tokens_are_stored_hashed_and_can_be_revoked(api: Api) -> None:
    secret = api.tokens[Role.VIEWER]
    stored = {t.name: t for t in api.store.tokens()}["viewer-token"]
    assert stored.digest == digest(secret) and secret not in repr(api.store.tokens())
    assert authenticate(api.store, f"Bearer {secret}").role == Role.VIEWER
    api.data('mutation { revokeToken(name: "viewer-token") }', Role.ADMIN)
    response = api.client.post("/graphql", json={"query": "{ __typename }"},
                               headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401 and response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_depth_bomb_is_refused(api: Api) -> None:
    nested = "id"
    for _ in range(15):
        nested = f"heldBy {{ holds {{ element {{ {nested} }} }} }}"
    error = api.error(f'{{ node(id: "student-birth-date") {{ ... on DataElement {{ {nested} }} }} }}')
    assert "exceeds maximum operation depth" in error["message"]


def test_an_alias_bomb_is_refused(api: Api) -> None:
    aliases = " ".join(f'a{i}: node(id: "sis") {{ id }}' for i in range(100))
    error = api.error(f"{{ {aliases} }}")
    assert "aliases" in error["message"]


def test_an_oversized_body_gets_413(store: Store) -> None:
    api = make_api(store, Settings(max_body_bytes=2000))
    response = api.client.post("/graphql", json={"query": "{ __typename }", "variables": {"pad": "x" * 5000}})
    assert response.status_code == 413


def test_a_token_over_its_rate_is_refused(store: Store) -> None:
    api = make_api(store, Settings(rate_per_minute=3))
    codes = [api.client.post("/graphql", json={"query": "{ __typename }"},
                             headers={"Authorization": f"Bearer {api.tokens[Role.VIEWER]}"}).status_code
             for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    other = api.client.post("/graphql", json={"query": "{ __typename }"},
                            headers={"Authorization": f"Bearer {api.tokens[Role.ADMIN]}"})
    assert other.status_code == 200  # the limit is per token


class _Failing:
    """A store whose reads fail or hang, to see what reaches the client."""

    def __init__(self, inner: Store, mode: str) -> None:
        self.inner, self.mode = inner, mode

    def __getattr__(self, name: str) -> Any:
        if name == "get_nodes":
            return self._broken
        return getattr(self.inner, name)

    def _broken(self, *args: Any) -> Any:
        if self.mode == "slow":
            time.sleep(1.0)
        raise RuntimeError("MATCH (n:Secret) RETURN n -- internal detail")


@pytest.mark.parametrize("mode", ["error", "slow"])
def test_errors_never_leak_internals_and_store_calls_time_out(store: Store, mode: str) -> None:
    base = make_api(store)
    failing = _Failing(store, mode)
    client = TestClient(create_app(failing, Settings(store_timeout=0.2)))  # type: ignore[arg-type]
    body = client.post("/graphql", json={"query": '{ node(id: "sis") { id } }'},
                       headers={"Authorization": f"Bearer {base.tokens[Role.VIEWER]}"}).json()
    text = str(body)
    assert "Secret" not in text and "Traceback" not in text and "MATCH" not in text
    assert body["errors"][0]["message"] == ("internal error" if mode == "error"
                                           else "the store did not answer within 0.2 s")
    assert body["errors"][0]["extensions"]["code"] == ("INTERNAL" if mode == "error" else "TIMEOUT")


class _Slow:
    """A store whose reads each take a while; it counts the reads started."""

    def __init__(self, inner: Store, delay: float) -> None:
        self.inner, self.delay, self.started = inner, delay, 0

    def __getattr__(self, name: str) -> Any:
        read = getattr(self.inner, name)
        if name not in ("get_nodes", "edges_for"):
            return read

        def slow(*args: Any) -> Any:
            self.started += 1
            time.sleep(self.delay)
            return read(*args)
        return slow


def test_a_request_past_its_time_limit_stops_its_work(store: Store) -> None:
    base = make_api(store)
    slow = _Slow(store, 0.25)
    # One read per relationship type, one after another (a DataLoader batch): seconds in all.
    fields = " ".join(f"{name}(first: 2) {{ id }}" for name in (
        "heldBy", "collectedBy", "usedFor", "requiredBy", "derivatives", "carriedBy", "coveredBy", "accessibleBy",
        "destructions", "owners", "stewards"))
    query = f'{{ node(id: "student-birth-date") {{ ... on DataElement {{ {fields} }} }} }}'
    settings = Settings(store_timeout=5.0, request_timeout=1.0)
    with TestClient(create_app(slow, settings)) as client:  # type: ignore[arg-type]
        body = client.post("/graphql", json={"query": query},
                           headers={"Authorization": f"Bearer {base.tokens[Role.VIEWER]}"}).json()
        assert body == {"data": None, "errors": [{"message": "the request took more than 1 s and was stopped",
                                                  "extensions": {"code": "TIMEOUT"}}]}
        started = slow.started
        time.sleep(3 * slow.delay)  # the read in flight at the limit ends; none may start after it
        assert slow.started == started


def test_an_execution_leaves_nothing_for_the_next_on_its_thread() -> None:
    """Executions share their worker thread's event loop: what one leaves running (a task
    it started and did not await) is cancelled before its thread takes the next."""
    from api.graphql.execution import _run_here

    ended: list[str] = []

    async def forever() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            ended.append("cancelled")
            raise

    async def starts_and_returns() -> str:
        asyncio.get_running_loop().create_task(forever())
        await asyncio.sleep(0)
        return "answer"

    async def tasks_now() -> int:
        return len(asyncio.all_tasks())

    async def fails() -> None:
        raise ValueError("the execution's own error")

    assert _run_here(starts_and_returns()) == "answer"
    assert ended == ["cancelled"]
    assert _run_here(tasks_now()) == 1  # itself alone
    with pytest.raises(ValueError, match="the execution's own error"):
        _run_here(fails())


def test_health_readiness_and_metrics(api: Api) -> None:
    assert api.client.get("/healthz").json() == {"status": "ok"}
    assert api.client.get("/readyz").json()["status"] == "ready"
    api.data("{ systems { totalCount } }")
    metrics = api.client.get("/metrics", headers={"Authorization": f"Bearer {api.tokens[Role.VIEWER]}"}).text
    assert 'steward_request_seconds_count{method="POST",route="/graphql",status="2xx"} 1.0' in metrics
    assert "steward_store_round_trips_total" in metrics


def test_the_server_publishes_the_live_inventory(api: Api) -> None:
    index = api.client.get("/inventory")
    assert index.status_code == 200 and "Birth date" in index.text and "Dana Reyes" not in index.text
    csv = api.client.get("/inventory.csv").text
    assert "student-birth-date" in csv and "risk-score" not in csv  # not public
    assert api.client.get("/data.json").json()["conformsTo"].endswith("/v1.1/schema")
