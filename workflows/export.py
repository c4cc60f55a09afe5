"""`claimcite export`: claim records as schema.org ClaimReview JSON-LD or as CSV rows.

``claim_review`` turns one record into a ClaimReview awaiting its verdict: the claim
(``claimReviewed``), who made it and where (``itemReviewed``, a schema.org ``Claim``), and
an empty ``reviewRating`` for the fact-checker to fill in. ``csv_rows`` flattens records
into spreadsheet rows whose text cells cannot start a formula.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from ..extractors.records import Attribution, Claim, Source

SCHEMA_ORG = "https://schema.org"
# spaCy entity labels whose bearer is an organisation in schema.org's sense.
ORGANISATION_TYPES = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})


def author_type(claim: Claim, attribution: Attribution) -> str:
    """``Person`` or ``Organization``: the type of the actor who is the speaker.

    The actor is the one the speaker's offsets fall in, else the one with the speaker's
    canonical name. A speaker that is no tagged actor ("officials", "the ministry") is an
    ``Organization`` unless it reads as a name (every word capitalised, as a pronoun
    resolved to a person is).
    """
    for actor in claim.actors:
        inside = (
            attribution.speaker_start is not None
            and actor.start <= attribution.speaker_start < actor.end
        )
        if inside or actor.name == attribution.speaker:
            return "Person" if actor.type == "PERSON" else "Organization"
    words = (attribution.speaker or "").split()
    if words and attribution.speaker_resolved and all(w[:1].isupper() for w in words):
        return "Person"
    return "Organization"


def appearance(source: Source) -> dict[str, Any]:
    """Where the claim appeared: the source article as a schema.org CreativeWork."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if source.url:
        work["url"] = source.url
    if source.title:
        work["headline"] = source.title
    if source.published:
        work["datePublished"] = source.published
    return work


def claim_review(claim: Claim, first: Source | None = None) -> dict[str, Any]:
    """The ClaimReview of one record, its rating left empty.

    ``first``: the source where the claim appeared first, when known (the earliest source
    of the claims ``claimcite match`` found to state the same); by default the claim's own.
    """
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.attribution and claim.attribution.speaker:
        item["author"] = {
            "@type": author_type(claim, claim.attribution),
            "name": claim.attribution.speaker,
        }
    item["appearance"] = appearance(claim.source)
    if claim.source.published:
        item["datePublished"] = claim.source.published
    item["firstAppearance"] = appearance(first or claim.source)
    return {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.text,
        "itemReviewed": item,
        # For the fact-checker: the verdict, the review's own URL, author and date.
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": None,
            "bestRating": None,
            "worstRating": None,
            "alternateName": None,
        },
        "url": None,
        "author": None,
        "datePublished": None,
    }


def claim_reviews(claims: Sequence[Claim]) -> Iterator[dict[str, Any]]:
    """The ClaimReviews of records, each with its first appearance where it is known: among
    the claim and those its ``matches`` say state the same (``relation: same``) and that
    are in ``claims``, the source published first."""
    by_id = {claim.id: claim for claim in claims}
    for claim in claims:
        first = claim.source
        for match in claim.matches or []:
            other = by_id.get(match.id)
            if match.relation != "same" or other is None or not other.source.published:
                continue
            if not first.published or other.source.published < first.published:
                first = other.source
        yield claim_review(claim, first)


# --- CSV -------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id", "kind", "checkworthiness", "text", "source_path", "source_url", "source_title",
    "source_published", "line", "page", "sentence", "start", "end", "actors", "actor_types",
    "dates", "date_values", "speaker", "cue", "direct", "citations", "duplicate_of",
    "cluster", "matches",
)
JOIN = "; "
# What a spreadsheet reads as the start of a formula (and tab / carriage return, which
# some spreadsheets strip before looking).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading ``'``."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _citation(citation: Any) -> str:
    return str(citation.url or citation.text or citation.marker or citation.kind)


def csv_row(claim: Claim) -> dict[str, Any]:
    """One record as a flat row of CSV_COLUMNS (lists joined with ``; ``)."""
    source, span, attribution = claim.source, claim.span, claim.attribution
    row: dict[str, Any] = {
        "id": claim.id,
        "kind": claim.kind,
        "checkworthiness": claim.checkworthiness,
        "text": claim.text,
        "source_path": source.path,
        "source_url": source.url,
        "source_title": source.title,
        "source_published": source.published,
        "line": span.line,
        "page": span.page,
        "sentence": span.sentence,
        "start": span.start,
        "end": span.end,
        "actors": JOIN.join(dict.fromkeys(a.name for a in claim.actors)),
        "actor_types": JOIN.join(a.type for a in claim.actors),
        "dates": JOIN.join(d.text for d in claim.dates),
        "date_values": JOIN.join(d.value or "" for d in claim.dates),
        "speaker": attribution.speaker if attribution else None,
        "cue": attribution.cue if attribution else None,
        "direct": attribution.direct if attribution else None,
        "citations": JOIN.join(_citation(c) for c in claim.citations),
        "duplicate_of": claim.duplicate_of,
        "cluster": claim.cluster,
        "matches": JOIN.join(m.id for m in claim.matches or []),
    }
    return {
        key: neutralised(value) if isinstance(value, str) else value
        for key, value in row.items()
    }


def write_csv(claims: Iterable[Claim], out: IO[str]) -> None:
    """Write a header and one row per record, streamed (RFC 4180: cells holding a comma,
    a quote or a line break are quoted; ``None`` is an empty cell)."""
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for claim in claims:
        writer.writerow(csv_row(claim))
