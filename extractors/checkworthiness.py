"""Check-worthiness: a small linear model over hashed features of a parsed sentence.

The features are read off spaCy's token attributes, in two groups. General ones carry
over from one kind of text to another: part-of-speech tag pairs and triples, word shapes,
each word's dependency label with its tag, entity labels (with the role each entity plays
in the parse), whether there is a number, the main verb's tense, auxiliaries and kind of
subject (an entity type, a pronoun, a tag), what a reported clause holds, the sentence
length, and the signals that decide a sentence's kind (modal, hedge, first-person
opinion, question…). Lexical ones are the lower-cased words, their first five letters,
word pairs, each word's head word and the main verb. Each feature is hashed with spaCy's
own stable string hash into ``2**bits`` buckets, general features into the lower half and
lexical ones into the upper half, so no vocabulary ships with the model: only one weight
per bucket seen in training, in ``data/checkworthiness.npz``.

Scoring is plain numpy: a weighted sum over the sentence's (unique, L2-normalised)
buckets through a logistic function. ``bench/train_checkworthiness.py`` fits the
weights on the ClaimBuster debate sentences (GPL-3.0), each group's columns scaled
before the L2-regularised fit (the scale is folded back into the weights), and shifts the
bias so that 0.5 is the best cut-off for "check-worthy fact"; ``bench/checkworthiness.py``
measures them by cross-validation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, LIKE_NUM, LOWER, SHAPE, TAG
from spacy.strings import StringStore, hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from .sentences import entities_in

MODEL_FILE = "checkworthiness.npz"
DEFAULT_BITS = 18

# Odd 64-bit constants for mixing hashes (splitmix64's).
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)

# Feature families: each hashed column is first mixed with its family's name.
_FAMILIES = ("word", "word2", "stem", "tag2", "tag3", "shape", "deptag", "headdep", "text")
_STEM = 5  # characters of a word kept as its crude stem (rule, rules, ruled → "rule")
_FAMILY = {name: np.uint64(hash_string(f"family:{name}")) for name in _FAMILIES}
_START = hash_string("<s>")
_END = hash_string("</s>")
_LENGTH_BUCKETS = (4, 8, 15, 25, 40)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def _mix(families: np.ndarray, *columns: np.ndarray) -> np.ndarray:
    """One 64-bit hash per row: the family's hash mixed with each column (splitmix64)."""
    h = families
    for column in columns:
        h = (h ^ column) * _GOLDEN
        h = (h ^ (h >> _S30)) * _MIX1
        h = (h ^ (h >> _S27)) * _MIX2
        h ^= h >> _S31
    return h


def _tagged(pieces: Sequence[tuple[Any, ...]]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Rows of several families stacked: their family hashes and their columns.

    Each piece is ``(family name, column, …)``; all pieces have the same number of columns.
    """
    families = np.concatenate([np.full(len(cols[0]), _FAMILY[name]) for name, *cols in pieces])
    width = len(pieces[0]) - 1
    columns = [np.concatenate([piece[k + 1] for piece in pieces]) for k in range(width)]
    return families, columns


# Columns of the token table (``token_table``), one row per token of a document.
_LOWER, _TAG, _SHAPE, _DEP, _HEAD_LOWER, _STEM_COL, _SPACE, _NUM = range(8)
_TABLE_ATTRS = [LOWER, TAG, SHAPE, DEP, HEAD, IS_SPACE, LIKE_NUM]
_ROOT = np.uint64(hash_string("ROOT"))
_tables: WeakKeyDictionary[Doc, np.ndarray] = WeakKeyDictionary()
_stem_hashes: dict[int, int] = {}


def token_table(doc: Doc) -> np.ndarray:
    """The token attributes the features read, as one uint64 array per document (built
    once): lower-cased word, tag, shape, dependency, the head's lower-cased word, the
    hash of the word's first letters, whether it is a space, whether it is like a number."""
    table = _tables.get(doc)
    if table is None:
        raw = doc.to_array(_TABLE_ATTRS).astype(np.uint64)
        lower = raw[:, 0]
        heads = np.arange(len(doc), dtype=np.int64) + raw[:, 4].view(np.int64)
        unique, inverse = np.unique(lower, return_inverse=True)
        strings = doc.vocab.strings
        stems = np.array([_stem_hash(int(h), strings) for h in unique], dtype=np.uint64)
        table = np.column_stack(
            (lower, raw[:, 1], raw[:, 2], raw[:, 3], lower[heads], stems[inverse.ravel()],
             raw[:, 5], raw[:, 6])
        )
        _tables[doc] = table
    return table


def _stem_hash(lower: int, strings: StringStore) -> int:
    found = _stem_hashes.get(lower)
    if found is None:
        found = _stem_hashes[lower] = int(hash_string(strings[lower][:_STEM]))
    return found


def describe(span: Span, rows: np.ndarray | None = None) -> tuple[list[str], list[str]]:
    """The named (non-n-gram) features of a sentence: general ones (entity types and roles,
    dates and numbers, the main verb's tense, auxiliaries and kind of subject, length) and
    lexical ones (the main verb's word). ``rows``: the span's rows of the token table."""
    general: list[str] = []
    lexical: list[str] = []
    if rows is None:
        rows = token_table(span.doc)[span.start : span.end]
    words = rows[:, _SPACE] == 0
    n = int(words.sum())
    general.append(f"len:{sum(n > b for b in _LENGTH_BUCKETS)}")
    ents = entities_in(span)
    general.append(f"ents:{min(len(ents), 3)}")
    for ent in ents:
        general.append(f"ent:{ent.label_}")
        general.append(f"ent:{ent.label_}:{ent.root.dep_}")
        general.append(f"ent:{ent.label_}:{ent.root.head.tag_}")
    doc = span.doc
    root_at = np.flatnonzero(words & (rows[:, _DEP] == _ROOT)) + span.start
    roots = [doc[int(i)] for i in root_at[:2]] or ([span.root] if n else [])
    for root in roots[:2]:
        lexical.append(f"root:{root.lower_}")
        general.append(f"roottag:{root.tag_}")
        subjects = []
        for child in root.children:
            if child.dep_ in ("aux", "auxpass", "neg"):
                general.append(f"rootaux:{child.lower_}")
            elif child.dep_ in _SUBJECT_DEPS:
                subject = child.ent_type_ or (child.lower_ if child.tag_.startswith("PRP") else "")
                subjects.append(subject or child.tag_)
        for subject in subjects:
            general.append(f"subj:{subject}")
            general.append(f"subj:{subject}:{root.tag_}")
            if any(c.dep_ == "ccomp" for c in root.children):
                general.append(f"reports:{subject}:{root.tag_}")
        if not subjects:
            general.append(f"subj:none:{root.tag_}")
        for clause in root.children:  # what a reported clause says ("ruled that … must …")
            if clause.dep_ == "ccomp":
                general.append(f"ccomp:{root.tag_}:{clause.tag_}")
                general.extend(f"ccomp:{c.dep_}:{c.tag_}" for c in clause.children)
    if np.any(rows[words, _NUM]):
        general.append("has:number")
    return general, lexical


# Feature groups: the general ones (tags, shapes, parse roles, entities, cues) land in the
# lower half of the buckets, the lexical ones (words, stems, word pairs, head words) in the
# upper half, so a group's weights can be scaled apart (see ``GROUPS``).
GENERAL, LEXICAL = 0, 1


def feature_indices(
    span: Span, signals: Iterable[str] = (), bits: int = DEFAULT_BITS
) -> np.ndarray:
    """The sorted, unique hash buckets of a sentence's features (plus named ``signals``)."""
    rows = token_table(span.doc)[span.start : span.end]
    words = rows[rows[:, _SPACE] == 0]
    if not len(words):
        return np.zeros(0, dtype=np.int64)
    lower, tag, shape, dep, head, stem = words[:, :6].T
    edge = np.array([_START], dtype=np.uint64), np.array([_END], dtype=np.uint64)
    lower2 = np.concatenate((edge[0], lower, edge[1]))
    tag2 = np.concatenate((edge[0], tag, edge[1]))
    general, lexical = describe(span, rows)
    named = np.array(
        [hash_string(name) for name in (*general, *(f"signal:{s}" for s in signals))],
        dtype=np.uint64,
    )
    words = np.array([hash_string(name) for name in lexical], dtype=np.uint64)
    half = np.uint64(64 - bits + 1)
    ones = _tagged([("shape", shape), ("text", named)])
    twos = _tagged([("tag2", tag2[:-1], tag2[1:]), ("deptag", dep, tag)])
    threes = _tagged([("tag3", tag2[:-2], tag2[1:-1], tag2[2:])])
    general_hashes = np.concatenate(
        (_mix(ones[0], *ones[1]), _mix(twos[0], *twos[1]), _mix(threes[0], *threes[1]))
    )
    lex_ones = _tagged([("word", np.concatenate((lower, words))), ("stem", stem)])
    lex_twos = _tagged([("word2", lower2[:-1], lower2[1:]), ("headdep", dep, head)])
    lexical_hashes = np.concatenate(
        (_mix(lex_ones[0], *lex_ones[1]), _mix(lex_twos[0], *lex_twos[1]))
    )
    offset = 2 ** (bits - 1)
    return np.unique(
        np.concatenate(
            (
                (general_hashes >> half).astype(np.int64),
                (lexical_hashes >> half).astype(np.int64) + offset,
            )
        )
    )


def group_of(indices: np.ndarray, bits: int = DEFAULT_BITS) -> np.ndarray:
    """The feature group (``GENERAL`` or ``LEXICAL``) of each bucket."""
    return (indices >= 2 ** (bits - 1)).astype(np.int64)


@dataclass(frozen=True)
class LinearModel:
    """Logistic regression weights over hashed feature buckets."""

    bits: int
    bias: float
    weights: np.ndarray  # dense, 2**bits float32

    def score(self, indices: np.ndarray) -> float:
        """Probability that a sentence with these feature buckets is check-worthy."""
        if not len(indices):
            return _sigmoid(self.bias)
        total = float(self.weights[indices].sum()) / math.sqrt(len(indices))
        return _sigmoid(self.bias + total)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


def model_from_arrays(
    bits: int, bias: float, indices: np.ndarray, values: np.ndarray
) -> LinearModel:
    """A model from its sparse form (bucket numbers and their weights)."""
    weights = np.zeros(2**bits, dtype=np.float32)
    weights[indices] = values
    return LinearModel(bits, float(bias), weights)


@lru_cache(maxsize=1)
def shipped_model() -> LinearModel:
    """The weights shipped in the package (trained by ``bench/train_checkworthiness.py``)."""
    with resources.files(__package__).joinpath("data", MODEL_FILE).open("rb") as handle:
        data = np.load(handle)
        return model_from_arrays(
            int(data["bits"]), float(data["bias"]), data["indices"], data["weights"]
        )


def score(span: Span, signals: Iterable[str] = ()) -> float:
    """0-1 check-worthiness of a sentence from the shipped model."""
    model = shipped_model()
    return model.score(feature_indices(span, signals, model.bits))
