"""The claim record (RECORD.md, format 1): typed dataclasses and the one place that writes JSON."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

FORMAT_VERSION = 1

Kind = Literal["fact", "opinion", "question", "other"]
UrlFrom = Literal["trailer", "front-matter", "html", "manifest", "pdf"]
PublishedFrom = Literal["url", "metadata", "manifest", "--published", "pdf"]
Relation = Literal["same", "related"]
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
    encoding: str | None = None  # what the input's bytes were decoded with


@dataclass(frozen=True)
class Span:
    """Where the sentence stands in the decoded original file."""

    start: int
    end: int
    line: int
    sentence: int
    page: int | None = None  # 1-based page of a paged input (PDF), else None


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
    speaker_resolved: bool = True  # False: ``speaker`` is a pronoun not tied to a name


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
class Match:
    """A claim in another source that states the same (or a related) thing."""

    id: str
    score: float
    relation: Relation
    conflict: list[str] = field(default_factory=list)  # "date", "number", …: where they differ

    def as_dict(self) -> dict[str, Any]:
        """The match as plain data."""
        return {
            "id": self.id,
            "score": round(self.score, 4),
            "relation": self.relation,
            "conflict": list(self.conflict),
        }


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
    # Every speaker–cue pair of the sentence, in text order (``attribution`` is the outermost).
    attributions: list[Attribution] = field(default_factory=list)
    # Written by ``claimcite match``: None where matching was not run.
    matches: list[Match] | None = None
    cluster: str | None = None

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
            "attributions": [_flat(a) for a in self.attributions],
            "citations": [c.as_dict() for c in self.citations],
            "duplicate_of": self.duplicate_of,
            "matches": [m.as_dict() for m in self.matches] if self.matches is not None else None,
            "cluster": self.cluster,
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


class RecordError(ValueError):
    """A JSON object that is not a claim record; the message says which field is wrong."""


def claim_from_dict(data: Any) -> Claim:
    """A claim record read back from its JSON form (the inverse of :meth:`Claim.as_dict`).

    Fields added within format 1 may be missing (records of older versions); a missing or
    mistyped required field raises RecordError naming it.
    """
    if not isinstance(data, dict):
        raise RecordError("not a JSON object")
    try:
        source = data["source"]
        span = data["span"]
        attribution = data.get("attribution")
        matches = data.get("matches")
        return Claim(
            id=_str(data["id"], "id"),
            text=_str(data["text"], "text"),
            kind=data["kind"],
            checkworthiness=float(data["checkworthiness"]),
            source=Source(**source),
            span=Span(**{"page": None, **span}),
            actors=[Actor(**a) for a in data.get("actors") or []],
            dates=[DateMention(**d) for d in data.get("dates") or []],
            attribution=Attribution(**attribution) if attribution else None,
            citations=[Citation(**c) for c in data.get("citations") or []],
            duplicate_of=data.get("duplicate_of"),
            format=int(data.get("format", FORMAT_VERSION)),
            attributions=[Attribution(**a) for a in data.get("attributions") or []],
            matches=[Match(**m) for m in matches] if matches is not None else None,
            cluster=data.get("cluster"),
        )
    except KeyError as err:
        raise RecordError(f"missing field {err.args[0]!r}") from None
    except (TypeError, ValueError) as err:
        raise RecordError(f"not a claim record ({err})") from None


def _str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise RecordError(f"field {name!r} is not a string")
    return value
