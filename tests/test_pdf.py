"""PDF input: reading order, running headers and footers, hyphenation, footnotes, pages,
metadata and errors, on PDFs the tests make with fpdf2."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.reading.pdf_input import (
    Box,
    Line,
    Pages,
    PdfReadError,
    breaks,
    furniture,
    is_pdf,
    line_of,
    read_pdf,
    reading_order,
)

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a development dependency) makes the test PDFs")

HEADER = "Lakeside Institute | Harbour Report 2024"
# Each page: left column, right column (lines), footnotes. Written right column first, so
# the order of the file's content is not the reading order.
LEFT_1 = [
    "The port authority said on Tuesday",
    "that cargo volumes fell by 12 per",
    "cent in 2023, the steepest drop in a",
    "decade.^1 Shipping lines blamed irrevo-",
    "cable changes in their routes.",
]
RIGHT_1 = [
    "The ferry operator Nordlink cut three",
    "of its seven winter routes, and the",
    "council will vote on subsidies in",
    "March. The mayor, Elena Duarte, said",
]
LEFT_2 = [
    "the city could not afford them.",
    "",
    "A second paragraph starts here and",
    "it ends here.",
]
RIGHT_2 = ["Ferries will run again in April."]
NOTES_1 = ["1 Customs data for the port, 2024."]


def _report(path: Path, *, subject: str = "") -> bytes:
    """A two-page, two-column report with a running header, page numbers at the foot, a
    word hyphenated at a line end, a footnote and a sentence that runs on over the page."""
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Harbour report 2024")
    pdf.set_creation_date(dt.datetime(2024, 5, 8, tzinfo=dt.timezone.utc))
    if subject:
        pdf.set_subject(subject)
    pages = [(LEFT_1, RIGHT_1, NOTES_1), (LEFT_2, RIGHT_2, [])]
    for number, (left, right, notes) in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(20, 10)
        pdf.cell(170, 5, HEADER, align="C")
        pdf.set_xy(20, 285)
        pdf.cell(170, 5, str(number), align="C")
        for x, lines in ((110, right), (20, left)):
            pdf.set_font("Helvetica", size=11)
            for row, line in enumerate(lines):
                pdf.set_xy(x, 25 + 5 * row)
                before, _, after = line.partition("^")
                pdf.cell(pdf.get_string_width(before), 5, before)
                if after:  # a superscript footnote marker
                    pdf.char_vpos = "SUP"
                    pdf.cell(pdf.get_string_width(after[0]), 5, after[0])
                    pdf.char_vpos = "LINE"
                    pdf.cell(80, 5, after[1:])
        pdf.set_font("Helvetica", size=8)
        for row, note in enumerate(notes):
            pdf.set_xy(20, 270 + 4 * row)
            pdf.cell(170, 4, note)
    data = bytes(pdf.output())
    path.write_bytes(data)
    return data


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    _report(path, subject="Source: https://lakeside.example/reports/harbour-2024")
    return path


def test_the_text_of_a_report(report: Path) -> None:
    """Columns in reading order, no header or page number, the footnote after the
    paragraph the page ends with, a form feed where the body text goes on to page 2."""
    pdf = read_pdf(report.read_bytes())
    assert pdf.text == (
        "The port authority said on Tuesday\nthat cargo volumes fell by 12 per\n"
        "cent in 2023, the steepest drop in a\ndecade.^1 Shipping lines blamed irrevo-\n"
        "cable changes in their routes.\n\n"
        "The ferry operator Nordlink cut three\nof its seven winter routes, and the\n"
        "council will vote on subsidies in\nMarch. The mayor, Elena Duarte, said\f\n"
        "the city could not afford them.\n\n"
        "^1 Customs data for the port, 2024.\n\n"
        "A second paragraph starts here and\nit ends here.\n\n"
        "Ferries will run again in April.\n"
    )
    footnote = pdf.text.index("^1 Customs")
    assert [pdf.pages.page_of(pdf.text.index(s)) for s in ("The port", "the city", "A second")] == [
        1,
        2,
        2,
    ]
    assert pdf.pages.page_of(footnote) == 1  # it stands on page 1
    assert (pdf.meta.title, pdf.meta.published) == ("Harbour report 2024", "2024-05-08")
    assert pdf.meta.url == "https://lakeside.example/reports/harbour-2024"


def test_records_of_a_report_point_into_its_text(
    report: Path, records: Callable[..., list[dict[str, Any]]], cli: Callable[..., Any]
) -> None:
    shown = cli("text", str(report))
    assert shown.exit_code == 0, shown.stderr
    text = shown.stdout
    rows = records(str(report), "--all")
    for row in rows:
        span = row["span"]
        as_read = " ".join(text[span["start"] : span["end"]].replace("^1", "").split())
        assert as_read.replace("irrevo- cable", "irrevocable") == row["text"]
        assert span["line"] == text.count("\n", 0, span["start"]) + 1
    pages = {row["text"]: row["span"]["page"] for row in rows}
    assert pages == {
        "The port authority said on Tuesday that cargo volumes fell by 12 per cent in 2023, the steepest drop in a decade.": 1,
        "Shipping lines blamed irrevocable changes in their routes.": 1,
        "The ferry operator Nordlink cut three of its seven winter routes, and the council will vote on subsidies in March.": 1,
        "The mayor, Elena Duarte, said the city could not afford them.": 1,
        "Customs data for the port, 2024.": 1,
        "A second paragraph starts here and it ends here.": 2,
        "Ferries will run again in April.": 2,
    }
    first = rows[0]
    assert first["citations"] == [
        {"kind": "footnote", "marker": "1", "text": "Customs data for the port, 2024."}
    ]
    source = first["source"]
    assert source["sha256"] == hashlib.sha256(report.read_bytes()).hexdigest()
    assert (source["title"], source["published"], source["published_from"]) == (
        "Harbour report 2024",
        "2024-05-08",
        "pdf",
    )
    assert (source["url"], source["url_from"]) == (
        "https://lakeside.example/reports/harbour-2024",
        "pdf",
    )
    assert not any("Lakeside Institute" in t or t.strip() == "2" for t in pages)


def test_a_pdf_on_standard_input_and_in_a_directory(
    report: Path, records: Callable[..., list[dict[str, Any]]], cli: Callable[..., Any]
) -> None:
    result = cli("extract", "--all", "-", input=report.read_bytes())
    assert result.exit_code == 0, result.stderr
    piped = [json.loads(line) for line in result.stdout.splitlines()]
    from_dir = records("--all", str(report.parent))
    assert [r["span"] for r in piped] == [r["span"] for r in from_dir]
    assert {r["source"]["path"] for r in piped} == {"-"}
    assert {r["span"]["page"] for r in from_dir} == {1, 2}


def _pdf(build: Callable[[Any], None]) -> bytes:
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    build(pdf)
    return bytes(pdf.output())


def _locked(pdf: Any) -> None:
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.cell(100, 10, "The port reopened on Monday.")


def _scanned(pdf: Any) -> None:
    pdf.rect(20, 20, 120, 80, style="F")  # a page with no text on it: an image of one


def test_unreadable_pdfs_are_reported_and_the_rest_goes_on(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    good = _pdf(lambda pdf: pdf.cell(100, 10, "The port reopened on Monday."))
    (tmp_path / "a-good.pdf").write_bytes(good)
    (tmp_path / "b-locked.pdf").write_bytes(_pdf(_locked))
    (tmp_path / "c-scan.pdf").write_bytes(_pdf(_scanned))
    (tmp_path / "d-damaged.pdf").write_bytes(good[: len(good) // 3])
    result = cli("extract", "--all", str(tmp_path))
    assert result.exit_code == 1
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [
        "The port reopened on Monday."
    ]
    assert result.stderr.splitlines() == [
        f"claimcite: error: {tmp_path / 'b-locked.pdf'}: encrypted PDF: it cannot be read without its password",
        f"claimcite: error: {tmp_path / 'c-scan.pdf'}: no text layer (a scanned PDF?): claimcite reads the text of PDFs, it does no OCR",
        f"claimcite: error: {tmp_path / 'd-damaged.pdf'}: damaged PDF: it cannot be parsed",
    ]
    shown = cli("text", str(tmp_path / "c-scan.pdf"))
    assert shown.exit_code == 1 and "no text layer" in shown.stderr and not shown.stdout


def test_a_pdf_locked_only_against_editing_is_read() -> None:
    def owner_only(pdf: Any) -> None:
        pdf.set_encryption(owner_password="owner", user_password="")
        pdf.cell(100, 10, "The port reopened on Monday.")

    assert read_pdf(_pdf(owner_only)).text == "The port reopened on Monday.\n"


def test_claimcite_text_prints_any_input_exactly(tmp_path: Path, cli: Callable[..., Any]) -> None:
    page = "<html><body><p>Caf\u00e9 &amp; bar.</p></body></html>\r\n"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    result = cli("text", str(path))
    assert result.exit_code == 0
    assert result.stdout_bytes == page.encode("utf-8")
    missing = cli("text", str(tmp_path / "missing.txt"))
    assert (missing.exit_code, missing.stderr) == (
        1,
        f"claimcite: error: {tmp_path / 'missing.txt'}: no such file or directory\n",
    )


@pytest.mark.parametrize(
    ("path", "data", "expected"),
    [
        ("report.pdf", b"", True),
        ("REPORT.PDF", b"x", True),
        ("-", b"%PDF-1.7\n...", True),
        ("-", b"\n%PDF-1.4", True),
        ("notes.txt", b"%PDF-1.4 in a text file's first line", True),
        ("notes.txt", b"A note about %PDF-1.4 files", False),
    ],
)
def test_is_pdf(path: str, data: bytes, expected: bool) -> None:
    assert is_pdf(path, data) is expected


def _box(left: float, top: float, text: str, size: float = 10.0, width: float = 0.0) -> Box:
    """A run of text whose top is at ``top`` (boxes are as tall as their font size)."""
    return Box(left, top - size, left + (width or 5.0 * len(text)), top, text, size)


# Each case: boxes (in the file's order) and the lines in reading order.
ORDER_CASES = [
    # one column, read top to bottom whatever the file's order
    ([_box(50, 700, "second line"), _box(50, 720, "first line")], ["first line", "second line"]),
    # two columns, the right one first in the file; the left is read first, and a short
    # left column ends before the right column starts
    (
        [_box(300, 720, "right one", width=200), _box(300, 705, "right two", width=200),
         _box(50, 720, "left one", width=200), _box(50, 705, "left two", width=200),
         _box(50, 690, "left three", width=200)],
        ["left one", "left two", "left three", "right one", "right two"],
    ),
    # a heading across both columns, then the columns, then a line across both again
    (
        [_box(50, 760, "Heading", width=450), _box(50, 720, "left one", width=200),
         _box(300, 720, "right one", width=200), _box(50, 705, "left two", width=200),
         _box(300, 705, "right two", width=200), _box(50, 660, "Closing line", width=450)],
        ["Heading", "left one", "left two", "right one", "right two", "Closing line"],
    ),
    # words of one line that pdfium cut into runs stay one line
    ([_box(50, 720, "Exports", width=40), _box(100, 720, "fell.", width=25)], ["Exports fell."]),
]  # fmt: skip


@pytest.mark.parametrize(("boxes", "lines"), ORDER_CASES)
def test_reading_order(boxes: list[Box], lines: list[str]) -> None:
    assert [line.text for line in reading_order(boxes)] == lines


def test_a_raised_small_label_is_a_footnote_marker() -> None:
    band = [
        _box(50, 720, "decade.", width=40),
        Box(91, 713, 95, 721, "1", 7.0),  # smaller, and raised above the baseline (710)
        _box(97, 720, " Shipping", width=50),
    ]
    assert line_of(band, (50, 300)).text == "decade.^1 Shipping"
    start = [Box(50, 716, 54, 722, "2", 5.5), _box(56, 720, "Customs data.", size=8)]
    assert line_of(start, (50, 300)).text == "^2 Customs data."


def _page(*lines: str, top: float = 780, foot: str = "") -> list[list[Box]]:
    rows = [[_box(50, top - 15 * i, text, width=400)] for i, text in enumerate(lines)]
    return rows + ([[_box(250, 40, foot)]] if foot else [])


def test_running_headers_footers_and_page_numbers() -> None:
    pages = [
        _page("Annual Report 2024", f"The {topic} of the harbour.", foot=foot)
        for topic, foot in (("history", "1"), ("ferries", "Page 2 of 3"), ("budget", "- 3 -"))
    ]
    pages.append(_page("Body text that is not repeated.", "Another line.", foot="iv"))
    assert furniture(pages) == [{0, 2}, {0, 2}, {0, 2}, {2}]


def _line(text: str, left: float, top: float, right: float, size: float = 10.0) -> Line:
    return Line(text, left, top - size, right, top, size, (50.0, 300.0), page=1)


# Each case: two lines read one after the other, the usual line pitch, whether they break.
BREAK_CASES = [
    (_line("the port authority said on", 50, 700, 298), _line("Tuesday that volumes fell.", 50, 688, 290), False),
    (_line("It ended there.", 50, 700, 120), _line("A new paragraph begins", 50, 688, 295), True),
    (_line("A full line that ends a sentence.", 50, 700, 299), _line("An indented line", 65, 688, 295), True),
    (_line("A full line that ends a sentence.", 50, 700, 299), _line("The next one", 50, 688, 295), False),
    (_line("first paragraph ends at the margin", 50, 700, 299), _line("After a wide gap", 50, 670, 295), True),
    (_line("Results", 50, 700, 100, size=14), _line("The figures show", 50, 684, 295), True),
    (_line("a sentence that runs on to the", 50, 100, 299), _line("next column without a break", 310, 700, 560), False),
    (_line("a sentence that ends the column.", 50, 100, 299), _line("Next column", 310, 700, 560), True),
]  # fmt: skip


@pytest.mark.parametrize(("above", "below", "expected"), BREAK_CASES)
def test_paragraph_breaks(above: Line, below: Line, expected: bool) -> None:
    assert breaks(above, below, pitch=12.0) is expected


def test_pages_map_runs_of_text_to_their_page() -> None:
    pages = Pages((0, 100, 150, 160), (1, 2, 1, 2))
    assert [pages.page_of(i) for i in (0, 99, 100, 149, 150, 159, 160, 999)] == [
        1,
        1,
        2,
        2,
        1,
        1,
        2,
        2,
    ]


def test_unreadable_pdf_reasons() -> None:
    with pytest.raises(PdfReadError, match="damaged PDF"):
        read_pdf(b"%PDF-1.7\n" + b"x" * 100)
    with pytest.raises(PdfReadError, match=re.escape("no text layer")):
        read_pdf(_pdf(_scanned))


def test_headers_that_end_with_the_printed_page_number() -> None:
    """Chapter titles change, the printed page number runs in step with the pages; a
    year at a line's end is not a page number."""
    pages = [
        _page("Chapter 2: Methods 11", "How the survey was made.", "Prices rose in 2023"),
        _page("Chapter 3: Results 12", "What the survey found.", "and fell in 2024"),
        _page("Notes and sources", "A page without a header.", "The end"),
    ]
    assert furniture(pages) == [{0}, {0}, set()]
