"""`claimcite report`: the review page of claim records, one self-contained HTML file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .errors import report as error
from .help import example
from .records_input import EXIT_USAGE, RECORD_FILES, RecordInput


@app.command(
    epilog=example(
        "claimcite extract corpus/ | claimcite report - -o report.html",
        "claimcite report claims.jsonl --title 'Budget stories' -o budget.html",
    ),
)
def report(
    files: RECORD_FILES = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the page here instead of stdout.",
                     dir_okay=False),
    ] = None,
    title: Annotated[
        str, typer.Option("--title", help="The page's title.")
    ] = "Claims for review",
) -> None:
    """Write an HTML page for reviewing claims: grouped by source, actors and dates
    highlighted, check-worthiness bars, a filter box and a timeline (no network needed)."""
    from ..workflows.report import render

    records = RecordInput(files)
    page = render(records, title)
    if output is None:
        sys.stdout.write(page)
    else:
        try:
            output.write_text(page, encoding="utf-8")
        except OSError as err:
            error(str(output), f"cannot write the report ({err.strerror or err})")
            raise typer.Exit(EXIT_USAGE) from None
    records.finish()
