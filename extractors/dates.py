"""Date expressions and their ISO 8601 values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .records import Anchor

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for m in names
}
_YEAR = re.compile(r"(?:in |since |by )?((?:1[5-9]|20)\d\d)$", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"(?:in )?([A-Za-z]+)\.? ((?:1[5-9]|20)\d\d)$", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(r"(?:on )?(\d{1,2}) ([A-Za-z]+)\.? ((?:1[5-9]|20)\d\d)$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date expression in the clean text (offsets into it) with its value."""

    start: int
    end: int
    text: str
    value: str | None
    anchor: Anchor | None


def normalise(text: str, published: dt.date | None = None) -> tuple[str | None, Anchor | None]:
    """The ISO value of a date expression where the text itself fixes it."""
    phrase = text.strip().lower()
    if m := _YEAR.match(phrase):
        return m.group(1), "absolute"
    if (m := _MONTH_YEAR.match(phrase)) and m.group(1) in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1)]:02d}", "absolute"
    if (m := _DAY_MONTH_YEAR.match(phrase)) and m.group(2) in _MONTHS:
        try:
            day = dt.date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
        except ValueError:
            return None, None
        return day.isoformat(), "absolute"
    return None, None


def find_dates(doc: Doc, published: dt.date | None = None) -> list[FoundDate]:
    """Every DATE expression in the document, with its value where it can be fixed."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        value, anchor = normalise(ent.text, published)
        found.append(FoundDate(ent.start_char, ent.end_char, ent.text, value, anchor))
    return found
