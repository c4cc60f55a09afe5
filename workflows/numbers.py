"""Numbers in claim text, normalised so that restatements compare equal.

``1.4 million`` and ``1,400,000`` are the same number; ``7 percent`` and ``7%`` the same
quantity; ``about 90 million euros`` agrees with ``€92m`` (an approximation allows 10%);
``more than 300 ships`` agrees with ``320 ships`` but not with ``250 ships``. A number is
compared only with numbers of a compatible unit (the same currency, both percentages, or
a shared noun after them: ``300 container ships`` and ``300 ships``).

Years (a bare four-digit number from 1800 to 2100) are left to the dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from ..extractors.words import is_content_word
from .concepts import concept_key

Bound = Literal["exact", "about", "over", "under"]

# An approximation allows this share of the value either way.
APPROXIMATE_SHARE = Decimal("0.1")
# Whole numbers from this size on are read as rounded to their last non-zero digit
# (1,400,000 to the hundred thousand); smaller ones ("40 percent", "300 ships") as exact.
ROUND_FROM = 1000
# Figures with no unit are compared only from this size on ("4" alone is too common).
BARE_FROM = 1000

_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
_CURRENCY_SIGNS: dict[str, str] = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₽": "rub"}
_CURRENCY_WORDS: dict[str, str] = {
    **dict.fromkeys(("dollar", "dollars", "usd"), "usd"),
    **dict.fromkeys(("euro", "euros", "eur"), "eur"),
    **dict.fromkeys(("pound", "pounds", "gbp", "sterling"), "gbp"),
    **dict.fromkeys(("rouble", "roubles", "ruble", "rubles", "rub"), "rub"),
    **dict.fromkeys(("yen", "jpy"), "jpy"),
}
_PERCENT_WORDS = ("percent", "per cent", "pct", "percentage points", "%")
_WORD_NUMBERS: dict[str, int] = {
    **{
        w: i
        for i, w in enumerate(
            (
                *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight"),
                *("nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"),
                *("sixteen", "seventeen", "eighteen", "nineteen"),
            )
        )
    },
    **{
        w: 10 * i
        for i, w in enumerate(
            ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 2
        )
    },
    "dozen": 12,
    "hundred": 100,
}
_ABOUT = (
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "approximately",
    "some",
    "an estimated",
    "estimated",
    "close to",
    "up to",
    "just under",
    "just over",
    "~",
)
_OVER = ("more than", "over", "at least", "upwards of", "in excess of", "above", "exceeding")
_UNDER = ("less than", "fewer than", "under", "below", "at most", "no more than")

_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_NUMBER = re.compile(
    r"(?P<sign>US\$|[$€£¥₽])?\s?"
    r"(?:(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"|(?P<word>\b(?:{_WORDS})(?:-(?:{_WORDS}))?\b))"
    r"(?:\s?(?P<scale>thousand|millions?|billions?|trillion|mln|mn|bn|tn|[kmb])\b)?"
    r"(?P<percent>\s?%|\s(?:percent|per cent|pct|percentage points)\b)?",
    re.IGNORECASE,
)
_NEXT_WORDS = re.compile(r"[-\s]*([A-Za-z][A-Za-z'’]*)(?:[-\s]+([A-Za-z][A-Za-z'’]*))?")
_LABEL_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
_LABELS = frozenset(
    {
        "article",
        "section",
        "chapter",
        "paragraph",
        "resolution",
        "no",
        "number",
        "page",
        "line",
        "route",
        "flight",
        "clause",
        "item",
        "rule",
        "part",
    }
)
# "one of the reasons", "one important aspect": not a count worth comparing.
_NOT_COUNTS = frozenset({"one", "zero"})
_UNIT_STOP = frozenset({"of", "a", "an", "the", "and", "or", "to", "in", "on", "at", "for"})


@dataclass(frozen=True)
class Quantity:
    """A number as the text gives it: value, rounding, bound and unit."""

    value: Decimal
    step: Decimal  # the place of its last significant digit: 1.4 million → 100,000
    bound: Bound
    unit: frozenset[str]  # "%", a currency code, or the keys of the nouns after it

    def low_high(self) -> tuple[Decimal, Decimal]:
        """The values the text allows, given its rounding and bound."""
        slack = self.step / 2
        if self.bound == "about":
            slack = max(slack, abs(self.value) * APPROXIMATE_SHARE)
        if self.bound == "over":
            return self.value, Decimal("Infinity")
        if self.bound == "under":
            return Decimal("-Infinity"), self.value
        return self.value - slack, self.value + slack


def _step(digits: str, scale: int) -> Decimal:
    """The rounding step of a written number: its last significant digit's place."""
    plain = digits.replace(",", "")
    if "." in plain:
        return Decimal(1).scaleb(-len(plain.split(".")[1])) * scale
    if scale > 1 or int(plain) < ROUND_FROM:
        return Decimal(scale)
    trailing = len(plain) - len(plain.rstrip("0"))
    return Decimal(10) ** trailing


def _bound_before(text: str, start: int) -> Bound:
    before = text[max(0, start - 24) : start].lower().rstrip()
    for words, bound in ((_OVER, "over"), (_UNDER, "under"), (_ABOUT, "about")):
        if any(
            before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalpha())
            for w in words
        ):
            return bound  # type: ignore[return-value]
    return "exact"


def _unit_after(text: str, end: int) -> frozenset[str]:
    """The currency named after a number, or the keys of the (up to two) words after it."""
    found = _NEXT_WORDS.match(text, end)
    if not found:
        return frozenset()
    words = [w for w in found.groups() if w]
    first = words[0].lower()
    if first in _CURRENCY_WORDS:
        return frozenset({_CURRENCY_WORDS[first]})
    keys: set[str] = set()
    for word in words:
        if word.lower() in _UNIT_STOP or not is_content_word(word):
            break
        keys.add(concept_key(word))
    return frozenset(keys)


def _is_year(digits: str | None, sign: str | None, scale: str | None, percent: str | None) -> bool:
    if digits is None or sign or scale or percent or not digits.isdigit() or len(digits) != 4:
        return False
    return 1800 <= int(digits) <= 2100


def _is_label(text: str, start: int) -> bool:
    """Whether the number at ``start`` names something (``Article 4``, ``No. 7``)."""
    before = _LABEL_BEFORE.search(text, 0, start)
    if before is None:
        return False
    word = before[1]
    return word.lower() in _LABELS or (word[0].isupper() and before.start() > 0)


def quantities(text: str) -> list[Quantity]:
    """The numbers of a text with their units, in text order (years and labels left out)."""
    found: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        digits, word, sign, scale, percent = (
            m.group("digits"),
            m.group("word"),
            m.group("sign"),
            m.group("scale"),
            m.group("percent"),
        )
        if _is_year(digits, sign, scale, percent) or (word or "").lower() in _NOT_COUNTS:
            continue
        if digits is not None and not sign and _is_label(text, m.start("digits")):
            continue
        if scale and len(scale) == 1 and not sign:
            # "5 m" is five metres, "7 k" rarely money: a one-letter scale needs a currency
            scale = None
        factor = _SCALES[scale.lower()] if scale else 1
        if digits is not None:
            try:
                number = Decimal(digits.replace(",", ""))
            except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
                continue
            step = _step(digits, factor)
        else:
            assert word is not None
            parts = [_WORD_NUMBERS[p] for p in word.lower().split("-")]
            number = Decimal(sum(parts))
            step = Decimal(factor)
        value = number * factor
        if percent:
            unit = frozenset({"%"})
        elif sign:
            unit = frozenset({_CURRENCY_SIGNS[sign[-1]]})
        else:
            unit = _unit_after(text, m.end())
        if word is not None and not unit:
            continue  # "one of the main reasons": a word number needs a unit to count
        start = m.start("digits") if digits is not None else m.start("word")
        found.append(
            Quantity(value, step, _bound_before(text, m.start(1) if sign else start), unit)
        )
    return found


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count the same kind of thing (and so can be compared):
    a shared unit, or two large figures with no unit (``1.4 million``)."""
    if a.unit or b.unit:
        return bool(a.unit & b.unit)
    return min(a.value, b.value) >= BARE_FROM


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of a compatible unit can be the same figure."""
    a_low, a_high = a.low_high()
    b_low, b_high = b.low_high()
    return a_low < b_high and b_low < a_high


def compare(first: Sequence[Quantity], second: Sequence[Quantity]) -> tuple[int, int]:
    """How many comparable figures agree, and how many disagree with nothing agreeing.

    A figure disagrees when the other text has a figure of the same unit and none of them
    agrees with it, and that figure agrees with nothing in the first text either.
    """
    agreeing = disagreeing = 0
    for a in first:
        for b in second:
            if not compatible(a, b):
                continue
            if agree(a, b):
                agreeing += 1
            elif not any(compatible(a, y) and agree(a, y) for y in second) and not any(
                compatible(x, b) and agree(x, b) for x in first
            ):
                disagreeing += 1
    return agreeing, disagreeing
