"""Measure kind and check-worthiness on ClaimBuster by K-fold cross-validation.

    .venv/bin/python bench/checkworthiness.py [TRAIN_JSON] [--folds 5] [--c C] [--show N]

Each ClaimBuster sentence (``../shared/bench/claimbuster/train.json``; ``label`` 1 =
check-worthy factual claim) is fed as a one-sentence document through the pipeline's
functions (clean-up, ``make_doc``, the spaCy model, ``kind_of``, the check-worthiness
features). For each fold, the model is trained on the other folds exactly as
``bench/train_checkworthiness.py`` trains the shipped one, and the held-out fold is scored
with the package's own numpy scorer. A sentence is predicted check-worthy when
its statement kind is a fact and its held-out ``checkworthiness >= 0.5`` (the F1-best
cut-off; ``bench/cutoff.py`` chooses the default ``--min-checkworthiness``). Reported:
F1 (and precision, recall) of the check-worthy class, ROC AUC of ``checkworthiness``, per
fold and pooled, beside the baseline "a sentence with an entity is a claim". Parses are
cached in ``bench/out/``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimcite.extractors.checkworthiness import DEFAULT_BITS, model_from_arrays
from claimcite.extractors.claims import (
    floor,
    kind_of,
    model_features,
    scored_spans,
    statement_kind,
)
from claimcite.extractors.nlp import DEFAULT_MODEL, load_model
from claimcite.extractors.sentences import Sentence
from train_checkworthiness import (
    DEFAULT_C,
    DEFAULT_DATA,
    design_matrix,
    fit,
    load_sentences,
)

THRESHOLD = 0.5
SEED = 0


def _scores(y: np.ndarray, predicted: np.ndarray, scores: np.ndarray) -> str:
    return (
        f"F1 {f1_score(y, predicted):.3f}  P {precision_score(y, predicted):.3f}  "
        f"R {recall_score(y, predicted):.3f}  AUC {roc_auc_score(y, scores):.3f}"
    )


def cross_validate(
    sentences: Sequence[Sentence], y: np.ndarray, fact: np.ndarray, folds: int, c: float, bits: int
) -> np.ndarray:
    """Held-out check-worthiness of every sentence, each scored by a model not trained on it."""
    x = design_matrix(sentences, bits)
    held_out = np.zeros(len(y))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    for train, test in splitter.split(np.zeros(len(y)), y):
        bias, weights = fit(x[train], y[train], fact[train], c)
        trained = model_from_arrays(bits, bias, np.flatnonzero(weights), weights[weights != 0])
        for i in test:
            held_out[i] = max(  # as claims.checkworthiness
                max(trained.score(model_features(sentences[i], bits, core)), floor(core))
                for core in scored_spans(sentences[i])
            )
    return held_out


def per_sentence_cost(sentences: Sequence[Sentence], sample: int = 1000) -> tuple[float, float]:
    """Microseconds per sentence of kind + check-worthiness, and of the spaCy pipeline."""
    from claimcite.extractors.claims import checkworthiness

    chosen = sentences[:sample]
    started = time.perf_counter()
    for sentence in chosen:
        kind_of(sentence)
        checkworthiness(sentence)
    ours = (time.perf_counter() - started) / len(chosen) * 1e6
    nlp = load_model(DEFAULT_MODEL)
    texts = [s.span.doc.text for s in chosen]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=128):
        pass
    spacy_cost = (time.perf_counter() - started) / len(chosen) * 1e6
    return ours, spacy_cost


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=DEFAULT_C, help="inverse regularisation")
    parser.add_argument("--bits", type=int, default=DEFAULT_BITS)
    parser.add_argument("--show", type=int, default=0, help="print N errors of each sort")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} is absent (ClaimBuster train.json)", file=sys.stderr)
        return 1

    sentences, y = load_sentences(args.data)
    # The statement kind, not ``kind_of``: that one reads the shipped model's score, which
    # was trained on every fold and would leak the held-out labels into the prediction.
    kinds = np.array([statement_kind(s) for s in sentences])
    fact = kinds == "fact"
    scores = cross_validate(sentences, y, fact, args.folds, args.c, args.bits)
    predicted = (fact & (scores >= THRESHOLD)).astype(int)

    print(f"ClaimBuster {args.data.name}: {len(y)} sentences, {y.sum()} check-worthy; "
          f"{args.folds}-fold CV (seed {SEED}), C={args.c}, 2**{args.bits} buckets")
    splitter = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=SEED)
    for number, (_, test) in enumerate(splitter.split(np.zeros(len(y)), y), 1):
        print(f"  fold {number}: {_scores(y[test], predicted[test], scores[test])}")
    print(f"pooled:     {_scores(y, predicted, scores)}")
    ungated = f1_score(y, scores >= THRESHOLD)
    print(f"score only: F1 {ungated:.3f} (check-worthiness >= 0.5, any kind)")
    entity = np.array([len(s.span.ents) > 0 for s in sentences]).astype(int)
    print(f"baseline 'has an entity': {_scores(y, entity, entity.astype(float))}")
    for label in (1, 0):
        counts = Counter(kinds[y == label])
        total = max(int((y == label).sum()), 1)
        share = ", ".join(f"{k} {n / total:.1%}" for k, n in counts.most_common())
        print(f"statement kinds of label-{label} sentences: {share}")

    if args.show:
        for name, mask in (
            ("missed (label 1, predicted 0)", (y == 1) & (predicted == 0)),
            ("false alarm (label 0, predicted 1)", (y == 0) & (predicted == 1)),
        ):
            print(f"\n{name}:")
            for i in np.flatnonzero(mask)[: args.show]:
                print(f"  {kinds[i]:8} {scores[i]:.2f}  {sentences[i].text[:150]}")

    if not args.no_timing:
        ours, spacy_cost = per_sentence_cost(sentences)
        print(f"\nper sentence: kind + check-worthiness {ours:.0f} µs; spaCy pipeline "
              f"{spacy_cost:.0f} µs ({ours / spacy_cost:.1%} of spaCy's time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
