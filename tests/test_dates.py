"""Dates: the grammar of date expressions, their ISO values, and the dates of real articles."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.date_grammar import Tense, When, canonical, parse
from claimcite.extractors.date_values import Prior, resolve
from claimcite.extractors.dates import FoundDate, find_dates
from claimcite.extractors.records import Anchor

WEDNESDAY = dt.date(2024, 5, 15)  # ISO week 2024-W20 runs from Monday 13 to Sunday 19 May


def value_of(
    text: str,
    published: dt.date | None = WEDNESDAY,
    tense: Tense = "past",
    priors: tuple[Prior, ...] = (),
) -> tuple[str | None, str | None]:
    expr = parse(text)
    assert expr is not None, f"{text!r} does not parse as a date"
    return resolve(expr, published, priors, tense)


# text, tense, value, anchor — all published on Wednesday 15 May 2024
NORMALISED: list[tuple[str, Tense, str, str]] = [
    # the text fixes the date
    ("1998", "past", "1998", "absolute"),
    ("September 2022", "past", "2022-09", "absolute"),
    ("September of 2022", "past", "2022-09", "absolute"),
    ("31 October 2022", "past", "2022-10-31", "absolute"),
    ("October 31, 2022", "past", "2022-10-31", "absolute"),
    ("Oct. 31st, 2022", "past", "2022-10-31", "absolute"),
    ("Monday, 3 June 2019", "past", "2019-06-03", "absolute"),
    ("the 5th of May 2019", "past", "2019-05-05", "absolute"),
    ("11/02/89", "past", "1989-11-02", "absolute"),
    ("2021-03-04", "past", "2021-03-04", "absolute"),
    ("1998-W02", "past", "1998-W02", "absolute"),
    ("the week of June 3, 2019", "past", "2019-W23", "absolute"),
    ("late spring of 2021", "past", "2021-SP", "absolute"),
    ("the summer of 1969", "past", "1969-SU", "absolute"),
    ("autumn 2015", "past", "2015-FA", "absolute"),
    ("the mid-2000s", "past", "200X", "absolute"),
    ("the late 1980s", "past", "198X", "absolute"),
    ("the 19th century", "past", "18XX", "absolute"),
    ("the third quarter of 2019", "past", "2019-Q3", "absolute"),
    ("third-quarter 2019", "past", "2019-Q3", "absolute"),
    ("Q1 2020", "past", "2020-Q1", "absolute"),
    ("the first half of 2018", "past", "2018-H1", "absolute"),
    ("fiscal 2021", "past", "2021", "absolute"),
    ("the end of 1998", "past", "1998", "absolute"),
    ("nineteen ninety-six", "past", "1996", "absolute"),
    ("the year two thousand and one", "past", "2001", "absolute"),
    ("12 to 14 September 2022", "past", "2022-09-12/2022-09-14", "absolute"),
    ("September 12-14, 2022", "past", "2022-09-12/2022-09-14", "absolute"),
    ("September to November 2020", "past", "2020-09/2020-11", "absolute"),
    ("December 2019 to March 2020", "past", "2019-12/2020-03", "absolute"),
    ("between 2010 and 2012", "past", "2010/2012", "absolute"),
    ("2015–17", "past", "2015/2017", "absolute"),
    # resolved against the publication date
    ("today", "past", "2024-05-15", "published"),
    ("now", "open", "2024-05-15", "published"),
    ("currently", "open", "2024-05-15", "published"),
    ("yesterday", "past", "2024-05-14", "published"),
    ("tomorrow", "future", "2024-05-16", "published"),
    ("the day before yesterday", "past", "2024-05-13", "published"),
    ("last year", "past", "2023", "published"),
    ("this year", "past", "2024", "published"),
    ("next year", "future", "2025", "published"),
    ("early next year", "future", "2025", "published"),
    ("earlier this year", "past", "2024", "published"),
    ("the end of the year", "future", "2024", "published"),
    ("last month", "past", "2024-04", "published"),
    ("next month", "future", "2024-06", "published"),
    ("last week", "past", "2024-W19", "published"),
    ("this week", "past", "2024-W20", "published"),
    ("this past week", "past", "2024-W19", "published"),
    ("this weekend", "future", "2024-W20-WE", "published"),
    ("the weekend", "past", "2024-W19-WE", "published"),
    ("a year ago", "past", "2023", "published"),
    ("two weeks ago", "past", "2024-W18", "published"),
    ("three months ago", "past", "2024-02", "published"),
    ("some 30 years ago", "past", "1994", "published"),
    ("a decade ago", "past", "201X", "published"),
    ("Tuesday", "past", "2024-05-14", "published"),
    ("Wednesday", "past", "2024-05-15", "published"),
    ("Friday", "past", "2024-05-10", "published"),
    ("Friday", "future", "2024-05-17", "published"),
    ("Friday night", "past", "2024-05-10", "published"),
    ("last Friday", "open", "2024-05-10", "published"),
    ("next Monday", "open", "2024-05-20", "published"),
    ("this coming Sunday", "open", "2024-05-19", "published"),
    ("March", "past", "2024-03", "published"),
    ("September", "past", "2023-09", "published"),
    ("May", "past", "2024-05", "published"),
    ("September", "future", "2024-09", "published"),
    ("early September", "open", "2024-09", "published"),
    ("last March", "open", "2024-03", "published"),
    ("next March", "open", "2025-03", "published"),
    ("June 3", "open", "2024-06-03", "published"),
    ("Dec. 24", "open", "2023-12-24", "published"),
    ("March eighth", "past", "2024-03-08", "published"),
    ("this summer", "future", "2024-SU", "published"),
    ("last summer", "past", "2023-SU", "published"),
    ("this past winter", "past", "2024-WI", "published"),
    ("the third quarter", "past", "2023-Q3", "published"),
    ("the first quarter", "past", "2024-Q1", "published"),
    ("this quarter", "past", "2024-Q2", "published"),
    ("last quarter", "past", "2024-Q1", "published"),
    ("the latest quarter", "past", "2024-Q1", "published"),
    ("the last quarter", "past", "2024-Q1", "published"),
    ("the last quarter of 2022", "past", "2022-Q4", "absolute"),
    ("the first half of the year", "past", "2024-H1", "published"),
    ("the second half of last year", "past", "2023-H2", "published"),
    ("September last year", "past", "2023-09", "published"),
    ("3 March this year", "past", "2024-03-03", "published"),
    ("2020/21", "past", "2020/2021", "absolute"),
    ("the nineties", "past", "199X", "published"),
    ("the '90s", "past", "199X", "published"),
    ("Christmas Eve", "past", "2023-12-24", "published"),
    ("New Year's Day 2020", "past", "2020-01-01", "absolute"),
    # a week of a month is the ISO week that holds most of the month's nth seven days
    ("the second week of July", "future", "2024-W28", "published"),
    ("the first week of March", "past", "2024-W10", "published"),
    ("the last week of July 2024", "past", "2024-W30", "absolute"),
    ("the final week of September 2021", "past", "2021-W39", "absolute"),
    # a fiscal year written over two calendar years
    ("fiscal year 2024-25", "past", "2024/2025", "absolute"),
    ("the financial year 1998-99", "past", "1998/1999", "absolute"),
    # an interval of months that crosses the new year ends after it starts
    ("from October through March", "open", "2024-10/2025-03", "published"),
    ("November to February", "past", "2023-11/2024-02", "published"),
    ("the end of the decade", "future", "202X", "published"),
    # a day of a month named from publication
    ("the 21st of this month", "future", "2024-05-21", "published"),
    ("the 3rd of next month", "future", "2024-06-03", "published"),
    ("the 30th of last month", "past", "2024-04-30", "published"),
    ("the turn of the century", "past", "20XX", "published"),
]


@pytest.mark.parametrize(("text", "tense", "value", "anchor"), NORMALISED)
def test_values_of_date_expressions(text: str, tense: Tense, value: str, anchor: str) -> None:
    assert value_of(text, WEDNESDAY, tense) == (value, anchor)


@pytest.mark.parametrize(
    "text",
    [
        "30 years",
        "for three months",
        "the past three months",
        "the last decade",
        "two-year",
        "several weeks",
        "a few years ago",
        "recently",
        "every year",
        "the first nine months",
    ],
)
def test_durations_sets_and_vague_references_are_no_dates(text: str) -> None:
    assert parse(text) is None


@pytest.mark.parametrize(
    ("text", "value", "anchor"),
    [
        ("last year", None, None),
        ("Tuesday", None, None),
        ("March", None, None),
        ("two weeks ago", None, None),
        ("now", None, None),
        ("31 October 2022", "2022-10-31", "absolute"),
        ("the 1990s", "199X", "absolute"),
    ],
)
def test_without_a_publication_date_relative_dates_stay_unresolved(
    text: str, value: str | None, anchor: str | None
) -> None:
    assert value_of(text, published=None) == (value, anchor)


def _prior(value: When, sentences_back: int = 0, anchor: Anchor = "absolute") -> Prior:
    return Prior(value, anchor, sentences_back, True)


YEAR_2006 = When(dt.date(2006, 1, 1), "year")
SEPTEMBER_2022 = When(dt.date(2022, 9, 1), "month")


@pytest.mark.parametrize(
    ("text", "published", "prior", "value"),
    [
        ("the year before", WEDNESDAY, _prior(YEAR_2006), "2005"),
        ("that year", WEDNESDAY, _prior(YEAR_2006), "2006"),
        ("the following year", None, _prior(YEAR_2006, 2), "2007"),
        ("the following month", WEDNESDAY, _prior(When(dt.date(2019, 4, 1), "month")), "2019-05"),
        ("a year earlier", WEDNESDAY, _prior(When(dt.date(2019, 7, 1), "quarter")), "2018-Q3"),
        ("two days later", None, _prior(When(dt.date(2020, 3, 10), "day")), "2020-03-12"),
        # a yearless date takes the year of the date just named, going onwards…
        ("12 to 14 September", dt.date(2023, 6, 1), _prior(SEPTEMBER_2022, 1), "2022-09-12/2022-09-14"),
        ("January", dt.date(2023, 9, 21), _prior(SEPTEMBER_2022, 1), "2023-01"),
        ("December", None, _prior(When(dt.date(2020, 3, 1), "month")), "2020-12"),
        # …unless one a few weeks back is nearer (a record date before a payment date)
        ("Nov. 22", dt.date(1999, 10, 27), _prior(When(dt.date(1999, 12, 7), "day")), "1999-11-22"),
    ],
)
def test_dates_resolved_from_the_date_mentioned_before(
    text: str, published: dt.date | None, prior: Prior, value: str
) -> None:
    assert value_of(text, published, "open", (prior,)) == (value, "context")


def test_a_relative_date_with_nothing_before_it_stays_unresolved() -> None:
    assert value_of("the year before") == (None, None)
    assert value_of("the following month", published=None) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sept. 30, 1989", "sept 30 1989"),
        ("the mid-2000s", "the mid 2000s"),
        ("twenty-first", "21st"),
        ("nineteen ninety-six", "1996"),
        ("a couple of years ago", "2 years ago"),
        ("the Nineties", "the '90s"),
        ("2010–2012", "2010-2012"),
    ],
)
def test_canonical_text_the_grammar_reads(text: str, expected: str) -> None:
    assert canonical(text) == expected


# --- finding dates in documents -----------------------------------------------------


def _dates(nlp: Any, text: str, published: dt.date | None = WEDNESDAY) -> list[FoundDate]:
    return find_dates(nlp(text), published)


def _pairs(found: list[FoundDate]) -> list[tuple[str, str | None]]:
    return [(f.text, f.value) for f in found]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ferry sank on Tuesday, and rescuers worked through the night.",
            [("Tuesday", "2024-05-14")],
        ),
        ("The minister will visit the port on Friday.", [("Friday", "2024-05-17")]),
        ("The board is scheduled to vote on Friday.", [("Friday", "2024-05-17")]),
        (
            "The mill closed in 1987 after a strike the year before.",
            [("1987", "1987"), ("the year before", "1986")],
        ),
        ("Prices rose in the September 2023 auction.", [("September 2023", "2023-09")]),
        (
            "The union has struck for 30 years and met every July since the 1990s.",
            [("the 1990s", "199X")],
        ),
        ("In 2000, families were moved; 2000 troops arrived.", [("2000", "2000")]),
        (
            "Talks ran from 3 to 5 March and resumed two weeks ago.",
            [("3 to 5 March", "2024-03-03/2024-03-05"), ("two weeks ago", "2024-W18")],
        ),
        (
            "Profit fell in the first quarter from a year earlier, the company said yesterday.",
            [("the first quarter", "2024-Q1"), ("a year earlier", "2023-Q1"),
             ("yesterday", "2024-05-14")],
        ),
        ("The dam may be finished by March.", [("March", "2025-03")]),
        ("The dam was finished in March.", [("March", "2024-03")]),
        ("Now that the vote is over, the town may march on.", []),
        (
            "Rebels shelled the town last night, days before Christmas.",
            [("last night", "2024-05-14"), ("Christmas", "2023-12-25")],
        ),
        ("April Jones wrote in the Sunday Times about the 2020 election.", [("2020", "2020")]),
        ("Call 555-2024 or visit Room 1918 before Euro 2024 opens.", []),
        ("The truce, agreed on 7 October, held for two weeks before fighting resumed.",
         [("7 October", "2023-10-07")]),
        ("The offer, which expires on 30 May, was extended on 3 May.",
         [("30 May", "2024-05-30"), ("3 May", "2024-05-03")]),
        ("She served from 1992 to 2001 and retired later that year.",
         [("1992 to 2001", "1992/2001"), ("later that year", "2001")]),
        ("The heat was bad this year and the next one may be worse.", [("this year", "2024")]),
        ("Envoys gather in the first week of June.", [("the first week of June", "2024-W23")]),
        # "in" a number of units after a verb that looks ahead is a date; else a duration
        ("The vote will be held in two weeks.", [("two weeks", "2024-W22")]),
        ("The mine is set to close in six months.", [("six months", "2024-11")]),
        ("The bridge was built in two weeks.", []),
        ("The talks will resume in a year or two.", []),
        # a month, season or weekday placed from the date named before it
        ("She moved to Oslo in 1962 and married the following spring.",
         [("1962", "1962"), ("the following spring", "1963-SP")]),
        ("The mill opened in 2015. That summer, it flooded.",
         [("2015", "2015"), ("That summer", "2015-SU")]),
        ("He was elected in 2008 and resigned the next January.",
         [("2008", "2008"), ("the next January", "2009-01")]),
        ("Talks failed in June 2019; the previous March they had nearly agreed.",
         [("June 2019", "2019-06"), ("the previous March", "2019-03")]),
        ("The strike began on March 3, 2021 and ended the following Friday.",
         [("March 3, 2021", "2021-03-03"), ("the following Friday", "2021-03-05")]),
        ("He said that March was the wettest on record.", [("March", "2024-03")]),
        # a day of the month in figures after "on": of the month named before, else the
        # publication's (the last one after a past verb, the next after a future one)
        ("Trading was halted on the 14th.", [("the 14th", "2024-05-14")]),
        ("Prices peaked on the 31st.", [("the 31st", "2024-03-31")]),
        ("The board will meet on the 3rd.", [("the 3rd", "2024-06-03")]),
        ("In March 2021 the plant closed; it reopened on the 22nd.",
         [("March 2021", "2021-03"), ("the 22nd", "2021-03-22")]),
        ("He lives on the 14th floor and served in the 3rd Division.", []),
        ("The vote is set for the 21st of this month.", [("the 21st of this month", "2024-05-21")]),
        ("Accounts for the financial year 2022-23 were late.",
         [("the financial year 2022-23", "2022/2023")]),
        ("The bloc vowed to cut emissions by half by the end of the decade.",
         [("the end of the decade", "202X")]),
    ],
)
def test_dates_found_in_sentences(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(_dates(nlp, text)) == expected


@pytest.mark.slow
def test_spans_are_clean_text_offsets_without_prepositions(nlp: Any) -> None:
    text = "Since the late spring of 2021, clashes recurred. On Tuesday they stopped."
    found = _dates(nlp, text)
    assert [text[f.start : f.end] for f in found] == ["the late spring of 2021", "Tuesday"]
    assert [f.anchor for f in found] == ["absolute", "published"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("published", "values"),
    [(dt.date(1, 1, 1), [None, "0001-02"]), (dt.date(9999, 12, 31), ["9998", None])],
)
def test_relative_dates_past_the_calendar_edge_have_no_value(
    nlp: Any, published: dt.date, values: list[str | None]
) -> None:
    # a placeholder publication date (0001-01-01 in a page's head) must not stop the analysis
    found = _dates(nlp, "Last year the plant closed; next month it reopens.", published=published)
    assert [(f.text, f.value) for f in found] == list(zip(["Last year", "next month"], values, strict=True))


@pytest.mark.slow
def test_no_publication_date_means_no_relative_value(nlp: Any) -> None:
    found = _dates(nlp, "Last year the plant closed; on Tuesday it reopened.", published=None)
    assert [(f.text, f.value, f.anchor) for f in found] == [
        ("Last year", None, None),
        ("Tuesday", None, None),
    ]


# --- the real articles ------------------------------------------------------------------


def _date(rows: list[dict[str, Any]], fragment: str, date_text: str) -> dict[str, Any]:
    found = [
        d for r in rows if fragment in r["text"] for d in r["dates"] if d["text"] == date_text
    ]
    assert len(found) == 1, f"{len(found)} dates {date_text!r} in records containing {fragment!r}"
    return found[0]


@pytest.fixture
def oped_rows(oped: Path, records: Callable[..., list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return records("--all", str(oped))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fragment", "date_text", "value", "anchor"),
    [
        ("Azerbaijan launched", "Tuesday", "2023-09-19", "published"),
        ("ICC issued", "March", "2023-03", "published"),
        ("full-scale invasion", "February 2022", "2022-02", "absolute"),
        ("refused to host", "January", "2023-01", None),
        ("during border clashes", "last year", "2022", "published"),
        ("an uprising in the city of Andijan", "the year before", "2005", "context"),
        ("joint training exercise", "This past week", "2023-W38", "published"),
        ("color revolutions", "the mid-2000s", "200X", "absolute"),
        ("Over 30 years ago", "Over 30 years ago", "1993", "published"),
    ],
)
def test_oped_dates(
    oped_rows: list[dict[str, Any]], fragment: str, date_text: str, value: str, anchor: str | None
) -> None:
    found = _date(oped_rows, fragment, date_text)
    assert found["value"] == value
    if anchor is not None:
        assert found["anchor"] == anchor


@pytest.mark.slow
def test_oped_offsets_point_at_the_dates(oped: Path, oped_rows: list[dict[str, Any]]) -> None:
    original = oped.read_text(encoding="utf-8")
    dates = [d for r in oped_rows for d in r["dates"]]
    assert len(dates) >= 15
    for d in dates:
        assert re.sub(r"\s+", " ", original[d["start"] : d["end"]]) == d["text"]
    assert not any(d["text"] in ("30 years", "for 30 years") for d in dates)


@pytest.mark.slow
@pytest.mark.parametrize("published", [None, "2023-06-01"])
def test_paper_dates(
    paper: Path, records: Callable[..., list[dict[str, Any]]], published: str | None
) -> None:
    args = ["--all", str(paper)] + (["--published", published] if published else [])
    rows = records(*args)
    assert _date(rows, "from 12 to 14 September", "12 to 14 September")["value"] == (
        "2022-09-12/2022-09-14"
    )
    assert _date(rows, "from 12 to 14 September", "12 to 14 September")["anchor"] == "context"
    assert _date(rows, "late spring of 2021", "the late spring of 2021")["value"] == "2021-SP"
    assert _date(rows, "Sochi", "31 October 2022")["value"] == "2022-10-31"
    assert _date(rows, "from September to November 2020", "September to November 2020")[
        "value"
    ] == "2020-09/2020-11"
    dates = [d for r in rows for d in r["dates"]]
    assert all(d["value"] is not None for d in dates)
    assert not any(d["anchor"] == "published" for d in dates)  # the text fixes every date


@pytest.mark.slow
def test_relative_dates_are_never_resolved_against_today(
    records: Callable[..., list[dict[str, Any]]],
) -> None:
    text = "The plant closed last year. It reopened on Tuesday, two weeks ago.\n"
    rows = records("--all", "-", input=text)
    assert [(d["text"], d["value"], d["anchor"]) for r in rows for d in r["dates"]] == [
        ("last year", None, None),
        ("Tuesday", None, None),
        ("two weeks ago", None, None),
    ]
    rows = records("--all", "--published", "2021-02-03", "-", input=text)
    assert [d["value"] for r in rows for d in r["dates"]] == ["2020", "2021-02-02", "2021-W03"]
