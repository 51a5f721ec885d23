"""Validation of a whole load: duplicate ids, references, retention overrides and cycles
in DERIVED_FROM, checked across every file of the load and against what is stored."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from catalog.parse import ParsedNode, Reference, article
from catalog.records import EdgeRecord, NodeRecord
from catalog.source import CatalogError, Location, Problems
from catalog.vocab import Label, RelType

LabelLookup = Callable[[str], Label | None]


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
    expected = " or ".join(sorted(article(label) for label in ref.spec.targets))
    found = label_of(ref.other)
    if found is None:
        problems.add(ref.location, f"unknown id {ref.other!r}: expected the id of {expected}"
                                   f" defined in this load or already stored")
        return False
    if found not in ref.spec.targets:
        problems.add(ref.location, f"{ref.other!r} is {article(found)}; expected {expected}")
        return False
    rule = ref.props.get("retention_rule")
    if rule is not None and label_of(rule) != Label.RETENTION_RULE:
        problems.add(ref.location.child("retention_rule"),
                     f"unknown retention rule {rule!r}: expected the id of a RetentionRule")
        return False
    return True


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
