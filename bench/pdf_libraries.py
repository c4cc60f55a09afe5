"""Which PDF library reads reports best: pypdfium2 against pdfplumber (pdfminer.six).

    .venv/bin/python bench/pdf_libraries.py [PDF...]

Three kinds of PDF:

- a 20-page two-column report made here with fpdf2, whose text we know: the share of
  its 4-word shingles (``\\w+`` words, in reading order) that each library's text holds
  (recall: words and reading order) and the share of its text's shingles that are in
  the report (precision: nothing glued or garbled);
- a 20-page one-column report made here with a table of figures on every page: the
  share of its table rows that stand whole on one line of the text, cells in order
  (``table rows whole``: 0 when a table is read column by column);
- real PDFs given on the command line (by default those under /usr/share/doc, when
  there are any): the share of "words" of 25 letters or more (words glued together
  when a library loses the spaces), and the time taken.

Times are the median of three reads of all the PDFs, as a ratio to pypdfium2's plain
text in the same run, and per page. ``claimcite`` is pypdfium2 with claimcite's layout
(columns, running headers and footers, paragraphs, tables: ``read_pdf``); ``claimcite,
no tables`` is the same with table detection switched off (what the layout cost before
tables were read as tables), so the two rows give the cost of finding tables; the last
line times the layout alone (pdfium's reading of the runs of text aside) with and without.
"""

from __future__ import annotations

import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from claimcite.extractors.reading import pdf_input
from claimcite.extractors.reading.pdf_input import read_pdf

WORDS = [
    *[
        "port",
        "authority",
        "cargo",
        "volumes",
        "fell",
        "council",
        "ferry",
        "operator",
        "routes",
        "winter",
    ],
    *[
        "subsidies",
        "mayor",
        "budget",
        "harbour",
        "shipping",
        "lines",
        "changes",
        "customs",
        "data",
        "report",
    ],
    *[
        "figures",
        "quarter",
        "growth",
        "decline",
        "minister",
        "announced",
        "agreement",
        "treaty",
        "river",
    ],
    *["water", "share", "agency", "inspectors", "survey", "result"],
]


def _sentence(n: int) -> str:
    draw = random.Random(n)
    words = [draw.choice(WORDS) for _ in range(draw.randint(8, 16))]
    return " ".join(words).capitalize() + f" in {draw.randint(1990, 2024)}."


def make_report(path: Path, pages: int = 20) -> str:
    """A two-column report with a running header and page numbers; its text in reading
    order (the columns written right first, so the file's order is not the reading order)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    gold: list[str] = []
    n = 0
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(20, 10)
        pdf.cell(170, 5, "Institute for Harbour Studies | Annual report", align="C")
        pdf.set_xy(20, 285)
        pdf.cell(170, 5, str(page), align="C")
        pdf.set_font("Helvetica", size=10)
        columns = []
        for _ in range(2):
            text = " ".join(_sentence(n + i) for i in range(12))
            n += 12
            columns.append(text)
            gold.append(text)
        for x, text in ((110, columns[1]), (20, columns[0])):
            pdf.set_xy(x, 25)
            pdf.multi_cell(80, 5, text)
    pdf.output(str(path))
    return " ".join(gold)


def make_tables_report(path: Path, pages: int = 20) -> list[tuple[str, ...]]:
    """A one-column report with a table of figures on every page (a paragraph, a caption,
    a header row and six rows of five cells, a paragraph); the rows of its tables."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    draw = random.Random(7)
    made: list[tuple[str, ...]] = []
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.set_xy(20, 25)
        pdf.multi_cell(170, 5, " ".join(_sentence(100 * page + i) for i in range(6)))
        pdf.set_xy(20, pdf.get_y() + 5)
        pdf.cell(170, 5, f"Table {page + 1}: Cargo by port and quarter (thousand tonnes)")
        rows = [("Port", "Q1", "Q2", "Q3", "Q4")] + [
            (draw.choice(WORDS).capitalize(), *(f"{draw.uniform(1, 999):.1f}" for _ in range(4)))
            for _ in range(6)
        ]
        y = pdf.get_y() + 8
        pdf.set_font("Helvetica", size=9)
        for row in rows:
            pdf.set_xy(20, y)
            pdf.cell(50, 5, row[0])
            for column, cell in enumerate(row[1:]):
                pdf.set_xy(70 + 28 * column, y)
                pdf.cell(22, 5, cell, align="R")
            y += 5
        made.extend(rows)
        pdf.set_font("Helvetica", size=10)
        pdf.set_xy(20, y + 5)
        pdf.multi_cell(170, 5, " ".join(_sentence(100 * page + 50 + i) for i in range(6)))
    pdf.output(str(path))
    return made


def _rows_whole(text: str, rows: list[tuple[str, ...]]) -> float:
    """The share of a table's rows that stand on one line of the text, cells in order and
    nothing else on the line but separators."""
    lines = {" ".join(re.findall(r"[\w.]+", line)) for line in text.splitlines()}
    return sum(" ".join(row) in lines for row in rows) / len(rows)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return Counter(zip(*(words[i:] for i in range(4)), strict=False))


def _pdfium_plain(path: Path) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def _pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _claimcite(path: Path) -> str:
    return read_pdf(path.read_bytes()).text


def _claimcite_no_tables(path: Path) -> str:
    found = pdf_input.tables
    pdf_input.tables = lambda rows: []  # the layout as it was before tables were found
    try:
        return read_pdf(path.read_bytes()).text
    finally:
        pdf_input.tables = found


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


READERS: dict[str, Callable[[Path], str]] = {
    "pypdfium2": _pdfium_plain,
    "claimcite": _claimcite,
    "claimcite, no tables": _claimcite_no_tables,
    "pdfplumber": _pdfplumber,
}


def _timed(reader: Callable[[Path], str], paths: list[Path]) -> tuple[float, list[str]]:
    times = []
    texts: list[str] = []
    for _ in range(3):
        start = time.perf_counter()
        texts = [reader(p) for p in paths]
        times.append(time.perf_counter() - start)
    return statistics.median(times), texts


def layout_cost(paths: list[Path], rounds: int = 7) -> tuple[float, float]:
    """The time claimcite's layout alone (``lay_out``, the runs of text read once) takes
    on all the PDFs with tables found and without (the fastest of ``rounds`` runs each,
    the two taken in turn)."""
    import pypdfium2 as pdfium

    documents = []
    for path in paths:
        document = pdfium.PdfDocument(path)
        try:
            documents.append([pdf_input._boxes(document[i]) for i in range(len(document))])
        finally:
            document.close()
    found = pdf_input.tables
    times: dict[bool, list[float]] = {True: [], False: []}
    try:
        for _ in range(rounds):
            for tables in (True, False):
                pdf_input.tables = found if tables else (lambda rows: [])
                start = time.perf_counter()
                for pages in documents:
                    pdf_input.lay_out(pages)
                times[tables].append(time.perf_counter() - start)
    finally:
        pdf_input.tables = found
    return min(times[True]), min(times[False])


def main(argv: list[str]) -> None:
    real = [Path(a) for a in argv] or sorted(Path("/usr/share/doc").rglob("*.pdf"))[:10]
    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder) / "report.pdf"
        gold = _shingles(make_report(made))
        with_tables = Path(folder) / "tables.pdf"
        table_rows = make_tables_report(with_tables)
        base = None
        pages = sum(_pages(p) for p in [made, with_tables, *real])
        print(
            f"real PDFs: {len(real)}; made: 2 (20 pages, two columns; 20 pages, a table on "
            f"each); {pages} pages in all"
        )
        print(
            "library               time(s)  ratio  ms/page  made: P     R      "
            "table rows whole  real: glued words"
        )
        for name, reader in READERS.items():
            seconds, texts = _timed(reader, [made, with_tables, *real])
            whole = _rows_whole(texts[1], table_rows)
            texts = [texts[0], *texts[2:]]
            base = base or seconds
            found = _shingles(texts[0])
            shared = sum((found & gold).values())
            precision = shared / max(1, sum(found.values()))
            recall = shared / max(1, sum(gold.values()))
            words = [w for t in texts[1:] for w in re.findall(r"\S+", t)]
            glued = sum(len(re.sub(r"\W", "", w)) >= 25 for w in words) / max(1, len(words))
            print(
                f"{name:<21} {seconds:7.2f}  {seconds / base:5.2f}  {1000 * seconds / pages:7.1f}  "
                f"{precision:.3f}  {recall:.3f}  {whole:16.2f}  {glued:.2%}"
            )
        with_found, without = layout_cost([made, with_tables, *real])
        print(
            f"claimcite's layout alone: {1000 * with_found:.0f} ms with tables found, "
            f"{1000 * without:.0f} ms without: {with_found / without:.2f}x"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
