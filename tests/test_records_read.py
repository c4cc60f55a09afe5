"""Records read back from JSON Lines: the inverse of writing them, and bad lines named."""

from __future__ import annotations

import json

import pytest
from claimcite.extractors.records import (
    Attribution,
    Claim,
    Match,
    Source,
    Span,
    claim_from_dict,
    to_json,
)
from claimcite.workflows.read import BadLine, parse_lines

CLAIM = Claim(
    id="c-0123456789abcdef",
    text="The council cut the budget by 4% in 2023.",
    kind="fact",
    checkworthiness=0.8123,
    source=Source(path="a.txt", sha256="0" * 64, encoding="utf-8"),
    span=Span(0, 41, 1, 0, page=3),
    attribution=Attribution("the mayor", 50, 59, "said", 60, 64, False),
    attributions=[Attribution("the mayor", 50, 59, "said", 60, 64, False)],
    matches=[Match("c-fedcba9876543210", 0.91, "same", ["date"])],
    cluster="k-1",
)


def test_a_record_reads_back_as_it_was_written() -> None:
    assert claim_from_dict(json.loads(to_json(CLAIM))) == CLAIM


def test_older_records_without_the_new_fields_are_read() -> None:
    data = json.loads(to_json(CLAIM))
    for key in ("attributions", "matches", "cluster"):
        del data[key]
    del data["span"]["page"]
    claim = claim_from_dict(data)
    assert (claim.span.page, claim.matches, claim.attributions) == (None, None, [])


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"{not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"id": "c-1"}', "missing field"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_bad_lines_are_named_and_the_rest_still_read(line: bytes, reason: str) -> None:
    good = to_json(CLAIM).encode()
    items = list(parse_lines([good + b"\n", line + b"\n", b"\n", good + b"\n"], "x.jsonl"))
    assert [type(i) for i in items] == [Claim, BadLine, Claim]
    bad = items[1]
    assert isinstance(bad, BadLine)
    assert bad.line == 2 and reason in bad.reason
    assert bad.message().startswith("x.jsonl: LINE 2: ")
