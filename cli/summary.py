"""`claimcite summary`: per source, what the claim records hold, as tables or JSON."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from .app import app
from .help import example
from .records_input import RECORD_FILES, RecordInput


@app.command(
    epilog=example(
        "claimcite extract corpus/ | claimcite summary -",
        "claimcite summary --json claims.jsonl | jq '.sources[].top_actors'",
    ),
)
def summary(
    files: RECORD_FILES = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of tables.")
    ] = False,
) -> None:
    """Summarise claim records per source: claims by kind, share attributed, date range,
    top actors and speakers, the ten most check-worthy claims."""
    from ..workflows.summary import summarise

    records = RecordInput(files)
    data = summarise(records).as_dict()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_tables(data)
    records.finish()


def _print_tables(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=False)
    for source in data["sources"]:
        console.rule(source["title"] or source["path"])
        facts = Table(show_header=False, box=None, pad_edge=False)
        facts.add_column(style="bold")
        facts.add_column(overflow="fold")
        dates = source["dates"]
        for name, value in (
            ("file", source["path"]),
            ("url", source["url"] or "—"),
            ("published", source["published"] or "—"),
            ("claims", str(source["claims"])),
            ("by kind", ", ".join(f"{k} {n}" for k, n in source["kinds"].items())),
            ("attributed", f"{source['attributed']} ({source['share_attributed']:.0%})"),
            ("repeats", str(source["duplicates"])),
            *(
                [("in other sources", f"{source['matched']} ({source['conflicting']} differing)")]
                if source["matched"] is not None
                else []
            ),
            ("dates", f"{dates['first']} – {dates['last']}" if dates["first"] else "—"),
        ):
            facts.add_row(name, value)
        console.print(facts)
        people = Table(title="Top actors and speakers", title_justify="left")
        for header in ("actor", "claims", "speaker", "claims"):
            people.add_column(header, justify="right" if header == "claims" else "left")
        actors, speakers = source["top_actors"], source["top_speakers"]
        for i in range(max(len(actors), len(speakers))):
            row: list[str] = []
            for ranked in (actors, speakers):
                found = i < len(ranked)
                row += [ranked[i]["name"], str(ranked[i]["claims"])] if found else ["", ""]
            people.add_row(*row)
        if actors or speakers:
            console.print(people)
        top = Table(title="Most check-worthy claims", title_justify="left")
        top.add_column("score", justify="right")
        top.add_column("claim", overflow="fold")
        for claim in source["top_claims"]:
            top.add_row(f"{claim['checkworthiness']:.2f}", claim["text"])
        console.print(top)
    total = data["total"]
    console.rule("all sources")
    kinds = ", ".join(f"{k} {n}" for k, n in total["kinds"].items())
    console.print(
        f"{total['claims']} claims from {total['sources']} sources"
        + (f" ({kinds}); {total['share_attributed']:.0%} attributed" if kinds else "")
    )
