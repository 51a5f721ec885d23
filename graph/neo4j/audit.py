"""The audit trail and API tokens, kept in the same database as the graph.

Changes are `(:StewardChange)` nodes written in the graph change's own transaction;
their `seq` comes from a counter node whose update locks it, so concurrent commits get
increasing, distinct numbers. Tokens are `(:StewardToken)` nodes. Neither carries the
`Steward` label, so no graph reader returns them. A change's `before` and `after` are
maps, which Neo4j cannot store as properties: they are kept as JSON text."""

from __future__ import annotations

import json
from typing import Any

from neo4j.exceptions import ConstraintError

from catalog.audit import Change, Token
from graph.neo4j.connection import Connection, Row, Tx
from graph.neo4j.schema import CHANGE, META, TOKEN
from graph.store import StoreError

SEQ_KEY = "change_seq"
TOKEN_FIELDS = ("name", "role", "digest", "created_at", "revoked_at")


def _encode(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, separators=(",", ":"),
                                                 ensure_ascii=False)


def change_row(change: Change) -> dict[str, Any]:
    return {"at": change.at, "actor": change.actor, "action": change.action, "target": change.target,
            "nodes": list(change.nodes), "before": _encode(change.before), "after": _encode(change.after),
            "version": change.version}


def record_changes(tx: Tx, rows: list[dict[str, Any]]) -> None:
    """Number the rows in order after the last recorded change, and store them."""
    tx.run(f"MERGE (m:{META} {{key: $key}}) ON CREATE SET m.value = 0 "
           "SET m.value = m.value + size($rows) "
           "WITH m.value - size($rows) AS base "
           "UNWIND range(0, size($rows) - 1) AS i "
           f"CREATE (c:{CHANGE}) SET c = $rows[i], c.seq = base + i + 1", key=SEQ_KEY, rows=rows)


def changes(conn: Connection, since: str | None, node_id: str | None, limit: int, until: str | None = None,
            actor: str | None = None, after: int | None = None, before: int | None = None,
            newest: bool = False) -> list[Change]:
    order = "DESC" if newest else "ASC"
    rows = conn.read(f"MATCH (c:{CHANGE}) WHERE c.at >= $since AND ($until IS NULL OR c.at < $until) "
                     "AND ($node IS NULL OR $node IN c.nodes) AND ($actor IS NULL OR c.actor = $actor) "
                     "AND ($after IS NULL OR c.seq > $after) AND ($before IS NULL OR c.seq < $before) "
                     f"RETURN properties(c) AS c ORDER BY c.seq {order} LIMIT $limit",
                     since=since or "", until=until, node=node_id, actor=actor, after=after, before=before,
                     limit=limit)
    found = [_change(row["c"]) for row in rows]
    return found[::-1] if newest else found


def _change(c: Row) -> Change:
    before, after = c.get("before"), c.get("after")
    return Change(c["at"], c["actor"], c["action"], c["target"], tuple(c["nodes"]),
                  None if before is None else json.loads(before),
                  None if after is None else json.loads(after), c["seq"], c.get("version"))


def save_token(conn: Connection, token: Token, change: Change | None) -> None:
    def work(tx: Tx) -> None:
        tx.run(f"CREATE (t:{TOKEN}) SET t = $t", t={f: getattr(token, f) for f in TOKEN_FIELDS})
        if change is not None:
            record_changes(tx, [change_row(change)])

    try:
        conn.transaction(work)
    except StoreError as exc:
        # Names and digests are unique: the constraint refuses a second one, even a racing one.
        if isinstance(exc.__cause__, ConstraintError):
            raise StoreError(f"a token named {token.name!r} already exists") from exc
        raise


def tokens(conn: Connection) -> list[Token]:
    rows = conn.read(f"MATCH (t:{TOKEN}) RETURN properties(t) AS t")
    found = [Token(**{f: row["t"].get(f) for f in TOKEN_FIELDS}) for row in rows]
    return sorted(found, key=lambda t: t.name)


def revoke_token(conn: Connection, name: str, at: str, change: Change | None) -> bool:
    def work(tx: Tx) -> bool:
        rows = tx.run(f"MATCH (t:{TOKEN} {{name: $name}}) WHERE t.revoked_at IS NULL "
                      "SET t.revoked_at = $at RETURN count(t) AS revoked", name=name, at=at)
        revoked = bool(rows[0]["revoked"])
        if revoked and change is not None:
            record_changes(tx, [change_row(change)])
        return revoked

    return conn.transaction(work)
