"""`claimcite match`: read claim records, write them back with their matches."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from ..workflows.match_defaults import SAME_THRESHOLD
from .app import app
from .errors import report
from .help import example
from .records_input import RECORD_FILES, RecordInput

if TYPE_CHECKING:
    from ..workflows.reviews import Review

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


class Engine(str, Enum):
    """Where the pairs are scored."""

    local = "local"
    dask = "dask"


def _threshold(value: float) -> float:
    if not 0 < value <= 1:
        raise typer.BadParameter(f"{value} is not a score in (0, 1]")
    return value


@app.command(
    epilog=example(
        "claimcite extract corpus/ | claimcite match - | jq -c 'select(.cluster) | .matches'",
        "claimcite match oped.jsonl paper.jsonl -o matched.jsonl",
        "claimcite match claims.jsonl --against factchecks.jsonld | jq -c '.matches'",
        "claimcite match big.jsonl --engine dask --scheduler tcp://127.0.0.1:8786 -o out.jsonl",
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
    against: Annotated[
        str | None,
        typer.Option(
            "--against",
            help="ClaimReview JSON-LD (a published fact check, or what `claimcite export "
            "--to claimreview` writes): link the claims to the reviews that match them.",
            metavar="FILE",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this process; dask: score the pairs on a Dask cluster (same output).",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="With --engine dask: the address of a running scheduler (tcp://host:8786); "
            "without it a local cluster of --workers processes is started.",
            metavar="ADDRESS",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="With --engine dask and no --scheduler: worker processes (default: every core).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Link claims that state the same thing across sources (fills `matches`, `cluster`)."""
    from ..extractors.engines import dask_available

    if engine is Engine.local and (scheduler or workers):
        report("--scheduler" if scheduler else "--workers", "only with --engine dask")
        raise typer.Exit(EXIT_USAGE)
    if engine is Engine.dask and not dask_available():
        report("--engine dask", "needs dask and distributed: pip install 'claimcite[dask]'")
        raise typer.Exit(EXIT_USAGE)
    reviews = _reviews(against) if against else None
    records = RecordInput(files)
    with ExitStack() as stack:
        out = _open_output(stack, output)
        failed = write_matched(
            records, out, threshold, engine.value, scheduler, workers, reviews=reviews
        )
    records.finish()
    if failed:
        raise typer.Exit(EXIT_INPUT_FAILED)


def write_matched(
    claims: Iterable[object],
    out: IO[str],
    threshold: float,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    reviews: Sequence[Review] | None = None,
) -> bool:
    """Match the claims (and link them to ``reviews``) and write them as JSON Lines, in
    input order; True when the Dask job failed (reported, nothing written)."""
    from ..extractors.engines import EngineError, SchedulerError
    from ..extractors.records import Claim, to_json
    from ..workflows.match import match_claims

    records = [c for c in claims if isinstance(c, Claim)]
    try:
        matched = match_claims(records, threshold, engine, scheduler, workers)
        if reviews:
            from ..workflows.reviews import link_reviews

            matched = link_reviews(matched, reviews, threshold)
    except SchedulerError as err:
        report("--scheduler", str(err))
        raise typer.Exit(EXIT_USAGE) from None
    except EngineError as err:
        report("--engine dask", str(err))
        return True
    try:
        for claim in matched:
            out.write(to_json(claim) + "\n")
        out.flush()
    except BrokenPipeError:  # `claimcite match … | head`
        sys.stderr.close()
    return False


def _reviews(path: str) -> list[Review]:
    from ..workflows.reviews import ReviewError, read_reviews

    try:
        return read_reviews(path)
    except ReviewError as err:
        report(path, str(err))
        raise typer.Exit(EXIT_USAGE) from None


def _open_output(stack: ExitStack, output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    try:
        return stack.enter_context(output.open("w", encoding="utf-8"))
    except OSError as err:
        report(str(output), f"cannot write output ({err.strerror or err})")
        raise typer.Exit(EXIT_USAGE) from None
