"""The raw baselines of the command line: the same questions as `steward show ID` and
`steward lineage ID`, answered straight from the database by a fresh process that
imports nothing but the database's client, so that its time and memory are what the
question costs without Steward:

    python -m bench.raw embedded STORE_DIR show|lineage|hold ID
    python -m bench.raw neo4j BOLT_URI show|lineage ID

Lineage here is the reach of `bench.questions`: level by level, in SQL over the store's
SQLite file or in Cypher through the driver. `hold` reads the whole embedded store into
a networkx graph (properties included) and prints its size: the memory an in-memory
graph of the same catalog costs, the floor for the embedded store and its server."""

from __future__ import annotations

import json
import sqlite3
import sys
from typing import Any

ELEMENT_START = """
MATCH (e:DataElement {id: $root})
CALL { WITH e OPTIONAL MATCH (d:DataElement)-[:DERIVED_FROM*1..]->(e) RETURN collect(DISTINCT d.id) AS derived }
CALL { WITH e OPTIONAL MATCH (c:System)-[:COLLECTS]->(e) RETURN collect(DISTINCT c.id) AS collectors }
CALL { WITH e OPTIONAL MATCH (h:System)-[:HOLDS]->(e) RETURN collect(DISTINCT h.id) AS holders }
CALL { WITH e OPTIONAL MATCH (e)<-[:CARRIES]-(:Flow)-[:TO]->(r:System) RETURN collect(DISTINCT r.id) AS received }
RETURN [e.id] + derived AS elements, collectors, holders, received
"""
ELEMENT_LEVEL = """
UNWIND $frontier AS id
MATCH (:System {id: id})<-[:FROM]-(f:Flow)-[:TO]->(t:System)
WHERE NOT t.id IN $seen AND EXISTS { (f)-[:CARRIES]->(c:DataElement) WHERE c.id IN $elements }
RETURN DISTINCT t.id AS id
"""
SYSTEM_LEVEL = """
UNWIND $frontier AS id
MATCH (:System {id: id})<-[:FROM]-(:Flow)-[:TO]->(t:System)
WHERE NOT t.id IN $seen
RETURN DISTINCT t.id AS id
"""
SHOW = """
MATCH (n:Steward {id: $id})
OPTIONAL MATCH (n)-[r]-(m:Steward)
RETURN labels(n) AS labels, properties(n) AS props,
       collect({type: type(r), out: startNode(r) = n, other: m.id, name: m.name, props: properties(r)}) AS rels
"""


def driver(uri: str, **options: Any) -> Any:
    """A driver for the suite's server (auth off). A query naming a relationship type no
    catalog of that size has yet (a tiny one may have no STEWARDS) is no problem to log."""
    import neo4j

    return neo4j.GraphDatabase.driver(uri, auth=None, notifications_min_severity="OFF", **options)


def origins(collectors: set[str], holders: set[str], received: set[str]) -> set[str]:
    """Where an element's lineage starts, by the rule Steward documents: the systems that
    collect it, or hold it without receiving it by a flow; failing both, its holders."""
    return (collectors | (holders - received)) or holders


def cypher_reach(driver: Any, root: str, kind: str, depth: int) -> frozenset[str]:
    """The systems reached downstream of `root` within `depth` flows, the start included."""
    from neo4j import RoutingControl

    def read(query: str, **params: Any) -> list[Any]:
        return list(driver.execute_query(query, params, routing_=RoutingControl.READ).records)

    elements: list[str] | None = None
    starts = {root}
    if kind == "element":
        rows = read(ELEMENT_START, root=root)
        if not rows:
            return frozenset()
        elements = list(rows[0]["elements"])
        starts = origins(set(rows[0]["collectors"]), set(rows[0]["holders"]), set(rows[0]["received"]))
    seen, frontier = set(starts), sorted(starts)
    for _ in range(depth):
        if not frontier:
            break
        if elements is None:
            found = read(SYSTEM_LEVEL, frontier=frontier, seen=sorted(seen))
        else:
            found = read(ELEMENT_LEVEL, frontier=frontier, seen=sorted(seen), elements=elements)
        frontier = [r["id"] for r in found]
        seen.update(frontier)
    return frozenset(seen)


def _marks(values: list[str]) -> str:
    return ",".join("?" * len(values))


def sql_reach(conn: sqlite3.Connection, root: str, kind: str, depth: int) -> frozenset[str]:
    def column(sql: str, *params: str) -> set[str]:
        return {row[0] for row in conn.execute(sql, params)}

    elements: list[str] | None = None
    starts = {root}
    if kind == "element":
        elements = sorted(column("WITH RECURSIVE d(id) AS (SELECT ? UNION SELECT e.source FROM edges e JOIN d "
                                 "ON e.target = d.id AND e.type = 'DERIVED_FROM') SELECT id FROM d", root))
        ends = "SELECT source FROM edges WHERE target = ? AND type = ?"
        received = column("SELECT t.target FROM edges c JOIN edges t ON t.source = c.source AND t.type = 'TO' "
                          "WHERE c.target = ? AND c.type = 'CARRIES'", root)
        starts = origins(column(ends, root, "COLLECTS"), column(ends, root, "HOLDS"), received)
    seen, frontier = set(starts), sorted(starts)
    for _ in range(depth):
        if not frontier:
            break
        sql = ("SELECT DISTINCT t.target FROM edges f JOIN edges t ON t.source = f.source AND t.type = 'TO' "
               f"WHERE f.type = 'FROM' AND f.target IN ({_marks(frontier)})")
        params = list(frontier)
        if elements is not None:
            sql += (" AND EXISTS (SELECT 1 FROM edges c WHERE c.source = f.source AND c.type = 'CARRIES' "
                    f"AND c.target IN ({_marks(elements)}))")
            params += elements
        frontier = sorted(column(sql, *params) - seen)
        seen.update(frontier)
    return frozenset(seen)


def sql_show(conn: sqlite3.Connection, node_id: str) -> dict[str, Any]:
    node = conn.execute("SELECT label, props FROM nodes WHERE id = ?", (node_id,)).fetchone()
    rels = [{"type": t, "out": s == node_id, "other": d if s == node_id else s, "props": json.loads(p)}
            for t, s, d, p in conn.execute("SELECT type, source, target, props FROM edges WHERE source = ? "
                                           "UNION ALL SELECT type, source, target, props FROM edges WHERE target = ?",
                                           (node_id, node_id))]
    others = sorted({r["other"] for r in rels})
    names = dict(conn.execute(f"SELECT id, json_extract(props, '$.name') FROM nodes WHERE id IN ({_marks(others)})",
                              others)) if others else {}
    return {"label": node[0], "props": json.loads(node[1]), "relationships": [
        {**r, "name": names.get(r["other"])} for r in rels]}


def hold(folder: str) -> dict[str, int]:
    import networkx as nx

    conn = sqlite3.connect(f"{folder}/steward.db")
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((i, {"label": label, "props": json.loads(p)})
                         for i, label, p in conn.execute("SELECT id, label, props FROM nodes"))
    graph.add_edges_from((s, d, t, {"props": json.loads(p)})
                         for t, s, d, p in conn.execute("SELECT type, source, target, props FROM edges"))
    return {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}


def main(argv: list[str]) -> None:
    backend, where, verb, *rest = argv
    if backend == "embedded" and verb == "hold":
        print(json.dumps(hold(where)))
        return
    node_id = rest[0]
    if backend == "embedded":
        conn = sqlite3.connect(f"file:{where}/steward.db?mode=ro", uri=True)
        answer: Any = sql_show(conn, node_id) if verb == "show" else sorted(sql_reach(conn, node_id, "element", 10))
    else:
        with driver(where) as client:
            if verb == "show":
                answer = [r.data() for r in client.execute_query(SHOW, {"id": node_id}).records]
            else:
                answer = sorted(cypher_reach(client, node_id, "element", 10))
    print(json.dumps(answer, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
