"""The governance impact of a change to the catalog: what the checks, the deadlines and
the sharing with outside organisations would say after it, against what they say now.

Both graphs are in memory (the store's, and the store's with the change applied), so a
change is reviewed before anything is written, as a plan is before infrastructure changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from catalog.deadlines import Deadline, compute_deadlines
from catalog.deadlines.rows import iso
from catalog.findings import Finding, run_checks
from catalog.predicates import external_orgs, leaves_district
from catalog.view import Snapshot
from catalog.vocab import Label, RelType, Severity

# How a threshold such as `--fail-on high` ranks severities: CRITICAL counts with HIGH.
RANKS = {Severity.CRITICAL: 0, Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
THRESHOLDS = ("high", "medium", "low")


@dataclass(frozen=True)
class MovedDeadline:
    """A deadline row (a holding and cohort) before and after; None where there is none."""

    system: str
    element: str
    cohort: str | None
    before: Deadline | None
    after: Deadline | None

    def as_dict(self) -> dict[str, Any]:
        def side(row: Deadline | None) -> dict[str, Any] | None:
            return None if row is None else {"status": row.status.value, "eligible_on": iso(row.eligible_on),
                                             "due_on": iso(row.due_on), "rule": row.rule}

        return {"system": self.system, "element": self.element, "cohort": self.cohort,
                "before": side(self.before), "after": side(self.after)}


@dataclass(frozen=True)
class OutsideFlow:
    """A flow the change would start sending data outside the district, and its bases."""

    flow: str
    source: str | None
    target: str | None
    organizations: tuple[str, ...]
    bases: tuple[tuple[str, str], ...]  # (id, label)
    carries: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"flow": self.flow, "from": self.source, "to": self.target, "organizations": list(self.organizations),
                "bases": [{"id": i, "label": label} for i, label in self.bases], "carries": list(self.carries)}


@dataclass(frozen=True)
class Impact:
    as_of: date
    appeared: tuple[Finding, ...]
    disappeared: tuple[Finding, ...]
    deadlines: tuple[MovedDeadline, ...]
    outside_flows: tuple[OutsideFlow, ...]

    @property
    def has_impact(self) -> bool:
        return bool(self.appeared or self.disappeared or self.deadlines or self.outside_flows)

    def introduces(self, threshold: str) -> bool:
        """A finding at or above `threshold` (high, medium, low) would appear."""
        limit = THRESHOLDS.index(threshold)
        return any(RANKS[f.severity] <= limit for f in self.appeared)

    def as_dict(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "governance_impact": self.has_impact,
                "findings": {"appeared": [f.as_dict() for f in self.appeared],
                             "disappeared": [f.as_dict() for f in self.disappeared]},
                "deadlines": [d.as_dict() for d in self.deadlines],
                "outside_flows": [f.as_dict() for f in self.outside_flows]}


def impact(before: Snapshot, after: Snapshot, as_of: date) -> Impact:
    old, new = run_checks(before, as_of), run_checks(after, as_of)
    had, has = set(old), set(new)
    return Impact(as_of, tuple(f for f in new if f not in had), tuple(f for f in old if f not in has),
                  tuple(_moved(before, after, as_of)), tuple(_outside_flows(before, after)))


def _moved(before: Snapshot, after: Snapshot, as_of: date) -> list[MovedDeadline]:
    def rows(view: Snapshot) -> dict[tuple[str, str, str], Deadline]:
        return {(d.system, d.element, d.cohort or ""): d for d in compute_deadlines(view, as_of)}

    old, new = rows(before), rows(after)
    moved = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if _shown(was) != _shown(now):
            moved.append(MovedDeadline(key[0], key[1], key[2] or None, was, now))
    return moved


def _shown(row: Deadline | None) -> tuple[Any, ...] | None:
    """What a records officer acts on: the status, the dates and the rule behind them."""
    return None if row is None else (row.status, row.eligible_on, row.due_on, row.rule, row.bound_by)


def _outside_flows(before: Snapshot, after: Snapshot) -> list[OutsideFlow]:
    found = []
    for flow in after.of_label(Label.FLOW):
        if not leaves_district(after, flow.id):
            continue
        target = after.target(flow.id, RelType.TO)
        operators = after.sources(target or "", RelType.OPERATES)
        orgs = tuple(o.id for o in external_orgs(after.get_node(o) for o in operators))
        was = before.get_node(flow.id) is not None and leaves_district(before, flow.id)
        if was and before.target(flow.id, RelType.TO) == target:
            continue
        bases = tuple((b, str(after.label_of(b))) for b in after.targets(flow.id, RelType.UNDER))
        found.append(OutsideFlow(flow.id, after.target(flow.id, RelType.FROM), target, orgs, bases,
                                 tuple(after.targets(flow.id, RelType.CARRIES))))
    return found


