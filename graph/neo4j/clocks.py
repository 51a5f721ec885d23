"""Retention clocks in the database: which rules apply to each holding and when each
one's clock started, with the same answer, in the same order, as
`catalog.deadlines.python_clocks` (the specification; read its docstring for the rules).

Two round trips. The first reads every agreement, with its schedule and required rules:
Python weighs which of them renewed which (`catalog.deadlines.duties`, the rule written
once for both stores) into a table of the duties that stand, by organisation and element.
The second, the clocks query, gathers per holding, with index look-ups from the
holding's two ends: the operators, the first outside host and the events about the
system, the element or an operator (as of the day asked, earliest first; all but the
element's own once per system), the rules that apply (the holding's own, else the
element's default, none for another custodian's copy, minimums dropped for an
organisation outside the district), and from the table the duties of the first outside operator, then those of
the first outside host (unless it is that operator). It returns a row per rule applied
to a holding, with its place among the holding's rules and its clocks in order (each a
date, what set it, a cohort): the driver decodes every value in Python, so a rule's
attributes come once, not once per cohort, which halves the time the answer takes to
arrive. Python only puts the rows in holding order, parses durations and leaves the
date arithmetic (due and eligible dates) to `Candidate`.

Dates are compared as Cypher dates, converted with `date()`, and returned as stored, so
that Python parses them as `python_clocks` does. Every value is a parameter: the
vocabulary, the words of the explanations, the table of duties."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar

from catalog.deadlines import Candidate
from catalog.deadlines.clocks import COHORT_TRIGGERS, PEOPLE_TRIGGERS
from catalog.deadlines.duties import Duties
from catalog.model import Agreement
from catalog.periods import Duration, parse_date
from catalog.predicates import INTERNAL_ORG_KINDS, PUBLIC_AGENCY_KINDS
from catalog.records import typed
from catalog.vocab import Action, Label, RelType, Trigger
from graph.neo4j.analyses import HANDS_OVER
from graph.neo4j.connection import Connection
from graph.neo4j.reads import to_node
from graph.neo4j.schema import STEWARD, label, rel_type

HOLDS, OPERATES, CONCERNS = rel_type(RelType.HOLDS), rel_type(RelType.OPERATES), rel_type(RelType.CONCERNS)
HOSTS = rel_type(RelType.HOSTS)
TO, CARRIES, RETAINED_UNDER = rel_type(RelType.TO), rel_type(RelType.CARRIES), rel_type(RelType.RETAINED_UNDER)
WITH, COVERS = rel_type(RelType.WITH), rel_type(RelType.COVERS)
REQUIRES_DESTRUCTION = rel_type(RelType.REQUIRES_DESTRUCTION)
EVENT, RULE, AGREEMENT = label(Label.EVENT), label(Label.RETENTION_RULE), label(Label.AGREEMENT)

T = TypeVar("T")

PARAMS: dict[str, Any] = {
    "internal": sorted(INTERNAL_ORG_KINDS), "agencies": sorted(PUBLIC_AGENCY_KINDS),
    "cohort_triggers": sorted(COHORT_TRIGGERS), "people_triggers": sorted(PEOPLE_TRIGGERS),
    "collection": Trigger.COLLECTION.value, "agreement_end": Trigger.AGREEMENT_END.value,
    "decommission": Trigger.DECOMMISSION.value, "event": Trigger.EVENT.value, "destroy": Action.DESTROY.value,
    "holding_rule": "holding rule", "element_default": "element default",
    "agreement_rule": "agreement rule", "agreement_clause": "agreement clause",
    "host_agreement_rule": "host agreement rule", "host_agreement_clause": "host agreement clause",
    "since_source": "the holding's since date", "agreement_source": "agreement ",
    "system_source": "system ", "event_source": "event ",
}

# The first host outside the district, by id, other than that first outside operator:
# once per system, as the operators (per holding, it read the hosts 90,000 times).
_HOST = (
    f"WITH *, [x IN COLLECT {{ MATCH (o:{STEWARD})-[:{HOSTS}]->(s) RETURN o ORDER BY o.id }} "
    "         WHERE (x.kind IS NULL OR NOT x.kind IN $internal) "
    "         AND (outside IS NULL OR x.id <> outside.id)][0] AS host ")

# The holding's operators (by id), the first outside the district, and the events about
# the system, the element or an operator that occurred by $as_of, earliest first (then
# by id); an event's cohort is the one it names, else the event itself. Those about the
# system and its operators (a district's events) are gathered once per system, not once
# for each of its hundreds of holdings; an element's own, if any, are merged in.
_EVENT = (f"(ev:{EVENT}:{STEWARD}) WHERE date(ev.occurred_on) <= $as_of "
          "WITH {id: ev.id, kind: ev.kind, topic: ev.topic, on: ev.occurred_on, day: date(ev.occurred_on), "
          "      cohort: CASE WHEN ev.cohort <> '' THEN ev.cohort ELSE ev.id END} AS ev ")
_HOLDINGS = (
    f"MATCH (s:{STEWARD}) WHERE EXISTS {{ (s)-[:{HOLDS}]->(:{STEWARD}) }} "
    f"WITH s, COLLECT {{ MATCH (o:{STEWARD})-[:{OPERATES}]->(s) RETURN o ORDER BY o.id }} AS operators "
    "WITH s, operators, "
    "     [o IN operators WHERE o.kind IS NULL OR NOT o.kind IN $internal][0] AS outside, "
    f"     COLLECT {{ UNWIND [s] + operators AS x MATCH (x)<-[:{CONCERNS}]-{_EVENT}"
    "               WITH DISTINCT ev ORDER BY ev.day, ev.id RETURN ev } AS around, "
    # The elements some flow brings in: most holdings are of none, and need not look at
    # the flows (a state's warehouse has one from every district).
    f"     COLLECT {{ MATCH (f:{STEWARD})-[:{TO}]->(s) MATCH (f)-[:{CARRIES}]->(x:{STEWARD}) "
    "               RETURN DISTINCT x.id } AS brought "
    + _HOST +
    f"MATCH (s)-[h:{HOLDS}]->(e:{STEWARD}) "
    "WITH s, e, h, CASE WHEN h.since <> '' THEN h.since END AS since, operators, outside, host, brought, "
    f"     CASE WHEN NOT EXISTS {{ (e)<-[:{CONCERNS}]-(:{EVENT}:{STEWARD}) }} THEN around "
    f"          ELSE COLLECT {{ UNWIND around + COLLECT {{ MATCH (e)<-[:{CONCERNS}]-{_EVENT}RETURN ev }} AS ev "
    "                          WITH DISTINCT ev ORDER BY ev.day, ev.id RETURN ev } END AS events ")

# Another custodian's copy: an agency operates the system, or every flow bringing the
# element in has a law as its only basis (`HANDS_OVER`, of a flow `f`).
_ANOTHER_CUSTODIAN = (
    "(any(o IN operators WHERE o.kind IN $agencies) "
    "  OR CASE WHEN NOT e.id IN brought THEN false "
    f"          ELSE NOT EXISTS {{ MATCH (f:{STEWARD})-[:{TO}]->(s) "
    f"                            WHERE EXISTS {{ (f)-[:{CARRIES}]->(e) }} AND NOT {HANDS_OVER} }} END)")

# The rules of the holding itself: its own, else (unless another custodian holds it)
# the element's defaults by id; a default's minimum does not bind an outside operator.
_OWN_RULES = (
    "WITH *, CASE WHEN h.retention_rule <> '' THEN "
    f"         COLLECT {{ MATCH (r:{RULE}:{STEWARD}) WHERE r.id = h.retention_rule "
    "                    RETURN {basis: $holding_rule, rule: r} } "
    f"       WHEN {_ANOTHER_CUSTODIAN} THEN [] "
    f"       ELSE COLLECT {{ MATCH (e)-[:{RETAINED_UNDER}]->(r:{RULE}:{STEWARD}) "
    "                       RETURN {basis: $element_default, rule: r} ORDER BY r.id } END AS chosen "
    "WITH *, outside IS NOT NULL AS outsider "
    "WITH *, [c IN chosen WHERE NOT (outsider AND c.basis = $element_default "
    "                                AND c.rule.keep_at_least IS NOT NULL AND c.rule.period IS NULL) "
    "         | {basis: c.basis, rule: c.rule, "
    "            keep: CASE WHEN outsider AND c.basis = $element_default THEN null "
    "                  ELSE c.rule.keep_at_least END}] AS own ")

def _duties_of(org: str, name: str) -> str:
    """As `name`, the duties of `org` (the first outside operator, or the host) for the
    holding's element, from the table `duty_table` weighed: the agreements by id."""
    return (f"WITH *, CASE WHEN {org} IS NULL THEN [] ELSE "
            f"  [x IN coalesce($duties[{org}.id].by[e.id], $duties[{org}.id].rest, []) "
            f"   | $agreements[x]] END AS {name} ")


def _duty_applications(duties: str, rule_basis: str, clause_basis: str) -> str:
    """Per duty its required rules, then its destruction clause."""
    return (f"reduce(acc = [], d IN {duties} | acc "
            f"  + [r IN d.rules | {{basis: ${rule_basis}, rule: r, keep: r.keep_at_least, duties: [d]}}] "
            f"  + CASE WHEN d.days IS NULL THEN [] ELSE [{{basis: ${clause_basis}, duty: d}}] END) ")


# What starts clocks, in order: the holding's rules (each with every duty of the
# operator, for an AGREEMENT_END trigger), then the operator's duties, then the host's.
_APPLICATIONS = (
    "WITH s, e, since, events, "
    "     [x IN own | {basis: x.basis, rule: x.rule, keep: x.keep, duties: duties}] "
    f"     + {_duty_applications('duties', 'agreement_rule', 'agreement_clause')}"
    f"     + {_duty_applications('host_duties', 'host_agreement_rule', 'host_agreement_clause')}AS apps "
    "UNWIND range(0, size(apps) - 1) AS i "
    "WITH s, e, since, events, i, apps[i] AS app, apps[i].rule AS r "
    # What the events are matched against, read from the rule once rather than for each event.
    "WITH *, r.trigger AS trigger, r.topic AS topic, "
    "     CASE WHEN since IS NOT NULL AND r.trigger IN $people_triggers THEN date(since) END AS not_before ")

# A rule's clocks: from the collection date; from the earliest end among the duties; from
# the system's retirement; else from events of its trigger's kind (and topic), not before
# the holding's since for events about people: one per cohort for a cohort trigger, the
# earliest otherwise; a clock that nothing started yet has no date.
_CLOCKS = (
    "WITH s, e, since, i, app, r, "
    "     reduce(best = null, d IN coalesce(app.duties, []) | CASE "
    "       WHEN d.end IS NULL THEN best "
    "       WHEN best IS NULL OR d.until < best.until "
    "            OR (d.until = best.until AND d.id < best.id) THEN d ELSE best END) AS ended, "
    "     [ev IN events WHERE ev.kind = trigger AND (trigger <> $event OR ev.topic = topic) "
    "      AND (not_before IS NULL OR ev.day >= not_before)] AS evs "
    "WITH s, e, i, app, r, CASE "
    "  WHEN r IS NULL THEN [[app.duty.end, CASE WHEN app.duty.end IS NULL THEN null "
    "                                      ELSE $agreement_source + app.duty.id END, null]] "
    "  WHEN r.trigger = $collection "
    "    THEN [[since, CASE WHEN since IS NULL THEN null ELSE $since_source END, null]] "
    "  WHEN r.trigger = $agreement_end AND ended IS NOT NULL "
    "    THEN [[ended.end, $agreement_source + ended.id, null]] "
    "  WHEN r.trigger = $decommission AND s.decommissioned_on <> '' "
    "    THEN [[s.decommissioned_on, $system_source + s.id, null]] "
    "  WHEN (r.trigger = $event AND r.topic IS NULL) OR size(evs) = 0 THEN [[null, null, null]] "
    "  WHEN r.trigger IN $cohort_triggers THEN [ev IN evs | [ev.on, $event_source + ev.id, ev.cohort]] "
    "  ELSE [[evs[0].on, $event_source + evs[0].id, null]] END AS clocks "
    "RETURN s.id AS system, e.id AS element, i, app.basis AS basis, "
    "       coalesce(r.id, app.duty.id) AS rule, coalesce(r.action, $destroy) AS action, "
    "       r.period AS period, app.duty.days AS days, app.keep AS keep, "
    "       coalesce(r.trigger, $agreement_end) AS trigger, clocks")


CLOCKS = (_HOLDINGS + _OWN_RULES + _duties_of("outside", "duties") + _duties_of("host", "host_duties")
          + _APPLICATIONS + _CLOCKS)

# Every agreement with the organisation it is with, its schedule and the rules it requires.
AGREEMENTS = (
    f"MATCH (a:{AGREEMENT}:{STEWARD})-[:{WITH}]->(o:{STEWARD}) "
    "RETURN o.id AS org, a.id AS id, labels(a) AS labels, properties(a) AS props, "
    f"       COLLECT {{ MATCH (a)-[:{COVERS}]->(x:{STEWARD}) RETURN x.id }} AS covers, "
    f"       COLLECT {{ MATCH (a)-[:{REQUIRES_DESTRUCTION}]->(r:{RULE}:{STEWARD}) "
    "                 RETURN properties(r) AS rule ORDER BY r.id } AS rules")


def duty_table(conn: Connection) -> dict[str, Any]:
    """The parameters the clocks read duties from: `duties`, for each organisation with
    agreements, the ids of those whose duties stand for each element its schedules name
    (`by`) and for any other (`rest`); `agreements`, each such agreement's end (as stored
    and as a date), its destruction clause's days and the rules it requires.

    Weighing which agreement renewed which, in the query, compared each of a provider's
    agreements with every other, once per element: a provider has one with each district
    it serves, so the work grew with the square of a state's size, and was two fifths of
    the query's time at 200 districts. `catalog.deadlines.duties` weighs them as the
    embedded store does. Like the deadlines' other reads, it is a read of its own."""
    mine: dict[str, list[Agreement]] = {}
    schedules: dict[str, frozenset[str]] = {}
    required: dict[str, list[dict[str, Any]]] = {}
    for org, id_, labels, props, covers, rules in conn.read_values(AGREEMENTS):
        node = to_node({"id": id_, "labels": labels, "props": props})
        if node is None:
            continue
        mine.setdefault(org, []).append(typed(node, Agreement))
        schedules[id_], required[id_] = frozenset(covers), rules
    duties: dict[str, Any] = {}
    agreements: dict[str, dict[str, Any]] = {}
    for org, theirs in sorted(mine.items()):
        weighed = Duties(sorted(theirs, key=lambda a: a.id), schedules)
        standing = {element: weighed.of(element) for element in weighed.named()} | {None: weighed.of(None)}
        for agreement, end in (duty for found in standing.values() for duty in found):
            agreements[agreement.id] = {"id": agreement.id, "end": end.isoformat() if end else None, "until": end,
                                        "days": agreement.destruction_days, "rules": required[agreement.id]}
        duties[org] = {"by": {e: [a.id for a, _ in found] for e, found in standing.items() if e is not None},
                       "rest": [a.id for a, _ in standing[None]]}
    return {"duties": duties, "agreements": agreements}


def retention_clocks(conn: Connection, as_of: date) -> list[Candidate]:
    """Every clock of every holding as of `as_of`, in holding order: what
    `catalog.deadlines.python_clocks` gives over a snapshot of the same graph."""
    rows = conn.read_values(CLOCKS, as_of=as_of, **PARAMS, **duty_table(conn))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))  # system, element, the rule's place
    # A state's 100,000 rows name a few dozen rules and a few thousand days: each
    # duration, date and word of the vocabulary is read once.
    durations, days = _once(Duration.parse), _once(parse_date)
    actions, triggers = cache(Action), cache(Trigger)
    return [Candidate(system, element, basis, rule, actions(action),
                      Duration.of_days(after) if after is not None else durations(period), durations(keep),
                      triggers(trigger), days(on), source, cohort)
            for system, element, _, basis, rule, action, period, after, keep, trigger, clocks in rows
            for on, source, cohort in clocks]


def _once(read: Callable[[str], T]) -> Callable[[str | None], T | None]:
    """`read`, each text read once; none for no text."""
    remembered = cache(read)
    return lambda text: remembered(text) if text else None
