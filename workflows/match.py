"""``claimcite match``: the same claim across sources, corroborations and conflicts.

A pair of claims from different sources is scored 0–1 (:func:`score_pair`):

1. **Content.** Each claim is reduced to keys (:mod:`.claim_features`): actor keys from
   canonical names and the concepts of its other words. Keys are weighted by their
   rarity in the input (inverse document frequency), so a name that every claim shares
   counts little, and actor keys weigh half. The shared weight over the smaller claim's
   weight (how much of the shorter claim the other one states) is blended with the share
   of the larger one.
   Claims that share no concept besides actors score 0: sharing actors is not stating
   the same thing.
2. **Dates and figures.** A date or figure that agrees (periods overlap, figures agree
   within their rounding) counts as a shared key; one that disagrees with nothing
   agreeing lowers the score and is reported as a ``"date"`` or ``"number"`` conflict.
3. **Polarity.** One claim negating what the other affirms without negation (``did not
   intervene``/``intervened``), or a pair of opposite concepts (``rose``/``fell``), is a
   ``"polarity"`` conflict and lowers the score.

At :data:`SAME_THRESHOLD` or above a pair is ``"same"``; from :data:`RELATED_THRESHOLD`
``"related"``. Claims joined by ``"same"`` pairs share a ``cluster`` id.

Only pairs where one claim holds one of the other's rarest keys are scored (**blocking**,
:func:`candidates`), so the work grows with the number of claims times the size of the
blocks rather than with its square. Output is identical for identical input.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from ..extractors.records import Claim, Match, Relation
from . import numbers, periods
from .claim_features import Features, claim_features
from .concepts import opposites
from .match_defaults import RELATED_THRESHOLD, SAME_THRESHOLD

__all__ = ["RELATED_THRESHOLD", "SAME_THRESHOLD", "match_claims", "score_pair"]

# The weight of "how much of the shorter claim the longer one states" against the share
# of the longer claim that the shorter one covers.
CONTAINMENT_WEIGHT = 0.5
CONFLICT_FACTOR = 0.85  # for a date (and again a figure) that disagrees
NO_SHARED_ACTOR_FACTOR = 0.75  # both name actors, none the same
POLARITY_FACTOR = 0.85
MIN_SHARED_KEYS = 2
# Who a claim is about weighs less than what it says about them: two claims about the same
# actors are common, two that state the same thing about them are not.
ACTOR_WEIGHT = 0.5
# Blocking: two claims are scored only when one holds one of the BLOCK_KEYS rarest keys of
# the other (a restatement keeps its rare words and names). Only keys held by 2 to
# MAX_BLOCK claims count: a key of one claim links nothing, one of thousands tells little.
BLOCK_KEYS = 10
MAX_BLOCK = 1000
# A claim stops adding blocking keys once the claims holding them add up to this, so the
# pairs scored per claim do not grow with the collection (time grows linearly).
BLOCK_BUDGET = 300


@dataclass(frozen=True)
class PairScore:
    """How far two claims state the same thing, and where they disagree."""

    score: float
    conflict: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edge:
    """A scored pair of claims (positions in the input), ``first < second``."""

    first: int
    second: int
    score: float
    conflict: tuple[str, ...]


def idf_weights(
    features: Sequence[Features], counts: Mapping[str, int] | None = None
) -> dict[str, float]:
    """Each key's smoothed inverse document frequency over the claims (``counts``: their
    :func:`document_frequencies`, when the caller has them); a key that names an actor
    in any claim weighs :data:`ACTOR_WEIGHT` of that."""
    if counts is None:
        counts = document_frequencies(features)
    n = len(features)
    actors: set[str] = set().union(*(f.actors for f in features))
    return {
        key: (math.log((n + 1) / (df + 1)) + 1) * (ACTOR_WEIGHT if key in actors else 1.0)
        for key, df in counts.items()
    }


def document_frequencies(features: Sequence[Features]) -> Counter[str]:
    """How many claims hold each key."""
    counts: Counter[str] = Counter()
    for f in features:
        counts.update(f.keys)
    return counts


def _opposed(a: Features, b: Features) -> bool:
    """A concept only ``a`` states whose opposite only ``b`` states (``rose``/``fell``)."""
    table = opposites()
    only_a, only_b = a.words - b.words, b.words - a.words
    return any(table.get(word, frozenset()) & only_b for word in only_a)


def _denies(a: Features, b: Features) -> bool:
    """``a`` negates a concept that ``b`` states without negating anything."""
    return not b.negative and bool(a.negated & b.words)


def polarity_conflict(a: Features, b: Features) -> bool:
    """One claim denies what the other affirms, or they state opposites."""
    return _denies(a, b) or _denies(b, a) or _opposed(a, b) or _opposed(b, a)


def key_weight(features: Features, idf: Mapping[str, float]) -> float:
    """The summed weight of a claim's keys."""
    return math.fsum(idf.get(k, 1.0) for k in features.keys)


def score_pair(
    a: Features,
    b: Features,
    idf: Mapping[str, float],
    weights: tuple[float, float] | None = None,
) -> PairScore:
    """The score of two claims (see the module docstring); 0 when they share too little.

    An agreeing date and an agreeing figure each count as one more shared key, of the
    mean weight of the pair's keys; a claim's dates and figures count in its own weight.
    ``weights`` are the claims' :func:`key_weight` when the caller has them.
    """
    shared = a.keys & b.keys
    if len(shared) < MIN_SHARED_KEYS and not (
        (a.periods and b.periods) or (a.quantities and b.quantities)
    ):
        return PairScore(0.0)  # too little in common, and no date or figure to agree on
    if not shared or shared <= a.actors | b.actors:
        return PairScore(0.0)  # nothing in common but actors
    dates = periods.compare(a.periods, b.periods) if a.periods and b.periods else (0, 0)
    figures = (
        numbers.compare(a.quantities, b.quantities) if a.quantities and b.quantities else (0, 0)
    )
    agreeing = (dates[0] > 0) + (figures[0] > 0)
    if len(shared) + agreeing < MIN_SHARED_KEYS:
        return PairScore(0.0)
    weight_a, weight_b = weights or (key_weight(a, idf), key_weight(b, idf))
    weight_shared = math.fsum(idf.get(k, 1.0) for k in shared)
    evidence = (weight_a + weight_b - weight_shared) / len(a.keys | b.keys)
    weight_a += evidence * (bool(a.periods) + bool(a.quantities))
    weight_b += evidence * (bool(b.periods) + bool(b.quantities))
    weight_shared += evidence * agreeing
    contain = weight_shared / min(weight_a, weight_b)
    cover = weight_shared / max(weight_a, weight_b)
    score = CONTAINMENT_WEIGHT * contain + (1 - CONTAINMENT_WEIGHT) * cover
    conflict: list[str] = []
    if a.actors and b.actors and not (a.actors & b.actors):
        score *= NO_SHARED_ACTOR_FACTOR
    for name, (agree, disagree) in (("date", dates), ("number", figures)):
        if disagree and not agree:
            score *= CONFLICT_FACTOR
            conflict.append(name)
    if polarity_conflict(a, b):
        score *= POLARITY_FACTOR
        conflict.append("polarity")
    return PairScore(min(score, 1.0), tuple(conflict))


def relation_of(score: float, threshold: float = SAME_THRESHOLD) -> Relation | None:
    """``same``, ``related`` or None for a score."""
    if score >= threshold:
        return "same"
    if score >= min(RELATED_THRESHOLD, threshold):
        return "related"
    return None


@dataclass(frozen=True)
class Index:
    """What blocking needs: each claim's keys and blocking keys, and who holds each key."""

    keys: list[frozenset[str]]
    blocking: list[frozenset[str]]
    holders: dict[str, list[int]]  # key -> positions of the claims holding it (ascending)
    sources: list[str]
    weights: list[float]  # each claim's key_weight


def build_index(
    features: Sequence[Features], frequencies: Mapping[str, int], idf: Mapping[str, float]
) -> Index:
    """Who holds each key held by 2 to :data:`MAX_BLOCK` claims, and each claim's rarest
    such keys (ties broken by the key, so the choice is stable): at most
    :data:`BLOCK_KEYS`, and no more once the claims holding them add up to
    :data:`BLOCK_BUDGET`."""
    holders: dict[str, list[int]] = {}
    blocking: list[frozenset[str]] = []
    for position, f in enumerate(features):
        usable = sorted((frequencies[k], k) for k in f.keys if 2 <= frequencies[k] <= MAX_BLOCK)
        chosen: set[str] = set()
        spent = 0
        for df, key in usable[:BLOCK_KEYS]:
            if chosen and spent + df > BLOCK_BUDGET:
                break
            chosen.add(key)
            spent += df
        blocking.append(frozenset(chosen))
        for _, key in usable:
            holders.setdefault(key, []).append(position)
    return Index(
        [f.keys for f in features],
        blocking,
        holders,
        [f.source for f in features],
        [key_weight(f, idf) for f in features],
    )


def candidates(index: Index, position: int) -> list[int]:
    """The claims of other sources that claim ``position`` is scored against, each pair
    once: a pair is found through a blocking key of either claim that the other holds,
    and counted at the claim that finds it (the first one when both do)."""
    found: set[int] = set()
    source = index.sources[position]
    sources, blocking = index.sources, index.blocking
    keys = index.keys[position]
    for key in blocking[position]:
        for other in index.holders[key]:
            if other == position or sources[other] == source or other in found:
                continue
            if other > position or not (blocking[other] & keys):
                found.add(other)
    return sorted(found)


def score_range(
    features: Sequence[Features],
    index: Index,
    idf: Mapping[str, float],
    start: int,
    stop: int,
    floor: float = RELATED_THRESHOLD,
) -> list[Edge]:
    """The scored pairs found from the claims at positions ``start``..``stop - 1``."""
    edges: list[Edge] = []
    for position in range(start, stop):
        here = features[position]
        for other in candidates(index, position):
            weights = (index.weights[position], index.weights[other])
            pair = score_pair(here, features[other], idf, weights)
            if pair.score >= floor:
                first, second = sorted((position, other))
                edges.append(Edge(first, second, pair.score, pair.conflict))
    return edges


def find_edges(features: Sequence[Features], floor: float = RELATED_THRESHOLD) -> list[Edge]:
    """Every pair of claims scoring ``floor`` or more, in one process."""
    frequencies = document_frequencies(features)
    idf = idf_weights(features, frequencies)
    index = build_index(features, frequencies, idf)
    return sort_edges(score_range(features, index, idf, 0, len(features), floor))


def sort_edges(edges: Iterable[Edge]) -> list[Edge]:
    """Edges in one stable order, each pair once."""
    unique = {(e.first, e.second): e for e in edges}
    return [unique[k] for k in sorted(unique)]


def clusters(ids: Sequence[str], edges: Iterable[Edge], threshold: float) -> list[str | None]:
    """The cluster id of each claim: claims joined by ``same`` edges share one (a hash of
    the sorted ids of its members); a claim with no ``same`` match has None."""
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for edge in edges:
        if edge.score >= threshold:
            a, b = root(edge.first), root(edge.second)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[int, list[str]] = {}
    for i in range(len(ids)):
        members.setdefault(root(i), []).append(ids[i])
    names = {
        r: "k-" + hashlib.sha256("\n".join(sorted(m)).encode()).hexdigest()[:16]
        for r, m in members.items()
        if len(m) > 1
    }
    return [names.get(root(i)) for i in range(len(ids))]


def apply_edges(claims: Sequence[Claim], edges: Sequence[Edge], threshold: float) -> list[Claim]:
    """The claims with ``matches`` (best first) and ``cluster`` filled in."""
    found: list[list[Match]] = [[] for _ in claims]
    for edge in edges:
        relation = relation_of(edge.score, threshold)
        if relation is None:
            continue
        for here, there in ((edge.first, edge.second), (edge.second, edge.first)):
            found[here].append(Match(claims[there].id, edge.score, relation, list(edge.conflict)))
    groups = clusters([c.id for c in claims], edges, threshold)
    return [
        replace(claim, matches=sorted(m, key=lambda x: (-round(x.score, 4), x.id)), cluster=g)
        for claim, m, g in zip(claims, found, groups, strict=True)
    ]


def match_claims(
    claims: Sequence[Claim],
    threshold: float = SAME_THRESHOLD,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
) -> list[Claim]:
    """Each claim with its matches in other sources and its cluster (in input order).

    ``engine="dask"`` scores the pairs on a Dask cluster (see :mod:`.match_dask`): the
    scheduler at ``scheduler``, or a local cluster of ``workers`` processes; the result
    is the same.
    """
    features = [claim_features(c) for c in claims]
    floor = min(RELATED_THRESHOLD, threshold)
    if engine == "dask":
        from .match_dask import find_edges_dask

        edges = find_edges_dask(features, floor, scheduler, workers)
    else:
        edges = find_edges(features, floor)
    return apply_edges(claims, edges, threshold)


def iter_matched(claims: Sequence[Claim], threshold: float = SAME_THRESHOLD) -> Iterator[Claim]:
    """:func:`match_claims` as a stream."""
    yield from match_claims(claims, threshold)
