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

import numpy as np
from spacy.strings import StringStore, hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span

from .sentences import entities_in
from .token_table import (
    DEP_COL,
    HEAD_COL,
    LOWER_COL,
    NUM_COL,
    ROOT,
    SHAPE_COL,
    SPACE_COL,
    TAG_COL,
    per_document,
    rows_of,
    token_table,
)

MODEL_FILE = "checkworthiness.npz"
DEFAULT_BITS = 18

# Odd 64-bit constants for mixing hashes (splitmix64's).
_MULTIPLIERS = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)
_GOLDEN, _MIX1, _MIX2 = (np.uint64(m) for m in _MULTIPLIERS)
_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)

# Feature families: each hashed column is first mixed with its family's name.
_FAMILIES = ("word", "word2", "stem", "tag2", "tag3", "shape", "deptag", "headdep", "text")
_STEM = 5  # characters of a word kept as its crude stem (rule, rules, ruled → "rule")
_FAMILY_HASH = {name: int(hash_string(f"family:{name}")) for name in _FAMILIES}
_FAMILY = {name: np.uint64(h) for name, h in _FAMILY_HASH.items()}
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


_stem_hashes: dict[int, int] = {}


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
        rows = rows_of(span)
    words = rows[:, SPACE_COL] == 0
    n = int(words.sum())
    general.append(f"len:{sum(n > b for b in _LENGTH_BUCKETS)}")
    ents = entities_in(span)
    general.append(f"ents:{min(len(ents), 3)}")
    for ent in ents:
        general.append(f"ent:{ent.label_}")
        general.append(f"ent:{ent.label_}:{ent.root.dep_}")
        general.append(f"ent:{ent.label_}:{ent.root.head.tag_}")
    doc = span.doc
    root_at = np.flatnonzero(words & (rows[:, DEP_COL] == ROOT)) + span.start
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
    if np.any(rows[words, NUM_COL]):
        general.append("has:number")
    return general, lexical


# Feature groups: the general ones (tags, shapes, parse roles, entities, cues) land in the
# lower half of the buckets, the lexical ones (words, stems, word pairs, head words) in the
# upper half, so a group's weights can be scaled apart (``GROUP_SCALE`` in
# bench/train_checkworthiness.py).
GENERAL, LEXICAL = 0, 1


_MASK = (1 << 64) - 1


def _mix_int(family: str, *columns: int) -> int:
    """``_mix`` for one row, in Python integers (for a sentence's few edge n-grams)."""
    golden, mix1, mix2 = _MULTIPLIERS
    h = _FAMILY_HASH[family]
    for column in columns:
        h = ((h ^ column) * golden) & _MASK
        h = ((h ^ (h >> 30)) * mix1) & _MASK
        h = ((h ^ (h >> 27)) * mix2) & _MASK
        h ^= h >> 31
    return h


@dataclass(frozen=True)
class DocFeatures:
    """Every word's n-gram features in one document, as hash buckets, so that a sentence's
    features are slices of these arrays plus its few edge n-grams (``<s>``, ``</s>``).
    Words are the document's non-space tokens, in order; n-grams span consecutive words."""

    bits: int
    positions: np.ndarray  # document index of each word
    tags: list[int]
    lowers: list[int]
    unigrams: np.ndarray  # (words, 5): shape, dep+tag | word, stem, dep+head word
    bigrams: np.ndarray  # (words, 2): tag pair, word pair ending at the word (row 0 unused)
    trigrams: np.ndarray  # (words,): tag triple ending at the word (rows 0 and 1 unused)

    @classmethod
    def of(cls, doc: Doc, bits: int) -> DocFeatures:
        """The features of a document's words (kept for the document's lifetime)."""
        by_bits = _doc_features(doc)
        if bits not in by_bits:
            by_bits[bits] = cls._build(doc, bits)
        return by_bits[bits]

    @classmethod
    def _build(cls, doc: Doc, bits: int) -> DocFeatures:
        table = token_table(doc)
        positions = np.flatnonzero(table[:, SPACE_COL] == 0)
        words = table[positions]
        lower, tag, shape, dep = (words[:, c] for c in (LOWER_COL, TAG_COL, SHAPE_COL, DEP_COL))
        head = table[words[:, HEAD_COL].astype(np.int64), LOWER_COL]
        strings = doc.vocab.strings
        unique, inverse = np.unique(lower, return_inverse=True)
        stems = np.array([_stem_hash(int(h), strings) for h in unique], dtype=np.uint64)
        stem = stems[inverse.ravel()]
        n = len(positions)
        lower0 = np.concatenate((np.array([_START], dtype=np.uint64), lower))
        tag0 = np.concatenate((np.array([_START, _START], dtype=np.uint64), tag))

        def family(name: str) -> np.ndarray:
            return np.full(n, _FAMILY[name])

        general = np.column_stack(
            (_mix(family("shape"), shape), _mix(family("deptag"), dep, tag))
        )
        lexical = np.column_stack(
            (_mix(family("word"), lower), _mix(family("stem"), stem),
             _mix(family("headdep"), dep, head))
        )
        bigrams = np.column_stack(
            (_bucket(_mix(family("tag2"), tag0[1:-1], tag), bits),
             _bucket(_mix(family("word2"), lower0[:-1], lower), bits, LEXICAL))
        )
        trigrams = _bucket(_mix(family("tag3"), tag0[:-2], tag0[1:-1], tag), bits)
        unigrams = np.column_stack((_bucket(general, bits), _bucket(lexical, bits, LEXICAL)))
        return cls(bits, positions, tag.tolist(), lower.tolist(), unigrams, bigrams, trigrams)

    def of_span(self, span: Span, named: Sequence[int], named_words: Sequence[int]) -> np.ndarray:
        """The sorted unique buckets of a span's words, plus named general and lexical
        features (already hashed)."""
        lo, hi = np.searchsorted(self.positions, (span.start, span.end))
        lo, hi = int(lo), int(hi)
        if lo == hi:
            return np.zeros(0, dtype=np.int64)
        tags, lowers = self.tags, self.lowers
        general = [_mix_int("text", h) for h in named]
        lexical = [_mix_int("word", h) for h in named_words]
        first, last = tags[lo], tags[hi - 1]
        general += (_mix_int("tag2", _START, first), _mix_int("tag2", last, _END))
        lexical += (
            _mix_int("word2", _START, lowers[lo]), _mix_int("word2", lowers[hi - 1], _END)
        )
        if hi - lo == 1:
            general.append(_mix_int("tag3", _START, first, _END))
        else:
            general.append(_mix_int("tag3", _START, first, tags[lo + 1]))
            general.append(_mix_int("tag3", tags[hi - 2], last, _END))
        edges = np.concatenate(
            (_bucket(np.array(general, dtype=np.uint64), self.bits),
             _bucket(np.array(lexical, dtype=np.uint64), self.bits, LEXICAL))
        )
        return np.unique(
            np.concatenate(
                (self.unigrams[lo:hi].ravel(), self.bigrams[lo + 1 : hi].ravel(),
                 self.trigrams[lo + 2 : hi], edges)
            )
        )


@per_document
def _doc_features(doc: Doc) -> dict[int, DocFeatures]:
    """A document's DocFeatures, by number of bits (filled by ``DocFeatures.of``)."""
    return {}


_named_hashes: dict[str, int] = {}


def _bucket(hashes: np.ndarray, bits: int, group: int = 0) -> np.ndarray:
    """The bucket of each 64-bit hash: its top ``bits - 1`` bits, in the group's half."""
    buckets = (hashes >> np.uint64(64 - bits + 1)).astype(np.int64)
    return buckets + 2 ** (bits - 1) if group == LEXICAL else buckets


def _hash_name(name: str) -> int:
    found = _named_hashes.get(name)
    if found is None:
        found = _named_hashes[name] = int(hash_string(name))
    return found


def feature_indices(
    span: Span, signals: Iterable[str] = (), bits: int = DEFAULT_BITS
) -> np.ndarray:
    """The sorted, unique hash buckets of a sentence's features (plus named ``signals``)."""
    rows = rows_of(span)
    if not np.any(rows[:, SPACE_COL] == 0):
        return np.zeros(0, dtype=np.int64)
    general, lexical = describe(span, rows)
    named = [_hash_name(name) for name in (*general, *(f"signal:{s}" for s in signals))]
    return DocFeatures.of(span.doc, bits).of_span(span, named, [_hash_name(w) for w in lexical])


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
