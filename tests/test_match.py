"""`claimcite match` and `extract --match`: restatements across sources linked, the rest not."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.records import Actor, Claim, DateMention, Source, Span, to_json
from claimcite.workflows.match import match_claims
from claimcite.workflows.match_eval import evaluate, read_pairs
from typer.testing import Result

from .conftest import REPO

PAIRS = REPO / "bench" / "data" / "match_pairs.tsv"


def _claim(text: str, source: str, actors: list[tuple[str, str, str]], dates: list[tuple[str, str]]) -> Claim:
    """A record as `extract` would write it, from text written for this test."""
    sha = source * (64 // len(source))
    return Claim(
        id="c-" + hashlib.sha256(text.encode()).hexdigest()[:16],
        text=text,
        kind="fact",
        checkworthiness=0.8,
        source=Source(path=f"{source}.txt", sha256=sha),
        span=Span(0, len(text), 1, 0),
        actors=[Actor(t, kind, name, 0, len(t)) for t, kind, name in actors],
        dates=[DateMention(t, v, "absolute", 0, len(t)) for t, v in dates],
    )


CSTO = ("CSTO", "ORG", "Collective Security Treaty Organization")
CSTO_UK = ("CSTO", "ORG", "Collective Security Treaty Organisation")
RUSSIA = ("Russia", "GPE", "Russia")
ARMENIA = ("Armenia", "GPE", "Armenia")
FOUNDED_A = _claim(
    "The CSTO was set up in 2002 as a military alliance of former Soviet republics.",
    "a", [CSTO], [("2002", "2002")],
)
FOUNDED_B = _claim(
    "Formed in 2002, the CSTO is an organisation led by Russia.",
    "b", [CSTO_UK, RUSSIA], [("2002", "2002")],
)
REFUSED_A = _claim(
    "When Armenia asked for help in 2020, the request was turned down.",
    "a", [ARMENIA], [("2020", "2020")],
)
REFUSED_B = _claim(
    "In 2020 Russia and the CSTO rejected Armenia's appeals for assistance.",
    "b", [RUSSIA, CSTO_UK, ARMENIA], [("2020", "2020")],
)
SHARES_ACTORS = _claim(
    "Russia and the CSTO held joint exercises in Armenia.",
    "b", [RUSSIA, CSTO_UK, ARMENIA], [],
)
FOUNDED_WRONG = _claim(
    "The CSTO was founded in 1992 as an alliance of Soviet successor states.",
    "c", [CSTO], [("1992", "1992")],
)
SAME_SOURCE = _claim(
    "The CSTO was established in 2002 as an alliance.", "a", [CSTO], [("2002", "2002")]
)


def _matches(claims: list[Claim]) -> dict[tuple[str, str], Any]:
    return {(c.id, m.id): m for c in match_claims(claims) for m in c.matches or []}


def test_restatements_match_and_shared_actors_do_not() -> None:
    claims = [FOUNDED_A, REFUSED_A, FOUNDED_B, REFUSED_B, SHARES_ACTORS]
    found = _matches(claims)
    assert found[(FOUNDED_A.id, FOUNDED_B.id)].relation == "same"
    assert found[(REFUSED_A.id, REFUSED_B.id)].relation == "same"
    back, forth = found[(FOUNDED_B.id, FOUNDED_A.id)], found[(FOUNDED_A.id, FOUNDED_B.id)]
    assert (back.score, back.relation) == (forth.score, forth.relation)
    for claim in (FOUNDED_A, REFUSED_A, REFUSED_B, FOUNDED_B):
        assert (claim.id, SHARES_ACTORS.id) not in found
    assert (FOUNDED_A.id, REFUSED_B.id) not in found


def test_a_different_year_is_a_conflict_that_lowers_the_score() -> None:
    found = _matches([FOUNDED_A, FOUNDED_B, FOUNDED_WRONG])
    right = found[(FOUNDED_A.id, FOUNDED_B.id)]
    wrong = found[(FOUNDED_A.id, FOUNDED_WRONG.id)]
    assert wrong.conflict == ["date"] and right.conflict == []
    assert wrong.score < right.score


def test_clusters_group_same_claims_and_claims_of_one_source_never_match() -> None:
    out = {c.id: c for c in match_claims([FOUNDED_A, SAME_SOURCE, FOUNDED_B, REFUSED_A])}
    assert SAME_SOURCE.id not in {m.id for m in out[FOUNDED_A.id].matches or []}
    cluster = out[FOUNDED_A.id].cluster
    assert cluster is not None and cluster == out[FOUNDED_B.id].cluster
    assert out[SAME_SOURCE.id].cluster == cluster  # it matches FOUNDED_B, of another source
    assert out[REFUSED_A.id].cluster is None and out[REFUSED_A.id].matches == []


def test_output_is_identical_for_identical_input_in_any_order() -> None:
    claims = [FOUNDED_A, REFUSED_A, FOUNDED_B, REFUSED_B, SHARES_ACTORS, FOUNDED_WRONG]
    first = {c.id: to_json(c) for c in match_claims(claims)}
    shuffled = claims[:]
    random.Random(7).shuffle(shuffled)
    assert {c.id: to_json(c) for c in match_claims(shuffled)} == first


def test_cli_match_reads_records_names_bad_lines_and_writes_the_rest(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    lines = [to_json(FOUNDED_A), "{not json", to_json(FOUNDED_B), json.dumps({"id": "c-1"})]
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("match", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"claimcite: error: {path}: LINE 2: not JSON (Expecting property name enclosed in double quotes)",
        f"claimcite: error: {path}: LINE 4: missing field 'source'",
    ]
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [FOUNDED_A.id, FOUNDED_B.id]
    assert rows[0]["matches"][0]["id"] == FOUNDED_B.id
    assert rows[0]["cluster"] == rows[1]["cluster"] is not None
    from_stdin = cli("match", "-", input="\n".join(lines[::2]) + "\n")
    assert from_stdin.exit_code == 0 and from_stdin.stdout == result.stdout
    # records of each source in a file of its own
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(lines[0] + "\n", encoding="utf-8")
    second.write_text(lines[2] + "\n", encoding="utf-8")
    from_files = cli("match", str(first), str(second))
    assert from_files.exit_code == 0 and from_files.stdout == result.stdout


def test_cli_match_usage_and_unreadable_input(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("match", "--threshold", "1.5", str(tmp_path)).exit_code == 2
    missing = cli("match", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1
    assert missing.stderr == f"claimcite: error: {tmp_path / 'nope.jsonl'}: no such file\n"
    higher = cli("match", "--threshold", "0.99", "-", input=to_json(FOUNDED_A) + "\n" + to_json(FOUNDED_B) + "\n")
    assert [json.loads(line)["cluster"] for line in higher.stdout.splitlines()] == [None, None]


@pytest.mark.slow
def test_extract_match_on_the_corpus_finds_the_labelled_pairs(cli: Callable[..., Result]) -> None:
    result = cli("extract", "--match", str(REPO / "corpus"))
    assert result.exit_code == 0, result.stderr
    from claimcite.extractors.records import claim_from_dict

    claims = [claim_from_dict(json.loads(line)) for line in result.stdout.splitlines()]
    assert all(c.matches is not None for c in claims)
    pairs = [p for p in read_pairs(PAIRS) if p.left.where == "corpus"]
    scores = evaluate(pairs, claims)
    assert len(scores.outcomes) >= 20
    assert scores.precision >= 0.9 and scores.recall >= 0.6, (scores.precision, scores.recall)
    # a restatement with other figures is linked and says where it disagrees
    ballot = next(o for o in scores.outcomes if "4,200" in o.pair.about)
    assert ballot.found


def test_extract_match_refuses_the_dask_engine(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli("extract", "--match", "--engine", "dask", "--output-dir", str(tmp_path), str(REPO / "corpus"))
    assert result.exit_code == 2
    assert result.stderr.startswith("claimcite: error: --match: not with --engine dask")


@pytest.mark.slow
def test_the_shared_articles_restated_claims_are_linked(
    cli: Callable[..., Result], oped: Path, paper: Path
) -> None:
    result = cli("extract", "--match", str(oped), str(paper))
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_id = {r["id"]: r for r in rows}

    def one(path: Path, fragment: str) -> dict[str, Any]:
        found = [r for r in rows if r["source"]["path"] == str(path) and fragment in r["text"]]
        assert len(found) == 1, fragment
        return found[0]

    def relation(a: dict[str, Any], b: dict[str, Any]) -> str | None:
        return next((m["relation"] for m in a["matches"] if m["id"] == b["id"]), None)

    # both seed examples: the CSTO formed in 2002; Armenia's 2020 requests for help refused
    assert relation(one(oped, "established in 2002"), one(paper, "Formed in 2002")) == "same"
    asked = one(oped, "requested help in 2020")
    assert relation(asked, one(paper, "requests for assistance specifically")) == "same"
    assert one(oped, "established in 2002")["cluster"] == one(paper, "Formed in 2002")["cluster"]
    # claims that merely share actors (Putin; Armenia in September 2022) do not match
    assert relation(one(oped, "arrest warrant"), one(paper, "waiting to meet")) is None
    assert relation(one(oped, "Nancy Pelosi"), one(paper, "intense fighting")) is None
    # matches always point to the other article
    for row in rows:
        for m in row["matches"]:
            assert by_id[m["id"]]["source"]["path"] != row["source"]["path"]


def test_cli_match_on_dask_writes_what_local_writes(cli: Callable[..., Result], tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    claims = [FOUNDED_A, REFUSED_A, FOUNDED_B, REFUSED_B, SHARES_ACTORS, FOUNDED_WRONG]
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(to_json(c) + "\n" for c in claims), encoding="utf-8")
    local = cli("match", str(path))
    dask = cli("match", str(path), "--engine", "dask", "--workers", "1")
    assert (local.exit_code, dask.exit_code) == (0, 0), dask.stderr
    assert dask.stdout == local.stdout
    unreachable = cli("match", str(path), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert unreachable.exit_code == 2
    assert unreachable.stderr.startswith("claimcite: error: --scheduler: cannot reach")
    assert cli("match", str(path), "--workers", "2").exit_code == 2


@pytest.mark.slow
def test_blocking_loses_no_pair_that_scoring_every_pair_finds(cli: Callable[..., Result]) -> None:
    from claimcite.extractors.records import claim_from_dict
    from claimcite.workflows.claim_features import claim_features
    from claimcite.workflows.match import find_edges, idf_weights, score_pair

    result = cli("extract", "--all", str(REPO / "corpus"))
    features = [claim_features(claim_from_dict(json.loads(line))) for line in result.stdout.splitlines()]
    idf = idf_weights(features)
    every = {
        (i, j)
        for i, a in enumerate(features)
        for j in range(i + 1, len(features))
        if a.source != features[j].source and score_pair(a, features[j], idf).score >= 0.3
    }
    assert len(every) >= 10
    assert {(e.first, e.second) for e in find_edges(features, 0.3)} == every


PUBLISHED_REVIEWS = {
    "@context": "https://schema.org",
    "@graph": [
        {
            "@type": "ClaimReview",
            "url": "https://factcheck.example/csto-founding-year",
            "claimReviewed": "The CSTO was formed in 2002 as an alliance of former Soviet states.",
            "reviewRating": {"@type": "Rating", "alternateName": "True"},
        },
        {
            "@type": "ClaimReview",
            "url": "https://factcheck.example/harbour-wages",
            "claimReviewed": "Dock wages at Valmara will rise by 12 percent next year.",
        },
        {"@type": "WebPage", "name": "not a review"},
    ],
}


def test_match_against_links_claims_to_the_reviews_that_match_them(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    reviews = tmp_path / "reviews.jsonld"
    reviews.write_text(json.dumps(PUBLISHED_REVIEWS), encoding="utf-8")
    records = "".join(to_json(c) + "\n" for c in (FOUNDED_A, REFUSED_A, REFUSED_B))
    result = cli("match", "--against", str(reviews), "-", input=records)
    assert result.exit_code == 0, result.stderr
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    reviewed = [m for m in rows[FOUNDED_A.id]["matches"] if m["id"].startswith("https://")]
    assert [(m["id"], m["relation"]) for m in reviewed] == [("https://factcheck.example/csto-founding-year", "same")]
    for other in (REFUSED_A.id, REFUSED_B.id):
        assert not [m for m in rows[other]["matches"] if m["id"].startswith("https://")]
    # what `claimcite export --to claimreview` writes can be matched against, too
    exported = cli("export", "--to", "claimreview", "-", input=to_json(FOUNDED_B) + "\n")
    assert exported.exit_code == 0, exported.stderr
    own = tmp_path / "exported.jsonl"
    own.write_text(exported.stdout, encoding="utf-8")
    again = cli("match", "--against", str(own), "-", input=to_json(FOUNDED_A) + "\n")
    [row] = [json.loads(line) for line in again.stdout.splitlines()]
    assert [m["id"] for m in row["matches"]] == [f"review:{FOUNDED_B.id}"]
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    refused = cli("match", "--against", str(empty), "-", input=records)
    assert refused.exit_code == 2
    assert refused.stderr == f"claimcite: error: {empty}: no ClaimReview with a claimReviewed text in it\n"
