"""The district's providers: who hosts its systems, whom they pass data on to, and
whether their agreements are posted (principles 6 and 7).

A system `hosted_by` an organisation outside the district runs on that organisation's
infrastructure: the host holds everything the system holds, so it needs an agreement in
force that covers it (or, for a provider's system, the provider's agreement in force
names the host as a sub-processor). A flow from a provider's system to another
organisation's system needs a basis of its own, or the provider's agreement in force
must name the recipient as a sub-processor (`subprocessors`). State laws require posting
the agreements with operators (for example 105 ILCS 85/27(a)(2))."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.findings import Issue, rule
from catalog.model import Agreement, Flow
from catalog.predicates import is_internal_org
from catalog.records import typed
from catalog.rules._common import elements_named, named, named_list, org_kind
from catalog.rules.rules_and_retention import PROVIDERS
from catalog.rules.sharing import lapse, onward_recipients
from catalog.view import Snapshot
from catalog.vocab import Label, RelType, Severity


def _agreements_with(view: Snapshot, org: str) -> list[Agreement]:
    found = (view.get_node(a) for a in view.sources(org, RelType.WITH))
    return sorted((typed(a, Agreement) for a in found if a is not None and a.label == Label.AGREEMENT),
                  key=lambda a: a.id)


def _naming(view: Snapshot, providers: list[str], recipient: str) -> list[Agreement]:
    """The agreements of `providers` that name `recipient` as a sub-processor."""
    return [a for p in providers for a in _agreements_with(view, p)
            if recipient in view.targets(a.id, RelType.ALLOWS_SUBPROCESSOR)]


def _providers_of(view: Snapshot, system: str) -> list[str]:
    """The organisations outside the district that operate `system`."""
    return sorted(o for o in view.sources(system, RelType.OPERATES) if not is_internal_org(view.get_node(o)))


def _lapses(view: Snapshot, agreements: list[Agreement], day: date) -> str:
    return "; ".join(r for r in (lapse(view, a.id, day) for a in agreements) if r)


@rule("host-without-agreement", "6", Severity.HIGH, "Hosted systems whose host has no agreement in force covering them")
def host_without_agreement(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for system in view.of_label(Label.SYSTEM):
        held = sorted(view.targets(system.id, RelType.HOLDS))
        providers = _providers_of(view, system.id)
        hosts = [h for h in view.sources(system.id, RelType.HOSTS)
                 if not is_internal_org(view.get_node(h)) and h not in view.sources(system.id, RelType.OPERATES)]
        if not held:
            continue
        for host in sorted(hosts):
            if any(a.in_force_on(as_of) for a in _naming(view, providers, host)):
                continue  # the host works for the provider, under the provider's agreement
            issue = _host_issue(view, system.id, host, held, as_of)
            if issue is not None:
                yield issue


def _host_issue(view: Snapshot, system: str, host: str, held: list[str], as_of: date) -> Issue | None:
    agreements = _agreements_with(view, host)
    in_force = [a for a in agreements if a.in_force_on(as_of)]
    hosted = f"{named(view, system)} runs on the infrastructure of {named(view, host)}"
    remedy = (f"Sign an agreement with {named(view, host)} that covers everything {named(view, system)} holds "
              "(`covers`) and says when the host must destroy it, or move the system to a host under one.")
    if not agreements:
        return Issue(system, f"{hosted}, which holds its {elements_named(view, held)} under no agreement.",
                     remedy, elements=tuple(held))
    if not in_force:
        return Issue(system, f"{hosted}, but no agreement with the host is in force on {as_of}: "
                     f"{_lapses(view, agreements, as_of)}.", remedy, elements=tuple(held))
    covered = {e for a in in_force for e in view.targets(a.id, RelType.COVERS)}
    missing = [e for e in held if e not in covered]
    if not missing:
        return None
    return Issue(system, f"{hosted}, but its agreements in force ({named_list(view, [a.id for a in in_force])}) "
                 f"do not cover {elements_named(view, missing)} that the system holds.",
                 f"Add what {named(view, system)} holds to the host's agreement (`covers`), or stop keeping it there.",
                 elements=tuple(missing))


def _judged_on(flow: Flow, as_of: date) -> date:
    """The day a flow's terms are judged: the date asked, or the last day it ran, or the
    first it will."""
    if flow.ended_on is not None and flow.ended_on < as_of:
        return flow.ended_on
    if flow.started_on is not None and as_of < flow.started_on:
        return flow.started_on
    return as_of


@rule("subprocessor-not-named", "6", Severity.HIGH, "Provider flows to organisations their agreements do not name")
def subprocessor_not_named(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for record in view.of_label(Label.FLOW):
        source, to = view.target(record.id, RelType.FROM), view.target(record.id, RelType.TO)
        if source is None or to is None or view.targets(record.id, RelType.UNDER):
            continue  # a flow under a basis of its own answers to its own terms
        providers = _providers_of(view, source)
        day = _judged_on(typed(record, Flow), as_of)
        for recipient in onward_recipients(view, source, view.sources(to, RelType.OPERATES)):
            naming = _naming(view, providers, recipient)
            if any(a.in_force_on(day) for a in naming):
                continue
            why = (f"the agreement naming it is not in force on {day}: {_lapses(view, naming, day)}" if naming
                   else "no agreement of the provider names it as a sub-processor")
            yield Issue(
                record.id,
                f"Flow {named(view, record.id)} sends student data from {named(view, source)}, a system of "
                f"{named_list(view, providers)}, to {named(view, to)}, operated by {named(view, recipient)}, with "
                f"no basis of its own, and {why}.",
                f"Have the provider's agreement name {named(view, recipient)} as a sub-processor (`subprocessors`), "
                "or record a basis of the flow's own (`under`), or have the provider end the flow.",
            )


@rule("agreement-not-posted", "7", Severity.MEDIUM, "Provider agreements in force that are not posted")
def agreement_not_posted(view: Snapshot, as_of: date) -> Iterator[Issue]:
    for record in view.of_label(Label.AGREEMENT):
        agreement, partner = typed(record, Agreement), view.target(record.id, RelType.WITH)
        if partner is None or org_kind(view, partner) not in PROVIDERS:
            continue
        if agreement.public_url or not agreement.in_force_on(as_of):
            continue
        yield Issue(
            record.id,
            f"Agreement {named(view, record.id)} with {named(view, partner)} is in force on {as_of} but not "
            "posted: state laws require a district to publish its agreements with operators (for example "
            "105 ILCS 85/27(a)(2)).",
            "Post the agreement (with the redactions the law allows) on the district's website and record its "
            "address as `public_url`.",
        )
