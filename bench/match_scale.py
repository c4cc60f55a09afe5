"""How the time of ``claimcite match`` grows with the number of claims (blocking at work).

    .venv/bin/python bench/match_scale.py [--sizes 1000,4000,16000,64000] [--baseline 2000]
                                         [--dask N] [--workers 2]

Synthetic claims are made from the records of ``corpus/`` (extracted once): each keeps the
shape of a real claim (its length, stop words, dates and figures) while most of its
content words and every actor are drawn from a Zipf-distributed vocabulary that grows
with the number of claims, as a real collection's does. Claims come 30 to a source, and
one claim in twenty is restated in another source (a fifth of its words dropped): the
share of these planted pairs found shows what blocking loses.

For each size the script times feature extraction and matching (blocking, scoring,
clusters) in this process, and prints the time per claim and the growth exponent between
sizes (1 = linear, 2 = every pair). The baseline scores every cross-source pair of the
first ``--baseline`` claims without blocking, and blocking's speed-up is the ratio of the
two times at that size, measured in the same run. ``--dask N`` also matches the N-claim
set on a local Dask cluster of ``--workers`` processes and checks that its output is
identical to the local one.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import time
from dataclasses import replace
from pathlib import Path

from claimcite import ExtractOptions, extract
from claimcite.extractors.records import Actor, Claim, Source
from claimcite.workflows import match as matching
from claimcite.workflows.claim_features import Features, claim_features

REPO = Path(__file__).resolve().parents[1]
PER_SOURCE = 30
RESTATED_EVERY = 20
REPLACED_SHARE = 0.9  # of a template's content words, replaced by vocabulary words
_WORD = re.compile(r"[A-Za-z]{4,}")


def _templates() -> list[Claim]:
    found = extract([str(REPO / "corpus")], ExtractOptions(include_all=True))
    return [c for c in found if isinstance(c, Claim) and len(c.text) > 40]


def _name(k: int, first: str) -> str:
    letters = ""
    k += 26
    while k:
        k, digit = divmod(k, 26)
        letters += chr(97 + digit)
    return first + letters


# The commonest words of a language are stop words, which claims are not compared by:
# content words are drawn from the ranks after these.
STOP_RANKS = 200


def _zipf(rng: random.Random, size: int) -> int:
    """A rank from 0 to ``size - 1``, drawn with probability about 1/(rank + STOP_RANKS)
    (Zipf's law with the stop words left out)."""
    low, high = math.log(STOP_RANKS), math.log(size + STOP_RANKS)
    return min(size - 1, int(math.exp(low + rng.random() * (high - low))) - STOP_RANKS)


def synthetic(n: int, seed: int = 13) -> tuple[list[Claim], list[tuple[str, str]]]:
    """``n`` claims and the pairs of ids planted as restatements."""
    rng = random.Random(seed)
    templates = _templates()
    vocabulary = max(5000, n)
    names = max(200, n // 20)
    claims: list[Claim] = []
    planted: list[tuple[str, str]] = []
    i = 0
    while len(claims) < n:
        template = templates[i % len(templates)]
        text = _WORD.sub(
            lambda m: (
                _name(_zipf(rng, vocabulary), "v") if rng.random() < REPLACED_SHARE else m.group()
            ),
            template.text,
        )
        actors = []
        for actor in template.actors:
            name = _name(_zipf(rng, names), "N").capitalize()
            text = text.replace(actor.text, name)
            actors.append(Actor(name, actor.type, name, 0, len(name)))
        claim = _make(text, actors, template, source=len(claims) // PER_SOURCE, serial=i)
        claims.append(claim)
        i += 1
        if i % RESTATED_EVERY == 0 and len(claims) < n:
            words = text.split()
            kept = " ".join(w for w in words if rng.random() > 0.2) or text
            other = _make(kept, actors, template, source=10**9 + i, serial=i)
            claims.append(other)
            planted.append((claim.id, other.id))
    return claims, planted


def _make(text: str, actors: list[Actor], template: Claim, source: int, serial: int) -> Claim:
    sha = f"{source:064d}"
    return replace(
        template,
        id=f"c-{serial:08d}{source % 10**8:08d}",
        text=text,
        actors=actors,
        source=Source(path=f"synthetic/{source}.txt", sha256=sha),
        matches=None,
        cluster=None,
    )


def _all_pairs(features: list[Features]) -> int:
    """Score every cross-source pair (the baseline without blocking); the number scored."""
    idf = matching.idf_weights(features)
    scored = 0
    for i, a in enumerate(features):
        for b in features[i + 1 :]:
            if a.source != b.source:
                matching.score_pair(a, b, idf)
                scored += 1
    return scored


def _found(matched: list[Claim], planted: list[tuple[str, str]]) -> float:
    linked = {(c.id, m.id) for c in matched for m in c.matches or []}
    return sum(1 for pair in planted if pair in linked) / len(planted) if planted else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,4000,16000,64000")
    parser.add_argument("--baseline", type=int, default=2000)
    parser.add_argument("--dask", type=int, default=0, help="also match N claims on Dask")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{'claims':>8} {'features s':>10} {'match s':>8} {'total s':>8} "
        f"{'ms/claim':>8} {'growth':>6} {'planted found':>13}"
    )
    previous: tuple[int, float] | None = None
    for n in sizes:
        claims, planted = synthetic(n)
        start = time.perf_counter()
        features = [claim_features(c) for c in claims]
        featured = time.perf_counter()
        edges = matching.find_edges(features)
        matched = matching.apply_edges(claims, edges, matching.SAME_THRESHOLD)
        done = time.perf_counter()
        total = done - start
        growth = (
            f"{math.log(total / previous[1]) / math.log(n / previous[0]):.2f}" if previous else "-"
        )
        print(
            f"{n:>8} {featured - start:>10.2f} {done - featured:>8.2f} {total:>8.2f} "
            f"{1000 * total / n:>8.3f} {growth:>6} {_found(matched, planted):>13.0%}"
        )
        previous = (n, total)
    if args.baseline:
        claims, _ = synthetic(args.baseline)
        features = [claim_features(c) for c in claims]
        start = time.perf_counter()
        blocked = matching.find_edges(features)
        middle = time.perf_counter()
        scored = _all_pairs(features)
        end = time.perf_counter()
        print(
            f"baseline at {args.baseline} claims: every pair ({scored:,} scored) "
            f"{end - middle:.2f} s, with blocking {middle - start:.2f} s: "
            f"{(end - middle) / (middle - start):.1f}x faster ({len(blocked)} edges)"
        )
    if args.dask:
        from claimcite.workflows.match_dask import find_edges_dask

        claims, _ = synthetic(args.dask)
        features = [claim_features(c) for c in claims]
        start = time.perf_counter()
        local = matching.find_edges(features)
        middle = time.perf_counter()
        distributed = find_edges_dask(features, workers=args.workers)
        end = time.perf_counter()
        print(
            f"dask at {args.dask} claims, {args.workers} workers: {end - middle:.2f} s "
            f"(local {middle - start:.2f} s), same edges: {distributed == local}"
        )


if __name__ == "__main__":
    main()
