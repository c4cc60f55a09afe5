"""Undo PDF line wraps, hyphenation and Markdown markup, keeping a map back to the original.

The article is cut into *blocks*: paragraphs, headings, pull quotes, list items, credit
lines, ``Related article:`` lines, footnotes, table rows (``| Valmara | 12.4 |``, as
claimcite writes a PDF's tables and as Markdown writes them; each row is a block, a
separator row ``|---|---|`` is dropped), bare URL lines and the ``Original url:``
trailer. Each text block becomes one line of the clean text (blocks are separated by a
blank line, so a block boundary always ends a sentence); URL and trailer blocks carry
their rejoined URL but stay out of the clean text, since they are not sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Literal

from .offsets import OffsetMap

BlockKind = Literal[
    "paragraph",
    "heading",
    "pullquote",
    "list",
    "credit",
    "related",
    "footnote",
    "reference",
    "table",
    "url",
    "trailer",
]
TEXT_KINDS: frozenset[str] = frozenset(
    {"paragraph", "heading", "pullquote", "list", "credit", "related", "footnote", "reference",
     "table"}
)  # fmt: skip
BLOCK_SEPARATOR = "\n\n"

_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_RULE = re.compile(r"\s*([-*_=])(?:\s*\1){2,}\s*$")
_HEADING = re.compile(r"\s{0,3}(#{1,6})\s+(?=\S)")
_TABLE_ROW = re.compile(r"[ \t]{0,3}\|(?:[^|\n]*\|){2,}[ \t]*$")  # two cells or more
_TABLE_EDGE = re.compile(r"[ \t]*\|[ \t]*")
_LIST = re.compile(r"\s*(?:[-*+•]|(?P<number>\d{1,3})[.)])\s+(?=\S)")
_QUOTE = re.compile(r"\s*>\s?")
_TRAILER = re.compile(
    r"\s*(?:original\s+ur[li]|source\s+ur[li]|canonical\s+ur[li]|article\s+ur[li]|permalink"
    r"|originally\s+published\s+(?:at|on|in))\s*:\s*",
    re.IGNORECASE,
)
_URL_LINE = re.compile(r"\s*<?(https?://\S+?)>?\s*$")
_URL_CONTINUATION = re.compile(r"\s*([^\s<>\"]+)\s*$")
_RELATED = re.compile(
    r"\s*(?:\*\*|__)?(?:related(?:\s+(?:article|story|stories|reading|content|link|coverage))?s?"
    r"|read\s+(?:more|also)|see\s+also|more\s+on\s+this(?:\s+story)?)\s*(?:\*\*|__)?\s*:",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"\s*(?:\*\*|__|_|\*)?(?:source|photo|photograph|image|picture|credit|credits|illustration"
    r"|graphic|video|pictured|foto)s?\s*(?:\*\*|__|_|\*)?\s*:",
    re.IGNORECASE,
)
_FOOTNOTE_DEF = re.compile(
    r"\s*(?:<sup>\s*(?P<a>[\w*†‡]{1,4})\s*</sup>|\[\^?(?P<b>\d{1,3})\]:?|\^(?P<c>\d{1,3})(?=\s))\s*"
)
_BOLD_UNIT = re.compile(r"\s*(\*\*|__)(?P<body>.+)\1\s*$", re.DOTALL)

# Inline pieces that are dropped (markup), replaced (whitespace) or noted (markers, links).
_INLINE = re.compile(
    r"(?P<url>https?://[^\s<>()\[\]]+)"
    r"|(?P<sup><sup>\s*(?P<sup_label>[\w*†‡]{1,4})\s*</sup>)"
    r"|(?P<fnref>\[\^?(?P<fn_label>\d{1,3})\](?!\())"
    r"|(?P<caret>(?<=[\w.,;:!?”\"’)])\^(?P<caret_label>\d{1,3})\b)"
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|(?P<link>\[(?P<link_text>[^\]\n]+)\]\((?P<link_url>[^)\s]+)(?:\s+\"[^\"]*\")?\))"
    r"|(?P<autolink><(?P<autolink_url>https?://[^>\s]+)>)"
    r"|(?P<tag></?[A-Za-z][^<>\n]{0,200}>)"
    r"|(?P<strong>\*\*|__)"
    r"|(?P<em>(?<![\w*])[*_](?=[^\s*_])|(?<=[^\s*_])[*_](?![\w*]))"
    r"|(?P<code>`+)"
    # whitespace to fold: runs of two or more, or one that is not a plain space (a single
    # space between words is copied with the words, which keeps the common case cheap)
    r"|(?P<space>\s{2,}|[^\S ])"
)

# Fragments before a line-break hyphen that make real compounds (post-Soviet, self-defence).
_COMPOUND_PREFIXES = frozenset(
    [
        "post",
        "pre",
        "anti",
        "non",
        "self",
        "ex",
        "mid",
        "pro",
        "counter",
        "cross",
        "multi",
        "semi",
        "quasi",
        "neo",
        "well",
        "long",
        "short",
        "full",
        "half",
        "all",
        "over",
        "under",
        "inter",
        "intra",
        "extra",
        "ultra",
        "co",
        "de",
        "vice",
        "near",
        "far",
        "low",
        "high",
        "large",
        "small",
        "much",
        "so",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "first",
        "second",
        "third",
        "year",
        "month",
        "day",
        "week",
        "old",
        "state",
        "government",
        "russia",
        "us",
        "un",
        "eu",
        "nato",
        "pan",
        "sub",
        "trans",
        "geo",
        "socio",
    ]
)
_GLUED_ARTICLE = re.compile(r"\b(The|the|An|an|A)([A-Z]{2,6})(s?)\b")


@dataclass(frozen=True)
class Block:
    """A unit of the article: its kind, clean text and where it stands."""

    kind: BlockKind
    text: str
    orig_start: int
    orig_end: int
    line: int
    clean_start: int | None = None
    clean_end: int | None = None
    label: str | None = None  # a footnote definition's marker


@dataclass(frozen=True)
class Marker:
    """A footnote marker (``<sup>1</sup>``, ``[1]``, ``^1``) found in running text."""

    label: str
    clean_pos: int
    orig_start: int
    orig_end: int


@dataclass(frozen=True)
class Link:
    """An inline Markdown link or a URL written in running text."""

    url: str
    clean_start: int
    clean_end: int


@dataclass
class CleanText:
    """The cleaned article: what spaCy reads, and how to get back to the file."""

    text: str
    offsets: OffsetMap
    blocks: list[Block] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)

    def line_of(self, orig_offset: int) -> int:
        """The 1-based line of an original offset."""
        return bisect_right(self.line_starts, orig_offset)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the clean span [start, end)."""
        return self.offsets.span(start, end)


@dataclass
class _Line:
    start: int  # offset of the line's first character in the original
    end: int  # offset just past its last non-newline character
    text: str


def keep_line_break_hyphen(left: str, right: str, words: frozenset[str] = frozenset()) -> bool:
    """Whether ``left-`` at a line end and ``right`` on the next line form a real compound.

    ``post-/Soviet`` keeps its hyphen, ``irrevo-/cable`` becomes ``irrevocable``. ``words``
    are the lower-cased words of the document, which settle the doubtful cases.
    """
    if not left or not right:
        return True
    if not right[0].islower():
        return True
    low_left, low_right = left.lower(), right.lower()
    joined = low_left + low_right
    if f"{low_left}-{low_right}" in words:
        return True
    if joined in words:
        return False
    return low_left in _COMPOUND_PREFIXES


def _split_lines(original: str, body_start: int) -> list[_Line]:
    lines = []
    for match in _LINE.finditer(original):
        start, end = match.start(), match.end()
        if end <= body_start:
            continue
        text = match.group().rstrip("\n").rstrip("\r")
        lines.append(_Line(start, start + len(text), text))
    return lines


def line_kind(text: str) -> BlockKind | Literal["blank", "rule"]:
    if not text.strip():
        return "blank"
    if _RULE.match(text):
        return "rule"
    if _TABLE_ROW.match(text):
        return "rule" if not text.strip(" \t|:-") else "table"
    if _HEADING.match(text):
        return "heading"
    if _TRAILER.match(text):
        return "trailer"
    if _URL_LINE.match(text):
        return "url"
    if _RELATED.match(text):
        return "related"
    if _CREDIT.match(text):
        return "credit"
    if _FOOTNOTE_DEF.match(text) and not _LIST.match(text):
        return "footnote"
    if _LIST.match(text):
        return "list"
    return "paragraph"


_SINGLE_LINE_KINDS = frozenset({"heading", "rule", "table"})
_STARTS_NEW_UNIT = frozenset(
    {"heading", "rule", "trailer", "url", "related", "credit", "footnote", "list", "table"}
)


def _group_units(lines: list[_Line]) -> list[tuple[str, list[_Line]]]:
    """Group lines into units: a blank line or a line that starts a unit ends the current one."""
    units: list[tuple[str, list[_Line]]] = []
    current: list[_Line] = []
    kind = "paragraph"
    for line in lines:
        found_kind = line_kind(line.text)
        if found_kind == "blank":
            if current:
                units.append((kind, current))
                current = []
            continue
        continues = (
            current
            and kind not in _SINGLE_LINE_KINDS
            and found_kind not in _STARTS_NEW_UNIT
            and not (kind in ("url", "trailer") and not _URL_CONTINUATION.match(line.text))
        )
        if kind in ("url", "trailer") and current and found_kind == "paragraph":
            continues = bool(_URL_CONTINUATION.match(line.text))
        if kind == "trailer" and len(current) == 1 and found_kind == "url":
            continues = not _TRAILER.sub("", current[0].text, count=1).strip()
        if continues:
            current.append(line)
            continue
        if current:
            units.append((kind, current))
        current, kind = [line], found_kind
    if current:
        units.append((kind, current))
    return units


def _rejoin_url(kind: str, lines: list[_Line]) -> str:
    """The URL of a URL or trailer unit, its wrapped pieces joined without spaces."""
    pieces = []
    for i, line in enumerate(lines):
        text = line.text
        if i == 0 and kind == "trailer":
            text = _TRAILER.sub("", text, count=1)
        pieces.append(text.strip().strip("<>"))
    return "".join(pieces)


def _title_like(text: str) -> bool:
    """A short line with no sentence-final punctuation: a title or heading in plain text."""
    stripped = text.strip().strip("*_").strip()
    if not stripped or stripped[-1] in '.!?:;,"”’)…' or len(stripped.split()) > 14:
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


class TextBuilder:
    """Appends cleaned pieces of the original and keeps the offset map in step."""

    def __init__(self, original: str, split_points: list[int]) -> None:
        self.original = original
        self.parts: list[str] = []
        self.map = OffsetMap()
        self.markers: list[Marker] = []
        self.links: list[Link] = []
        self.split_points = split_points
        self.last_char = "\n"

    @property
    def length(self) -> int:
        return self.map.clean_length

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        lo = bisect_left(self.split_points, start + 1)
        hi = bisect_left(self.split_points, end)
        for point in self.split_points[lo:hi]:  # TheCSTO -> The CSTO
            self._copy(start, point)
            self.insert(" ", point)
            start = point
        self._copy(start, end)

    def _copy(self, start: int, end: int) -> None:
        if end > start:
            self.parts.append(self.original[start:end])
            self.map.copy(start, end)
            self.last_char = self.original[end - 1]

    def insert(self, text: str, orig_pos: int, orig_end: int | None = None) -> None:
        self.parts.append(text)
        self.map.insert(len(text), orig_pos, orig_end)
        self.last_char = text[-1]

    def space(self, orig_pos: int) -> None:
        if not self.last_char.isspace():
            self.insert(" ", orig_pos)

    def drop_trailing(self, count: int) -> None:
        self.map.drop_last(count)
        while count:
            last = self.parts.pop()
            if len(last) > count:
                self.parts.append(last[:-count])
                count = 0
            else:
                count -= len(last)
        self.last_char = self.parts[-1][-1] if self.parts else "\n"

    def trim_trailing_space(self) -> None:
        if self.last_char == " ":
            self.drop_trailing(1)

    def begin_block(self, orig_start: int) -> tuple[int, int]:
        """Start a block at ``orig_start``, after a separator from the text before it;
        returns where it starts in the clean text and in ``parts`` (for ``end_block``)."""
        if self.length:
            self.insert(BLOCK_SEPARATOR, orig_start)
        return self.length, len(self.parts)

    def end_block(self, clean_start: int, first_part: int) -> str | None:
        """End the block begun at ``clean_start``: its text, or None when it held only
        markup (its separator is taken back)."""
        self.trim_trailing_space()
        if self.length == clean_start:
            if clean_start:
                self.drop_trailing(len(BLOCK_SEPARATOR))
            return None
        return "".join(self.parts[first_part:])

    def inline(self, start: int, end: int) -> None:
        """Append original[start:end] with inline markup removed and whitespace folded."""
        pos = self._past_extra_space(start, end)
        for match in _INLINE.finditer(self.original, start, end):
            self.copy(pos, match.start())
            pos = match.end()
            group = match.lastgroup
            if group == "url":
                self.copy(match.start(), match.end())
                continue
            if group == "autolink":
                self.copy(match.start("autolink_url"), match.end("autolink_url"))
            elif group in ("sup", "fnref", "caret"):
                label = (
                    match.group("sup_label")
                    or match.group("fn_label")
                    or match.group("caret_label")
                )
                self.markers.append(Marker(label, self.length, match.start(), match.end()))
            elif group == "link":
                text_start = match.start("link_text")
                clean_start = self.length
                self.copy(text_start, match.end("link_text"))
                self.links.append(Link(match.group("link_url"), clean_start, self.length))
            elif group == "space" and self.length and self.last_char not in (" ", "\n"):
                self.insert(" ", match.start())
            # image, tag, strong, em, code: markup, dropped
            pos = self._past_extra_space(pos, end)
        self.copy(pos, end)

    def _past_extra_space(self, pos: int, end: int) -> int:
        """Past a single space at ``pos`` that would double a space (or lead the text)."""
        original = self.original
        if (
            pos < end
            and original[pos] == " "
            and (pos + 1 == end or not original[pos + 1].isspace())  # longer runs: _INLINE
            and (not self.length or self.last_char in (" ", "\n"))
        ):
            return pos + 1
        return pos

    def text(self) -> str:
        return "".join(self.parts)


def _document_words(original: str) -> frozenset[str]:
    return frozenset(m.group().lower() for m in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*", original))


def glue_split_points(original: str) -> list[int]:
    """Offsets where a PDF glued an article to an acronym the text also uses alone."""
    points = []
    for match in _GLUED_ARTICLE.finditer(original):
        acronym = match.group(2)
        if re.search(rf"(?<![A-Za-z]){acronym}(?![A-Za-z])", original):
            points.append(match.start(2))
    return points


def _content_start(kind: str, line: _Line) -> int:
    """Where a line's content starts once its block markup (``#``, bullet, ``>``) is skipped."""
    text = line.text
    offset = 0
    quote = _QUOTE.match(text)
    if quote and text.lstrip().startswith(">"):
        offset = quote.end()
    pattern = {
        "heading": _HEADING, "list": _LIST, "footnote": _FOOTNOTE_DEF, "table": _TABLE_EDGE
    }.get(kind)  # fmt: skip
    if pattern is not None:
        match = pattern.match(text, offset)
        if match:
            offset = match.end()
    return line.start + offset


def _content_end(kind: str, line: _Line) -> int:
    """Where a line's content ends: before a table row's closing ``|``."""
    if kind != "table":
        return line.end
    return line.start + len(line.text.rstrip(" \t")[:-1].rstrip(" \t"))


def line_starts_of(text: str) -> list[int]:
    """The offset where each line of ``text`` starts."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def clean(original: str, body_start: int = 0) -> CleanText:
    """Clean ``original`` (from ``body_start``, past any front matter) into text for spaCy."""
    builder = TextBuilder(original, glue_split_points(original))
    words = _document_words(original)
    blocks: list[Block] = []
    line_starts = line_starts_of(original)
    lines = _split_lines(original, body_start)
    for kind, unit in _group_units(lines):
        line_no = bisect_right(line_starts, unit[0].start)
        orig_start = unit[0].start + (len(unit[0].text) - len(unit[0].text.lstrip()))
        orig_end = unit[-1].end
        if kind == "rule":
            continue
        if kind in ("url", "trailer"):
            blocks.append(Block(kind, _rejoin_url(kind, unit), orig_start, orig_end, line_no))  # type: ignore[arg-type]
            continue
        raw = "\n".join(line.text for line in unit)
        label = None
        if kind == "footnote":
            match = _FOOTNOTE_DEF.match(unit[0].text)
            label = match and (match.group("a") or match.group("b") or match.group("c"))
        if kind == "paragraph" and _BOLD_UNIT.match(raw):
            kind = "heading" if _title_like(raw) else "pullquote"
        elif kind == "paragraph" and len(unit) == 1 and _title_like(raw):
            kind = "heading"
        clean_start, first_part = builder.begin_block(orig_start)
        for i, line in enumerate(unit):
            if i:
                _join_lines(builder, unit[i - 1], line, words)
            line_kind_here = kind if i == 0 else "paragraph"
            builder.inline(
                _content_start(line_kind_here, line), _content_end(line_kind_here, line)
            )
        text = builder.end_block(clean_start, first_part)
        if text is None:  # a unit of markup only
            continue
        if kind in ("paragraph", "list") and only_a_link(text, builder.links, clean_start):
            kind = "reference"
        if kind == "list":
            item = _LIST.match(unit[0].text)
            label = item.group("number") if item else None
        blocks.append(
            Block(kind, text, orig_start, orig_end, line_no, clean_start, builder.length, label)  # type: ignore[arg-type]
        )
    blocks = notes_as_footnotes(blocks, builder.markers)
    return CleanText(
        builder.text(), builder.map, blocks, builder.markers, builder.links, line_starts
    )


def notes_as_footnotes(blocks: list[Block], markers: list[Marker]) -> list[Block]:
    """Numbered list items after the last footnote marker of the text, each numbered like
    a marker (``…in 2021.<sup>1</sup>`` … ``1. City Council, budget, 2024.``), are the
    footnotes (a "Notes" list copied from a PDF or a word processor); other list items
    keep their kind and lose the number kept for this test."""
    labels = {m.label for m in markers}
    last = max((m.orig_end for m in markers), default=None)
    result = []
    for block in blocks:
        if block.kind == "list" and block.label is not None:
            note = last is not None and block.orig_start > last and block.label in labels
            block = replace(block, kind="footnote") if note else replace(block, label=None)
        result.append(block)
    return result


_BARE_URL = re.compile(r"<?https?://\S+>?[.,;]?")


def only_a_link(text: str, links: list[Link], clean_start: int) -> bool:
    """Whether a block is nothing but one URL or one Markdown link (a reference entry)."""
    if _BARE_URL.fullmatch(text):
        return True
    inside = [link for link in links if link.clean_start >= clean_start]
    return len(inside) == 1 and text.rstrip(".,;") == text[
        inside[0].clean_start - clean_start : inside[0].clean_end - clean_start
    ]


_TRAILING_HYPHEN = re.compile(r"(\w+)-$")
_LEADING_WORD = re.compile(r"\s*(\w+)")


def _join_lines(builder: TextBuilder, previous: _Line, line: _Line, words: frozenset[str]) -> None:
    """Join two wrapped lines: rejoin a word broken by a hyphen, otherwise put one space."""
    builder.trim_trailing_space()
    left = _TRAILING_HYPHEN.search(previous.text.rstrip())
    right = _LEADING_WORD.match(line.text)
    if builder.last_char == "-" and left and right:
        if left.group(1).isalpha() and not keep_line_break_hyphen(
            left.group(1), right.group(1), words
        ):
            builder.drop_trailing(1)  # irrevo-\ncable -> irrevocable
        return  # post-\nSoviet -> post-Soviet, 1990-\n1995 -> 1990-1995
    builder.space(previous.end)
