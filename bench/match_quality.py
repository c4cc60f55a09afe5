"""Precision and recall of ``claimcite match`` on the labelled pairs of bench/data.

    .venv/bin/python bench/match_quality.py [--threshold X] [--all] [--pairs]

The pairs (``bench/data/match_pairs.tsv``) name claims of ``corpus/`` and of the two
real articles in ``../shared/corpus`` by file and offset. The articles are extracted
(default output: facts only; ``--all``: every sentence), matched, and each pair is
looked up: ``same`` pairs should be matched with relation ``same``, ``different`` ones
should not. Pairs on ``../shared`` are skipped, with the reason, when it is absent.
``--pairs`` prints every pair with its score.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from claimcite import ExtractOptions, extract
from claimcite.extractors.records import Claim
from claimcite.workflows.match import SAME_THRESHOLD, match_claims
from claimcite.workflows.match_eval import Scores, evaluate, read_pairs

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "bench" / "data" / "match_pairs.tsv"
FOLDERS = {"corpus": REPO / "corpus", "shared": REPO.parent / "shared" / "corpus"}


def _claims(folders: list[Path], include_all: bool) -> list[Claim]:
    found = extract([str(f) for f in folders], ExtractOptions(include_all=include_all))
    return [c for c in found if isinstance(c, Claim)]


def _line(name: str, scores: Scores) -> str:
    same = sum(1 for o in scores.outcomes if o.pair.same)
    return (
        f"{name:<8} pairs {len(scores.outcomes):>3} (same {same:>2})  "
        f"precision {scores.precision:.2f}  recall {scores.recall:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threshold", type=float, default=SAME_THRESHOLD)
    parser.add_argument("--all", action="store_true", help="extract every sentence")
    parser.add_argument("--pairs", action="store_true", help="print every pair")
    args = parser.parse_args()
    pairs = read_pairs(PAIRS)
    present = {w: f for w, f in FOLDERS.items() if f.is_dir()}
    for where in sorted(set(FOLDERS) - set(present)):
        print(f"skipped the {where}: pairs: {FOLDERS[where]} is absent")
    pairs = [p for p in pairs if p.left.where in present and p.right.where in present]
    matched = match_claims(_claims(list(present.values()), args.all), args.threshold)
    print(f"threshold {args.threshold}, {'every sentence' if args.all else 'facts only'}")
    overall = evaluate(pairs, matched)
    for where in sorted(present):
        part = [o for o in overall.outcomes if o.pair.left.where == where]
        print(_line(where, Scores(part)))
    print(_line("all", overall))
    if args.pairs:
        for o in overall.outcomes:
            label = "same" if o.pair.same else "diff"
            verdict = "missing" if o.missing else ("SAME" if o.found else "-")
            score = f"{o.score:.2f}" if o.score is not None else "    "
            print(f"  {label} {verdict:<7} {score} {o.pair.about}")


if __name__ == "__main__":
    main()
