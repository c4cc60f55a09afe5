"""PDF reports: their text in reading order, with the page of every offset, and metadata.

``read_pdf`` takes a PDF's bytes and lays out the text that pdfium (``pypdfium2``) finds
on each page as plain text — the "original" that a record's offsets index and that
``claimcite text FILE`` prints:

- the text runs of a page are cut into columns where a gutter (an empty vertical strip)
  separates them, and each column is read top to bottom before the next
  (:func:`reading_order`);
- running headers and footers (a line at the top or bottom of several pages, page
  numbers aside) and bare page numbers are left out (:func:`furniture`);
- a paragraph is a run of lines; paragraphs are separated by a blank line, decided by
  the gaps between lines, indentation, short last lines and changes of type size;
- a paragraph that runs on over a column or page break is not cut;
- a footnote marker set as a superscript is written ``^1`` (the clean-up reads it as a
  marker) and a footnote at the foot of a page starts with ``^1``; a page's footnotes
  follow the paragraph the page ends with, so a sentence that runs on over the page is
  not cut by them;
- a table (several lines whose cells, mostly short labels and figures, stand in the same
  three or more columns) is written as a block of its own, one line per row, cells between
  ``|`` as in a Markdown table (``| Valmara | 12.4 | 13.1 |``), a blank line before and
  after (:func:`tables`); the clean-up reads such lines as table rows, never as prose;
- a page ends with a form feed (``\\f``), as ``pdftotext`` writes it;
- a hyphen that pdfium marks as a soft line-end hyphen is written ``-``; the clean-up then
  rejoins the word as it does for text copied out of a PDF.

Nothing here imports spaCy; ``pypdfium2`` is imported only when a PDF is read.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from math import ceil, inf

PDF_SUFFIXES = (".pdf",)
PDF_MAGIC = b"%PDF-"

# How a soft line-end hyphen and ligatures come out of pdfium.
_CHAR_FIXES = str.maketrans(
    {"\x02": "-", "\ufffe": "-", "\u00ad": "-", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl",
     "\ufb03": "ffi", "\ufb04": "ffl", "\r": None, "\n": " ", "\x00": None}
)  # fmt: skip
_MARKER_LABEL = re.compile(r"\s*(\d{1,3}|[*†‡])\s*")
_FOOTNOTE_START = re.compile(r"(\d{1,3})\s+\S")
_SENTENCE_END = re.compile(r"[.!?:;…)\]\"”’]$")
_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?#{1,4}(?:\s*(?:of|/)\s*#{1,4})?|[-–—]\s*#{1,4}\s*[-–—]|[ivxlc]{1,7}", re.I
)
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})")
_URL = re.compile(r"https?://\S+")
_EDGE_BANDS = 2  # how many lines at the top and at the bottom of a page may be furniture


class PdfReadError(Exception):
    """A PDF whose text cannot be read; the message says why, ``code`` sorts it
    (``encrypted``, ``no-text``, ``damaged``)."""

    def __init__(self, reason: str, code: str = "damaged") -> None:
        super().__init__(reason)
        self.code = code


@dataclass(frozen=True)
class Box:
    """A run of text on one line of a page, in PDF points (``y`` grows upwards)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    size: float = 0.0  # font size in points (0: unknown, the height of the box stands in)

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def font_size(self) -> float:
        return self.size or self.height


@dataclass(frozen=True)
class Line:
    """A line of text as read, with where it stands and the column it belongs to."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float  # the height of its body text (superscripts aside)
    column: tuple[float, float]  # left and right edge of the column it was read in
    page: int = 0  # 1-based, set once the page is known
    table: tuple[float, float] | None = None  # a table row: the table's top and left edge


@dataclass(frozen=True)
class Pages:
    """Which page each offset of the text is on: runs of text, each on one page."""

    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    def page_of(self, offset: int) -> int | None:
        """The 1-based page of an offset into the text."""
        index = bisect_right(self.starts, offset) - 1
        return self.numbers[index] if index >= 0 else None


@dataclass(frozen=True)
class PdfMeta:
    """What a PDF's document information says about it."""

    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date


@dataclass(frozen=True)
class PdfText:
    """A PDF's text as claimcite lays it out, its pages and its metadata."""

    text: str
    pages: Pages
    meta: PdfMeta


def is_pdf(path: str, data: bytes) -> bool:
    """Whether an input is a PDF: by its name, or by its first bytes."""
    return path.lower().endswith(PDF_SUFFIXES) or data[:1024].lstrip().startswith(PDF_MAGIC)


# --- reading the file ---------------------------------------------------------------------


def read_pdf(data: bytes) -> PdfText:
    """The text of a PDF, laid out for reading (see the module's docstring)."""
    import pypdfium2 as pdfium  # only for PDFs: a native library

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise _load_error(err.err_code) from None
    try:
        if len(document) == 0:
            raise PdfReadError("damaged PDF: it has no pages")
        pages = []
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                raise PdfReadError(f"damaged PDF: page {index + 1} cannot be read") from None
            pages.append(_boxes(page))
        meta = _metadata(document)
    finally:
        document.close()
    if not any(box.text.strip() for boxes in pages for box in boxes):
        raise PdfReadError(
            "no text layer (a scanned PDF?): claimcite reads the text of PDFs, it does no OCR",
            "no-text",
        )
    text, page_map = lay_out(pages)
    return PdfText(text, page_map, meta)


def _load_error(code: int | None) -> PdfReadError:
    import pypdfium2.raw as pdfium_c

    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return PdfReadError("encrypted PDF: it cannot be read without its password", "encrypted")
    return PdfReadError("damaged PDF: it cannot be parsed")


def _boxes(page: object) -> list[Box]:
    """The runs of text on a page, as pdfium cuts them (one per line or style change)."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        boxes = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top).translate(_CHAR_FIXES)
            if text.strip():
                boxes.append(
                    Box(left, bottom, right, top, text, _font_size(textpage, left, bottom, top))
                )
        return boxes
    finally:
        textpage.close()


def _font_size(textpage: object, left: float, bottom: float, top: float) -> float:
    """The font size of a box's first character (0 when pdfium finds none there)."""
    import pypdfium2.raw as pdfium_c

    tolerance = max(2.0, top - bottom)  # a quotation mark's glyph sits above the middle
    index = textpage.get_index(left + 0.5, (bottom + top) / 2, tolerance, tolerance)  # type: ignore[attr-defined]
    if index is None or index < 0:
        return 0.0
    return float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))  # type: ignore[attr-defined]


def _metadata(document: object) -> PdfMeta:
    info: dict[str, str] = document.get_metadata_dict(skip_empty=True)  # type: ignore[attr-defined]
    title = " ".join(info.get("Title", "").split()) or None
    if title and (title.lower().endswith((".doc", ".docx", ".indd", ".pdf", ".tex", ".odt"))):
        title = None  # the name of the file it was made from, not a title
    url = None
    for key in ("URL", "Subject", "Keywords"):
        value = info.get(key) or _extra_value(document, key)
        found = _URL.search(value or "")
        if found:
            url = found.group().rstrip(".,;)")
            break
    date = _PDF_DATE.match(info.get("CreationDate", "").strip())
    published = None
    if date:
        year, month, day = date.groups()
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            published = f"{year}-{month}-{day}"
    return PdfMeta(title, url, published)


def _extra_value(document: object, key: str) -> str | None:
    """A document information entry outside the standard ones (``/URL``)."""
    try:
        return document.get_metadata_value(key) or None  # type: ignore[attr-defined]
    except (ValueError, KeyError):
        return None


# --- laying out the text -------------------------------------------------------------------


def bands(boxes: list[Box]) -> list[list[Box]]:
    """The boxes cut into horizontal bands (top to bottom), each sorted left to right: the
    boxes of a band overlap vertically, so a band is a line (or a line of each column)."""
    result: list[list[Box]] = []
    bottom = top = 0.0
    for box in sorted(boxes, key=lambda b: (-b.top, b.left)):
        if result and min(top, box.top) - max(bottom, box.bottom) > 0.4 * min(
            box.height, top - bottom
        ):
            result[-1].append(box)
            bottom = min(bottom, box.bottom)
            continue
        result.append([box])
        bottom, top = box.bottom, box.top
    return [sorted(band, key=lambda b: b.left) for band in result]


def _free(band: list[Box], x0: float, x1: float) -> list[tuple[float, float]]:
    """The stretches of [x0, x1] that no box of the band covers."""
    free = []
    position = x0
    for box in band:
        if box.left > position:
            free.append((position, box.left))
        position = max(position, box.right)
    if position < x1:
        free.append((position, x1))
    return free


def _overlap(
    first: list[tuple[float, float]], second: list[tuple[float, float]], width: float
) -> list[tuple[float, float]]:
    """The stretches free in both lists, at least ``width`` wide."""
    return [
        (max(a, c), min(b, d))
        for a, b in first
        for c, d in second
        if min(b, d) - max(a, c) >= width
    ]


def reading_order(boxes: list[Box]) -> list[Line]:
    """The lines of a page (or of a part of one) in reading order.

    Bands are read top to bottom. Where consecutive bands share a gutter — a vertical
    strip free of text with text on both sides — they form columns, and the part left of
    the gutter is read (recursively: it may hold columns itself) before the part right
    of it.
    """
    rows = bands(boxes)
    if not rows:
        return []
    found = tables(rows)
    if found:  # the tables of this part in their place, the text between them as usual
        lines: list[Line] = []
        done = 0
        for table in found:
            lines.extend(reading_order([box for row in rows[done : table.start] for box in row]))
            lines.extend(table.lines(rows))
            done = table.end
        lines.extend(reading_order([box for row in rows[done:] for box in row]))
        return lines
    x0 = min(b.left for b in boxes)
    x1 = max(b.right for b in boxes)
    gutter_width = 0.8 * statistics.median(b.font_size for b in boxes)
    lines = []
    i = 0
    while i < len(rows):
        shared = _overlap(_free(rows[i], x0, x1), [(x0, x1)], gutter_width)
        end = i + 1
        while end < len(rows) and shared:
            narrower = _overlap(shared, _free(rows[end], x0, x1), gutter_width)
            if not narrower:
                break
            shared, end = narrower, end + 1
        run = [box for row in rows[i:end] for box in row]
        gutter = next(
            (
                (a, b)
                for a, b in shared
                if any(box.right <= a for box in run) and any(box.left >= b for box in run)
            ),
            None,
        )
        if gutter is not None and end - i >= 2:
            lines.extend(reading_order([box for box in run if box.right <= gutter[0]]))
            lines.extend(reading_order([box for box in run if box.left >= gutter[1]]))
            i = end
        else:
            lines.append(line_of(rows[i], (x0, x1)))
            i += 1
    return lines


def line_of(band: list[Box], column: tuple[float, float]) -> Line:
    """One band's boxes as a line of text: a raised small label is a footnote marker
    (``^1``); boxes apart are separated by a space."""
    size = max(b.font_size for b in band)
    body = [b for b in band if b.font_size >= 0.8 * size] or band
    baseline = statistics.median(b.bottom for b in body)
    parts: list[str] = []
    previous: Box | None = None
    for box in band:
        text = box.text
        label = _MARKER_LABEL.fullmatch(text)
        raised = box.font_size < 0.8 * size and box.bottom > baseline + 0.1 * box.font_size
        if label and raised:
            text = "^" + label.group(1) + ("" if parts else " ")
        elif parts and previous is not None:
            gap = box.left - previous.right
            if gap > 0.2 * size and not parts[-1].endswith(" ") and not text.startswith(" "):
                parts.append(" ")
        if not parts:
            text = text.lstrip()
        parts.append(text)
        previous = box
    text = " ".join("".join(parts).split(" ")).rstrip()
    text = re.sub(r" {2,}", " ", text)
    return Line(
        text,
        min(b.left for b in band),
        min(b.bottom for b in body),
        max(b.right for b in band),
        max(b.top for b in body),
        statistics.median(b.font_size for b in body),
        column,
    )


# --- tables --------------------------------------------------------------------------------

_TABLE_ROWS = 3  # a table has at least this many rows with three cells or more...
_TABLE_COLUMNS = 3  # ...that stand in the same three columns or more
_LONG_CELL = 6  # words: a cell this long is a line of prose (a row's cells are shorter)
_SHORT_CELL = 3  # words: a label
_PROSE_END = re.compile(r"[.!?…][\"”’)]?$")  # a label ends no sentence (it may end with ")")
_FIGURE = re.compile(  # 12.4, -3%, (1,200), €48m, 6.5 pp, n/a, –
    r"[(\[]?[-+−–]?[$€£¥]?\d[\d.,\u00a0\u202f ]*(?:%|‰|[kmb]n?|pp|pts?)?[)\]]?[*†‡]?"
    r"|[-–—]|n/?a|\.{2,3}|…",
    re.I,
)


def cells(band: list[Box], gap: float) -> list[list[Box]]:
    """A band's boxes (left to right) cut into cells where more than ``gap`` lies between."""
    result: list[list[Box]] = []
    right = 0.0
    for box in band:
        if result and box.left - right < gap:
            result[-1].append(box)
        else:
            result.append([box])
            right = box.right
        right = max(right, box.right)
    return result


def _cell_text(cell: list[Box]) -> str:
    return " ".join(" ".join(box.text for box in cell).split())


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.fullmatch(text))


@dataclass(frozen=True)
class Table:
    """A table among the bands of a page (or part of one): bands ``start`` to ``end`` (not
    included), and the gutters between its columns (left and right edge of each)."""

    start: int
    end: int
    gutters: tuple[tuple[float, float], ...]
    gap: float  # the least space between two cells

    def lines(self, rows: list[list[Box]]) -> list[Line]:
        """The table's rows as lines: ``| cell | cell |``, an empty column written ``| |``
        (a cell across several columns, such as a heading over them, is written once).

        A band with only the wrapped part of cells — no figure, half of the columns or
        fewer, and closer to a row than the rows are to each other (or in lower case) — is
        added to the cells of the nearer row (the one above when they are as near): the
        row above when cells are set at the top, the row below or above when its other
        cells are centred."""
        own = rows[self.start : self.end]
        boxes = [box for band in own for box in band]
        left, right = min(b.left for b in boxes), max(b.right for b in boxes)
        top = max(b.top for b in boxes)
        bounds = [(a + b) / 2 for a, b in self.gutters]
        columns = len(bounds) + 1
        tops = [max(b.top for b in band) for band in own]
        band_cells = [cells(band, self.gap) for band in own]
        full = [n for n, found in enumerate(band_cells) if len(found) >= _TABLE_COLUMNS]
        pitches = [tops[a] - tops[b] for a, b in pairwise(full) if b == a + 1]
        pitch = statistics.median(pitches) if pitches else 0.0  # from row to row
        texts = [
            [
                (
                    bisect_right(bounds, cell[0].left),
                    bisect_right(bounds, max(b.right for b in cell)),
                    line_of(cell, (left, right)).text.replace("|", "\\|"),
                )
                for cell in found
            ]
            for found in band_cells
        ]
        gaps = [tops[n - 1] - tops[n] for n in range(1, len(own))]
        up = [inf, *gaps]  # how far each band is from the one above and below
        down = [*gaps, inf]
        wrapped = [
            0 < 2 * len(row) <= columns
            and not any(_is_figure(text) for _, _, text in row)
            and (min(up[n], down[n]) < 0.9 * pitch or row[0][2][:1].islower())
            for n, row in enumerate(texts)
        ]
        owner = list(range(len(own)))  # the row each band's cells go in
        for n in range(len(own)):
            if wrapped[n]:
                above = next((k for k in range(n - 1, -1, -1) if not wrapped[k]), None)
                below = next((k for k in range(n + 1, len(own)) if not wrapped[k]), None)
                if below is None or (above is not None and up[n] <= down[n]):
                    below = None
                target = above if below is None else below
                owner[n] = n if target is None else target
        result = []
        for n, band in enumerate(own):
            if owner[n] != n:
                continue
            row: list[tuple[int, int, str]] = []
            for k in range(len(own)):
                if owner[k] == n:
                    row = _continued(row, texts[k])
            text = _row_text(row, columns)
            line = line_of(band, (left, right))
            result.append(replace(line, text=text, column=(left, right), table=(top, left)))
        return result


def _continued(
    above: list[tuple[int, int, str]], below: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The cells of a row (first and last column, text) with the wrapped parts below them
    added (a word broken by a hyphen at the line end is joined)."""
    merged = list(above)
    for first, last, text in below:
        for k, (a, b, upper) in enumerate(merged):
            if a <= first <= b:
                joined = upper + text if upper.endswith("-") else f"{upper} {text}"
                merged[k] = (a, max(b, last), joined)
                break
        else:
            merged.append((first, last, text))
    return sorted(merged)


def _row_text(row: list[tuple[int, int, str]], columns: int) -> str:
    """A row as written: its cells between ``|``, an empty column as ``| |``."""
    texts: list[str] = []
    filled = -1  # the last column filled
    for first, last, text in row:
        texts.extend([""] * max(0, first - filled - 1))
        texts.append(text)
        filled = max(filled, last)
    texts.extend([""] * (columns - 1 - filled))
    return "|" + "|".join(f" {t} " if t else " " for t in texts) + "|"


def tables(rows: list[list[Box]]) -> list[Table]:
    """The tables among bands (top to bottom), in order.

    A table is at least three consecutive bands of three cells or more (a cell: boxes
    less than 0.8 of the type size apart) that share two gutters or more — vertical
    strips free of text with text on both sides, so its columns stand in the same places —
    none of whose cells is as long as a line of prose (six words), and whose cells are
    mostly figures (a third or more) or short labels (two thirds of three words or
    fewer). Bands just above or below it (no further than its rows are apart) whose two
    or more cells are all short labels or figures within its width join it: a heading
    over several columns, a row with empty cells; so do up to three bands between two
    rows with the wrapped part of cells, and a band between rows with a section heading
    (:func:`_wrapped`). Columns of prose, a list, a caption
    (one cell) are no table; nor is a run of bands whose gutter goes on above or below
    it between columns of text (a column of prose beside a table: the columns are cut
    apart first, and the table is found in its column).
    """
    if not rows:
        return []
    size = statistics.median(b.font_size for row in rows for b in row)
    gap = 0.8 * size
    row_cells = [cells(row, gap) for row in rows]
    texts = [[_cell_text(cell) for cell in row] for row in row_cells]
    candidate = [
        len(row) >= _TABLE_COLUMNS and all(len(t.split()) < _LONG_CELL for t in row)
        for row in texts
    ]
    if sum(candidate) < _TABLE_ROWS:
        return []
    x0 = min(b.left for row in rows for b in row)
    x1 = max(b.right for row in rows for b in row)
    lefts_end = [min(b.right for b in row) for row in rows]  # where a band's first box ends
    rights_start = [max(b.left for b in row) for row in rows]  # where its last box starts
    found: list[Table] = []
    i = 0
    while i < len(rows):
        if not candidate[i]:
            i += 1
            continue
        shared = _free(rows[i], x0, x1)
        end = i + 1
        gutters: list[tuple[float, float]] = []
        # text on both sides of a gutter: a box ends left of it, another starts right of it
        ends, starts = lefts_end[i], rights_start[i]
        while end < len(rows):
            if not candidate[end]:  # the wrapped part of cells between two rows?
                wrapped = _wrapped(rows, texts, candidate, i, end, shared, gap)
                if not wrapped:
                    break
                ends = min(ends, *lefts_end[end : end + wrapped])
                starts = max(starts, *rights_start[end : end + wrapped])
                end += wrapped
            narrower = _overlap(shared, _free(rows[end], x0, x1), gap)
            row_ends, row_starts = min(ends, lefts_end[end]), max(starts, rights_start[end])
            inner = [(a, b) for a, b in narrower if row_ends <= a and row_starts >= b]
            if len(inner) < _TABLE_COLUMNS - 1:
                break
            shared, gutters, end = narrower, inner, end + 1
            ends, starts = row_ends, row_starts
        while not candidate[end - 1]:
            end -= 1
        if sum(candidate[i:end]) < _TABLE_ROWS:
            i += 1
            continue
        if not _tabular([t for row in texts[i:end] for t in row]):
            # columns of prose, say: a table may start further down with a row of figures
            i = next((k for k in range(i + 1, end) if any(map(_is_figure, texts[k]))), end)
            continue
        start, end = _grow(rows, texts, i, end, gap)
        if _column_gutter(rows, texts, start, end, gutters):
            i += 1  # columns of the page, a table in one of them at most: read them first
            continue
        if found and start < found[-1].end:
            start = found[-1].end
        found.append(Table(start, end, tuple(gutters), gap))
        i = end
    return found


_WRAPPED_LINES = 3  # bands of wrapped cell text that may stand between two rows


def _wrapped(
    rows: list[list[Box]],
    texts: list[list[str]],
    candidate: list[bool],
    start: int,
    k: int,
    shared: list[tuple[float, float]],
    gap: float,
) -> int:
    """How many bands from ``k`` on hold only the wrapped part of cells between two rows of
    a table that starts at band ``start``: no cell as long as a line of prose, a row of
    the table after them, and none of their text across a gutter that the rows on both
    sides leave free — or one band, a heading of the rows below it; 0 when not so."""
    count = 0
    while k + count < len(rows) and not candidate[k + count]:
        if count == _WRAPPED_LINES or any(len(t.split()) >= _LONG_CELL for t in texts[k + count]):
            return 0
        count += 1
    after = k + count
    if after == len(rows):
        return 0
    narrower = _overlap(shared, _free(rows[after], -inf, inf), gap)
    band = [box for row in rows[k:after] for box in row]
    if all(box.right <= a or box.left >= b for box in band for a, b in narrower):
        return count
    # a heading of the rows below it, in the first column and running on over the others,
    # as close to the rows as they are to each other
    tops = [max(b.top for b in row) for row in rows[start : after + 1]]
    pitch = max(a - b for a, b in pairwise(tops[: k - start])) if k - start > 1 else inf
    first = min(a for a, _ in narrower) if narrower else inf
    heading = (
        count == 1
        and len(texts[k]) == 1
        and min(b.left for b in band) < first
        and tops[-1 - count - 1] - tops[-1] <= 1.2 * pitch * (count + 1)
    )
    return count if heading else 0


def _column_gutter(
    rows: list[list[Box]],
    texts: list[list[str]],
    start: int,
    end: int,
    gutters: list[tuple[float, float]],
) -> bool:
    """Whether one of a table's gutters goes on above or below it between columns of text:
    the bands next to it leave it free and (rows of labels aside) have text on both sides
    of it. Then the "table" is a table in a column of the page beside a column of prose
    (whose lines its rows took in), or columns of prose."""
    for a, b in gutters:
        for step, k in ((-1, start - 1), (1, end)):
            left = right = False
            while 0 <= k < len(rows) and all(box.right <= a or box.left >= b for box in rows[k]):
                if not _label_row(texts[k]):
                    left = left or any(box.right <= a for box in rows[k])
                    right = right or any(box.left >= b for box in rows[k])
                k += step
            if left and right:
                return True
    return False


def _tabular(texts: list[str]) -> bool:
    """Whether a table's cells are mostly figures or short labels (not prose in columns)."""
    figures = sum(_is_figure(t) for t in texts)
    short = sum(len(t.split()) <= _SHORT_CELL for t in texts)
    return 3 * figures >= len(texts) or 3 * short >= 2 * len(texts)


def _label_row(texts: list[str]) -> bool:
    """Two cells or more, each a figure or a short label that ends no sentence."""
    return len(texts) >= 2 and all(
        _is_figure(t) or (len(t.split()) <= _SHORT_CELL + 1 and not _PROSE_END.search(t))
        for t in texts
    )


def _grow(
    rows: list[list[Box]], texts: list[list[str]], start: int, end: int, gap: float
) -> tuple[int, int]:
    """A table's bands with the label rows just above and below it that belong to it."""
    tops = [max(b.top for b in row) for row in rows]
    pitch = max(tops[k] - tops[k + 1] for k in range(start, end - 1))
    left = min(b.left for row in rows[start:end] for b in row) - gap
    right = max(b.right for row in rows[start:end] for b in row) + gap

    def joins(k: int, neighbour: int) -> bool:
        return (
            abs(tops[k] - tops[neighbour]) <= 1.2 * pitch
            and _label_row(texts[k])
            and left <= rows[k][0].left
            and max(b.right for b in rows[k]) <= right
        )

    while start > 0 and joins(start - 1, start):
        start -= 1
    while end < len(rows) and joins(end, end - 1):
        end += 1
    return start, end


def _key(band: list[Box]) -> str:
    """What makes a band a running header or footer: its text with figures blurred
    (``Report 2024 | 14`` = ``Report 2024 | 15``) and where it stands on the page."""
    text = re.sub(r"\d", "#", " ".join(" ".join(b.text for b in band).lower().split()))
    return f"{text}@{round(max(b.top for b in band) / 4)}"


def furniture(pages: list[list[list[Box]]]) -> list[set[int]]:
    """For each page (as bands), the bands that are running headers, footers or page
    numbers. Among the top and bottom bands of a page: those that hold only a page
    number; those whose text (figures aside) recurs at the same height on two pages
    (three in a document of more than eight); and those that end with the page's printed
    number (``Chapter 2: Methods 14``), told by a number that runs in step with the pages
    on two pages or more (three in a longer document)."""
    edges = [
        {i for i in range(len(rows)) if i < _EDGE_BANDS or i >= len(rows) - _EDGE_BANDS}
        for rows in pages
    ]
    keys = [{i: _key(rows[i]) for i in edge} for rows, edge in zip(pages, edges, strict=True)]
    seen = Counter(key for page in keys for key in set(page.values()))
    steps = [
        {i: _page_step(rows[i], number, i < _EDGE_BANDS) for i in edge}
        for number, (rows, edge) in enumerate(zip(pages, edges, strict=True), 1)
    ]
    in_step: Counter[tuple[int, bool] | None] = Counter(
        step for page in steps for step in set(page.values()) if step is not None
    )
    needed = max(2, min(3, ceil(len(pages) / 4)))
    return [
        {
            i
            for i, key in page.items()
            if _PAGE_NUMBER.fullmatch(key.rpartition("@")[0])
            or seen[key] >= needed
            or (step[i] is not None and in_step[step[i]] >= needed)
        }
        for page, step in zip(keys, steps, strict=True)
    ]


_LAST_NUMBER = re.compile(r"\s(\d{1,4})$")


def _page_step(band: list[Box], page: int, top: bool) -> tuple[int, bool] | None:
    """How far the number that ends a band is from the page's number, and whether the band
    is at the top of the page; None when it ends with no number (or a year's)."""
    found = _LAST_NUMBER.search(" ".join(b.text for b in band).rstrip())
    if not found or 1900 <= int(found.group(1)) <= 2100:
        return None
    return int(found.group(1)) - page, top


@dataclass
class _Paragraph:
    lines: list[Line]
    page: int
    footnote: bool = False


def lay_out(pages: list[list[Box]]) -> tuple[str, Pages]:
    """The text of a document's pages (their boxes) and the page of every offset."""
    rows = [bands(boxes) for boxes in pages]
    dropped = furniture(rows)
    markers: set[str] = set()
    flow: list[_Paragraph] = []  # body paragraphs, and footnotes placed where they go
    waiting: list[_Paragraph] = []  # footnotes of the last page, placed at a paragraph end
    for number, (page_rows, drop) in enumerate(zip(rows, dropped, strict=True), 1):
        kept = [box for i, row in enumerate(page_rows) if i not in drop for box in row]
        lines = [replace(line, page=number) for line in reading_order(kept)]
        if not lines:
            continue
        size = statistics.median(line.size for line in lines)
        pitch = line_pitch(lines)
        body: list[Line] = []
        notes: list[_Paragraph] = []
        for line in lines:
            markers.update(re.findall(r"(?<=[^\s^])\^(\d{1,3}|[*†‡])", line.text))
            if line.table is not None:
                body.append(line)  # a row, even one that starts with a number in small type
                continue
            start = _FOOTNOTE_START.match(line.text)
            if line.text.startswith("^") or (
                start and start.group(1) in markers and line.size < 0.92 * size
            ):
                text = line.text if line.text.startswith("^") else "^" + line.text
                notes.append(_Paragraph([replace(line, text=text)], number, footnote=True))
            elif notes and line.size < 0.92 * size:
                notes[-1].lines.append(line)  # a footnote runs on
            else:
                body.append(line)
        for line in body:
            last = flow[-1] if flow and not flow[-1].footnote else None
            if last is not None and _runs_on(last.lines[-1], line, pitch):
                last.lines.append(line)
                continue
            flow.extend(waiting)
            waiting = []
            flow.append(_Paragraph([line], number))
        waiting.extend(notes)
        if body and (body[-1].table is not None or _SENTENCE_END.search(body[-1].text)):
            flow.extend(waiting)
            waiting = []
    flow.extend(waiting)
    return _join(flow)


def _runs_on(above: Line, below: Line, pitch: float) -> bool:
    """Whether ``below`` goes on the paragraph (or table) that ``above`` ends: the rows of
    a table stay together, and nothing else joins them."""
    if above.table is not None or below.table is not None:
        return above.table == below.table and above.page == below.page
    return not breaks(above, below, pitch)


def _same_flow(above: Line, below: Line) -> bool:
    """Whether ``below`` is the next line down in the same column as ``above``."""
    return (
        above.page == below.page
        and below.top < above.top
        and below.left < above.right
        and above.left < below.right
    )


def _pitch(above: Line, below: Line) -> float:
    """How far one line stands below another (the smaller of the distances between their
    tops and between their bottoms, so a line without capitals or descenders counts right)."""
    return min(above.top - below.top, above.bottom - below.bottom)


def line_pitch(lines: list[Line]) -> float:
    """The usual distance between the lines of a paragraph on a page."""
    pitches = [_pitch(a, b) for a, b in pairwise(lines) if _same_flow(a, b)]
    return statistics.median(pitches) if pitches else 1.2 * max(line.size for line in lines)


def breaks(above: Line, below: Line, pitch: float) -> bool:
    """Whether a paragraph ends between two lines read one after the other."""
    ends_sentence = bool(_SENTENCE_END.search(above.text))
    size = max(above.size, below.size)
    if abs(above.size - below.size) > 0.15 * size:
        return True  # a heading, a caption
    if not _same_flow(above, below):  # a new column or page: it runs on unless it ended
        return ends_sentence
    if _pitch(above, below) > pitch + 0.4 * size:
        return True  # a wider gap than between the lines of a paragraph
    left, right = above.column
    short = above.right < right - 0.15 * (right - left)
    if ends_sentence and (short or below.left > above.left + size):
        return True  # the last line of a paragraph, or the next one is indented
    # a heading: a line ending well short of the margin (ragged-right text ends a line
    # a word or two short), without a sentence's end, before a capital
    heading = above.right < left + 0.6 * (right - left)
    return heading and not above.text.endswith(("-", ",")) and below.text[:1].isupper()


def _join(flow: list[_Paragraph]) -> tuple[str, Pages]:
    """Paragraphs as text: lines joined by line breaks, paragraphs by a blank line, a form
    feed where the body text moves on to the next page."""
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    length = 0
    body_page = 0
    for paragraph in flow:
        if parts:
            parts.append("\n\n")
            length += 2
        for n, line in enumerate(paragraph.lines):
            page = line.page
            if not paragraph.footnote and page != body_page:
                if body_page:
                    _form_feed(parts)
                    length += 1
                body_page = page
            if n:
                parts.append("\n")
                length += 1
            if not numbers or numbers[-1] != page:
                starts.append(length)
                numbers.append(page)
            parts.append(line.text)
            length += len(line.text)
    return "".join(parts) + "\n", Pages(tuple(starts), tuple(numbers))


def _form_feed(parts: list[str]) -> None:
    """A form feed after the last line of a page (before the line break or blank line)."""
    for index in range(len(parts) - 1, -1, -1):
        if parts[index] not in ("\n", "\n\n"):
            parts.insert(index + 1, "\f")
            return
