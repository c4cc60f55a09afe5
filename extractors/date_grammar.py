"""Reading a date expression: its text → an ``Expr`` (step 2 of ``dates``).

``canonical`` normalises the words of a span (number words, ordinals, decades, apostrophes);
``parse`` reads the canonical text with a grammar of regular expressions, the first rule
whose pattern matches the whole text deciding, into an ``Expr``: a fixed date (``31 October
2022``), a partial one that needs a year or a week (``in March``, ``Tuesday``), one relative
to the publication date (``last year``, ``two weeks ago``) or to a date mentioned before it
(``the year before``), or an interval. Durations, sets and vague references parse to None.
``When`` is a calendar period with its TimeML value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

Grain = Literal[
    "day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century"
]
# before: pluperfect or a period that "ended"; open: present, infinitive, no verb
Tense = Literal["past", "future", "before", "open"]
# Where to look for the occurrence of a recurring date (see _pick).
Way = Literal["past", "future", "before", "after", "nearest", "recent", "onwards"]

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
UNITS: dict[str, Grain] = {
    "day": "day", "week": "week", "weekend": "weekend", "fortnight": "week", "month": "month",
    "quarter": "quarter", "year": "year", "decade": "decade", "century": "century",
}  # fmt: skip
UNIT_PLURALS = {"days", "weeks", "weekends", "fortnights", "months", "quarters", "years",
                 "decades", "centuries"}  # fmt: skip
GRAIN_RANK: dict[Grain, int] = {
    "day": 0, "weekend": 1, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4,
    "year": 5, "decade": 6, "century": 7,
}  # fmt: skip


def _words(text: str) -> list[str]:
    return text.split()


_SMALL = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_SMALL = _words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
    "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
    "eighteenth nineteenth"
)
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
NUMBER_WORDS: dict[str, tuple[int, bool]] = (
    {w: (i, False) for i, w in enumerate(_SMALL)}
    | {w: (20 + 10 * i, False) for i, w in enumerate(_TENS)}
    | {w: (i, True) for i, w in enumerate(_ORDINAL_SMALL)}
    | {w: (20 + 10 * i, True) for i, w in enumerate(_ORDINAL_TENS.split())}
)
DECADE_WORDS = {w[:-1] + "ies": f"'{(i + 2) % 10}0s" for i, w in enumerate(_TENS)}


# ---------------------------------------------------------------------------
# Periods of time
# ---------------------------------------------------------------------------


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class When:
    """A period of the calendar at some grain, by its first day."""

    first: dt.date
    grain: Grain

    @staticmethod
    def containing(grain: Grain, day: dt.date) -> When:
        """The period of this grain that holds the day."""
        if grain == "day":
            return When(day, grain)
        if grain in ("week", "weekend"):
            monday = day - dt.timedelta(days=day.weekday())
            return When(monday + dt.timedelta(days=5) if grain == "weekend" else monday, grain)
        if grain == "month":
            return When(day.replace(day=1), grain)
        if grain == "quarter":
            return When(dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1), grain)
        if grain == "half":
            return When(dt.date(day.year, 1 if day.month <= 6 else 7, 1), grain)
        if grain == "season":
            start = (day.month // 3) * 3 or 12
            year = day.year - 1 if day.month < 3 else day.year
            return When(dt.date(year, start, 1), grain)
        if grain == "year":
            return When(dt.date(day.year, 1, 1), grain)
        if grain == "decade":
            return When(dt.date(day.year // 10 * 10 or 1, 1, 1), grain)
        return When(dt.date(day.year // 100 * 100 or 1, 1, 1), grain)

    @property
    def last(self) -> dt.date:
        """The last day of the period."""
        months = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120,
                  "century": 1200}  # fmt: skip
        if self.grain == "day":
            return self.first
        if self.grain == "weekend":
            return self.first + dt.timedelta(days=1)
        if self.grain == "week":
            return self.first + dt.timedelta(days=6)
        return _add_months(self.first, months[self.grain]) - dt.timedelta(days=1)

    def iso(self) -> str:
        """The TimeML value of the period."""
        d = self.first
        if self.grain == "day":
            return d.isoformat()
        if self.grain in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year}-W{week:02d}" + ("-WE" if self.grain == "weekend" else "")
        if self.grain == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.grain == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.grain == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if self.grain == "season":
            code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[d.month]
            return f"{d.year + (1 if code == 'WI' else 0):04d}-{code}"
        if self.grain == "year":
            return f"{d.year:04d}"
        if self.grain == "decade":
            return f"{d.year // 10:03d}X"
        return f"{d.year // 100:02d}XX"

    def shift(self, unit: Grain, n: int) -> When:
        """The period of the same grain `n` units later (earlier when negative)."""
        if unit in ("day", "week", "weekend"):
            days = n * (1 if unit == "day" else 7)
            return When.containing(self.grain, self.first + dt.timedelta(days=days))
        months = {"month": 1, "season": 3, "quarter": 3, "half": 6, "year": 12, "decade": 120,
                  "century": 1200}[unit]  # fmt: skip
        moved = _add_months(self.first, n * months)
        return When.containing(self.grain, moved.replace(day=min(self.first.day, 28)))

    def coarsen(self, grain: Grain) -> When | None:
        """The period of a coarser (or the same) grain that holds this one."""
        if GRAIN_RANK[grain] < GRAIN_RANK[self.grain]:
            return None
        return When.containing(grain, self.first)


def _year_when(year: int) -> When:
    return When(dt.date(year, 1, 1), "year")


def _day_in(month: dt.date, day: int) -> dt.date | None:
    try:
        return month.replace(day=day)
    except ValueError:
        return None


def week_of_month(year: int, month: int, number: int) -> When:
    """The ISO week that is the `number`th week of a month (-1: its last week): the one
    holding the middle day of the month's `number`th seven days (the 4th, 11th… day), so
    that a week is the month's when most of its days are."""
    if number < 0:
        middle = _add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=4)
    else:
        middle = dt.date(year, month, 7 * number - 3)
    return When.containing("week", middle)


def _season_when(year: int, code: str) -> When:
    month = _SEASON_MONTH[code]
    return When(dt.date(year - 1 if code == "WI" else year, month, 1), "season")


# ---------------------------------------------------------------------------
# Expressions
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A date that recurs: a month, a day of a month, a quarter, a season, a weekday."""

    grain: Grain  # month, day, quarter, half, season, weekday ("day" with weekday set), weekend,
    # week (the `number`th week of a `month`)
    month: int = 0
    day: int = 0
    number: int = 0  # quarter or half number; the week's number in its month (-1: the last)
    season: str = ""
    weekday: int = -1
    decade: int = -1  # the digit of a decade written without its century ("the '90s")

    @property
    def monthless_day(self) -> bool:
        """A day of the month with no month: `the 14th`."""
        return self.grain == "day" and not self.month and self.weekday < 0 and self.day > 0

    def in_year(self, year: int) -> When | None:
        """This part in a given calendar year (None for weekdays, or an impossible day)."""
        if self.decade >= 0:
            return None
        if self.grain == "month":
            return When(dt.date(year, self.month, 1), "month")
        if self.grain == "day" and self.weekday < 0:
            try:
                return When(dt.date(year, self.month, self.day), "day")
            except ValueError:
                return None
        if self.grain == "quarter":
            return When(dt.date(year, 3 * self.number - 2, 1), "quarter")
        if self.grain == "half":
            return When(dt.date(year, 6 * self.number - 5, 1), "half")
        if self.grain == "season":
            return _season_when(year, self.season)
        if self.grain == "week" and self.month:
            return week_of_month(year, self.month, self.number)
        return None

    def in_month(self, day: dt.date, months: int) -> When | None:
        """A day of the month (`the 21st`) in the month `months` after the one of `day`."""
        found = _day_in(_add_months(day.replace(day=1), months), self.day)
        return When(found, "day") if found else None

    def around(self, day: dt.date) -> list[When]:
        """The occurrences of this part near a day, in order."""
        if self.decade >= 0:
            centuries = (day.year // 100 - 1, day.year // 100)
            return [When(dt.date(c * 100 + self.decade * 10, 1, 1), "decade") for c in centuries]
        if self.grain == "weekend":
            return [When.containing("weekend", day + dt.timedelta(days=7 * k)) for k in (-1, 0, 1)]
        if self.weekday >= 0:
            return [
                When(d, "day")
                for k in range(-7, 8)
                if (d := day + dt.timedelta(days=k)).weekday() == self.weekday
            ]
        if self.monthless_day:  # "the 14th": of the months around
            months = (_add_months(day.replace(day=1), k) for k in range(-13, 14))
            days = [_day_in(m, self.day) for m in months]
            return [When(found, "day") for found in days if found is not None]
        found = [self.in_year(y) for y in range(day.year - 2, day.year + 2)]
        return [w for w in found if w is not None]


Relation = Literal["", "last", "next", "this", "past", "coming"]
ContextWay = Literal["", "after", "before", "same"]
RELATION_WAY: dict[str, Way] = {
    "last": "before", "past": "before", "next": "after", "coming": "after"
}


@dataclass(frozen=True)
class Expr:
    """What a date expression says, before it is resolved.

    kind:
      fixed     the text fixes the date (`when`)
      partial   a recurring `part` whose occurrence comes from `relation`, `context` (the
                date named before), context or tense
      deictic   `offset` `unit`s from the publication date ("last year", "today")
      ago       `offset` `unit`s before the publication date, at the unit's grain
      relative  `offset` `unit`s from the date mentioned before; `keep` keeps that date's
                grain ("a year earlier"), else the unit is the grain ("the year before")
      latest    the period last mentioned or, failing that, the last whole quarter
      interval  two expressions, `start` and `end`
    """

    kind: Literal["fixed", "partial", "deictic", "ago", "relative", "latest", "interval"]
    when: When | None = None
    part: Part | None = None
    relation: Relation = ""
    unit: Grain = "day"
    offset: int = 0
    keep: bool = False
    compared: bool = False  # "the year-earlier quarter": the period named before, a year back
    # a partial placed from the date named before: "the following spring" (after), "the
    # previous March" (before), "that summer" (same)
    context: ContextWay = ""
    start: Expr | None = None
    end: Expr | None = None


# ---------------------------------------------------------------------------
# Parsing: text -> Expr
# ---------------------------------------------------------------------------


def _number_run(words: list[str]) -> tuple[int, bool] | None:
    """The value of a run of number words: "twenty four", "nineteen ninety six", "eighth"."""
    groups: list[int] = []
    ordinal = False
    i = 0
    while i < len(words):
        w = words[i]
        if w == "and":
            i += 1
            continue
        if w in ("hundred", "thousand"):
            base = groups.pop() if groups else 1
            groups.append(base * (100 if w == "hundred" else 1000))
            i += 1
            continue
        if w == "oh" and groups:
            groups.append(0)
            i += 1
            continue
        value, is_ordinal = NUMBER_WORDS[w]
        if 20 <= value < 100 and value % 10 == 0 and not is_ordinal and i + 1 < len(words):
            nxt = words[i + 1]
            if nxt in NUMBER_WORDS and 0 < NUMBER_WORDS[nxt][0] < 10:
                value += NUMBER_WORDS[nxt][0]
                is_ordinal = NUMBER_WORDS[nxt][1]
                i += 1
        if groups and groups[-1] % 100 == 0 and groups[-1] >= 100:
            groups[-1] += value
        elif groups and groups[-1] == 0 and len(groups) >= 2:
            groups[-1] = value
        else:
            groups.append(value)
        ordinal = is_ordinal
        i += 1
    if len(groups) == 1:
        return groups[0], ordinal
    if len(groups) == 2 and 10 <= groups[0] <= 20 and groups[1] < 100:  # a spoken year
        return groups[0] * 100 + groups[1], ordinal
    return None


_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, 'th')}"


_UNIT_AFTER_A = re.compile(
    r"\b(?:a|an)(?= (?:day|week|weekend|fortnight|month|quarter|year|decade|century)\b)"
)


def _number_word_at(words: list[str], i: int) -> bool:
    return i < len(words) and words[i] in NUMBER_WORDS


def canonical(text: str) -> str:
    """Lower case, plain punctuation, number words as digits: what the grammar reads."""
    s = text.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"[–—‒―]", "-", s)
    s = re.sub(r"[,;()\"“”]", " ", s)
    s = re.sub(r"(?<=[a-z])\.(?=\s|$|-)", "", s)
    s = re.sub(r"\b((?:1[0-9]|20)\d\d)/(\d\d(?:\d\d)?)\b", r"\1-\2", s)  # 2020/21
    s = re.sub(r"\s*-\s*", "-", s)
    s = re.sub(r"(?<=[a-z'])-|-(?=[a-z])", " ", s)
    s = re.sub(r"\bthe year (?=two thousand|nineteen|eighteen)", "", s)
    s = re.sub(r"\ba couple of\b", "two", s)
    s = re.sub(r"\ba dozen\b", "twelve", s)
    words = s.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in DECADE_WORDS:
            out.append(DECADE_WORDS[w])
            i += 1
            continue
        if w in NUMBER_WORDS or (w in ("hundred", "thousand") and out and out[-1].isdigit()):
            j = i
            while j < len(words) and (
                words[j] in NUMBER_WORDS
                or words[j] in ("hundred", "thousand")
                or (words[j] in ("and", "oh") and _number_word_at(words, j + 1))
            ):
                j += 1
            run = _number_run(words[i:j])
            if run is None:
                out.extend(words[i:j])
            else:
                out.append(_ordinal(run[0]) if run[1] else str(run[0]))
            i = j
            continue
        out.append(w)
        i += 1
    return _UNIT_AFTER_A.sub("1", " ".join(out))


_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_WD = r"(?P<wd>" + "|".join(WEEKDAYS) + r")"
_SEA = r"(?P<sea>spring|summer|autumn|fall|winter)"
_YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)"
_DAY = r"(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_UNIT = r"(?P<unit>day|week|weekend|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"
_N = r"(?P<n>\d{1,3})"
_PART_OF_DAY = r"(?: (?:morning|afternoon|evening|night))?"
_QUANTIFIER = r"(?:(?:about|nearly|almost|some|roughly|more than|over|less than|just|only) )?"
_PREPOSITION = re.compile(
    r"^(?:(?:in|on|at|since|by|during|until|till|for|as of|around|before|after|from|of) )+"
)
_MODIFIER = re.compile(
    r"^(?:the )?(?:very )?(?:early|late|mid|middle|end|beginning|start|close|turn|earlier|later)"
    r"(?: part)?(?: of| in)? (?=\S)"
)


def _f(pattern: str) -> re.Pattern[str]:
    return re.compile("^(?:" + pattern + ")$")


_FIXED_YEAR = _f(
    r"(?:the )?(?:(?:fiscal|calendar|financial|fy|model) )?(?:year )?" + _YEAR
    + r"(?: (?:fiscal year|calendar year|financial year|period|season))?"
    + r"|fy"
    + _YEAR.replace("year>", "fy>")
)
_MONTH_YEAR = _f(r"(?:the )?(?:month of )?" + _MON + r"(?: of)? " + _YEAR)
_MONTH_THIS_YEAR = _f(
    r"(?:(?:the )?" + _DAY + r"(?: of)? )?" + _MON + r"(?: (?P<day2>\d{1,2})(?:st|nd|rd|th)?)?"
    r"(?: of)? (?P<rel>this|last|next) year"
)
_DAY_MONTH = _f(
    r"(?:" + _WD + r" )?(?:the )?" + _DAY + r"(?: of)? " + _MON + r"(?: " + _YEAR + r")?"
)
_MONTH_DAY = _f(r"(?:" + _WD + r" )?" + _MON + r" (?:the )?" + _DAY + r"(?: " + _YEAR + r")?")
_ORDINAL_DAY = _f(r"the (?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)")
_DAY_OF_REL_MONTH = _f(r"(?:the )?" + _DAY + r" of (?P<rel>this|last|next) month")
_SLASHED = _f(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})")
_DOTTED = _f(r"(?P<b>\d{1,2})\.(?P<a>\d{1,2})\.(?P<y>\d{4})")
_ISO_DAY = _f(_YEAR + r"-(?P<m>\d\d)-(?P<d>\d\d)")
_ISO_WEEK = _f(_YEAR + r"[- ]?w(?P<w>\d\d)")
_WEEK_OF = re.compile(r"^(?:the )?week of (?P<rest>.+)$")
_NTH_WEEK_OF = re.compile(
    r"^(?:the )?(?P<nth>[1-4](?:st|nd|rd|th)|last|final) week of (?P<rest>.+)$"
)
_DECADE = _f(r"(?:the )?(?P<dec>\d{3})0s")
_SHORT_DECADE = _f(r"(?:the )?'?(?P<digit>\d)0s")
_CENTURY = _f(r"(?:the )?(?P<c>\d{1,2})(?:st|nd|rd|th) century")
_SEASON_YEAR = _f(r"(?:the )?" + _SEA + r"(?: of)? " + _YEAR)
_OF_YEAR = (
    r"(?:(?: of)?(?: the)?(?: fiscal)?(?: year)? (?P<year2>(?:1[0-9]|20)\d\d)"
    r"| of (?P<rel>the|this|last|next) (?:fiscal |calendar )?year)"
)
_QUARTER = _f(
    r"(?:the )?(?:" + _YEAR + r" )?(?:fiscal )?(?P<q>[1-4])(?:st|nd|rd|th)"
    r" (?:fiscal )?(?P<kind>quarter|half)" + _OF_YEAR + "?"
)
_FINAL_QUARTER = _f(r"(?:the )?(?P<final>last|final) (?P<kind>quarter|half)" + _OF_YEAR)
_QUARTER_SHORT = _f(
    r"(?:(?P<year>(?:1[0-9]|20)\d\d) )?(?P<kind>q|h)(?P<q>[1-4])"
    r"(?: (?P<year2>(?:1[0-9]|20)\d\d))?"
)
_REL_QUARTER = _f(
    r"(?P<rel>this|last|next) (?:fiscal )?year's (?:fiscal )?(?P<q>[1-4])(?:st|nd|rd|th) "
    r"(?P<kind>quarter|half)"
)
_HOLIDAYS = {
    "new year's day": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
    "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31),
}  # fmt: skip
_HOLIDAY = _f(
    r"(?P<rel>last |this |next |this past |this coming )?(?P<name>"
    + "|".join(re.escape(h) for h in sorted(_HOLIDAYS, key=len, reverse=True))
    + r")(?: (?P<year>(?:1[0-9]|20)\d\d))?"
)
_LAST_NIGHT = _f(r"last night|overnight")
_TODAY = _f(
    r"today|tonight|now|right now|currently|nowadays|these days"
    r"|this (?:morning|afternoon|evening)"
)
_YESTERDAY = _f(r"(?P<twice>the day before )?yesterday" + _PART_OF_DAY)
_TOMORROW = _f(r"(?P<twice>the day after )?tomorrow" + _PART_OF_DAY)
_DEICTIC = _f(
    r"(?P<rel>last|this|next|this past|this coming|coming|current|the current|the coming)"
    r" (?:fiscal |calendar )?(?P<unit>day|week|weekend|fortnight|month|quarter|year|decade|century)"
)
_YEAR_END = _f(r"(?:the )?year(?:'s)? end")
_REL_PART = _f(
    r"(?P<rel>last|this|next|this past|past|this coming|coming) (?P<what>\S+)" + _PART_OF_DAY
)
_CONTEXT_PART = _f(
    r"(?:the (?P<rel>following|next|previous|preceding|same)|that(?: same)?) (?P<what>[a-z]+)"
    + _PART_OF_DAY
)
_BARE_PART = _f(r"(?P<the>the )?(?P<what>[a-z]+)" + _PART_OF_DAY)
_AGO = _f(_QUANTIFIER + _N + " " + _UNIT + r" (?P<dir>ago|from now|hence)")
_SHIFT = _f(
    _QUANTIFIER + _N + " " + _UNIT + r" (?P<dir>earlier|later|before|after|previously|prior|on)"
)
_THE_UNIT_SHIFT = _f(
    r"the " + _UNIT + r" (?P<dir>before|after|earlier|later|prior)(?P<last> last)?"
)
_THE_REL_UNIT = _f(
    r"(?:the (?P<rel>previous|preceding|prior|following|next|same)|that(?: same)?"
    r"|(?P<rel2>earlier|later) that) (?:fiscal |calendar )?" + _UNIT
)
_YEAR_EARLIER = _f(
    r"(?:the )?(?:same |corresponding |comparable )?(?:year (?:earlier|ago)|prior year|"
    r"previous year's|last year's|year earlier|year ago)"
    r"(?: (?:[1-4](?:st|nd|rd|th) |fiscal )*(?:quarter|period|half|month|week))?"
    r"|the (?:(?:same|corresponding|comparable) )?(?:quarter|period|month|half)"
    r" (?:a year (?:earlier|ago)|1 year (?:earlier|ago)|last year|of last year|the year before)"
)
_YEAR_PERIOD = _f(r"the " + _YEAR + r" (?:fiscal )?(?:quarter|period|half)")
_LATEST = _f(
    r"the (?P<rel>latest |most recent |recent |just ended |past |last |previous |prior )?"
    r"(?:fiscal )?(?P<what>quarter|period|half)"
)
_INTERVAL = re.compile(
    r"^(?P<between>between |from )?(?P<a>.+?) ?(?:-| to | until | till | through | thru |"
    r"(?P<and> and ))(?P<b>.+)$"
)
_ANY_UNIT = _UNIT.replace("(?P<unit>", "(?:")
_DURATION = _f(
    r"(?:the )?(?:(?:first|last|past|next|previous|coming|final|latest|entire|whole|full) )*"
    + _QUANTIFIER + r"(?:\d+|a few|several|many|some|few) (?:\d+ )?" + _ANY_UNIT
    + r"|the (?:first|last|past|final|entire|whole|full) " + _ANY_UNIT.replace("quarter|", "")
)  # but "the last quarter" is the quarter before this one

_REL_OF: dict[str, Relation] = {
    "last": "last", "this": "this", "next": "next", "this past": "past", "past": "past",
    "this coming": "coming", "coming": "coming",
}  # fmt: skip


def _unit(text: str) -> Grain:
    return "century" if text.startswith("centur") else UNITS[text]


def _part_of(word: str) -> Part | None:
    if word in MONTHS:
        return Part("month", month=MONTHS[word])
    if word in WEEKDAYS:
        return Part("day", weekday=WEEKDAYS[word])
    if word in SEASONS:
        return Part("season", season=SEASONS[word])
    if word == "weekend":
        return Part("weekend")
    return None


def _day(year: int, month: int, day: int) -> Expr | None:
    try:
        return Expr("fixed", When(dt.date(year, month, day), "day"))
    except ValueError:
        return None


def _year_expr(m: re.Match[str]) -> Expr | None:
    return Expr("fixed", _year_when(int(m["year"] or m["fy"])))


def _month_year(m: re.Match[str]) -> Expr | None:
    return Expr("fixed", When(dt.date(int(m["year"]), MONTHS[m["mon"]], 1), "month"))


def _month_this_year(m: re.Match[str]) -> Expr | None:
    """`September last year`, `3 March this year`: a month of a year named from publication."""
    day = m["day"] or m["day2"]
    part = Part("day", month=MONTHS[m["mon"]], day=int(day)) if day else Part(
        "month", month=MONTHS[m["mon"]]
    )
    offset = {"this": 0, "last": -1, "next": 1}[m["rel"]]
    return Expr("partial", part=part, relation="this", offset=offset)


def _day_of_month(m: re.Match[str]) -> Expr | None:
    month, day = MONTHS[m["mon"]], int(m["day"])
    if m["year"]:
        return _day(int(m["year"]), month, day)
    if day > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    return Expr("partial", part=Part("day", month=month, day=day))


def _ordinal_day(m: re.Match[str]) -> Expr | None:
    """`on the 14th`: a day of the month named before, or of the publication's month."""
    return Expr("partial", part=Part("day", day=int(m["day"])))


def _day_of_rel_month(m: re.Match[str]) -> Expr | None:
    """`the 21st of this month`, `the 3rd of next month`: a day of a month named from
    publication."""
    offset = {"this": 0, "last": -1, "next": 1}[m["rel"]]
    return Expr("partial", part=Part("day", day=int(m["day"])), relation="this", offset=offset)


def _slashed(m: re.Match[str]) -> Expr | None:
    a, b = int(m["a"]), int(m["b"])
    month, day = (a, b) if a <= 12 else (b, a)  # 11/02/89 is American: November 2
    year = m["y"] if len(m["y"]) == 4 else f"{19 if int(m['y']) >= 30 else 20}{m['y']}"
    return _day(int(year), month, day)


def _dotted(m: re.Match[str]) -> Expr | None:
    return _day(int(m["y"]), int(m["a"]), int(m["b"]))


def _iso_day(m: re.Match[str]) -> Expr | None:
    return _day(int(m["year"]), int(m["m"]), int(m["d"]))


def _iso_week(m: re.Match[str]) -> Expr | None:
    try:
        first = dt.date.fromisocalendar(int(m["year"]), int(m["w"]), 1)
    except ValueError:
        return None
    return Expr("fixed", When(first, "week"))


def _week_of(m: re.Match[str]) -> Expr | None:
    inner = _parse_point(m["rest"])
    if inner and inner.kind == "fixed" and inner.when and inner.when.grain == "day":
        return Expr("fixed", When.containing("week", inner.when.first))
    return None


def _nth_week_of(m: re.Match[str]) -> Expr | None:
    """`the second week of July`, `the last week of March 2021`: an ISO week of a month."""
    inner = _parse_point(m["rest"])
    number = -1 if m["nth"] in ("last", "final") else int(m["nth"][0])
    if inner is None or inner.kind not in ("fixed", "partial"):
        return None
    if inner.kind == "fixed" and inner.when and inner.when.grain == "month":
        first = inner.when.first
        return Expr("fixed", week_of_month(first.year, first.month, number))
    part = inner.part
    if inner.kind == "partial" and part and part.grain == "month" and not inner.relation:
        return Expr("partial", part=Part("week", month=part.month, number=number))
    return None


def _decade(m: re.Match[str]) -> Expr | None:
    return Expr("fixed", When(dt.date(int(m["dec"]) * 10 or 1, 1, 1), "decade"))


def _short_decade(m: re.Match[str]) -> Expr | None:
    return Expr("partial", part=Part("decade", decade=int(m["digit"])))


def _century(m: re.Match[str]) -> Expr | None:
    number = int(m["c"])
    if not 0 < number <= 21:
        return None
    return Expr("fixed", When(dt.date(max(1, (number - 1) * 100), 1, 1), "century"))


def _season_year(m: re.Match[str]) -> Expr | None:
    return Expr("fixed", _season_when(int(m["year"]), SEASONS[m["sea"]]))


def _quarter(m: re.Match[str]) -> Expr | None:
    grain: Grain = "half" if m["kind"] in ("half", "h") else "quarter"
    last = 2 if grain == "half" else 4
    number = last if m.groupdict().get("final") else int(m["q"])
    if number > last:
        return None
    part = Part(grain, number=number)
    year = m.groupdict().get("year") or m["year2"]
    if year:
        return Expr("fixed", part.in_year(int(year)))
    relation = m.groupdict().get("rel")
    if relation:  # the first half of the year, the last quarter of last year
        offset = {"the": 0, "this": 0, "last": -1, "next": 1}[relation]
        return Expr("partial", part=part, relation="this", offset=offset)
    if grain == "half" and m["kind"] == "h":
        return None
    return Expr("partial", part=part)


def _this_years_quarter(m: re.Match[str]) -> Expr | None:
    grain: Grain = "half" if m["kind"] == "half" else "quarter"
    offset = {"this": 0, "last": -1, "next": 1}[m["rel"]]
    return Expr("partial", part=Part(grain, number=int(m["q"])), relation="this", offset=offset)


def _holiday(m: re.Match[str]) -> Expr | None:
    month, day = _HOLIDAYS[m["name"]]
    if m["year"]:
        return _day(int(m["year"]), month, day)
    relation = _REL_OF.get((m["rel"] or "").strip(), "")
    return Expr("partial", part=Part("day", month=month, day=day), relation=relation)


def _last_night(m: re.Match[str]) -> Expr | None:
    return Expr("deictic", unit="day", offset=-1)


def _today(m: re.Match[str]) -> Expr | None:
    return Expr("deictic", unit="day", offset=0)


def _yesterday(m: re.Match[str]) -> Expr | None:
    return Expr("deictic", unit="day", offset=-2 if m["twice"] else -1)


def _tomorrow(m: re.Match[str]) -> Expr | None:
    return Expr("deictic", unit="day", offset=2 if m["twice"] else 1)


def _deictic(m: re.Match[str]) -> Expr | None:
    unit, rel = _unit(m["unit"]), m["rel"]
    if unit == "weekend":
        return Expr("partial", part=Part("weekend"), relation=_REL_OF.get(rel, "this"))
    if rel == "this past":  # the past seven days, or the month, year… before this one
        return Expr("deictic", unit=unit, offset=-1, keep=unit == "week")
    offset = {"last": -1, "next": 1, "this coming": 1, "coming": 1, "the coming": 1}
    return Expr("deictic", unit=unit, offset=offset.get(rel, 0))


def _year_end(m: re.Match[str]) -> Expr | None:
    return Expr("deictic", unit="year", offset=0)


def _ago(m: re.Match[str]) -> Expr | None:
    n = int(m["n"])
    return Expr("ago", unit=_unit(m["unit"]), offset=-n if m["dir"] == "ago" else n)


def _shift(m: re.Match[str]) -> Expr | None:
    n = int(m["n"])
    forward = m["dir"] in ("later", "after", "on")
    return Expr("relative", unit=_unit(m["unit"]), offset=n if forward else -n, keep=True)


def _the_unit_before(m: re.Match[str]) -> Expr | None:
    unit = _unit(m["unit"])
    if m["last"]:  # the year before last
        return Expr("deictic", unit=unit, offset=-2)
    return Expr("relative", unit=unit, offset=1 if m["dir"] in ("after", "later") else -1)


def _the_previous_unit(m: re.Match[str]) -> Expr | None:
    offset = {"previous": -1, "preceding": -1, "prior": -1, "following": 1, "next": 1}
    return Expr("relative", unit=_unit(m["unit"]), offset=offset.get(m["rel"] or "", 0))


def _year_earlier(m: re.Match[str]) -> Expr | None:
    return Expr("relative", unit="year", offset=-1, keep=True, compared=True)


def _year_period(m: re.Match[str]) -> Expr | None:
    return Expr("relative", when=_year_when(int(m["year"])), unit="year", compared=True)


def _latest(m: re.Match[str]) -> Expr | None:
    rel = (m["rel"] or "").strip()
    if rel in ("past", "last", "previous", "prior") and m["what"] != "period":
        return Expr("deictic", unit="quarter" if m["what"] == "quarter" else "half", offset=-1)
    if m["what"] == "half":
        return None
    return Expr("latest", unit="quarter")


def _related_part(m: re.Match[str]) -> Expr | None:
    part = _part_of(m["what"])
    return Expr("partial", part=part, relation=_REL_OF[m["rel"]]) if part else None


def _context_part(m: re.Match[str]) -> Expr | None:
    part = _part_of(m["what"])
    if part is None:
        return None
    ways: dict[str, ContextWay] = {
        "following": "after", "next": "after", "previous": "before", "preceding": "before"
    }  # fmt: skip
    return Expr("partial", part=part, context=ways.get(m["rel"] or "", "same"))


def _bare_part(m: re.Match[str]) -> Expr | None:
    part = _part_of(m["what"])
    if part is None:
        return None
    if (part.grain == "season" and not m["the"]) or (part.grain in ("month", "day") and m["the"]):
        return None  # "the summer" but not "summer"; "March" but not "the March"
    return Expr("partial", part=part)


# The grammar: the first rule whose pattern matches the whole canonical text decides.
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Expr | None]]] = [
    (_FIXED_YEAR, _year_expr),
    (_MONTH_YEAR, _month_year),
    (_MONTH_THIS_YEAR, _month_this_year),
    (_DAY_MONTH, _day_of_month),
    (_MONTH_DAY, _day_of_month),
    (_ORDINAL_DAY, _ordinal_day),
    (_DAY_OF_REL_MONTH, _day_of_rel_month),
    (_SLASHED, _slashed),
    (_DOTTED, _dotted),
    (_ISO_DAY, _iso_day),
    (_ISO_WEEK, _iso_week),
    (_WEEK_OF, _week_of),
    (_NTH_WEEK_OF, _nth_week_of),
    (_DECADE, _decade),
    (_SHORT_DECADE, _short_decade),
    (_CENTURY, _century),
    (_SEASON_YEAR, _season_year),
    (_QUARTER, _quarter),
    (_FINAL_QUARTER, _quarter),
    (_QUARTER_SHORT, _quarter),
    (_REL_QUARTER, _this_years_quarter),
    (_HOLIDAY, _holiday),
    (_LAST_NIGHT, _last_night),
    (_TODAY, _today),
    (_YESTERDAY, _yesterday),
    (_TOMORROW, _tomorrow),
    (_DEICTIC, _deictic),
    (_YEAR_END, _year_end),
    (_AGO, _ago),
    (_SHIFT, _shift),
    (_THE_UNIT_SHIFT, _the_unit_before),
    (_THE_REL_UNIT, _the_previous_unit),
    (_YEAR_EARLIER, _year_earlier),
    (_YEAR_PERIOD, _year_period),
    (_LATEST, _latest),
    (_CONTEXT_PART, _context_part),
    (_REL_PART, _related_part),
    (_BARE_PART, _bare_part),
]


def _parse_point(s: str) -> Expr | None:
    """A date that is not an interval, or None."""
    for pattern, read in _RULES:
        if m := pattern.match(s):
            return read(m)
    return None


def _complete(start: Expr, end: Expr) -> Expr | None:
    """The start of an interval, taking the year it leaves out from the end."""
    part = start.part
    if start.kind != "partial" or part is None or end.kind != "fixed" or end.when is None:
        return start
    if part.weekday >= 0 or part.decade >= 0 or part.grain == "weekend":
        return start
    year = end.when.first.year
    found = part.in_year(year)
    if found is not None and found.first > end.when.first:
        found = part.in_year(year - 1)
    return Expr("fixed", found) if found else None


_DAY_ONLY = re.compile(r"^(?:the )?(?P<day>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$")
_MONTH_AND_DAY = re.compile(r"^(?P<mon>[a-z]+) (?P<day>\d{1,2})(?:st|nd|rd|th)?$")
_DAY_AND_YEAR = re.compile(r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?(?: (?P<year>\d{4}))?$")
_ONLY_YEAR = re.compile(r"^(?:1[0-9]|20)\d\d$")


def _interval(start: Expr | None, end: Expr | None) -> Expr | None:
    if start is None or end is None:
        return None
    if start.kind not in ("fixed", "partial") or end.kind not in ("fixed", "partial"):
        return None
    return Expr("interval", start=start, end=end)


def _parse_interval(s: str) -> Expr | None:
    """`12 to 14 September`, `September to November 2020`, `2010-12`, `between 2010 and 2012`."""
    m = _INTERVAL.match(s)
    if not m or (m["and"] and (m["between"] or "").strip() != "between"):
        return None
    if (m["between"] or "").strip() == "between" and not m["and"]:
        return None
    a, b = m["a"], m["b"]
    year_a = _parse_point(a) if re.match(r"^\d\d$", b) else None
    if year_a and year_a.kind == "fixed" and year_a.when and year_a.when.grain == "year":
        # 2010-12, fiscal year 2024-25
        first = year_a.when.first.year
        second = first // 100 * 100 + int(b)
        if second <= first:
            return None
        return _interval(Expr("fixed", _year_when(first)), Expr("fixed", _year_when(second)))
    if (left := _MONTH_AND_DAY.match(a)) and (right := _DAY_AND_YEAR.match(b)):
        # September 12-14, 2022
        year = f" {right['year']}" if right["year"] else ""
        return _interval(
            _parse_point(f"{left['mon']} {left['day']}{year}"),
            _parse_point(f"{left['mon']} {right['day']}{year}"),
        )
    end = _parse_point(b)
    if end is None:
        return None
    if day := _DAY_ONLY.match(a):
        # 12 to 14 September: the first day borrows the month (and year) of the second
        if end.kind == "fixed" and end.when and end.when.grain == "day":
            return _interval(_day(end.when.first.year, end.when.first.month, int(day["day"])), end)
        if end.kind == "partial" and end.part and end.part.grain == "day" and end.part.month:
            return _interval(Expr("partial", part=replace(end.part, day=int(day["day"]))), end)
        return None
    start = _parse_point(a)
    if start is None:
        return None
    return _interval(_complete(start, end), end)


_UNITS_AHEAD = _f(r"(?:1|[2-9]|[1-9]\d) " + _UNIT)


def units_ahead(text: str) -> Expr | None:
    """`two weeks` in "will vote in two weeks": that many units after publication (the
    caller knows the preposition and the tense; alone, `two weeks` is a duration)."""
    m = _UNITS_AHEAD.match(canonical(text))
    if m is None:
        return None
    return Expr("ago", unit=_unit(m["unit"]), offset=int(m.group(0).split()[0]))


@lru_cache(maxsize=4096)
def parse(text: str) -> Expr | None:
    """What a date expression says, or None when it is no date (a duration, a set, vague)."""
    s = _PREPOSITION.sub("", canonical(text))
    if not s or _DURATION.match(s):
        return None
    found = _parse_point(s)
    if found is None:
        found = _parse_interval(s)
    if found is None and (m := _MODIFIER.match(s)):
        rest = s[m.end() :]
        if rest in (
            "the year", "the month", "the week", "the quarter", "the day", "the decade",
            "the century",
        ):  # fmt: skip
            return Expr("deictic", unit=_unit(rest[4:]), offset=0)
        if rest in SEASONS:  # "late spring", "the early summer"
            return Expr("partial", part=Part("season", season=SEASONS[rest]))
        if not _DURATION.match(rest):
            found = _parse_point(rest) or _parse_interval(rest)
    return found
