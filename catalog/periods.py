"""ISO 8601 dates and calendar durations (`P5Y`, `P18M`, `P60D`, `P2W`)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import MAXYEAR, date, datetime, timedelta
from functools import lru_cache

from catalog.source import excerpt

_DURATION = re.compile(r"^P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?$")


@dataclass(frozen=True, order=True)
class Duration:
    """A calendar duration. Months and years are calendar units, not fixed day counts,
    because records schedules say "five years after", not "1826 days after"."""

    years: int = 0
    months: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: object) -> Duration:
        if isinstance(text, Duration):
            return text
        match = _DURATION.match(text.strip().upper()) if isinstance(text, str) else None
        if not match or not any(match.groups()):
            raise ValueError(f"expected an ISO 8601 duration such as P5Y, P18M or P60D, got {excerpt(text)}")
        parts = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
        return cls(years=parts["y"], months=parts["m"], days=parts["d"] + 7 * parts["w"])

    @classmethod
    def of_days(cls, days: int) -> Duration:
        return cls(days=days)

    def after(self, start: date) -> date:
        """The date this duration after `start`; a month-end overflows to the last day
        of the month (2024-01-31 + P1M is 2024-02-29). Past the calendar's last day
        (9999-12-31) it is that day: nothing falls due later, and no date overflows."""
        return _after(self.years, self.months, self.days, start)

    def iso(self) -> str:
        text = "P"
        text += f"{self.years}Y" if self.years else ""
        text += f"{self.months}M" if self.months else ""
        text += f"{self.days}D" if self.days else ""
        return text if text != "P" else "P0D"

    def words(self) -> str:
        """Plain English, for people: 'five years' reads better than P5Y."""
        parts = []
        for count, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day")):
            if count:
                parts.append(f"{count} {unit}{'s' if count != 1 else ''}")
        return ", ".join(parts) if parts else "no time"

    def __str__(self) -> str:
        return self.iso()


# A state's deadlines ask the same few periods after the same few dates (a cohort's
# graduation, a school year's end) hundreds of thousands of times. Kept by the period's
# parts: a key of numbers and a date is hashed and compared without Python code.
@lru_cache(maxsize=65536)
def _after(years: int, months: int, days: int, start: date) -> date:
    month_index = start.month - 1 + months + 12 * years
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if year > MAXYEAR:
        return date.max
    day = min(start.day, calendar.monthrange(year, month)[1])
    end = date(year, month, day)
    return end + timedelta(days=days) if days <= (date.max - end).days else date.max


def parse_date(value: object) -> date:
    """An ISO 8601 calendar date; YAML gives `date` objects for unquoted dates."""
    # Text first, and no `suppress`: a state's deadlines read hundreds of thousands of
    # dates, and this took a quarter of the time.
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    elif isinstance(value, datetime):
        return value.date()
    elif isinstance(value, date):
        return value
    raise ValueError(f"expected an ISO 8601 date such as 2026-06-30, got {excerpt(value)}")
