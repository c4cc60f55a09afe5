"""Date values as periods of days, so that ``2022-09`` contains ``2022-09-12``.

A record's date ``value`` is ISO 8601 as claimcite writes it: a year (``2022``), a month
(``2022-09``), a day (``2022-09-12``), an interval (``2022-09-12/2022-09-14``), a week
(``2023-W38``), a season (``2021-SP``), a quarter (``2022-Q3``), a half (``2022-H1``) or a
decade (``200X``). Two dates agree when their periods overlap.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])$")
_DECADE = re.compile(r"^(\d{2,3})X{1,2}$")
# The months of each part of a year (a winter runs into the next year's February).
_PARTS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "AU": (9, 11),
    "WI": (12, 14),
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
}


@dataclass(frozen=True, order=True)
class Period:
    """The first and last day (proleptic ordinals) a date value covers."""

    first: int
    last: int

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share a day (containment included)."""
        return self.first <= other.last and other.first <= self.last


def _months(year: int, first: int, last: int) -> Period:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end_day = calendar.monthrange(end_year, end_month)[1]
    return Period(
        dt.date(year, first, 1).toordinal(), dt.date(end_year, end_month, end_day).toordinal()
    )


def _single(value: str) -> Period | None:
    if m := _YEAR.match(value):
        return _months(int(m[1]), 1, 12)
    if m := _MONTH.match(value):
        return _months(int(m[1]), int(m[2]), int(m[2]))
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3])).toordinal()
        return Period(day, day)
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1).toordinal()
        return Period(monday, monday + 6)
    if m := _PART.match(value):
        return _months(int(m[1]), *_PARTS[m[2]])
    if m := _DECADE.match(value):
        span = 10 ** (4 - len(m[1]))
        start = int(m[1]) * span
        return Period(
            dt.date(start, 1, 1).toordinal(), dt.date(start + span - 1, 12, 31).toordinal()
        )
    return None


def period_of(value: str | None) -> Period | None:
    """The period a date value covers, or None when it is not one claimcite can read."""
    if not value:
        return None
    try:
        if "/" in value:
            start, _, end = value.partition("/")
            first, last = _single(start), _single(end)
            if first is None or last is None or last.last < first.first:
                return None
            return Period(first.first, last.last)
        return _single(value)
    except ValueError:  # a month 13 or a week 60
        return None


def compare(first: Sequence[Period], second: Sequence[Period]) -> tuple[int, int]:
    """How many date pairs agree, and how many disagree with nothing agreeing on either side."""
    agreeing = disagreeing = 0
    for a in first:
        for b in second:
            if a.overlaps(b):
                agreeing += 1
            elif not any(a.overlaps(y) for y in second) and not any(x.overlaps(b) for x in first):
                disagreeing += 1
    return agreeing, disagreeing
