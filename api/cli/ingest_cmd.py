"""`steward ingest openlineage FILE.jsonl`: the OpenLineage intake, offline."""

from __future__ import annotations

import json
from pathlib import Path

import click

from api.cli import Context, cli, handled, pass_context
from api.cli.output import print_json
from catalog.openlineage import EventError, Observation, parse_event
from catalog.source import CatalogError, Location, Problems
from catalog.validate import file_origin
from graph.intake import ingest as ingest_events

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


@cli.group()
def ingest() -> None:
    """Take in lineage that other tools record."""


@ingest.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@JSON
@pass_context
def openlineage(ctx: Context, path: Path, as_json: bool) -> None:
    """Read OpenLineage events, one JSON object a line (as the client's file transport
    writes them), and record what they show, as `POST /api/v1/lineage` does: the flows
    each COMPLETE run shows between mapped datasets' systems, and every dataset that no
    `dataset_mappings` entry matches as a pending observation.

    The whole file is checked first: a line that is not an OpenLineage event is
    reported with its line number and the JSON path of the problem, and then nothing
    is written (exit code 2). Reading the same file again changes nothing.
    """
    with handled(as_json):
        events = read_events(path)
        with ctx.store() as store:
            report = ingest_events(store, events, "cli", file_origin(path.name))
    if as_json:
        print_json({"ok": True, "events": len(events), **report.as_dict()})
        return
    click.echo(f"read {len(events)} event(s): {len(report.flows)} flow(s) seen, "
               f"{len(report.pending)} dataset(s) pending a mapping; "
               f"{len(report.load.created)} created, {len(report.load.updated)} updated, "
               f"{report.load.unchanged} unchanged")


def read_events(path: Path) -> list[Observation]:
    problems = Problems()
    events: list[Observation] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                events.append(parse_event(json.loads(line)))
            except EventError as exc:
                problems.add(Location(str(path), number, exc.path), exc.message)
            except (ValueError, RecursionError):
                problems.add(Location(str(path), number, "$"), "not a JSON object")
    if problems:
        raise CatalogError(problems.sorted())
    return events
