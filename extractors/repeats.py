"""Repeats: pull quotes and summary lines that restate a body sentence."""

from __future__ import annotations

from .sentences import Sentence


def find_repeats(sentences: list[Sentence]) -> list[int | None]:
    """For each sentence, the index of the body sentence it repeats, or None."""
    return [None for _ in sentences]
