"""Where a run's records go, so that no claim is lost: standard output, or an output file
that is replaced atomically and can be resumed; a list of the inputs that failed; and
clean stops on SIGINT/SIGTERM.

- :class:`StreamOutput` writes each document's records to a stream as soon as they are
  done, whole lines only.
- :class:`FileOutput` writes to a temporary file in the output's folder and renames it
  over the output only when the run has ended (:meth:`FileOutput.commit`); a reader never
  sees a half-written file. An existing file is only replaced with ``force``.
- With ``resume`` the temporary file has a fixed name, ``.NAME.partial``, beside
  ``.NAME.partial.done``: a journal with one JSON line per finished input
  (``{"path", "sha256", "end"}``; ``end`` is the size of the partial file once the
  input's records are in it). An input with no records still gets its line, so it counts
  as done. A new run with ``resume`` keeps the partial file up to the last journal line
  (records of an input cut off half-way are dropped), or, when there is no partial file,
  starts from the records of the finished output file, in both cases cut back to before the
  first input that changed or is gone since; :func:`record_run` then skips
  every input whose path and SHA-256 are already done and appends the rest, so the end
  result is the same bytes as one uninterrupted run. Each finished input is read and
  hashed once per run: the hashes taken to check the journal (``hashes``) are reused to
  skip it. Failed inputs are never done: they
  are tried again, and reported again.
- :class:`ErrorLog` writes ``{"path", "reason", "code"}`` per failed input.
- :class:`StopSignals` turns SIGINT and SIGTERM into :class:`Stopped`, held back while a
  document's records are being written so that no output ends in a partial line.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Protocol

from .engines import Failed, Outcome, Written, run_local
from .options import ExtractOptions, with_directory_manifests
from .reading.sources import InputError, iter_inputs
from .records import dumps

PARTIAL_SUFFIX = ".partial"  # .NAME.partial: a resumable run's records so far
JOURNAL_SUFFIX = ".partial.done"  # .NAME.partial.done: the inputs finished in it

Done = Counter[tuple[str, str]]  # (path, sha256) of finished inputs, with multiplicity
Hashes = dict[str, str | None]  # path -> SHA-256 of its bytes now (None: unreadable)


class OutputError(Exception):
    """An output that cannot be written or resumed (a usage error: exit 2)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Stopped(BaseException):
    """The run was stopped by a signal (SIGINT, SIGTERM); not an error in the program."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal number (130 for SIGINT, 143 for SIGTERM)."""
        return 128 + self.signum


class StopSignals:
    """While active, SIGINT and SIGTERM raise :class:`Stopped` in the main thread — but
    not inside a :meth:`deferred` block, at whose end a stop that came meanwhile is raised.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self._depth = 0
        self._pending: int | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for signum in self.SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._depth:
            self._pending = self._pending or signum
        else:
            raise Stopped(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold back a stop until the block is done (writing one document's records)."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if not self._depth and self._pending is not None:
                signum, self._pending = self._pending, None
                raise Stopped(signum)


class Output(Protocol):
    """Where records go."""

    @property
    def done(self) -> Done:
        """The inputs whose records are already there (resume), else empty."""
        ...

    @property
    def hashes(self) -> Hashes:
        """The inputs already hashed this run (to check ``done``), not to be read again."""
        ...

    def write(self, outcome: Written) -> None:
        """Add one document's records (a whole number of lines)."""
        ...


class StreamOutput(AbstractContextManager["StreamOutput"]):
    """Records to a text stream (standard output), flushed document by document."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.done: Done = Counter()
        self.hashes: Hashes = {}

    def write(self, outcome: Written) -> None:
        """Write and flush one document's records."""
        if outcome.lines:
            self.stream.write(outcome.lines)
            self.stream.flush()

    def commit(self) -> None:
        """Nothing to put in place: the records are already out."""

    def __exit__(self, *exc: object) -> None:
        return None


@dataclass(frozen=True)
class JournalEntry:
    """A finished input of a resumable run: its path, hash, and where its records end."""

    path: str
    sha256: str
    end: int

    def line(self) -> str:
        """The entry as one JSON line."""
        return dumps({"path": self.path, "sha256": self.sha256, "end": self.end}) + "\n"


class FileOutput(AbstractContextManager["FileOutput"]):
    """Records to a temporary file renamed over ``path`` by :meth:`commit`.

    Leaving the ``with`` block without :meth:`commit` (a stop, a lost worker) removes the
    temporary file, unless ``resume`` is set: then it stays, with its journal, for the
    next run with ``resume``.
    """

    def __init__(self, path: Path, *, force: bool = False, resume: bool = False) -> None:
        self.path = path
        self.resume = resume
        self.done: Done = Counter()
        self.hashes: Hashes = {}
        self._committed = False
        self._journal: IO[str] | None = None
        if path.is_dir():
            raise OutputError(str(path), "is a directory")
        if path.exists() and not (force or resume):
            raise OutputError(
                str(path), "already exists; use --force to replace it, or --resume to carry on"
            )
        self.partial = _beside(path, PARTIAL_SUFFIX)
        self.journal_path = _beside(path, JOURNAL_SUFFIX)
        try:
            if resume:
                self._handle = self._open_resumed()
            else:
                self.temporary = _beside(path, f".{secrets.token_hex(4)}.tmp")
                self._handle = self.temporary.open("xb")
        except OSError as err:
            raise OutputError(str(path), f"cannot write output ({err.strerror or err})") from None
        self.size = self._handle.tell()

    def _open_resumed(self) -> IO[bytes]:
        """The partial file (made from the finished output when there is none), cut back
        to the end of its last finished input; its journal open for appending."""
        self.temporary = self.partial
        if self.partial.exists():
            entries = _read_journal(self.journal_path, self.partial.stat().st_size)
        elif self.path.exists():
            entries = _entries_of_records(self.path)
            shutil.copyfile(self.path, self.partial)
        else:
            entries = []
        entries = _still_current(entries, self.hashes)
        handle = self.partial.open("ab" if self.partial.exists() else "xb")
        handle.truncate(entries[-1].end if entries else 0)
        handle.seek(0, os.SEEK_END)
        with self.journal_path.open("w", encoding="utf-8") as journal:
            journal.writelines(e.line() for e in entries)
        self._journal = self.journal_path.open("a", encoding="utf-8")
        self.done.update((e.path, e.sha256) for e in entries)
        return handle

    def write(self, outcome: Written) -> None:
        """Append one document's records (and, resuming, journal a finished input)."""
        if outcome.lines:
            data = outcome.lines.encode("utf-8")
            self._handle.write(data)
            self.size += len(data)
        if self._journal is not None and outcome.complete and outcome.sha256 is not None:
            self._handle.flush()
            self._journal.write(JournalEntry(outcome.path, outcome.sha256, self.size).line())
            self._journal.flush()

    def commit(self) -> None:
        """The run has ended: put the records in place of ``path`` in one rename."""
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self.temporary.replace(self.path)
        self._committed = True
        self._close_journal()
        for leftover in (self.partial, self.journal_path):  # an older run's, now stale
            leftover.unlink(missing_ok=True)

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._committed:
            return
        self._handle.close()
        self._close_journal()
        if not self.resume:
            self.temporary.unlink(missing_ok=True)

    def _close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None


def _beside(path: Path, suffix: str) -> Path:
    """A hidden file in ``path``'s folder: ``.NAME`` + suffix."""
    return path.with_name(f".{path.name}{suffix}")


def _read_journal(path: Path, size: int) -> list[JournalEntry]:
    """The journal's entries that the partial file (of ``size`` bytes) holds in full; a
    line cut off by the stop, and anything after it, is dropped."""
    entries: list[JournalEntry] = []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return entries
    for line in text.splitlines(keepends=True):
        try:
            data = json.loads(line)
            entry = JournalEntry(str(data["path"]), str(data["sha256"]), int(data["end"]))
        except (ValueError, KeyError, TypeError):
            break
        if not line.endswith("\n") or entry.end > size or (entries and entry.end < entries[-1].end):
            break
        entries.append(entry)
    return entries


def _still_current(entries: list[JournalEntry], now: Hashes) -> list[JournalEntry]:
    """The entries up to the first whose input changed or is gone since (its bytes no
    longer have that SHA-256): that input's old records, and all after them, are dropped,
    so the inputs from there on are read again, in order, and no stale record stays.
    The hashes taken are added to ``now``."""
    for n, entry in enumerate(entries):
        if entry.path not in now:
            now[entry.path] = file_sha256(entry.path)
        if now[entry.path] != entry.sha256:
            return entries[:n]
    return entries


def _entries_of_records(path: Path) -> list[JournalEntry]:
    """Journal entries for a finished output file: one per run of records of one input."""
    entries: list[JournalEntry] = []
    end = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.endswith(b"\n"):
                break  # a last line cut off: dropped, and its input done again
            try:
                source = json.loads(line)["source"]
                key = (str(source["path"]), str(source["sha256"]))
            except (ValueError, KeyError, TypeError):
                raise OutputError(
                    str(path), f"line {number} is not a claim record, so it cannot be resumed"
                ) from None
            end += len(line)
            if entries and (entries[-1].path, entries[-1].sha256) == key:
                entries[-1] = JournalEntry(*key, end)
            else:
                entries.append(JournalEntry(*key, end))
    return entries


class ErrorLog(AbstractContextManager["ErrorLog"]):
    """``--errors FILE``: one JSON line per failed input, ``{"path", "reason", "code"}``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._handle = path.open("w", encoding="utf-8")
        except OSError as err:
            raise OutputError(str(path), f"cannot write ({err.strerror or err})") from None

    def write(self, failed: Failed) -> None:
        """Add the line of one failed input."""
        record = {"path": failed.path, "reason": failed.reason, "code": failed.code}
        self._handle.write(dumps(record) + "\n")
        self._handle.flush()

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def pending_inputs(
    paths: Iterable[str], done: Done, hashes: Mapping[str, str | None] | None = None
) -> list[str]:
    """The inputs (expanded, in order) that are not done yet: an input is done when its
    path and the SHA-256 of its bytes now are those of a finished input (as often as it
    was finished). The hash of a path in ``hashes`` (taken earlier in this run) is used as
    it is, without reading the file again. Inputs that cannot be read stay, to be
    reported again."""
    left = Counter(done)
    paths_done = {path for path, _ in left}
    known = dict(hashes or {})
    pending: list[str] = []
    for item in iter_inputs(paths):
        name = item.path if isinstance(item, InputError) else item
        if isinstance(item, str) and item in paths_done:
            if item not in known:
                known[item] = file_sha256(item)
            key = (item, known[item] or "")
            if left[key] > 0:
                left[key] -= 1
                continue
        pending.append(name)
    return pending


def record_run(
    paths: Iterable[str],
    options: ExtractOptions,
    output: Output,
    workers: int | None = None,
    errors: ErrorLog | None = None,
    signals: StopSignals | None = None,
) -> Iterator[Outcome]:
    """Run the extraction (:func:`engines.run_local`) into ``output``: skip the inputs it
    already holds, write each document's records (a stop waits until they are written),
    log failures to ``errors``, and yield every outcome for the caller to report."""
    paths = list(paths)
    if output.done:
        options = with_directory_manifests(paths, options)  # before the folders are expanded
        paths = pending_inputs(paths, output.done, output.hashes)
        if not paths:
            return
    for outcome in run_local(paths, options, workers):
        with signals.deferred() if signals else nullcontext():
            if isinstance(outcome, Written):
                output.write(outcome)
            elif errors is not None:
                errors.write(outcome)
        yield outcome
