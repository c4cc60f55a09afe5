"""Engines that run the extraction: this process, worker processes, or a Dask cluster.

Every engine deals out the same work (:func:`work_batches`: it depends on the inputs only)
and runs :func:`run_batch` on each batch, so that one worker, N workers and a Dask cluster
write the same bytes in the same order.

- **Batches by size.** A batch closes at ``options.batch_chars`` characters or
  ``options.batch_size`` files, so ten long files are ten tasks, not one. A file longer
  than ``options.section_chars`` is read and cleaned here and cut into sections, each a
  task of its own, so the sections of one long document go to different workers.
- **In order.** Outcomes come back in input order; the sentences of a section are numbered
  from 0 by its worker and numbered on here (:func:`in_order`), where the sections before it
  are known.
- ``local`` with one worker runs the batches in this process.
- ``local`` with N workers runs them in N spawned processes, started (and loading their
  model) while this process lists, reads and cuts the inputs; each batch's records are
  written as soon as it and every batch before it are done; at most ``2 N`` batches are in
  flight, so memory does not grow with the input.
- ``dask`` maps the batches over a ``dask.bag`` on a ``dask.distributed`` cluster (a
  ``LocalCluster`` of processes, or the scheduler at an address); each task writes one
  part file into a temporary folder inside the output folder; sections after the first
  are numbered on when every task is done, and the parts are moved into the output folder
  only when the whole job has succeeded.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, suppress
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .options import (
    ExtractOptions,
    InputItem,
    Located,
    ModelError,
    batches,
    with_directory_manifests,
)
from .reading.compression import GZIP_SUFFIX, stored_size
from .reading.sources import InputError, iter_inputs, read_input
from .records import dumps

if TYPE_CHECKING:
    from spacy.language import Language

    from .pipeline import Section


# Inputs that add up to less than this are extracted by one worker: starting another
# process and loading another model (about 2 s) is not worth it for less.
PARALLEL_BYTES = 256 * 1024
PART_PATTERN = "part-*.jsonl"
SCHEDULER_TIMEOUT = "10s"  # how long to try to reach a scheduler given by address


@dataclass(frozen=True)
class Written:
    """A document (or a section of one) done: its records as JSON Lines (one
    ``\\n``-terminated line each)."""

    path: str
    lines: str
    complete: bool = True  # False for a section of a long document but its last
    sha256: str | None = None  # of the input's bytes (what ``--resume`` checks)
    warnings: tuple[str, ...] = ()  # for the user, e.g. that the encoding was a guess
    section: int = 0  # the section's number in its document (0: the first, or the whole)
    sentences: int = 0  # of the section: where the next section's numbers start
    size: int = 0  # bytes of input it stands for (a section: its share), for progress
    words: int = 0  # words of text it read, for progress
    sections: int = 1  # how many sections its document was cut into


@dataclass(frozen=True)
class Failed:
    """An input that could not be read or analysed, and why."""

    path: str
    reason: str
    code: str = "unreadable"  # InputError.code: what ``--errors FILE`` writes


Outcome = Written | Failed
if TYPE_CHECKING:
    Work = InputItem | Failed | Section  # what a batch is made of, as a worker receives it


class EngineError(Exception):
    """A run that could not be carried out (a worker process or a Dask job lost)."""


class SchedulerError(EngineError):
    """A Dask scheduler that cannot be reached at the address given."""


def cores() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def input_bytes(items: Sequence[object]) -> list[int]:
    """The size in bytes of each input file (0 for standard input and missing files); of
    a gzip file, the size of what it holds."""
    sizes = []
    for item in items:
        size = 0
        if isinstance(item, str) and item != "-":
            with suppress(OSError):
                size = Path(item).stat().st_size
            if item.lower().endswith(GZIP_SUFFIX):
                size = max(size, stored_size(item) or 0)
        sizes.append(size)
    return sizes


def survey(paths: Iterable[str]) -> tuple[int, int]:
    """How many inputs the paths name, and how many bytes they hold (a quick listing)."""
    inputs = list(iter_inputs(paths))
    return len(inputs), sum(input_bytes(inputs))


def default_workers(items: Sequence[object]) -> int:
    """Every core when the input files add up to PARALLEL_BYTES or more, else one."""
    return cores() if sum(input_bytes(items)) >= PARALLEL_BYTES else 1


def _sized_work(
    inputs: Iterable[str | InputError], options: ExtractOptions, located: bool
) -> Iterator[tuple[Work, int]]:
    """Each input as work for a worker, with its size in characters (at most: a file's
    bytes). A long input is read and cleaned here and cut into its sections."""
    for item in inputs:
        if isinstance(item, InputError):
            yield Failed(item.path, item.reason, item.code), 0
            continue
        if item == "-":
            try:
                document = read_input("-")
            except InputError as err:
                yield Failed(err.path, err.reason, err.code), 0
                continue
            if len(document.text) <= options.section_chars:
                yield document, len(document.text)
                continue
            yield from _sections(document, options, len(document.text.encode("utf-8")))
            continue
        size = input_bytes([item])[0]
        work: InputItem = Located(item, str(Path(item).resolve())) if located else item
        if size <= options.section_chars:
            yield work, size
        else:
            yield from _sections(work, options, size)


def _sections(
    item: InputItem, options: ExtractOptions, size: int
) -> Iterator[tuple[Work, int]]:
    """A long input read, cleaned and cut into sections (or its error)."""
    from . import pipeline  # spaCy is imported here only when an input is long

    prepared = pipeline.prepare_item(item, options)
    if isinstance(prepared, InputError):
        yield Failed(prepared.path, prepared.reason, prepared.code), 0
        return
    for section in pipeline.sections_of(prepared, options.section_chars, size):
        yield section, len(section.prepared.clean.text)


def work_batches(
    inputs: Iterable[str | InputError], options: ExtractOptions, located: bool = False
) -> Iterator[list[Work]]:
    """The inputs dealt out in batches of at most ``options.batch_chars`` characters (and
    ``options.batch_size`` files); a long input's sections are work items of their own.
    ``located``: files are named by absolute path too, for workers elsewhere (Dask)."""
    for batch in batches(_sized_work(inputs, options, located), options, lambda w: w[1]):
        yield [work for work, _ in batch]


def iter_batch(
    batch: Sequence[Work], options: ExtractOptions, nlp: Language | None = None
) -> Iterator[Outcome]:
    """Extract one batch and serialise its records, each document (or section) when done."""
    from .nlp import load_model
    from .pipeline import extract_batch

    nlp = nlp or load_model(options.model)  # cached: one model per process
    items = [InputError(i.path, i.reason, i.code) if isinstance(i, Failed) else i for i in batch]
    for result in extract_batch(items, options, nlp):
        if isinstance(result, InputError):
            yield Failed(result.path, result.reason, result.code)
        else:
            lines = "".join(dumps(claim.as_dict()) + "\n" for claim in result.claims)
            yield Written(
                result.path,
                lines,
                result.complete,
                result.sha256,
                result.warnings,
                section=result.section,
                sentences=result.sentences,
                size=result.size,
                words=result.words,
                sections=result.sections,
            )


def run_batch(
    batch: Sequence[Work], options: ExtractOptions, nlp: Language | None = None
) -> list[Outcome]:
    """Extract one batch (in a worker process or a Dask task): its outcomes in order."""
    return list(iter_batch(batch, options, nlp))


_O = TypeVar("_O", bound=Outcome)


def numbering(outcomes: Iterable[_O]) -> Iterator[tuple[_O, int | None]]:
    """Each outcome (in input order) with what to add to its sentence numbers, or None
    for a section whose document failed in an earlier section (it is dropped: the
    failure is reported in its place)."""
    due: tuple[str, int] | None = None  # (path, section) of the next section expected
    base = 0
    for outcome in outcomes:
        if isinstance(outcome, Failed):
            due = None
            yield outcome, 0
            continue
        if outcome.section and due != (outcome.path, outcome.section):
            yield outcome, None
            continue
        if not outcome.section:
            base = 0
        yield outcome, base
        base += outcome.sentences
        due = None if outcome.complete else (outcome.path, outcome.section + 1)


def renumbered(lines: str, shift: int) -> str:
    """JSON Lines records with ``shift`` added to every ``span.sentence``."""
    if not shift:
        return lines
    out = []
    for line in lines.splitlines():
        record = json.loads(line)
        record["span"]["sentence"] += shift
        out.append(dumps(record) + "\n")
    return "".join(out)


def in_order(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
    """Outcomes with the sentences of every section numbered on from those before it."""
    for outcome, shift in numbering(outcomes):
        if shift is None:
            continue
        if shift and isinstance(outcome, Written):
            outcome = replace(outcome, lines=renumbered(outcome.lines, shift))
        yield outcome


def _preload(model: str) -> None:
    """Load the model as a worker process starts, while the parent reads the inputs. A
    model that cannot be loaded is reported by the first batch (ModelError)."""
    from .nlp import load_model

    with suppress(ModelError):
        load_model(model)


def _ready() -> None:
    """A task that does nothing: submitted once per worker, so that all start at once."""


def _default_start_method() -> str:
    """``fork`` on Linux (safe with spaCy, which forks its own workers there), else ``spawn``."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _estimated_batches(inputs: Sequence[object], options: ExtractOptions) -> int:
    """At least how many batches the inputs make (by count and by size)."""
    by_count = math.ceil(len(inputs) / options.batch_size)
    by_size = math.ceil(sum(input_bytes(inputs)) / options.batch_chars)
    return max(by_count, by_size, 1)


def run_local(
    paths: Iterable[str], options: ExtractOptions, workers: int | None = None
) -> Iterator[Outcome]:
    """Every input's records (or failure) in input order, from ``workers`` processes.

    ``workers=None`` picks :func:`default_workers`; never more workers than batches. With
    one worker the model runs in this process; with more, each spawned worker loads its own.
    """
    paths = list(paths)
    options = with_directory_manifests(paths, options)
    inputs = list(iter_inputs(paths))
    count = min(workers or default_workers(inputs), _estimated_batches(inputs, options))
    if count <= 1:
        from .nlp import load_model

        nlp = load_model(options.model)
        outcomes = (
            outcome
            for batch in work_batches(inputs, options)
            for outcome in iter_batch(batch, options, nlp)
        )
        yield from in_order(outcomes)
    else:
        yield from in_order(_pooled(inputs, options, count))


def _pooled(
    inputs: list[str | InputError], options: ExtractOptions, count: int
) -> Iterator[Outcome]:
    """The outcomes of ``count`` worker processes, in input order.

    Where processes can be forked (Linux), the model is loaded here once and the workers
    are forked from this process with it: no worker loads a model of its own, and they
    share its memory until they write to it. Elsewhere workers are spawned at once and
    load their model while this process reads the inputs. ``CLAIMCITE_START_METHOD``
    (``fork`` or ``spawn``) chooses, for measurements.
    """
    method = os.environ.get("CLAIMCITE_START_METHOD") or _default_start_method()
    if method == "fork":
        from .nlp import load_model

        load_model(options.model)  # inherited by every worker
        pool = ProcessPoolExecutor(
            count, mp_context=get_context("fork"), initializer=_leave_signals_to_the_parent
        )
    else:
        pool = ProcessPoolExecutor(
            count,
            mp_context=get_context(method),
            initializer=_start_worker,
            initargs=(options.model,),
        )
    finished = False
    try:
        for _ in range(count):
            pool.submit(_ready)  # start every worker now (a forked pool starts them all)
        pending: deque[Future[list[Outcome]]] = deque()
        for batch in work_batches(inputs, options):
            pending.append(pool.submit(run_batch, batch, options))
            if len(pending) >= 2 * count:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    except BrokenProcessPool:
        raise EngineError("a worker process stopped unexpectedly (out of memory?)") from None
    finally:
        if not finished:  # stopped (a signal, the consumer gone): no batch is waited for
            _stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def _leave_signals_to_the_parent() -> None:
    """In a worker process: Ctrl-C (SIGINT to the whole process group) is left to the
    parent, which stops the workers itself, so that no worker prints a traceback; SIGTERM
    ends a worker at once (a forked worker would otherwise run the parent's handlers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _start_worker(model: str) -> None:
    """A spawned worker starts: signals left to the parent, and the model loaded."""
    _leave_signals_to_the_parent()
    _preload(model)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's worker processes now, rather than wait for their batches."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with suppress(OSError):
            process.kill()


# Dask ------------------------------------------------------------------------------------

_TASK_LOCK = threading.Lock()  # one batch at a time per worker process: one model, one parse


@dataclass(frozen=True)
class DaskRun:
    """What a Dask job did: the part files written, and what it did with each input, in
    input order, without the records (each input's failure or its warnings)."""

    parts: list[Path]
    outcomes: list[Outcome]

    @property
    def failures(self) -> list[Failed]:
        """The inputs that could not be read or analysed."""
        return [o for o in self.outcomes if isinstance(o, Failed)]


def write_part(
    numbered: tuple[int, list[Work]], options: ExtractOptions, folder: str, width: int
) -> list[tuple[Outcome, int]]:
    """A Dask task: extract one batch into ``folder/part-NNNNN.jsonl``; return its outcomes
    without their records, each with its number of records."""
    number, batch = numbered
    with _TASK_LOCK:
        outcomes = run_batch(batch, options)
    part = Path(folder) / f"part-{number:0{width}d}.jsonl"
    with part.open("w", encoding="utf-8") as handle:
        handle.writelines(o.lines for o in outcomes if isinstance(o, Written))
    return [
        (replace(o, lines=""), o.lines.count("\n")) if isinstance(o, Written) else (o, 0)
        for o in outcomes
    ]


def _number_parts(folder: Path, width: int, parts: list[list[tuple[Outcome, int]]]) -> None:
    """Number on the sentences of sections that came after the first in their part files
    (each task numbered its sections from 0), and drop the sections of a failed document."""
    flat = [(n, outcome, records) for n, part in enumerate(parts) for outcome, records in part]
    shifts = numbering(outcome for _, outcome, _ in flat)
    changes: dict[int, list[tuple[int, int | None]]] = {}
    for (n, _, records), (_, shift) in zip(flat, shifts, strict=True):
        changes.setdefault(n, []).append((records, shift))
    for n, entries in changes.items():
        if all(shift == 0 for _, shift in entries):
            continue
        path = folder / f"part-{n:0{width}d}.jsonl"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept, at = [], 0
        for records, shift in entries:
            chunk = "".join(lines[at : at + records])
            at += records
            if shift is not None:
                kept.append(renumbered(chunk, shift))
        path.write_text("".join(kept), encoding="utf-8")


def run_dask(
    paths: Iterable[str],
    options: ExtractOptions,
    output_dir: Path,
    scheduler: str | None = None,
    workers: int | None = None,
) -> DaskRun:
    """Extract on a Dask cluster into ``output_dir/part-NNNNN.jsonl``, one part per batch.

    Without ``scheduler`` a LocalCluster of ``workers`` processes (default: every core)
    is started for the job and closed after it. Part files are written to a temporary
    folder inside ``output_dir``; when every task has finished, the part files of any
    earlier run are removed and the new ones moved in. If the job fails, ``output_dir`` is
    left as it was and EngineError is raised.
    """
    import dask.bag as bag

    paths = list(paths)
    options = with_directory_manifests(paths, options)
    numbered = list(enumerate(work_batches(iter_inputs(paths), options, located=True)))
    width = max(5, len(str(len(numbered))))
    output_dir.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".claimcite-parts-", dir=output_dir))
    try:
        done: list[list[tuple[Outcome, int]]] = []
        with ExitStack() as stack:
            connect(stack, scheduler, workers)
            if numbered:
                job = bag.from_sequence(numbered, npartitions=len(numbered)).map(
                    write_part, options=options, folder=str(temporary), width=width
                )
                try:
                    done = job.compute()
                except Exception as err:
                    raise EngineError(f"the Dask job failed: {type(err).__name__}: {err}") from None
        _number_parts(temporary, width, done)
        for old in output_dir.glob(PART_PATTERN):
            old.unlink()
        parts = [p.rename(output_dir / p.name) for p in sorted(temporary.glob(PART_PATTERN))]
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return DaskRun(parts, [o for part in done for o, _ in part])


def connect(stack: ExitStack, scheduler: str | None, workers: int | None) -> None:
    """A Client of the scheduler at an address, or of a LocalCluster started for the job."""
    import logging

    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            stack.enter_context(Client(scheduler, timeout=SCHEDULER_TIMEOUT))
        except (OSError, TimeoutError) as err:
            raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        return
    cluster = stack.enter_context(
        LocalCluster(
            n_workers=workers or cores(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    )
    stack.enter_context(Client(cluster))


def dask_available() -> bool:
    """Whether dask.bag and dask.distributed can be imported (the ``dask`` extra)."""
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ("dask", "distributed"))
