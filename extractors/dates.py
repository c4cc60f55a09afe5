"""Date expressions and their ISO 8601 values, in the style of TimeML's TIMEX3.

Three steps, each a pure function but the first:

1. `find_dates` proposes spans: a spaCy Matcher (built once per vocabulary) finds runs of
   date-like tokens, the spans inside a run are tried longest first, and spaCy's DATE
   entities add what the runs miss.
2. `parse` reads the text of a span into an `Expr` (cached): a fixed date (`31 October
   2022`), a partial one that needs a year or a week (`in March`, `Tuesday`), one relative
   to the publication date (`last year`, `two weeks ago`) or to a date mentioned before it
   (`the year before`, `a year earlier`), or an interval. Durations (`30 years`, `the past
   three months`), sets (`every year`) and vague references (`recently`) parse to None.
3. `resolve` turns an `Expr` into a value and an anchor, from the publication date, the
   dates already read in the document (`Prior`) and the tense of the clause.

Values: `2022`, `2022-09`, `2022-09-12`, `2022-W38`, `2022-W38-WE`, `2022-Q3`, `2022-H1`,
`2021-SP` (SU, FA, WI), `200X` (a decade), `19XX` (a century), `A/B` (an interval).
"now", "today" and "currently" are the publication date (TimeML's PRESENT_REF).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import numpy as np
from spacy.attrs import SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .records import Anchor

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
_UNIT_PLURALS = {"days", "weeks", "weekends", "fortnights", "months", "quarters", "years",
                 "decades", "centuries"}  # fmt: skip
_RANK: dict[Grain, int] = {
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
_DECADE_WORDS = {w[:-1] + "ies": f"'{(i + 2) % 10}0s" for i, w in enumerate(_TENS)}

# Words that can stand in a date expression (the Matcher's runs are made of these and numbers).
_RUN_WORDS = (
    set(MONTHS) | {m + "." for m in MONTHS} | set(WEEKDAYS) | set(SEASONS) | set(UNITS)
    | _UNIT_PLURALS | set(NUMBER_WORDS) | set(_DECADE_WORDS)
    | set(
        _words(
            "the of a an to until till through thru and between - – — , / 's ’s ' ’ last "
            "this next past coming previous preceding following prior same that current "
            "latest recent most just ended early late mid middle end beginning start close "
            "turn earlier later very today tonight yesterday tomorrow now currently "
            "nowadays these ago before after hence from fiscal calendar morning afternoon "
            "evening night half halves period corresponding q1 q2 q3 q4 h1 h2 year-end "
            "hundred thousand oh couple few several dozen about nearly almost some roughly "
            "over more than only right christmas eve halloween valentine's valentine "
            "new year's boxing night overnight"
        )
    )
)
_RUN_SHAPES = (
    r"\d{1,4}(?:st|nd|rd|th|s)?|'?\d0s|’\d0s|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{4}[-–]\d{2}(?:[-–]\d{2})?|\d{4}[-–]\d{4}|\d{1,2}[-–]\d{1,2}|w\d{2}"
    r"|(?:early|mid|late)-\d{3}0s|fy\d{2,4}|\d{4}/\d{2}(?:\d{2})?"
)
_RUN_TOKEN = (
    r"^(?:" + "|".join(re.escape(w) for w in sorted(_RUN_WORDS, key=len, reverse=True))
    + "|" + _RUN_SHAPES + r")$"
)
# Tokens that may not begin or end a date expression.
_EDGE_STOPS = frozenset(
    _words(
        "of to until till through thru and , / 's ’s - – — from between hence about "
        "nearly almost some roughly over more than only right couple few several"
    )
)
_TRAILING_STOPS = _EDGE_STOPS | {"the", "a", "an", "'", "’", "this", "last", "next", "that",
                                 "early", "late", "mid", "fiscal", "these"}  # fmt: skip
_LEADING_STOPS = (_EDGE_STOPS - {"between", "about", "nearly", "almost", "some", "roughly",
                                 "over", "more"}) | {"'", "just", "only", "before", "after",
                                                     "ago"}  # fmt: skip
_MAX_TOKENS = 10
_PRIORS = 12  # dates already read that a new one may take its context from

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
        if _RANK[grain] < _RANK[self.grain]:
            return None
        return When.containing(grain, self.first)


def _year_when(year: int) -> When:
    return When(dt.date(year, 1, 1), "year")


def _season_when(year: int, code: str) -> When:
    month = _SEASON_MONTH[code]
    return When(dt.date(year - 1 if code == "WI" else year, month, 1), "season")


# ---------------------------------------------------------------------------
# Expressions
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A date that recurs: a month, a day of a month, a quarter, a season, a weekday."""

    grain: Grain  # month, day, quarter, half, season, weekday ("day" with weekday set), weekend
    month: int = 0
    day: int = 0
    number: int = 0  # quarter or half number
    season: str = ""
    weekday: int = -1
    decade: int = -1  # the digit of a decade written without its century ("the '90s")

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
        return None

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
        found = [self.in_year(y) for y in range(day.year - 2, day.year + 2)]
        return [w for w in found if w is not None]


Relation = Literal["", "last", "next", "this", "past", "coming"]
_RELATION_WAY: dict[str, Way] = {
    "last": "before", "past": "before", "next": "after", "coming": "after"
}


@dataclass(frozen=True)
class Expr:
    """What a date expression says, before it is resolved.

    kind:
      fixed     the text fixes the date (`when`)
      partial   a recurring `part` whose occurrence comes from `relation`, context or tense
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
        if w in _DECADE_WORDS:
            out.append(_DECADE_WORDS[w])
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
_SLASHED = _f(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})")
_DOTTED = _f(r"(?P<b>\d{1,2})\.(?P<a>\d{1,2})\.(?P<y>\d{4})")
_ISO_DAY = _f(_YEAR + r"-(?P<m>\d\d)-(?P<d>\d\d)")
_ISO_WEEK = _f(_YEAR + r"[- ]?w(?P<w>\d\d)")
_WEEK_OF = re.compile(r"^(?:the )?week of (?P<rest>.+)$")
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
    (_SLASHED, _slashed),
    (_DOTTED, _dotted),
    (_ISO_DAY, _iso_day),
    (_ISO_WEEK, _iso_week),
    (_WEEK_OF, _week_of),
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
    if _ONLY_YEAR.match(a) and re.match(r"^\d\d$", b):  # 2010-12
        first = int(a)
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
        if rest in ("the year", "the month", "the week", "the quarter", "the day"):
            return Expr("deictic", unit=_unit(rest[4:]), offset=0)
        if rest in SEASONS:  # "late spring", "the early summer"
            return Expr("partial", part=Part("season", season=SEASONS[rest]))
        if not _DURATION.match(rest):
            found = _parse_point(rest) or _parse_interval(rest)
    return found


# ---------------------------------------------------------------------------
# Resolving: Expr -> value and anchor
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Prior:
    """A date already read in the document, as context for the ones after it."""

    when: When
    anchor: Anchor
    sentences_back: int  # 0: the same sentence
    same_paragraph: bool


Resolved = tuple[str | None, Anchor | None]
_NOTHING: Resolved = (None, None)


def _distance(period: When, day: dt.date) -> int:
    if period.first <= day <= period.last:
        return 0
    return min(abs((period.first - day).days), abs((period.last - day).days))


def _pick(candidates: Sequence[When], day: dt.date, direction: Way) -> When | None:
    """The occurrence of a part nearest `day`: in the past (starting on or before it), in
    the future (ending on or after it), strictly before or after it, either way, or
    onwards (the future, unless one a few weeks back is nearer)."""
    if direction == "nearest":
        return min(candidates, key=lambda c: _distance(c, day), default=None)
    if direction == "recent":  # the nearest, unless it lies more than two months ahead
        nearest = _pick(candidates, day, "nearest")
        if nearest is not None and (nearest.first - day).days > 60:
            return _pick(candidates, day, "past")
        return nearest
    if direction == "onwards":  # forwards, unless one a few weeks back is nearer
        ahead = _pick(candidates, day, "future")
        behind = _pick(candidates, day, "before")
        if behind is None or (day - behind.first).days > 62:
            return ahead
        if ahead is None or _distance(behind, day) < _distance(ahead, day):
            return behind
        return ahead
    if direction == "past":
        found = [c for c in candidates if c.first <= day]
        return found[-1] if found else None
    if direction == "future":
        found = [c for c in candidates if c.last >= day]
        return found[0] if found else None
    if direction == "before":
        found = [c for c in candidates if c.last < day]
        return found[-1] if found else None
    found = [c for c in candidates if c.first > day]
    return found[0] if found else None


def _partial(
    expr: Expr, published: dt.date | None, priors: Sequence[Prior], tense: Tense
) -> tuple[When | None, Anchor | None]:
    part = expr.part
    assert part is not None
    relation = expr.relation
    if relation:
        if published is None:
            return None, None
        if relation == "this":
            if part.weekday >= 0:
                monday = published - dt.timedelta(days=published.weekday())
                return When(monday + dt.timedelta(days=part.weekday), "day"), "published"
            if part.grain == "weekend":
                return When.containing("weekend", published), "published"
            year = published.year + expr.offset
            if part.grain == "season" and part.season == "WI" and published.month == 12:
                year += 1
            return part.in_year(year), "published"
        way = _RELATION_WAY[relation]
        return _pick(part.around(published), published, way), "published"
    if part.weekday >= 0 or part.grain == "weekend":
        if published is None:
            return None, None
        return _pick(part.around(published), published, _direction(part, tense)), "published"
    if part.decade >= 0:  # "the '90s": the latest such decade
        base = published or next((p.when.first for p in priors), None)
        if base is None:
            return None, None
        return _pick(part.around(base), base, "past"), "published" if published else "context"
    context = _context_for_partial(part, priors)
    if context is not None:  # a story told forwards, unless the verb says it went before
        if tense == "before":
            found = _pick(part.around(context.last), context.last, "past")
        else:
            found = _pick(part.around(context.first), context.first, "onwards")
        if found is not None and not (published and tense == "past" and found.first > published):
            return found, "context"
    if published is not None:
        return _pick(part.around(published), published, _direction(part, tense)), "published"
    fallback = next((p.when for p in priors if p.anchor in ("absolute", "context")), None)
    if fallback is not None:
        return _pick(part.around(fallback.first), fallback.first, "future"), "context"
    return None, None


def _direction(part: Part, tense: Tense) -> Way:
    """Where to look for a part from the publication date, given the tense.

    A weekday in news is the last one unless the verb looks ahead. A day of a month is
    the nearest one (deadlines and payment dates lie ahead, events behind), after a past
    verb not more than two months ahead. A month or season follows a past or future verb,
    else the nearest. A quarter is the last one begun, or the nearest when the verb looks
    ahead ("will report third-quarter results").
    """
    if tense == "before":
        return "past"
    if part.weekday >= 0 or part.grain == "weekend":
        return "future" if tense == "future" else "past"
    if part.grain == "day":
        if tense in ("past", "future"):
            return "recent" if tense == "past" else "future"
        return "nearest"
    if part.grain in ("quarter", "half"):
        return "nearest" if tense == "future" else "past"
    if tense in ("past", "future"):
        return "past" if tense == "past" else "future"
    return "nearest"


def _context_for_partial(part: Part, priors: Sequence[Prior]) -> When | None:
    """The date a yearless month, day or quarter takes its year from, if any is near."""
    for prior in priors:
        if not prior.same_paragraph or prior.sentences_back > 2:
            return None
        if prior.anchor != "absolute":  # only a year the text gives, not one worked out
            continue
        if prior.sentences_back == 0:
            return prior.when
        fine = _RANK[prior.when.grain] <= _RANK["month"]
        if fine and part.grain in ("month", "day"):
            return prior.when
    return None


def _near(priors: Sequence[Prior], sentences: int = 2) -> Prior | None:
    return next((p for p in priors if p.sentences_back <= sentences), None)


def resolve(
    expr: Expr,
    published: dt.date | None = None,
    priors: Sequence[Prior] = (),
    tense: Tense = "past",
) -> Resolved:
    """The value and anchor of an expression: from the text alone (absolute), from the
    publication date (published) or from a date mentioned before it (context).

    `priors` are the dates already read, nearest first; `tense` is the tense of the
    clause the expression stands in (news defaults to the past).
    """
    if expr.kind == "fixed":
        return (expr.when.iso(), "absolute") if expr.when else _NOTHING
    if expr.kind == "interval":
        assert expr.start is not None and expr.end is not None
        start, start_anchor = resolve(expr.start, published, priors, tense)
        end, end_anchor = resolve(expr.end, published, priors, tense)
        if start is None or end is None:
            return _NOTHING
        anchors = {start_anchor, end_anchor}
        anchor: Anchor = (
            "absolute" if anchors == {"absolute"} else "context" if "context" in anchors
            else "published"
        )  # fmt: skip
        return f"{start}/{end}", anchor
    when, anchor_found = _resolve_when(expr, published, priors, tense)
    return (when.iso(), anchor_found) if when else _NOTHING


def _resolve_when(
    expr: Expr, published: dt.date | None, priors: Sequence[Prior], tense: Tense
) -> tuple[When | None, Anchor | None]:
    if expr.kind == "fixed":
        return expr.when, "absolute"
    if expr.kind == "partial":
        return _partial(expr, published, priors, tense)
    if expr.kind == "deictic":
        if published is None:
            return None, None
        if expr.keep:  # "this past week": the week of the past seven days' middle
            return When.containing(expr.unit, published - dt.timedelta(days=3)), "published"
        return When.containing(expr.unit, published).shift(expr.unit, expr.offset), "published"
    if expr.kind == "ago":
        # "profit rose from a year ago" after a quarter is that quarter a year before
        compared = next((p for p in priors if p.sentences_back <= 1), None)
        if compared and expr.unit == "year" and compared.when.grain in ("quarter", "half"):
            return compared.when.shift("year", expr.offset), "context"
        if published is None:
            return None, None
        return When.containing(expr.unit, published).shift(expr.unit, expr.offset), "published"
    if expr.kind == "relative":
        return _relative(expr, published, priors)
    # latest: the quarter last spoken of, else the last whole quarter before publication
    prior = next((p for p in priors if p.sentences_back <= 2 and p.when.grain == "quarter"), None)
    if prior is not None and (published is None or prior.when.last < published):
        return prior.when, "context"
    if published is None:
        return None, None
    return When.containing("quarter", published).shift("quarter", -1), "published"


def _relative(
    expr: Expr, published: dt.date | None, priors: Sequence[Prior]
) -> tuple[When | None, Anchor | None]:
    if expr.compared:  # the year-earlier quarter compares with a quarter (month, half…) just named
        fine = ("quarter", "half", "month", "season")
        prior = next((p for p in priors if p.sentences_back <= 2 and p.when.grain in fine), None)
        if expr.when is not None:  # "the 1988 quarter": that quarter in 1988
            if prior is None:
                return expr.when, "absolute"
            years = expr.when.first.year - prior.when.first.year
            return prior.when.shift("year", years), "context"
    else:
        prior = _near(priors) or next((p for p in priors if p.same_paragraph), None)
    if prior is not None:
        if expr.keep:  # "a year earlier" keeps the grain of the date it counts from
            return prior.when.shift(expr.unit, expr.offset), "context"
        coarse = prior.when.coarsen(expr.unit)  # "the year before" is a year
        if coarse is None:
            return None, None
        return coarse.shift(expr.unit, expr.offset), "context"
    if published is not None and expr.offset < 0 and expr.keep:
        return When.containing(expr.unit, published).shift(expr.unit, expr.offset), "published"
    return None, None


# ---------------------------------------------------------------------------
# Finding: Doc -> spans -> FoundDate
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FoundDate:
    """A date expression in the clean text (offsets into it) with its value."""

    start: int
    end: int
    text: str
    value: str | None
    anchor: Anchor | None


@lru_cache(maxsize=8)
def _matcher(vocab: Vocab) -> Matcher:
    """Runs of tokens that can make up a date expression (built once per vocabulary)."""
    matcher = Matcher(vocab)
    matcher.add("DATE_RUN", [[{"LOWER": {"REGEX": _RUN_TOKEN}, "OP": "+"}]], greedy="LONGEST")
    return matcher


_HEADS = re.compile(
    r"\d|" + "|".join(sorted(set(MONTHS) | set(WEEKDAYS) | set(SEASONS), key=len, reverse=True))
    + r"|day|week|month|quarter|year|decade|centur|today|tonight|now|currently|nowadays|"
    r"q[1-4]|h[12]|period|half|christmas|halloween|night"
)
_TEMPORAL_PREPOSITIONS = frozenset(
    _words(
        "in on at since by until till during before after from through throughout of "
        "between early late mid fiscal year and to , - – around circa as"
    )
)
_NUMERIC_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
_NAME_ENTS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART"})
_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "ll"})
_MODALS = frozenset({"may", "might", "can", "should", "must"})  # not reported "would", "could"
_FUTURE_VERBS = frozenset(
    _words(
        "scheduled due slated set planned expected expects expect going plan plans "
        "intends intend aims aim hopes hope wants want likely"
    )
)


def _plausible(span: Span, expr: Expr) -> bool:
    """Whether a span that parses is meant as a date where it stands."""
    first, last = span[0], span[-1]
    prev = span.doc[span.start - 1] if span.start > 0 else None
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if expr.kind == "fixed" and expr.when and expr.when.grain == "year" and len(span) == 1:
        # a bare number such as 2000 is a year only where it reads as one
        if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in _UNIT_PLURALS:
            return False  # 2000 troops
        if prev is not None and prev.lower_ in ("-", "–", "/", "#", "no", "number"):
            return False  # 555-2024, No. 1918 (an interval would have been read whole)
        if (
            prev is not None
            and prev.is_title
            and prev.pos_ in ("PROPN", "NOUN")
            and prev.lower_.rstrip(".") not in MONTHS
            and prev.lower_ not in SEASONS
        ):
            return False  # Room 1918, Euro 2024
        if first.ent_type_ == "DATE":
            return True
        if first.ent_type_ in _NAME_ENTS:
            return False  # Windows 2000, Vision 2030
        if first.ent_type_ in _NUMERIC_ENTS and (
            prev is None or prev.lower_ not in _TEMPORAL_PREPOSITIONS
        ):
            return False
        return prev is None or prev.lower_ not in ("$", "about", "over", "than")
    if expr.kind == "partial" and expr.part and not expr.relation:
        word = next(
            (t for t in reversed(span) if t.lower_.rstrip(".") in MONTHS or t.lower_ in WEEKDAYS),
            last,
        )
        if expr.part.grain == "month" or expr.part.weekday >= 0:
            if word.is_lower or word.ent_type_ in _NAME_ENTS or word.ent_type_ == "PERSON":
                return False  # "march", April Jones, the Sunday Times
            if (
                nxt is not None
                and nxt.pos_ == "PROPN"
                and nxt.is_title
                and word.i == last.i
                and nxt.lower_.rstrip(".") not in MONTHS
                and (prev is None or prev.lower_ not in _TEMPORAL_PREPOSITIONS)
            ):
                return False  # the start of a name
            if word.lower_ in ("may", "march") and len(span) == 1:
                return first.ent_type_ == "DATE" or (
                    prev is not None and prev.lower_ in _TEMPORAL_PREPOSITIONS - {"and", ","}
                )
        if expr.part.grain == "season" and nxt is not None and nxt.lower_ == "of":
            return False
    if first.lower_ == "now" and nxt is not None and nxt.lower_ == "that":
        return False
    if prev is not None and prev.lower_ in ("every", "each", "per"):
        return False  # a set of times, not a date
    if last.lower_ in ("before", "after", "prior", "later", "earlier"):
        if prev is not None and prev.lower_ in ("for", "within", "over"):
            return False  # "held for two weeks before …" is a duration
        if last.lower_ in ("before", "after", "prior") and nxt is not None and nxt.is_alpha:
            return nxt.pos_ == "CCONJ"  # "a year before the war" counts from the war
    return True


def _trim(span: Span) -> Span:
    """The span without leading prepositions and punctuation, or trailing punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in _LEADING_STOPS
        or doc[start].lower_ in ("in", "on", "at", "since", "by", "during", "for", "as", "around")
        or doc[start].is_punct
    ):
        start += 1
    while end > start and (doc[end - 1].lower_ in _TRAILING_STOPS or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _without_article(span: Span) -> Span:
    """`September 2022` in `the September 2022 clashes`: the article belongs to the noun."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if span[0].lower_ != "the" or len(span) < 2 or after is None:
        return span
    if after.pos_ in ("NOUN", "PROPN") and after.lower_ not in _UNIT_PLURALS:
        return span[1:]
    return span


def _candidates(doc: Doc) -> list[tuple[Span, Expr]]:
    """Date spans proposed by the Matcher's runs and spaCy's DATE entities, each parsed."""
    chosen: list[tuple[Span, Expr]] = []
    taken: set[int] = set()

    def take(span: Span) -> None:
        """Keep a span that parses as a plausible date, and its tokens as taken."""
        expr = parse(span.text)
        if expr is not None and _plausible(span, expr):
            chosen.append((_without_article(span), expr))
            taken.update(range(span.start, span.end))

    for _, run_start, run_end in _matcher(doc.vocab)(doc):
        spans = []
        for i in range(run_start, run_end):
            if doc[i].lower_ in _LEADING_STOPS or (doc[i].is_punct and doc[i].lower_ != "'"):
                continue
            for j in range(min(run_end, i + _MAX_TOKENS), i, -1):
                if doc[j - 1].lower_ in _TRAILING_STOPS or doc[j - 1].is_punct:
                    continue
                spans.append(doc[i:j])
        spans.sort(key=lambda s: (-len(s), s.start))
        for span in spans:
            if any(t in taken for t in range(span.start, span.end)):
                continue
            if _HEADS.search(span.text.lower()):
                take(span)
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(t in taken for t in range(ent.start, ent.end)):
            continue
        span = _trim(ent)
        if len(span):
            take(span)
    chosen.sort(key=lambda c: c[0].start)
    return chosen


def _tense(span: Span) -> Tense:
    """The tense of the clause a date stands in: future, before (pluperfect, "ended"),
    past, or open (present, infinitive, conditional, or no verb).

    From the date up the parse to the first verb; a participle or gerund without an
    auxiliary ("products introduced in April", "reducing its stake in May") takes the
    tense of the verb it hangs from.
    """
    token = span.root
    for _ in range(8):
        if token.lower_ == "ended" and token.tag_ in ("VBN", "VBD"):
            return "before"  # "the quarter ended Sept. 30"
        if token.pos_ in ("VERB", "AUX"):
            lowers = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
            if lowers or token.tag_ not in ("VBN", "VBG") or token.head is token:
                return _verb_tense(token, lowers)
        if token.head is token:
            break
        token = token.head
    return "open"


def _verb_tense(verb: Token, lowers: set[str]) -> Tense:
    if lowers & _FUTURE_AUX or ("going" in lowers and "to" in lowers):
        return "future"
    if lowers & _MODALS and not lowers & {"have", "'ve", "’ve"}:
        return "future"  # "may be finished by March"; "may have left on Tuesday" is past
    looks_ahead = verb.lower_ in _FUTURE_VERBS and verb.tag_ in ("VBN", "JJ")
    if looks_ahead and not lowers & {"was", "were", "had"}:
        return "future"  # "is scheduled for Friday", "due in March"
    if "had" in lowers and verb.tag_ == "VBN":
        return "before"  # "had condemned … on Aug. 2"
    if verb.tag_ == "VB" and "to" in lowers and verb.head.lower_ in _FUTURE_VERBS:
        return "future"  # "plans to meet on Friday"
    past_auxiliary = lowers & {"was", "were", "did", "has", "have", "'ve", "’ve"}
    if verb.tag_ in ("VBD", "VBN", "VBG") and (past_auxiliary or verb.tag_ == "VBD"):
        return "past"
    if verb.tag_ in ("VBN", "VBG") and not lowers:
        return "past"  # a participle heading the sentence
    return "open"


def _sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start (from the array, not by walking doc.sents)."""
    if not doc.has_annotation("SENT_START"):
        return [0]
    starts = np.flatnonzero(doc.to_array(SENT_START) == 1)
    return [0, *starts.tolist()] if not len(starts) or starts[0] != 0 else starts.tolist()


def _paragraph_starts(text: str) -> list[int]:
    return [m.end() for m in re.finditer(r"\n\s*\n", text)]


def find_dates(doc: Doc, published: dt.date | None = None) -> list[FoundDate]:
    """Every date expression in the document, with its ISO value where it can be fixed.

    Relative dates are resolved against `published` (never against today: without it
    they stay None) or against a date mentioned just before them.
    """
    candidates = _candidates(doc)
    if not candidates:
        return []
    paragraphs = _paragraph_starts(doc.text)
    sentence_starts = _sentence_starts(doc)
    history: list[tuple[int, int, When, Anchor]] = []  # sentence, paragraph, when, anchor
    found = []
    for span, expr in candidates:
        sentence = bisect_right(sentence_starts, span.start) - 1
        paragraph = bisect_right(paragraphs, span.start_char)
        priors = [
            Prior(when, anchor, sentence - s, p == paragraph)
            for s, p, when, anchor in reversed(history[-_PRIORS:])
        ]
        tense = _tense(span)
        value, anchor = resolve(expr, published, priors, tense)
        found.append(FoundDate(span.start_char, span.end_char, span.text, value, anchor))
        point = expr.end if expr.kind == "interval" and expr.end else expr  # where it got to
        when, _ = _resolve_when(point, published, priors, tense)
        if when is not None and anchor is not None and not point.keep:
            # a comparison ("a year earlier") is no new point for the story to go on from
            history.append((sentence, paragraph, when, anchor))
    return found
