"""One numpy table of token attributes per document, so that per-sentence code reads
columns of it instead of walking ``Token`` objects in Python.

Built once per document on first use (after the pipeline has run) and kept for the
document's lifetime. Every column is a ``uint64``: string attributes are their hashes,
flags are 0/1, ``HEAD`` is the head's index in the document.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar
from weakref import WeakKeyDictionary

import numpy as np
from spacy.attrs import (
    DEP,
    HEAD,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LIKE_EMAIL,
    LIKE_NUM,
    LIKE_URL,
    LOWER,
    POS,
    SHAPE,
    TAG,
)
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

_ATTRS = [LOWER, TAG, SHAPE, DEP, HEAD, IS_SPACE, LIKE_NUM, IS_PUNCT, LIKE_URL, LIKE_EMAIL,
          IS_ALPHA, POS]
# The table's columns, in the order of _ATTRS.
(LOWER_COL, TAG_COL, SHAPE_COL, DEP_COL, HEAD_COL, SPACE_COL, NUM_COL, PUNCT_COL, URL_COL,
 EMAIL_COL, ALPHA_COL, POS_COL) = range(len(_ATTRS))

ROOT = np.uint64(hash_string("ROOT"))
VERB_POS = np.array([hash_string("VERB"), hash_string("AUX")], dtype=np.uint64)

_T = TypeVar("_T")


def per_document(build: Callable[[Doc], _T]) -> Callable[[Doc], _T]:
    """``build``, run once per document: its answer is kept as long as the document lives.
    The answer must hold no Span or Token: they refer to their Doc, which would then never
    be freed."""
    kept: WeakKeyDictionary[Doc, _T] = WeakKeyDictionary()

    @wraps(build)
    def once(doc: Doc) -> _T:
        found = kept.get(doc)
        if found is None:
            found = kept[doc] = build(doc)
        return found

    return once


@per_document
def token_table(doc: Doc) -> np.ndarray:
    """The document's table: one row per token, one column per attribute above."""
    table = doc.to_array(_ATTRS).astype(np.uint64)
    relative = table[:, HEAD_COL].view(np.int64)
    table[:, HEAD_COL] = (np.arange(len(doc), dtype=np.int64) + relative).astype(np.uint64)
    return table


def rows_of(span: Span) -> np.ndarray:
    """The span's rows of its document's table."""
    return token_table(span.doc)[span.start : span.end]


def roots_in(span: Span) -> list[int]:
    """Document indices of the span's tokens that head their own tree (``ROOT``, or their
    own head), in order."""
    rows = rows_of(span)
    own = rows[:, HEAD_COL] == np.arange(span.start, span.end, dtype=np.uint64)
    return [int(i) + span.start for i in np.flatnonzero(own | (rows[:, DEP_COL] == ROOT))]
