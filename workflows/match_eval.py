"""Scoring ``claimcite match`` on labelled pairs (``bench/data/match_pairs.tsv``).

A pair names two claims by where they stand, ``WHERE:FILE@OFFSET`` (a character offset
inside the claim's sentence in the original file; ``shared:`` is ``../shared/corpus``,
``corpus:`` the project's ``corpus/``), so the file holds references, never the text.
A pair labelled ``same`` is found when the two claims are matched with relation
``same``; a ``different`` pair is a false positive when they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..extractors.records import Claim


@dataclass(frozen=True)
class Ref:
    """A claim by place: the folder it is in, its file name, and an offset in its sentence."""

    where: str
    file: str
    offset: int

    @classmethod
    def parse(cls, text: str) -> Ref:
        where, _, rest = text.partition(":")
        file, _, offset = rest.rpartition("@")
        return cls(where, file, int(offset))


@dataclass(frozen=True)
class Pair:
    """Two claims and whether they state the same thing."""

    left: Ref
    right: Ref
    same: bool
    about: str


@dataclass(frozen=True)
class Outcome:
    """What matching made of one pair."""

    pair: Pair
    found: bool  # matched with relation "same"
    score: float | None  # the pair's score when matched at all
    missing: bool  # a claim of the pair is not among the records


@dataclass(frozen=True)
class Scores:
    """Precision and recall of ``same`` over the labelled pairs."""

    outcomes: list[Outcome]

    @property
    def true_positives(self) -> int:
        return sum(1 for o in self.outcomes if o.pair.same and o.found)

    @property
    def precision(self) -> float:
        predicted = sum(1 for o in self.outcomes if o.found)
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        positives = sum(1 for o in self.outcomes if o.pair.same)
        return self.true_positives / positives if positives else 1.0


def read_pairs(path: Path) -> list[Pair]:
    """The pairs of a TSV file (``left, right, label, about``; ``#`` lines are comments)."""
    pairs: list[Pair] = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    for line in lines[1:]:
        if not line.strip():
            continue
        left, right, label, about = line.split("\t")
        pairs.append(Pair(Ref.parse(left), Ref.parse(right), label == "same", about))
    return pairs


def locate(claims: Iterable[Claim], ref: Ref) -> Claim | None:
    """The claim of ``ref``'s file whose sentence holds its offset (the shortest such)."""
    held = [
        c
        for c in claims
        if Path(c.source.path).name == ref.file and c.span.start <= ref.offset < c.span.end
    ]
    return min(held, key=lambda c: c.span.end - c.span.start, default=None)


def evaluate(pairs: Sequence[Pair], matched: Sequence[Claim]) -> Scores:
    """The outcome of each pair on claims that went through matching."""
    outcomes: list[Outcome] = []
    for pair in pairs:
        left, right = locate(matched, pair.left), locate(matched, pair.right)
        if left is None or right is None:
            outcomes.append(Outcome(pair, False, None, True))
            continue
        match = next((m for m in left.matches or [] if m.id == right.id), None)
        outcomes.append(
            Outcome(
                pair,
                match is not None and match.relation == "same",
                match.score if match else None,
                False,
            )
        )
    return Scores(outcomes)
