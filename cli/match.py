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

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


def _threshold(value: float) -> float:
    if not 0 < value <= 1:
        raise typer.BadParameter(f"{value} is not a score in (0, 1]")
    return value


@app.command()
def match(
    path: Annotated[
        str,
        typer.Argument(
            help="Claim records (JSON Lines, as `claimcite extract` writes) or - for stdin.",
            metavar="[FILE|-]",
        ),
    ] = "-",
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
    """Link claims that state the same thing across sources (writes `matches`, `cluster`)."""
    from ..workflows.read import read_records

    try:
        items = list(read_records(path))
    except OSError as err:
        report(path, f"cannot read ({err.strerror or err})")
        raise typer.Exit(EXIT_INPUT_FAILED) from None
    with ExitStack() as stack:
        out = _open_output(stack, output)
        failed = write_matched(items, out, threshold)
    if failed:
        raise typer.Exit(EXIT_INPUT_FAILED)


def write_matched(items: Iterable[object], out: IO[str], threshold: float) -> bool:
    """Match the claims among ``items`` and write them; report the bad lines among them.

    True when any line was not a claim record.
    """
    from ..extractors.records import Claim, to_json
    from ..workflows.match import match_claims
    from ..workflows.read import BadLine

    claims: list[Claim] = []
    failed = False
    for item in items:
        if isinstance(item, BadLine):
            sys.stderr.write(f"claimcite: error: {item.message()}\n")
            failed = True
        elif isinstance(item, Claim):
            claims.append(item)
    try:
        for claim in match_claims(claims, threshold):
            out.write(to_json(claim) + "\n")
        out.flush()
    except BrokenPipeError:  # `claimcite match … | head`
        sys.stderr.close()
    return failed


def _open_output(stack: ExitStack, output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    try:
        return stack.enter_context(output.open("w", encoding="utf-8"))
    except OSError as err:
        report(str(output), f"cannot write output ({err.strerror or err})")
        raise typer.Exit(EXIT_USAGE) from None
