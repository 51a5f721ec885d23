"""Holds are found by the system or element they name rather than tried one by one; the
index must find exactly the holds the rule does, active or not on a day, in their order."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.deadlines import Hold, Holds

NAMES = st.frozensets(st.sampled_from(["a", "b", "c"]), max_size=2)
DAY0 = date(2024, 1, 1)


@st.composite
def holds(draw: st.DrawFn) -> list[Hold]:
    found = []
    for i in range(draw(st.integers(min_value=0, max_value=10))):
        start = DAY0 + timedelta(days=draw(st.integers(0, 20)))
        lasts = draw(st.none() | st.integers(0, 20))
        found.append(Hold(f"h{i:02d}", "legal hold", start, None if lasts is None else start + timedelta(days=lasts),
                          draw(NAMES), draw(NAMES), draw(st.frozensets(st.sampled_from(["2020", "2021"]),
                                                                       max_size=1))))
    return found


@settings(max_examples=300, deadline=None)
@given(holds(), st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["a", "b", "c", "d"]),
       st.sampled_from([None, "2020", "2021"]), st.none() | st.integers(0, 45))
def test_the_index_finds_what_trying_each_hold_finds(found: list[Hold], system: str, element: str,
                                                      cohort: str | None, day: int | None) -> None:
    on = None if day is None else DAY0 + timedelta(days=day)
    expected = tuple(h for h in found if h.covers(system, element, cohort) and (on is None or h.active_on(on)))
    assert Holds(found).covering(system, element, cohort, on) == expected
