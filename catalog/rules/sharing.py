"""Principle 6: share only under an agreement and for a legitimate educational purpose;
otherwise with the consent of the parent (or of the student at 18).

A Mandate (a law requiring the flow) is a complete basis: where a flow is under one, the
agreement-level checks do not apply to it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.model import Agreement, Consent, Purpose
from catalog.records import NodeRecord, typed
from catalog.rules._common import date_of, is_external, named, named_list
from catalog.view import Snapshot
from catalog.vocab import Label, RelType, Severity


def _bases(view: Snapshot, flow_id: str) -> dict[str, Label | None]:
    return {b: view.label_of(b) for b in view.targets(flow_id, RelType.UNDER)}


def _contractual(view: Snapshot, flow_id: str) -> list[str] | None:
    """The agreements and consents a flow rests on, or None when a mandate (or nothing)
    is its basis, since then there are no terms to hold it to."""
    bases = _bases(view, flow_id)
    if not bases or Label.MANDATE in bases.values():
        return None
    return sorted(b for b, label in bases.items() if label in (Label.AGREEMENT, Label.CONSENT))


def _active(flow: NodeRecord, as_of: date) -> bool:
    started, ended = date_of(flow, "started_on"), date_of(flow, "ended_on")
    return (started is None or started <= as_of) and (ended is None or ended >= as_of)


def _ended(view: Snapshot, basis_id: str, as_of: date) -> str | None:
    """Why a basis no longer holds as of `as_of`, or None while it does."""
    record = view.get_node(basis_id)
    if record is None:
        return None
    if record.label == Label.AGREEMENT:
        agreement = typed(record, Agreement)
        if agreement.effective_on and agreement.effective_on > as_of:
            return f"agreement {named(view, basis_id)} only takes effect on {agreement.effective_on}"
        end = agreement.ends_on()
        if end and end < as_of:
            how = "was terminated" if agreement.terminated_on else "expired"
            return f"agreement {named(view, basis_id)} {how} on {end}"
    elif record.label == Label.CONSENT:
        consent = typed(record, Consent)
        if consent.expires_on and consent.expires_on < as_of:
            return f"consent {named(view, basis_id)} expired on {consent.expires_on}"
    return None


@rule("flow-without-basis", "6", Severity.HIGH, "External flows with no legal basis")
def flow_without_basis(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        to = view.target(flow.id, RelType.TO)
        if to is None or not is_external(view, to) or view.targets(flow.id, RelType.UNDER):
            continue
        operators = named_list(view, view.sources(to, RelType.OPERATES))
        yield Issue(
            flow.id,
            f"Flow {named(view, flow.id)} sends student data to {named(view, to)}, operated by "
            f"{operators}, under no agreement, consent or law.",
            "Sign a data-sharing agreement with the recipient (or collect consent, or cite the law "
            "that requires the flow) and record it under the flow's `under`, or end the flow.",
        )


@rule("basis-expired", "6", Severity.HIGH, "Active flows whose agreements or consents have ended")
def basis_expired(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        bases = _bases(view, flow.id)
        if not bases or Label.MANDATE in bases.values() or not _active(flow, as_of):
            continue
        reasons = [_ended(view, b, as_of) for b in sorted(bases)]
        if not all(reasons):
            continue
        yield Issue(
            flow.id,
            f"Flow {named(view, flow.id)} is still active on {as_of} but no basis covers it any "
            f"more: {'; '.join(r for r in reasons if r)}.",
            "Renew or replace the agreement (or collect fresh consent) and record it, or end the "
            "flow (`ended_on`) and have the recipient destroy what it received.",
        )


@rule("element-not-covered", "6", Severity.HIGH, "Flows carrying elements their agreements do not cover")
def element_not_covered(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        bases = _contractual(view, flow.id)
        if not bases:
            continue
        covered = {e for b in bases for e in view.targets(b, RelType.COVERS)}
        for element in view.targets(flow.id, RelType.CARRIES):
            if element in covered:
                continue
            yield Issue(
                flow.id,
                f"Flow {named(view, flow.id)} carries data element {named(view, element)}, which "
                f"none of its bases ({named_list(view, bases)}) covers.",
                f"Add {named(view, element)} to the agreement's schedule of data (`covers`), or stop "
                "sending it in this flow.",
            )


@rule("purpose-not-permitted", "6", Severity.MEDIUM, "Flows for purposes their agreements do not permit")
def purpose_not_permitted(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        bases = _contractual(view, flow.id)
        if not bases:
            continue
        # An agreement permits purposes; a consent is given for purposes.
        permitted = {p for b in bases for t in (RelType.PERMITS, RelType.FOR) for p in view.targets(b, t)}
        for purpose in view.targets(flow.id, RelType.FOR):
            if purpose in permitted:
                continue
            yield Issue(
                flow.id,
                f"Flow {named(view, flow.id)} serves purpose {named(view, purpose)}, which none of "
                f"its bases ({named_list(view, bases)}) permits.",
                f"Amend the agreement to permit {named(view, purpose)} (`permits`), or stop using "
                "this flow for it.",
            )


@rule("non-educational-without-consent", "6", Severity.HIGH, "Non-educational purposes without consent")
def non_educational_without_consent(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for flow in view.of_label(Label.FLOW):
        if Label.CONSENT in _bases(view, flow.id).values():
            continue
        for purpose_id in view.targets(flow.id, RelType.FOR):
            record = view.get_node(purpose_id)
            if record is None or typed(record, Purpose).educational:
                continue
            yield Issue(
                flow.id,
                f"Flow {named(view, flow.id)} shares data for {named(view, purpose_id)}, which is not "
                "an educational purpose, without the consent of a parent or eligible student.",
                "Collect consent from the parent (or the student at 18), record it under the flow, "
                "or stop sharing the data for this purpose.",
            )
