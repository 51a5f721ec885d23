"""The public inventory collected from the graph: every fact the published files state.

All reading happens on `public_graph(view)`, a copy of the graph that holds only the
nodes, properties and relationships catalog/visibility.py allows, so that no page or
file can reach a private fact even by mistake. The one exception is a filter, not a
fact: copies of an element whose destruction is recorded are no longer "where it is
kept", and only the deadlines analysis knows which those are."""

from __future__ import annotations

import re
from datetime import date

from api.inventory.rows import (
    Basis,
    Contact,
    ElementRow,
    Inventory,
    PolicyRow,
    Receipt,
    Recipient,
    RecipientPage,
    Terms,
)
from api.inventory.words import CATEGORY_ORDER, flow_words, retention_words
from catalog.deadlines import DeadlineStatus, compute_deadlines
from catalog.model import Agreement
from catalog.periods import parse_date
from catalog.predicates import is_internal_org
from catalog.recipients import Delivery, deliveries
from catalog.records import EdgeRecord, NodeRecord, typed
from catalog.view import GraphView, Snapshot
from catalog.visibility import is_public, is_public_edge, public_edge_props, public_props
from catalog.vocab import Label, RelType

_SAFE_ID = re.compile(r"[^A-Za-z0-9._-]+")


class InventoryError(Exception):
    """The catalog cannot be published as it stands."""


def public_graph(view: GraphView) -> Snapshot:
    """A copy of the graph holding only what the public may see, as visibility.py decides."""
    full = Snapshot.of(view)
    nodes = [NodeRecord(n.label, n.id, public_props(n)) for n in full.nodes.values() if is_public(n)]
    edges = [EdgeRecord(e.type, e.source, e.target, public_edge_props(e))
             for e in full.all_edges if is_public_edge(e, full.nodes)]
    return Snapshot(nodes, edges)


def org_page(org_id: str) -> str:
    return f"inventory/org-{_SAFE_ID.sub('-', org_id)}.html"


def collect(view: GraphView, as_of: date) -> Inventory:
    """Everything the published files say, as of `as_of`."""
    full = Snapshot.of(view)
    # A copy is gone once every cohort of it is destroyed; other cohorts' data is still kept.
    rows = compute_deadlines(full, as_of)
    kept = {(d.system, d.element) for d in rows if d.status != DeadlineStatus.DESTROYED}
    destroyed = {(d.system, d.element) for d in rows} - kept
    reader = _Reader(public_graph(full), as_of, destroyed)
    publisher = reader.publisher()
    return Inventory(
        as_of=as_of, publisher_id=publisher.id, publisher=publisher.name,
        publisher_url=publisher.get("url"), description=str(publisher.get("description") or ""),
        contact=reader.contact(publisher) or Contact(publisher.name, publisher.name, None, publisher.get("url")),
        modified=reader.modified(),
        elements=tuple(reader.element(e) for e in reader.elements()),
        recipients=tuple(reader.recipient_page(o) for o in reader.recipient_orgs()),
        policies=tuple(reader.policy(p) for p in reader.policies()),
    )


def _day(node: NodeRecord, key: str) -> date | None:
    value = node.get(key)
    return parse_date(value) if value else None


class _Reader:
    """Reads the public graph as the inventory explains it."""

    def __init__(self, pub: Snapshot, as_of: date, destroyed: set[tuple[str, str]]) -> None:
        self.pub, self.as_of, self.destroyed = pub, as_of, destroyed
        self.deliveries = deliveries(pub, as_of)

    # --- who publishes ------------------------------------------------------------------

    def publisher(self) -> NodeRecord:
        """The district (else a state agency, else anyone) that answers for the inventory;
        among equals, one with a designated contact."""
        orgs = self.pub.of_label(Label.ORGANIZATION)
        if not orgs:
            raise InventoryError("the catalog has no organization to publish for: add the district "
                                 "(kind: DISTRICT) with its designated contact")
        rank = {"DISTRICT": 0, "STATE_AGENCY": 1}
        return min(orgs, key=lambda o: (rank.get(str(o.get("kind")), 2), self.contact(o) is None, o.id))

    def contact(self, org: NodeRecord) -> Contact | None:
        name, email, url = org.get("contact_name"), org.get("contact_email"), org.get("contact_url")
        if not (name or email or url):
            return None
        return Contact(org.name, str(name or org.name), email, url)

    def modified(self) -> str:
        stamps = [str(n.get("updated_at")) for n in self.pub.nodes.values() if n.get("updated_at")]
        return max(stamps) if stamps else self.as_of.isoformat()

    # --- elements -----------------------------------------------------------------------

    def elements(self) -> list[NodeRecord]:
        subjects = {"STUDENT": 0, "PARENT": 1, "STAFF": 2}

        def key(e: NodeRecord) -> tuple[int, str, int, str, str]:
            category = str(e.get("category"))
            return (CATEGORY_ORDER.get(category, len(CATEGORY_ORDER)), category,
                    subjects.get(str(e.get("subject")), 3), e.name.lower(), e.id)

        return sorted(self.pub.of_label(Label.DATA_ELEMENT), key=key)

    def element(self, e: NodeRecord) -> ElementRow:
        return ElementRow(
            id=e.id, name=e.name, definition=str(e.get("definition") or e.get("description") or ""),
            category=str(e.get("category")), subject=str(e.get("subject")),
            sensitivity=str(e.get("sensitivity")), standard_ref=str(e.get("standard_ref") or ""),
            purposes=self.names(self.pub.targets(e.id, RelType.USED_FOR)),
            systems=tuple(sorted(self.system_words(s) for s in self.holders(e.id))),
            recipients=self.recipients_of(e.id), retention=self.retention(e),
            updated_at=str(e.get("updated_at") or ""),
        )

    def holders(self, element: str) -> list[str]:
        return [s for s in self.pub.sources(element, RelType.HOLDS) if (s, element) not in self.destroyed]

    def system_words(self, system_id: str) -> str:
        system = self.pub.nodes[system_id]
        retired = _day(system, "decommissioned_on")
        return system.name + (f" (retired on {retired.isoformat()})" if retired and retired <= self.as_of else "")

    def names(self, ids: list[str]) -> tuple[str, ...]:
        return tuple(sorted({self.pub.nodes[i].name for i in ids if i in self.pub.nodes}))

    def retention(self, e: NodeRecord) -> str:
        subject = str(e.get("subject"))
        default = self.pub.target(e.id, RelType.RETAINED_UNDER)
        overrides: dict[str, list[str]] = {}
        for system in self.holders(e.id):
            edge = self.pub.edge(RelType.HOLDS, system, e.id)
            rule = edge.props.get("retention_rule") if edge else None
            if rule and rule != default and rule in self.pub.nodes:
                overrides.setdefault(str(rule), []).append(self.pub.nodes[system].name)
        parts = [retention_words(self.pub.nodes[default], subject)] if default else [
            "No retention rule is recorded yet; ask the contact for this inventory how long it is kept"]
        for rule, systems in sorted(overrides.items()):
            where = ", ".join(sorted(systems))
            words = retention_words(self.pub.nodes[rule], subject)
            parts.append(f"copies in {where}: {words[0].lower()}{words[1:]}")
        return "; ".join(parts)

    # --- sharing ------------------------------------------------------------------------

    def in_force(self, agreement: NodeRecord) -> bool:
        return typed(agreement, Agreement).in_force_on(self.as_of)

    def basis(self, node_id: str) -> Basis | None:
        node = self.pub.nodes.get(node_id)
        if node is None:
            return None
        if node.label == Label.AGREEMENT:
            return Basis(0, node.name, node.id, "agreement", node.get("public_url"), self.agreement_status(node))
        if node.label == Label.CONSENT:
            who = "the student at 18" if node.get("given_by") == "ELIGIBLE_STUDENT" else "a parent"
            return Basis(1, node.name, node.id, "consent", node.get("form_url"), f"given by {who}")
        return Basis(2, node.name, node.id, "law", node.get("url"), str(node.get("citation") or ""))

    def agreement_status(self, agreement: NodeRecord) -> str:
        start = _day(agreement, "effective_on")
        terminated, expires = _day(agreement, "terminated_on"), _day(agreement, "expires_on")
        end = terminated or expires
        if start and start > self.as_of:
            return f"takes effect on {start.isoformat()}"
        if end and end < self.as_of:
            return f"{'terminated' if terminated else 'expired'} on {end.isoformat()}"
        return f"in force until {end.isoformat()}" if end else "in force, no end date"

    def flow_bases(self, flow: str) -> set[Basis]:
        return {b for b in map(self.basis, self.pub.targets(flow, RelType.UNDER)) if b}

    def recipients_of(self, element: str) -> tuple[Recipient, ...]:
        """Who outside the district receives the element now: by a flow running today, or as
        a provider whose agreement in force covers it (a host of a district system)."""
        found: dict[str, set[Basis]] = {}
        for delivery in (d for d in self.deliveries if d.element == element):
            found.setdefault(delivery.org, set()).update(self.flow_bases(delivery.flow))
        for agreement in self.pub.sources(element, RelType.COVERS):
            node, party = self.pub.nodes[agreement], self.pub.target(agreement, RelType.WITH)
            if node.label == Label.AGREEMENT and party and self.in_force(node):
                found.setdefault(party, set()).update(b for b in [self.basis(agreement)] if b)
        rows = [Recipient(o, self.pub.nodes[o].name, org_page(o), tuple(sorted(bases)))
                for o, bases in found.items()]
        return tuple(sorted(rows, key=lambda r: (r.name.lower(), r.id)))

    # --- the organisations that receive data ------------------------------------------------

    def recipient_orgs(self) -> list[NodeRecord]:
        """Every service provider, and anyone else outside the district with an agreement
        or a flow into a system it runs."""
        def receives(org: NodeRecord) -> bool:
            systems = self.pub.targets(org.id, RelType.OPERATES)
            return bool(self.pub.sources(org.id, RelType.WITH)) or any(
                self.pub.sources(s, RelType.TO) for s in systems)

        orgs = [o for o in self.pub.of_label(Label.ORGANIZATION) if not is_internal_org(o)]
        chosen = [o for o in orgs if o.get("kind") == "SERVICE_PROVIDER" or receives(o)]
        return sorted(chosen, key=lambda o: (o.name.lower(), o.id))

    def recipient_page(self, org: NodeRecord) -> RecipientPage:
        agreements = [self.pub.nodes[a] for a in self.pub.sources(org.id, RelType.WITH)]
        systems = self.pub.targets(org.id, RelType.OPERATES)
        return RecipientPage(
            id=org.id, name=org.name, kind=str(org.get("kind")), description=str(org.get("description") or ""),
            url=org.get("url"), contact=self.contact(org), page=org_page(org.id),
            agreements=tuple(self.terms(a) for a in sorted(agreements, key=lambda a: (a.name.lower(), a.id))),
            systems=tuple(sorted(self.system_words(s) for s in systems)),
            receives=self.receipts([d for d in self.deliveries if d.org == org.id], agreements),
        )

    def terms(self, agreement: NodeRecord) -> Terms:
        hours, days = agreement.get("breach_notice_hours"), agreement.get("destruction_days")
        destruction = [f"Must destroy the data within {days} days after the agreement ends"] if days else []
        destruction += [retention_words(self.pub.nodes[r], "STUDENT")
                        for r in self.pub.targets(agreement.id, RelType.REQUIRES_DESTRUCTION)]
        effective = agreement.get("effective_on") or agreement.get("signed_on") or ""
        return Terms(
            id=agreement.id, name=agreement.name, kind=str(agreement.get("kind")),
            url=agreement.get("public_url"), effective_on=str(effective),
            status=self.agreement_status(agreement),
            breach_notice=f"Within {hours} hours" if hours else "Not stated",
            destruction=tuple(destruction) or ("No destruction terms recorded",),
        )

    def receipts(self, delivered: list[Delivery], agreements: list[NodeRecord]) -> tuple[Receipt, ...]:
        purposes: dict[str, set[str]] = {}
        how: dict[str, set[str]] = {}
        bases: dict[str, set[Basis]] = {}
        for d in delivered:
            flow = self.pub.nodes[d.flow]
            purposes.setdefault(d.element, set()).update(self.names(self.pub.targets(d.flow, RelType.FOR)))
            how.setdefault(d.element, set()).add(_flow_how(flow, self.pub.nodes[d.system].name))
            bases.setdefault(d.element, set()).update(self.flow_bases(d.flow))
        for agreement in (a for a in agreements if self.in_force(a)):
            permitted = set(self.pub.targets(agreement.id, RelType.PERMITS))
            for element in self.pub.targets(agreement.id, RelType.COVERS):
                if element in how:
                    continue  # a flow already says how it arrives
                used_for = permitted & set(self.pub.targets(element, RelType.USED_FOR))
                purposes.setdefault(element, set()).update(self.names(sorted(used_for or permitted)))
                how.setdefault(element, set()).add("Covered by the agreement")
                bases.setdefault(element, set()).update(b for b in [self.basis(agreement.id)] if b)
        rows = [Receipt(e, self.pub.nodes[e].name, tuple(sorted(purposes[e])), tuple(sorted(how[e])),
                        tuple(sorted(bases[e]))) for e in how]
        return tuple(sorted(rows, key=lambda r: (r.element_name.lower(), r.element_id)))

    # --- policies -----------------------------------------------------------------------

    def policies(self) -> list[NodeRecord]:
        return sorted(self.pub.of_label(Label.POLICY), key=lambda p: (str(p.get("kind")), p.name.lower(), p.id))

    def policy(self, p: NodeRecord) -> PolicyRow:
        return PolicyRow(
            id=p.id, name=p.name, kind=str(p.get("kind")), description=str(p.get("description") or ""),
            url=str(p.get("url")), adopted_on=str(p.get("adopted_on") or ""),
            reviewed_on=str(p.get("reviewed_on") or ""),
            adopted_by=self.names(self.pub.sources(p.id, RelType.ADOPTED)),
        )


def _flow_how(flow: NodeRecord, system: str) -> str:
    return flow_words(flow.get("method"), flow.get("frequency"), system)
