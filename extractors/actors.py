"""Actors: people, organisations, countries, places and groups, with canonical names."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})


@dataclass(frozen=True)
class FoundActor:
    """An actor mention in the clean text (offsets into it) and its canonical name."""

    start: int
    end: int
    text: str
    type: str
    name: str


def add_actor_components(nlp: Language) -> None:
    """Add the components that correct the statistical model's actor types."""


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def find_actors(doc: Doc) -> list[FoundActor]:
    """Every actor mention in the document, with its canonical name."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_TYPES:
            continue
        found.append(
            FoundActor(ent.start_char, ent.end_char, ent.text, ent.label_, _strip_possessive(ent.text))
        )
    return found
