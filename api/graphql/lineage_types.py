"""The lineage answer in GraphQL: the reach, a page at a time, with its flows, operators,
bases and paths."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry

from api.graphql.limits import (
    MAX_PAGE,
    PATHS_PAGE,
    REACH_PAGE,
    bad_input,
    cursor_at,
    offset_of,
    page_size,
    priced,
)
from api.graphql.selection import Shape
from catalog.lineage import Hop as DomainHop
from catalog.lineage import Lineage as DomainLineage
from catalog.lineage import Reach as DomainReach
from catalog.predicates import basis_in_force, flow_basis_in_force, is_internal_org, leaves_district
from catalog.vocab import Label

_PAGE = {"totalCount": None, "hasNextPage": None, "endCursor": None, "__typename": None}
# What a lineage without its details answers (catalog.lineage.lineage(details=False)):
# the frame and the systems reached with their distances, but no operators, chains or
# flows. A request that asks for no more is answered from that lighter walk.
LINEAGE_REACH: Shape = {
    "__typename": None, "root": None, "label": None, "direction": None, "depth": None, "elements": None,
    "starts": None,
    "derivations": {"element": None, "derivedFrom": None, "transform": None, "__typename": None},
    "systems": {**_PAGE, "nodes": {"id": None, "direction": None, "distance": None, "__typename": None}},
}


@strawberry.enum(description="Which way lineage goes: where data goes, where it came from, or both.")
class LineageDirection(Enum):
    DOWN = "down"
    UP = "up"
    BOTH = "both"


@strawberry.type(description="A flow as lineage shows it: its ends with their operators, and why and how it runs.")
class Hop:
    flow: str
    name: str
    source: str = strawberry.field(name="from")
    target: str = strawberry.field(name="to")
    source_operator: str | None
    target_operator: str | None
    method: str | None
    purposes: list[str]
    bases: list[str]
    carries: list[str] = strawberry.field(description="What it carries of the elements lineage follows.")

    @strawberry.field(description="Its recipient system is operated by someone outside the district: what it "
                                  "carries is in other hands.")
    async def leaves_district(self, info: strawberry.Info) -> bool:
        return leaves_district(await info.context.snapshot(), self.flow)

    @strawberry.field(description="One of its bases holds on that day; one that names none needs none while it "
                                  "stays in the district. False is a flow to show in red.")
    async def basis_in_force(self, info: strawberry.Info, as_of: date) -> bool:
        return flow_basis_in_force(await info.context.snapshot(), self.flow, as_of)

    @classmethod
    def of(cls, hop: DomainHop) -> Hop:
        return cls(flow=hop.flow, name=hop.name, source=hop.source, target=hop.target,
                   source_operator=hop.source_operator, target_operator=hop.target_operator,
                   method=hop.method, purposes=list(hop.purposes), bases=[b.id for b in hop.bases],
                   carries=list(hop.carries))


@strawberry.type(description="A system lineage reaches, how far from where the data starts, and by which flows.")
class ReachedSystem:
    id: str
    operator: str | None
    direction: LineageDirection
    distance: int = strawberry.field(description="Flows from the nearest start (0: a start).")
    reach: strawberry.Private[DomainReach]
    chain_ids: strawberry.Private[tuple[str, ...]]

    @strawberry.field(metadata=priced("depth"), description="The flows of a shortest way from a start, in the order "
                                                            "the data moved (on ties, the smallest flow ids).")
    def chain(self) -> list[Hop]:
        return [Hop.of(self.reach.hops[f]) for f in self.chain_ids]


@strawberry.type
class LineagePath:
    direction: LineageDirection
    # A path is never longer than the depth asked for.
    hops: list[Hop] = strawberry.field(metadata=priced("depth"))


@strawberry.type(description="A page of the systems lineage reaches.")
class LineageSystems:
    total_count: int = strawberry.field(description="Each way counted apart.")
    nodes: list[ReachedSystem] = strawberry.field(metadata=priced("first"))
    has_next_page: bool
    end_cursor: str | None = strawberry.field(description="Pass it as `after` for the next page.")


@strawberry.type(description="A page of the flows lineage follows.")
class LineageFlows:
    total_count: int = strawberry.field(description="Each way counted apart.")
    nodes: list[Hop] = strawberry.field(metadata=priced("first"))
    has_next_page: bool
    end_cursor: str | None = strawberry.field(description="Pass it as `after` for the next page.")


@strawberry.type(description="A page of paths. There is no total: it can be exponential.")
class LineagePaths:
    nodes: list[LineagePath] = strawberry.field(metadata=priced("first"))
    has_next_page: bool
    end_cursor: str | None = strawberry.field(description="Pass it as `after` for the next page.")


@strawberry.type(description="A DERIVED_FROM edge lineage follows: `element` is derived from `derivedFrom`.")
class LineageDerivation:
    element: str
    derived_from: str
    transform: str | None


@strawberry.type(description="An organisation that operates a system lineage reaches.")
class LineageOrganization:
    id: str
    name: str
    inside_district: bool = strawberry.field(description="The district, a school or a committee: data it holds "
                                                         "has not left the district.")


@strawberry.type(description="A legal basis (agreement, consent or mandate) of a flow lineage follows.")
class LineageBasis:
    id: str
    label: Label | None = strawberry.field(description="Null when the basis is not in the catalog.")
    name: str

    @strawberry.field(description="It holds on that day: an agreement or a consent in force, or a mandate.")
    async def in_force(self, info: strawberry.Info, as_of: date) -> bool:
        return basis_in_force((await info.context.snapshot()).get_node(self.id), as_of)


@strawberry.type
class Lineage:
    root: str
    label: str
    direction: LineageDirection
    depth: int
    elements: list[str]
    starts: list[str] = strawberry.field(description="The systems the data starts from.")
    organizations: list[str]
    result: strawberry.Private[DomainLineage]
    # The token under which the server keeps this answer for the next pages, if it does.
    continuation: strawberry.Private[str | None] = None

    @strawberry.field(metadata=priced(MAX_PAGE))
    def derivations(self) -> list[LineageDerivation]:
        return [LineageDerivation(element=d.element, derived_from=d.derived_from, transform=d.transform)
                for d in self.result.derivations[:MAX_PAGE]]

    @strawberry.field(description=f"The systems reached, down then up, the nearest first (default {REACH_PAGE}, "
                                  f"at most {MAX_PAGE}).")
    def systems(self, first: int = REACH_PAGE, after: str | None = None) -> LineageSystems:
        found = [(reach, s) for reach in self.result.reach for s in reach.systems]
        start, size = offset_of(after), page_size(first)
        return LineageSystems(
            total_count=len(found), has_next_page=start + size < len(found),
            end_cursor=cursor_at(start + size, self.continuation) if found[start:start + size] else None,
            nodes=[ReachedSystem(id=s.system, operator=s.operator, direction=LineageDirection(reach.way),
                                 distance=s.distance, reach=reach, chain_ids=s.chain)
                   for reach, s in found[start:start + size]])

    @strawberry.field(description=f"The flows the walk follows between the systems it reaches, down then up, by "
                                  f"id (default {REACH_PAGE}, at most {MAX_PAGE}).")
    def flows(self, first: int = REACH_PAGE, after: str | None = None) -> LineageFlows:
        found = [hop for reach in self.result.reach for hop in reach.flows]
        start, size = offset_of(after), page_size(first)
        page = found[start:start + size]
        return LineageFlows(total_count=len(found), has_next_page=start + size < len(found),
                            end_cursor=cursor_at(start + size, self.continuation) if page else None,
                            nodes=[Hop.of(hop) for hop in page])

    # The operators and the bases name what the systems and flows show; their verdicts are
    # on each hop, so a list cut at a page never colours a flow wrongly.
    @strawberry.field(metadata=priced(MAX_PAGE), description=f"The operators of the systems reached, by id "
                                                               f"(at most {MAX_PAGE}).")
    async def operators(self, info: strawberry.Info) -> list[LineageOrganization]:
        view = await info.context.snapshot()
        found = [view.get_node(o) for o in self.result.organizations[:MAX_PAGE]]
        return [LineageOrganization(id=o.id, name=o.name, inside_district=is_internal_org(o))
                for o in found if o is not None]

    @strawberry.field(metadata=priced(MAX_PAGE), description=f"The legal bases of the flows followed, in the "
                                                               f"order of the flows (at most {MAX_PAGE}).")
    async def bases(self, info: strawberry.Info) -> list[LineageBasis]:
        view = await info.context.snapshot()
        ids = list(dict.fromkeys(b.id for reach in self.result.reach for hop in reach.flows for b in hop.bases))
        found = {i: view.get_node(i) for i in ids[:MAX_PAGE]}
        return [LineageBasis(id=i, label=n.label if n else None, name=n.name if n else i) for i, n in found.items()]

    @strawberry.field(description=f"The paths through the reach, in the order of their flow ids, a page at a time "
                                  f"(default {PATHS_PAGE}, at most {MAX_PAGE}).")
    async def paths(self, info: strawberry.Info, first: int = PATHS_PAGE,
                    after: str | None = None) -> LineagePaths:
        from catalog.paths import path_page

        try:
            page = await info.context.call(path_page, self.result, page_size(first), after)
        except ValueError as exc:
            raise bad_input(str(exc), "after") from None
        return LineagePaths(nodes=[LineagePath(direction=LineageDirection(p.way), hops=[Hop.of(h) for h in p.hops])
                                   for p in page.paths],
                            has_next_page=page.more, end_cursor=page.after)

    @classmethod
    def of(cls, result: DomainLineage, continuation: str | None = None) -> Lineage:
        return cls(root=result.root, label=result.root_label, direction=LineageDirection(result.direction),
                   depth=result.depth, elements=list(result.elements), starts=list(result.starts),
                   organizations=list(result.organizations), result=result, continuation=continuation)
