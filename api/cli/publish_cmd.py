"""The `publish` verb: write the public data inventory as a static site."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import click

from api.cli import Context, cli, fail, handled, pass_context
from api.cli.output import print_json, progress, table
from catalog.periods import parse_date


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    try:
        return parse_date(value) if value else date.today()
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command("publish")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--as-of", "as_of", callback=_as_of, metavar="DATE",
              help="Publish the inventory as of this ISO date (default: today).")
@click.option("--base-url", metavar="URL",
              help="Where OUT_DIR will be served, e.g. https://example.org/privacy/; makes the links "
                   "in data.json absolute, as data portals need.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def publish_cmd(ctx: Context, out_dir: Path, as_of: date, base_url: str | None, as_json: bool) -> None:
    """Write the public data inventory to OUT_DIR as a static site.

    The site needs no server: open OUT_DIR/index.html from disk, or copy OUT_DIR to any
    static host. It holds the inventory page, a page per organization that receives
    data, the policies, "what we hold about a student" and "about a parent", and
    inventory.csv, inventory.json and data.json (DCAT-US 1.1). Only what the catalog
    marks public is published. The same catalog and --as-of give byte-identical files,
    so the folder can be kept in version control; pages left by an earlier publish
    under OUT_DIR/inventory/ are removed.

    \b
    Example:
      steward publish site/ --as-of 2026-09-01 --base-url https://example.org/privacy/
    """
    from api.inventory import build_site, write_site
    from api.inventory.model import InventoryError

    with handled(), ctx.store() as store:
        try:
            files = build_site(store, as_of, base_url)
        except InventoryError as exc:
            fail(str(exc), 2)
            return
    removed = write_site(files, out_dir)
    summary = [{"path": p, "bytes": len(c), "sha256": hashlib.sha256(c).hexdigest()} for p, c in files.items()]
    if as_json:
        print_json({"ok": True, "out_dir": str(out_dir), "as_of": as_of.isoformat(), "base_url": base_url,
                    "files": summary, "removed": removed})
        return
    for path in removed:
        progress(f"removed stale {path}")
    if not base_url:
        progress("note: without --base-url the links in data.json are relative; data portals need absolute ones")
    table(["file", "bytes"], [(f["path"], f["bytes"]) for f in summary],
          caption=f"wrote {len(files)} files to {out_dir} (as of {as_of.isoformat()})")
