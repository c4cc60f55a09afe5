"""The claim record (RECORD.md, format 1): typed dataclasses and the one place that writes JSON."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

FORMAT_VERSION = 1

Kind = Literal["fact", "opinion", "question", "other"]
UrlFrom = Literal["trailer", "front-matter", "html", "manifest"]
PublishedFrom = Literal["url", "metadata", "manifest", "--published"]
Anchor = Literal["absolute", "published", "context"]


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: the input file and the article it holds."""

    path: str
    sha256: str
    url: str | None = None
    url_from: UrlFrom | None = None
    title: str | None = None
    published: str | None = None
    published_from: PublishedFrom | None = None


@dataclass(frozen=True)
class Span:
    """Where the sentence stands in the decoded original file."""

    start: int
    end: int
    line: int
    sentence: int


@dataclass(frozen=True)
class Actor:
    """A person, organisation, country, place or group named in the sentence."""

    text: str
    type: str
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class DateMention:
    """A date expression and its ISO 8601 value (or None when it cannot be fixed)."""

    text: str
    value: str | None
    anchor: Anchor | None
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    """Who the text credits with the claim, and the cue that says so."""

    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_start: int
    cue_end: int
    direct: bool


@dataclass(frozen=True)
class Citation:
    """Something in the document that backs a claim: footnote, URL, related article, credit."""

    kind: Literal["footnote", "url", "related", "credit"]
    marker: str | None = None
    text: str | None = None
    url: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The citation with only the keys its kind uses."""
        return {k: v for k, v in _flat(self).items() if k == "kind" or v is not None}


@dataclass(frozen=True)
class Claim:
    """One record: a sentence of an article with everything claimcite found about it."""

    id: str
    text: str
    kind: Kind
    checkworthiness: float
    source: Source
    span: Span
    actors: list[Actor] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    attribution: Attribution | None = None
    citations: list[Citation] = field(default_factory=list)
    duplicate_of: str | None = None
    format: int = FORMAT_VERSION

    def as_dict(self) -> dict[str, Any]:
        """The record as plain data, keys in RECORD.md's order."""
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "checkworthiness": round(self.checkworthiness, 4),
            "source": _flat(self.source),
            "span": _flat(self.span),
            "actors": [_flat(a) for a in self.actors],
            "dates": [_flat(d) for d in self.dates],
            "attribution": _flat(self.attribution) if self.attribution else None,
            "citations": [c.as_dict() for c in self.citations],
            "duplicate_of": self.duplicate_of,
            "format": self.format,
        }


def _flat(record: Source | Span | Actor | DateMention | Attribution | Citation) -> dict[str, Any]:
    """A record of plain fields as a dict in field order (``asdict`` without its deep
    copy: these records hold only strings, numbers, booleans and None)."""
    return dict(vars(record))


def claim_id(sha256: str, start: int, end: int) -> str:
    """A stable id: the same file bytes and span give the same id everywhere."""
    digest = hashlib.sha256(f"{sha256}:{start}:{end}".encode()).hexdigest()
    return f"c-{digest[:16]}"


def dumps(data: dict[str, Any]) -> str:
    """The one JSON encoding of records: UTF-8 text, compact, keys in record order."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def to_json(claim: Claim) -> str:
    """A claim as a single JSON line (no trailing newline)."""
    return dumps(claim.as_dict())
