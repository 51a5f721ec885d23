"""Principle 9: everyone with access is trained, and the training is current."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.model import Training
from catalog.periods import parse_date
from catalog.records import typed
from catalog.rules._common import named, named_list
from catalog.view import Snapshot
from catalog.vocab import Label, RelType, Severity


def _required_trainings(view: Snapshot, person: str) -> dict[str, list[str]]:
    """Each training a person's roles require, with the roles that require it."""
    needed: dict[str, list[str]] = {}
    for role in view.targets(person, RelType.HAS_ROLE):
        for training in view.targets(role, RelType.REQUIRES_TRAINING):
            needed.setdefault(training, []).append(role)
    return needed


def _completed_on(view: Snapshot, person: str, training: str, as_of: date) -> date | None:
    """When the person completed the training, if they had by `as_of`."""
    edge = view.edge(RelType.COMPLETED, person, training)
    if edge is None or edge.props.get("on") is None:
        return None
    on = parse_date(edge.props["on"])
    return on if on <= as_of else None


@rule("training-missing", "9", Severity.HIGH, "People with access who never took the required training")
def training_missing(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for person in view.of_label(Label.PERSON):
        for training, roles in sorted(_required_trainings(view, person.id).items()):
            if _completed_on(view, person.id, training, as_of) is not None:
                continue
            yield Issue(
                person.id,
                f"{named(view, person.id)} holds the role {named_list(view, roles)}, which requires "
                f"training {named(view, training)}, but has not completed it.",
                f"Have {named(view, person.id)} complete {named(view, training)} and record it "
                "(`completed` on the person), or withdraw the role until then.",
            )


@rule("training-expired", "9", Severity.MEDIUM, "People with access whose training has lapsed")
def training_expired(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for person in view.of_label(Label.PERSON):
        for training_id, roles in sorted(_required_trainings(view, person.id).items()):
            on = _completed_on(view, person.id, training_id, as_of)
            record = view.get_node(training_id)
            if on is None or record is None:
                continue
            valid_for = typed(record, Training).valid_for
            if valid_for is None or valid_for.after(on) >= as_of:
                continue
            yield Issue(
                person.id,
                f"{named(view, person.id)} holds the role {named_list(view, roles)}; their training "
                f"{named(view, training_id)}, completed on {on}, lapsed on {valid_for.after(on)} "
                f"(it is valid for {valid_for.words()}).",
                f"Have {named(view, person.id)} retake {named(view, training_id)} and record the new "
                "completion date, or withdraw the role until then.",
            )

