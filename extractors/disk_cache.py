"""A small cache on disk for what every run would otherwise rebuild the same way.

Each entry is one JSON file, ``NAME.json`` in the cache folder, holding the value and the
key it was built for (a digest of everything it depends on): an entry whose key differs,
or that cannot be read, is a miss and is rebuilt. The folder is ``$CLAIMCITE_CACHE_DIR``,
else ``$XDG_CACHE_HOME/claimcite``, else ``~/.cache/claimcite``; ``CLAIMCITE_CACHE_DIR=``
(empty) turns the cache off. A folder that cannot be written only costs the time saved:
entries are written to a temporary file and renamed, so that runs at the same time never
read half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

CACHE_ENV = "CLAIMCITE_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen).expanduser() if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimcite"


def digest(parts: Iterable[str | bytes]) -> str:
    """A key made of every part (each counted with its length, so parts cannot run together)."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "little"))
        sha.update(data)
    return sha.hexdigest()


def load(name: str, key: str) -> Any | None:
    """The value cached under ``name`` for ``key``, or None (no cache, no entry, another key)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{name}.json").open(encoding="utf-8") as handle:
            entry = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    return entry.get("value")


def store(name: str, key: str, value: Any) -> None:
    """Cache ``value`` (JSON) under ``name`` for ``key``; silently nothing if it cannot."""
    folder = cache_dir()
    if folder is None:
        return
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}-", suffix=".json", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"key": key, "value": value}, out, separators=(",", ":"))
            Path(temporary).replace(folder / f"{name}.json")
        finally:
            with suppress(OSError):
                Path(temporary).unlink()
