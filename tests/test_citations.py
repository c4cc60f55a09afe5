"""Citations: footnotes, credits, inline and listed URLs, related articles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.citations import (
    LINK_THRESHOLD,
    Term,
    best_sentence,
    credit_text,
    idf_weights,
    link_score,
    related_title,
    slug_words,
    title_matches_slug,
    title_terms,
    url_terms,
    urls_in,
)
from claimcite.extractors.words import country_of, word_key

from .conftest import by_text

Records = Callable[..., list[dict[str, Any]]]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://example.com/2024/05/02/floods-hit-northern-italy-a12345", ["floods", "hit", "northern", "italy"]),
        ("https://example.com/news/2024/05/02/floods-hit-northern-italy/", ["floods", "hit", "northern", "italy"]),
        ("https://example.net/article/parliament_passes_budget.html?ref=rss", ["parliament", "passes", "budget"]),
        ("www.example.com/ukraine-grain-deal-collapses-12345678", ["ukraine", "grain", "deal", "collapses"]),
        ("https://example.org/news/pension%20reform-protests", ["pension", "reform", "protests"]),
        ("https://example.org/world/europe/story.html", ["europe"]),
        ("https://example.org/files/annual-report-2023.pdf", ["annual", "report"]),
        ("https://example.org/2024/01/01/", []),
        ("https://example.org/", []),
        # two hyphenated segments: the one that names the page is the longer one
        ("https://example.org/live-news/mayor-resigns-after-audit-finds-missing-funds", ["mayor", "resigns", "after", "audit", "finds", "missing", "funds"]),
    ],
)
def test_slug_words(url: str, words: list[str]) -> None:
    assert slug_words(url) == words


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Armenians", "armenia"),
        ("Azerbaijani", "azerbaijan"),
        ("Ukrainian", "ukraine"),
        ("Kazakh", "kazakhstan"),
        ("Chinese", "china"),
        ("French", "france"),
        ("U.S.", "us"),
        ("American", "us"),
        ("British", "uk"),
        ("clashes", "clash"),
        ("clash", "clash"),
        ("drills", "drill"),
        ("2,000", "2000"),
        ("Table", "tabl"),
    ],
)
def test_word_key(word: str, key: str) -> None:
    assert word_key(word) == key


@pytest.mark.parametrize(
    ("word", "country"),
    [("russian", "russia"), ("germans", "germany"), ("israeli", "israel"), ("table", None), ("sian", None)],
)
def test_country_of(word: str, country: str | None) -> None:
    assert country_of(word) == country


def _keys(*words: str) -> set[str]:
    return {word_key(w) for w in words}


@pytest.mark.parametrize(
    ("url", "sentence_words", "linked"),
    [
        # the slug's own words
        ("https://x.example/2024/05/02/floods-hit-northern-italy", ["floods", "northern", "Italy"], True),
        # headline words match the body's plain words: quits → resigned, graft → corruption
        ("https://x.example/minister-quits-amid-graft-probe", ["minister", "resigned", "corruption"], True),
        # demonyms and abbreviations fold to the country
        ("https://x.example/us-and-armenia-hold-drills", ["American", "Armenian", "exercise"], True),
        # one shared word is a coincidence
        ("https://x.example/floods-hit-northern-italy", ["Italy", "election"], False),
        # nothing shared
        ("https://x.example/new-cookie-policy", ["floods", "Italy"], False),
    ],
)
def test_link_score_threshold(url: str, sentence_words: list[str], linked: bool) -> None:
    terms = url_terms(url)
    score = link_score(terms, _keys(*sentence_words), [1.0] * len(terms))
    assert (score >= LINK_THRESHOLD) is linked


def test_link_score_weights_rare_words_more() -> None:
    terms = [Term("a", frozenset({"a"})), Term("b", frozenset({"b"})), Term("c", frozenset({"c"}))]
    assert link_score(terms, {"a", "b"}, [1.0, 1.0, 2.0]) == pytest.approx(0.5)
    assert link_score(terms, {"a", "c"}, [1.0, 1.0, 2.0]) == pytest.approx(0.75)
    assert link_score(terms, {"c"}, [1.0, 1.0, 2.0]) == 0.0  # one term only


def test_best_sentence_prefers_rare_words_and_leaves_no_match_unlinked() -> None:
    bags = [
        _keys("Italy", "government", "budget"),
        _keys("Italy", "floods", "northern", "villages"),
        _keys("Italy", "government", "northern"),
    ]
    assert best_sentence(url_terms("https://x.example/floods-hit-northern-italy"), bags) == 1
    assert best_sentence(url_terms("https://x.example/new-cookie-policy"), bags) is None
    assert idf_weights(url_terms("https://x.example/italy-floods"), bags)[0] < idf_weights(
        url_terms("https://x.example/italy-floods"), bags
    )[1]


@pytest.mark.parametrize(
    ("title", "url", "same"),
    [
        ("Kessel Dam Bursts, Thousands Evacuated", "https://x.example/2024/03/05/kessel-dam-bursts-thousands-evacuated-a991", True),
        ("Kessel Dam Bursts, Thousands Evacuated", "https://x.example/2024/03/05/dam-bursts-in-kessel", True),
        ("Kessel Dam Bursts, Thousands Evacuated", "https://x.example/2024/03/05/orava-villagers-sue-authority", False),
        ("U.S. Troops Arrive", "https://x.example/us-troops-arrive", True),
    ],
)
def test_title_matches_slug(title: str, url: str, same: bool) -> None:
    assert (title_matches_slug(title_terms(title), url_terms(url)) >= 0.5) is same


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Source: Jane Doe / AP", "Jane Doe / AP"),
        ("Photo: Reuters", "Reuters"),
        ("Photos: Jane Doe/Getty Images", "Jane Doe/Getty Images"),
    ],
)
def test_credit_text(line: str, credit: str) -> None:
    assert credit_text(line) == credit


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("Related article: Kessel Dam Bursts", "Kessel Dam Bursts"),
        ("Read more: Villagers Sue: The Full Story", "Villagers Sue: The Full Story"),
    ],
)
def test_related_title(line: str, title: str) -> None:
    assert related_title(line) == title


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("More is at https://a.example/x-y.", ["https://a.example/x-y"]),
        ("(see https://a.example/report?id=3), and www.b.example/z!", ["https://a.example/report?id=3", "www.b.example/z"]),
        ("No link here.", []),
    ],
)
def test_urls_in(text: str, urls: list[str]) -> None:
    assert urls_in(text) == urls


FLOOD_ARTICLE = """\
# Dam failure floods the valley

**Engineers warned the regional water authority about cracks in the Kessel dam three years before it failed.**

The Kessel dam collapsed on 4 March 2024, flooding twelve villages in the Orava valley.[^1] Rescue teams evacuated 3,400 people within a day, according to the regional government. The army sent two helicopters.

In 2021, engineers from the Technical University warned the regional water authority about cracks in the Kessel dam, three years before the collapse. The authority said the report was [never delivered](https://example.org/2024/03/06/water-authority-denies-receiving-crack-report-b1234) to its board. Its director resigned on Monday.

Photo: Anna Novak / Reuters

Residents wade through the flooded main street of Dolna on Tuesday.

Related article: Orava Villagers Sue Water Authority Over Flood Damage

Insurance claims have reached 80 million euros, the national insurers' association said on Friday. More detail is at https://insurers.example.com/flood-claims-2024.

[^1]: Figures from the civil protection agency, https://civil.example.gov/reports/orava-flood.

https://news.example.com/2024/03/08/orava-villagers-sue-water-authority-over-flood-damage-a99812
https://news.example.com/2024/03/08/orava-villagers-sue-water-authority-over-flood-damage-a99812
https://www.example.net/2024/03/05/rescue-teams-evacuate-thousands-as-kessel-dam-bursts
https://www.example.net/2024/02/01/new-cookie-policy
"""


@pytest.fixture
def flood(tmp_path: Path, records: Records) -> list[dict[str, Any]]:
    path = tmp_path / "flood.md"
    path.write_text(FLOOD_ARTICLE, encoding="utf-8")
    return records(str(path), "--all")


def _urls(rows: list[dict[str, Any]]) -> list[str]:
    return [c["url"] for r in rows for c in r["citations"] if c.get("url")]


@pytest.mark.slow
def test_markdown_footnote_link_and_written_url(flood: list[dict[str, Any]]) -> None:
    marked = by_text(flood, "The Kessel dam collapsed on 4 March 2024")
    assert {
        "kind": "footnote",
        "marker": "1",
        "text": "Figures from the civil protection agency, https://civil.example.gov/reports/orava-flood.",
        "url": "https://civil.example.gov/reports/orava-flood",
    } in marked["citations"]
    linked = by_text(flood, "the report was never delivered")
    assert linked["citations"] == [
        {"kind": "url", "url": "https://example.org/2024/03/06/water-authority-denies-receiving-crack-report-b1234"}
    ]
    written = by_text(flood, "More detail is at")
    assert written["citations"] == [{"kind": "url", "url": "https://insurers.example.com/flood-claims-2024"}]
    assert by_text(flood, "Figures from the civil protection agency")["kind"] == "other"


@pytest.mark.slow
def test_markdown_credit_that_comes_first_goes_to_the_caption_after_it(flood: list[dict[str, Any]]) -> None:
    caption = by_text(flood, "Residents wade through")
    assert caption["citations"] == [{"kind": "credit", "text": "Anna Novak / Reuters"}]
    assert by_text(flood, "Its director resigned")["citations"] == []
    assert by_text(flood, "Photo: Anna Novak")["kind"] == "other"


@pytest.mark.slow
def test_markdown_url_list_links_slugs_to_claims_once(flood: list[dict[str, Any]]) -> None:
    rescue = by_text(flood, "Rescue teams evacuated")
    assert {"kind": "url", "url": "https://www.example.net/2024/03/05/rescue-teams-evacuate-thousands-as-kessel-dam-bursts"} in rescue["citations"]
    urls = _urls(flood)
    assert not any("cookie-policy" in u for u in urls)  # matches no claim: left unlinked
    related_url = "https://news.example.com/2024/03/08/orava-villagers-sue-water-authority-over-flood-damage-a99812"
    line = by_text(flood, "Related article: Orava Villagers")
    assert line["kind"] == "other"
    assert line["citations"] == [
        {"kind": "related", "text": "Orava Villagers Sue Water Authority Over Flood Damage", "url": related_url}
    ]
    # listed twice, the related article's URL is cited as a related article, never as a bare URL
    assert not any(c == {"kind": "url", "url": related_url} for r in flood for c in r["citations"])


PLAIN_ARTICLE = """\
Harbour strike enters second week

Dock workers in Valport have stopped work for eight days, demanding a 12 percent pay rise.
The port authority says the strike has cost shippers 40 million dollars so far.

Striking dockers block the gates of the container terminal on Monday.
Photo: Marta Ruiz / AFP

Talks between the union and the port authority collapsed on Sunday after six hours.
The transport minister said she would not intervene.

https://www.example.com/2024/06/10/valport-talks-collapse-after-six-hours-b2201
https://www.example.com/2024/06/11/minister-refuses-to-intervene-in-port-strike-b2240
https://www.example.com/2024/06/12/weather-forecast-sunny-weekend
"""


@pytest.mark.slow
def test_plain_text_caption_before_credit_and_url_list(tmp_path: Path, records: Records) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(PLAIN_ARTICLE, encoding="utf-8")
    rows = records(str(path), "--all")
    assert by_text(rows, "Striking dockers block")["citations"] == [
        {"kind": "credit", "text": "Marta Ruiz / AFP"}
    ]
    assert by_text(rows, "Talks between the union")["citations"] == [
        {"kind": "url", "url": "https://www.example.com/2024/06/10/valport-talks-collapse-after-six-hours-b2201"}
    ]
    assert by_text(rows, "would not intervene")["citations"] == [
        {"kind": "url", "url": "https://www.example.com/2024/06/11/minister-refuses-to-intervene-in-port-strike-b2240"}
    ]
    assert not any("weather" in u for u in _urls(rows))
    assert by_text(rows, "Dock workers in Valport")["citations"] == []


NOTES_ARTICLE = """\
# The bus fare trap

The council raised bus fares by a fifth last year, the third rise since 2021.<sup>1</sup> Ridership fell by a tenth in the months that followed.<sup>2</sup>

Notes

1. Valmara City Council, budget statement, March 2024.
2. Regional Transport Observatory, quarterly report: https://example.org/observatory/q3-2024
"""


@pytest.mark.slow
def test_a_numbered_notes_list_is_the_footnotes(tmp_path: Path, records: Records) -> None:
    path = tmp_path / "fares.md"
    path.write_text(NOTES_ARTICLE, encoding="utf-8")
    rows = records(str(path), "--all")
    assert by_text(rows, "raised bus fares")["citations"] == [
        {"kind": "footnote", "marker": "1", "text": "Valmara City Council, budget statement, March 2024."}
    ]
    [cited] = by_text(rows, "Ridership fell")["citations"]
    assert (cited["marker"], cited["url"]) == ("2", "https://example.org/observatory/q3-2024")
    # the notes are citation lines, not claims
    assert by_text(rows, "Valmara City Council, budget statement")["kind"] == "other"


# The real articles (skipped when ../shared is absent).


@pytest.mark.slow
def test_paper_footnote_and_caption_credit(paper: Path, records: Records) -> None:
    rows = records(str(paper), "--all")
    marked = by_text(rows, "should come to the aid of the victim of the attack.")
    footnotes = [c for c in marked["citations"] if c["kind"] == "footnote"]
    assert len(footnotes) == 1
    assert footnotes[0]["marker"] == "1"
    assert footnotes[0]["text"].startswith("CSTO members are Russia, Belarus, Armenia")
    credit = {"kind": "credit", "text": "Sergei Bobylev / AP"}
    assert credit in by_text(rows, "Vladimir Putin is waiting to meet")["citations"]
    assert credit in by_text(rows, "Russia alone fits under the")["citations"]
    credited = [r["text"] for r in rows if credit in r["citations"]]
    assert len(credited) == 2  # the caption's two sentences, nothing else
    assert by_text(rows, "Source: Sergei Bobylev")["kind"] == "other"


@pytest.mark.slow
def test_oped_listed_urls_go_to_the_claims_they_are_about(oped: Path, records: Records) -> None:
    rows = records(str(oped), "--all")
    border = by_text(rows, "clashes on the border between Kyrgyzstan and Tajikistan")
    assert [c["url"] for c in border["citations"]] == [
        "https://www.bellingcat.com/news/2023/05/25/mapping-the-aftermath-of-the-kyrgyzstan-tajikistan-border-clashes/"
    ]
    drills = by_text(rows, "held a joint training exercise with American troops")
    assert [c["url"] for c in drills["citations"]] == [
        "https://www.themoscowtimes.com/2023/09/11/armenia-kicks-off-drills-with-us-amid-strained-russia-ties-a82425"
    ]
    urls = _urls(rows)
    assert len(urls) == len(set(urls))  # the URL listed twice is cited once
    assert not any(OPED_SELF in u for u in urls)  # the trailer is the article, not a citation


OPED_SELF = "nagorno-karabakh-shows-russia-has-no-credibility"


@pytest.mark.slow
def test_oped_related_lines(oped: Path, records: Records) -> None:
    rows = records(str(oped), "--all")
    line = by_text(rows, "Related article: Kremlin Orders Media")
    assert line["kind"] == "other"
    [related] = line["citations"]
    assert related["kind"] == "related"
    assert related["text"].startswith("Kremlin Orders Media, Lawmakers to Blame Armenia")
    assert related["url"].endswith("kremlin-orders-media-lawmakers-to-blame-armenia-for-karabakh-conflict-reports")
    # no body sentence is about the Kremlin's orders: the title is left on its own line
    assert [r["text"] for r in rows if related in r["citations"]] == [line["text"]]
    # a related title with no listed URL still goes to the claim it is about
    returning = by_text(rows, "Violence has once again returned to Nagorno-Karabakh.")
    assert [c["kind"] for c in returning["citations"]] == ["related"]
    assert "url" not in returning["citations"][0]


SOURCES_ARTICLE = """\
# Tram line approved

The city council approved the new tram line on Monday by 31 votes to 12. Building it will cost 300 million euros, two thirds of it paid by the state.

## Sources

- https://example.com/2024/01/02/council-approves-tram-line-by-31-votes
- [State to pay two thirds of tram costs](https://example.com/2024/01/03/b77120)
- [Our newsletter](https://example.com/newsletter)
"""


@pytest.mark.slow
def test_markdown_source_list_items_are_listed_urls(tmp_path: Path, records: Records) -> None:
    path = tmp_path / "tram.md"
    path.write_text(SOURCES_ARTICLE, encoding="utf-8")
    rows = records(str(path), "--all")
    assert by_text(rows, "approved the new tram line on Monday")["citations"] == [
        {"kind": "url", "url": "https://example.com/2024/01/02/council-approves-tram-line-by-31-votes"}
    ]
    # a link whose slug is only an id is matched by its title
    assert by_text(rows, "two thirds of it paid by the state")["citations"] == [
        {"kind": "url", "url": "https://example.com/2024/01/03/b77120"}
    ]
    newsletter = "https://example.com/newsletter"
    assert [r["text"] for r in rows if {"kind": "url", "url": newsletter} in r["citations"]] == ["Our newsletter"]
