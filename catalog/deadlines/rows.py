"""What the deadlines analysis answers: one row per holding (a system holding an
element) and cohort, with the clocks (candidates) it was computed from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from catalog.periods import Duration
from catalog.vocab import Action, Trigger, Vocabulary

DEFAULT_WINDOW = Duration(days=90)


class DeadlineStatus(Vocabulary):
    """In order of precedence: the first that holds is a row's status."""

    DESTROYED = "DESTROYED"
    ON_HOLD = "ON_HOLD"
    OVERDUE = "OVERDUE"
    DUE = "DUE"
    ELIGIBLE = "ELIGIBLE"
    SCHEDULED = "SCHEDULED"
    NO_RULE = "NO_RULE"
    AWAITING_TRIGGER = "AWAITING_TRIGGER"


# The two classes below are frozen dataclasses with an `__init__` of their own: the one a
# frozen dataclass generates sets each field through `object.__setattr__`, about 4 µs an
# object, and a state has 450,000 rows and as many clocks (a few seconds of its
# deadlines). Theirs set every field with one update of the instance's dict, a third of
# the time; the instances are as frozen as before (`__setattr__` still refuses).


@dataclass(frozen=True, init=False)
class Candidate:
    """One rule's clock for one holding: the date it started (if it has) and the
    deadline (`due_on`, from the rule's period) and minimum (`eligible_on`, from its
    keep_at_least) it gives. A cohort rule starts one clock per cohort."""

    system: str
    element: str
    # "holding rule", "element default", "agreement clause", "agreement rule", and for a
    # hosted system "host agreement clause", "host agreement rule"
    basis: str
    rule: str  # a RetentionRule id, or the Agreement id for a destruction clause
    action: Action
    period: Duration | None
    keep_at_least: Duration | None
    trigger: Trigger
    trigger_on: date | None = None
    trigger_source: str | None = None  # the event, agreement or system that set the date
    cohort: str | None = None
    # Computed once, when made: a row asks its clocks' dates many times (ordering,
    # binding, status), and a plain attribute is read far faster than a cached property.
    due_on: date | None = field(init=False, repr=False, compare=False)
    eligible_on: date | None = field(init=False, repr=False, compare=False)

    def __init__(self, system: str, element: str, basis: str, rule: str, action: Action, period: Duration | None,
                 keep_at_least: Duration | None, trigger: Trigger, trigger_on: date | None = None,
                 trigger_source: str | None = None, cohort: str | None = None) -> None:
        # Set in the instance's dictionary (the class is frozen): a state makes 500,000 of
        # these, and each keyword of an update() costs more than a store.
        attrs = self.__dict__
        attrs["system"], attrs["element"], attrs["basis"], attrs["rule"] = system, element, basis, rule
        attrs["action"], attrs["period"], attrs["keep_at_least"] = action, period, keep_at_least
        attrs["trigger"], attrs["trigger_on"], attrs["trigger_source"] = trigger, trigger_on, trigger_source
        attrs["cohort"] = cohort
        attrs["due_on"] = period.after(trigger_on) if period and trigger_on else None
        attrs["eligible_on"] = keep_at_least.after(trigger_on) if keep_at_least and trigger_on else None

    def explain(self) -> str:
        limits = []
        if self.keep_at_least:
            limits.append(f"keep at least {self.keep_at_least.words()}")
        if self.period:
            limits.append(f"{self.action.value.lower()} within {self.period.words()}")
        head = f"{self.basis} {self.rule}: {' and '.join(limits)} after {self.trigger.value}"
        if self.trigger_on is None:
            return f"{head}; not yet triggered"
        by = f"{self.trigger_source}" + (f" (cohort {self.cohort})" if self.cohort else "")
        dates = []
        if self.eligible_on:
            dates.append(f"may be destroyed from {self.eligible_on}")
        if self.due_on:
            dates.append(f"due {self.due_on}")
        return f"{head}; triggered on {self.trigger_on} by {by}, {', '.join(dates)}"

    def as_dict(self) -> dict[str, Any]:
        return {"basis": self.basis, "rule": self.rule, "action": self.action.value,
                "period": self.period.iso() if self.period else None,
                "keep_at_least": self.keep_at_least.iso() if self.keep_at_least else None,
                "trigger": self.trigger.value, "trigger_on": iso(self.trigger_on),
                "trigger_source": self.trigger_source, "cohort": self.cohort,
                "due_on": iso(self.due_on), "eligible_on": iso(self.eligible_on)}


@dataclass(frozen=True, init=False)
class Deadline:
    """A holding and cohort as a records officer acts on it. `due_on` is the effective
    deadline (after binding by a source), `own_due_on` the holding's own; `eligible_on`
    the day the latest minimum allows destruction; `held_by` the legal holds and open
    access requests that suspend it; `destroyed_by` the destruction that covers it."""

    system: str
    element: str
    cohort: str | None
    status: DeadlineStatus
    eligible_on: date | None
    due_on: date | None
    own_due_on: date | None
    action: Action | None
    rule: str | None
    candidates: tuple[Candidate, ...] = ()
    destroyed_by: str | None = None
    destroyed_on: date | None = None
    bound_by: tuple[str, str] | None = None
    held_by: tuple[str, ...] = ()
    conflict: bool = False  # the holding's own deadline was later than its source's
    # How the row came to be, worked out when first read: a state has hundreds of thousands
    # of rows, and the checks, the counts and a page of rows read few explanations.
    explain: Callable[[], str] = field(default=str, repr=False, compare=False)

    def __init__(self, system: str, element: str, cohort: str | None, status: DeadlineStatus,
                 eligible_on: date | None, due_on: date | None, own_due_on: date | None, action: Action | None,
                 rule: str | None, candidates: tuple[Candidate, ...] = (), destroyed_by: str | None = None,
                 destroyed_on: date | None = None, bound_by: tuple[str, str] | None = None,
                 held_by: tuple[str, ...] = (), conflict: bool = False, explain: Callable[[], str] = str) -> None:
        attrs = self.__dict__  # as Candidate's
        attrs["system"], attrs["element"], attrs["cohort"], attrs["status"] = system, element, cohort, status
        attrs["eligible_on"], attrs["due_on"], attrs["own_due_on"] = eligible_on, due_on, own_due_on
        attrs["action"], attrs["rule"], attrs["candidates"] = action, rule, candidates
        attrs["destroyed_by"], attrs["destroyed_on"], attrs["bound_by"] = destroyed_by, destroyed_on, bound_by
        attrs["held_by"], attrs["conflict"], attrs["explain"] = held_by, conflict, explain

    @cached_property
    def explanation(self) -> str:
        return self.explain()

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.system, self.element, self.cohort)

    @property
    def retention_conflict(self) -> bool:
        """A minimum later than the deadline: no day satisfies both."""
        return bool(self.eligible_on and self.due_on and self.eligible_on > self.due_on)

    def as_dict(self) -> dict[str, Any]:
        return {"system": self.system, "element": self.element, "cohort": self.cohort,
                "status": self.status.value, "eligible_on": iso(self.eligible_on), "due_on": iso(self.due_on),
                "own_due_on": iso(self.own_due_on), "action": self.action.value if self.action else None,
                "rule": self.rule, "destroyed_by": self.destroyed_by, "destroyed_on": iso(self.destroyed_on),
                "bound_by": {"system": self.bound_by[0], "element": self.bound_by[1]} if self.bound_by else None,
                "held_by": list(self.held_by), "conflict": self.conflict, "explanation": self.explanation,
                "candidates": [c.as_dict() for c in self.candidates]}


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
