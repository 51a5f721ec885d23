"""Findings: the checks of the Student Data Principles, and a scorecard per principle.

A rule is a pure function of a snapshot and an `as_of` date that yields issues; the
registry turns each issue into a finding carrying the rule's id, principle and severity.
Rules register themselves with `@rule(...)`; `catalog/rules/__init__.py` is the one
place that lists the modules holding them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from catalog.bulk import collector_paused
from catalog.view import GraphView, Snapshot
from catalog.vocab import Severity

# The principles in the order a committee reads them (DESIGN.md, the principles table).
PRINCIPLES: tuple[str, ...] = ("1-3", "4", "5", "6", "7", "8", "9", "10a", "10b", "10c", "10d")
# Each principle in short, as DESIGN.md's table words it.
PRINCIPLE_TITLES: dict[str, str] = {
    "1-3": "Data used to support learning, improvement, and informing families and educators",
    "4": "Students and families get timely access to what is collected about them",
    "5": "Data informs, never replaces, educators' judgement",
    "6": "Share only under an agreement, for a legitimate educational purpose, or with consent",
    "7": "Clear, public rules to collect, use, safeguard and destroy data",
    "8": "Minimum data access",
    "9": "Everyone with access is trained",
    "10a": "Governance: who decides",
    "10b": "Breach notification policy and remedies",
    "10c": "Security process following industry practice",
    "10d": "A designated contact for families",
}


@dataclass(frozen=True)
class Finding:
    """What a committee reads. A finding that would repeat over the elements of one node
    (a system and a rule, say) is one finding listing them in `elements`."""

    rule: str
    principle: str
    severity: Severity
    node: str
    message: str
    remedy: str
    elements: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.elements)

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "principle": self.principle, "severity": self.severity.value,
                "node": self.node, "message": self.message, "remedy": self.remedy,
                "elements": list(self.elements), "count": self.count}


@dataclass(frozen=True)
class Issue:
    """What a rule function yields: the registry adds rule, principle and severity.
    `severity` overrides the rule's default where one rule grades its findings."""

    node: str
    message: str
    remedy: str
    severity: Severity | None = None
    elements: tuple[str, ...] = ()


Check = Callable[[Snapshot, date], Iterable[Finding]]
IssueCheck = Callable[[Snapshot, date], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    id: str
    principle: str
    severity: Severity  # the default; an issue may override it
    title: str
    check: Check


_RULES: dict[str, Rule] = {}


def rule(rule_id: str, principle: str, severity: Severity, title: str) -> Callable[[IssueCheck], IssueCheck]:
    """Register the decorated function as the check of rule `rule_id`."""
    if principle not in PRINCIPLES:
        raise ValueError(f"rule {rule_id}: unknown principle {principle!r}")

    def register(fn: IssueCheck) -> IssueCheck:
        if rule_id in _RULES:
            raise ValueError(f"rule {rule_id} is registered twice")

        def check(view: Snapshot, as_of: date) -> list[Finding]:
            return [Finding(rule_id, principle, issue.severity or severity, issue.node,
                            issue.message, issue.remedy, issue.elements) for issue in fn(view, as_of)]

        _RULES[rule_id] = Rule(rule_id, principle, severity, title, check)
        return fn

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, in principle order."""
    import catalog.rules  # noqa: F401  (importing the package registers its rules)

    return sorted(_RULES.values(), key=lambda r: (PRINCIPLES.index(r.principle), r.id))


def _sort_key(finding: Finding) -> tuple[int, str, str, str]:
    return (PRINCIPLES.index(finding.principle), finding.rule, finding.node, finding.message)


@collector_paused()
def run_checks(view: GraphView, as_of: date, principle: str | None = None,
               severity: Severity | None = None) -> list[Finding]:
    """Every finding as of `as_of`, optionally of one principle and one severity only."""
    if principle is not None and principle not in PRINCIPLES:
        raise ValueError(f"unknown principle {principle!r}: expected one of {', '.join(PRINCIPLES)}")
    snap = Snapshot.of(view)
    found: list[Finding] = []
    for each in all_rules():
        if principle is None or each.principle == principle:
            found += each.check(snap, as_of)
    if severity is not None:
        found = [f for f in found if f.severity == severity]
    return sorted(found, key=_sort_key)


@dataclass(frozen=True)
class ScoreRow:
    principle: str
    checks: int
    high: int
    medium: int
    low: int

    @property
    def findings(self) -> int:
        return self.high + self.medium + self.low

    @property
    def title(self) -> str:
        return PRINCIPLE_TITLES[self.principle]

    def as_dict(self) -> dict[str, Any]:
        return {"principle": self.principle, "title": self.title, "checks": self.checks,
                "findings": self.findings, "high": self.high, "medium": self.medium, "low": self.low}


@collector_paused()
def scorecard(view: GraphView, as_of: date, findings: list[Finding] | None = None) -> list[ScoreRow]:
    """Per principle, in order: how many checks ran and how many findings of each severity
    (of `findings` when the caller has them already, else of a run of the checks)."""
    rules = all_rules()
    found = run_checks(Snapshot.of(view), as_of) if findings is None else findings
    rows = []
    for principle in PRINCIPLES:
        mine = [f.severity for f in found if f.principle == principle]
        rows.append(ScoreRow(
            principle=principle,
            checks=sum(1 for r in rules if r.principle == principle),
            # No rule grades CRITICAL; were one to, it counts with HIGH rather than vanish.
            high=sum(1 for s in mine if s in (Severity.HIGH, Severity.CRITICAL)),
            medium=mine.count(Severity.MEDIUM),
            low=mine.count(Severity.LOW),
        ))
    return rows
