"""`claimcite export`: claim records as schema.org ClaimReview JSON-LD or CSV."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import IO, Annotated

import typer

from .app import app
from .errors import report
from .help import example
from .records_input import EXIT_USAGE, RECORD_FILES, RecordInput


class Format(str, Enum):
    """What to export to."""

    claimreview = "claimreview"
    csv = "csv"


@app.command(
    epilog=example(
        "claimcite extract corpus/ | claimcite export --to claimreview -",
        "claimcite export --to csv claims.jsonl -o claims.csv",
    ),
)
def export(
    files: RECORD_FILES = None,
    to: Annotated[
        Format,
        typer.Option("--to", help="claimreview: schema.org ClaimReview JSON-LD, one object "
                     "per line; csv: one spreadsheet row per claim."),
    ] = Format.claimreview,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of stdout.", dir_okay=False),
    ] = None,
) -> None:
    """Export claim records as ClaimReview JSON-LD (ready for a rating) or as CSV."""
    from ..extractors.records import dumps
    from ..workflows.export import claim_reviews, write_csv

    records = RecordInput(files)
    with ExitStack() as stack:
        out = _open(stack, output, newline="" if to is Format.csv else None)
        try:
            if to is Format.csv:
                write_csv(records, out)
            else:
                for review in claim_reviews(list(records)):
                    out.write(dumps(review) + "\n")
            out.flush()
        except BrokenPipeError:  # `… | head`
            sys.stderr.close()
            raise typer.Exit(0) from None
    records.finish()


def _open(stack: ExitStack, output: Path | None, newline: str | None) -> IO[str]:
    if output is None:
        return sys.stdout
    try:
        return stack.enter_context(output.open("w", encoding="utf-8", newline=newline))
    except OSError as err:
        report(str(output), f"cannot write output ({err.strerror or err})")
        raise typer.Exit(EXIT_USAGE) from None
