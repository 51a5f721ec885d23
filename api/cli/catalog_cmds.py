"""Verbs that build and inspect the catalog: init, load, stats, show, export, import,
schema, serve."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import click

from api.cli import Context, cli, fail, handled, pass_context
from api.cli.output import print_json, progress, table
from catalog.json_schema import catalog_schema
from catalog.validate import DEFINED_IN, origin_text
from graph.dump import export_to, import_into, read_dump
from graph.loading import load_paths, utc_stamp
from graph.store import Direction, Store
from graph.yaml_source import MAX_FILE_SIZE, MAX_FILE_SIZE_VAR, dump_yaml

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


@cli.command()
@JSON
@pass_context
def init(ctx: Context, as_json: bool) -> None:
    """Create an empty store (or open an existing one) and say where it is."""
    with handled(), ctx.store() as store:
        info = {"backend": store.name, "store": ctx.config.location,
                "schema_version": store.schema_version(),
                "nodes": sum(store.count_nodes().values())}
    if as_json:
        print_json(info)
    else:
        click.echo(f"{info['backend']} store ready at {info['store']} "
                   f"(schema {info['schema_version']}, {info['nodes']} nodes)")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Do not report each file read.")
@click.option("--at", metavar="TIME",
              help="Stamp what changes (updated_at, the audit trail) with this time, ISO 8601, "
                   "instead of now. Default: $SOURCE_DATE_EPOCH when it is set.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=MAX_FILE_SIZE, show_default=True,
              envvar=MAX_FILE_SIZE_VAR, metavar="BYTES",
              help=f"Refuse a catalog file larger than this. [env: {MAX_FILE_SIZE_VAR}]")
@click.option("--replace", is_flag=True,
              help="Let these files redefine nodes that another file (or the API) defined.")
@JSON
@pass_context
def load(ctx: Context, paths: tuple[Path, ...], quiet: bool, at: str | None, max_file_size: int,
         replace: bool, as_json: bool) -> None:
    """Validate catalog YAML files (or folders of them) and load them, all or nothing.

    Every problem of the load is reported at once, with file, line and key; then
    nothing is written and the exit code is 2. Loading the same files again changes
    nothing; loading a changed file updates what changed.

    Each node records the file that defines it, by its path relative to the folder
    (or as the file) named here, so a catalog loads the same from any directory. A
    node defined in another file is refused unless --replace is given.

    A catalog repository rebuilt from its files in a fresh store gets the same
    updated_at values, and so the same published inventory, when every build passes
    the same time: the time of the commit, for example.

    \b
    Examples:
      steward load seeds/
      SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) steward load catalog/
    """
    stamp = _stamp(at)
    with handled(as_json), ctx.store() as store:
        report = load_paths(store, paths, now=stamp, progress=None if quiet or as_json else progress,
                            max_file_size=max_file_size, replace=replace)
    if as_json:
        print_json({"ok": True, **report.as_dict()})
        return
    click.echo(f"loaded {report.files} file(s): {len(report.created)} created, "
               f"{len(report.updated)} updated, {report.unchanged} unchanged; "
               f"relationships {report.edges_added} added, {report.edges_removed} removed, "
               f"{report.edges_changed} changed")


def _stamp(at: str | None) -> str | None:
    """The time a load records: `--at`, else $SOURCE_DATE_EPOCH, else None for now."""
    if at is not None:
        try:
            return utc_stamp(datetime.fromisoformat(at.replace("Z", "+00:00")))
        except ValueError:
            raise click.UsageError(f"--at {at!r} is not a time: give an ISO 8601 time such as "
                                   "2026-09-01T08:00:00Z") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    if not epoch.isdigit():
        raise click.UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970")
    return utc_stamp(datetime.fromtimestamp(int(epoch), UTC))


def _stats(store: Store) -> dict[str, object]:
    nodes = {k.value: v for k, v in sorted(store.count_nodes().items(), key=lambda kv: kv[0].value)}
    edges = {k.value: v for k, v in sorted(store.count_edges().items(), key=lambda kv: kv[0].value)}
    return {"nodes": nodes, "relationships": edges,
            "total_nodes": sum(nodes.values()), "total_relationships": sum(edges.values())}


@cli.command()
@JSON
@pass_context
def stats(ctx: Context, as_json: bool) -> None:
    """Count the catalog's nodes by label and relationships by type."""
    with handled(), ctx.store() as store:
        data = _stats(store)
    if as_json:
        print_json(data)
        return
    _print_stats(data)


def _print_stats(data: dict[str, object]) -> None:
    nodes, edges = data["nodes"], data["relationships"]
    assert isinstance(nodes, dict) and isinstance(edges, dict)
    table(["label", "count"], sorted(nodes.items()), caption=f"{data['total_nodes']} nodes")
    click.echo()
    table(["relationship", "count"], sorted(edges.items()),
          caption=f"{data['total_relationships']} relationships")


@cli.command()
@click.argument("node_id")
@JSON
@pass_context
def show(ctx: Context, node_id: str, as_json: bool) -> None:
    """Show one node, its properties and every relationship in or out of it."""
    with handled(), ctx.store() as store:
        node = store.get_node(node_id)
        if node is None:
            fail(f"no node with id {node_id!r}", 2)
            return
        edges = store.edges(node_id, Direction.BOTH)
        names = {n.id: n.name for n in store.get_nodes({e.source for e in edges} |
                                                       {e.target for e in edges}).values()}
    rels = [{"direction": "out" if e.source == node_id else "in", "type": e.type.value,
             "other": e.target if e.source == node_id else e.source, "props": dict(e.props)}
            for e in edges]
    props = dict(node.props)
    origin = props.pop(DEFINED_IN, None)
    if as_json:
        print_json({"id": node.id, "label": node.label.value, "defined_in": origin, "props": props,
                    "relationships": rels})
        return
    click.echo(f"{node.label} {node.id}")
    click.echo(f"defined {origin_text(origin)}" if origin else "defined before Steward recorded where")
    for key, value in sorted(props.items()):
        click.echo(f"  {key}: {value}")
    click.echo()
    table(["", "relationship", "node", "name", "properties"],
          [("->" if r["direction"] == "out" else "<-", r["type"], r["other"],
            names.get(str(r["other"]), ""), json.dumps(r["props"], sort_keys=True) if r["props"] else "")
           for r in rels])


@cli.command("export")
@click.argument("file", type=click.Path(allow_dash=True, path_type=Path))
@pass_context
def export_cmd(ctx: Context, file: Path) -> None:
    """Write the whole graph to FILE as JSON Lines (`-` for stdout), sorted and lossless."""
    with handled(), ctx.store() as store:
        if str(file) == "-":
            nodes, edges = export_to(store, sys.stdout)
        else:
            with file.open("w", encoding="utf-8") as out:
                nodes, edges = export_to(store, out)
    progress(f"exported {nodes} nodes and {edges} relationships")


@cli.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@JSON
@pass_context
def import_cmd(ctx: Context, file: TextIO, as_json: bool) -> None:
    """Read a dump written by `steward export` into the store, in one transaction."""
    with handled(as_json), ctx.store() as store:
        nodes, edges = read_dump(file, getattr(file, "name", "<dump>"))
        import_into(store, nodes, edges)
    if as_json:
        print_json({"ok": True, "nodes": len(nodes), "relationships": len(edges)})
    else:
        click.echo(f"imported {len(nodes)} nodes and {len(edges)} relationships")


@cli.command()
def schema() -> None:
    """Print the JSON Schema of catalog files, for editors and CI."""
    print_json(catalog_schema())


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--districts", type=click.IntRange(1, 2000), default=10, show_default=True,
              help="How many districts the state has.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same files.")
@JSON
def generate(out_dir: Path, districts: int, seed: int, as_json: bool) -> None:
    """Write a synthetic catalog shaped like a state, for benchmarks and demos.

    A state agency with its systems and research partners, and DISTRICTS districts with
    schools, systems, people, providers, flows, agreements, retention rules, exit cohorts,
    purges and holds: about 400 nodes and 3,000 relationships per district. The files
    load with `steward load OUT_DIR`; the same options always write the same bytes.

    \b
    Examples:
      steward generate --districts 50 --seed 7 /tmp/state-50
      steward --store /tmp/s load /tmp/state-50
    """
    from catalog import synthetic

    files = synthetic.generate(synthetic.Shape(districts=districts), seed)
    written = 0
    for name, document in files.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(document), encoding="utf-8")
        written += 1
        if not as_json and written % 50 == 0:
            progress(f"wrote {written} of {len(files)} files")
    nodes = sum(len(items) for doc in files.values() for items in doc.values())
    if as_json:
        print_json({"out_dir": str(out_dir), "files": written, "districts": districts, "seed": seed, "nodes": nodes})
    else:
        click.echo(f"wrote {written} file(s) with {nodes:,} nodes to {out_dir}")
