"""Sentences of the clean text, each tied to the block (paragraph, heading, …) it stands in."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .reading.cleanup import Block, CleanText
from .token_table import per_document


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


# A sentence may only start after a token that ends with one of these characters.
_SENTENCE_FINAL = frozenset('.!?…"”’»)]')


def make_doc(nlp: Language, clean: CleanText) -> Doc:
    """Tokenise the clean text and fix the sentence boundaries the parser must keep.

    Every block start is a sentence start, so a paragraph without a final period, a
    heading or a credit line is never merged with the next block; a table row is one
    sentence whatever its cells end with; and inside a block no
    sentence starts after a token that cannot end one (the small model otherwise cuts
    ``Moscow | and the CSTO …`` after an all-capitals heading). The parser keeps
    boundaries that are set before it runs.
    """
    doc = nlp.make_doc(clean.text)
    if not len(doc):
        return doc
    orth = doc.to_array("ORTH")
    types, inverse = np.unique(orth, return_inverse=True)
    strings = doc.vocab.strings
    final = np.fromiter(
        (bool(strings[int(t)]) and strings[int(t)][-1] in _SENTENCE_FINAL for t in types),
        dtype=bool,
        count=len(types),
    )[inverse.reshape(-1)]
    space = doc.to_array("IS_SPACE").astype(bool)
    sent_start = np.full(len(doc), -1, dtype="int32")
    sent_start[1:][final[:-1] | space[:-1]] = 0
    sent_start[space] = 0
    sent_start[0] = 1
    for block in clean.blocks:
        if block.clean_start is None or block.clean_start >= len(clean.text):
            continue
        first = doc.char_span(block.clean_start, block.clean_start + 1, alignment_mode="expand")
        if first is not None:
            sent_start[first.start] = 1
            if block.kind == "table" and block.clean_end is not None:
                row = doc.char_span(block.clean_start, block.clean_end, alignment_mode="expand")
                if row is not None:
                    sent_start[first.start + 1 : row.end] = -1  # a row is one record
    doc.from_array([SENT_START], sent_start.astype("uint64").reshape(-1, 1))  # type: ignore[arg-type]
    return doc


_CLOSING = frozenset({"”", "’", "»", ")", "]", "''"})


def sentences_of(doc: Doc, clean: CleanText) -> list[Sentence]:
    """The sentences of a processed Doc, whitespace-only ones left out.

    Closing quotation marks that the parser puts at the start of the next sentence
    (``…it did.” He said``) are given back to the sentence they close.
    """
    text_blocks = [b for b in clean.blocks if b.clean_start is not None]
    block_starts = [b.clean_start or 0 for b in text_blocks]
    bounds: list[tuple[int, int, int]] = []  # token start, token end, block index
    for sent in doc.sents:
        span = _strip(sent)
        if span is None or not text_blocks:
            continue
        block = max(bisect_right(block_starts, span.start_char) - 1, 0)
        start, end = span.start, span.end
        if bounds and bounds[-1][2] == block:
            moved = start
            opened = text_blocks[block].clean_start or 0
            while moved < end and _closes_previous(doc, clean.text, opened, moved):
                moved += 1
            if moved > start:
                bounds[-1] = (bounds[-1][0], moved, block)
                start = moved
                while start < end and doc[start].is_space:
                    start += 1
        if start < end:
            bounds.append((start, end, block))
    return [
        Sentence(i, doc[start:end], text_blocks[block])
        for i, (start, end, block) in enumerate(bounds)
    ]


def _closes_previous(doc: Doc, text: str, block_start: int, i: int) -> bool:
    """Whether token i is punctuation that closes the previous sentence: a closing mark,
    or a straight quotation mark that closes a quotation opened earlier in its block
    (``"We lost. We will not lose again.`` then a lone ``"``). ``text`` is the doc's text
    (``doc.text`` is built anew from the tokens on each access)."""
    mark = doc[i].text
    if mark in _CLOSING:
        return True
    if mark == '"':
        return text.count('"', block_start, doc[i].idx) % 2 == 1
    return False


def _strip(span: Span) -> Span | None:
    """The span without leading and trailing whitespace tokens, or None if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if end > start else None


@per_document
def _entity_columns(doc: Doc) -> np.ndarray:
    """Each entity's start, end, label, kb_id and id (columns, no Span: see per_document)."""
    return np.array(
        [(e.start, e.end, e.label, e.kb_id, e.id) for e in doc.ents], dtype=np.uint64
    ).reshape(-1, 5)


def entities_in(span: Span) -> tuple[Span, ...]:
    """The document's entities that lie wholly inside ``span`` (as ``span.ents``), found
    by bisection in an index built once per document, so asking for every sentence's
    entities costs no more than a pass over the document's."""
    doc = span.doc
    index = _entity_columns(doc)
    first = int(np.searchsorted(index[:, 0], span.start, side="left"))
    last = int(np.searchsorted(index[:, 0], span.end, side="left"))
    return tuple(
        Span(doc, int(start), int(end), label=int(label), kb_id=int(kb_id), span_id=int(ent_id))
        for start, end, label, kb_id, ent_id in index[first:last].tolist()
        if end <= span.end
    )
