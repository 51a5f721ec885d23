"""Principle 10b: breach notification and remedies. Each notice an incident owes (the
provider to the district, the district to families and to the state: `catalog.blast`)
is a finding when it was given late, or is past due and not given on the date asked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.blast import Audience, BlastRadius, Duty, DutyStatus, blast_radius
from catalog.findings import Issue, rule
from catalog.rules._common import date_of, district_policies, named, the_district
from catalog.view import Snapshot
from catalog.vocab import Label, PolicyKind, Severity


def _radius(view: Snapshot, incident: str, as_of: date) -> BlastRadius:
    return view.cached(("blast", incident, as_of), lambda: blast_radius(view, incident, as_of))


def _missed(view: Snapshot, as_of: date, to: Audience) -> Iterator[tuple[str, Duty]]:
    for incident in view.of_label(Label.INCIDENT):
        for duty in _radius(view, incident.id, as_of).duties:
            if duty.to == to and duty.status.missed:
                yield incident.id, duty


def _when(duty: Duty, as_of: date) -> str:
    if duty.status == DutyStatus.LATE and duty.given_on and duty.due_on:
        return f"it was given on {duty.given_on}, {(duty.given_on - duty.due_on).days} day(s) late"
    return f"as of {as_of} none is recorded"


def _severity(duty: Duty) -> Severity | None:
    # A notice given late is a lesson for next time; one still owed harms families now.
    return Severity.MEDIUM if duty.status == DutyStatus.LATE else None


@rule("incident-notice-overdue", "10b", Severity.HIGH, "Breach notices from providers to the district late or missing")
def incident_notice_overdue(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for incident, duty in _missed(view, as_of, Audience.DISTRICT):
        provider = named(view, duty.by)
        late = duty.status == DutyStatus.LATE
        yield Issue(
            incident,
            f"{provider} had to tell the district of incident {named(view, incident)} by {duty.due_on}, "
            f"{duty.hours} hours after it was discovered on {duty.starts_on}, under agreement "
            f"{named(view, str(duty.agreement))}; {_when(duty, as_of)}.",
            f"Send {provider} a notice of breach of its agreement's notice clause, and review its breach "
            "process with the committee." if late else
            f"Ask {provider} for its breach notice now (what happened, which data, which students) and "
            "record `reported_on`; if the district found the incident itself, record `discovered_by`.",
            _severity(duty),
        )


# What the district owes each audience: the duty in words (around the incident's name),
# what the district does when the notice is still owed, and the notice's name.
DISTRICT_NOTICES = {
    Audience.FAMILIES: ("tell the families of the students affected by incident {}",
                        "Notify the affected families now (what happened, which data, what the district is "
                        "doing, whom to contact) and record `families_notified_on`.",
                        "families' notice"),
    Audience.STATE: ("report incident {} to the state",
                     "Report the breach to the state education agency now, as state law requires, and "
                     "record `state_notified_on`.",
                     "state's report"),
}


def _district_notices(view: Snapshot, as_of: date, to: Audience) -> Iterator[Issue]:
    duty_words, now, notice = DISTRICT_NOTICES[to]
    for incident, duty in _missed(view, as_of, to):
        yield Issue(
            incident,
            f"The district had to {duty_words.format(named(view, incident))} by {duty.due_on}, "
            f"{duty.days} days after it learned of it on {duty.starts_on}; {_when(duty, as_of)}.",
            f"Review with the committee why the {notice} was late, and what the breach response policy "
            "must change." if duty.status == DutyStatus.LATE else now,
            _severity(duty),
        )


@rule("family-notice-overdue", "10b", Severity.HIGH, "Breach notices to families late or missing")
def family_notice_overdue(view: Snapshot, as_of: date) -> Iterator[Issue]:
    return _district_notices(view, as_of, Audience.FAMILIES)


@rule("state-notice-overdue", "10b", Severity.HIGH, "Breach reports to the state late or missing")
def state_notice_overdue(view: Snapshot, as_of: date) -> Iterator[Issue]:
    return _district_notices(view, as_of, Audience.STATE)


@rule("incident-not-reviewed", "10b", Severity.MEDIUM, "Incidents whose blast radius was never reviewed")
def incident_not_reviewed(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for incident in view.of_label(Label.INCIDENT):
        discovered, reviewed = date_of(incident, "discovered_on"), date_of(incident, "reviewed_on")
        # An incident not yet discovered as of the date, or reviewed by then, owes nothing.
        if (discovered and discovered > as_of) or (reviewed and reviewed <= as_of):
            continue
        yield Issue(
            incident.id,
            f"Incident {named(view, incident.id)} has not been reviewed: nobody has confirmed "
            "which systems, data, providers and agreements it reached.",
            "Review its blast radius (`steward blast-radius`) with the committee, and record "
            "`reviewed_on` on the incident.",
        )


@rule("breach-policy-missing", "10b", Severity.HIGH, "No breach response policy")
def breach_policy_missing(view: Snapshot, as_of: date) -> Iterator[Issue]:
    if district_policies(view, PolicyKind.BREACH_RESPONSE):
        return
    node, who = the_district(view)
    yield Issue(
        node,
        f"{who} has adopted no breach response policy: nothing says who is told of a breach, "
        "by when, and what remedies follow.",
        "Adopt a breach response policy, publish it, and record it (kind BREACH_RESPONSE, "
        "`adopted_by` the district).",
    )
