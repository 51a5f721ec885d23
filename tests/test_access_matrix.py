"""Who may call what: every Query field, every Mutation field and every HTTP route of the
app, called for real by each kind of caller (no token, each role's token, a revoked
token, a malformed header), against the policy this file declares.

The fields and routes are read from the schema and the app when the tests run, and each
must have a row here: one added later fails these tests until it is classified. Each
call is built from the field's own arguments (a value of its type for every required
one), so an argument added later is filled in too."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLUnionType,
    Undefined,
    get_named_type,
)
from starlette.routing import Route
from starlette.testclient import TestClient

from api.app import Settings
from api.auth import Role, create_feed, create_token, digest, revoke_token
from api.graphql.schema import build_schema
from api.inventory import build_site
from catalog.view import Snapshot

from .api_support import STEWARD, Api, free_port, make_api
from .conftest import BACKENDS, DATA, SEEDS, open_test_store
from .soak import scaled
from .test_api_public import hidden_ids

CALLERS = ("PUBLIC", "VIEWER", "STEWARD", "ADMIN", "revoked", "malformed")
ROLE = {"PUBLIC": Role.PUBLIC, "VIEWER": Role.VIEWER, "STEWARD": Role.STEWARD, "ADMIN": Role.ADMIN}

# The role a field needs. PUBLIC: anyone, and a caller without a token sees only what
# catalog/visibility.py lets the public see.
ANYONE = """node search elements systems organizations people roles purposes flows agreements
    consents mandates retentionRules events destructions trainings policies neighbours"""
READERS = """incidents legalHolds accessRequests datasetMappings pendingObservations lineage
    responsibility deadlines findings scorecard blastRadius changes"""
QUERIES: dict[str, Role] = {
    **dict.fromkeys(ANYONE.split(), Role.PUBLIC),
    **dict.fromkeys(READERS.split(), Role.VIEWER),
    "feeds": Role.STEWARD,
    "tokens": Role.ADMIN,
    "me": Role.PUBLIC,  # anyone may ask who they are
}
WRITES = """createNode updateNode deleteNode link unlink loadCatalog createFeed revokeFeed
    createDataElement updateDataElement deleteDataElement createSystem updateSystem deleteSystem
    createOrganization updateOrganization deleteOrganization createPerson updatePerson deletePerson createRole
    updateRole deleteRole createPurpose updatePurpose deletePurpose createFlow updateFlow deleteFlow
    createAgreement updateAgreement deleteAgreement createConsent updateConsent deleteConsent createMandate
    updateMandate deleteMandate createRetentionRule updateRetentionRule deleteRetentionRule createEvent
    updateEvent deleteEvent createDestruction updateDestruction deleteDestruction createTraining
    updateTraining deleteTraining createPolicy updatePolicy deletePolicy createIncident updateIncident
    deleteIncident createLegalHold updateLegalHold deleteLegalHold createAccessRequest updateAccessRequest
    deleteAccessRequest createDatasetMapping updateDatasetMapping deleteDatasetMapping
    createPendingObservation updatePendingObservation deletePendingObservation linkHolds unlinkHolds
    linkCollects unlinkCollects linkFrom unlinkFrom linkTo unlinkTo linkCarries unlinkCarries linkFor
    unlinkFor linkUnder unlinkUnder linkWith unlinkWith linkCovers unlinkCovers linkPermits unlinkPermits
    linkRequiresDestruction unlinkRequiresDestruction linkOperates unlinkOperates linkDerivedFrom
    unlinkDerivedFrom linkUsedFor unlinkUsedFor linkRequires unlinkRequires linkRetainedUnder
    unlinkRetainedUnder linkOwns unlinkOwns linkStewards unlinkStewards linkHasRole unlinkHasRole
    linkMemberOf unlinkMemberOf linkAccountableTo unlinkAccountableTo linkCanAccess unlinkCanAccess
    linkServes unlinkServes linkRequiresTraining unlinkRequiresTraining linkCompleted unlinkCompleted
    linkConcerns unlinkConcerns linkOf unlinkOf linkIn unlinkIn linkAffects unlinkAffects linkAdopted
    unlinkAdopted linkHosts unlinkHosts linkAllowsSubprocessor unlinkAllowsSubprocessor linkDiscoveredBy
    unlinkDiscoveredBy linkMapsTo unlinkMapsTo linkMapsField unlinkMapsField"""
MUTATIONS: dict[str, Role] = {
    **dict.fromkeys(WRITES.split(), Role.STEWARD),
    "createToken": Role.ADMIN,
    "revokeToken": Role.ADMIN,
}

# The routes. A Role: the token is read, and the route needs that role (401 without a
# token, 403 with a lesser one). OPEN: no token is read, every caller is answered alike.
# INVENTORY: open, and never a node the public may not see. FEED: opened by a feed's
# secret key only; without one, 404 for everyone.
OPEN, INVENTORY, FEED = "open", "inventory", "feed"
ROUTES: dict[str, Role | str] = {
    "/graphql": Role.PUBLIC,
    "/metrics": Role.VIEWER,
    "/api/v1/lineage": Role.STEWARD,
    "/healthz": OPEN, "/readyz": OPEN, "/graphiql/{name}": OPEN, "/assets/{name}": OPEN,
    "/inventory": INVENTORY, "/inventory.html": INVENTORY, "/inventory/{page:path}": INVENTORY,
    "/inventory.csv": INVENTORY, "/inventory.json": INVENTORY, "/data.json": INVENTORY,
    "/deadlines.ics": FEED,
    # The web UI's views: the same page for everyone; the data comes from /graphql.
    **dict.fromkeys(["/", "/sign-in", "/search", "/deadlines", "/findings", "/owners", "/changes", "/explore",
                     "/curate", "/node/{rest:path}", "/lineage/{rest:path}", "/owners/{rest:path}",
                     "/incidents/{rest:path}", "/curate/{rest:path}"], OPEN),
}

REFUSED = {"FORBIDDEN", "UNAUTHENTICATED"}
PROBE = "matrix-probe"  # the text of every required string of a mutation: a name nothing has
SCHEMA = build_schema()._schema


class Matrix:
    """The example district behind an app, a header per caller, and the hidden nodes."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.client = TestClient(api.client.app, raise_server_exceptions=False)
        revoked = create_token(api.store, "to-revoke", Role.ADMIN, "2026-01-01T00:00:00Z")
        revoke_token(api.store, "to-revoke", "2026-01-02T00:00:00Z")
        self.headers = {caller: {"Authorization": f"Bearer {api.tokens[role]}"} for caller, role in ROLE.items()
                        if role != Role.PUBLIC}
        self.headers |= {"PUBLIC": {}, "revoked": {"Authorization": f"Bearer {revoked}"},
                         # The secret without its scheme: a common mistake, refused rather than ignored.
                         "malformed": {"Authorization": api.tokens[Role.VIEWER]}}
        self.hidden = set(hidden_ids(api.store))
        self.ids = {n.id for n in api.store.find_nodes()}
        self.feed = create_feed(api.store, "matrix", "2026-01-01T00:00:00Z")
        self.page = next(p.removeprefix("inventory/") for p in build_site(Snapshot.of(api.store), date(2026, 9, 1))
                         if p.startswith("inventory/") and p.endswith(".html"))


# The policy is the API's, whatever the store: `make soak` also runs it on Neo4j.
@pytest.fixture(scope="module", params=[pytest.param(b, marks=[pytest.mark.neo4j] if b == "neo4j" else [])
                                        for b in scaled(["embedded"], BACKENDS)])
def matrix(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Matrix]:
    store = open_test_store(request.param, tmp_path_factory.mktemp("matrix"))
    # A thousand requests from one client: far above the production rate limit.
    yield Matrix(make_api(store, Settings(rate_per_minute=1_000_000), paths=[SEEDS]))
    store.close()


# Building a call from the schema -----------------------------------------------------


def value_of(type_: Any, mutation: bool, private_id: str) -> Any:
    """A value of this input type: queries name a hidden node (to see it stay hidden),
    mutations name nothing that exists (so that nothing real is changed or removed)."""
    if isinstance(type_, GraphQLNonNull):
        return value_of(type_.of_type, mutation, private_id)
    if isinstance(type_, GraphQLList):
        return [value_of(type_.of_type, mutation, private_id)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {name: value_of(f.type, mutation, private_id) for name, f in type_.fields.items()
                if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined}
    return {"ID": PROBE if mutation else private_id, "String": PROBE if mutation else "e", "Int": 1,
            "Float": 1.0, "Boolean": False, "Date": "2026-09-01", "JSON": {}}[type_.name]


def selection(type_: Any, depth: int = 2) -> str:
    """The returned type's fields, two levels deep, but those that take arguments (lists
    priced by their length: the cost limit would refuse the query before it ran)."""
    named = get_named_type(type_)
    if isinstance(named, GraphQLUnionType):
        members = " ".join(f"... on {t.name} {selection(t, depth)}" for t in named.types)
        return f"{{ __typename {members} }}"
    if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
        return ""
    parts = ["__typename"]
    for name, field in named.fields.items():
        if field.args:
            continue
        inner = get_named_type(field.type)
        if not isinstance(inner, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            parts.append(name)
        elif depth > 1:
            parts.append(f"{name} {selection(inner, depth - 1)}")
    return "{ " + " ".join(parts) + " }"


def operation(name: str, field: GraphQLField, mutation: bool, private_id: str) -> tuple[str, dict[str, Any]]:
    """The field called with a value for each required argument, and pages of one (a
    default page may cost more than a PUBLIC caller's limit, refused before it runs)."""
    required = {a: arg for a, arg in field.args.items()
                if (isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined) or a == "first"}
    declared = ", ".join(f"${a}: {arg.type}" for a, arg in required.items())
    passed = ", ".join(f"{a}: ${a}" for a in required)
    text = (f"{'mutation' if mutation else 'query'}{f'({declared})' if declared else ''} "
            f"{{ {name}{f'({passed})' if passed else ''} {selection(field.type)} }}")
    return text, {a: value_of(arg.type, mutation, private_id) for a, arg in required.items()}


# Judging an answer ----------------------------------------------------------------------


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def outcome(response: Any, field: str) -> str:
    """allowed, forbidden or unauthenticated; anything else names what went wrong."""
    if response.status_code == 401:
        return "unauthenticated" if response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED" \
            else f"401 {response.text}"
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:200]}"
    body = response.json()
    errors = body.get("errors") or []
    if any("path" not in e for e in errors):
        return f"the call itself is wrong: {errors}"  # a document error: the field never ran
    codes = {e["extensions"]["code"] for e in errors}
    if "FORBIDDEN" in codes:
        return "forbidden" if (body.get("data") or {}).get(field) is None else "forbidden, with data"
    if "INTERNAL" in codes:
        return f"internal error: {errors}"
    return "allowed"


def exposed(answer: Any, ids: set[str]) -> set[str]:
    """The ids among `ids` that a page, a CSV or a JSON document names: as a value, a
    cell, or in a page's text (an id of one word, such as `teacher`, is also a word the
    prose may use: in a page, only its links and anchors count for those)."""
    kind = answer.headers["content-type"]
    if "json" in kind:
        return set(strings(answer.json())) & ids
    if "csv" in kind:
        return {cell for row in csv.reader(io.StringIO(answer.text)) for cell in row} & ids
    text, attributes = words(answer.text), words(" ".join(re.findall(r'(?:href|id)="([^"]*)"', answer.text)))
    return {i for i in ids if i in (text if "-" in i else attributes)}


def words(text: str) -> set[str]:
    """Each word of the text, and each of its tails after a hyphen (`el-student-id` names `student-id`)."""
    found: set[str] = set()
    for word in re.findall(r"[\w-]+", text):
        parts = word.split("-")
        found.update("-".join(parts[k:]) for k in range(len(parts)))
    return found


def expected(caller: str, needs: Role) -> str:
    if caller not in ROLE:
        return "unauthenticated"
    return "allowed" if ROLE[caller] >= needs else "forbidden"


# The tests ------------------------------------------------------------------------------


def test_every_field_and_route_is_classified(matrix: Matrix) -> None:
    assert SCHEMA.query_type is not None and SCHEMA.mutation_type is not None
    assert set(SCHEMA.query_type.fields) == set(QUERIES), "classify each new Query field in QUERIES"
    assert set(SCHEMA.mutation_type.fields) == set(MUTATIONS), "classify each new Mutation field in MUTATIONS"
    paths = {r.path for r in matrix.client.app.routes}  # type: ignore[attr-defined]
    assert paths == set(ROUTES), "classify each new route in ROUTES"


@pytest.mark.reliability
@pytest.mark.parametrize("caller", CALLERS)
def test_each_field_answers_each_caller_as_its_policy_says(matrix: Matrix, caller: str) -> None:
    private_id = sorted(matrix.hidden)[0]
    wrong, seen_hidden = [], set()
    for mutation, fields, policy in ((False, SCHEMA.query_type.fields, QUERIES),  # type: ignore[union-attr]
                                     (True, SCHEMA.mutation_type.fields, MUTATIONS)):  # type: ignore[union-attr]
        for name, field in fields.items():
            text, variables = operation(name, field, mutation, private_id)
            before = matrix.api.store.data_version()
            response = matrix.client.post("/graphql", json={"query": text, "variables": variables},
                                          headers=matrix.headers[caller])
            got, want = outcome(response, name), expected(caller, policy[name])
            if got != want:
                wrong.append(f"{name}: {want} expected, got {got}")
            if got != "allowed" and matrix.api.store.data_version() != before:
                wrong.append(f"{name}: refused, yet the store changed")
            if got == "allowed" and not mutation:
                shown = set(strings(response.json().get("data"))) & matrix.hidden
                if caller == "PUBLIC" and shown:
                    wrong.append(f"{name}: shows the public hidden nodes {sorted(shown)[:5]}")
                seen_hidden |= shown
    assert not wrong, "\n".join(wrong)
    if caller in ("VIEWER", "STEWARD", "ADMIN"):
        assert seen_hidden, "the hidden nodes never showed, not even to a reader: the check above proves nothing"


def route_request(matrix: Matrix, route: Route) -> tuple[str, str]:
    """The method and a path this route answers, its parameters filled in."""
    values = {"page": matrix.page, "name": "app.js", "rest": sorted(matrix.hidden)[0]}
    path = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: values[m.group(1)], route.path)
    if route.path == "/graphql":
        path += "?query=%7B__typename%7D"
    return ("GET" if "GET" in (route.methods or ()) else "POST"), path


@pytest.mark.reliability
def test_each_route_answers_each_caller_as_its_policy_says(matrix: Matrix) -> None:
    wrong, named = [], set()
    for route in matrix.client.app.routes:  # type: ignore[attr-defined]
        method, path = route_request(matrix, route)
        policy = ROUTES[route.path]
        answers = {caller: matrix.client.request(method, path, headers=matrix.headers[caller], content=b"{}")
                   for caller in CALLERS}
        statuses = {caller: r.status_code for caller, r in answers.items()}
        if isinstance(policy, Role):
            want = {c: {"unauthenticated": 401, "forbidden": 401 if c == "PUBLIC" else 403}.get(expected(c, policy))
                    for c in CALLERS}
            for caller, status in statuses.items():
                if (want[caller] is None and status in (401, 403)) or (want[caller] and status != want[caller]):
                    wrong.append(f"{route.path} for {caller}: {status} ({expected(caller, policy)} expected)")
            continue
        if len(set(statuses.values())) != 1 or {401, 403} & set(statuses.values()):
            wrong.append(f"{route.path}: callers answered differently or refused: {statuses}")
        if policy == INVENTORY:
            for caller, answer in answers.items():
                leaked = exposed(answer, matrix.hidden)
                named |= exposed(answer, matrix.ids)
                if answer.status_code != 200 or leaked:
                    wrong.append(f"{route.path} for {caller}: {answer.status_code}, hidden {sorted(leaked)[:5]}")
        if policy == FEED and statuses["PUBLIC"] != 404:
            wrong.append(f"{route.path} without its key: {statuses['PUBLIC']}, 404 expected")
    assert not wrong, "\n".join(wrong)
    assert len(named) > 20, "the inventory names hardly a node: the check above proves nothing"
    # The feed's own key opens it, whoever sends it.
    assert matrix.client.get("/deadlines.ics", params={"key": matrix.feed}).status_code == 200



# Tokens in logs ------------------------------------------------------------------------


def secrets_of(matrix: Matrix) -> list[str]:
    tokens = [matrix.api.tokens[r] for r in (Role.VIEWER, Role.STEWARD, Role.ADMIN)]
    revoked = matrix.headers["revoked"]["Authorization"].removeprefix("Bearer ")
    return [*tokens, revoked, matrix.feed]


def exercise(post: Callable[[str, dict[str, str]], object], get: Callable[[str], object],
             headers: dict[str, dict[str, str]], feed: str) -> None:
    """Requests that succeed, are refused and fail, each carrying a secret."""
    for caller in CALLERS:
        post("{ tokens { name } systems(first: 1) { nodes { id } } }", headers[caller])
        post('mutation { revokeToken(name: "nobody") }', headers[caller])
        post("{ node(id: ", headers[caller])  # a syntax error
    get(f"/deadlines.ics?key={feed}")
    get(f"/deadlines.ics?key={feed}x")


def test_tokens_never_reach_a_log(matrix: Matrix, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, every level
    exercise(lambda query, headers: matrix.client.post("/graphql", json={"query": query}, headers=headers),
             matrix.client.get, matrix.headers, matrix.feed)
    # The test's own HTTP client logs the URLs it asks for; the server's side is what counts.
    server = [r for r in caplog.records if r.name.split(".")[0] not in ("httpx", "httpx2", "httpcore")]
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    logged = "\n".join(f"{formatter.format(r)} {r.args}" for r in server)
    assert "requires the ADMIN role" in logged  # the refusals were logged: there was something to read
    for secret in secrets_of(matrix):
        assert secret not in logged and digest(secret) not in logged


@pytest.mark.slow
@pytest.mark.reliability
def test_tokens_never_reach_the_servers_output(tmp_path: Path) -> None:
    store = [*STEWARD, "--store", str(tmp_path / "store")]
    subprocess.run([*store, "load", "-q", str(DATA / "design-example.yaml")], check=True)

    def made(*args: str) -> dict[str, str]:
        done = subprocess.run([*store, *args, "--json"], check=True, capture_output=True, text=True)
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    tokens = {role: made("token", "create", "--role", role, "--name", role)["token"]
              for role in ("viewer", "steward", "admin")}
    revoked = made("token", "create", "--role", "admin", "--name", "gone")["token"]
    subprocess.run([*store, "token", "revoke", "gone"], check=True, capture_output=True)
    feed = made("feed", "create", "--name", "calendar")["secret"]
    headers = {"PUBLIC": {}, "revoked": {"Authorization": f"Bearer {revoked}"},
               "malformed": {"Authorization": tokens["viewer"]},
               **{role.upper(): {"Authorization": f"Bearer {token}"} for role, token in tokens.items()}}
    port, log = free_port(), tmp_path / "stderr.txt"
    with log.open("w") as err:
        proc = subprocess.Popen([*store, "serve", "--port", str(port)], stdout=err, stderr=err)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(200):
                try:
                    client.get("/healthz")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            exercise(lambda query, h: client.post("/graphql", json={"query": query}, headers=h), client.get,
                     headers, feed)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    output = log.read_text()
    assert "requires the ADMIN role" in output  # the server wrote its refusals: there was something to read
    for secret in [*tokens.values(), revoked, feed]:
        assert secret not in output and digest(secret) not in output
