"""Choose the default ``--min-checkworthiness``: where missed claims go; a cut-off missing less.

    .venv/bin/python bench/cutoff.py [TRAIN_JSON] [--folds 5] [--min-precision 0.85]

For a fact-check desk a missed claim costs more than a false alarm, so the default cut-off
is the one that finds the most check-worthy claims while precision *on balanced data*
(as many check-worthy sentences as not) stays at or above ``--min-precision``; ClaimBuster
holds three non-check-worthy sentences for each check-worthy one, so its negatives are
weighted by positives/negatives, which is the expectation of a balanced sample. The news
sanity set (our own sentences in ``tests/test_claims.py``: 30 check-worthy news facts, 30
trivial sentences) must keep at least 90% of its trivial sentences below the cut-off.

Every ClaimBuster score is held out (``bench/checkworthiness.py``'s K-fold
cross-validation, the same training as the shipped model's). The cut-off itself is chosen
by cross-validation too: for each fold, the rule above picks it on the other folds' held-out
scores, and the fold is measured at that cut-off. Reported: the old default (0.5) and the
new one on ClaimBuster (unbalanced and balanced) and on the news set, where the missed
claims go (statement kind, score), and a table of cut-offs. Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkworthiness import SEED, cross_validate
from claimcite.extractors.claims import DEFAULT_CUTOFF, checkworthiness, statement_kind
from claimcite.extractors.nlp import DEFAULT_MODEL, load_model
from claimcite.extractors.reading.cleanup import clean
from claimcite.extractors.sentences import make_doc, sentences_of
from train_checkworthiness import DEFAULT_C, DEFAULT_DATA, load_sentences

REPO = Path(__file__).resolve().parents[1]
SANITY = REPO / "tests" / "test_claims.py"
OLD_CUTOFF = 0.5
GRID = np.round(np.arange(0.10, 0.551, 0.025), 3)
MAX_TRIVIAL_ABOVE = 0.10  # of the news set's trivial sentences


@dataclass(frozen=True)
class Scores:
    """Precision and recall of ``predicted`` against ``y``, raw and on balanced data."""

    precision: float
    recall: float
    balanced_precision: float

    @classmethod
    def of(cls, y: np.ndarray, predicted: np.ndarray) -> Scores:
        tp = float(np.sum(predicted & (y == 1)))
        fp = float(np.sum(predicted & (y == 0)))
        positives, negatives = float(np.sum(y == 1)), float(np.sum(y == 0))
        weighted_fp = fp * positives / negatives
        return cls(
            tp / (tp + fp) if tp + fp else 0.0,
            tp / positives,
            tp / (tp + weighted_fp) if tp + weighted_fp else 0.0,
        )

    def __str__(self) -> str:
        f1 = 2 * self.precision * self.recall / (self.precision + self.recall or 1)
        return (f"balanced P {self.balanced_precision:.3f}  R {self.recall:.3f}   "
                f"(as sampled: P {self.precision:.3f}  F1 {f1:.3f})")


def news_sets() -> tuple[list[str], list[str]]:
    """NEWS_FACTS and NEWS_TRIVIAL, read from tests/test_claims.py without importing it."""
    found: dict[str, list[str]] = {}
    for node in ast.parse(SANITY.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            if name in ("NEWS_FACTS", "NEWS_TRIVIAL"):
                found[name] = list(ast.literal_eval(node.value))
    return found["NEWS_FACTS"], found["NEWS_TRIVIAL"]


def news_scores() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shipped-model scores of the news facts and trivial sentences, and whether each news
    fact is a statement of fact (``statement_kind``) at all."""
    nlp = load_model(DEFAULT_MODEL)
    facts, trivial = news_sets()

    def one(text: str) -> object:
        cleaned = clean(text, 0)
        return sentences_of(nlp(make_doc(nlp, cleaned)), cleaned)[0]

    fact_sentences = [one(t) for t in facts]
    return (
        np.array([checkworthiness(s) for s in fact_sentences]),  # type: ignore[arg-type]
        np.array([checkworthiness(one(t)) for t in trivial]),  # type: ignore[arg-type]
        np.array([statement_kind(s) == "fact" for s in fact_sentences]),  # type: ignore[arg-type]
    )


def choose(
    y: np.ndarray,
    scores: np.ndarray,
    fact: np.ndarray,
    folds: Sequence[np.ndarray],
    trivial: np.ndarray,
    floor: float,
) -> float:
    """The lowest cut-off (the most recall) whose balanced precision is at least ``floor`` in
    every one of ``folds`` (index arrays), and that keeps at least 90% of the news set's
    trivial sentences below it."""
    for cut in GRID:
        if np.mean(trivial >= cut) > MAX_TRIVIAL_ABOVE:
            continue
        worst = min(Scores.of(y[f], fact[f] & (scores[f] >= cut)).balanced_precision for f in folds)
        if worst >= floor:
            return float(cut)
    return OLD_CUTOFF


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-precision", type=float, default=0.85,
                        help="least balanced precision in every fold")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} is absent (ClaimBuster train.json)", file=sys.stderr)
        return 1

    sentences, y = load_sentences(args.data)
    kinds = np.array([statement_kind(s) for s in sentences])
    fact = kinds == "fact"
    scores = cross_validate(sentences, y, fact, args.folds, DEFAULT_C, 18)
    news_facts, news_trivial, news_is_fact = news_scores()
    print(f"ClaimBuster {args.data.name}: {len(y)} sentences, {int(y.sum())} check-worthy; "
          f"{args.folds}-fold CV held-out scores (seed {SEED}); news set: "
          f"{len(news_facts)} facts, {len(news_trivial)} trivial sentences\n")

    old = fact & (scores >= OLD_CUTOFF)
    print(f"old default {OLD_CUTOFF}: {Scores.of(y, old)}")
    missed = (y == 1) & ~old
    where = Counter(
        "other (a fact below the cut-off)" if k == "fact" else k for k in kinds[missed]
    )
    print(f"  {int(missed.sum())} check-worthy sentences missed: "
          + ", ".join(f"{k} {n} ({n / missed.sum():.0%})" for k, n in where.most_common()))
    below = scores[missed & fact]
    print("  scores of the facts below the cut-off: "
          + ", ".join(f"{lo:.1f}–{lo + 0.1:.1f}: {int(np.sum((below >= lo) & (below < lo + 0.1)))}"
                      for lo in np.arange(0.0, 0.5, 0.1)))

    print("\ncut-off  balanced P  recall  sampled P  news facts found  news trivial above")
    for cut in GRID:
        measured = Scores.of(y, fact & (scores >= cut))
        found = np.mean(news_is_fact & (news_facts >= cut))
        print(f"  {cut:5.3f}     {measured.balanced_precision:.3f}     {measured.recall:.3f}"
              f"     {measured.precision:.3f}          {found:.2f}"
              f"              {np.mean(news_trivial >= cut):.2f}")

    # The cut-off chosen on the other folds, measured on each fold.
    splitter = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=SEED)
    folds = [test for _, test in splitter.split(np.zeros(len(y)), y)]
    predicted = np.zeros(len(y), dtype=bool)
    chosen = []
    for k, test in enumerate(folds):
        others = [f for j, f in enumerate(folds) if j != k]
        cut = choose(y, scores, fact, others, news_trivial, args.min_precision)
        chosen.append(cut)
        predicted[test] = fact[test] & (scores[test] >= cut)
    print(f"\ncut-offs chosen on the other folds (balanced P >= {args.min_precision} in each): "
          f"{chosen}")
    print(f"held-out at those cut-offs: {Scores.of(y, predicted)}")
    final = choose(y, scores, fact, folds, news_trivial, args.min_precision)
    print(f"\nchosen on all folds: {final} (shipped default: {DEFAULT_CUTOFF})")
    for name, cut in (("old", OLD_CUTOFF), ("new", final)):
        per_fold = [Scores.of(y[f], fact[f] & (scores[f] >= cut)) for f in folds]
        print(f"  {name} {cut} per fold: "
              + "  ".join(f"P {m.balanced_precision:.3f} R {m.recall:.3f}" for m in per_fold))
    new = fact & (scores >= final)
    print(f"new default {final}: {Scores.of(y, new)}")
    for name, cut in (("old", OLD_CUTOFF), ("new", final)):
        print(f"  news set at the {name} cut-off {cut}: facts found "
              f"{int(np.sum(news_is_fact & (news_facts >= cut)))}/{len(news_facts)}, "
              f"trivial sentences above it {int(np.sum(news_trivial >= cut))}/{len(news_trivial)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
