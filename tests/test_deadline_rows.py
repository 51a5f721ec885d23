"""A row's summary of its clocks: the clock that sets its own deadline, the deadline
that binds its copies, its latest minimum and the day its cohort left.

Nearly every row of a state has one clock, and takes a shorter way to that summary; it
is held here to the general one. A clock that nothing started gives no date, so adding
one to a row changes none of it, and a row of one clock and such a clock takes the
general way."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.deadlines.engine import _Row
from catalog.deadlines.rows import Candidate
from catalog.periods import Duration
from catalog.vocab import Action, Trigger

BASES = ["element default", "holding rule", "agreement clause", "host agreement clause", "host agreement rule"]
days = st.integers(min_value=0, max_value=3000).map(lambda n: date(2018, 1, 1) + timedelta(days=n))
durations = st.none() | st.integers(min_value=0, max_value=3650).map(lambda n: Duration(days=n))


@st.composite
def clocks(draw: st.DrawFn) -> Candidate:
    return Candidate("sis", "grades", draw(st.sampled_from(BASES)), draw(st.sampled_from(["r1", "r2"])),
                     Action.DESTROY, draw(durations), draw(durations), Trigger.WITHDRAWAL, draw(st.none() | days),
                     "event e", draw(st.sampled_from([None, "2024", "2025"])))


def summary(row: _Row) -> tuple[object, ...]:
    return (row.own, row.source_due, row.eligible_on, row.cohort_on)


def never_started() -> Candidate:
    return Candidate("sis", "grades", "element default", "r0", Action.DESTROY, Duration(days=30), None,
                     Trigger.WITHDRAWAL)


@settings(max_examples=300, deadline=None)
@given(clocks(), st.sampled_from([None, "2024", "2025"]))
def test_a_row_of_one_clock_sums_it_up_as_a_row_of_many_does(clock: Candidate, cohort: str | None) -> None:
    alone = _Row("sis", "grades", cohort, [clock], None)
    assert summary(alone) == summary(_Row("sis", "grades", cohort, [clock, never_started()], None))
    assert summary(alone) == summary(_Row("sis", "grades", cohort, [never_started(), clock], None))


def test_a_hosts_duty_sets_the_rows_deadline_but_binds_no_copy() -> None:
    duty = Candidate("sis", "grades", "host agreement clause", "dpa", Action.DESTROY, Duration(days=30), None,
                     Trigger.AGREEMENT_END, date(2025, 6, 30), "agreement dpa")
    row = _Row("sis", "grades", None, [duty], None)
    assert row.own is duty and row.source_due is None
    assert row.cohort_on == date(2025, 6, 30)  # a clock of no cohort, on a row of none
