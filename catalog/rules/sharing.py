"""Principle 6: share only under an agreement and for a legitimate educational purpose;
otherwise with the consent of the parent (or of the student at 18).

A flow's bases are what it is `under`. An agreement covers the elements of its schedule
and permits its purposes; a consent covers elements and is given for purposes. A
Mandate (a law requiring the flow) covers the elements and purposes its law names
(`covers`, `for`); one that names no element covers every element of the flow, and one
that names no purpose every purpose, so a mandate naming neither is, as it always was, a
complete basis for the flow. What no basis covers is a finding.

An agreement or consent holds only while it is in force (`in_force_on`, in the model): a
consent from the day it was collected until it expires or is withdrawn. A flow running
on the date asked when none of its agreements and consents is in force, and something
of it lies beyond its mandates, has no basis."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.model import Agreement, Consent, Purpose
from catalog.predicates import is_internal_org, mandate_covers, outside_district, runs_on
from catalog.records import typed
from catalog.rules._common import elements_named, named, named_list
from catalog.view import Snapshot
from catalog.vocab import Label, RelType, Severity

# What a basis of each kind grants of a flow's elements (CARRIES) and purposes (FOR).
_GRANTS = {
    Label.AGREEMENT: {RelType.CARRIES: RelType.COVERS, RelType.FOR: RelType.PERMITS},
    Label.CONSENT: {RelType.CARRIES: RelType.COVERS, RelType.FOR: RelType.FOR},
    Label.MANDATE: {RelType.CARRIES: RelType.COVERS, RelType.FOR: RelType.FOR},
}


def _bases(view: Snapshot, flow_id: str) -> dict[str, Label | None]:
    return {b: view.label_of(b) for b in view.targets(flow_id, RelType.UNDER)}


def lapse(view: Snapshot, basis_id: str, day: date) -> str | None:
    """Why an agreement or a consent does not hold on `day`, or None while it is in force
    (a mandate, a law, always holds)."""
    record = view.get_node(basis_id)
    if record is not None and record.label == Label.AGREEMENT:
        agreement = typed(record, Agreement)
        if agreement.in_force_on(day):
            return None
        end = agreement.ends_on()
        if end is not None and end < day:
            how = "was terminated" if agreement.terminated_on else "expired"
            return f"agreement {named(view, basis_id)} {how} on {end}"
        return f"agreement {named(view, basis_id)} only takes effect on {agreement.starts_on()}"
    if record is not None and record.label == Label.CONSENT:
        consent = typed(record, Consent)
        if consent.in_force_on(day):
            return None
        if consent.collected_from is not None and day < consent.collected_from:
            return f"consent {named(view, basis_id)} was not yet collected (collected from {consent.collected_from})"
        if consent.withdrawn_on is not None and consent.withdrawn_on <= day \
                and (consent.expires_on is None or consent.withdrawn_on <= consent.expires_on):
            return f"consent {named(view, basis_id)} was withdrawn on {consent.withdrawn_on}"
        return f"consent {named(view, basis_id)} expired on {consent.expires_on}"
    return None


def _grants(view: Snapshot, basis: str, label: Label | None, what: RelType, item: str) -> bool:
    """One basis grants a flow's element (`what` CARRIES) or purpose (FOR)."""
    if label is None or label not in _GRANTS:
        return False
    names = view.targets(basis, _GRANTS[label][what])
    return mandate_covers(names, item) if label == Label.MANDATE else item in names


def _uncovered(view: Snapshot, flow_id: str, what: RelType, bases: dict[str, Label | None]) -> list[str]:
    """The flow's elements (`what` CARRIES) or purposes (FOR) that none of `bases` grants."""
    return sorted(item for item in set(view.targets(flow_id, what))
                  if not any(_grants(view, b, label, what, item) for b, label in bases.items()))


def _mandates(bases: dict[str, Label | None]) -> dict[str, Label | None]:
    return {b: label for b, label in bases.items() if label == Label.MANDATE}


def _beyond_mandates(view: Snapshot, flow_id: str, bases: dict[str, Label | None]) -> bool:
    """Something the flow carries or serves needs a basis other than its laws."""
    mandates = _mandates(bases)
    return any(_uncovered(view, flow_id, what, mandates) for what in (RelType.CARRIES, RelType.FOR))


def _under_mandates(bases: dict[str, Label | None]) -> str:
    """What a finding adds where a flow is under a law: why the law is not enough."""
    return " (a mandate covers only the elements and purposes its law names)" if _mandates(bases) else ""


@rule("flow-without-basis", "6", Severity.HIGH, "External flows with no legal basis")
def flow_without_basis(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        to, source = view.target(flow.id, RelType.TO), view.target(flow.id, RelType.FROM)
        if to is None or not outside_district(view, to) or view.targets(flow.id, RelType.UNDER):
            continue
        operators = view.sources(to, RelType.OPERATES)
        if source is not None and onward_recipients(view, source, operators):
            continue  # from a provider to another organisation: `subprocessor-not-named` judges it
        yield Issue(
            flow.id,
            f"Flow {named(view, flow.id)} sends student data to {named(view, to)}, operated by "
            f"{named_list(view, operators)}, under no agreement, consent or law.",
            "Sign a data-sharing agreement with the recipient (or collect consent, or cite the law "
            "that requires the flow) and record it under the flow's `under`, or end the flow.",
        )


def onward_recipients(view: Snapshot, source: str, recipients: list[str]) -> list[str]:
    """Where `source` is a provider's system (operated outside the district), the
    organisations among `recipients` outside the district other than that provider:
    those a flow from it makes the provider's sub-processors."""
    providers = [o for o in view.sources(source, RelType.OPERATES) if not is_internal_org(view.get_node(o))]
    if not providers:
        return []
    return sorted(r for r in recipients if not is_internal_org(view.get_node(r)) and r not in providers)


@rule("basis-expired", "6", Severity.HIGH, "Active flows whose agreements or consents are not in force")
def basis_expired(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        bases = _bases(view, flow.id)
        terms = sorted(b for b, label in bases.items() if label != Label.MANDATE)
        if not terms or not runs_on(flow, as_of):
            continue
        if _mandates(bases) and not _beyond_mandates(view, flow.id, bases):
            continue  # the laws require all of it
        reasons = [lapse(view, b, as_of) for b in terms]
        if not all(reasons):
            continue
        mandates = sorted(_mandates(bases))
        part = f"; {named_list(view, mandates)} cover{'s' if len(mandates) == 1 else ''} only part of it" \
            if mandates else ""
        yield Issue(
            flow.id,
            f"Flow {named(view, flow.id)} is active on {as_of} but none of its agreements and consents is in "
            f"force then: {'; '.join(r for r in reasons if r)}{part}.",
            "Renew or replace the agreement (or collect fresh consent) and record it, or end the "
            "flow (`ended_on`) and have the recipient destroy what it received.",
        )


@rule("element-not-covered", "6", Severity.HIGH, "Flows carrying elements their bases do not cover")
def element_not_covered(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        bases = _bases(view, flow.id)
        missing = _uncovered(view, flow.id, RelType.CARRIES, bases) if bases else []
        if not missing:
            continue
        yield Issue(
            flow.id,
            f"Flow {named(view, flow.id)} carries {elements_named(view, missing)}, which none of its bases "
            f"({named_list(view, sorted(bases))}) covers{_under_mandates(bases)}.",
            "Add what it sends to the agreement's schedule of data (`covers`), or record the basis that "
            "covers it (a consent, or the law that names it in the mandate's `covers`), or stop sending it "
            "in this flow.",
            elements=tuple(missing),
        )


@rule("purpose-not-permitted", "6", Severity.MEDIUM, "Flows for purposes their bases do not permit")
def purpose_not_permitted(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        bases = _bases(view, flow.id)
        if not bases:
            continue
        for purpose in _uncovered(view, flow.id, RelType.FOR, bases):
            yield Issue(
                flow.id,
                f"Flow {named(view, flow.id)} serves purpose {named(view, purpose)}, which none of "
                f"its bases ({named_list(view, sorted(bases))}) permits{_under_mandates(bases)}.",
                f"Amend the agreement to permit {named(view, purpose)} (`permits`), or record the law "
                "that requires it (the mandate's `for`), or stop using this flow for it.",
            )


@rule("non-educational-without-consent", "6", Severity.HIGH, "Non-educational purposes without consent")
def non_educational_without_consent(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        bases = _bases(view, flow.id)
        if Label.CONSENT in bases.values():
            continue
        # A law that names the purpose requires the sharing: no consent is asked for it.
        required = {p for m in _mandates(bases) for p in view.targets(m, RelType.FOR)}
        for purpose_id in view.targets(flow.id, RelType.FOR):
            record = view.get_node(purpose_id)
            if record is None or typed(record, Purpose).educational or purpose_id in required:
                continue
            yield Issue(
                flow.id,
                f"Flow {named(view, flow.id)} shares data for {named(view, purpose_id)}, which is not "
                "an educational purpose, without the consent of a parent or eligible student.",
                "Collect consent from the parent (or the student at 18), record it under the flow, "
                "or stop sharing the data for this purpose.",
            )
