"""HTML pages: which text is the article, its blocks, offsets into the page, its metadata."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from claimcite.extractors.reading.html_input import HtmlMeta, clean_html, html_metadata, is_html

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
        "https://x.example/data", "the data"
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
