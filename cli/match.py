"""`claimcite match`: read claim records, write them back with their matches."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Annotated

import typer

from ..workflows.match_defaults import SAME_THRESHOLD
from .app import app
from .errors import report
from .help import example
from .records_input import RECORD_FILES, RecordInput

EXIT_USAGE = 2


def _threshold(value: float) -> float:
    if not 0 < value <= 1:
        raise typer.BadParameter(f"{value} is not a score in (0, 1]")
    return value


@app.command(
    epilog=example(
        "claimcite extract corpus/ | claimcite match - | jq -c 'select(.cluster) | .matches'",
        "claimcite match oped.jsonl paper.jsonl -o matched.jsonl",
    ),
)
def match(
    files: RECORD_FILES = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the JSON Lines here instead of stdout.", dir_okay=False
        ),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            help="The score from which two claims state the same thing (0-1).",
            callback=_threshold,
        ),
    ] = SAME_THRESHOLD,
) -> None:
    """Link claims that state the same thing across sources (fills `matches`, `cluster`)."""
    records = RecordInput(files)
    with ExitStack() as stack:
        out = _open_output(stack, output)
        write_matched(records, out, threshold)
    records.finish()


def write_matched(claims: Iterable[object], out: IO[str], threshold: float) -> None:
    """Match the claims and write them as JSON Lines, in input order."""
    from ..extractors.records import Claim, to_json
    from ..workflows.match import match_claims

    records = [c for c in claims if isinstance(c, Claim)]
    try:
        for claim in match_claims(records, threshold):
            out.write(to_json(claim) + "\n")
        out.flush()
    except BrokenPipeError:  # `claimcite match … | head`
        sys.stderr.close()


def _open_output(stack: ExitStack, output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    try:
        return stack.enter_context(output.open("w", encoding="utf-8"))
    except OSError as err:
        report(str(output), f"cannot write output ({err.strerror or err})")
        raise typer.Exit(EXIT_USAGE) from None
