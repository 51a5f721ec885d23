"""The import-sheet verb: a district's spreadsheet as catalog YAML, for review before loading."""

from __future__ import annotations

from pathlib import Path

import click

from api.cli import Context, cli, handled, pass_context
from api.cli.output import print_json, progress
from graph.sheets import check_loads, import_sheet
from graph.yaml_source import dump_yaml


@cli.command("import-sheet")
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--map", "mapping", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The mapping file: which column holds which field, and what the sheet's words mean.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the catalog YAML here instead of to stdout.")
@click.option("--with", "alongside", multiple=True, type=click.Path(exists=True, path_type=Path),
              metavar="PATH", help="Catalog files or folders the output will be loaded with: the check "
                                   "counts their nodes as defined. Repeatable.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the problems, or with --out what was written, as JSON for scripts.")
@pass_context
def import_sheet_cmd(ctx: Context, sheet: Path, mapping: Path, out: Path | None, alongside: tuple[Path, ...],
                     as_json: bool) -> None:
    """Turn a spreadsheet (CSV or XLSX) into catalog YAML to review, then load.

    An inventory sheet has one row per data element (element, definition, system,
    vendor, purpose, retention...); an agreements sheet one row per agreement, in the
    shape of the National DPA (provider, dates, Exhibit B elements, destruction and
    breach terms). The mapping file says which it is, which column holds which field,
    and what the sheet's words stand for in the catalog; docs/catalog-format.md
    describes it.

    Nothing is guessed: a row with a word the mapping does not explain (a sensitivity,
    a system, an Exhibit B element...) is reported with its row and column, and then
    nothing is written (exit code 2). The YAML written is checked as `steward load`
    would check it against the store (and the files given with --with), so it loads as
    it is.

    \b
    Examples:
      steward import-sheet seeds/import/inventory.csv --map seeds/import/inventory.map.yaml
      steward import-sheet seeds/import/agreements.csv --map seeds/import/agreements.map.yaml \\
          --with inventory.yaml -o agreements.yaml
    """
    with handled(as_json), ctx.store() as store:
        document = import_sheet(sheet, mapping)
        text = dump_yaml(document)
        check_loads(store, text, str(out or "<output>"), alongside)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
    counts = {key: len(nodes) for key, nodes in document.items()}
    if as_json and out is not None:
        print_json({"ok": True, "out": str(out), "nodes": counts})
    progress("wrote " + ", ".join(f"{n} {key}" for key, n in counts.items()) + (f" to {out}" if out else ""))
