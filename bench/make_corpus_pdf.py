"""Write corpus/harbour-outlook-brief.pdf, the sample PDF report of corpus/ (needs fpdf2).

The text is ours; the layout is what PDF reports have: a running header, page numbers at
the foot, a footnote marker in superscript, a word hyphenated at a line end, a sentence
that runs on over the page break, and a table of figures under its caption. Run it again
only to change the sample: `.venv/bin/python bench/make_corpus_pdf.py`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import fpdf

OUT = Path(__file__).resolve().parent.parent / "corpus" / "harbour-outlook-brief.pdf"
HEADER = "Valmara Ports Institute | Harbour Outlook Brief | June 2024"
PAGES: list[tuple[list[str | tuple[str, ...]], list[str]]] = [
    (
        [
            "Harbour Outlook after the Valmara Strike",
            "",
            "Dock workers at the Port of Valmara returned to work on 14 June 2024",
            "after a nine-day strike, the port authority said. The stoppage held up",
            "about 310 container ships and cost exporters an estimated 48 million",
            "euros, according to the Valmara Chamber of Commerce.^1",
            "",
            "The agreement raises wages by 6.5 percent over two years. Union leader",
            "Marta Oliveira told reporters that night shifts would be shorter from Sep-",
            "tember, and the port authority confirmed that 120 new crane operators",
            "will be hired before the end of the year. Shipping lines have not said",
        ],
        ["1 Valmara Chamber of Commerce, weekly trade bulletin, 17 June 2024."],
    ),
    (
        [
            "whether they will bring back the routes they moved to Porto Nuevo.",
            "",
            "Table 1: Ships waiting outside the port, June 2024",
            ("Day", "Container ships", "Bulk carriers", "Tankers"),
            ("5 June", "84", "21", "9"),
            ("9 June", "131", "34", "12"),
            ("13 June", "162", "40", "15"),
            ("17 June", "58", "17", "6"),
            "",
            "In our view, the port should publish its backlog figures every week until",
            "the queue of ships has cleared.",
        ],
        [],
    ),
]


def main() -> None:
    """Lay the brief out on two A4 pages and write it into corpus/."""
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Harbour Outlook after the Valmara Strike")
    pdf.set_author("Valmara Ports Institute")
    pdf.set_subject("https://institute.valmara-ports.example/briefs/harbour-outlook-2024")
    pdf.set_creation_date(dt.datetime(2024, 6, 18, tzinfo=dt.timezone.utc))
    for number, (lines, notes) in enumerate(PAGES, 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(20, 10)
        pdf.cell(170, 5, HEADER, align="C")
        pdf.set_xy(20, 285)
        pdf.cell(170, 5, str(number), align="C")
        for row, line in enumerate(lines):
            if isinstance(line, tuple):  # a table row: a label, then figures set right
                pdf.set_font("Helvetica", style="B" if line[0] == "Day" else "", size=9)
                pdf.set_xy(20, 25 + 6 * row)
                pdf.cell(35, 6, line[0])
                for column, cell in enumerate(line[1:]):
                    pdf.set_xy(50 + 32 * column, 25 + 6 * row)
                    pdf.cell(28, 6, cell, align="R")
                continue
            heading = number == 1 and row == 0
            pdf.set_font("Helvetica", style="B" if heading else "", size=15 if heading else 11)
            pdf.set_xy(20, 25 + 6 * row)
            before, _, after = line.partition("^")
            pdf.cell(pdf.get_string_width(before), 6, before)
            if after:  # a footnote marker in superscript
                pdf.char_vpos = "SUP"
                pdf.cell(pdf.get_string_width(after[0]), 6, after[0])
                pdf.char_vpos = "LINE"
                pdf.cell(150, 6, after[1:])
        pdf.set_font("Helvetica", size=8)
        for row, note in enumerate(notes):
            pdf.set_xy(20, 270 + 4 * row)
            pdf.cell(170, 4, note)
    OUT.write_bytes(bytes(pdf.output()))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
