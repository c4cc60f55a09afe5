"""Records for the desk's tests: the corpus as `claimcite extract` writes it, and made-up ones."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from typing import Any

from claimcite.cli.app import app
from claimcite.extractors.records import (
    Actor,
    Attribution,
    Citation,
    Claim,
    DateMention,
    Source,
    Span,
    to_json,
)
from typer.testing import CliRunner

from .conftest import REPO

CORPUS = REPO / "corpus"


@lru_cache(maxsize=2)
def corpus_jsonl(include_all: bool = False) -> str:
    """The records of corpus/ (JSON Lines), extracted once per test session."""
    args = ["extract", str(CORPUS)] + (["--all"] if include_all else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def rows(jsonl: str) -> list[dict[str, Any]]:
    """The records of a JSON Lines text as dicts."""
    return [json.loads(line) for line in jsonl.splitlines() if line.strip()]


SOURCE = Source(
    path="notes/hostile.md",
    sha256="1" * 64,
    url="https://example.org/2024/03/02/hostile",
    url_from="front-matter",
    title="A <b>hostile</b> title",
    published="2024-03-02",
    published_from="metadata",
)
TEXT = "=HYPERLINK(\"http://evil.example\") Ada Lovelace said on 1 March 2024 that <script>alert(1)</script> ran."
START = 100
SHIFT = 2  # the original holds two more characters (a joined line wrap) before the actor


def _at(piece: str) -> tuple[int, int]:
    """Offsets of ``piece`` as the original file would give them (shifted from ``text``)."""
    start = START + TEXT.index(piece) + SHIFT
    return start, start + len(piece)


HOSTILE = Claim(
    id="c-00000000000000aa",
    text=TEXT,
    kind="fact",
    checkworthiness=0.71,
    source=SOURCE,
    # offsets into an original with 2 more characters before the sentence than ``text``
    span=Span(START, START + len(TEXT) + SHIFT, 7, 3),
    actors=[Actor("Ada Lovelace", "PERSON", "Ada Lovelace", *_at("Ada Lovelace"))],
    dates=[DateMention("1 March 2024", "2024-03-01", "absolute", *_at("1 March 2024"))],
    attribution=Attribution("Ada Lovelace", *_at("Ada Lovelace"), "said", *_at("said"), False),
    attributions=[Attribution("Ada Lovelace", *_at("Ada Lovelace"), "said", *_at("said"), False)],
    citations=[
        Citation("url", url="javascript:alert(2)"),
        Citation("footnote", marker="1", text="@SUM(A1:A9) -2 +3", url="https://example.org/fn"),
    ],
)
FORMULAS = [
    replace(HOSTILE, id=f"c-00000000000000b{i}", text=text, span=replace(HOSTILE.span, start=i))
    for i, text in enumerate(["+1 and more", "-2 below", "@user wrote", "\tTabbed =1", "Plain, \"quoted\"\nline"])
]


def jsonl_of(*claims: Claim) -> str:
    """Claims as the JSON Lines `claimcite extract` writes."""
    return "".join(to_json(claim) + "\n" for claim in claims)
