"""`claimcite summary`: what each source's records hold, counted.

Per source: claims by kind, the share with an attribution, the range of the dates they
mention, the actors and speakers named most often, and the most check-worthy claims. One
pass over the records; only the counts and a short list of top claims are kept.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..extractors.records import Claim

TOP_ACTORS = 5
TOP_CLAIMS = 10
# A date value that can be placed on a calendar: a year, a month or a day (an interval's
# two ends are read apart). TimeML values such as 2021-SP or 199X are left out.
_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def calendar_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last calendar value of an ISO date or interval, or None."""
    if not value:
        return None
    ends = value.split("/")
    if len(ends) > 2 or not all(_CALENDAR.match(end) for end in ends):
        return None
    return ends[0], ends[-1]


@dataclass
class SourceSummary:
    """The counts of one source's records."""

    path: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    claims: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    attributed: int = 0
    duplicates: int = 0
    matched: int | None = None  # claims also stated in another source (None: no matching run)
    conflicting: int = 0  # of those, claims that differ from a match (in a date, a number…)
    first_date: str | None = None
    last_date: str | None = None
    actors: Counter[str] = field(default_factory=Counter)
    speakers: Counter[str] = field(default_factory=Counter)
    # (score, -position, id, text): a min-heap of the most check-worthy claims
    _top: list[tuple[float, int, str, str]] = field(default_factory=list)

    def add(self, claim: Claim) -> None:
        """Count one record of this source."""
        self.claims += 1
        self.kinds[claim.kind] += 1
        self.attributed += claim.attribution is not None
        self.duplicates += claim.duplicate_of is not None
        if claim.matches is not None:
            self.matched = (self.matched or 0) + bool(claim.matches)
            self.conflicting += any(m.conflict for m in claim.matches)
        for name in dict.fromkeys(actor.name for actor in claim.actors):
            self.actors[name] += 1
        said = claim.attributions or ([claim.attribution] if claim.attribution else [])
        for speaker in dict.fromkeys(a.speaker for a in said if a.speaker):
            self.speakers[speaker] += 1
        for date in claim.dates:
            bounds = calendar_bounds(date.value)
            if bounds:
                self.first_date = min(self.first_date or bounds[0], bounds[0])
                self.last_date = max(self.last_date or bounds[1], bounds[1])
        entry = (claim.checkworthiness, -claim.span.start, claim.id, claim.text)
        if len(self._top) < TOP_CLAIMS:
            heapq.heappush(self._top, entry)
        else:
            heapq.heappushpop(self._top, entry)

    @property
    def share_attributed(self) -> float:
        """The share of records with an attribution (0 for no records)."""
        return self.attributed / self.claims if self.claims else 0.0

    def top_claims(self) -> list[dict[str, Any]]:
        """The most check-worthy claims, highest first (earlier first on ties)."""
        ranked = sorted(self._top, reverse=True)
        return [{"id": i, "checkworthiness": s, "text": t} for s, _, i, t in ranked]

    def as_dict(self) -> dict[str, Any]:
        """The summary as plain data (what ``--json`` prints)."""
        return {
            "path": self.path,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "claims": self.claims,
            "kinds": dict(sorted(self.kinds.items())),
            "attributed": self.attributed,
            "share_attributed": round(self.share_attributed, 4),
            "duplicates": self.duplicates,
            "matched": self.matched,
            "conflicting": self.conflicting if self.matched is not None else None,
            "dates": {"first": self.first_date, "last": self.last_date},
            "top_actors": _ranked(self.actors),
            "top_speakers": _ranked(self.speakers),
            "top_claims": self.top_claims(),
        }


def _ranked(counter: Counter[str]) -> list[dict[str, Any]]:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:TOP_ACTORS]
    return [{"name": name, "claims": count} for name, count in ranked]


@dataclass
class Summary:
    """Per-source summaries in the order the sources first appear, and their total."""

    sources: dict[str, SourceSummary] = field(default_factory=dict)
    total: SourceSummary = field(default_factory=lambda: SourceSummary(path="*"))

    def add(self, claim: Claim) -> None:
        """Count one record."""
        source = claim.source
        found = self.sources.get(source.path)
        if found is None:
            found = self.sources[source.path] = SourceSummary(
                source.path, source.title, source.url, source.published
            )
        found.add(claim)
        self.total.add(claim)

    def as_dict(self) -> dict[str, Any]:
        """The whole summary as one JSON-ready object."""
        total = self.total.as_dict()
        for key in ("path", "title", "url", "published"):
            del total[key]
        return {
            "sources": [s.as_dict() for s in self.sources.values()],
            "total": {"sources": len(self.sources), **total},
        }


def summarise(claims: Iterable[Claim]) -> Summary:
    """The summary of a stream of records."""
    summary = Summary()
    for claim in claims:
        summary.add(claim)
    return summary
