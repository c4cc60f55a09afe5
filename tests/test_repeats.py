"""Repeats: pull quotes and summary lines point to the body sentence they restate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.repeats import (
    containment,
    restates,
    sentence_bag,
)

from .conftest import by_text

Records = Callable[..., list[dict[str, Any]]]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        ({"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 1.0, "c": 1.0}, 1.0),
        ({"a": 2.0, "b": 1.0, "c": 1.0}, {"a": 1.0}, 0.5),
        ({"a": 1.0, "b": 1.0}, {"c": 1.0}, 0.0),
        ({}, {"a": 1.0}, 0.0),
    ],
)
def test_containment(part: dict[str, float], whole: dict[str, float], expected: float) -> None:
    assert containment(part, whole) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("part", "whole", "repeats"),
    [
        # most of the line, with enough keys
        ({"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0}, {"a": 1.0, "b": 1.0, "c": 1.0, "x": 1.0}, True),
        # the names and numbers (weighted double) carry the line
        ({"p": 2.0, "q": 2.0, "r": 2.0, "s": 1.0, "t": 1.0}, {"p": 1.0, "q": 1.0, "r": 1.0}, True),
        # half of it is not a restatement
        (
            {"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0, "e": 1.0, "f": 1.0},
            {"a": 1.0, "b": 1.0, "c": 1.0},
            False,
        ),
        # a short line is contained in many sentences: too few keys to tell
        ({"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 1.0}, False),
    ],
)
def test_restates_thresholds(
    part: dict[str, float], whole: dict[str, float], repeats: bool
) -> None:
    assert (restates(part, whole) > 0) is repeats


@pytest.mark.slow
@pytest.mark.parametrize(
    ("line", "body", "repeats"),
    [
        (
            "Armenian troops left the border villages in 2022.",
            "In 2022, the troops of Armenia left several villages on the border.",
            True,
        ),
        (
            "The United States sent aid to Kyiv.",
            "Washington said the U.S. had sent military aid to Kyiv last week.",
            True,
        ),
        (
            "The minister resigned after the audit.",
            "The audit found that the ministry had lost 3 million euros in 2021.",
            False,
        ),
    ],
)
def test_sentence_bags_of_restatements(nlp: Any, line: str, body: str, repeats: bool) -> None:
    line_bag = sentence_bag(nlp(line)[:])
    body_bag = sentence_bag(nlp(body)[:])
    assert (restates(line_bag, body_bag) > 0) is repeats


ARTICLE = """\
# Harbour strike

- Dock workers in Valport stopped work for eight days over pay.
- The ministry will publish the port accounts in July.

Dock workers in Valport have stopped work for eight days, demanding a 12 percent pay rise. The port authority says the strike has cost shippers 40 million dollars so far.

**The strike has cost shippers 40 million dollars, the port authority says.**

Talks between the union and the port authority collapsed on Sunday after six hours. The union leader, Rosa Petit, called the offer an insult.

**Nobody expects the ships to move before the autumn.**

The transport minister said she would not intervene. Three unions back the strike:

- dockers
- crane operators
- pilots
"""


@pytest.mark.slow
def test_pull_quotes_and_key_points_point_to_the_body(tmp_path: Path, records: Records) -> None:
    path = tmp_path / "strike.md"
    path.write_text(ARTICLE, encoding="utf-8")
    rows = records(str(path), "--all")
    stopped = by_text(rows, "Dock workers in Valport have stopped work")
    cost = by_text(rows, "The port authority says the strike has cost")
    assert (
        by_text(rows, "The strike has cost shippers 40 million dollars, the port")["duplicate_of"]
        == cost["id"]
    )
    assert (
        by_text(rows, "Dock workers in Valport stopped work for eight days over pay")[
            "duplicate_of"
        ]
        == stopped["id"]
    )
    # a pull quote and a key point that restate nothing stay null
    assert by_text(rows, "Nobody expects the ships")["duplicate_of"] is None
    assert by_text(rows, "publish the port accounts")["duplicate_of"] is None
    # body sentences, and list items inside the body, are never repeats
    for text in ("Talks between the union", "Rosa Petit", "Three unions back", "crane operators"):
        assert by_text(rows, text)["duplicate_of"] is None


@pytest.mark.slow
def test_paper_pull_quotes_point_to_the_body_sentence(paper: Path, records: Records) -> None:
    rows = records(str(paper), "--all")
    war = by_text(
        rows,
        "During the Second Nagorno-Karabakh War, Russia and the CSTO rejected Armenia's official appeals",
    )
    quote = by_text(
        rows,
        "During the Second Nagorno-Karabakh War in 2020, Russia and the CSTO rejected Armenia’s requests",
    )
    assert quote["duplicate_of"] == war["id"]
    acknowledged = by_text(rows, "The Armenian government then openly acknowledged")
    quote = by_text(rows, "The Armenian government has openly acknowledged")
    assert quote["duplicate_of"] == acknowledged["id"]
    # every body sentence stays null, and every pointer leads to a body sentence
    ids = {r["id"]: r for r in rows}
    for row in rows:
        if row["duplicate_of"] is not None:
            target = ids[row["duplicate_of"]]
            assert target["duplicate_of"] is None
            assert target["span"]["start"] > 0
    assert war["duplicate_of"] is None and acknowledged["duplicate_of"] is None
    assert by_text(rows, "In September 2022, intense fighting broke out")["duplicate_of"] is None


@pytest.mark.slow
def test_oped_has_no_repeats(oped: Path, records: Records) -> None:
    rows = records(str(oped), "--all")
    assert all(r["duplicate_of"] is None for r in rows)


QUOTED = """\
# Bridge talks

"The contract is clear," the mayor of Velm, Jonas Brink, said. "We will not pay a cent more."

**"We will not pay a cent more."**

The council meets again in May.

**"Not now."**
"""


@pytest.mark.slow
def test_a_short_pull_quote_repeats_word_for_word_and_keeps_its_speaker(
    tmp_path: Path, records: Records
) -> None:
    path = tmp_path / "bridge.md"
    path.write_text(QUOTED, encoding="utf-8")
    rows = records(str(path), "--all")
    said = [r for r in rows if r["text"] == '"We will not pay a cent more."']
    body, pull = sorted(said, key=lambda r: r["span"]["start"])
    assert body["duplicate_of"] is None
    assert pull["duplicate_of"] == body["id"]
    # the pull quote is credited to whoever said it in the body, with the same offsets
    assert pull["attribution"] == body["attribution"]
    assert pull["attribution"]["speaker"] == "Jonas Brink"
    assert pull["attributions"] == body["attributions"]
    # too short to tell a repeat from a coincidence
    assert by_text(rows, "Not now")["duplicate_of"] is None
