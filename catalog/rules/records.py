"""Principle 7, in practice: data destroyed when the rules say, neither before the
records schedule allows nor under a hold; and copies kept no longer than their source.

Every check here reads one computation of the deadlines per snapshot. Findings that
would repeat over the elements of one system and one rule are one finding listing them."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from datetime import date

from catalog.deadlines import Deadline, DeadlineStatus, Hold, Holds, compute_deadlines, read_holds
from catalog.findings import Issue, rule
from catalog.rules._common import elements_named, named
from catalog.view import Snapshot
from catalog.vocab import Action, ElementCategory, Severity, Subject, Trigger


def deadlines_of(view: Snapshot, as_of: date) -> list[Deadline]:
    return compute_deadlines(view, as_of)  # kept by the snapshot: computed once for every check


# The rows the checks below read, beyond a status: copies that would outlive their source,
# and rules that conflict (neither counts once the data is destroyed).
OUTLIVES, CONFLICTS = "outlives its source", "conflicting rules"


def rows_of(view: Snapshot, as_of: date, kind: DeadlineStatus | str) -> list[Deadline]:
    """The rows of a status, or of one of the kinds above: found in one pass over a state's
    450,000 rows for every check, rather than one pass each."""
    def index() -> dict[DeadlineStatus | str, list[Deadline]]:
        found: dict[DeadlineStatus | str, list[Deadline]] = {}
        for row in deadlines_of(view, as_of):
            found.setdefault(row.status, []).append(row)
            if row.status != DeadlineStatus.DESTROYED:
                if row.conflict:
                    found.setdefault(OUTLIVES, []).append(row)
                if row.retention_conflict:
                    found.setdefault(CONFLICTS, []).append(row)
        return found
    return view.cached(("deadline rows by kind", as_of), index).get(kind, [])


def holds_of(view: Snapshot) -> list[Hold]:
    return view.cached("holds", lambda: read_holds(view))


def grouped(rows: Iterable[Deadline], key: Callable[[Deadline], Hashable]) -> list[list[Deadline]]:
    """Rows sharing a key, in the order of their first row."""
    groups: dict[Hashable, list[Deadline]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return list(groups.values())


def elements_of(rows: list[Deadline]) -> tuple[str, ...]:
    return tuple(sorted({r.element for r in rows}))


def what(view: Snapshot, rows: list[Deadline]) -> str:
    """The elements and cohorts of some rows, as a sentence names them."""
    cohorts = sorted({r.cohort for r in rows if r.cohort})
    text = elements_named(view, list(elements_of(rows)))
    if cohorts:
        text += f" of cohort{'s' if len(cohorts) > 1 else ''} {', '.join(cohorts)}"
    return text


def _earliest(rows: list[Deadline]) -> date | None:
    return min((r.due_on for r in rows if r.due_on), default=None)


@rule("destruction-overdue", "7", Severity.HIGH, "Data kept past its destruction deadline")
def destruction_overdue(view: Snapshot, as_of: date) -> Iterator[Issue]:
    overdue = [d for d in rows_of(view, as_of, DeadlineStatus.OVERDUE) if d.action != Action.REVIEW]
    for rows in grouped(overdue, lambda d: (d.system, d.rule)):
        system, first = rows[0].system, rows[0]
        yield Issue(
            system,
            f"{named(view, system)} still holds {what(view, rows)} past the deadline of "
            f"{first.rule or 'its source'} (due {_earliest(rows)}): {first.explanation}.",
            f"Have the operator of {named(view, system)} destroy (or de-identify) the data as the rule says and "
            "record the Destruction with its certificate, or correct the rule if it is wrong.",
            elements=elements_of(rows),
        )


@rule("review-due", "7", Severity.MEDIUM, "Records whose review is due")
def review_due(view: Snapshot, as_of: date) -> Iterator[Issue]:
    due = [d for d in rows_of(view, as_of, DeadlineStatus.OVERDUE) if d.action == Action.REVIEW]
    for rows in grouped(due, lambda d: (d.system, d.rule)):
        system = rows[0].system
        yield Issue(
            system,
            f"The review of {what(view, rows)} in {named(view, system)} under {rows[0].rule} was due on "
            f"{_earliest(rows)}: a review decides whether the records are still needed, and nothing may be "
            "destroyed before those they are about are told.",
            _who_to_tell(view, elements_of(rows)),
            elements=elements_of(rows),
        )


def _who_to_tell(view: Snapshot, elements: tuple[str, ...]) -> str:
    records = [view.get_node(e) for e in elements]
    special = any(r is not None and r.get("category") == ElementCategory.SPECIAL_EDUCATION.value for r in records)
    staff = all(r is not None and r.get("subject") == Subject.STAFF.value for r in records)
    if staff:
        return ("Review the records; tell the staff members concerned before destroying what is no longer "
                "needed, and record the Destruction.")
    law = (" (34 CFR 300.624: special education records are destroyed at the parents' request, and a limited "
           "permanent record may be kept)") if special else ""
    return (f"Review the records; tell the parents (or the student, once an eligible student) that they are no "
            f"longer needed{law}; destroy them as they ask and record the Destruction.")


@rule("retention-outlives-source", "7", Severity.HIGH, "Copies kept longer than their source")
def retention_outlives_source(view: Snapshot, as_of: date) -> Iterator[Issue]:
    conflicts = rows_of(view, as_of, OUTLIVES)
    for rows in grouped(conflicts, lambda d: (d.system, d.bound_by[0] if d.bound_by else "")):
        system, source = rows[0].system, rows[0].bound_by[0] if rows[0].bound_by else "its source"
        yield Issue(
            system,
            f"The copy of {what(view, rows)} in {named(view, system)} would outlive its source "
            f"{named(view, source)}, which must destroy it by {_earliest(rows)} ({rows[0].explanation}).",
            f"Shorten the retention rule of the holding in {named(view, system)} so it ends no later than the "
            "source's, or correct the source's rule if that is the one that is wrong.",
            elements=elements_of(rows),
        )


@rule("retention-conflict", "7", Severity.HIGH, "Rules that require keeping data past its deadline")
def retention_conflict(view: Snapshot, as_of: date) -> Iterator[Issue]:
    clashing = rows_of(view, as_of, CONFLICTS)
    for rows in grouped(clashing, lambda d: (d.system, d.rule)):
        system, first = rows[0].system, rows[0]
        yield Issue(
            system,
            f"The rules for {what(view, rows)} in {named(view, system)} conflict: they must be kept until "
            f"{first.eligible_on} but destroyed by {first.due_on}, and no day satisfies both.",
            "Settle which rule governs this copy (the records schedule's minimum or the agreement's or "
            "source's maximum) and correct the other, or move the data where the minimum may be kept.",
            elements=elements_of(rows),
        )


@rule("destroyed-too-early", "7", Severity.HIGH, "Data destroyed before the records schedule allowed")
def destroyed_too_early(view: Snapshot, as_of: date) -> Iterator[Issue]:
    early = [d for d in _destroyed(view, as_of) if d.eligible_on and d.destroyed_on and d.destroyed_on < d.eligible_on]
    for rows in grouped(early, lambda d: (d.system, d.destroyed_by)):
        system, first = rows[0].system, rows[0]
        yield Issue(
            system,
            f"Destruction {first.destroyed_by} removed {what(view, rows)} from {named(view, system)} on "
            f"{first.destroyed_on}, but the records schedule required keeping it until {first.eligible_on}.",
            "Report the early destruction to the records officer, restore from a backup where one still exists "
            "and the law requires it, and review the purge procedure against the schedule.",
            elements=elements_of(rows),
        )


@rule("destroyed-late", "7", Severity.MEDIUM, "Data destroyed after its deadline")
def destroyed_late(view: Snapshot, as_of: date) -> Iterator[Issue]:
    late = [d for d in _destroyed(view, as_of) if d.due_on and d.destroyed_on and d.destroyed_on > d.due_on]
    for rows in grouped(late, lambda d: (d.system, d.destroyed_by)):
        system, first = rows[0].system, rows[0]
        days = ((first.destroyed_on or as_of) - (first.due_on or as_of)).days
        yield Issue(
            system,
            f"Destruction {first.destroyed_by} removed {what(view, rows)} from {named(view, system)} on "
            f"{first.destroyed_on}, {days} day{'s' if days != 1 else ''} after its deadline of {first.due_on}.",
            f"Record why the deadline was missed, and have the operator of {named(view, system)} confirm how it "
            "will meet the next one (for a provider, under its agreement).",
            elements=elements_of(rows),
        )


@rule("destroyed-under-hold", "7", Severity.HIGH, "Data destroyed while a hold forbade it")
def destroyed_under_hold(view: Snapshot, as_of: date) -> Iterator[Issue]:
    holds = Holds(holds_of(view))
    found: dict[int, tuple[Deadline, tuple[Hold, ...]]] = {}
    for row in _destroyed(view, as_of):
        if (when := row.destroyed_on) and (held := holds.covering(row.system, row.element, row.cohort, on=when)):
            found[id(row)] = (row, held)
    for rows in grouped([r for r, _ in found.values()], lambda d: (d.system, d.destroyed_by)):
        system, first = rows[0].system, rows[0]
        holds_then = sorted({h.words() for r in rows for h in found[id(r)][1]})
        yield Issue(
            system,
            f"Destruction {first.destroyed_by} removed {what(view, rows)} from {named(view, system)} on "
            f"{first.destroyed_on} while {'; '.join(holds_then)} forbade destroying it.",
            "Tell counsel (or the family that asked) at once, document what was lost and why, and make the "
            "purge procedure check active holds and open requests before destroying anything.",
            elements=elements_of(rows),
        )


def _destroyed(view: Snapshot, as_of: date) -> list[Deadline]:
    return rows_of(view, as_of, DeadlineStatus.DESTROYED)


@rule("clock-cannot-start", "7", Severity.MEDIUM, "Retention rules whose clock can never start")
def clock_cannot_start(view: Snapshot, as_of: date) -> Iterator[Issue]:
    stuck = []
    for row in deadlines_of(view, as_of):
        for c in row.candidates:
            if c.trigger_on is None and c.trigger == Trigger.COLLECTION:
                stuck.append((row, c.rule, "the holding records no `since` date, so nothing says when "
                                           "collection began"))
            elif c.trigger_on is None and c.trigger == Trigger.EVENT and _topic_missing(view, c.rule):
                stuck.append((row, c.rule, "the rule names no `topic`, so no event can start it"))
    seen: dict[tuple[str, str], tuple[list[Deadline], str]] = {}
    for row, rule_id, why in stuck:
        seen.setdefault((row.system, rule_id), ([], why))[0].append(row)
    for (system, rule_id), (rows, why) in seen.items():
        yield Issue(
            system,
            f"Retention rule {named(view, rule_id)} can never start its clock for {what(view, rows)} in "
            f"{named(view, system)}: {why}.",
            "Record when the system began holding the data (`since` under the system's `holds`)"
            if "since" in why else "Give the rule the `topic` of the events that start it, and record those "
                                   "events with the same `topic`.",
            elements=elements_of(rows),
        )


def _topic_missing(view: Snapshot, rule_id: str) -> bool:
    record = view.get_node(rule_id)
    return record is not None and not record.get("topic")
