"""Measure claimcite's dates against TimeBank's DATE expressions (TempEval-3 style).

    .venv/bin/python bench/dates_timebank.py [TIMEBANK_DIR] [--errors dev|check|all|none]

Each document's <TEXT> is stripped of its tags (TIMEX3 offsets are positions in that
plain text) and written to a temporary folder with a manifest giving the creation time
as the publication date; the real `claimcite extract --all --manifest M DIR` runs on it,
and the records' `dates` are scored against the gold `type="DATE"` TIMEX3s (the creation
time itself excluded): span precision, recall and F1 by overlap, and value accuracy on
the matched spans. Documents are split in two halves by sorted name (even: dev, odd:
check) so that rules developed while looking at one half can be checked on the other.

TimeML's PRESENT_REF ("now", "currently") counts as right when claimcite gives the
publication date, and its decades and centuries (`199`, `19`) as claimcite writes them
(`199X`, `19XX`). PAST_REF / FUTURE_REF ("recently", "soon") name no date, which
claimcite does not report: the figures are given with them and without them.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO.parent / "shared" / "bench" / "timebank"

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
VAGUE = ("PAST_REF", "FUTURE_REF")


@dataclass(frozen=True)
class Timex:
    """A gold TIMEX3 in a document's plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Document:
    """One TimeBank document: its plain text, creation date and gold expressions."""

    name: str
    text: str
    created: str
    timexes: list[Timex] = field(default_factory=list)


@dataclass(frozen=True)
class Predicted:
    """A date claimcite reported."""

    start: int
    end: int
    text: str
    value: str | None


def read_document(path: Path) -> Document:
    """Plain text of <TEXT> with the TIMEX3s in it, and the creation time."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", raw)
    created = _ATTR.findall(dct.group(0)) if dct else []
    created_value = dict(created).get("value", "")[:10]
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[position : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1):
            if open_timex is not None:
                start, attrs = open_timex
                text = "".join(parts)[start:length]
                timexes.append(Timex(start, length, text, attrs["type"], attrs["value"]))
            open_timex = None
        else:
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
    parts.append(html.unescape(body[position:]))
    return Document(path.stem, "".join(parts), created_value, timexes)


def run_claimcite(documents: list[Document]) -> dict[str, list[Predicted]]:
    """The dates the real CLI reports for each document, by document name."""
    claimcite = Path(sys.executable).with_name("claimcite")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        manifest = Path(tmp) / "manifest.csv"
        with manifest.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["path", "url", "published", "title"])
            for doc in documents:
                (folder / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
                writer.writerow([f"docs/{doc.name}.txt", "", doc.created, ""])
        output = Path(tmp) / "records.jsonl"
        command = [str(claimcite), "extract", "--all", "--manifest", str(manifest)]
        subprocess.run([*command, "-o", str(output), str(folder)], check=True)
        found: dict[str, list[Predicted]] = {doc.name: [] for doc in documents}
        for line in output.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            name = Path(record["source"]["path"]).stem
            for date in record["dates"]:
                found[name].append(
                    Predicted(date["start"], date["end"], date["text"], date["value"])
                )
    return found


@dataclass
class Score:
    """Counts for span F1 and value accuracy."""

    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    right_value: int = 0
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)

    def line(self, label: str) -> str:
        """The figures on one line."""
        p = self.matched_predicted / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.right_value / self.matched_gold if self.matched_gold else 0.0
        return (
            f"{label:<34} gold {self.gold:4d}  found {self.predicted:4d}  "
            f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  value accuracy {acc:.3f}"
        )


def _overlaps(a: Timex | Predicted, b: Timex | Predicted) -> bool:
    return a.start < b.end and b.start < a.end


def value_right(gold: Timex, predicted: Predicted, created: str) -> bool:
    """Whether claimcite's value says what the gold value says."""
    if gold.value == "PRESENT_REF":
        return predicted.value == created
    if gold.value.isdigit() and len(gold.value) in (2, 3):  # TimeML's decade 199, century 19
        return predicted.value == gold.value.ljust(4, "X")
    return predicted.value == gold.value


def _around(text: str, start: int, end: int, width: int = 90) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width // 2].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def score(
    doc: Document, predicted: list[Predicted], into: Score, vague: bool, show_context: bool = False
) -> None:
    """Add one document's counts: gold DATEs against what claimcite found."""
    gold = [t for t in doc.timexes if t.type == "DATE" and (vague or t.value not in VAGUE)]
    others = [t for t in doc.timexes if t not in gold]
    # A date found inside a TIME ("Friday" in "Friday night") or a vague reference
    # left out of gold is neither right nor wrong here.
    neutral = [t for t in others if t.type == "TIME" or (t.type == "DATE" and not vague)]
    kept = [p for p in predicted if not any(_overlaps(p, t) for t in neutral)]
    into.gold += len(gold)
    into.predicted += len(kept)
    used: set[int] = set()
    for g in gold:
        match = next(
            (i for i, p in enumerate(kept) if i not in used and _overlaps(g, p)), None
        )
        if match is None:
            into.missed[f"{g.text.lower()} ({g.value if g.value in VAGUE else 'date'})"] += 1
            continue
        used.add(match)
        into.matched_gold += 1
        p = kept[match]
        if value_right(g, p, doc.created):
            into.right_value += 1
        else:
            wrong = f"{p.text!r} -> {p.value} | gold {g.text!r} = {g.value} (dct {doc.created})"
            if show_context:
                wrong += "\n         " + _around(doc.text, g.start, g.end)
            into.wrong[wrong] += 1
    for i, p in enumerate(kept):
        if any(_overlaps(p, g) for g in gold):
            into.matched_predicted += 1
        if i not in used:
            kind = next((t.type for t in others if _overlaps(p, t)), "none")
            if not any(_overlaps(p, g) for g in gold):
                into.spurious[f"{p.text.lower()} (gold {kind})"] += 1


def main() -> None:
    """Score claimcite's dates on TimeBank and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DIR), type=Path)
    parser.add_argument("--errors", choices=("dev", "check", "all", "none"), default="dev")
    parser.add_argument("--top", type=int, default=25, help="Errors listed per kind.")
    parser.add_argument("--context", action="store_true", help="Show wrong values in context.")
    args = parser.parse_args()
    paths = sorted(args.folder.glob("*.tml"))
    if not paths:
        sys.exit(f"no .tml files in {args.folder}")
    documents = [read_document(p) for p in paths]
    started = time.perf_counter()
    found = run_claimcite(documents)
    elapsed = time.perf_counter() - started
    halves = {"dev": documents[0::2], "check": documents[1::2], "all": documents}
    print(f"TimeBank: {len(documents)} documents, claimcite ran in {elapsed:.1f} s")
    for vague in (True, False):
        label = "all DATE" if vague else "DATE without PAST/FUTURE_REF"
        for half, docs in halves.items():
            result = Score()
            for doc in docs:
                score(doc, found[doc.name], result, vague)
            print(result.line(f"{label} [{half}]"))
    if args.errors == "none":
        return
    result = Score()
    for doc in halves[args.errors]:
        score(doc, found[doc.name], result, vague=True, show_context=args.context)
    for title, counter in (
        ("missed", result.missed),
        ("spurious", result.spurious),
        ("wrong value", result.wrong),
    ):
        print(f"\n{title} ({args.errors} half, {sum(counter.values())}):")
        for text, n in counter.most_common(args.top):
            print(f"  {n:3d}  {text}")


if __name__ == "__main__":
    main()
