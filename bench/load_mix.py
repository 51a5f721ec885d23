"""What the users of a load test ask: the web UI's own GraphQL operations (read from
ui/src/queries, so the test asks what the UI asks) and the public inventory's pages.

Three kinds of user, as a district has them: committee members with a VIEWER token
(element detail, lineage, search, deadlines, findings, the inventory), the public without
a token (the public elements' detail, search, the inventory and its JSON), and stewards
who also edit a scratch element now and then. Each user draws its requests from its
kind's weights with a random generator of its own, so a run is the same mix every time."""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from graphql import DocumentNode, FragmentDefinitionNode, FragmentSpreadNode, OperationDefinitionNode, parse, print_ast
from graphql.language import Visitor, visit

from api.inventory.pages import ABOUT, FAMILY_PAGES, POLICIES, SHARED_WITH
from bench.processes import ROOT

QUERIES = ROOT / "ui" / "src" / "queries"
LINEAGE_DEPTH = 5
PAGES = ("/inventory", *(f"/{p}" for p in (*FAMILY_PAGES.values(), SHARED_WITH, POLICIES, ABOUT)))


@cache
def ui_operation(file: str, name: str) -> str:
    """The operation `name` of ui/src/queries/`file`, with the fragments it uses (a
    document with a fragment it does not use is invalid)."""
    document = parse((QUERIES / file).read_text(encoding="utf-8"))
    operations = {d.name.value: d for d in document.definitions if isinstance(d, OperationDefinitionNode) and d.name}
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    if name not in operations:
        raise KeyError(f"{QUERIES / file} has no operation {name!r} (it has {sorted(operations)})")
    wanted: list[Any] = [operations[name]]
    used: dict[str, FragmentDefinitionNode] = {}
    while wanted:
        for spread in _spreads(wanted.pop()):
            if spread not in used:
                used[spread] = fragments[spread]
                wanted.append(fragments[spread])
    return print_ast(DocumentNode(definitions=(operations[name], *used.values())))


def _spreads(node: Any) -> list[str]:
    found: list[str] = []

    class Spreads(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: Any) -> None:
            found.append(spread.name.value)

    visit(node, Spreads())
    return found


@dataclass(frozen=True)
class Targets:
    """What the users ask about, drawn from the catalog before the run."""

    elements: list[str]  # any element, for the committee
    public_elements: list[str]  # the elements the public inventory shows
    words: list[str]  # search words, from the elements' names
    scratch: str  # the element stewards edit
    as_of: date


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    path: str
    body: dict[str, Any] | None = None  # a GraphQL request's JSON, None for a page


def graphql(kind: str, file: str, name: str, variables: dict[str, Any]) -> Request:
    return Request(kind, "POST", "/graphql", {"query": ui_operation(file, name), "operationName": name,
                                              "variables": variables})


Ask = Callable[[random.Random, Targets], Request]

ASKS: dict[str, Ask] = {
    # A node's page asks for the node, its governance (findings as of a day) and its deadlines.
    "element": lambda rng, t: graphql("element", "node.graphql", "NodePage", {"id": rng.choice(t.elements)}),
    "public element": lambda rng, t: graphql("element", "node.graphql", "NodePage",
                                             {"id": rng.choice(t.public_elements)}),
    "governance": lambda rng, t: graphql("governance", "node.graphql", "NodeGovernance",
                                         {"id": rng.choice(t.elements), "asOf": t.as_of.isoformat()}),
    "element deadlines": lambda rng, t: graphql("element deadlines", "node.graphql", "NodeDeadlines",
                                                {"asOf": t.as_of.isoformat(), "element": [rng.choice(t.elements)]}),
    "lineage": lambda rng, t: graphql("lineage", "lineage.graphql", "Lineage",
                                      {"id": rng.choice(t.elements), "direction": "DOWN", "depth": LINEAGE_DEPTH,
                                       "asOf": t.as_of.isoformat()}),
    "search": lambda rng, t: graphql("search", "search.graphql", "Search", {"text": rng.choice(t.words), "first": 20}),
    # The committee's overview: the scorecard, overdue and due deadlines, recent changes.
    "overview": lambda rng, t: graphql("overview", "overview.graphql", "Committee", {
        "asOf": t.as_of.isoformat(), "since": (t.as_of - timedelta(days=30)).isoformat()}),
    # The whole deadline and finding lists, as their views ask (5,000 rows: over a VIEWER's cost budget).
    "deadlines": lambda rng, t: graphql("deadlines", "deadlines.graphql", "Deadlines", {"asOf": t.as_of.isoformat()}),
    "findings": lambda rng, t: graphql("findings", "findings.graphql", "Findings", {"asOf": t.as_of.isoformat()}),
    "inventory": lambda rng, t: Request("inventory", "GET", rng.choice(PAGES)),
    "inventory.json": lambda rng, t: Request("inventory.json", "GET", "/inventory.json"),
    "write": lambda rng, t: graphql("write", "curation.graphql", "UpdateDataElement",
                                    {"id": t.scratch, "patch": {"description": f"Edited {rng.getrandbits(32):08x}"}}),
}

# Weights per kind of user: what each asks, and how often.
COMMITTEE = {"element": 25, "governance": 10, "element deadlines": 5, "lineage": 20, "search": 15, "overview": 5,
             "inventory": 10, "inventory.json": 5}
PUBLIC = {"public element": 30, "search": 25, "inventory": 30, "inventory.json": 15}
STEWARD = {**COMMITTEE, "deadlines": 4, "findings": 4}
# Stewards edit at a pace, not as a share of their requests: a faster machine asks more,
# but a steward does not edit more often. A write also makes the inventory and the
# analyses be built again (see MEMORY_MARGIN in bench/load.py).
WRITE_EVERY = 20.0
# A state's catalog: each deadline and finding question computes them for the whole state
# (tens of seconds at 50 districts), and each write makes the inventory be built again. So
# there the committee reads nodes and lineage, and the stewards ask the analyses, without
# writing: twenty users asking whole-state analyses without a pause is not a load a state
# has, and it keeps a run from ending for many minutes after its time is up.
STATE_COMMITTEE = {"element": 35, "lineage": 25, "search": 20, "inventory": 15, "inventory.json": 5}
STATE_STEWARD = {"governance": 1, "element deadlines": 1, "overview": 1, "deadlines": 1, "findings": 1}
MIXES = {"district": (COMMITTEE, PUBLIC, STEWARD, WRITE_EVERY), "state": (STATE_COMMITTEE, PUBLIC, STATE_STEWARD, None)}


@dataclass(frozen=True)
class User:
    index: int
    role: str  # "viewer", "public" or "steward": which token it sends, if any
    weights: dict[str, int]
    writes_every: float | None = None  # seconds between a steward's edits; None: never edits

    @property
    def kinds(self) -> list[str]:
        return [*self.weights, *(["write"] if self.writes_every else [])]

    def draw(self, rng: random.Random, targets: Targets) -> Request:
        kind = rng.choices(list(self.weights), weights=list(self.weights.values()))[0]
        return ASKS[kind](rng, targets)


def users(count: int, mix: str = "district") -> list[User]:
    """Of every ten users, six committee members, three of the public and one steward."""
    committee, public, steward, writes_every = MIXES[mix]
    kinds = [User(0, "viewer", committee)] * 6 + [User(0, "public", public)] * 3
    kinds.append(User(0, "steward", steward, writes_every))
    return [dataclasses.replace(kinds[i % len(kinds)], index=i) for i in range(count)]


def outcome(request: Request, status: int, body: bytes) -> str | None:
    """None when the answer is what it should be, else what is wrong with it."""
    if status != 200:
        return f"HTTP {status}: {body[:200]!r}"
    if request.body is None:
        return None if body else "an empty page"
    try:
        answer = json.loads(body)
    except ValueError:
        return f"not JSON: {body[:200]!r}"
    if answer.get("errors"):
        return f"GraphQL errors: {str(answer['errors'])[:300]}"
    data = answer.get("data") or {}
    asked = request.body["variables"].get("id")
    if request.kind == "write" and (data.get("updateDataElement") or {}).get("id") != asked:
        return f"the write answered {str(data)[:200]}"
    if request.kind == "element" and (data.get("node") or {}).get("id") != asked:
        return f"element {asked} answered {str(data)[:200]}"  # every element asked is visible to its asker
    return None
