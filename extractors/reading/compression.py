"""Gzip-compressed inputs (``page.html.gz``, ``notes.txt.gz``): read as the file inside."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

GZIP_SUFFIX = ".gz"
GZIP_MAGIC = b"\x1f\x8b"


class DamagedGzipError(Exception):
    """A file that starts as gzip but cannot be decompressed."""


def inner_name(path: str) -> str:
    """The name of the file inside a gzip file (``page.html.gz`` → ``page.html``); other
    names as they are."""
    return path[: -len(GZIP_SUFFIX)] if path.lower().endswith(GZIP_SUFFIX) else path


def is_gzip(data: bytes) -> bool:
    """Whether bytes are gzip-compressed (by their first two bytes)."""
    return data[:2] == GZIP_MAGIC


def gunzip(data: bytes) -> bytes:
    """The decompressed bytes of a gzip file (every member); DamagedGzipError if they are cut
    short or corrupt."""
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as err:
        raise DamagedGzipError(str(err) or type(err).__name__) from None


def stored_size(path: str | Path) -> int | None:
    """The size of a gzip file's content as its trailer records it (modulo 4 GiB, exact
    for one member below that), without decompressing; None when it cannot be read."""
    try:
        with Path(path).open("rb") as handle:
            if handle.read(2) != GZIP_MAGIC:
                return None
            handle.seek(-4, 2)
            return int.from_bytes(handle.read(4), "little")
    except OSError:
        return None
