"""Validation of a whole load: duplicate ids, references, retention overrides and cycles
in DERIVED_FROM, checked across every file of the load and against what is stored; and
where each node is defined, so that one file cannot silently take over another's node."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from catalog.parse import ParsedNode, Reference, article
from catalog.records import EdgeRecord, NodeRecord
from catalog.source import CatalogError, Location, Problems, excerpt
from catalog.vocab import Label, RelType

LabelLookup = Callable[[str], Label | None]

# Where a node was defined, kept by the store as a property of the node that neither the
# catalog format nor the public ever sees: `file:PATH`, PATH relative to the folder (or
# the file) named to the load, or `api:TOKEN` for a node made through the API.
DEFINED_IN = "defined_in"
_FILE, _API = "file:", "api:"


def file_origin(name: str) -> str:
    return _FILE + name


def api_origin(token: str) -> str:
    return _API + token


def origin_text(origin: str) -> str:
    """Where a node is defined, after "defined": in `people.yaml`, or through the API."""
    if origin.startswith(_API):
        return f"through the API, by the token {_quoted(origin.removeprefix(_API))}"
    return f"in {_quoted(origin.removeprefix(_FILE))}"


def _quoted(text: str) -> str:
    # A file name is the user's own, but one from an imported dump may hold anything.
    plain = text.isprintable() and "`" not in text and len(text) <= 200
    return f"`{text}`" if plain else excerpt(text)


@dataclass(frozen=True)
class Batch:
    """A validated load: the nodes it defines and every relationship they declare."""

    nodes: tuple[NodeRecord, ...]
    edges: tuple[EdgeRecord, ...]


def validate(parsed: list[ParsedNode], stored_label: LabelLookup,
             stored_derivations: Iterable[tuple[str, str]], problems: Problems) -> Batch:
    """Check the load as a whole; raise CatalogError with every problem, or return it."""
    labels = _unique_ids(parsed, stored_label, problems)

    def label_of(node_id: str) -> Label | None:
        return labels.get(node_id) or problems.rejected.get(node_id) or stored_label(node_id)

    edges: dict[tuple[RelType, str, str], EdgeRecord] = {}
    for node in parsed:
        for ref in node.references:
            if _reference_ok(ref, label_of, problems):
                edge = ref.edge()
                if edge.key in edges:
                    problems.add(ref.location, f"{ref.other!r} is listed twice")
                edges[edge.key] = edge
    _check_cycles(parsed, stored_derivations, problems)
    if problems:
        raise CatalogError(problems.sorted())
    return Batch(tuple(n.record for n in parsed), tuple(edges.values()))


def check_origins(parsed: list[ParsedNode], origins: Mapping[str, str], stored: Mapping[str, NodeRecord],
                  problems: Problems, remedy: str) -> None:
    """A node already stored from one file (or from the API) may be defined again only
    from the same one: a second file that redefines it would silently replace what the
    first says. `origins` gives the origin of each file of the load, by the name its
    problems are reported under; `remedy` says how to redefine a node on purpose."""
    counts = Counter(node.record.id for node in parsed)
    for node in parsed:
        rec, new = node.record, origins.get(node.location.file)
        if counts[rec.id] > 1 or new is None:
            continue  # an id defined twice in the load is the duplicate-id problem alone
        old = stored.get(rec.id)
        before = old.get(DEFINED_IN) if old is not None and old.label == rec.label else None
        if isinstance(before, str) and before != new:
            problems.add(node.location.child("id"), f"`{rec.id}` is already defined {origin_text(before)}; "
                                                    f"{remedy} to redefine it from here")


def _unique_ids(parsed: list[ParsedNode], stored_label: LabelLookup,
                problems: Problems) -> dict[str, Label]:
    labels: dict[str, Label] = {}
    first_seen: dict[str, Location] = {}
    for node in parsed:
        rec = node.record
        if rec.id in labels:
            problems.add(node.location.child("id"), f"duplicate id {rec.id!r}: already defined "
                                                    f"at {first_seen[rec.id]}")
            continue
        stored = stored_label(rec.id)
        if stored is not None and stored != rec.label:
            problems.add(node.location.child("id"), f"id {rec.id!r} is already {article(stored)} in "
                                                    f"the store; ids are unique across labels")
        labels[rec.id] = rec.label
        first_seen[rec.id] = node.location
    return labels


def _reference_ok(ref: Reference, label_of: Callable[[str], Label | None],
                  problems: Problems) -> bool:
    found = label_of(ref.other)
    if found is None:
        problems.add(ref.location, f"unknown id {ref.other!r}: expected the id of {_expected(ref)}"
                                   f" defined in this load or already stored")
        return False
    if found not in ref.spec.targets:
        problems.add(ref.location, f"{ref.other!r} is {article(found)}; expected {_expected(ref)}")
        return False
    rule = ref.props.get("retention_rule")
    if rule is not None and label_of(rule) != Label.RETENTION_RULE:
        problems.add(ref.location.child("retention_rule"),
                     f"unknown retention rule {rule!r}: expected the id of a RetentionRule")
        return False
    return True


def _expected(ref: Reference) -> str:
    """What a reference should name, in words: written only for a problem. A load of 50
    districts checks 186,000 references, and writing this for each was a quarter of it."""
    return " or ".join(sorted(article(label) for label in ref.spec.targets))


def _check_cycles(parsed: list[ParsedNode], stored: Iterable[tuple[str, str]],
                  problems: Problems) -> None:
    reloaded = {n.record.id for n in parsed}
    graph: dict[str, list[tuple[str, Location | None]]] = {}
    for src, dst in stored:
        if src not in reloaded:  # a reloaded node's derivations are replaced by the load
            graph.setdefault(src, []).append((dst, None))
    for node in parsed:
        for ref in node.references:
            if ref.spec.type == RelType.DERIVED_FROM:
                graph.setdefault(ref.declaring, []).append((ref.other, ref.location))
    for cycle, location in find_cycles(graph):
        problems.add(location or Location(), "DERIVED_FROM forms a cycle: " + " -> ".join(cycle))


def find_cycles(graph: dict[str, list[tuple[str, Location | None]]]
                ) -> list[tuple[list[str], Location | None]]:
    """Each cycle once, found by depth-first search, with the location of its closing edge."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    found: list[tuple[list[str], Location | None]] = []

    def visit(start: str) -> None:
        path: list[str] = [start]
        stack = [iter(graph.get(start, []))]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            nxt, location = step
            if state.get(nxt) == 1:
                found.append(([*path[path.index(nxt):], nxt], location))
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph.get(nxt, [])))

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found
