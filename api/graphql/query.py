"""The root Query: nodes by id, search, paginated lists with filters, and the analyses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from graphql import GraphQLError

from api import auth
from api.graphql import analyses as a
from api.graphql import lineage_types as lt
from api.graphql.explore import DEFAULT_EDGES, Neighbourhood, neighbourhood
from api.graphql.limits import (
    CATALOG_COST,
    MAX_PAGE,
    MAX_ROWS,
    REACH_PAGE,
    ROWS_PAGE,
    WALK_COST,
    bad_input,
    continuation_of,
    offset_of,
    page_size,
    priced,
)
from api.graphql.listing import Connection, listing
from api.graphql.nodes import (
    AccessRequest,
    Agreement,
    Consent,
    DataElement,
    DatasetMapping,
    Destruction,
    Event,
    Flow,
    Incident,
    LegalHold,
    Mandate,
    Node,
    Organization,
    PendingObservation,
    Person,
    Policy,
    Purpose,
    RetentionRule,
    Role,
    System,
    Training,
    wrap,
)
from api.graphql.selection import arguments_of, asks_only
from api.permissions import IsAdmin, IsSteward, IsViewer, readable
from catalog.deadlines import DeadlineStatus
from catalog.findings import PRINCIPLES
from catalog.periods import Duration
from catalog.records import NodeRecord
from catalog.view import Direction, Snapshot, UnknownNode
from catalog.vocab import (
    AgreementKind,
    ElementCategory,
    FlowMethod,
    IncidentStatus,
    Label,
    OrgKind,
    PolicyKind,
    PurposeCategory,
    RelType,
    Sensitivity,
    Severity,
    Subject,
    SystemKind,
    Trigger,
)
from graph.store import Store

if TYPE_CHECKING:
    from strawberry.types.nodes import Selection

    from catalog.lineage import Lineage as DomainLineage


FromArg = Annotated[str | None, strawberry.argument(name="from")]
ToArg = Annotated[str | None, strawberry.argument(name="to")]


def _as_of(value: date | None) -> date:
    return value or date.today()


async def _snapshot(info: strawberry.Info) -> Snapshot:
    return await info.context.snapshot()  # type: ignore[no-any-return]


# A page a lineage's `systems` or `flows` is asked for: the field, `first`, `after`.
Page = tuple[str, int, str | None]


def _pages(selections: list[Selection]) -> list[Page]:
    return [(field, int(str(args.get("first", REACH_PAGE))), after if isinstance(after := args.get("after"), str)
             else None) for field in ("systems", "flows") for args in arguments_of(selections, field)]


def _more_pages(found: DomainLineage, pages: list[Page]) -> bool:
    """Whether the systems or the flows of a lineage run past the page asked of them."""
    totals = {"systems": sum(len(reach.systems) for reach in found.reach),
              "flows": sum(len(reach.flows) for reach in found.reach)}
    return any(offset_of(after) + first < totals[field] for field, first, after in pages)


async def _analysis(info: strawberry.Info, fn: Callable[..., Any], *args: Any, shared: bool = False,
                    **kwargs: Any) -> Any:
    """Run a domain analysis off the event loop; unknown ids become NOT_FOUND errors. A
    `shared` one reads the whole catalog and is computed once per data version."""
    try:
        if shared:  # its key is its positional arguments
            return await info.context.shared(fn, *args)
        return await info.context.call(fn, *args, **kwargs)
    except UnknownNode as exc:
        raise GraphQLError(str(exc), extensions={"code": "NOT_FOUND"}) from None
    except ValueError as exc:
        raise bad_input(str(exc), "direction") from None


@strawberry.type
class Query:
    @strawberry.field(description="Who is asking: PUBLIC when the request carries no token.")
    def me(self, info: strawberry.Info) -> Me:
        principal = info.context.principal
        return Me(role=principal.role, token_name=None if principal is auth.ANONYMOUS else principal.name)

    @strawberry.field(description="Any node by its id (null when absent or not visible to you).")
    async def node(self, info: strawberry.Info, id: strawberry.ID) -> Node | None:
        found = await info.context.node(str(id))
        return wrap(found) if found else None

    @strawberry.field(description="Nodes whose id, name, description or definition contains the text.",
                      metadata=priced("first", WALK_COST))
    async def search(self, info: strawberry.Info, text: str, labels: list[Label] | None = None,
                     first: int = 20) -> list[Node]:
        size = page_size(first)
        wanted: list[Label | None] = list(labels) if labels else [None]
        hits = await info.context.call(_search, info.context.store, info.context.role, wanted, text.strip().lower())
        return [wrap(r) for r in hits[:size]]

    @strawberry.field
    async def elements(self, info: strawberry.Info, category: ElementCategory | None = None,
                       sensitivity: Sensitivity | None = None, subject: Subject | None = None,
                       public: bool | None = None, held_by: str | None = None,
                       first: int = 50, after: str | None = None) -> Connection[DataElement]:
        where = {"category": category, "sensitivity": sensitivity, "subject": subject, "public": public}
        return await listing(info, Label.DATA_ELEMENT, first, after, where, [(held_by, RelType.HOLDS, Direction.IN)])

    @strawberry.field
    async def systems(self, info: strawberry.Info, kind: SystemKind | None = None, operated_by: str | None = None,
                      holds: str | None = None, first: int = 50, after: str | None = None) -> Connection[System]:
        return await listing(info, Label.SYSTEM, first, after, {"kind": kind},
                             [(operated_by, RelType.OPERATES, Direction.IN), (holds, RelType.HOLDS, Direction.OUT)])

    @strawberry.field
    async def organizations(self, info: strawberry.Info, kind: OrgKind | None = None, first: int = 50,
                            after: str | None = None) -> Connection[Organization]:
        return await listing(info, Label.ORGANIZATION, first, after, {"kind": kind})

    @strawberry.field
    async def people(self, info: strawberry.Info, role: str | None = None, member_of: str | None = None,
                     first: int = 50, after: str | None = None) -> Connection[Person]:
        return await listing(info, Label.PERSON, first, after, None,
                             [(role, RelType.HAS_ROLE, Direction.OUT), (member_of, RelType.MEMBER_OF, Direction.OUT)])

    @strawberry.field
    async def roles(self, info: strawberry.Info, serves: str | None = None, first: int = 50,
                    after: str | None = None) -> Connection[Role]:
        return await listing(info, Label.ROLE, first, after, None, [(serves, RelType.SERVES, Direction.OUT)])

    @strawberry.field
    async def purposes(self, info: strawberry.Info, category: PurposeCategory | None = None,
                       educational: bool | None = None, first: int = 50,
                       after: str | None = None) -> Connection[Purpose]:
        where = {"category": category, "educational": educational}
        return await listing(info, Label.PURPOSE, first, after, where)

    @strawberry.field
    async def flows(self, info: strawberry.Info, origin: FromArg = None, destination: ToArg = None,
                    carries: str | None = None, method: FlowMethod | None = None, first: int = 50,
                    after: str | None = None) -> Connection[Flow]:
        return await listing(info, Label.FLOW, first, after, {"method": method},
                             [(origin, RelType.FROM, Direction.OUT), (destination, RelType.TO, Direction.OUT),
                              (carries, RelType.CARRIES, Direction.OUT)])

    @strawberry.field
    async def agreements(self, info: strawberry.Info, kind: AgreementKind | None = None, provider: str | None = None,
                         first: int = 50, after: str | None = None) -> Connection[Agreement]:
        return await listing(info, Label.AGREEMENT, first, after, {"kind": kind},
                             [(provider, RelType.WITH, Direction.OUT)])

    @strawberry.field
    async def consents(self, info: strawberry.Info, first: int = 50, after: str | None = None) -> Connection[Consent]:
        return await listing(info, Label.CONSENT, first, after)

    @strawberry.field
    async def mandates(self, info: strawberry.Info, first: int = 50, after: str | None = None) -> Connection[Mandate]:
        return await listing(info, Label.MANDATE, first, after)

    @strawberry.field
    async def retention_rules(self, info: strawberry.Info, trigger: Trigger | None = None, first: int = 50,
                              after: str | None = None) -> Connection[RetentionRule]:
        return await listing(info, Label.RETENTION_RULE, first, after, {"trigger": trigger})

    @strawberry.field
    async def events(self, info: strawberry.Info, kind: Trigger | None = None, first: int = 50,
                     after: str | None = None) -> Connection[Event]:
        return await listing(info, Label.EVENT, first, after, {"kind": kind})

    @strawberry.field
    async def destructions(self, info: strawberry.Info, first: int = 50,
                           after: str | None = None) -> Connection[Destruction]:
        return await listing(info, Label.DESTRUCTION, first, after)

    @strawberry.field
    async def trainings(self, info: strawberry.Info, first: int = 50, after: str | None = None) -> Connection[Training]:
        return await listing(info, Label.TRAINING, first, after)

    @strawberry.field
    async def policies(self, info: strawberry.Info, kind: PolicyKind | None = None, first: int = 50,
                       after: str | None = None) -> Connection[Policy]:
        return await listing(info, Label.POLICY, first, after, {"kind": kind})

    @strawberry.field(permission_classes=[IsViewer])
    async def incidents(self, info: strawberry.Info, status: IncidentStatus | None = None, first: int = 50,
                        after: str | None = None) -> Connection[Incident]:
        return await listing(info, Label.INCIDENT, first, after, {"status": status})

    @strawberry.field(permission_classes=[IsViewer])
    async def legal_holds(self, info: strawberry.Info, first: int = 50,
                          after: str | None = None) -> Connection[LegalHold]:
        return await listing(info, Label.LEGAL_HOLD, first, after)

    @strawberry.field(permission_classes=[IsViewer])
    async def access_requests(self, info: strawberry.Info, concerns: str | None = None, first: int = 50,
                              after: str | None = None) -> Connection[AccessRequest]:
        return await listing(info, Label.ACCESS_REQUEST, first, after, None,
                             [(concerns, RelType.CONCERNS, Direction.OUT)])

    @strawberry.field(permission_classes=[IsViewer])
    async def dataset_mappings(self, info: strawberry.Info, system: str | None = None, first: int = 50,
                               after: str | None = None) -> Connection[DatasetMapping]:
        return await listing(info, Label.DATASET_MAPPING, first, after, None,
                             [(system, RelType.MAPS_TO, Direction.OUT)])

    @strawberry.field(permission_classes=[IsViewer], description="OpenLineage datasets no mapping matches yet.")
    async def pending_observations(self, info: strawberry.Info, namespace: str | None = None, first: int = 50,
                                   after: str | None = None) -> Connection[PendingObservation]:
        return await listing(info, Label.PENDING_OBSERVATION, first, after, {"namespace": namespace})

    @strawberry.field(metadata=priced(work=WALK_COST), description=f"The neighbours of many nodes at once, both "
                      f"ways, and the relationships to them (at most `first`, default {DEFAULT_EDGES}): what the "
                      f"graph explorer adds when it expands nodes.")
    async def neighbours(self, info: strawberry.Info, ids: list[strawberry.ID], types: list[RelType] | None = None,
                         first: int = DEFAULT_EDGES) -> Neighbourhood:
        if not 0 < len(ids) <= MAX_PAGE:
            raise bad_input(f"ids must name between 1 and {MAX_PAGE} nodes", "ids")
        ctx = info.context
        found: Neighbourhood = await ctx.call(neighbourhood, ctx.store, ctx.role, [str(i) for i in ids], types,
                                              page_size(first, MAX_ROWS))
        return found

    # The analyses: the committee's questions. VIEWER and above.

    @strawberry.field(permission_classes=[IsViewer], metadata=priced(work=WALK_COST))
    async def lineage(self, info: strawberry.Info, id: strawberry.ID,
                      direction: lt.LineageDirection = lt.LineageDirection.DOWN, depth: int = 10) -> lt.Lineage:
        from catalog.lineage import lineage
        if not 1 <= depth <= 50:
            raise bad_input("depth must be between 1 and 50", "depth")
        # A selection of the systems reached and their distances alone reads the reach alone.
        selections = info.selected_fields[0].selections
        details = not asks_only(selections, lt.LINEAGE_REACH)
        asked, ctx = (str(id), direction.value, depth, details), info.context
        pages = _pages(selections)
        # A later page is cut from the answer its first page came from, while the data holds.
        tokens = [token for _, _, after in pages if (token := continuation_of(after))]
        kept = await ctx.call(ctx.continuations.get, tokens[0], asked) if tokens else None
        token = tokens[0] if kept is not None else None
        found = kept if kept is not None else await _analysis(info, lineage, ctx.store, str(id), direction.value,
                                                              depth, details=details)
        if token is None and _more_pages(found, pages):
            token = await ctx.call(ctx.continuations.keep, asked, found)
        return lt.Lineage.of(found, token)

    @strawberry.field(permission_classes=[IsViewer], metadata=priced(work=WALK_COST))
    async def responsibility(self, info: strawberry.Info, id: strawberry.ID) -> a.Responsibility:
        from catalog.responsibility import responsibility
        return a.Responsibility.of(await _analysis(info, responsibility, info.context.store, str(id)))

    @strawberry.field(permission_classes=[IsViewer], metadata=priced("first", CATALOG_COST))
    async def deadlines(self, info: strawberry.Info, as_of: date | None = None, within: str = "P90D",
                        status: list[DeadlineStatus] | None = None, system: list[strawberry.ID] | None = None,
                        element: list[strawberry.ID] | None = None, cohort: list[str] | None = None,
                        first: int = ROWS_PAGE) -> list[a.Deadline]:
        """One row per holding and cohort; each filter keeps the rows matching any of its values."""
        from catalog.deadlines import compute_deadlines
        size = page_size(first, MAX_ROWS)
        try:
            window = Duration.parse(within)
        except ValueError as exc:
            raise bad_input(str(exc), "within") from None
        # The store itself, not a snapshot: a backend that computes the clocks natively does.
        found = await _analysis(info, compute_deadlines, info.context.store, _as_of(as_of), window, shared=True)
        rows = [d for d in found if (not status or d.status in status) and (not system or d.system in system)
                and (not element or d.element in element) and (not cohort or d.cohort in cohort)]
        return [a.Deadline.of(d) for d in rows[:size]]

    @strawberry.field(permission_classes=[IsViewer], metadata=priced("first", CATALOG_COST))
    async def findings(self, info: strawberry.Info, as_of: date | None = None, principle: str | None = None,
                       severity: Severity | None = None, first: int = ROWS_PAGE) -> list[a.Finding]:
        from catalog.findings import run_checks
        size = page_size(first, MAX_ROWS)
        found = await _analysis(info, run_checks, await _snapshot(info), _as_of(as_of), principle, severity,
                                shared=True)
        return [a.Finding.of(f) for f in found[:size]]

    @strawberry.field(permission_classes=[IsViewer], metadata=priced(len(PRINCIPLES), CATALOG_COST))
    async def scorecard(self, info: strawberry.Info, as_of: date | None = None) -> list[a.ScorecardRow]:
        from catalog.findings import scorecard
        return [a.ScorecardRow.of(r) for r in await _analysis(info, scorecard, await _snapshot(info), _as_of(as_of),
                                                                   shared=True)]

    @strawberry.field(permission_classes=[IsViewer], metadata=priced(work=WALK_COST))
    async def blast_radius(self, info: strawberry.Info, incident_id: strawberry.ID,
                           as_of: date | None = None) -> a.BlastRadius:
        from catalog.blast import blast_radius
        return a.BlastRadius.of(await _analysis(info, blast_radius, info.context.store, str(incident_id),
                                                _as_of(as_of)))

    @strawberry.field(permission_classes=[IsViewer], metadata=priced("first"), description=(
        "The audit trail, oldest first: the first entries at or after `since` and before `until` "
        "(ISO timestamps or days), of `nodeId`, by `actor`, with a `seq` above `after` and below "
        "`before`. With `newestFirst`, the newest of them, newest first: a page of the trail whose "
        "last `seq` is the `before` of the page older than it."))
    async def changes(self, info: strawberry.Info, since: str | None = None, node_id: strawberry.ID | None = None,
                      first: int = 100, until: str | None = None, actor: str | None = None,
                      before: int | None = None, after: int | None = None,
                      newest_first: bool = False) -> list[a.Change]:
        found = await info.context.call(
            info.context.store.changes, since, str(node_id) if node_id else None, page_size(first, MAX_ROWS),
            until=until, actor=actor, before=before, after=after, newest=newest_first)
        return [a.Change.of(c) for c in (found[::-1] if newest_first else found)]

    @strawberry.field(permission_classes=[IsAdmin], metadata=priced(MAX_PAGE))
    async def tokens(self, info: strawberry.Info) -> list[TokenInfo]:
        found = await info.context.call(auth.api_tokens, info.context.store)
        return [TokenInfo(name=t.name, role=auth.Role[t.role], created_at=t.created_at, revoked_at=t.revoked_at)
                for t in found[:MAX_PAGE]]

    @strawberry.field(permission_classes=[IsSteward], metadata=priced(MAX_PAGE))
    async def feeds(self, info: strawberry.Info) -> list[FeedInfo]:
        found = await info.context.call(auth.feeds, info.context.store)
        return [FeedInfo(name=t.name, created_at=t.created_at, revoked_at=t.revoked_at) for t in found[:MAX_PAGE]]


@strawberry.type(description="The caller: its token's role and name, never its secret.")
class Me:
    role: auth.Role
    token_name: str | None = strawberry.field(description="Null for an anonymous caller.")


@strawberry.type(description="A deadline feed (never its secret).")
class FeedInfo:
    name: str
    created_at: str
    revoked_at: str | None


@strawberry.type
class TokenInfo:
    name: str
    role: auth.Role
    created_at: str
    revoked_at: str | None


def _search(store: Store, role: auth.Role, labels: list[Label | None], needle: str) -> list[NodeRecord]:
    """Blocking: every node of those labels this role may see whose id, name, description
    or definition contains the needle, in id order."""
    found = [n for label in labels for n in store.find_nodes(label)]
    return sorted((r for r in (readable(role, n) for n in found) if r is not None and (needle in r.id or any(
        needle in str(r.props.get(k, "")).lower() for k in ("name", "description", "definition")))),
        key=lambda r: r.id)
