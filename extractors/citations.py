"""Citations: what in the document backs a claim (footnotes, URLs, related articles, credits)."""

from __future__ import annotations

from .cleanup import CleanText
from .records import Citation
from .sentences import Sentence


def find_citations(clean: CleanText, sentences: list[Sentence]) -> list[list[Citation]]:
    """The citations of each sentence, in sentence order."""
    footnotes = {b.label: b.text for b in clean.blocks if b.kind == "footnote" and b.label}
    result: list[list[Citation]] = [[] for _ in sentences]
    ends = [s.end_char for s in sentences]
    for marker in clean.markers:
        index = next((i for i, end in enumerate(ends) if marker.clean_pos <= end), None)
        if index is not None and marker.label in footnotes:
            result[index].append(Citation("footnote", marker=marker.label, text=footnotes[marker.label]))
    return result
