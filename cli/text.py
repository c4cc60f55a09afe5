"""`claimcite text`: print the text that a record's offsets index."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .app import app
from .errors import report
from .help import example

EXIT_INPUT_FAILED = 1


@app.command(
    epilog=example("claimcite text report.pdf | less", "claimcite text article.md | wc -c")
)
def text(
    path: Annotated[
        str,
        typer.Argument(
            help="An article file (text, Markdown, HTML or PDF) or - for stdin.", metavar="PATH"
        ),
    ],
) -> None:
    """Print the text that records' offsets index (for a PDF, the text read from it)."""
    from ..extractors.reading.sources import InputError, original_text

    try:
        content = original_text(path)
    except InputError as err:
        report(err.path, err.reason)
        raise typer.Exit(EXIT_INPUT_FAILED) from None
    try:
        sys.stdout.buffer.write(content.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:  # `claimcite text report.pdf | head`
        sys.stderr.close()
