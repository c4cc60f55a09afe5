"""Matching on a Dask cluster, for collections too large for one machine's patience.

The claims' features, key weights and blocking index are built here once and sent to
every worker; each task scores the pairs found from one range of claims
(:func:`~claimcite.workflows.match.score_range`), and the edges come back in range order,
so the result is the same as :func:`~claimcite.workflows.match.find_edges` in one process.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack

from ..extractors.engines import EngineError, connect
from .claim_features import Features
from .match import (
    RELATED_THRESHOLD,
    Edge,
    build_index,
    document_frequencies,
    idf_weights,
    score_range,
    sort_edges,
)

CLAIMS_PER_TASK = 5000


def _score_task(
    state: tuple[Sequence[Features], object, dict[str, float]], start: int, stop: int, floor: float
) -> list[Edge]:
    features, index, idf = state
    return score_range(features, index, idf, start, stop, floor)  # type: ignore[arg-type]


def find_edges_dask(
    features: Sequence[Features],
    floor: float = RELATED_THRESHOLD,
    scheduler: str | None = None,
    workers: int | None = None,
) -> list[Edge]:
    """:func:`~claimcite.workflows.match.find_edges` on a Dask cluster: the scheduler at
    an address, or a LocalCluster of ``workers`` processes started for the job.

    Raises SchedulerError when the scheduler cannot be reached, EngineError when the job
    fails.
    """
    from dask.distributed import default_client

    features = list(features)
    frequencies = document_frequencies(features)
    idf = idf_weights(features, frequencies)
    index = build_index(features, frequencies, idf)
    ranges = [
        (start, min(start + CLAIMS_PER_TASK, len(features)))
        for start in range(0, len(features), CLAIMS_PER_TASK)
    ]
    with ExitStack() as stack:
        connect(stack, scheduler, workers)
        client = default_client()
        [state] = client.scatter([(features, index, idf)], broadcast=True)
        futures = [client.submit(_score_task, state, a, b, floor, pure=False) for a, b in ranges]
        try:
            parts = client.gather(futures)
        except Exception as err:  # a lost worker or a task that raised: one line for the user
            raise EngineError(f"the Dask job failed: {type(err).__name__}: {err}") from None
    return sort_edges(edge for part in parts for edge in part)
