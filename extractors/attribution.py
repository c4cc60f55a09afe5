"""Who a sentence is attributed to: speaker, cue and whether it is a direct quote."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .sentences import Sentence


@dataclass(frozen=True)
class FoundAttribution:
    """An attribution with clean-text offsets."""

    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_start: int
    cue_end: int
    direct: bool


def find_attributions(doc: Doc, sentences: list[Sentence]) -> list[FoundAttribution | None]:
    """One attribution (or None) per sentence."""
    return [None for _ in sentences]
