"""`--min-checkworthiness X`: which statements of fact `extract` writes as `fact`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from claimcite.extractors.cutoff import DEFAULT_MIN_CHECKWORTHINESS
from typer.testing import Result

from .conftest import REPO

CORPUS = str(REPO / "corpus")
Records = Callable[..., list[dict[str, Any]]]


@pytest.mark.slow
def test_the_cut_off_decides_which_statements_are_facts(records: Records) -> None:
    # At 0 every statement of fact is a `fact`: the cut-off then only moves facts to `other`.
    everything = records(CORPUS, "--all", "--min-checkworthiness", "0")
    statements = {r["id"]: r for r in everything if r["kind"] == "fact"}
    assert len(statements) > len(records(CORPUS))
    counts = []
    for cut in (0.3, DEFAULT_MIN_CHECKWORTHINESS, 0.9):
        rows = records(CORPUS, "--all", "--min-checkworthiness", str(cut))
        assert [r["id"] for r in rows] == [r["id"] for r in everything]  # same sentences
        facts = {r["id"] for r in rows if r["kind"] == "fact"}
        assert facts == {i for i, r in statements.items() if r["checkworthiness"] >= cut}
        assert {r["kind"] for r in rows if r["id"] in statements and r["id"] not in facts} <= {"other"}
        default_output = records(CORPUS, "--min-checkworthiness", str(cut))
        assert {r["id"] for r in default_output} == facts
        counts.append(len(facts))
    assert counts[0] > counts[1] > counts[2] > 0
    assert {r["id"] for r in records(CORPUS)} == {
        i for i, r in statements.items() if r["checkworthiness"] >= DEFAULT_MIN_CHECKWORTHINESS
    }


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_a_cut_off_outside_0_to_1_is_a_usage_error(cli: Callable[..., Result], value: str) -> None:
    result = cli("extract", CORPUS, "--min-checkworthiness", value)
    assert result.exit_code == 2
    assert "--min-checkworthiness" in result.stderr
