"""Date expressions and their ISO 8601 values, in the style of TimeML's TIMEX3.

Three steps, each a pure function but the first, each in its own module:

1. `find_dates` (here) proposes spans: a spaCy Matcher (built once per vocabulary) finds runs of
   date-like tokens, the spans inside a run are tried longest first, and spaCy's DATE
   entities add what the runs miss.
2. `date_grammar.parse` reads the text of a span into an `Expr` (cached): a fixed date (`31 October
   2022`), a partial one that needs a year or a week (`in March`, `Tuesday`), one relative
   to the publication date (`last year`, `two weeks ago`) or to a date mentioned before it
   (`the year before`, `a year earlier`), or an interval. Durations (`30 years`, `the past
   three months`), sets (`every year`) and vague references (`recently`) parse to None.
3. `date_values.resolve` turns an `Expr` into a value and an anchor, from the publication date, the
   dates already read in the document (`Prior`) and the tense of the clause.

Values: `2022`, `2022-09`, `2022-09-12`, `2022-W38`, `2022-W38-WE`, `2022-Q3`, `2022-H1`,
`2021-SP` (SU, FA, WI), `200X` (a decade), `19XX` (a century), `A/B` (an interval).
"now", "today" and "currently" are the publication date (TimeML's PRESENT_REF).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import SENT_START
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .date_grammar import (
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    SEASONS,
    UNIT_PLURALS,
    UNITS,
    WEEKDAYS,
    Expr,
    Tense,
    When,
    parse,
    units_ahead,
)
from .date_values import Prior, resolve, resolve_when
from .records import Anchor


def _words(text: str) -> list[str]:
    return text.split()


# Words that can stand in a date expression (the Matcher's runs are made of these and numbers).
_RUN_WORDS = (
    set(MONTHS) | {m + "." for m in MONTHS} | set(WEEKDAYS) | set(SEASONS) | set(UNITS)
    | UNIT_PLURALS | set(NUMBER_WORDS) | set(DECADE_WORDS)
    | set(
        _words(
            "the of a an to until till through thru and between - – — , / 's ’s ' ’ last "
            "this next past coming previous preceding following prior same that current "
            "latest recent most just ended early late mid middle end beginning start close "
            "turn earlier later very today tonight yesterday tomorrow now currently "
            "nowadays these ago before after hence from fiscal financial calendar morning "
            "afternoon evening night half halves period corresponding q1 q2 q3 q4 h1 h2 year-end "
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
                                 "early", "late", "mid", "fiscal", "financial",
                                 "these"}  # fmt: skip
_LEADING_STOPS = (_EDGE_STOPS - {"between", "about", "nearly", "almost", "some", "roughly",
                                 "over", "more"}) | {"'", "just", "only", "before", "after",
                                                     "ago"}  # fmt: skip
_MAX_TOKENS = 10
_PRIORS = 12  # dates already read that a new one may take its context from

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
        if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in UNIT_PLURALS:
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
    if expr.kind == "partial" and expr.part and expr.part.monthless_day and not expr.relation:
        # "on the 14th" (in figures), but not "on the 14th floor" or "the 3rd Division"
        follows_noun = nxt is not None and nxt.is_alpha and nxt.pos_ in ("NOUN", "PROPN")
        written = any(c.isdigit() for c in span.text)
        return prev is not None and prev.lower_ == "on" and written and not follows_noun
    if expr.kind == "partial" and expr.part and not expr.relation:
        word = next(
            (t for t in reversed(span) if t.lower_.rstrip(".") in MONTHS or t.lower_ in WEEKDAYS),
            last,
        )
        if expr.part.grain == "day" and word.lower_ in ("may", "march") and word.is_lower:
            return False  # "the next one may be worse": a verb after a number word
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
    if first.lower_ == "that" and first.dep_ not in ("det", ""):
        return False  # "said that March was warm": a conjunction, not "that March"
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
    if after.pos_ in ("NOUN", "PROPN") and after.lower_ not in UNIT_PLURALS:
        return span[1:]
    return span


def _candidates(doc: Doc) -> list[tuple[Span, Expr]]:
    """Date spans proposed by the Matcher's runs and spaCy's DATE entities, each parsed."""
    chosen: list[tuple[Span, Expr]] = []
    taken: set[int] = set()

    def take(span: Span) -> None:
        """Keep a span that parses as a plausible date, and its tokens as taken."""
        expr = parse(span.text)
        if expr is None and span.start > 0 and doc[span.start - 1].lower_ == "in":
            ahead = units_ahead(span.text)  # "will vote in two weeks", not "in a year or two"
            vague = span.end < len(doc) and doc[span.end].lower_ in ("or", "to", "-", "–")
            expr = ahead if ahead and not vague and _tense(span) == "future" else None
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
        point = expr.end if expr.kind == "interval" and expr.end else expr  # where it got to
        try:
            value, anchor = resolve(expr, published, priors, tense)
            when, _ = resolve_when(point, published, priors, tense)
        except (OverflowError, ValueError):  # arithmetic past year 1 or 9999: no value
            value, anchor, when = None, None, None
        found.append(FoundDate(span.start_char, span.end_char, span.text, value, anchor))
        if when is not None and anchor is not None and not point.keep:
            # a comparison ("a year earlier") is no new point for the story to go on from
            history.append((sentence, paragraph, when, anchor))
    return found
