"""The real CLI: stdout carries records only, errors are one line on stderr, exit codes hold."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from claimcite.extractors.reading.sources import original_text
from claimcite.extractors.schema import CLAIM_SCHEMA
from typer.testing import Result

from .conftest import REPO

CORPUS = REPO / "corpus"
ARTICLE = "Dock workers at the Port of Valmara ended their 12-day strike on Friday.\n\nIs the strike over?\n"


def _validate(stdout: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in stdout.splitlines()]
    for row in rows:
        jsonschema.validate(row, CLAIM_SCHEMA)
    return rows


def test_version_and_schema(cli: Callable[..., Result]) -> None:
    version = cli("--version")
    assert version.exit_code == 0 and version.stdout.startswith("claimcite ")
    schema = cli("schema")
    assert schema.exit_code == 0
    assert json.loads(schema.stdout) == CLAIM_SCHEMA
    jsonschema.Draft202012Validator.check_schema(CLAIM_SCHEMA)


def test_corpus_records_validate_and_link_sources(cli: Callable[..., Result]) -> None:
    result = cli("extract", str(CORPUS), "--all")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    rows = _validate(result.stdout)
    paths = [r["source"]["path"] for r in rows]
    assert paths == sorted(paths), "inputs are read in sorted order"
    articles = {p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html", ".pdf")}
    assert {Path(p).name for p in paths} == articles
    by_file = {Path(r["source"]["path"]).name: r["source"] for r in rows}
    assert by_file["river-treaty-oped.txt"]["url"] == (
        "https://www.riverside-review.example/2023/03/15/"
        "danube-basin-commission-failed-the-people-it-was-set-up-to-protect-a1042"
    )
    assert by_file["river-treaty-oped.txt"]["published"] == "2023-03-15"
    assert by_file["city-budget-report.md"]["url_from"] == "front-matter"
    assert by_file["city-budget-report.md"]["published"] == "2024-05-08"
    # the corpus manifest is found in the input directory and wins
    assert by_file["harbour-strike-news.txt"]["url_from"] == "manifest"
    assert by_file["harbour-strike-news.txt"]["published"] == "2024-06-15"
    # an HTML page's head: canonical link, published time, og:title
    assert by_file["ferry-routes-page.html"] == by_file["ferry-routes-page.html"] | {
        "url": "https://news.example.org/2024/01/12/ferry-operator-cuts-winter-routes",
        "url_from": "html",
        "published": "2024-01-12",
        "published_from": "metadata",
        "title": "Ferry operator cuts winter routes",
    }


def _as_read(original: str, path: str, start: int, end: int) -> str:
    """A stretch of the original as a reader sees it: in a page, tags dropped and entities
    decoded; whitespace folded."""
    piece = original[start:end]
    if path.endswith(".html"):
        piece = html.unescape(re.sub(r"<[^>]*>", "", piece))
    return " ".join(piece.split())


def test_offsets_point_into_the_original_file(cli: Callable[..., Result]) -> None:
    result = cli("extract", str(CORPUS), "--all")
    for row in _validate(result.stdout):
        path = row["source"]["path"]
        original = original_text(path)  # for the PDF, the text read out of it
        piece = _as_read(original, path, row["span"]["start"], row["span"]["end"])
        assert piece[0] == row["text"][0] and piece[-1] == row["text"][-1]
        for actor in row["actors"]:
            assert _as_read(original, path, actor["start"], actor["end"]) == actor["text"]
        assert original.count("\n", 0, row["span"]["start"]) + 1 == row["span"]["line"]
        # pages are checked in test_pdf.py (a footnote keeps the page it stands on)
        assert (row["span"]["page"] is not None) == path.endswith(".pdf")


def test_default_output_is_facts_only(cli: Callable[..., Result], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    facts = _validate(cli("extract", str(article)).stdout)
    everything = _validate(cli("extract", str(article), "--all").stdout)
    assert [r["kind"] for r in everything] == ["fact", "question"]
    assert [r["text"] for r in facts] == [everything[0]["text"]]


def test_stdin_and_output_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = cli("extract", "-", "-o", str(out), input=ARTICLE)
    assert result.exit_code == 0 and result.stdout == ""
    rows = _validate(out.read_text())
    assert rows[0]["source"]["path"] == "-"


def test_bad_inputs_are_reported_and_the_rest_processed(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing.txt"
    result = cli("extract", str(missing), str(binary), str(empty), str(good))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"claimcite: error: {missing}: no such file or directory",
        f"claimcite: error: {binary}: binary file (contains NUL bytes), not text",
        f"claimcite: error: {empty}: no .txt, .md, .markdown, .html or .pdf files in this directory",
    ]
    assert [r["source"]["path"] for r in _validate(result.stdout)] == [str(good)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "21/09/2023"], "is not a date in YYYY-MM-DD form"),
        (["--model", "no_such_pipeline_xyz"], "cannot load spaCy pipeline"),
        (["--manifest", "/no/such/manifest.csv"], "does not exist"),
        (["--bogus"], "No such option"),
    ],
)
def test_usage_errors_exit_2(
    cli: Callable[..., Result], tmp_path: Path, args: list[str], message: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    result = cli("extract", str(article), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_manifest_and_published_flags(cli: Callable[..., Result], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    plain = _validate(cli("extract", str(article), "--published", "2024-02-03").stdout)
    assert plain[0]["source"]["published"] == "2024-02-03"
    assert plain[0]["source"]["published_from"] == "--published"
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        '{"path": "a.txt", "url": "https://x.example/a", "published": "2024-01-02", "title": "T"}\n'
    )
    rows = _validate(
        cli(
            "extract", str(article), "--manifest", str(manifest), "--published", "2024-02-03"
        ).stdout
    )
    assert rows[0]["source"]["url"] == "https://x.example/a"
    assert (rows[0]["source"]["published"], rows[0]["source"]["published_from"]) == (
        "2024-01-02",
        "manifest",
    )


def test_ids_are_stable(cli: Callable[..., Result], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    first = [r["id"] for r in _validate(cli("extract", str(article), "--all").stdout)]
    second = [r["id"] for r in _validate(cli("extract", str(article), "--all").stdout)]
    assert first == second and len(set(first)) == len(first)


def test_library_api_matches_cli(cli: Callable[..., Result], tmp_path: Path) -> None:
    from claimcite import ExtractOptions, extract

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    claims = list(extract([str(article)], ExtractOptions(include_all=True)))
    rows = _validate(cli("extract", str(article), "--all").stdout)
    assert [c.as_dict() for c in claims] == rows  # type: ignore[union-attr]
