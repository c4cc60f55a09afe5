"""Reading claim records for the commands that take them (report, summary, export, match).

Every such command takes ``[FILE...]`` (default ``-``, standard input), so that
``claimcite extract corpus/ | claimcite summary -`` composes. A line that is not a record
is reported on stderr as ``claimcite: error: LINE N: reason`` (``FILE: LINE N: reason``
for a named file), skipped, and makes the command exit 1 once it has done the rest.

    from .records_input import RECORD_FILES, RecordInput

    @app.command()
    def summary(files: RECORD_FILES = None) -> None:
        records = RecordInput(files)
        for claim in records:
            ...
        records.finish()  # exit 1 when any line or file could not be read
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated

import typer

from ..extractors.records import Claim
from ..workflows.read import BadLine, read_records
from .errors import report

EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2

RECORD_FILES = Annotated[
    list[str] | None,
    typer.Argument(
        help="JSON Lines files of claim records (as `claimcite extract` writes them), "
        "or - for standard input (the default).",
        metavar="FILE|-",
        show_default=False,
    ),
]


class RecordInput:
    """The claims of the named files (``-``: stdin) in order; bad lines reported and skipped."""

    def __init__(self, files: Sequence[str] | None) -> None:
        self.files = list(files) if files else ["-"]
        self.failed = False
        if self.files.count("-") > 1:
            report("-", "standard input can be read only once")
            raise typer.Exit(EXIT_USAGE)
        if "-" in self.files and sys.stdin.isatty():
            report("-", "no records: name a FILE or pipe records in "
                   "(claimcite extract corpus/ | claimcite …)")
            raise typer.Exit(EXIT_USAGE)
        readable = [name for name in self.files if name == "-" or self._readable(name)]
        if not readable:  # nothing to read: no output at all
            raise typer.Exit(EXIT_INPUT_FAILED)
        self.files = readable

    def _readable(self, name: str) -> bool:
        path = Path(name)
        if path.is_file():
            return True
        report(name, "is a directory, not a file of records" if path.is_dir() else "no such file")
        self.failed = True
        return False

    def __iter__(self) -> Iterator[Claim]:
        for name in self.files:
            try:
                for item in read_records(name):
                    if isinstance(item, BadLine):
                        self._bad(item)
                    else:
                        yield item
            except OSError as err:
                report(name, f"cannot read records ({err.strerror or err})")
                self.failed = True

    def _bad(self, line: BadLine) -> None:
        sys.stderr.write(f"claimcite: error: {line.message()}\n")
        sys.stderr.flush()
        self.failed = True

    def finish(self) -> None:
        """Exit 1 when a line or a file could not be read (after the output is written)."""
        if self.failed:
            raise typer.Exit(EXIT_INPUT_FAILED)
