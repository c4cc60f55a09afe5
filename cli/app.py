"""The typer application: one app object, one module per command."""

from __future__ import annotations

import gc

import typer

from .. import __version__

app = typer.Typer(
    name="claimcite",
    help="Extract checkable claims, with their actors, dates, attributions and citations, "
    "from articles as JSON Lines.",
    add_completion=True,  # --install-completion, --show-completion (README: Shell completion)
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcite {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """claimcite: claims and citations from articles, as JSON Lines."""


def _register() -> None:
    from . import (  # noqa: F401  (the modules add their commands to `app`)
        export,
        extract,
        match,
        report,
        schema,
        summary,
        text,
    )


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    finally:
        # The process ends here. Python's last garbage collections would walk every object
        # of the loaded model (about 0.2 s of every run that parsed text) for memory that
        # the operating system takes back at once: leave the objects there are out of them.
        gc.freeze()
