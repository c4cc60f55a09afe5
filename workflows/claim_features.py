"""What a claim states, reduced to what two restatements of it share.

- **actors**: one key per actor, from its canonical name: a person by surname, an
  organisation by its initials (``Collective Security Treaty Organisation`` and ``CSTO``
  are both ``csto``), a country by its name (``Armenian`` → ``armenia``);
- **words**: the concepts of the other content words (:mod:`.concepts`);
- **periods**: the record's dates as periods of days (:mod:`.periods`), leaving out
  "now" and "today", which date the writing rather than the event;
- **quantities**: its figures with their units (:mod:`.numbers`);
- **negated**: the concepts a negation bears on (``did not help`` → ``help``), and
  whether it negates anything at all.

Actor keys and word concepts share one namespace (``Odesa`` is ``odesa`` whether or not
the model tagged it), so a name tagged in one article and not in the other still agrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..extractors.records import Claim
from ..extractors.words import ALIASES, is_content_word, word_key
from .concepts import concept_key, phrase_concept
from .numbers import Quantity, quantities
from .periods import Period, period_of

NEGATION_SCOPE = 1  # content words after "not", "never", "refused"… that a negation bears on
ACRONYM_FROM = 3  # a name of this many capitalised words is also known by its initials
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d[\d,.]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_WORD = re.compile(r"[A-Za-z0-9]+")
_NEGATORS = frozenset(
    {"not", "never", "no", "neither", "nor", "without", "none", "nobody", "nothing", "cannot"}
)
# Prefixes written with a hyphen ("post-Soviet", "anti-war"): the word after them is the
# key, the prefix is not (the tokens split at hyphens).
_PREFIXES = frozenset({"post", "pre", "anti", "pro", "ex", "non", "neo", "pan", "semi", "co"})
# Words of a figure's unit, compared with the figure (``7 percent`` is ``7%``).
_UNIT_WORDS = frozenset({"percent", "per", "cent", "percentage", "pct"})
_NAME_FILLERS = frozenset({"of", "the", "and", "for", "in", "on", "de", "la"})
# Dates that say when the text was written, not when the event happened.
_DEICTIC_DATES = frozenset(
    {
        "now",
        "today",
        "nowadays",
        "currently",
        "at present",
        "by now",
        "these days",
        "at the moment",
        "presently",
    }
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_YEAR = re.compile(rf"\b({'|'.join(_MONTHS)})\s+(1[89]\d\d|20\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Features:
    """The comparable content of one claim."""

    source: str  # claims of the same source are never matched
    actors: frozenset[str]
    words: frozenset[str]
    periods: tuple[Period, ...]
    quantities: tuple[Quantity, ...]
    negated: frozenset[str]  # concepts a negation bears on
    negative: bool  # it negates or refuses something

    @cached_property
    def keys(self) -> frozenset[str]:
        """Actor keys and word concepts together."""
        return self.actors | self.words


def actor_keys(name: str, kind: str = "") -> frozenset[str]:
    """The keys of an actor's canonical name (see the module docstring): a person's
    surname; the initials of a name of :data:`ACRONYM_FROM` capitalised words or more
    (``International Criminal Court`` → ``icc``); else the keys of its words."""
    clean = name.strip().removeprefix("the ").removeprefix("The ")
    alias = ALIASES.get(clean.lower().replace(".", ""))
    if alias is not None:
        return frozenset({alias})
    words = _NAME_WORD.findall(clean)
    if not words:
        return frozenset()
    if kind == "PERSON":
        return frozenset({word_key(words[-1])})
    named = [w for w in words if w.lower() not in _NAME_FILLERS]
    if len(named) >= ACRONYM_FROM and all(w[0].isupper() for w in named):
        return frozenset({"".join(w[0] for w in named).lower()})
    return frozenset(
        concept_key(w) for w in named if is_content_word(w) and w.lower() not in _PREFIXES
    )


def _blank(text: str, parts: Iterable[str]) -> str:
    """The text with each of ``parts`` blanked out (actor names, date expressions)."""
    for part in sorted({p for p in parts if p}, key=len, reverse=True):
        text = text.replace(part, " " * len(part))
    return text


@dataclass(frozen=True)
class Words:
    """The content concepts of a text, those a negation bears on, and whether it negates."""

    concepts: frozenset[str]
    negated: frozenset[str]
    negative: bool


def words_of(text: str) -> Words:
    """The content concepts of a text (numbers left out) and its negations.

    A negation (``not``, ``never``, ``n't``…, or a verb of refusal such as ``refused``)
    bears on the next :data:`NEGATION_SCOPE` content words.
    """
    tokens = _TOKEN.findall(text)
    lows = [t.lower() for t in tokens]
    refuse, fail = concept_key("refuse"), concept_key("fail")
    concepts: set[str] = set()
    negated: set[str] = set()
    negative = False
    scope = 0
    for i, (token, low) in enumerate(zip(tokens, lows, strict=True)):
        if low.endswith(("n't", "n’t")) or (low in _NEGATORS and lows[i + 1 : i + 2] != ["only"]):
            negative, scope = True, NEGATION_SCOPE
            continue
        token = _POSSESSIVE.sub("", token)
        if (
            low[0].isdigit()
            or len(token) < 2
            or low in _UNIT_WORDS
            or low in _PREFIXES
            or not is_content_word(token)
        ):
            continue
        phrase = phrase_concept(token, tokens[i + 1]) if i + 1 < len(tokens) else None
        concept = concept_key(token)
        found = {concept} if phrase is None else {concept, phrase}
        concepts |= found
        if scope:
            negated |= found
            scope -= 1
        if found & {refuse, fail}:
            negative, scope = True, NEGATION_SCOPE
    return Words(frozenset(concepts), frozenset(negated), negative)


def claim_features(claim: Claim) -> Features:
    """The features of a claim record."""
    dates = [d for d in claim.dates if d.text.lower().strip() not in _DEICTIC_DATES]
    periods = tuple(p for p in (period_of(d.value) for d in dates) if p is not None)
    actors = frozenset().union(*(actor_keys(a.name or a.text, a.type) for a in claim.actors))
    without_dates = _blank(claim.text, (d.text for d in claim.dates))
    words = words_of(_blank(without_dates, (a.text for a in claim.actors)))
    return Features(
        source=claim.source.sha256 or claim.source.path,
        actors=actors,
        words=words.concepts - actors,
        periods=periods,
        quantities=tuple(quantities(without_dates)),
        negated=words.negated,
        negative=words.negative,
    )


def text_periods(text: str) -> list[Period]:
    """The years and month-years written in a plain text (for texts without records)."""
    found: list[Period] = []
    for m in _MONTH_YEAR.finditer(text):
        month = _MONTHS.index(m[1].lower()) + 1
        period = period_of(f"{m[2]}-{month:02d}")
        if period is not None:
            found.append(period)
    taken = {m.start(2) for m in _MONTH_YEAR.finditer(text)}
    for m in _YEAR.finditer(text):
        if m.start() not in taken:
            period = period_of(m[1])
            if period is not None:
                found.append(period)
    return found


def text_features(text: str, source: str) -> Features:
    """The features of a plain text: a reviewed claim, which has no record.

    Capitalised words stand in for actors, since the text has no named entities.
    """
    without_dates = _MONTH_YEAR.sub(" ", text)
    without_dates = _YEAR.sub(" ", without_dates)
    words = words_of(without_dates)
    names = {
        word_key(t)
        for i, t in enumerate(_TOKEN.findall(without_dates))
        if i > 0 and t[0].isupper() and is_content_word(t)
    }
    return Features(
        source=source,
        actors=frozenset(names),
        words=words.concepts - names,
        periods=tuple(text_periods(text)),
        quantities=tuple(quantities(without_dates)),
        negated=words.negated,
        negative=words.negative,
    )
