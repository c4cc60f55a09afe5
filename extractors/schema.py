"""The published JSON Schema of the claim record (`claimcite schema`)."""

from __future__ import annotations

from typing import Any

from .records import FORMAT_VERSION

_NULLABLE_STRING: dict[str, Any] = {"type": ["string", "null"]}
_OFFSET: dict[str, Any] = {"type": "integer", "minimum": 0}
_NULLABLE_OFFSET: dict[str, Any] = {"type": ["integer", "null"], "minimum": 0}

_ACTOR = {
    "type": "object",
    "required": ["text", "type", "name", "start", "end"],
    "properties": {
        "text": {"type": "string"},
        "type": {"enum": ["PERSON", "ORG", "GPE", "LOC", "NORP"]},
        "name": {"type": "string", "description": "canonical name within the document"},
        "start": _OFFSET,
        "end": _OFFSET,
    },
}

_DATE = {
    "type": "object",
    "required": ["text", "value", "anchor", "start", "end"],
    "properties": {
        "text": {"type": "string"},
        "value": {**_NULLABLE_STRING, "description": "ISO 8601 (TimeML style) or null"},
        "anchor": {"enum": ["absolute", "published", "context", None]},
        "start": _OFFSET,
        "end": _OFFSET,
    },
}

_ATTRIBUTION = {
    "type": ["object", "null"],
    "required": [
        "speaker",
        "speaker_start",
        "speaker_end",
        "cue",
        "cue_start",
        "cue_end",
        "direct",
    ],
    "properties": {
        "speaker": _NULLABLE_STRING,
        "speaker_start": _NULLABLE_OFFSET,
        "speaker_end": _NULLABLE_OFFSET,
        "cue": {"type": "string"},
        "cue_start": _OFFSET,
        "cue_end": _OFFSET,
        "direct": {"type": "boolean"},
        "speaker_resolved": {
            "type": "boolean",
            "description": "false when speaker is a pronoun not tied to a named speaker",
        },
    },
}

_MATCH = {
    "type": "object",
    "required": ["id", "score", "relation"],
    "properties": {
        "id": {"type": "string", "pattern": "^c-[0-9a-f]{16}$"},
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "relation": {"enum": ["same", "related"]},
        "conflict": {"type": "array", "items": {"type": "string"}},
    },
}

_CITATION = {
    "type": "object",
    "required": ["kind"],
    "properties": {
        "kind": {"enum": ["footnote", "url", "related", "credit"]},
        "marker": {"type": "string"},
        "text": {"type": "string"},
        "url": {"type": "string"},
    },
}

_SOURCE = {
    "type": "object",
    "required": ["path", "sha256", "url", "url_from", "title", "published", "published_from"],
    "properties": {
        "path": {"type": "string", "description": "the input as the user named it, - for stdin"},
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "url": _NULLABLE_STRING,
        "url_from": {"enum": ["trailer", "front-matter", "html", "manifest", "pdf", None]},
        "title": _NULLABLE_STRING,
        "published": {
            "type": ["string", "null"],
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
        },
        "published_from": {
            "enum": ["url", "metadata", "manifest", "--published", "pdf", None]
        },
        "encoding": {
            **_NULLABLE_STRING,
            "description": "what the input's bytes were decoded with (utf-8, utf-16, cp1252…)",
        },
    },
}

CLAIM_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://claimcite.invalid/schema/claim-1.json",
    "title": "claimcite claim record",
    "description": "One line of `claimcite extract` output (format 1).",
    "type": "object",
    "additionalProperties": True,
    "required": [
        "id",
        "text",
        "kind",
        "checkworthiness",
        "source",
        "span",
        "actors",
        "dates",
        "attribution",
        "citations",
        "duplicate_of",
        "format",
    ],
    "properties": {
        "id": {"type": "string", "pattern": "^c-[0-9a-f]{16}$"},
        "text": {"type": "string", "minLength": 1},
        "kind": {"enum": ["fact", "opinion", "question", "other"]},
        "checkworthiness": {"type": "number", "minimum": 0, "maximum": 1},
        "source": _SOURCE,
        "span": {
            "type": "object",
            "required": ["start", "end", "line", "sentence"],
            "properties": {
                "start": _OFFSET,
                "end": _OFFSET,
                "line": {"type": "integer", "minimum": 1},
                "sentence": _OFFSET,
                "page": {
                    "type": ["integer", "null"],
                    "minimum": 1,
                    "description": "1-based page of a paged input (PDF), else null",
                },
            },
        },
        "actors": {"type": "array", "items": _ACTOR},
        "dates": {"type": "array", "items": _DATE},
        "attribution": _ATTRIBUTION,
        "attributions": {
            "type": "array",
            "items": {**_ATTRIBUTION, "type": "object"},
            "description": "every speaker–cue pair of the sentence, in text order",
        },
        "citations": {"type": "array", "items": _CITATION},
        "duplicate_of": {"type": ["string", "null"], "pattern": "^c-[0-9a-f]{16}$"},
        "matches": {
            "type": ["array", "null"],
            "items": _MATCH,
            "description": "claims in other sources that match (claimcite match), else null",
        },
        "cluster": {
            **_NULLABLE_STRING,
            "description": "id shared by a group of matching claims (claimcite match)",
        },
        "format": {"const": FORMAT_VERSION},
    },
}
