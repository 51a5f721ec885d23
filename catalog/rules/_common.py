"""Small readings of the graph that several principles' rules share."""

from __future__ import annotations

from datetime import date

from catalog.periods import parse_date
from catalog.records import NodeRecord
from catalog.view import Snapshot
from catalog.vocab import Label, OrgKind, PolicyKind, RelType

# Where a finding concerns the catalog as a whole and there is no district to pin it on.
CATALOG = "catalog"


def named(view: Snapshot, node_id: str) -> str:
    """A node as a committee member reads it: `"Birth date" (student-birth-date)`."""
    node = view.get_node(node_id)
    if node is None or node.name == node_id:
        return node_id
    return f'"{node.name}" ({node_id})'


def named_list(view: Snapshot, ids: list[str]) -> str:
    return ", ".join(named(view, i) for i in ids)


SHOWN = 8  # elements named in a message; the finding lists them all


def elements_named(view: Snapshot, ids: list[str]) -> str:
    """Some data elements as a sentence names them: one by name, more counted with the
    first few named (the finding's `elements` lists them all)."""
    if len(ids) == 1:
        return f"data element {named(view, ids[0])}"
    more = f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else ""
    return f"{len(ids)} data elements ({named_list(view, ids[:SHOWN])}{more})"


def is_true(node: NodeRecord, key: str) -> bool:
    return node.get(key) is True


def date_of(node: NodeRecord, key: str) -> date | None:
    value = node.get(key)
    return parse_date(value) if value is not None else None


def org_kind(view: Snapshot, org_id: str) -> str | None:
    node = view.get_node(org_id)
    return str(node.get("kind")) if node is not None else None


def districts(view: Snapshot) -> list[NodeRecord]:
    return [o for o in view.of_label(Label.ORGANIZATION) if o.get("kind") == OrgKind.DISTRICT.value]


def district_node(view: Snapshot) -> str:
    """The node a catalog-wide finding is pinned on: the district, else the catalog."""
    found = districts(view)
    return found[0].id if found else CATALOG


def the_district(view: Snapshot) -> tuple[str, str]:
    """The node a catalog-wide finding is pinned on, and how a sentence names it."""
    node = district_node(view)
    return node, (f"The district {named(view, node)}" if view.get_node(node) else "No district")


def district_policies(view: Snapshot, kind: PolicyKind) -> list[NodeRecord]:
    """Policies of `kind` that a district has adopted."""
    adopted = {p for d in districts(view) for p in view.targets(d.id, RelType.ADOPTED)}
    return [p for p in view.of_label(Label.POLICY) if p.id in adopted and p.get("kind") == kind.value]


