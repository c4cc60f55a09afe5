"""The pure parts of matching: figures, dates, concepts, negation (table-driven)."""

from __future__ import annotations

import pytest
from claimcite.workflows import numbers, periods
from claimcite.workflows.claim_features import actor_keys, text_features, words_of
from claimcite.workflows.concepts import concept_key
from claimcite.workflows.match import polarity_conflict


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("1.4 million people fled", "1,400,000 people fled", (1, 0)),
        ("1.4 million people fled", "1.35 million people fled", (1, 0)),  # rounding
        ("1.4 million people fled", "1.6 million people fled", (0, 1)),
        ("about 90 million euros", "€92m", (1, 0)),  # an approximation allows 10%
        ("90 million euros", "€92m", (0, 1)),
        ("$412 million", "412 million dollars", (1, 0)),
        ("412 million dollars", "412 million euros", (0, 0)),  # other currencies
        ("wages rise by 7 percent", "pay goes up 7%", (1, 0)),
        ("wages rise by 8 percent", "pay goes up 7%", (0, 1)),
        ("7 percent this year and 4 percent next year", "a 7% rise", (1, 0)),
        ("more than 300 container ships", "320 ships", (1, 0)),
        ("more than 300 container ships", "250 ships", (0, 1)),
        ("fewer than 50 ships", "45 vessels", (1, 0)),  # ship and vessel: one concept
        ("eleven days in August", "11 days", (1, 0)),
        ("a nine-day strike", "a strike of nine days", (1, 0)),
        ("its 4,200 members", "its 4,500 members", (0, 1)),
        ("300 ships", "300 tonnes", (0, 0)),  # different units are not compared
        ("in 2020", "in 2022", (0, 0)),  # years are dates, not figures
        ("Article 4 of the treaty", "Article 5 of the treaty", (0, 0)),  # labels
        ("one of the main reasons", "two of the reasons", (0, 0)),
    ],
)
def test_figures_agree_within_their_rounding_and_unit(
    first: str, second: str, expected: tuple[int, int]
) -> None:
    assert numbers.compare(numbers.quantities(first), numbers.quantities(second)) == expected


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        ("2022-09", "2022-09-12", True),
        ("2022-09-12", "2022-09", True),
        ("2022", "2022-09-12/2022-09-14", True),
        ("2022-09-12/2022-09-14", "2022-09-13", True),
        ("2020-09/2020-11", "2020", True),
        ("2021-SP", "2021-04-02", True),
        ("2023-W38", "2023-09-19", True),
        ("200X", "2006", True),
        ("2020", "2022", False),
        ("2022-09", "2022-10-01", False),
        ("2023-08-16", "2023-08-26", False),
    ],
)
def test_dates_agree_by_containment_or_overlap(first: str, second: str, agree: bool) -> None:
    a, b = periods.period_of(first), periods.period_of(second)
    assert a is not None and b is not None
    assert a.overlaps(b) is agree


@pytest.mark.parametrize("value", ["2022-13", "XXXX", "", None, "2022-09-30/2022-09-01"])
def test_unreadable_date_values_are_no_period(value: str | None) -> None:
    assert periods.period_of(value) is None


def test_a_date_disagrees_only_when_nothing_agrees() -> None:
    year = periods.period_of
    assert periods.compare([year("2020")], [year("2020"), year("2022")]) == (1, 0)  # type: ignore[list-item]
    assert periods.compare([year("2010")], [year("2020")]) == (0, 1)  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("established", "formed"),
        ("rejected", "refused"),
        ("assistance", "aid"),
        ("requests", "appeals"),
        ("organisation", "organization"),
        ("withdrew", "quit"),
        ("left", "departed"),
        ("vessels", "ships"),
        ("Armenian", "Armenia"),
        ("defence", "defense"),
        ("survey", "poll"),  # an opinion poll
        ("ballot", "vote"),
    ],
)
def test_restatements_share_concepts(first: str, second: str) -> None:
    assert concept_key(first) == concept_key(second)


def test_a_poll_is_no_ballot() -> None:
    assert concept_key("poll") != concept_key("ballot")


def test_phrases_are_concepts() -> None:
    assert "refus" in words_of("the request was turned down").concepts
    assert concept_key("founded") in words_of("the body was set up in 1998").concepts
    assert concept_key("increase") in words_of("pay goes up").concepts


@pytest.mark.parametrize(
    ("text", "negated", "negative"),
    [
        ("The government had not intervened in the talks.", {"interven"}, True),
        ("Russia did not come to Armenia's aid.", {"come"}, True),
        ("Russia refused to help Armenia.", {"help"}, True),
        ("Russia helped Armenia.", set(), False),
        ("It is not only the port that suffered.", set(), False),
        ("Officials, who asked not to be named, said so.", {"name"}, True),
    ],
)
def test_negation_bears_on_the_next_words(text: str, negated: set[str], negative: bool) -> None:
    words = words_of(text)
    assert (set(words.negated), words.negative) == (negated, negative)


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("The government intervened in the talks.", "The government did not intervene in the talks.", True),
        ("Russia refused to help Armenia.", "Russia agreed to help Armenia.", True),
        ("Russia refused to help Armenia.", "Russia turned down Armenia's request for help.", False),
        ("Wages rose by 7 percent.", "Wages fell by 7 percent.", True),
        ("Wages rose by 7 percent.", "Pay went up by 7%.", False),
        ("The request for help was refused.", "Russia rejected the appeal and did not send troops.", False),
    ],
)
def test_polarity_conflicts(first: str, second: str, conflict: bool) -> None:
    assert polarity_conflict(text_features(first, "a"), text_features(second, "b")) is conflict


@pytest.mark.parametrize(
    ("name", "kind", "keys"),
    [
        ("Collective Security Treaty Organisation", "ORG", {"csto"}),
        ("Collective Security Treaty Organization", "ORG", {"csto"}),
        ("CSTO", "ORG", {"csto"}),
        ("International Criminal Court", "ORG", {"icc"}),
        ("Vladimir Putin", "PERSON", {"putin"}),
        ("Putin", "PERSON", {"putin"}),
        ("Armenian", "NORP", {"armenia"}),
        ("the United States", "GPE", {"us"}),
        ("Port of Valmara", "FAC", {"port", "valmara"}),
    ],
)
def test_actor_keys_fold_names(name: str, kind: str, keys: set[str]) -> None:
    assert set(actor_keys(name, kind)) == keys
