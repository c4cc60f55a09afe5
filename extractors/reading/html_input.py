"""HTML articles: their text as blocks (with offsets into the HTML file) and their metadata.

``clean_html`` walks the page with the standard library's HTML parser and feeds the
text of the article to the same ``TextBuilder`` that cleans plain text and Markdown, so
offsets still point into the original file (``original[start:end]`` is the sentence as
it stands in the HTML, tags and entity references included). What counts as the
article (``article_start``): the ``<article>`` element with the most paragraph text (not
a teaser before the story), else ``<main>``, else the element whose own paragraphs hold
the most text (a page built of ``<div>``s), else
``<body>`` — without scripts, styles, navigation, footers, asides (but pull quotes),
forms and the like.
Block elements (paragraphs, headings, list items, quotations, captions, table cells,
``div``s with text) become blocks; ``<sup>`` markers and ``<a href>`` links are kept as
the Markdown ones are.

``html_metadata`` reads the canonical link (else ``og:url``, else the JSON-LD article's
``url``), the publication date (``article:published_time`` and similar ``<meta>``
fields, else the JSON-LD ``datePublished``, else the first ``<time datetime>``) and the
title (``og:title``, else the JSON-LD ``headline``, else ``<title>``).
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from html.parser import HTMLParser

from .cleanup import (
    Block,
    BlockKind,
    CleanText,
    Link,
    Marker,
    TextBuilder,
    glue_split_points,
    line_kind,
    line_starts_of,
    notes_as_footnotes,
    only_a_link,
)
from .compression import inner_name
from .html_article import SILENT, PageTree, article_ranges

_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_LOOKS_LIKE_HTML = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)

# Elements whose content is never article text.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form",
     "button", "select", "iframe", "head", "title", "object", "canvas", "dialog"}
)  # fmt: skip
# Elements that end the block before them and start a new one.
_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre", "td",
     "th", "dt", "dd", "caption", "div", "section", "article", "main", "header", "figure",
     "ul", "ol", "dl", "table", "tr", "address", "body", "aside"}
)  # fmt: skip
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_MARKER = re.compile(r"\s*\[?([\w*†‡]{1,4})\]?\s*")
_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created",
    "parsely-pub-date", "sailthru.date", "article.published",
)  # fmt: skip


def is_html(path: str, text: str) -> bool:
    """Whether an input is an HTML page: by its name, or by how it begins."""
    named = inner_name(path).lower().endswith(HTML_SUFFIXES)  # also "page.html.gz"
    return named or bool(_LOOKS_LIKE_HTML.match(text[:2000]))


@dataclass(frozen=True)
class HtmlMeta:
    """What a page's head says about the article."""

    url: str | None = None
    title: str | None = None
    published: str | None = None  # as written; sources.iso_date reads it


_ARTICLE_TYPES = ("article", "newsarticle", "reportage", "blogposting", "report", "webpage")


def _linked_data(scripts: list[str]) -> dict[str, str]:
    """``url``, ``datePublished`` and ``headline`` of the first article described in the
    page's JSON-LD (schema.org) scripts, as strings."""
    found: dict[str, str] = {}
    todo: list[object] = []
    for script in scripts:
        try:
            todo.append(json.loads(script))
        except ValueError:
            continue
    while todo:
        item = todo.pop(0)
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(v for k, v in item.items() if k == "@graph")
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(str(k).lower().endswith(_ARTICLE_TYPES) for k in kinds):
                for key in ("url", "datePublished", "headline"):
                    if isinstance(item.get(key), str) and key not in found:
                        found[key] = item[key]
    return found


@dataclass
class _Open:
    """An element being read: its tag, where its start tag begins, what it holds."""

    tag: str
    start: int
    clean_start: int
    href: str | None = None
    pull: bool = False  # a pull quote (class="…pull…")
    skipped: bool = False  # its content is not read (a script, or navigation in the article)


class _Walker(HTMLParser):
    """Feeds the article's text to a TextBuilder and cuts it into blocks."""

    def __init__(self, original: str, ranges: list[tuple[int, int]] | None) -> None:
        super().__init__(convert_charrefs=False)
        self.original = original
        # the stretches of the page to read (None: all of it), as sorted starts and ends
        self.range_starts = [start for start, _ in ranges] if ranges is not None else None
        self.range_ends = [end for _, end in ranges] if ranges is not None else []
        self.builder = TextBuilder(original, glue_split_points(original))
        self.line_starts = line_starts_of(original)
        self.blocks: list[Block] = []
        self.stack: list[_Open] = []
        self.skipping = 0  # depth inside skipped elements
        self.block_start: int | None = None  # original offset of the block's first text
        self.block_clean = 0
        self.block_parts = 0
        self.kind: BlockKind = "paragraph"
        self.numbers: list[int] = []  # the number of the last item of each open <ol>
        self.item_number: str | None = None  # of the <li> being read, in an <ol>

    def position(self) -> int:
        """Original offset of what the parser is at."""
        return _position(self, self.line_starts)

    def reading(self, at: int) -> bool:
        """Whether text at offset ``at`` is read: in the article, not in a skipped element."""
        if self.skipping:
            return False
        if self.range_starts is None:
            return True
        index = bisect_right(self.range_starts, at) - 1
        return index >= 0 and at < self.range_ends[index]

    # --- blocks ----------------------------------------------------------------
    def open_block(self, start: int) -> None:
        self.block_start = start
        self.block_clean, self.block_parts = self.builder.begin_block(start)
        self.kind = self._kind_here()

    def _kind_here(self) -> BlockKind:
        """The kind the innermost block element gives the text being read."""
        if any(element.pull for element in self.stack):
            return "pullquote"
        for element in reversed(self.stack):
            if element.tag in _HEADINGS:
                return "heading"
            if element.tag == "li":
                return "list"
            if element.tag in _BLOCKS:
                return "paragraph"
        return "paragraph"

    def close_block(self, end: int) -> None:
        if self.block_start is None:
            return
        builder = self.builder
        start, self.block_start = self.block_start, None
        text = builder.end_block(self.block_clean, self.block_parts)
        if text is None:  # nothing but markup
            return
        kind = self.kind
        label = None
        first = builder.markers[-1] if builder.markers else None
        if kind == "paragraph" and first and first.clean_pos == self.block_clean:
            # "<sup>1</sup> Bookings fell …": the definition of footnote 1, not a reference
            kind, label = "footnote", first.label
            builder.markers.pop()
            if len(builder.markers) and builder.markers[-1].clean_pos >= self.block_clean:
                kind, label = "paragraph", None  # more markers: running text after all
                builder.markers.append(first)
        elif kind == "paragraph":
            found = line_kind(text)
            if found in ("related", "credit"):
                kind = found
            elif only_a_link(text, builder.links, self.block_clean):
                kind = "reference"
        if kind == "list":
            label = self.item_number  # see notes_as_footnotes
        line = bisect_right(self.line_starts, start)
        self.blocks.append(
            Block(kind, text, start, end, line, self.block_clean, builder.length, label)
        )

    # --- the parser's callbacks ----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.position()
        if tag in _VOID:
            if tag == "br":
                self._line_break(start)
            return
        found = dict(attrs)
        pull = tag in ("blockquote", "aside", "div") and "pull" in (found.get("class") or "")
        # never text: scripts and the like; navigation, asides (but a pull quote) and forms
        # inside what is read (one that holds the whole article, as an ASP.NET page's
        # <form> does, is read)
        skipped = tag in SILENT or (tag in _SKIPPED and not pull and self.reading(start))
        self.skipping += skipped
        reading = self.reading(start)
        if (reading or self.block_start is not None) and tag in _BLOCKS:
            self.close_block(start)
        if tag == "sup" and reading and self.block_start is None:
            self.open_block(start)  # a footnote definition starts with its marker
        href = found.get("href") if tag == "a" else None
        self._number(tag, found)
        self.stack.append(_Open(tag, start, self.builder.length, href, pull, skipped))

    def _number(self, tag: str, attrs: dict[str, str | None]) -> None:
        """Count the items of ordered lists (``start`` and ``value`` respected)."""
        if tag == "ol":
            start = attrs.get("start") or "1"
            self.numbers.append(int(start) - 1 if start.isdigit() else 0)
        elif tag == "li":
            lists = [e.tag for e in self.stack if e.tag in ("ol", "ul")]
            if not self.numbers or not lists or lists[-1] != "ol":
                self.item_number = None
                return
            value = attrs.get("value") or ""
            self.numbers[-1] = int(value) if value.isdigit() else self.numbers[-1] + 1
            self.item_number = str(self.numbers[-1])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._line_break(self.position())

    def _line_break(self, start: int) -> None:
        """``<br>`` inside a block is a space; between blocks it is nothing."""
        if self.reading(start) and self.block_start is not None:
            self.builder.space(start)

    def handle_endtag(self, tag: str) -> None:
        start = self.position()
        if not any(element.tag == tag for element in self.stack):
            return  # a stray end tag
        end = self.original.find(">", start) + 1 or start
        while self.stack:
            element = self.stack.pop()
            self._close(element, start, end)
            if element.tag == tag:
                break

    def _close(self, element: _Open, start: int, end: int) -> None:
        reading = self.reading(start)
        tag = element.tag
        if tag == "ol" and self.numbers:
            self.numbers.pop()
        if element.skipped:
            self.skipping -= 1
        elif reading and tag == "sup":
            self._marker(element, end)
        elif reading and tag == "a" and element.href and self.builder.length > element.clean_start:
            self.builder.links.append(Link(element.href, element.clean_start, self.builder.length))
        if (reading or self.block_start is not None) and tag in _BLOCKS:
            self.close_block(start)

    def _marker(self, element: _Open, end: int) -> None:
        """A ``<sup>`` holding a short label is a footnote marker, not text."""
        builder = self.builder
        size = builder.length - element.clean_start
        if not 0 < size <= 8:
            return
        match = _MARKER.fullmatch("".join(builder.parts[-size:])[-size:])
        if match:
            builder.drop_trailing(size)
            builder.markers.append(Marker(match.group(1), builder.length, element.start, end))

    def handle_data(self, data: str) -> None:
        if not data:
            return
        start = self.position()
        if not self.reading(start):
            return
        if self.block_start is None:
            if not data.strip():
                return
            self.open_block(start + len(data) - len(data.lstrip()))
        self.builder.inline(start, start + len(data))

    def _reference(self, text: str) -> None:
        start = self.position()
        if not self.reading(start):
            return
        char = html.unescape(text)
        if char == text:  # not an entity Python knows: keep it as written (";" or not)
            written = _REFERENCE.match(self.original, start)
            self.handle_data(written.group(0) if written else text)
            return
        if not char:  # a reference to a character HTML forbids (&#1;): nothing to read
            return
        start = self.position()
        if self.block_start is None:
            if not char.strip():
                return
            self.open_block(start)
        if char.isspace():
            self.builder.space(start)
        else:  # the character stands for the whole reference as written
            written = _REFERENCE.match(self.original, start)
            self.builder.insert(char, start, written.end() if written else start + len(text))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")


class _Survey(PageTree):
    """One read of a page: what its head declares (``metadata``) and its elements, from
    which ``html_article`` decides which parts are the article."""

    def __init__(self, page: str) -> None:
        super().__init__(page)
        self.canonical: str | None = None
        self.meta: dict[str, str] = {}
        self.time: str | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.in_json_ld = False
        self.json_ld: list[str] = []
        self.body: int | None = None  # the <body> element's node
        self.build()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): (v or "").strip() for k, v in attrs}
        if tag == "link" and "canonical" in found.get("rel", "").lower().split():
            self.canonical = self.canonical or found.get("href") or None
        elif tag == "meta":
            key = found.get("property") or found.get("name") or found.get("itemprop") or ""
            if key and found.get("content"):
                self.meta.setdefault(key.lower(), found["content"])
        elif tag == "time" and self.time is None and found.get("datetime"):
            self.time = found["datetime"]
        elif tag == "title":
            self.in_title = True
        elif tag == "script" and found.get("type", "").lower() == "application/ld+json":
            self.in_json_ld = True
            self.json_ld.append("")
        elif tag == "body" and self.body is None:
            self.body = len(self.nodes)
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag == "script":
            self.in_json_ld = False
        super().handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif self.in_json_ld:
            self.json_ld[-1] += data
        super().handle_data(data)

    def metadata(self) -> HtmlMeta:
        """The canonical URL, title and publication date the page declares."""
        meta = self.meta
        linked = _linked_data(self.json_ld)
        urls = (self.canonical, meta.get("og:url"), linked.get("url"))
        url = next((u for u in urls if u and u.startswith("http")), None)
        title = (
            meta.get("og:title")
            or linked.get("headline")
            or " ".join("".join(self.title_parts).split())
            or None
        )
        dates = (
            *(meta.get(k) for k in _DATE_META),
            linked.get("datePublished"),
            self.time,
        )
        published = next((d for d in dates if d and _plausible(d)), None)
        return HtmlMeta(url, title, published)

    def whole(self) -> list[tuple[int, int]] | None:
        """What is read when no article is found: the ``<body>`` (None: a fragment
        without one, read whole)."""
        if self.body is None:
            return None
        body = self.nodes[self.body]
        return [(body.start, body.end)]


_YEAR = re.compile(r"\s*(\d{4})-")


def _plausible(date: str) -> bool:
    """Not a placeholder such as ``0001-01-01T00:00:00`` (an empty .NET date)."""
    year = _YEAR.match(date)
    return year is None or 1900 <= int(year.group(1)) <= 2200


def _position(parser: HTMLParser, line_starts: list[int]) -> int:
    """Offset in the page of what the parser is at."""
    line, column = parser.getpos()
    return line_starts[line - 1] + column


def read_page(page: str) -> tuple[CleanText, HtmlMeta]:
    """An HTML page's article text, as blocks with offsets into the page, and what its head
    says about the article."""
    cleaned, meta, _ = read_page_with_warnings(page)
    return cleaned, meta


def read_page_with_warnings(page: str) -> tuple[CleanText, HtmlMeta, tuple[str, ...]]:
    """``read_page``, and a warning when the page's article could not be found and its
    whole ``<body>`` was read instead."""
    survey = _Survey(page)
    ranges = article_ranges(survey.nodes)
    cleaned = _walk(page, ranges) if ranges is not None else None
    warnings: tuple[str, ...] = ()
    if cleaned is None or not cleaned.blocks:
        whole = survey.whole()
        cleaned = _walk(page, whole)
        if whole is not None and cleaned.blocks:
            warnings = ("no article found in the page: its whole <body> was read",)
    return cleaned, survey.metadata(), warnings


def _walk(page: str, ranges: list[tuple[int, int]] | None) -> CleanText:
    walker = _Walker(page, ranges)
    walker.feed(page)
    walker.close()
    walker.close_block(len(page))
    builder = walker.builder
    return CleanText(
        builder.text(),
        builder.map,
        notes_as_footnotes(walker.blocks, builder.markers),
        builder.markers,
        builder.links,
        walker.line_starts,
    )


def page_date(page: str) -> str | None:
    """The publication date htmldate reads in a page that declares none in its head: in
    its visible dates, its URL's, its scripts (ISO, or None)."""
    if "<" not in page:
        return None  # htmldate would take a lone URL for an address to download
    from htmldate import find_date  # slow to import: only for pages without a date

    try:
        return find_date(page, original_date=True, extensive_search=False)
    except ValueError:  # htmldate refuses what it cannot parse
        return None


def clean_html(page: str) -> CleanText:
    """The article text of an HTML page, as blocks, with offsets into the page."""
    return read_page(page)[0]


def html_metadata(page: str) -> HtmlMeta:
    """The canonical URL, title and publication date a page declares."""
    return _Survey(page).metadata()
