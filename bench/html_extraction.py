"""How well claimcite finds the article in a saved web page.

    .venv/bin/python bench/html_extraction.py [--text] [--pages] [HTML_DIR]

Scores on ``../shared/bench/html/`` (pages/*.html.gz and ground-truth.json, from
scrapinghub/article-extraction-benchmark) with that benchmark's own measure: claimcite's
text of a page — every record it writes with ``--all``, joined — against the article text
a person marked, as multisets of 4-word shingles (``\\w+`` words, lower-cased); precision
and recall per page, each averaged over the pages (a page with nothing extracted counts in
recall only), and F1 of the two means. Also: the share of pages that give any record, and
the share whose ``source.url`` is the page's URL (trailing ``/`` aside).

``--text`` scores the clean text that spaCy would read instead of the records (no model;
seconds instead of minutes; the same figures within a few thousandths). ``--pages``
prints each page's precision and recall.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimcite.extractors.options import ExtractOptions
from claimcite.extractors.reading.sources import InputError, RawDocument, decode

HTML_DIR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "html"


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    body: str
    document: RawDocument


@dataclass(frozen=True)
class Extracted:
    page: Page
    text: str
    records: int
    url: str | None


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """The benchmark's unit: runs of ``size`` words (``\\w+``, lower-cased)."""
    words = re.findall(r"\w+", text.lower())
    return Counter(tuple(words[i : i + size]) for i in range(max(0, len(words) - size + 1)))


def score(extracted: str, truth: str) -> tuple[float | None, float]:
    """Precision (None when nothing was extracted) and recall of one page."""
    found, gold = shingles(extracted), shingles(truth)
    shared = sum((found & gold).values())
    precision = shared / sum(found.values()) if found else None
    recall = shared / sum(gold.values()) if gold else 1.0
    return precision, recall


def load(folder: Path) -> list[Page]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for name in sorted(truth):
        data = gzip.decompress((folder / "pages" / f"{name}.html.gz").read_bytes())
        try:
            document = decode(f"{name}.html", data)
        except InputError as err:
            print(f"{name}: {err.reason}", file=sys.stderr)
            continue
        pages.append(Page(name, truth[name]["url"], truth[name]["articleBody"], document))
    return pages


def by_text(pages: list[Page]) -> Iterator[Extracted]:
    """The clean text of each page (what spaCy reads), without the model."""
    from claimcite.extractors.pipeline import prepare

    options = ExtractOptions(include_all=True)
    for page in pages:
        prepared = prepare(page.document, options)
        text = prepared.clean.text
        yield Extracted(page, text, int(bool(text.strip())), prepared.source.url)


def by_records(pages: list[Page]) -> Iterator[Extracted]:
    """Every record ``claimcite extract --all`` writes for each page."""
    from claimcite.extractors.nlp import load_model
    from claimcite.extractors.pipeline import extract_batch

    options = ExtractOptions(include_all=True)
    nlp = load_model(options.model)
    for page in pages:
        claims = []
        for result in extract_batch([page.document], options, nlp):
            if isinstance(result, InputError):
                print(f"{page.name[:12]}: {result.reason}", file=sys.stderr)
            else:
                claims.extend(result.claims)
        url = claims[0].source.url if claims else None
        yield Extracted(page, "\n".join(c.text for c in claims), len(claims), url)


def _same_url(found: str | None, truth: str) -> bool:
    return found is not None and found.strip().rstrip("/") == truth.strip().rstrip("/")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HTML_DIR)
    parser.add_argument("--text", action="store_true", help="score the clean text, no model")
    parser.add_argument("--pages", action="store_true", help="print each page's scores")
    args = parser.parse_args(argv)
    if not (args.folder / "ground-truth.json").exists():
        sys.exit(f"{args.folder}: no ground-truth.json (the benchmark lives in ../shared)")
    pages = load(args.folder)
    results = list((by_text if args.text else by_records)(pages))
    precisions, recalls = [], []
    for result in results:
        precision, recall = score(result.text, result.page.body)
        recalls.append(recall)
        if precision is not None:
            precisions.append(precision)
        if args.pages:
            shown = "-" if precision is None else f"{precision:.3f}"
            print(f"{result.page.name[:12]}  P {shown:>5}  R {recall:.3f}  {result.page.url}")
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    with_records = sum(r.records > 0 for r in results)
    right_url = sum(_same_url(r.url, r.page.url) for r in results)
    what = "clean text" if args.text else "records (--all)"
    print(f"{len(results)} pages, scored on {what}")
    print(f"shingle F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})")
    print(f"pages with records: {with_records}/{len(results)} ({with_records / len(results):.0%})")
    print(f"source.url right: {right_url}/{len(results)} ({right_url / len(results):.0%})")


if __name__ == "__main__":
    main(sys.argv[1:])
