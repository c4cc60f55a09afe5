"""`claimcite schema`: print the JSON Schema of the claim record."""

from __future__ import annotations

import json

import typer

from .app import app
from .help import example


@app.command(epilog=example("claimcite schema > claim.schema.json"))
def schema() -> None:
    """Print the JSON Schema of the claim record (RECORD format 1)."""
    from ..extractors.schema import CLAIM_SCHEMA

    typer.echo(json.dumps(CLAIM_SCHEMA, indent=2, ensure_ascii=False))
