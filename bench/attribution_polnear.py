"""Attribution against PolNeAR: overlap F1 of predicted speaker and cue spans.

    .venv/bin/python bench/attribution_polnear.py [FOLDER] [--errors A|B]

FOLDER (default ``../shared/bench/polnear-dev``) holds ``text/NAME.txt`` articles and
``attributions/NAME_ANNOTATOR.ann`` brat files (Source, Cue, Content spans with character
offsets into the text file). Every article runs through the real library API
(``claimcite.extract(..., ExtractOptions(include_all=True))``); every attribution of each
record (``attributions``: each speaker–cue pair of the sentence) gives a predicted speaker
span and cue span, in original-file offsets.

Scoring: a predicted span is correct when it overlaps a gold span of its kind, a gold span
is found when a prediction overlaps it; precision is over predictions, recall over gold
spans. Identical predicted spans (a multi-sentence quote credits every sentence to the
same speaker and cue) count once. Articles with several annotators are *pooled*: every
annotator's file is scored against the same predictions and the counts are summed.

The articles fall into two fixed halves by a hash of their name (A: the half the rules
were developed on, B: held out); both are reported, with the total. Each half must reach
speaker F1 0.85 and cue F1 0.82 at precision 0.85 (issue #14's targets, Citron's figures
on PARC 3.0); the last column says whether it does.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimcite import ExtractOptions, extract
from claimcite.extractors.records import Claim

DEFAULT_FOLDER = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "polnear-dev"

SpanSet = set[tuple[int, int]]


@dataclass
class Gold:
    """The Source and Cue spans of one annotator's file."""

    sources: SpanSet = field(default_factory=set)
    cues: SpanSet = field(default_factory=set)


@dataclass
class Tally:
    """Overlap counts summed over annotation files."""

    correct: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    def add(self, predictions: SpanSet, golds: SpanSet) -> None:
        """Count one file's predictions against its gold spans."""
        self.predicted += len(predictions)
        self.gold += len(golds)
        self.correct += sum(any(_overlap(p, g) for g in golds) for p in predictions)
        self.found += sum(any(_overlap(p, g) for p in predictions) for g in golds)

    def scores(self) -> tuple[float, float, float]:
        """Precision, recall and F1."""
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        total = precision + recall
        return precision, recall, 2 * precision * recall / total if total else 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def read_ann(path: Path) -> Gold:
    """The Source and Cue spans of a brat file (discontinuous spans keep each piece)."""
    gold = Gold()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, label, _ = line.split("\t", 2)
        kind, _, ranges = label.partition(" ")
        target = {"Source": gold.sources, "Cue": gold.cues}.get(kind)
        if target is None:
            continue
        for piece in ranges.split(";"):
            start, end = piece.split()
            target.add((int(start), int(end)))
    return gold


def half_of(name: str) -> str:
    """The fixed half (A or B) an article belongs to."""
    return "AB"[zlib.crc32(name.encode()) % 2]


def predictions(claims: Iterable[Claim]) -> tuple[SpanSet, SpanSet]:
    """The predicted speaker and cue spans of one article's records."""
    speakers: SpanSet = set()
    cues: SpanSet = set()
    for claim in claims:
        for found in claim.attributions:
            cues.add((found.cue_start, found.cue_end))
            if found.speaker_start is not None and found.speaker_end is not None:
                speakers.add((found.speaker_start, found.speaker_end))
    return speakers, cues


def annotation_files(folder: Path) -> dict[str, list[Path]]:
    """Each article's annotation files, by article name."""
    found: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "attributions").glob("*.ann")):
        found[ann.stem.rsplit("_", 1)[0]].append(ann)
    return found


def run(folder: Path) -> dict[str, list[Claim]]:
    """The records of every annotated article, by article name."""
    names = sorted(annotation_files(folder))
    paths = [str(folder / "text" / f"{name}.txt") for name in names]
    claims: dict[str, list[Claim]] = {name: [] for name in names}
    by_path = dict(zip(paths, names, strict=True))
    for item in extract(paths, ExtractOptions(include_all=True)):
        if not isinstance(item, Claim):
            raise SystemExit(f"cannot read {item}")
        claims[by_path[item.source.path]].append(item)
    return claims


TARGETS = {"speaker": 0.85, "cue": 0.82, "precision": 0.85}


def _row(label: str, articles: int, files: int, speaker: Tally, cue: Tally) -> str:
    sp, sr, sf = speaker.scores()
    cp, cr, cf = cue.scores()
    scores = "".join(f"{x:7.3f}" for x in (sp, sr, sf, cp, cr, cf))
    met = (
        sf >= TARGETS["speaker"]
        and cf >= TARGETS["cue"]
        and min(sp, cp) >= TARGETS["precision"]
    )
    return f"{label:<6}{articles:>9}{files:>7}{scores}  {'yes' if met else 'no'}"


def show_errors(text: str, gold: Gold, speakers: SpanSet, cues: SpanSet) -> None:
    """Print the spans missed and the predictions that overlap nothing (to stderr)."""
    for kind, golds, predicted in (("speaker", gold.sources, speakers), ("cue", gold.cues, cues)):
        for g in sorted(golds):
            if not any(_overlap(p, g) for p in predicted):
                print(f"  MISS {kind:7} {text[g[0] : g[1]]!r} @{g[0]}", file=sys.stderr)
        for p in sorted(predicted):
            if not any(_overlap(p, g) for g in golds):
                print(f"  FALSE {kind:7} {text[p[0] : p[1]]!r} @{p[0]}", file=sys.stderr)


def main() -> None:
    """Score every article and print one row per half and the total."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--errors", choices=("A", "B"), help="list the misses of one half")
    args = parser.parse_args()
    files = annotation_files(args.folder)
    if not files:
        raise SystemExit(f"no attributions/*.ann under {args.folder}")
    claims = run(args.folder)
    speaker: dict[str, Tally] = defaultdict(Tally)
    cue: dict[str, Tally] = defaultdict(Tally)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, anns in files.items():
        half = half_of(name)
        speakers, cues = predictions(claims[name])
        counts[half][0] += 1
        counts[half][1] += len(anns)
        for ann in anns:
            gold = read_ann(ann)
            for key in (half, "all"):
                speaker[key].add(speakers, gold.sources)
                cue[key].add(cues, gold.cues)
            if args.errors == half:
                text = (args.folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
                print(ann.name, file=sys.stderr)
                show_errors(text, gold, speakers, cues)
    counts["all"] = [counts["A"][0] + counts["B"][0], counts["A"][1] + counts["B"][1]]
    print(f"{'':22}{'speaker':^21}{'cue':^21}")
    columns = "".join(f"{x:>7}" for x in ("P", "R", "F1", "P", "R", "F1"))
    print(f"{'half':<6}{'articles':>9}{'files':>7}{columns}  target")
    for key in ("A", "B", "all"):
        print(_row(key, counts[key][0], counts[key][1], speaker[key], cue[key]))


if __name__ == "__main__":
    main()
