"""What kind of statement a sentence is, and how much it deserves checking."""

from __future__ import annotations

from .records import Kind
from .sentences import Sentence

_OTHER_BLOCKS = frozenset({"heading", "credit", "related", "footnote"})
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})


def kind_of(sentence: Sentence) -> Kind:
    """``question``, ``other`` (headings, credits, link lines, footnotes) or ``fact``."""
    if sentence.block.kind in _OTHER_BLOCKS:
        return "other"
    if sentence.text.rstrip("\"”’' )").endswith("?"):
        return "question"
    return "fact"


def checkworthiness(sentence: Sentence) -> float:
    """0-1 from what the sentence contains: actors, dates and numbers."""
    labels = {ent.label_ for ent in sentence.span.ents}
    score = 0.2
    if labels & _ACTOR_TYPES:
        score += 0.3
    if "DATE" in labels:
        score += 0.2
    if any(token.like_num for token in sentence.span):
        score += 0.2
    return min(score, 1.0)
