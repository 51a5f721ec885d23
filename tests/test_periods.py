from datetime import date

import pytest

from catalog.periods import Duration, parse_date


@pytest.mark.parametrize(("text", "expected"), [
    ("P5Y", Duration(years=5)),
    ("P18M", Duration(months=18)),
    ("P60D", Duration(days=60)),
    ("P2W", Duration(days=14)),
    ("p1y6m", Duration(years=1, months=6)),
])
def test_parses_iso_durations(text: str, expected: Duration) -> None:
    assert Duration.parse(text) == expected


@pytest.mark.parametrize("text", ["5Y", "P", "PT5H", "P5X", "", "P-1Y"])
def test_rejects_what_is_not_a_calendar_duration(text: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601 duration"):
        Duration.parse(text)


def test_months_are_calendar_months_and_clamp_to_month_end() -> None:
    assert Duration.parse("P1M").after(date(2024, 1, 31)) == date(2024, 2, 29)
    assert Duration.parse("P18M").after(date(2025, 6, 30)) == date(2026, 12, 30)
    assert Duration.parse("P5Y").after(date(2020, 2, 29)) == date(2025, 2, 28)
    assert Duration.parse("P60D").after(date(2026, 6, 30)) == date(2026, 8, 29)


def test_a_date_past_the_end_of_the_calendar_is_its_last_day() -> None:
    assert Duration.parse("P90D").after(date(9999, 12, 1)) == date.max
    assert Duration.parse("P1M").after(date(9999, 12, 31)) == date.max
    assert Duration.parse("P99999999999999999999Y").after(date(2026, 1, 1)) == date.max
    assert Duration.of_days(2**31 - 1).after(date(2026, 1, 1)) == date.max
    assert Duration.parse("P1D").after(date(9999, 12, 30)) == date(9999, 12, 31)


def test_round_trips_to_iso_and_reads_in_words() -> None:
    assert Duration.parse("P1Y6M").iso() == "P1Y6M"
    assert Duration.parse("P1Y").words() == "1 year"
    assert Duration.parse("P18M").words() == "18 months"


def test_dates_are_iso_8601() -> None:
    assert parse_date("2026-06-30") == date(2026, 6, 30)
    with pytest.raises(ValueError, match="ISO 8601 date"):
        parse_date("06/30/2026")
