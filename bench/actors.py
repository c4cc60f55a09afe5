"""Actors on the real articles: precision and recall per type, bare model vs claimcite.

    .venv/bin/python bench/actors.py [FOLDER] [--model NAME] [--errors]

FOLDER (default ``../shared/corpus``) holds the real articles that ``tests/test_actors.py``
has gold annotations for (every PERSON, ORG, GPE, LOC and NORP mention, written by reading
the article). Each article runs through the spaCy pipeline twice: *bare* is the statistical
model alone (claimcite's actor components disabled), *claimcite* adds the gazetteer and
acronym components and reads the mentions from ``find_actors``. A mention is correct when
its offsets (without a leading "the" and a possessive) and its type match a gold mention.
``--errors`` lists claimcite's wrong and missed mentions.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from claimcite.extractors.nlp import DEFAULT_MODEL, load_model

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = REPO.parent / "shared" / "corpus"


def _gold_module() -> ModuleType:
    """tests/test_actors.py, which holds the gold annotations and the scoring."""
    path = REPO / "tests" / "test_actors.py"
    spec = importlib.util.spec_from_file_location("claimcite_test_actors", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def _row(label: str, bare: Any, ours: Any) -> str:
    cells = [f"{label:<6}"]
    for score in (bare, ours):
        cells.append(f"{score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}")
    return "  ".join(cells) + f"  {ours.gold:5d}"


def _table(title: str, bare: dict[str, Any], ours: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"{'type':<6}  {'bare P':>6} {'R':>6} {'F1':>6}  {'ours P':>6} {'R':>6} {'F1':>6}  gold")
    for label in bare:
        print(_row(label, bare[label], ours[label]))


def _add(total: dict[str, Any], scores: dict[str, Any]) -> None:
    for label, score in scores.items():
        into = total[label]
        into.correct += score.correct
        into.predicted += score.predicted
        into.gold += score.gold


def _print_errors(text: str, gold: list[Any], predicted: list[Any]) -> None:
    gold_set, predicted_set = set(gold), set(predicted)
    for kind, mentions in (
        ("wrong", predicted_set - gold_set),
        ("missed", gold_set - predicted_set),
    ):
        for m in sorted(mentions, key=lambda m: m.start):
            print(f"  {kind:<6} {m.type:<6} {m.start:5d} {text[m.start : m.end]!r}")


def main(argv: list[str] | None = None) -> int:
    """Print the scores; exit 1 when no article with gold annotations is in FOLDER."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--errors", action="store_true", help="list claimcite's errors")
    args = parser.parse_args(argv)
    gold_module = _gold_module()
    nlp = load_model(args.model)
    labels = [*sorted(gold_module.ACTOR_TYPES), "ALL"]
    total_bare = {label: gold_module.Score() for label in labels}
    total_ours = {label: gold_module.Score() for label in labels}
    seen = 0
    for name, gold_list in gold_module.GOLD.items():
        path = args.folder / name
        if not path.exists():
            print(f"{path}: absent, skipped", file=sys.stderr)
            continue
        seen += 1
        article = gold_module.article_actors(nlp, path)
        gold = gold_module.locate_gold(article.text, gold_list)
        bare = gold_module.score(gold, article.bare)
        ours = gold_module.score(gold, article.corrected)
        _table(name, bare, ours)
        if args.errors:
            _print_errors(article.text, gold, article.corrected)
        _add(total_bare, bare)
        _add(total_ours, ours)
    if not seen:
        print(f"no annotated article in {args.folder}", file=sys.stderr)
        return 1
    _table(f"all {seen} articles", total_bare, total_ours)
    return 0


if __name__ == "__main__":
    sys.exit(main())
