"""Engines that run the extraction: this process, worker processes, or a Dask cluster.

Every engine cuts the inputs into the same batches (:func:`pipeline.batches`: they depend
on the inputs only) and runs :func:`run_batch` on each, so that one worker, N workers and
a Dask cluster write the same bytes in the same order.

- ``local`` with one worker runs the batches in this process.
- ``local`` with N workers runs them in N spawned processes, each with its own model,
  and writes each batch's records in input order as soon as it and every batch before it
  are done; at most ``2 N`` batches are in flight, so memory does not grow with the input.
- ``dask`` maps the batches over a ``dask.bag`` on a ``dask.distributed`` cluster (a
  ``LocalCluster`` of processes, or the scheduler at an address); each task writes one
  part file into a temporary folder inside the output folder, and the parts are moved
  into it only when the whole job has succeeded.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from .options import ExtractOptions, InputItem, Located, batches, with_directory_manifests
from .reading.sources import InputError, iter_inputs, read_input
from .records import dumps

if TYPE_CHECKING:
    from spacy.language import Language


# Inputs that add up to less than this are extracted by one worker: starting another
# process and loading another model (about 2 s) is not worth it for less.
PARALLEL_BYTES = 256 * 1024
PART_PATTERN = "part-*.jsonl"
SCHEDULER_TIMEOUT = "10s"  # how long to try to reach a scheduler given by address


@dataclass(frozen=True)
class Written:
    """A document done: its records as JSON Lines (one ``\\n``-terminated line each)."""

    path: str
    lines: str
    complete: bool = True  # False for a section of a long document but its last
    sha256: str | None = None  # of the input's bytes (what ``--resume`` checks)
    warnings: tuple[str, ...] = ()  # for the user, e.g. that the encoding was a guess


@dataclass(frozen=True)
class Failed:
    """An input that could not be read or analysed, and why."""

    path: str
    reason: str
    code: str = "unreadable"  # InputError.code: what ``--errors FILE`` writes


Outcome = Written | Failed


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


def default_workers(items: Sequence[object]) -> int:
    """Every core when the input files add up to PARALLEL_BYTES or more, else one."""
    total = 0
    for item in items:
        if isinstance(item, str) and item != "-":
            with suppress(OSError):
                total += Path(item).stat().st_size
    return cores() if total >= PARALLEL_BYTES else 1


def iter_batch(
    batch: Sequence[InputItem | Failed], options: ExtractOptions, nlp: Language | None = None
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
            yield Written(result.path, lines, result.complete, result.sha256, result.warnings)


def run_batch(
    batch: Sequence[InputItem | Failed], options: ExtractOptions, nlp: Language | None = None
) -> list[Outcome]:
    """Extract one batch (in a worker process or a Dask task): its outcomes in order."""
    return list(iter_batch(batch, options, nlp))


def _sendable(item: str | InputError) -> InputItem | Failed:
    """An input as a worker process can receive it (standard input is read here)."""
    if isinstance(item, InputError):
        return Failed(item.path, item.reason, item.code)
    if item == "-":
        try:
            return read_input("-")
        except InputError as err:
            return Failed(err.path, err.reason, err.code)
    return item


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
    count = min(workers or default_workers(inputs), -(-len(inputs) // options.batch_size))
    if count <= 1:
        from .nlp import load_model

        nlp = load_model(options.model)
        for batch in batches(inputs, options):
            yield from iter_batch([_sendable(i) for i in batch], options, nlp)
        return
    pool = ProcessPoolExecutor(count, mp_context=get_context("spawn"))
    try:
        pending: deque[Future[list[Outcome]]] = deque()
        for batch in batches(inputs, options):
            pending.append(pool.submit(run_batch, [_sendable(i) for i in batch], options))
            if len(pending) >= 2 * count:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool:
        raise EngineError("a worker process stopped unexpectedly (out of memory?)") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# Dask ------------------------------------------------------------------------------------

_TASK_LOCK = threading.Lock()  # one batch at a time per worker process: one model, one parse


@dataclass(frozen=True)
class DaskRun:
    """What a Dask job did: the part files written and the inputs that failed."""

    parts: list[Path]
    failures: list[Failed]


def _located(item: str | InputError) -> InputItem | Failed:
    """An input as a Dask worker, maybe on another machine or folder, can read it."""
    if isinstance(item, InputError) or item == "-":
        return _sendable(item)
    return Located(item, str(Path(item).resolve()))


def write_part(
    numbered: tuple[int, list[InputItem | Failed]], options: ExtractOptions, folder: str, width: int
) -> list[Failed]:
    """A Dask task: extract one batch into ``folder/part-NNNNN.jsonl``; return its failures."""
    number, batch = numbered
    with _TASK_LOCK:
        outcomes = run_batch(batch, options)
    part = Path(folder) / f"part-{number:0{width}d}.jsonl"
    with part.open("w", encoding="utf-8") as handle:
        handle.writelines(o.lines for o in outcomes if isinstance(o, Written))
    return [o for o in outcomes if isinstance(o, Failed)]


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
    numbered = list(enumerate(batches((_located(i) for i in iter_inputs(paths)), options)))
    width = max(5, len(str(len(numbered))))
    output_dir.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=".claimcite-parts-", dir=output_dir))
    try:
        failures: list[list[Failed]] = []
        with ExitStack() as stack:
            _connect(stack, scheduler, workers)
            if numbered:
                job = bag.from_sequence(numbered, npartitions=len(numbered)).map(
                    write_part, options=options, folder=str(temporary), width=width
                )
                try:
                    failures = job.compute()
                except Exception as err:
                    raise EngineError(f"the Dask job failed: {type(err).__name__}: {err}") from None
        for old in output_dir.glob(PART_PATTERN):
            old.unlink()
        parts = [p.rename(output_dir / p.name) for p in sorted(temporary.glob(PART_PATTERN))]
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return DaskRun(parts, [f for group in failures for f in group])


def _connect(stack: ExitStack, scheduler: str | None, workers: int | None) -> None:
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
