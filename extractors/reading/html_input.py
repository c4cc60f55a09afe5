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
    only_a_link,
)

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
    return path.lower().endswith(HTML_SUFFIXES) or bool(_LOOKS_LIKE_HTML.match(text[:2000]))


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


class _Walker(HTMLParser):
    """Feeds the article's text to a TextBuilder and cuts it into blocks."""

    def __init__(self, original: str, region_start: int | None) -> None:
        super().__init__(convert_charrefs=False)
        self.original = original
        self.region_start = region_start
        self.builder = TextBuilder(original, glue_split_points(original))
        self.line_starts = line_starts_of(original)
        self.blocks: list[Block] = []
        self.stack: list[_Open] = []
        self.skipping = 0  # depth inside skipped elements
        self.region: str | None = None  # the tag of the article's element, once met
        self.inside = 0 if region_start is not None else 1  # depth inside that element
        self.finished = False  # the (first) region has been read
        self.block_start: int | None = None  # original offset of the block's first text
        self.block_clean = 0
        self.block_parts = 0
        self.kind: BlockKind = "paragraph"

    def position(self) -> int:
        """Original offset of what the parser is at."""
        return _position(self, self.line_starts)

    def reading(self) -> bool:
        return self.inside > 0 and not self.skipping and not self.finished

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
        line = bisect_right(self.line_starts, start)
        self.blocks.append(
            Block(kind, text, start, end, line, self.block_clean, builder.length, label)
        )

    # --- the parser's callbacks ----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.position()
        if self.region is None and start == self.region_start:
            self.region = tag
        if tag == self.region and not self.finished:
            self.inside += 1
        if tag in _VOID:
            if tag == "br":
                self._line_break(start)
            return
        found = dict(attrs)
        pull = tag in ("blockquote", "aside", "div") and "pull" in (found.get("class") or "")
        if tag in _SKIPPED and not pull:  # a pull quote is read even in an aside
            self.skipping += 1
        if self.reading() and tag in _BLOCKS:
            self.close_block(start)
        if tag == "sup" and self.reading() and self.block_start is None:
            self.open_block(start)  # a footnote definition starts with its marker
        href = found.get("href") if tag == "a" else None
        self.stack.append(_Open(tag, start, self.builder.length, href, pull))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._line_break(self.position())

    def _line_break(self, start: int) -> None:
        """``<br>`` inside a block is a space; between blocks it is nothing."""
        if self.reading() and self.block_start is not None:
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
        reading = self.reading()
        tag = element.tag
        if tag in _SKIPPED and not element.pull:
            self.skipping -= 1
        elif reading and tag == "sup":
            self._marker(element, end)
        elif reading and tag == "a" and element.href and self.builder.length > element.clean_start:
            self.builder.links.append(Link(element.href, element.clean_start, self.builder.length))
        if reading and tag in _BLOCKS:
            self.close_block(start)
        if tag == self.region and self.inside:
            self.inside -= 1
            self.finished = self.inside == 0

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
        if not self.reading() or not data:
            return
        start = self.position()
        if self.block_start is None:
            if not data.strip():
                return
            self.open_block(start + len(data) - len(data.lstrip()))
        self.builder.inline(start, start + len(data))

    def _reference(self, text: str) -> None:
        if not self.reading():
            return
        char = html.unescape(text)
        if char == text:  # not an entity Python knows: keep it as written
            self.handle_data(text)
            return
        start = self.position()
        if self.block_start is None:
            if not char.strip():
                return
            self.open_block(start)
        if char.isspace():
            self.builder.space(start)
        else:
            self.builder.insert(char, start)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")


class _Survey(HTMLParser):
    """One read of a page: what its head declares (``metadata``) and which element holds
    the article (``article_start``)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.line_starts = line_starts_of(page)
        # the head
        self.canonical: str | None = None
        self.meta: dict[str, str] = {}
        self.time: str | None = None
        self.title_parts: list[str] = []
        self.in_title = False
        self.in_json_ld = False
        self.json_ld: list[str] = []
        # the body
        self.body: int | None = None  # where <body> starts
        self.text_of: dict[int, int] = {}  # element start -> text of its <p> children
        self.article_text: dict[int, int] = {}  # <article>/<main> start -> its <p> text
        self.stack: list[tuple[str, int]] = []
        self.skipping = 0
        self.feed(page)
        self.close()

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
        if tag in _VOID:
            return
        start = _position(self, self.line_starts)
        if tag == "body" and self.body is None:
            self.body = start
        if tag in ("article", "main"):
            self.article_text.setdefault(start, 0)
        self.skipping += tag in _SKIPPED
        self.stack.append((tag, start))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag == "script":
            self.in_json_ld = False
        if any(open_tag == tag for open_tag, _ in self.stack):
            while self.stack:
                open_tag, _ = self.stack.pop()
                self.skipping -= open_tag in _SKIPPED
                if open_tag == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif self.in_json_ld:
            self.json_ld[-1] += data
        paragraphs = [n for n, (tag, _) in enumerate(self.stack) if tag == "p"]
        if self.skipping or not paragraphs or paragraphs[0] == 0:
            return
        size = len(data.strip())
        container = self.stack[paragraphs[0] - 1][1]  # what holds the outermost <p>
        self.text_of[container] = self.text_of.get(container, 0) + size
        for tag, start in self.stack:
            if tag in ("article", "main"):
                self.article_text[start] += size

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
        published = (
            next((meta[k] for k in _DATE_META if meta.get(k)), None)
            or linked.get("datePublished")
            or self.time
        )
        return HtmlMeta(url, title, published)

    def article_start(self) -> int | None:
        """Where the element holding the article starts: the ``<article>`` with the most
        paragraph text (the first, if none has any), else ``<main>`` likewise, else the
        element whose own paragraphs hold the most text, else ``<body>`` (None: a fragment
        without any of these, read whole)."""
        for tag in ("article", "main"):
            starts = [s for s in self.article_text if self.page.startswith(tag, s + 1)]
            if starts:  # the one with the most paragraph text: not a teaser before the story
                return max(starts, key=lambda s: (self.article_text[s], -s))
        if self.text_of:
            start, size = max(self.text_of.items(), key=lambda item: (item[1], -item[0]))
            if size >= _MIN_ARTICLE_TEXT:
                return start
        return self.body


# Less paragraph text than this in one container: no container is the article.
_MIN_ARTICLE_TEXT = 200


def _position(parser: HTMLParser, line_starts: list[int]) -> int:
    """Offset in the page of what the parser is at."""
    line, column = parser.getpos()
    return line_starts[line - 1] + column


def read_page(page: str) -> tuple[CleanText, HtmlMeta]:
    """An HTML page's article text, as blocks with offsets into the page, and what its head
    says about the article."""
    survey = _Survey(page)
    walker = _Walker(page, survey.article_start())
    walker.feed(page)
    walker.close()
    walker.close_block(len(page))
    builder = walker.builder
    cleaned = CleanText(
        builder.text(), builder.map, walker.blocks, builder.markers, builder.links,
        walker.line_starts,
    )
    return cleaned, survey.metadata()


def clean_html(page: str) -> CleanText:
    """The article text of an HTML page, as blocks, with offsets into the page."""
    return read_page(page)[0]


def html_metadata(page: str) -> HtmlMeta:
    """The canonical URL, title and publication date a page declares."""
    return _Survey(page).metadata()
