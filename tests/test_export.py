"""`claimcite export`: ClaimReview JSON-LD and spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from claimcite.extractors.records import Match, Source
from claimcite.workflows.export import CSV_COLUMNS, claim_reviews, csv_row, neutralised
from typer.testing import Result

from .desk_records import FORMULAS, HOSTILE, corpus_jsonl, jsonl_of, rows


def test_claimreview_per_claim_from_real_records(cli: Callable[..., Result]) -> None:
    jsonl = corpus_jsonl()
    records = rows(jsonl)
    result = cli("export", "--to", "claimreview", "-", input=jsonl)
    assert result.exit_code == 0, result.stderr
    reviews = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reviews) == len(records)
    for review, record in zip(reviews, records, strict=True):
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == record["text"]
        assert review["identifier"] == record["id"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"].get("url") == record["source"]["url"]
        assert item["appearance"].get("headline") == record["source"]["title"]
        assert item.get("datePublished") == record["source"]["published"]
        assert item["firstAppearance"] == item["appearance"]  # no matches: its own source
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["ratingValue"] is None  # for the checker to fill in
        if record["attribution"] is None or record["attribution"]["speaker"] is None:
            assert "author" not in item  # plain narration, or "it was reported that"
        else:
            assert item["author"]["name"] == record["attribution"]["speaker"]
    authors = {r["itemReviewed"]["author"]["name"]: r["itemReviewed"]["author"]["@type"]
               for r in reviews if "author" in r["itemReviewed"]}
    assert authors["Elena Duarte"] == "Person"  # a PERSON actor
    assert authors["The ferry operator"] == "Organization"  # no actor, not a name


def test_first_appearance_is_the_earliest_matching_source() -> None:
    earlier = Source(path="b.txt", sha256="2" * 64, url="https://example.org/first", published="2024-01-05")
    original = replace(HOSTILE, id="c-000000000000000f", source=earlier)
    later = replace(HOSTILE, matches=[Match(original.id, 0.93, "same")])
    related = replace(HOSTILE, id="c-0000000000000011", matches=[Match(original.id, 0.6, "related")])
    reviews = list(claim_reviews([later, original, related]))
    assert reviews[0]["itemReviewed"]["firstAppearance"]["url"] == "https://example.org/first"
    assert reviews[0]["itemReviewed"]["appearance"]["url"] == HOSTILE.source.url
    assert reviews[2]["itemReviewed"]["firstAppearance"]["url"] == HOSTILE.source.url


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1 and more", "'+1 and more"),
        ("-2 below", "'-2 below"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("Plain text = fine", "Plain text = fine"),
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(cell: str, shown: str) -> None:
    assert neutralised(cell) == shown


def test_csv_reads_back_every_field_with_csv_and_pandas(cli: Callable[..., Result], tmp_path: Path) -> None:
    claims = [HOSTILE, *FORMULAS]
    out = tmp_path / "claims.csv"
    result = cli("export", "--to", "csv", "-o", str(out), input=jsonl_of(*claims))
    assert result.exit_code == 0, result.stderr
    expected = [csv_row(c) for c in claims]

    with out.open(encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    assert len(read) == len(claims)
    for row, want in zip(read, expected, strict=True):
        assert list(row) == list(CSV_COLUMNS)
        assert row == {k: "" if v is None else str(v) for k, v in want.items()}
    first = read[0]
    assert first["text"].startswith("'=HYPERLINK(")  # neutralised, the rest kept
    assert first["text"][1:] == HOSTILE.text
    assert first["citations"] == "javascript:alert(2); https://example.org/fn"
    assert first["speaker"] == "Ada Lovelace" and first["date_values"] == "2024-03-01"
    assert [r["text"][:2] for r in read[1:5]] == ["'+", "'-", "'@", "'\t"]
    assert read[5]["text"] == 'Plain, "quoted"\nline'  # commas, quotes, line breaks survive

    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(CSV_COLUMNS)
    assert frame.to_dict("records") == read
    numbers = pd.read_csv(out)
    assert numbers["checkworthiness"].tolist() == [c.checkworthiness for c in claims]


def test_csv_of_real_records_has_a_row_per_record(cli: Callable[..., Result]) -> None:
    jsonl = corpus_jsonl(include_all=True)
    result = cli("export", "--to", "csv", input=jsonl)
    assert result.exit_code == 0, result.stderr
    read = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    records = rows(jsonl)
    assert [r["id"] for r in read] == [r["id"] for r in records]
    for row, record in zip(read, records, strict=True):
        assert row["text"].lstrip("'") == record["text"]
        assert row["actors"] == "; ".join(dict.fromkeys(a["name"] for a in record["actors"]))
