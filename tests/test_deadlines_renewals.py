"""Which agreement's end triggers a provider's duty to destroy: its own, unless a later
agreement renewed it. A state's provider has hundreds of agreements, so the weighing is
done through a table; here it is held to the rule itself, agreement against agreement,
over many sets of agreements (overlapping, back to back, open-ended, terminated)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.deadlines.duties import weigh_duties
from catalog.model import Agreement
from catalog.vocab import AgreementKind

DAY0 = date(2020, 1, 1)
days = st.integers(min_value=0, max_value=60).map(lambda n: DAY0 + timedelta(days=n))


@st.composite
def agreements(draw: st.DrawFn) -> tuple[Agreement, ...]:
    count = draw(st.integers(min_value=0, max_value=12))
    found = []
    for i in range(count):
        start = draw(st.none() | days)
        lasts = draw(st.none() | st.integers(min_value=0, max_value=40))
        end = None if lasts is None else (start or DAY0) + timedelta(days=lasts)
        terminated = draw(st.none() | st.just(end)) if end else None
        found.append(Agreement(id=f"a{draw(st.integers(0, 99)):02d}-{i}", name="A", kind=AgreementKind.DPA,
                               effective_on=start, expires_on=end, terminated_on=terminated))
    return tuple(found)


def renews(later: Agreement, earlier: Agreement, end: date) -> bool:
    """`later` took over from `earlier`, which ended on `end`: it started after it and
    was in force on its end or the next day (a renewal usually starts the day after the
    old agreement ends)."""
    def start(a: Agreement) -> tuple[date, str]:
        return (a.starts_on() or date.min, a.id)
    if start(later) <= start(earlier):
        return False
    later_end = later.ends_on()
    return start(later)[0] <= end + timedelta(days=1) and (later_end is None or later_end >= end)


def plainly(mine: tuple[Agreement, ...]) -> list[tuple[Agreement, date | None]]:
    """The rule as the law states it: each agreement, unless another renewed it."""
    found = []
    for agreement in sorted(mine, key=lambda a: a.id):
        end = agreement.ends_on()
        if end is not None and any(renews(other, agreement, end) for other in mine):
            continue
        found.append((agreement, end))
    return found


@settings(max_examples=400, deadline=None)
@given(agreements())
def test_the_table_weighs_agreements_as_the_rule_does(mine: tuple[Agreement, ...]) -> None:
    assert weigh_duties(mine) == plainly(mine)


def test_a_renewal_the_day_after_carries_the_duty_and_a_gap_does_not() -> None:
    def dpa(id_: str, start: str, end: str | None) -> Agreement:
        return Agreement(id=id_, name=id_, kind=AgreementKind.DPA, effective_on=date.fromisoformat(start),
                         expires_on=date.fromisoformat(end) if end else None)
    first, renewal = dpa("2021", "2021-07-01", "2022-06-30"), dpa("2022", "2022-07-01", "2023-06-30")
    late = dpa("2023", "2023-07-03", None)  # signed after a weekend without an agreement
    assert weigh_duties((late, first, renewal)) == [(renewal, date(2023, 6, 30)), (late, None)]
