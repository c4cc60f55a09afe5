"""`claimcite summary`: per-source counts of real records, as tables and as JSON."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

import pytest
from claimcite.workflows.summary import calendar_bounds
from typer.testing import Result

from .desk_records import corpus_jsonl, rows


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2024", ("2024", "2024")),
        ("2024-05", ("2024-05", "2024-05")),
        ("2022-09-12/2022-09-14", ("2022-09-12", "2022-09-14")),
        ("2010/2012", ("2010", "2012")),
        ("2021-SP", None),
        ("199X", None),
        (None, None),
    ],
)
def test_calendar_bounds(value: str | None, bounds: tuple[str, str] | None) -> None:
    assert calendar_bounds(value) == bounds


def test_json_summary_counts_each_source(cli: Callable[..., Result]) -> None:
    jsonl = corpus_jsonl(include_all=True)
    records = rows(jsonl)
    result = cli("summary", "--json", "-", input=jsonl)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    paths = list(dict.fromkeys(r["source"]["path"] for r in records))
    assert [s["path"] for s in data["sources"]] == paths
    for source in data["sources"]:
        mine = [r for r in records if r["source"]["path"] == source["path"]]
        assert source["claims"] == len(mine)
        assert source["kinds"] == dict(sorted(Counter(r["kind"] for r in mine).items()))
        attributed = sum(r["attribution"] is not None for r in mine)
        assert source["attributed"] == attributed
        assert source["share_attributed"] == round(attributed / len(mine), 4)
        assert source["duplicates"] == sum(r["duplicate_of"] is not None for r in mine)
        top = source["top_claims"]
        assert len(top) == min(10, len(mine))
        scores = [c["checkworthiness"] for c in top]
        assert scores == sorted(scores, reverse=True)
        assert scores[0] == max(r["checkworthiness"] for r in mine)
        assert source["title"] == mine[0]["source"]["title"]
        values = [calendar_bounds(d["value"]) for r in mine for d in r["dates"]]
        ends = [b for b in values if b]
        assert source["dates"] == {
            "first": min((b[0] for b in ends), default=None),
            "last": max((b[1] for b in ends), default=None),
        }
    assert data["total"]["claims"] == len(records)
    assert data["total"]["sources"] == len(paths)

    budget = next(s for s in data["sources"] if s["path"].endswith("city-budget-report.md"))
    # "Duarte said last year (2023) …"; "… to finish in 2027."
    assert budget["dates"] == {"first": "2023", "last": "2027"}
    assert budget["top_actors"][0] == {"name": "Elena Duarte", "claims": 2}
    assert {"name": "Tom Becker", "claims": 1} in budget["top_speakers"]


def test_tables_show_each_source_and_its_top_claims(cli: Callable[..., Result]) -> None:
    jsonl = corpus_jsonl()
    result = cli("summary", input=jsonl)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Council approves record transit budget" in out
    assert "Ferry operator cuts winter routes" in out
    assert out.count("Most check-worthy claims") == len({r["source"]["path"] for r in rows(jsonl)})
    assert "Elena Duarte" in out
    assert f"{len(rows(jsonl))} claims from" in out


def test_matches_are_counted_when_matching_has_run(cli: Callable[..., Result]) -> None:
    from dataclasses import replace

    from claimcite.extractors.records import Match

    from .desk_records import HOSTILE, jsonl_of

    other = replace(HOSTILE, id="c-00000000000000dd")
    matched = replace(HOSTILE, matches=[Match(other.id, 0.9, "same", ["number"])])
    unmatched = replace(HOSTILE, id="c-00000000000000ee", matches=[])
    data = json.loads(cli("summary", "--json", input=jsonl_of(matched, unmatched)).stdout)
    assert (data["total"]["matched"], data["total"]["conflicting"]) == (1, 1)
    plain = json.loads(cli("summary", "--json", input=jsonl_of(other)).stdout)
    assert (plain["total"]["matched"], plain["total"]["conflicting"]) == (None, None)
    assert "in other sources  1 (1 differing)" in cli("summary", input=jsonl_of(matched, unmatched)).stdout
