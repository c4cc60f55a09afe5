"""HTML pages: which text is the article, its blocks, offsets into the page, its metadata."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from claimcite.extractors.reading.html_input import (
    HtmlMeta,
    clean_html,
    html_metadata,
    is_html,
    read_page_with_warnings,
)

from .conftest import REPO, by_text

PAGE = REPO / "corpus" / "ferry-routes-page.html"


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("a.html", "plain words", True),
        ("a.HTM", "", True),
        ("-", "<!DOCTYPE html><html><body>x</body></html>", True),
        ("-", "\n  <!-- saved page --> <html lang=en>", True),
        ("notes.txt", "<html> is a tag name we discuss", True),
        ("notes.txt", "We discuss <b>bold</b> text.", False),
        ("a.md", "# Heading\n\nText.", False),
    ],
)
def test_is_html(path: str, text: str, expected: bool) -> None:
    assert is_html(path, text) is expected


HEAD = "<html><head>{}</head><body><p>x</p></body></html>"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<link rel="canonical" href="https://a.example/x"><meta property="og:url" '
            'content="https://a.example/y"><title>T | Site</title>',
            HtmlMeta("https://a.example/x", "T | Site", None),
        ),
        (
            '<meta property="og:url" content="https://a.example/y">'
            '<meta property="og:title" content="Only T"><title>T | Site</title>',
            HtmlMeta("https://a.example/y", "Only T", None),
        ),
        (
            '<meta name="pubdate" content="2021-03-04"><link rel="canonical" href="/relative">',
            HtmlMeta(None, None, "2021-03-04"),
        ),
        (
            '<meta property="article:published_time" content="2022-10-31T09:00:00+02:00">',
            HtmlMeta(None, None, "2022-10-31T09:00:00+02:00"),
        ),
        ("<title>  Two\n  lines </title>", HtmlMeta(None, "Two lines", None)),
        # schema.org JSON-LD, alone or in a @graph beside other things
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
            '"NewsArticle", "headline": "H", "datePublished": "2019-05-06T10:00:00Z", '
            '"url": "https://a.example/h"}</script><title>T</title>',
            HtmlMeta("https://a.example/h", "H", "2019-05-06T10:00:00Z"),
        ),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "url": '
            '"https://a.example/"}, {"@type": ["ReportageNewsArticle"], "datePublished": '
            '"2018-01-02"}]}</script><meta property="og:url" content="https://a.example/z">',
            HtmlMeta("https://a.example/z", None, "2018-01-02"),
        ),
        ('<script type="application/ld+json">{not json</script>', HtmlMeta(None, None, None)),
        # a placeholder date (an empty .NET DateTime) is no date
        (
            '<meta property="article:published_time" content="0001-01-01T00:00:00">'
            '<meta name="date" content="2019-11-19">',
            HtmlMeta(None, None, "2019-11-19"),
        ),
    ],
)
def test_html_metadata(head: str, expected: HtmlMeta) -> None:
    assert html_metadata(HEAD.format(head)) == expected


def test_time_element_dates_a_page_without_meta() -> None:
    page = '<html><body><article><time datetime="2020-02-29">29 Feb</time><p>x</p></article>'
    assert html_metadata(page).published == "2020-02-29"


# Each row: a page, the clean text, the kinds of its blocks.
CLEAN_CASES = [
    # scripts, styles, navigation and footers are not text; entities are decoded
    (
        "<html><head><title>No</title><style>p{}</style></head><body><nav>Home</nav>"
        "<p>Prices rose 3&nbsp;%&mdash;a record.</p><script>x()</script>"
        "<footer>&copy; Site</footer></body></html>",
        "Prices rose 3 %—a record.",
        ["paragraph"],
    ),
    # the article with the most text is the story, not the teasers around it
    (
        "<body><p>Teaser.</p><article><p>A teaser before.</p></article><article><h1>Title"
        "</h1><p>The first paragraph of the story.</p><p>The second one.</p></article>"
        "<article><p>Other story.</p></article></body>",
        "Title\n\nThe first paragraph of the story.\n\nThe second one.",
        ["heading", "paragraph", "paragraph"],
    ),
    # else <main>
    ("<body><div>Menu</div><main><p>Body text.</p></main></body>", "Body text.", ["paragraph"]),
    # else the element whose own paragraphs hold the most text (a page of <div>s)
    (
        '<body><div class="menu"><a href="/">Home</a> <a href="/n">News</a></div>'
        '<div class="story"><div class="inner"><p>' + "The harbour reopened on Monday. " * 5
        + "</p><p>" + "Ships queued outside the port. " * 4 + '</p></div></div>'
        '<div class="teasers"><p>Read more stories.</p></div></body>',
        ("The harbour reopened on Monday. " * 5).strip() + "\n\n"
        + ("Ships queued outside the port. " * 4).strip(),
        ["paragraph", "paragraph"],
    ),
    # too little text anywhere: the whole body; no body at all: the whole fragment
    ("<body><div><p>Short.</p></div><p>Also.</p></body>", "Short.\n\nAlso.",
     ["paragraph", "paragraph"]),
    ("<p>Only a fragment.</p>", "Only a fragment.", ["paragraph"]),
    # wrapped lines fold, <br> is a space, an unclosed <p> ends at the next one
    ("<body><p>A line\n   wrapped<br>here.<p>Next one.</body>", "A line wrapped here.\n\nNext one.",
     ["paragraph", "paragraph"]),
    # a <br> between blocks adds nothing
    ("<body><p>One.</p><br><p>Two.</p><br/></body>", "One.\n\nTwo.", ["paragraph", "paragraph"]),
    # list items, captions and credits, related lines
    (
        "<article><ul><li>First point.</li><li>Second point.</li></ul>"
        "<figure><figcaption>The quay.</figcaption></figure><p>Photo: Jane Doe / AP</p>"
        "<p>Related article: Ferries in winter</p></article>",
        "First point.\n\nSecond point.\n\nThe quay.\n\nPhoto: Jane Doe / AP\n\n"
        "Related article: Ferries in winter",
        ["list", "list", "paragraph", "credit", "related"],
    ),
    # an aside is skipped unless it is a pull quote; a paragraph of one link is a reference
    (
        '<article><p>Body.</p><aside class="pull-quote"><p>Quoted line.</p></aside>'
        '<aside><p>Newsletter</p></aside><p><a href="https://x.example/a">https://x.example/a</a></p>'
        "</article>",
        "Body.\n\nQuoted line.\n\nhttps://x.example/a",
        ["paragraph", "pullquote", "reference"],
    ),
    # a <sup> marker in running text is noted, not kept; a paragraph opened by one defines it
    (
        "<article><p>Exports fell.<sup>1</sup> Then rose.</p>"
        "<p><sup>1</sup> Customs data.</p></article>",
        "Exports fell. Then rose.\n\nCustoms data.",
        ["paragraph", "footnote"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("page", "text", "kinds"), CLEAN_CASES)
def test_clean_html(page: str, text: str, kinds: list[str]) -> None:
    cleaned = clean_html(page)
    assert cleaned.text == text
    assert [b.kind for b in cleaned.blocks] == kinds


@pytest.mark.parametrize(
    ("page", "notes"),
    [
        # an ordered list after the markers, numbered like them, is the footnotes
        (
            '<article><p>Fares rose.<sup><a href="#n1">1</a></sup> Riders left.<sup>2</sup></p>'
            "<h2>Notes</h2><ol><li>Council budget.</li><li>Observatory report.</li></ol></article>",
            [("footnote", "1"), ("footnote", "2")],
        ),
        # numbering from start= and value=
        (
            '<article><p>Fares rose.<sup>4</sup></p><ol start="3"><li>Other.</li>'
            "<li>Council budget.</li></ol></article>",
            [("list", None), ("footnote", "4")],
        ),
        (
            '<article><p>Fares rose.<sup>9</sup></p><ol><li value="9">Council budget.</li></ol>'
            "</article>",
            [("footnote", "9")],
        ),
        # a bulleted list, a list nested in an item, or no marker: lists
        (
            "<article><p>Fares rose.<sup>1</sup></p><ul><li>Council budget.</li></ul></article>",
            [("list", None)],
        ),
        (
            "<article><p>Two steps for the council to take now.</p><ol><li>Cut fares.</li>"
            "<li>Add buses.</li></ol></article>",
            [("list", None), ("list", None)],
        ),
    ],
)
def test_an_ordered_list_of_notes_is_the_footnotes(
    page: str, notes: list[tuple[str, str | None]]
) -> None:
    blocks = clean_html(page).blocks
    assert [(b.kind, b.label) for b in blocks if b.kind in ("list", "footnote")] == notes


def test_markers_links_and_footnote_labels() -> None:
    page = (
        '<article><p>Exports fell<sup>2</sup> (see <a href="https://x.example/data">the data'
        "</a>).</p><p><sup>2</sup> Customs.</p></article>"
    )
    cleaned = clean_html(page)
    assert [(m.label, cleaned.text[m.clean_pos - 4 : m.clean_pos]) for m in cleaned.markers] == [
        ("2", "fell")
    ]
    assert page[cleaned.markers[0].orig_start : cleaned.markers[0].orig_end] == "<sup>2</sup>"
    (link,) = cleaned.links
    assert (link.url, cleaned.text[link.clean_start : link.clean_end]) == (
        "https://x.example/data",
        "the data",
    )
    assert [(b.kind, b.label) for b in cleaned.blocks] == [("paragraph", None), ("footnote", "2")]


def _as_read(piece: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", piece)).split())


def test_every_block_and_word_maps_back_into_the_page() -> None:
    original = PAGE.read_text(encoding="utf-8")
    cleaned = clean_html(original)
    assert len(cleaned.blocks) >= 8
    for block in cleaned.blocks:
        assert block.clean_start is not None and block.clean_end is not None
        start, end = cleaned.original_span(block.clean_start, block.clean_end)
        assert _as_read(original[start:end]) == block.text
        assert original.count("\n", 0, block.orig_start) + 1 == block.line
    for word in re.finditer(r"[A-Za-z0-9,.]+", cleaned.text):
        start, end = cleaned.original_span(word.start(), word.end())
        assert original[start:end] == word.group()


def test_page_records(records: Callable[..., list[dict[str, Any]]]) -> None:
    """Our own HTML article through the CLI: the claims, the quote's speaker, the
    footnote, the caption's credit, the pull quote's repeat, and no question or credit."""
    facts = records(str(PAGE))
    assert all(r["kind"] == "fact" for r in facts)
    rows = records(str(PAGE), "--all")
    body = by_text(rows, "The ferry operator Nordlink cut three")
    assert body["kind"] == "fact" and body["id"] in {r["id"] for r in facts}
    assert body["citations"] == [
        {"kind": "footnote", "marker": "1",
         "text": "Bookings fell from 52,000 in 2022 to 31,000 in 2023."}
    ]  # fmt: skip
    assert [d["value"] for d in body["dates"]] == ["2024-01-09"]  # Tuesday before Fri 12 Jan
    quote = by_text(rows, "We cannot run empty boats")["attribution"]
    assert (quote["speaker"], quote["cue"], quote["direct"]) == ("Maria Holm", "told", True)
    pull = [r for r in rows if r["text"] == "Nordlink cut three of its seven winter routes."]
    assert [r["duplicate_of"] for r in pull] == [body["id"]]
    caption = by_text(rows, "The quay at Lakeside")
    assert caption["citations"] == [{"kind": "credit", "text": "Jane Doe / Lakeside Herald"}]
    kinds = {r["text"]: r["kind"] for r in rows}
    assert kinds["Should the city subsidise the routes?"] == "question"
    assert kinds["Photo: Jane Doe / Lakeside Herald"] == "other"
    assert not any("Home" in t or "All rights reserved" in t or "var x" in t for t in kinds)


def test_a_page_on_standard_input_is_read_as_html(
    records: Callable[..., list[dict[str, Any]]], cli: Callable[..., Any]
) -> None:
    """`claimcite extract -` knows a page by how it begins: same records as the file's."""
    result = cli("extract", "-", input=PAGE.read_bytes())
    assert result.exit_code == 0, result.stderr
    piped = [json.loads(line) for line in result.stdout.splitlines()]
    from_file = records(str(PAGE))
    assert [r["text"] for r in piped] == [r["text"] for r in from_file]
    assert {r["source"]["url_from"] for r in piped} == {"html"}


def _story(*topics: str) -> str:
    """Paragraphs of a news story, one per topic (long enough, with commas, to be prose)."""
    return "".join(
        f"<p>The {topic} rose sharply in March, officials said on Tuesday, after a winter in "
        f"which the {topic} had fallen for the first time since 2015, and analysts expect "
        f"the rise to continue through the summer.</p>"
        for topic in topics
    )


MENU = '<nav><a href="/">Home</a> <a href="/news">News</a></nav><div class="menu">Sections</div>'
RELATED = (
    '<ul class="headlines"><li><a href="/a">Ferry routes cut again</a></li>'
    '<li><a href="/b">Council approves budget</a></li><li><a href="/c">Port strike ends</a></li></ul>'
)
COMMENTS = (
    '<div id="comments"><div class="comment"><p>'
    + "I have lived here for years, and I think this is a disgrace, frankly. " * 4
    + '</p></div><div class="comment"><p>'
    + "Nobody asked the people who use the harbour every day, as usual. " * 4
    + "</p></div></div>"
)

# Each case: a page, words that must be read, words that must not. The story is found by
# its text and the page's own markup, never by a site's names.
BOILERPLATE_CASES = [
    pytest.param(
        f"<html><body>{MENU}<div class='wrap'><div class='x1'><h1>Harbour</h1>"
        f"{_story('cargo volume', 'ferry traffic')}</div>{RELATED}</div>"
        "<footer>All rights reserved</footer></body></html>",
        ["cargo volume", "ferry traffic", "Harbour"],
        ["Sections", "Ferry routes cut again", "All rights reserved", "Home"],
        id="story-among-menus-and-link-lists",
    ),
    pytest.param(
        f"<html><body><div class='main'><div class='a1'>{_story('water level', 'rainfall')}</div>"
        f"{COMMENTS}</div></body></html>",
        ["water level", "rainfall"],
        ["disgrace", "Nobody asked"],
        id="comments-with-more-text-than-the-story",
    ),
    pytest.param(
        f"<html><body><div>{_story('teaser one', 'teaser two', 'teaser three')}</div>"
        f"<div itemprop='articleBody'>{_story('grain exports', 'wheat price')}</div></body></html>",
        ["grain exports", "wheat price"],
        ["teaser one"],
        id="schema-org-articleBody-is-the-story",
    ),
    pytest.param(
        f"<html><body><form id='aspnetForm'>{MENU}<div class='c'>"
        f"{_story('bus fare', 'tram fare')}</div></form></body></html>",
        ["bus fare", "tram fare"],
        ["Sections"],
        id="a-page-wrapped-in-a-form",
    ),
    pytest.param(
        "<html><body><div class='post-body'>The council voted on Tuesday to close the "
        "ferry line, citing costs, and the mayor said the decision was final.<br><br>"
        "Residents, who had campaigned for months, said they would appeal the decision, "
        "and a lawyer for the group said a court date had been set for June.<br>"
        "<div class='sep'><img src='a.jpg'></div>The operator, Nordlink, declined to "
        "comment, but a spokesperson said the company would honour existing tickets.</div>"
        f"{RELATED}</body></html>",
        ["voted on Tuesday", "would appeal", "honour existing tickets"],
        ["Port strike ends"],
        id="lines-of-text-between-br-in-a-div",
    ),
    pytest.param(
        f"<html><body><div class='article'><div class='chunk'><div class='t'>"
        f"{_story('oil output', 'gas output')}</div></div>"
        "<div class='ad-slot'>Advertisement</div><div class='chunk'><div class='t'>"
        f"{_story('coal output', 'power output')}</div></div></div></body></html>",
        ["oil output", "gas output", "coal output", "power output"],
        ["Advertisement"],
        id="a-story-in-chunks-between-advertisements",
    ),
    pytest.param(
        f"<html><body><article><h1>Exports</h1><div class='byline'>By Jane Doe</div>"
        "<div class='share-tools'><a href='/fb'>Facebook</a> <a href='/tw'>Twitter</a></div>"
        f"{_story('steel exports', 'car exports')}"
        "<div class='newsletter-signup'><p>Sign up for our daily newsletter, it is free, "
        "and you can unsubscribe at any time.</p></div>"
        "<p style='display:none'>Hidden tracking text that no reader sees at all.</p>"
        "</article></body></html>",
        ["steel exports", "car exports", "Exports"],
        ["By Jane Doe", "Facebook", "Sign up", "Hidden tracking"],
        id="furniture-inside-the-article",
    ),
    pytest.param(
        "<html><body><div class='page-ad-margins'><div class='x'>"
        f"{_story('rent level', 'house price')}</div></div></body></html>",
        ["rent level", "house price"],
        [],
        id="a-wrapper-named-like-an-advertisement",
    ),
]


@pytest.mark.parametrize(("page", "kept", "dropped"), BOILERPLATE_CASES)
def test_boilerplate_is_left_out(page: str, kept: list[str], dropped: list[str]) -> None:
    text, _, warnings = read_page_with_warnings(page)
    assert all(words in text.text for words in kept), text.text
    assert not any(words in text.text for words in dropped), text.text
    assert warnings == ()


def test_a_page_without_an_article_gives_its_body_with_a_warning() -> None:
    page = f"<html><body>{MENU}{RELATED}<p>Contact us.</p></body></html>"
    text, _, warnings = read_page_with_warnings(page)
    assert "Council approves budget" in text.text and "Contact us." in text.text
    assert warnings == ("no article found in the page: its whole <body> was read",)


def test_the_warning_reaches_the_user(tmp_path: Any, cli: Callable[..., Any]) -> None:
    page = tmp_path / "index.html"
    page.write_text(
        f"<html><body>{MENU}<p>The harbour reopened on Monday after a strike.</p></body></html>",
        encoding="utf-8",
    )
    result = cli("extract", "--all", str(page))
    assert result.exit_code == 0
    assert "The harbour reopened on Monday after a strike." in result.stdout
    assert result.stderr == (
        f"claimcite: warning: {page}: no article found in the page: its whole <body> was read\n"
    )
