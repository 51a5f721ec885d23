"""The OpenLineage intake: what runs show, written as ordinary catalog changes.

The flows a batch of events shows and the datasets no mapping matches become catalog
mappings, validated and written by the loader in one transaction (all or nothing) and
audited under the sender's name; the pending observations a mapping now matches are
deleted in the same transaction. A flow already stored keeps everything it says
(purposes, bases, owners, the elements it carried before); an observation adds the
elements it saw and moves the last run forward, never back, so a replay changes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from catalog.openlineage import Dataset, Mapped, Observation, SeenDataset, SeenFlow, flows_of, mapping_for, pending_of
from catalog.parse import ParsedNode, parse_node
from catalog.records import STAMPS, NodeRecord, version_of
from catalog.source import CatalogError, Location, Problems, SourceMapping
from catalog.unparse import to_mapping
from catalog.validate import DEFINED_IN
from catalog.vocab import Label, RelType
from graph.loading import LoadReport, load_parsed, now_utc, utc_stamp
from graph.store import Direction, Store, retrying

NEW, KNOWN = "openlineage", "openlineage (stored)"


@dataclass
class IntakeReport:
    flows: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    load: LoadReport = field(default_factory=LoadReport)

    def as_dict(self) -> dict[str, Any]:
        """The flows and pending datasets the events showed; the observations a mapping
        now matches, which were `resolved` (deleted); and what was written."""
        return {"flows": self.flows, "pending": self.pending, "resolved": self.load.deleted,
                **self.load.as_dict()}


def read_mappings(store: Store) -> list[Mapped]:
    nodes = store.find_nodes(Label.DATASET_MAPPING)
    edges = store.edges_for([n.id for n in nodes], Direction.OUT, [RelType.MAPS_TO, RelType.MAPS_FIELD])
    systems = {e.source: e.target for e in edges if e.type == RelType.MAPS_TO}
    fields: dict[str, dict[str, str]] = {}
    for edge in edges:
        if edge.type == RelType.MAPS_FIELD:
            fields.setdefault(edge.source, {})[str(edge.props["field"])] = edge.target
    return [Mapped(n.id, str(n.get("namespace")), str(n.get("name_pattern")), systems[n.id], fields.get(n.id, {}))
            for n in nodes if n.id in systems]


def ingest(store: Store, events: Iterable[Observation], actor: str, origin: str,
           now: str | None = None) -> IntakeReport:
    """Write what the events show. `origin` is where new nodes are recorded as defined
    (`api:TOKEN`, or the file read); the audit trail names `actor`. Read and written
    again when another write crossed it, so that neither undoes the other."""
    seen = list(events)
    return retrying(lambda: _ingest(store, seen, actor, origin, now))


def _ingest(store: Store, events: Iterable[Observation], actor: str, origin: str,
            now: str | None) -> IntakeReport:
    mappings = read_mappings(store)
    flows: dict[str, SeenFlow] = {}
    pending: dict[str, SeenDataset] = {}
    for event in events:
        for flow in flows_of(event, mappings):
            _merge(flows, flow)
        for seen in pending_of(event, mappings):
            _merge(pending, seen)
    stored = {k: n for k, n in store.get_nodes([*flows, *pending]).items()
              if n.label == (Label.FLOW if k in flows else Label.PENDING_OBSERVATION)}
    raws = [_flow_mapping(f, stored.get(f.id), store) for f in flows.values()]
    raws += [_pending_mapping(p, stored.get(p.id)) for p in pending.values()]
    problems = Problems()
    parsed: list[ParsedNode] = []
    for raw, label, known in raws:
        node = parse_node(label, raw, Location(KNOWN if known else NEW, None, str(raw["id"])), problems)
        if node is not None:
            parsed.append(node)
    if problems:
        raise CatalogError(problems.sorted())
    # Written only over the versions merged onto: an intake that crossed another write is
    # refused (VersionConflict) rather than undo it.
    load = load_parsed(store, parsed, problems, now=now or now_utc(), actor=actor, origins={NEW: origin},
                       retire=resolved(store, mappings), expected={k: version_of(n) for k, n in stored.items()})
    return IntakeReport(sorted(flows), sorted(pending), load)


def resolved(store: Store, mappings: list[Mapped]) -> list[NodeRecord]:
    """The pending observations that a mapping now matches: a steward mapped them, and
    the runs that read or write them show flows from now on."""
    found = []
    for node in store.find_nodes(Label.PENDING_OBSERVATION):
        dataset = Dataset(str(node.get("namespace")), str(node.get("dataset")))
        if mapping_for(mappings, dataset) is not None:
            found.append(node)
    return found


def _merge(into: dict[str, Any], seen: SeenFlow | SeenDataset) -> None:
    """Observations of one flow (or dataset) in a batch: the union of what they saw, and
    the latest run."""
    old = into.get(seen.id)
    if old is None:
        into[seen.id] = seen
        return
    if isinstance(old, SeenFlow) and isinstance(seen, SeenFlow):
        old.elements |= seen.elements
    elif isinstance(old, SeenDataset) and isinstance(seen, SeenDataset):
        old.fields |= seen.fields
    if seen.time >= old.time:
        old.time, old.run_id = seen.time, seen.run_id


def _later(stored: NodeRecord | None, seen_at: str) -> bool:
    before = stored.get("last_observed_at") if stored is not None else None
    return not isinstance(before, str) or seen_at >= before


def _kept(stored: NodeRecord, store: Store) -> SourceMapping:
    """A stored node's mapping, as a file would give it (its origin is the store's)."""
    kept = NodeRecord(stored.label, stored.id, {k: v for k, v in stored.props.items() if k != DEFINED_IN})
    return to_mapping(kept, store.edges(stored.id, Direction.BOTH))


def _flow_mapping(flow: SeenFlow, stored: NodeRecord | None, store: Store) -> tuple[SourceMapping, Label, bool]:
    seen_at = utc_stamp(flow.time)
    if stored is None:
        raw = SourceMapping({"id": flow.id, "name": flow.job, "from": flow.source, "to": flow.target})
    else:
        raw = _kept(stored, store)
        raw.update({"from": flow.source, "to": flow.target})
    carried = set(raw.get("carries") or []) | flow.elements
    if carried:
        raw["carries"] = sorted(carried)
    if _later(stored, seen_at):
        raw.update({"last_observed_at": seen_at, "last_run_id": flow.run_id})
    return raw, Label.FLOW, stored is not None


def _pending_mapping(seen: SeenDataset, stored: NodeRecord | None) -> tuple[SourceMapping, Label, bool]:
    seen_at = utc_stamp(seen.time)
    before = dict(stored.props) if stored is not None else {}
    raw = SourceMapping({k: v for k, v in before.items() if k not in (*STAMPS, DEFINED_IN)})
    raw.update({"id": seen.id, "name": raw.get("name", seen.name), "namespace": seen.namespace,
                "dataset": seen.name})
    fields = set(raw.get("fields") or []) | seen.fields
    if fields:
        raw["fields"] = sorted(fields)
    if _later(stored, seen_at):
        raw.update({k: v for k, v in (("job", seen.job), ("last_run_id", seen.run_id),
                                      ("last_observed_at", seen_at)) if v is not None})
    return raw, Label.PENDING_OBSERVATION, stored is not None
