"""Principle 4: families get timely access to what is held about them. FERPA gives a
district 45 days to let parents (or an eligible student) inspect the records (34 CFR
99.10(b)); many states give fewer, recorded as the district's `access_response_days`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from catalog.findings import Issue, rule
from catalog.model import AccessRequest
from catalog.records import typed
from catalog.rules._common import districts, named
from catalog.view import Snapshot
from catalog.vocab import Label, Severity

FERPA_DAYS = 45


def response_days(view: Snapshot) -> int:
    """The days a district has to answer: its own setting, else FERPA's."""
    days = [d.get("access_response_days") for d in districts(view) if d.get("access_response_days")]
    return int(min(days)) if days else FERPA_DAYS


def response_dates(view: Snapshot, as_of: date) -> Iterator[tuple[AccessRequest, date]]:
    """Each request received by `as_of`, with the day it must be answered by."""
    days = response_days(view)
    for record in view.of_label(Label.ACCESS_REQUEST):
        request = typed(record, AccessRequest)
        if request.received_on <= as_of:
            yield request, request.received_on + timedelta(days=days)


@rule("access-request-overdue", "4", Severity.HIGH, "Families' access requests not answered in time")
def access_request_overdue(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for request, due in response_dates(view, as_of):
        if (request.answered_on is None or request.answered_on > as_of) and due < as_of:
            yield Issue(
                request.id,
                f"The {request.requester.value.lower().replace('_', ' ')}'s request {named(view, request.id)} to "
                f"{request.kind.value.lower()} records, received on {request.received_on}, was due an answer by "
                f"{due} and has none; until it is answered nothing it concerns may be destroyed.",
                "Answer the request now (let them inspect or copy the records, or decide on the amendment), "
                "record `answered_on`, and check why the deadline was missed.",
            )


@rule("access-request-answered-late", "4", Severity.MEDIUM, "Families' access requests answered late")
def access_request_answered_late(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for request, due in response_dates(view, as_of):
        if request.answered_on is not None and due < request.answered_on <= as_of:
            late = (request.answered_on - due).days
            yield Issue(
                request.id,
                f"Request {named(view, request.id)} to {request.kind.value.lower()} records, received on "
                f"{request.received_on}, was answered on {request.answered_on}: {late} day"
                f"{'s' if late != 1 else ''} after the {response_days(view)} days the district has.",
                "Review how requests are received and tracked so that the next one is answered in time.",
            )
