"""Checked claims: linking claim records to ClaimReview JSON-LD (``claimcite match --against``).

A review file is what ``claimcite export --to claimreview`` writes (JSON Lines, one
ClaimReview per line) or what fact-checkers publish: a JSON-LD object, a list of them, or
a ``@graph``. Every object of ``@type`` ClaimReview in it counts; its ``claimReviewed``
text is compared with the claims as a claim of its own source (its capitalised words
stand in for actors, its years and month-years for dates).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..extractors.records import Claim, Match
from .claim_features import claim_features, text_features
from .match import RELATED_THRESHOLD, SAME_THRESHOLD, find_edges, relation_of


@dataclass(frozen=True)
class Review:
    """A fact check: how to name it in ``matches``, and the claim it reviews."""

    id: str  # its url, else its @id, else "review:" + its identifier or position
    claim_reviewed: str


class ReviewError(ValueError):
    """A review file that cannot be read; the message says why."""


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"])


def _is_claim_review(data: dict[str, Any]) -> bool:
    kind = data.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "ClaimReview" in kinds


def parse_reviews(text: str) -> list[Review]:
    """The ClaimReviews of a JSON-LD document or of JSON Lines."""
    try:
        documents = [json.loads(text)]
    except json.JSONDecodeError:
        documents = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    documents.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise ReviewError(f"LINE {number}: not JSON ({err.msg})") from None
    reviews: list[Review] = []
    for position, data in enumerate(o for d in documents for o in _objects(d)):
        if not _is_claim_review(data):
            continue
        claim = data.get("claimReviewed")
        if not isinstance(claim, str) or not claim.strip():
            continue
        name = data.get("url") or data.get("@id")
        if not isinstance(name, str) or not name:
            name = f"review:{data.get('identifier') or position + 1}"
        reviews.append(Review(name, claim.strip()))
    return reviews


def read_reviews(path: str) -> list[Review]:
    """The ClaimReviews of a file; ReviewError when it cannot be read or holds none."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ReviewError(f"cannot read ({err.strerror or err})") from None
    except UnicodeDecodeError:
        raise ReviewError("not UTF-8 text") from None
    reviews = parse_reviews(text)
    if not reviews:
        raise ReviewError("no ClaimReview with a claimReviewed text in it")
    return reviews


def link_reviews(
    claims: Sequence[Claim], reviews: Sequence[Review], threshold: float = SAME_THRESHOLD
) -> list[Claim]:
    """The claims with the reviews that match them added to their ``matches`` (the
    review's id in place of a claim id), best first."""
    features = [claim_features(c) for c in claims]
    features += [text_features(r.claim_reviewed, f"review:{r.id}") for r in reviews]
    found: list[list[Match]] = [[] for _ in claims]
    for edge in find_edges(features, min(RELATED_THRESHOLD, threshold)):
        if edge.first >= len(claims) or edge.second < len(claims):
            continue  # claim with claim (matched apart), or review with review
        relation = relation_of(edge.score, threshold)
        if relation is not None:
            review = reviews[edge.second - len(claims)]
            found[edge.first].append(Match(review.id, edge.score, relation, list(edge.conflict)))
    return [
        replace(
            claim,
            matches=sorted(
                [*(claim.matches or []), *extra], key=lambda m: (-round(m.score, 4), m.id)
            ),
        )
        if extra
        else claim
        for claim, extra in zip(claims, found, strict=True)
    ]
