"""`steward plan PATH...`: what loading PATH would change, and its governance impact,
for a reviewer to read before it lands (a pull request's comment, a CI gate)."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import click

from api.cli import Context, cli, handled, pass_context
from api.cli.analysis_cmds import SEVERITIES, _as_of_option
from api.cli.output import print_json
from catalog.findings import Finding
from catalog.review import MovedDeadline, OutsideFlow
from graph.plan import Plan, plan_paths
from graph.yaml_source import MAX_FILE_SIZE, MAX_FILE_SIZE_VAR


@cli.command("plan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown: a comment for a pull request.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit 1 when the change would introduce a finding at or above this severity.")
@click.option("--replace", is_flag=True, help="As `load --replace`: let these files redefine other files' nodes.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=MAX_FILE_SIZE, show_default=True,
              envvar=MAX_FILE_SIZE_VAR, metavar="BYTES", help=f"As for load. [env: {MAX_FILE_SIZE_VAR}]")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_context
def plan_cmd(ctx: Context, paths: tuple[Path, ...], as_of: date, fmt: str, fail_on: str | None, replace: bool,
             max_file_size: int, as_json: bool) -> None:
    """Show what `steward load PATH...` would change, without writing anything.

    The files are validated as a load validates them (problems: exit code 2). Then the
    plan lists the nodes and relationships that would be added, changed and removed,
    and the governance impact as of --as-of: findings that would appear and disappear,
    destruction deadlines that would move, and new flows to outside organisations with
    their legal bases.

    \b
    Example, in a pull request's check:
      steward plan catalog/ --format markdown --fail-on high > plan.md
    """
    with handled(as_json), ctx.store() as store:
        plan = plan_paths(store, paths, as_of, replace=replace, max_file_size=max_file_size)
    if as_json:
        print_json({"ok": True, **plan.as_dict()})
    else:
        click.echo("\n".join(markdown(plan) if fmt == "markdown" else text(plan)))
    if fail_on and plan.impact.introduces(fail_on):
        sys.exit(1)


def text(plan: Plan) -> list[str]:
    lines = [_summary(plan)]
    lines += [f"  + {n.label.value} {n.id}" for n in plan.added]
    lines += [f"  ~ {n.label.value} {n.id} ({', '.join(f)})" for n, f in plan.changed]
    for kind, mark in (("added", "+"), ("removed", "-"), ("changed", "~")):
        lines += [f"  {mark} {key}" for key in plan.relationships(kind)]
    impact = plan.impact
    if not impact.has_impact:
        return [*lines, f"No governance impact as of {impact.as_of}."]
    lines.append(f"Governance impact as of {impact.as_of}:")
    for title, found in (("findings that would appear", impact.appeared),
                         ("findings that would disappear", impact.disappeared)):
        if found:
            lines.append(f"  {title} ({len(found)}):")
            lines += [f"    {f.severity.value:<8} {f.principle:<4} {f.rule}  {f.node}: {f.message}" for f in found]
    if impact.deadlines:
        lines.append(f"  deadlines that would move ({len(impact.deadlines)}):")
        lines += [f"    {d.system} / {d.element}{_cohort(d)}: {_row(d, 'before')} -> {_row(d, 'after')}"
                  for d in impact.deadlines]
    if impact.outside_flows:
        lines.append(f"  new flows to outside organizations ({len(impact.outside_flows)}):")
        lines += [f"    {f.flow}: {f.source} -> {f.target} ({', '.join(f.organizations)}), basis: {_bases(f)}"
                  for f in impact.outside_flows]
    return lines


def markdown(plan: Plan) -> list[str]:
    impact = plan.impact
    lines = ["### Steward plan", "", _summary(plan), ""]
    changed = [("added", n.label.value, n.id, "") for n in plan.added]
    changed += [("changed", n.label.value, n.id, ", ".join(f)) for n, f in plan.changed]
    if changed:
        lines += ["| node | label | id | fields |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | `{c}` | {_cell(d)} |" for a, b, c, d in changed] + [""]
    if not impact.has_impact:
        return [*lines, f"**No governance impact** as of {impact.as_of}."]
    lines += [f"#### Governance impact as of {impact.as_of}", ""]
    for title, found in (("Findings that would appear", impact.appeared),
                         ("Findings that would disappear", impact.disappeared)):
        if found:
            lines += [f"**{title}** ({len(found)})", "", "| severity | principle | rule | node | finding |",
                      "|---|---|---|---|---|"]
            lines += [_finding_row(f) for f in found] + [""]
    if impact.deadlines:
        lines += [f"**Deadlines that would move** ({len(impact.deadlines)})", "",
                  "| system | element | cohort | before | after |", "|---|---|---|---|---|"]
        lines += [f"| `{d.system}` | `{d.element}` | {_cell(d.cohort or '')} | {_row(d, 'before')} | "
                  f"{_row(d, 'after')} |" for d in impact.deadlines] + [""]
    if impact.outside_flows:
        lines += [f"**New flows to outside organizations** ({len(impact.outside_flows)})", "",
                  "| flow | from | to | organizations | basis |", "|---|---|---|---|---|"]
        lines += [f"| `{f.flow}` | `{f.source}` | `{f.target}` | {_cell(', '.join(f.organizations))} | "
                  f"{_cell(_bases(f))} |" for f in impact.outside_flows]
    return lines


def _summary(plan: Plan) -> str:
    rels = {k: len(plan.relationships(k)) for k in ("added", "removed", "changed")}
    return (f"{plan.files} file(s): nodes {len(plan.added)} added, {len(plan.changed)} changed, 0 removed; "
            f"relationships {rels['added']} added, {rels['removed']} removed, {rels['changed']} changed")


def _finding_row(f: Finding) -> str:
    return f"| {f.severity.value} | {f.principle} | `{f.rule}` | `{f.node}` | {_cell(f.message)} |"


def _row(d: MovedDeadline, side: str) -> str:
    row = d.before if side == "before" else d.after
    if row is None:
        return "none"
    return f"{row.status.value} due {row.due_on or '-'}" + (f" (eligible {row.eligible_on})" if row.eligible_on else "")


def _cohort(d: MovedDeadline) -> str:
    return f" ({d.cohort})" if d.cohort else ""


def _bases(f: OutsideFlow) -> str:
    return ", ".join(f"{label} {i}" for i, label in f.bases) or "none"


def _cell(text: str) -> str:
    """Catalog text in a Markdown table cell, as plain text: a pipe or a line break would
    end the cell or the row, and a name could otherwise bring a link, an image or HTML
    into the comment."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]()!|#~])", r"\\\1", " ".join(text.split()))
