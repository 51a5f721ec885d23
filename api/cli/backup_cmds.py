"""Verbs that keep the catalog safe: backup and restore."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli import Context, cli, handled, pass_context
from api.cli.output import print_json, progress
from graph.backup import restore_file, write_backup

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


def _summary(counts: dict[str, int]) -> str:
    return (f"{counts['node']:,} nodes, {counts['edge']:,} relationships, {counts['change']:,} audit records "
            f"and {counts['token']:,} tokens and feeds")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@JSON
@pass_context
def backup(ctx: Context, file: Path, as_json: bool) -> None:
    """Write the whole store to FILE: a consistent snapshot, safe to take while
    `steward serve` runs and writes.

    FILE holds the nodes, the relationships, the audit trail, the API tokens and deadline
    feeds (as stored: hashed, never a secret) and the schema version, as JSON Lines that
    end with a checksum. It is written beside FILE under a temporary name and renamed
    only once complete: a failed backup leaves FILE as it was. FILE is readable by its
    owner only. The same state always gives the same bytes, on either backend.

    \b
    Examples:
      steward backup catalog-2026-05-01.backup
      steward --backend neo4j backup nightly.backup --json
      steward --store /srv/new restore catalog-2026-05-01.backup
    """
    with handled(as_json), ctx.store() as store:
        progress(f"reading the {store.name} store at {ctx.config.location}")
        counts = write_backup(store, file, progress)
    if as_json:
        print_json({"ok": True, "file": str(file), "backend": ctx.config.backend, **_plural(counts)})
    else:
        click.echo(f"backed up {_summary(counts)} to {file}")


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True,
              help="Restore into a store that holds data, deleting everything it holds "
                   "(in the same transaction: a failed restore deletes nothing).")
@JSON
@pass_context
def restore(ctx: Context, file: Path, replace: bool, as_json: bool) -> None:
    """Restore a backup written by `steward backup` into an empty store, exactly.

    The whole file is checked first (a file cut short, changed or damaged is refused,
    naming the line), then written in one transaction: all of it or nothing. A store
    that holds anything is refused unless --replace is given. The backup may come from
    either backend: restore a backup of the embedded store into Neo4j, or back.

    \b
    Examples:
      steward --store /srv/new restore catalog.backup
      steward --backend neo4j --neo4j-uri bolt://db:7687 restore catalog.backup
      steward restore --replace catalog.backup
    """
    with handled(as_json), ctx.store() as store:
        counts = restore_file(store, file, replace, progress)
    if as_json:
        print_json({"ok": True, "file": str(file), "backend": ctx.config.backend, **_plural(counts)})
    else:
        click.echo(f"restored {_summary(counts)} from {file} into the {ctx.config.backend} store "
                   f"at {ctx.config.location}")


def _plural(counts: dict[str, int]) -> dict[str, int]:
    return {"nodes": counts["node"], "relationships": counts["edge"], "changes": counts["change"],
            "tokens": counts["token"]}
