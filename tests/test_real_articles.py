"""The real articles of ../shared/corpus: sources, clean text and offsets hold up."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

OPED_URL = (
    "https://www.themoscowtimes.com/2023/09/21/"
    "nagorno-karabakh-shows-russia-has-no-credibility-as-a-regional-peacekeeper-a82531"
)


def _squash(text: str) -> str:
    """Text without whitespace, hyphens and Markdown markup, to compare file and record."""
    text = re.sub(r"<sup>.*?</sup>|\*\*|[\s\-]", "", text)
    return text


def test_oped_source_is_linked(oped: Path, records: Callable[..., list[dict[str, Any]]]) -> None:
    rows = records(str(oped), "--all")
    assert rows
    for row in rows:
        assert row["source"]["url"] == OPED_URL
        assert row["source"]["url_from"] == "trailer"
        assert row["source"]["published"] == "2023-09-21"
        assert row["source"]["published_from"] == "url"


def test_trailer_and_url_lines_are_not_sentences(
    oped: Path, records: Callable[..., list[dict[str, Any]]]
) -> None:
    texts = [r["text"] for r in records(str(oped), "--all")]
    assert not any("http" in t or t.startswith("Original url") for t in texts)


def test_clean_text_and_offsets(
    oped: Path, paper: Path, records: Callable[..., list[dict[str, Any]]]
) -> None:
    for path in (oped, paper):
        original = path.read_text(encoding="utf-8")
        for row in records(str(path), "--all"):
            assert (
                "\n" not in row["text"] and "**" not in row["text"] and "<sup>" not in row["text"]
            )
            piece = original[row["span"]["start"] : row["span"]["end"]]
            assert _squash(piece) == _squash(row["text"])


def test_oped_wraps_and_hyphens_undone(
    oped: Path, records: Callable[..., list[dict[str, Any]]]
) -> None:
    texts = " ".join(r["text"] for r in records(str(oped), "--all"))
    assert "irrevocable damage" in texts
    assert "incumbent post-Soviet regimes" in texts
    assert "The CSTO decided not to help" in texts
    # a paragraph without a final period is not merged with the next one
    assert any(
        r["text"].endswith("support of Moscow’s policies") for r in records(str(oped), "--all")
    )


def test_paper_heading_is_its_own_sentence(
    paper: Path, records: Callable[..., list[dict[str, Any]]]
) -> None:
    rows = records(str(paper), "--all")
    assert rows[0]["text"] == "A PAPER TIGER IN THE CAUCASUS"
    assert rows[0]["kind"] == "other"
    assert rows[1]["text"].startswith("Moscow and the Collective Security Treaty Organisation")
