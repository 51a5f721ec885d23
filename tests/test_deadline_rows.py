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

from catalog.deadlines.engine import _Row, _rows
from catalog.deadlines.rows import Candidate
from catalog.periods import Duration
from catalog.records import EdgeRecord
from catalog.vocab import Action, RelType, Trigger

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


# A holding's rows: one per cohort its clocks name (one when none does), each with the
# clocks of its cohort and those of none, in the holding's order.

systems, elements = st.sampled_from(["lms", "sis", "state"]), st.sampled_from(["grades", "marks", "rank"])


@st.composite
def holdings_and_clocks(draw: st.DrawFn) -> tuple[list[EdgeRecord], list[Candidate]]:
    held = draw(st.sets(st.tuples(systems, elements), max_size=6))
    holdings = [EdgeRecord(RelType.HOLDS, s, e, {"since": "2020-01-01"} if (s + e) < "m" else {})
                for s, e in sorted(held)]
    # Clocks come in holding order (a stable sort keeps each holding's own order); some
    # name a holding no edge lists.
    found = draw(st.lists(st.tuples(systems, elements, st.sampled_from([None, "2024", "2025"]),
                                    st.sampled_from(["r1", "r2", "r3"])), max_size=12))
    clocks = [Candidate(s, e, "element default", rule, Action.DESTROY, Duration(days=30), None, Trigger.GRADUATION,
                        date(2024, 6, 1), "event e", cohort) for s, e, cohort, rule in found]
    return holdings, sorted(clocks, key=lambda c: (c.system, c.element))


def plain_rows(holdings: list[EdgeRecord], clocks: list[Candidate]) -> list[tuple[object, ...]]:
    since = {(h.source, h.target): date(2020, 1, 1) for h in holdings if h.props.get("since")}
    rows: list[tuple[object, ...]] = []
    for key in sorted({(h.source, h.target) for h in holdings} | {(c.system, c.element) for c in clocks}):
        mine = [c for c in clocks if (c.system, c.element) == key]
        cohorts = sorted({c.cohort for c in mine if c.cohort is not None})
        for cohort in cohorts or [None]:
            rows.append((*key, cohort, [c for c in mine if c.cohort in (None, cohort)], since.get(key)))
    return rows


@settings(max_examples=300, deadline=None)
@given(holdings_and_clocks())
def test_a_holdings_rows_are_its_cohorts_each_with_the_clocks_of_none(
        case: tuple[list[EdgeRecord], list[Candidate]]) -> None:
    holdings, clocks = case
    found = [(r.system, r.element, r.cohort, r.candidates, r.since) for r in _rows(holdings, clocks)]
    assert found == plain_rows(holdings, clocks)
