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

from collections.abc import Iterable, Mapping

from spacy.tokens import Span

from .sentences import Sentence, entities_in
from .words import ALIASES, is_content_word, word_key

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


def sentence_bag(span: Span) -> dict[str, float]:
    """The content keys of a sentence, entities and numbers weighted double."""
    bag: dict[str, float] = {}
    aliased: set[int] = set()
    for ent in entities_in(span):
        alias = ALIASES.get(ent.text.lower().removeprefix("the ").replace(".", ""))
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
        if best is None:  # a short line quoted word for word ("We will not pay a cent more.")
            best = _verbatim(sentence, [sentences[body_bags[p][0]] for p in sorted(sharing)])
        result[sentence.index] = best
    return result


# A short line repeats a body sentence only word for word, and only with this many words.
MIN_VERBATIM_WORDS = 4


def _words(span: Span) -> str:
    """The words of a span, lower case, one space between them and around them."""
    return " " + " ".join(t.lower_ for t in span if not (t.is_punct or t.is_space)) + " "


def _verbatim(line: Sentence, body: list[Sentence]) -> int | None:
    """The first body sentence that holds every word of ``line`` in the same order,
    next to each other (its marks aside), when the line has enough words."""
    words = _words(line.span)
    if words.count(" ") - 1 < MIN_VERBATIM_WORDS:
        return None
    return next((s.index for s in body if words in _words(s.span)), None)
