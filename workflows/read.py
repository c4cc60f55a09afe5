"""Reading claim records back, line by line, from a JSON Lines file or standard input."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..extractors.records import Claim, RecordError, claim_from_dict


@dataclass(frozen=True)
class BadLine:
    """A line that is not a claim record: where it is and why."""

    source: str  # the file as the user named it, ``-`` for standard input
    line: int  # 1-based
    reason: str

    def message(self) -> str:
        """The one-line error (``LINE N: reason``, with the file when it is not stdin)."""
        where = f"LINE {self.line}" if self.source == "-" else f"{self.source}: LINE {self.line}"
        return f"{where}: {self.reason}"


def parse_lines(lines: Iterable[bytes | str], source: str = "-") -> Iterator[Claim | BadLine]:
    """Each non-blank line as a Claim, or a BadLine saying why it is not one."""
    for number, line in enumerate(lines, 1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield BadLine(source, number, "not UTF-8 text")
                continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            yield BadLine(source, number, f"not JSON ({err.msg})")
            continue
        try:
            yield claim_from_dict(data)
        except RecordError as err:
            yield BadLine(source, number, str(err))


def read_records(path: str = "-") -> Iterator[Claim | BadLine]:
    """The records of a JSON Lines file (``-``: standard input), streamed in order.

    Raises OSError when the file cannot be opened.
    """
    if path == "-":
        yield from parse_lines(sys.stdin.buffer, "-")
        return
    with Path(path).open("rb") as handle:
        yield from parse_lines(handle, path)
