"""Principle 9: everyone with access to student data is trained, and the training is
current. The district's staff through their roles; providers' and researchers' staff
through their agreements (`requires_training`, attested by `training_attested_on`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.model import Agreement, Training
from catalog.periods import parse_date
from catalog.predicates import external_orgs, flow_ended_before, is_highly_sensitive, is_personal, is_public_agency
from catalog.records import NodeRecord, typed
from catalog.rules._common import elements_named, named, named_list
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


def _duties_to_train(view: Snapshot, as_of: date) -> list[tuple[NodeRecord, str, list[str], date | None]]:
    """Each person, each training their roles require (with those roles) and when they
    completed it, if they had by `as_of`: read once for the checks below (a state has
    tens of thousands of people)."""
    def read() -> list[tuple[NodeRecord, str, list[str], date | None]]:
        return [(person, training, roles, _completed_on(view, person.id, training, as_of))
                for person in view.of_label(Label.PERSON)
                for training, roles in sorted(_required_trainings(view, person.id).items())]
    return view.cached(("duties to train", as_of), read)


@rule("training-missing", "9", Severity.HIGH, "People with access who never took the required training")
def training_missing(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for person, training, roles, on in _duties_to_train(view, as_of):
        if on is not None:
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
    # A state's staff share a few trainings: each is read once, not once per person.
    trainings = {t.id: typed(t, Training) for t in view.of_label(Label.TRAINING)}
    for person, training_id, roles, on in _duties_to_train(view, as_of):
        training = trainings.get(training_id)
        if on is None or training is None:
            continue
        valid_for = training.valid_for
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


def _reach(view: Snapshot, role_id: str) -> list[str]:
    """The personal data a role can see: the elements granted, and all that the systems
    granted hold."""
    seen: set[str] = set()
    for target in view.targets(role_id, RelType.CAN_ACCESS):
        seen.update(view.targets(target, RelType.HOLDS) if view.label_of(target) == Label.SYSTEM else [target])
    return sorted(e for e in seen if is_personal(view.get_node(e)))


@rule("role-without-training", "9", Severity.HIGH, "Roles with access to student data that require no training")
def role_without_training(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for role in view.of_label(Label.ROLE):
        reach = _reach(view, role.id)
        if not reach or view.targets(role.id, RelType.REQUIRES_TRAINING):
            continue
        sensitive = sum(1 for e in reach if is_highly_sensitive(view.get_node(e)))
        yield Issue(
            role.id,
            f"Role {named(view, role.id)} can access {elements_named(view, reach)}"
            f"{f', {sensitive} of them SENSITIVE,' if sensitive else ''} but requires no training: "
            "nothing ensures that the people who hold it know how student data must be handled.",
            "Name the trainings the role requires (`requires_training` on the role; at least the "
            "district's FERPA training) and have everyone who holds it complete them.",
            # Only personal, not sensitive data: the exposure is smaller, the gap the same.
            None if sensitive else Severity.MEDIUM,
            tuple(reach),
        )


def _in_force(view: Snapshot, as_of: date) -> Iterator[tuple[NodeRecord, Agreement]]:
    for record in view.of_label(Label.AGREEMENT):
        agreement = typed(record, Agreement)
        if agreement.in_force_on(as_of):
            yield record, agreement


def _provider(view: Snapshot, agreement_id: str) -> str:
    return named_list(view, view.targets(agreement_id, RelType.WITH)) or "the provider"


def _attested_on(agreement: Agreement, as_of: date) -> date | None:
    """When the provider attested its staff's training, if it had by `as_of`."""
    on = agreement.training_attested_on
    return on if on is not None and on <= as_of else None


@rule("provider-training-missing", "9", Severity.HIGH,
      "Providers that have not attested the training their agreement requires")
def provider_training_missing(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for record, agreement in _in_force(view, as_of):
        trainings = view.targets(record.id, RelType.REQUIRES_TRAINING)
        if not trainings or _attested_on(agreement, as_of) is not None:
            continue
        provider = _provider(view, record.id)
        yield Issue(
            record.id,
            f"Agreement {named(view, record.id)} requires the staff of {provider} who handle student "
            f"data to complete {named_list(view, trainings)}, but {provider} has not attested that "
            "they have.",
            f"Obtain the written attestation of {provider} that its staff with access completed the "
            "trainings and record its date (`training_attested_on` on the agreement); hold the flows "
            "under the agreement until then.",
        )


def _lapsed(view: Snapshot, trainings: list[str], attested: date, as_of: date) -> list[str]:
    """The trainings whose validity, counted from the attestation, ended before `as_of`."""
    lapsed = []
    for training_id in trainings:
        record = view.get_node(training_id)
        valid_for = typed(record, Training).valid_for if record is not None else None
        if valid_for is not None and valid_for.after(attested) < as_of:
            lapsed.append(f"{named(view, training_id)} lapsed on {valid_for.after(attested)} "
                          f"(it is valid for {valid_for.words()})")
    return lapsed


@rule("provider-training-expired", "9", Severity.MEDIUM, "Providers whose attested training has lapsed")
def provider_training_expired(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for record, agreement in _in_force(view, as_of):
        attested = _attested_on(agreement, as_of)
        trainings = view.targets(record.id, RelType.REQUIRES_TRAINING)
        lapsed = _lapsed(view, trainings, attested, as_of) if attested is not None else []
        if not lapsed:
            continue
        provider = _provider(view, record.id)
        yield Issue(
            record.id,
            f"{provider} attested on {attested} that its staff completed the trainings agreement "
            f"{named(view, record.id)} requires, but {'; '.join(lapsed)}.",
            f"Obtain a fresh attestation from {provider} that its staff retook the trainings and "
            "record its date (`training_attested_on` on the agreement).",
        )


def _sensitive_received(view: Snapshot, agreement_id: str, as_of: date) -> list[str]:
    """The SENSITIVE elements that flows under the agreement, not ended by `as_of`, carry."""
    flows = [view.get_node(f) for f in view.sources(agreement_id, RelType.UNDER)]
    carried = {e for f in flows if f is not None and not flow_ended_before(f, as_of)
               for e in view.targets(f.id, RelType.CARRIES)}
    return sorted(e for e in carried if is_highly_sensitive(view.get_node(e)))


# LOW: the agreement may oblige training in clauses the catalog does not record, and
# providers answer to their own law; what is missing is the district's assurance, not
# proof that anyone is untrained. State and federal agencies train under their own law.
@rule("provider-training-not-required", "9", Severity.LOW,
      "Agreements that let a provider receive sensitive data but require no training")
def provider_training_not_required(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for record, _ in _in_force(view, as_of):
        if view.targets(record.id, RelType.REQUIRES_TRAINING):
            continue
        parties = external_orgs(view.get_node(o) for o in view.targets(record.id, RelType.WITH))
        if not [o for o in parties if not is_public_agency(o)]:
            continue
        sensitive = _sensitive_received(view, record.id, as_of)
        if not sensitive:
            continue
        provider = _provider(view, record.id)
        yield Issue(
            record.id,
            f"Agreement {named(view, record.id)} lets {provider} receive SENSITIVE data, "
            f"{elements_named(view, sensitive)}, but requires no training of its staff: the district "
            "cannot show that the people who handle it are trained.",
            "Require the trainings the provider's staff must complete (`requires_training` on the "
            "agreement, at its next renewal at the latest) and record the provider's attestation "
            "(`training_attested_on`).",
            elements=tuple(sensitive),
        )
