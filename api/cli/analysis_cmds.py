"""Verbs that answer a governance committee's questions: lineage, owners, deadlines,
check, blast-radius. Dates default to today but every one takes --as-of."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from api.cli import Context, cli, fail, handled, pass_context
from api.cli.output import print_json, table
from catalog.lineage import Hop, PathPage, Reach
from catalog.periods import Duration, parse_date
from catalog.view import Snapshot

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
SEVERITIES = ("high", "medium", "low")
F = TypeVar("F", bound=Callable[..., Any])


def _as_of_option(func: F) -> F:
    def parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
        try:
            return parse_date(value) if value else date.today()
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None

    return click.option("--as-of", "as_of", callback=parse, metavar="DATE",
                        help="Compute as of this ISO date (default: today).")(func)


@cli.command("lineage")
@click.argument("node_id")
@click.option("--direction", type=click.Choice(["down", "up", "both"]), default="down", show_default=True,
              help="down: where the data goes; up: where it came from.")
@click.option("--depth", type=click.IntRange(1, 50), default=10, show_default=True,
              help="Follow at most this many flows from where the data starts.")
@click.option("--paths", "paths", type=click.IntRange(0, 10_000), default=0, metavar="N",
              help="Also list the first N paths through the reach (there can be very many).")
@click.option("--after", metavar="CURSOR", help="List the paths after this one (the `after` of a --json answer).")
@JSON
@pass_context
def lineage_cmd(ctx: Context, node_id: str, direction: str, depth: int, paths: int, after: str | None,
                as_json: bool) -> None:
    """Follow a data element or a system through flows and derivations.

    Lists every system the data reaches (with its operator, how many flows away it is,
    and the flows of a shortest way there) and every flow between them, with its method,
    purposes and legal basis. Element lineage follows only flows that carry the element
    (or an element derived from it, or that it derives from). Paths are listed only when
    asked for with --paths, a page at a time.
    """
    from catalog.lineage import lineage

    with handled(), ctx.store() as store:
        try:
            result = lineage(store, node_id, direction, depth, paths, after)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--after") from None
    if as_json:
        print_json(result.as_dict())
        return
    click.echo(f"lineage of {result.root_label} {result.root} ({direction}, depth {depth})")
    click.echo("starts in: " + (", ".join(result.starts) or "no system"))
    for d in result.derivations:
        click.echo(f"  {d.element} is derived from {d.derived_from}" + (f" ({d.transform})" if d.transform else ""))
    for reach in result.reach:
        _print_reach(reach)
    click.echo("\norganisations: " + (", ".join(result.organizations) or "none"))
    if result.paths is not None:
        _print_paths(result.paths)


def _print_reach(reach: Reach) -> None:
    click.echo(f"\n{reach.way}stream: {len(reach.systems)} system(s), {len(reach.flows)} flow(s)")
    table(["system", "operator", "distance", "via"],
          [(s.system, s.operator, s.distance, " > ".join(s.chain) or "(start)") for s in reach.systems])
    if reach.flows:
        click.echo("")
        table(["from", "flow", "to", "operator", "method", "purposes", "basis"], [_hop_row(h) for h in reach.flows])


def _hop_row(h: Hop) -> tuple[str | None, ...]:
    return (h.source, h.flow, h.target, h.target_operator, h.method, ", ".join(h.purposes),
            ", ".join(f"{b.id} ({b.label})" for b in h.bases) or "none")


def _print_paths(page: PathPage) -> None:
    for number, path in enumerate(page.paths, start=1):
        click.echo(f"\npath {number} ({path.way}stream)")
        table(["from", "flow", "to", "operator", "method", "purposes", "basis"], [_hop_row(h) for h in path.hops])
    if not page.paths:
        click.echo("\nno paths")
    if page.more:
        click.echo(f"\nmore paths follow: --after {page.after}")


@cli.command("owners")
@click.argument("node_id", required=False)
@click.option("--unowned", is_flag=True, help="List governed nodes with no owner or steward instead.")
@JSON
@pass_context
def owners_cmd(ctx: Context, node_id: str | None, unowned: bool, as_json: bool) -> None:
    """Who answers for a node: owners, stewards, operator and the chain up to the committee."""
    from catalog.responsibility import responsibility, unaccountable

    if not node_id and not unowned:
        fail("name a node, or pass --unowned", 2)
    with handled(), ctx.store() as store:
        if unowned:
            rows = unaccountable(store)
            if as_json:
                print_json([{"id": i, "label": label} for i, label in rows])
            else:
                table(["id", "label"], rows, caption=f"{len(rows)} governed node(s) with no accountable party")
            return
        result = responsibility(store, str(node_id))
    if as_json:
        print_json(result.as_dict())
        return
    table(["role", "id", "name", "chain of accountability"],
          [(p.role, p.id, p.name, " -> ".join(c)) for p, c in zip(result.parties, result.chains, strict=True)],
          caption=f"{result.label} {result.node}")
    if not result.accountable:
        click.echo("no owner or steward: nobody is accountable for it")
    if not result.reaches_committee:
        click.echo("no chain reaches the governance committee")


@cli.command("deadlines")
@_as_of_option
@click.option("--within", default="P90D", show_default=True, metavar="DURATION",
              help="DUE means due within this ISO 8601 duration.")
@click.option("--status", "statuses", multiple=True, metavar="STATUS",
              help="Only these statuses (repeatable): DESTROYED, ON_HOLD, OVERDUE, DUE, ELIGIBLE, SCHEDULED, "
                   "NO_RULE, AWAITING_TRIGGER.")
@click.option("--system", "systems", multiple=True, metavar="ID", help="Only these systems (repeatable).")
@click.option("--element", "elements", multiple=True, metavar="ID", help="Only these data elements (repeatable).")
@click.option("--cohort", "cohorts", multiple=True, metavar="COHORT",
              help="Only these cohorts (repeatable), as the events name them, for example 2019-2020.")
@JSON
@pass_context
def deadlines_cmd(ctx: Context, as_of: date, within: str, statuses: tuple[str, ...], systems: tuple[str, ...],
                  elements: tuple[str, ...], cohorts: tuple[str, ...], as_json: bool) -> None:
    """When each copy of each element must (or may) be destroyed, and why.

    One row per holding (a system holding an element) and cohort: the rules that apply,
    when each clock started, the day destruction is allowed from (a records schedule's
    minimum) and the day it is due by, the source that binds a copy, the legal holds and
    open access requests that suspend it, and its status.

    \b
    Examples:
      steward deadlines --as-of 2026-09-01 --status OVERDUE --status DUE
      steward deadlines --system sis --cohort 2019-2020 --json
    """
    from catalog.deadlines import DeadlineStatus, compute_deadlines

    try:
        window = Duration.parse(within)
        wanted = {DeadlineStatus.parse(s) for s in statuses}
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    with handled(), ctx.store() as store:
        found = compute_deadlines(store, as_of, window)
    found = [d for d in found if (not wanted or d.status in wanted) and (not systems or d.system in systems)
             and (not elements or d.element in elements) and (not cohorts or d.cohort in cohorts)]
    if as_json:
        print_json({"as_of": as_of.isoformat(), "within": window.iso(), "deadlines": [d.as_dict() for d in found]})
        return
    table(["status", "may go from", "due", "system", "element", "cohort", "rule", "why"],
          [(d.status.value, d.eligible_on, d.due_on, d.system, d.element, d.cohort or "", d.rule or "",
            d.explanation) for d in found],
          caption=f"{len(found)} row(s) as of {as_of}, one per holding and cohort")


@cli.command("check")
@_as_of_option
@click.option("--principle", metavar="N", help="Only the checks of one principle: 1-3, 4, ..., 10a, 10b, 10c, 10d.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
              help="Exit 1 when a finding at or above this severity exists (a CI gate).")
@JSON
@pass_context
def check_cmd(ctx: Context, as_of: date, principle: str | None, fail_on: str | None, as_json: bool) -> None:
    """Check the catalog against the ten Student Data Principles.

    Each finding names its rule, principle, severity, the node it concerns, what is
    wrong and the remedy; a scorecard sums them up per principle.
    """
    from catalog.findings import PRINCIPLES, run_checks, scorecard
    from catalog.vocab import Severity

    if principle and _principle(principle) not in PRINCIPLES:
        raise click.BadParameter(f"expected one of {', '.join(PRINCIPLES)}", param_hint="--principle")
    with handled(), ctx.store() as store:
        snap = Snapshot.of(store)
    findings = run_checks(snap, as_of, principle=_principle(principle))
    score = scorecard(snap, as_of, None if principle else findings)
    if principle:
        score = [row for row in score if row.principle == _principle(principle)]
    if as_json:
        print_json({"as_of": as_of.isoformat(), "findings": [f.as_dict() for f in findings],
                    "scorecard": [row.as_dict() for row in score]})
    else:
        table(["severity", "principle", "rule", "node", "elements", "finding"],
              [(f.severity.value, f.principle, f.rule, f.node, f.count or "", f.message) for f in findings],
              caption=f"{len(findings)} finding(s) as of {as_of}")
        click.echo()
        table(["principle", "checks", "high", "medium", "low"],
              [(r.principle, r.checks, r.high, r.medium, r.low) for r in score])
    if fail_on:
        threshold = SEVERITIES.index(fail_on)
        ranks = {Severity.HIGH: 0, Severity.CRITICAL: 0, Severity.MEDIUM: 1, Severity.LOW: 2}
        if any(ranks[f.severity] <= threshold for f in findings):
            sys.exit(1)


def _principle(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip().lower()
    return "1-3" if text in ("1", "2", "3", "1-3") else text


@cli.command("blast-radius")
@click.argument("incident_id")
@_as_of_option
@JSON
@pass_context
def blast_radius_cmd(ctx: Context, incident_id: str, as_of: date, as_json: bool) -> None:
    """What an incident reaches, and who must tell whom of it by when.

    The systems it affects and the elements exposed there; onward, the systems those
    elements flow to from there; the providers that operate or host any of them and
    their agreements in force on the day it was discovered. Then the breach notices: the
    provider's to the district under its own agreement, the district's to families and
    to the state under its own periods, each with its due date and where it stands.
    """
    from catalog.blast import blast_radius

    with handled(), ctx.store() as store:
        result = blast_radius(store, incident_id, as_of)
    if as_json:
        print_json(result.as_dict())
        return
    click.echo(f"incident {incident_id} discovered on {result.discovered_on}, as of {as_of}: "
               f"affects {', '.join(result.affected) or '-'}")
    for title, items in (("systems", result.systems), ("elements", result.elements),
                         ("onward systems", result.onward), ("onward flows", result.flows),
                         ("providers", result.providers),
                         (f"agreements in force on {result.discovered_on}", result.agreements),
                         ("sensitive categories", result.sensitive_categories)):
        click.echo(f"  {title} ({len(items)}): {', '.join(items) or '-'}")
    if result.duties:
        click.echo()
        table(["who tells", "whom", "under", "within", "from", "due", "given", "status"],
              [(d.by, d.to.value.lower(), d.agreement or "", _period(d.hours, d.days), d.starts_on or "",
                d.due_on or "", d.given_on or "", d.status.value) for d in result.duties],
              caption="breach notices")


def _period(hours: int | None, days: int | None) -> str:
    if hours is not None:
        return f"{hours} h"
    return f"{days} days" if days is not None else "no period recorded"
