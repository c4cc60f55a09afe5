"""Tables in PDFs: found in the page layout, written as rows of cells between ``|``, read
as table rows (``other`` records), never glued to the prose around them; and columns of
prose or lists of short lines are not taken for tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from claimcite.extractors.reading.cleanup import clean, line_kind
from claimcite.extractors.reading.pdf_input import Box, bands, lay_out, reading_order, tables

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a development dependency) makes the test PDFs")

BEFORE = [
    "Exports through the port of Valmara grew in each of the last three",
    "years, the port authority said on Monday. Its own figures are below.",
]
CAPTION = "Table 2: Exports by port, 2021-2023 (million tonnes)"
TABLE = [
    ("Port", "2021", "2022", "2023"),
    ("Valmara", "12.4", "13.1", "14.0"),
    ("Porto Nuevo", "8.2", "7.9", "8.8"),
    ("Lindby", "3.1", "3.3", "3.6"),
    ("Total", "23.7", "24.3", "26.4"),
]
AFTER = [
    "The mayor said that the port would publish the figures every quarter",
    "from now on. Lindby will close its grain terminal in 2025.",
]
SENTENCES = {  # the prose, sentence by sentence, and its page
    "Exports through the port of Valmara grew in each of the last three years, the port authority said on Monday.": 1,
    "Its own figures are below.": 1,
    CAPTION: 2,
    "The mayor said that the port would publish the figures every quarter from now on.": 2,
    "Lindby will close its grain terminal in 2025.": 2,
}
ROWS = [" | ".join(row) for row in TABLE]


def _lines(pdf: Any, lines: list[str], y: float, x: float = 20, size: float = 11) -> float:
    pdf.set_font("Helvetica", size=size)
    for line in lines:
        pdf.set_xy(x, y)
        pdf.cell(170, 6, line)
        y += 6
    return y


def _cells_by_hand(pdf: Any, y: float) -> float:
    """The table as a report tool sets it: no rules, labels left, figures right-aligned
    in columns 15 mm apart, smaller type than the text."""
    pdf.set_font("Helvetica", size=9)
    for row in TABLE:
        pdf.set_xy(20, y)
        pdf.cell(45, 5, row[0])
        for column, cell in enumerate(row[1:]):
            pdf.set_xy(65 + 25 * column, y)
            pdf.cell(18, 5, cell, align="R")
        y += 5
    return y


def _fpdf_table(width: float, col_widths: tuple[float, ...]) -> Callable[[Any, float], float]:
    """The table as fpdf2's table() draws it (ruled cells, a bold heading row), at a width;
    with a first column too narrow for "Porto Nuevo", that label wraps."""

    def draw(pdf: Any, y: float) -> float:
        pdf.set_font("Helvetica", size=10)
        pdf.set_y(y)
        with pdf.table(width=width, col_widths=col_widths, align="LEFT") as table:
            for cells in TABLE:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        return float(pdf.get_y())

    return draw


_FPDF_TABLE = _fpdf_table(150, (60, 30, 30, 30))
_FPDF_TABLE_WRAPPED = _fpdf_table(110, (17, 31, 31, 31))


def _report(path: Path, draw_table: Callable[[Any, float], float]) -> Path:
    """Two pages with a running header and page numbers: a paragraph on page 1; a
    caption, the table and a paragraph on page 2."""
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for number in (1, 2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(20, 10)
        pdf.cell(170, 5, "Valmara Ports Institute | Trade Brief", align="C")
        pdf.set_xy(20, 285)
        pdf.cell(170, 5, str(number), align="C")
        if number == 1:
            _lines(pdf, BEFORE, 25)
            continue
        y = _lines(pdf, [CAPTION], 25) + 3
        y = draw_table(pdf, y) + 6
        _lines(pdf, AFTER, y)
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.mark.parametrize(
    "draw_table",
    [_cells_by_hand, _FPDF_TABLE, _FPDF_TABLE_WRAPPED],
    ids=["by-hand", "fpdf", "wrapped"],
)
def test_a_table_between_paragraphs(
    tmp_path: Path,
    draw_table: Callable[[Any, float], float],
    cli: Callable[..., Any],
    records: Callable[..., list[dict[str, Any]]],
) -> None:
    path = _report(tmp_path / "brief.pdf", draw_table)
    shown = cli("text", str(path))
    assert shown.exit_code == 0, shown.stderr
    text = shown.stdout
    block = "\n".join(f"| {row} |" for row in ROWS)
    assert f"{CAPTION}\n\n{block}\n\nThe mayor said" in text  # a block of its own
    rows = records(str(path), "--all")
    assert {r["text"]: r["span"]["page"] for r in rows} == {
        **SENTENCES,
        **dict.fromkeys(ROWS, 2),
    }  # the prose whole, sentence by sentence; one record per row, no mixture
    assert [r["text"] for r in rows if r["text"] in ROWS] == ROWS  # in order
    for row in rows:
        span = row["span"]
        assert " ".join(text[span["start"] : span["end"]].split()) == row["text"]
        assert span["line"] == text.count("\n", 0, span["start"]) + 1
        if row["text"] in ROWS:
            assert row["kind"] == "other"
    assert {r["text"] for r in records(str(path))} <= set(SENTENCES)  # no row is a fact


def _box(left: float, top: float, text: str, size: float = 10.0) -> Box:
    return Box(left, top - size, left + 5.0 * len(text), top, text, size)


def _prose(left: float, top: float, lines: list[str], pitch: float = 12.0) -> list[Box]:
    return [_box(left, top - pitch * i, line) for i, line in enumerate(lines)]


def _grid(
    left: float, top: float, rows: Sequence[tuple[str, ...]], widths: list[float]
) -> list[Box]:
    """Rows of cells, each column starting where ``widths`` puts it (empty cells left out)."""
    boxes = []
    for i, row in enumerate(rows):
        x = left
        for cell, width in zip(row, widths, strict=True):
            if cell:
                boxes.append(_box(x, top - 12.0 * i, cell))
            x += width
    return boxes


COLUMN = ["one two three four five six", "seven eight nine ten eleven", "twelve thirteen"]
GRID = [("Port", "2021", "2022", "2023"), ("Valmara", "12.4", "13.1", "14.0"),
        ("Lindby", "3.1", "", "3.6"), ("Total", "15.5", "13.1", "17.6")]  # fmt: skip
WIDTHS = [80.0, 50.0, 50.0, 50.0]
GRID_LINES = ["| Port | 2021 | 2022 | 2023 |", "| Valmara | 12.4 | 13.1 | 14.0 |",
              "| Lindby | 3.1 | | 3.6 |", "| Total | 15.5 | 13.1 | 17.6 |"]  # fmt: skip
LINES_3 = [  # lines of five words or fewer: no cell of prose is too long for a table
    "Ferries on the northern routes",
    "ran late on most days",
    "last winter, the operator",
]

# Each case: the boxes of a page and its lines in reading order (table rows as written).
TABLE_CASES = [
    pytest.param(
        _prose(50, 760, ["Exports grew in each of the last three years.", "Figures:"])
        + _grid(50, 720, GRID, WIDTHS)
        + _prose(50, 660, ["The mayor spoke on Monday."]),
        ["Exports grew in each of the last three years.", "Figures:", *GRID_LINES,
         "The mayor spoke on Monday."],
        id="a table between paragraphs, with an empty cell",
    ),
    pytest.param(
        [_box(50, 732, "Port"), _box(130, 732, "Exports (million tonnes)"),
         *_grid(50, 720, [("", "2021", "2022", "2023"), *GRID[1:]], WIDTHS)],
        ["| Port | Exports (million tonnes) |", "| | 2021 | 2022 | 2023 |", *GRID_LINES[1:]],
        id="a heading over several columns joins the table",
    ),
    pytest.param(
        _grid(50, 720, [GRID[0], ("Valmara bulk", "12.4", "13.1", "14.0"), ("terminal", "", "", ""),
                        *GRID[2:]], WIDTHS),
        [GRID_LINES[0], "| Valmara bulk terminal | 12.4 | 13.1 | 14.0 |", *GRID_LINES[2:]],
        id="a label wrapped over two lines is one cell",
    ),
    pytest.param(
        _grid(50, 720, [GRID[0], ("Northern ports", "", "", ""), *GRID[1:]], WIDTHS),
        [GRID_LINES[0], "| Northern ports | | |", *GRID_LINES[1:]],  # over two columns
        id="a row with only a section heading stays a row",
    ),
    pytest.param(
        _prose(50, 760, COLUMN) + _prose(300, 760, COLUMN),
        COLUMN + COLUMN,
        id="two columns of prose are no table",
    ),
    pytest.param(
        _prose(50, 760, LINES_3) + _prose(210, 760, LINES_3) + _prose(370, 760, LINES_3),
        LINES_3 * 3,
        id="three columns of prose with short lines are no table",
    ),
    pytest.param(
        _prose(50, 760, ["Ports visited:", "Valmara", "Porto Nuevo", "Lindby", "2021", "2023"]),
        ["Ports visited:", "Valmara", "Porto Nuevo", "Lindby", "2021", "2023"],
        id="a list of short lines is no table",
    ),
    pytest.param(
        _prose(50, 760, LINES_3 * 3, pitch=10.0)
        + _prose(300, 760, ["The figures of the port:"], pitch=10.0)
        + _grid(300, 740, GRID, [60.0, 35.0, 35.0, 35.0])
        + _prose(300, 680, ["Lindby shrank."]),
        [*LINES_3 * 3, "The figures of the port:", *GRID_LINES, "Lindby shrank."],
        id="a table in the right column of two",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("boxes", "lines"), TABLE_CASES)
def test_tables_in_the_layout(boxes: list[Box], lines: list[str]) -> None:
    found = reading_order(boxes)
    assert [line.text for line in found] == lines
    assert [line.text for line in found if line.table is not None] == [
        line for line in lines if line.startswith("|")
    ]


def test_a_caption_is_not_a_row() -> None:
    rows = bands(
        [_box(50, 740, "Table 2: Exports by port, 2021-2023"), *_grid(50, 725, GRID, WIDTHS)]
    )
    assert [(t.start, t.end) for t in tables(rows)] == [(1, 5)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("| Valmara | 12.4 | 13.1 |", "table"),
        ("  | Port | 2021 |", "table"),
        ("| | 2021 | 2022 |", "table"),
        ("|---|:---:|---:|", "rule"),
        ("| --- | --- |", "rule"),
        ("| one cell |", "paragraph"),
        ("Valmara Ports Institute | Trade Brief | June", "paragraph"),
        ("The pipe | is no table.", "paragraph"),
    ],
)
def test_table_rows_in_text(line: str, kind: str) -> None:
    assert line_kind(line) == kind


def test_a_markdown_table_is_read_row_by_row() -> None:
    text = (
        "Exports grew.\n\n| Port | 2021 | 2022 |\n|---|---:|---:|\n| Valmara | 12.4 | 13.1 |\n"
        "Lindby grew too.\n"
    )
    cleaned = clean(text)
    assert [(b.kind, b.text) for b in cleaned.blocks] == [
        ("paragraph", "Exports grew."),
        ("table", "Port | 2021 | 2022"),
        ("table", "Valmara | 12.4 | 13.1"),
        ("paragraph", "Lindby grew too."),
    ]
    for block in cleaned.blocks:
        assert block.clean_start is not None and block.clean_end is not None
        start, end = cleaned.original_span(block.clean_start, block.clean_end)
        assert text[start:end] == block.text


def test_rows_in_small_type_that_start_with_a_number_are_no_footnotes() -> None:
    """A table in smaller type whose rows start with a number that is also a footnote
    marker of the text stays a table, and a paragraph cut by it is not joined over it."""
    body = [
        _box(50, 760, "Exports grew in each of the last three years"),
        Box(271, 755, 275, 761, "1", 6.0),  # a superscript footnote marker
        _box(50, 748, "the port authority said."),
    ]
    rows = [("1", "Valmara", "12.4", "13.1"), ("2", "Lindby", "3.1", "3.3"),
            ("3", "Porto", "8.2", "7.9")]  # fmt: skip
    small = [
        Box(50 + x, 720 - 10 * i - 8, 50 + x + 4.0 * len(cell), 720 - 10 * i, cell, 8.0)
        for i, row in enumerate(rows)
        for x, cell in zip((0, 40, 120, 170), row, strict=True)
    ]
    text, pages = lay_out([[*body, *small, _box(50, 680, "The mayor spoke on Monday.")]])
    assert text == (
        "Exports grew in each of the last three years^1\nthe port authority said.\n\n"
        "| 1 | Valmara | 12.4 | 13.1 |\n| 2 | Lindby | 3.1 | 3.3 |\n| 3 | Porto | 8.2 | 7.9 |\n\n"
        "The mayor spoke on Monday.\n"
    )
    assert pages.page_of(text.index("| 2 |")) == 1
