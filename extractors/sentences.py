"""Sentences of the clean text, each tied to the block (paragraph, heading, …) it stands in."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from .cleanup import Block, CleanText


@dataclass(frozen=True)
class Sentence:
    """One sentence: its spaCy span in the clean-text Doc and the block it belongs to."""

    index: int
    span: Span
    block: Block

    @property
    def text(self) -> str:
        """The sentence as a reader sees it."""
        return self.span.text

    @property
    def start_char(self) -> int:
        """Clean-text offset of the first character."""
        return self.span.start_char

    @property
    def end_char(self) -> int:
        """Clean-text offset just past the last character."""
        return self.span.end_char


def make_doc(nlp: Language, clean: CleanText) -> Doc:
    """Tokenise the clean text and mark every block start as a sentence start.

    The parser keeps boundaries that are set before it runs, so a paragraph without a
    final period, a heading or a credit line is never merged with the next block.
    """
    doc = nlp.make_doc(clean.text)
    if not len(doc):
        return doc
    for block in clean.blocks:
        if block.clean_start is None or block.clean_start >= len(clean.text):
            continue
        first = doc.char_span(block.clean_start, block.clean_start + 1, alignment_mode="expand")
        if first is not None:
            doc[first.start].is_sent_start = True
    return doc


def sentences_of(doc: Doc, clean: CleanText) -> list[Sentence]:
    """The sentences of a processed Doc, whitespace-only ones left out."""
    text_blocks = [b for b in clean.blocks if b.clean_start is not None]
    block_starts = [b.clean_start or 0 for b in text_blocks]
    sentences: list[Sentence] = []
    for sent in doc.sents:
        span = _strip(sent)
        if span is None or not text_blocks:
            continue
        block = text_blocks[max(bisect_right(block_starts, span.start_char) - 1, 0)]
        sentences.append(Sentence(len(sentences), span, block))
    return sentences


def _strip(span: Span) -> Span | None:
    """The span without leading and trailing whitespace tokens, or None if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if end > start else None
