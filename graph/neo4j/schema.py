"""The database schema Steward relies on, created at open and checked cheaply after.

Every node carries its DESIGN.md label plus a second label, `Steward`: the uniqueness
constraint on `Steward.id` keeps an id unique across labels (the store contract says an
id keeps its label) and backs an index, so a node is found by id without knowing its
label. Each DESIGN.md label gets its own uniqueness constraint on `id` too, for queries
that do know the label. A `(:StewardMeta {key: 'schema_version'})` node records the
schema version, and a `(:StewardMeta {key: 'data_version'})` node counts committed
writes; neither has the `Steward` label, so no reader ever returns them. The audit
trail and tokens have constraints of their own (see audit.py)."""

from __future__ import annotations

from catalog.vocab import Label, RelType
from graph.neo4j.connection import Connection, Tx
from graph.store import SCHEMA_VERSION, StoreError

STEWARD = "Steward"
META = "StewardMeta"
CHANGE = "StewardChange"
TOKEN = "StewardToken"
VERSION_KEY = "schema_version"
DATA_VERSION_KEY = "data_version"
INDEX_WAIT_SECONDS = 300

# Each entry migrates from version N to N + 1, as Cypher statements.
MIGRATIONS: list[list[str]] = [
    [],  # 2: changes record the node version they wrote, a property that needs no statement
]


def label(value: Label) -> str:
    """A label for Cypher text: only ever an enum member, never a caller's string."""
    return f"`{Label(value).value}`"


def rel_type(value: RelType) -> str:
    """A relationship type for Cypher text: only ever an enum member."""
    return f"`{RelType(value).value}`"


def wanted_constraints() -> dict[str, str]:
    """Constraint name -> the statement creating it."""
    wanted = {"steward_id": f"CREATE CONSTRAINT steward_id IF NOT EXISTS "
                            f"FOR (n:{STEWARD}) REQUIRE n.id IS UNIQUE",
              "steward_meta_key": f"CREATE CONSTRAINT steward_meta_key IF NOT EXISTS "
                                  f"FOR (n:{META}) REQUIRE n.key IS UNIQUE",
              "steward_change_seq": f"CREATE CONSTRAINT steward_change_seq IF NOT EXISTS "
                                    f"FOR (n:{CHANGE}) REQUIRE n.seq IS UNIQUE",
              "steward_token_name": f"CREATE CONSTRAINT steward_token_name IF NOT EXISTS "
                                    f"FOR (n:{TOKEN}) REQUIRE n.name IS UNIQUE",
              "steward_token_digest": f"CREATE CONSTRAINT steward_token_digest IF NOT EXISTS "
                                      f"FOR (n:{TOKEN}) REQUIRE n.digest IS UNIQUE"}
    for member in Label:
        name = f"steward_{member.value.lower()}_id"
        wanted[name] = (f"CREATE CONSTRAINT {name} IF NOT EXISTS "
                        f"FOR (n:{label(member)}) REQUIRE n.id IS UNIQUE")
    return wanted


def ensure_schema(conn: Connection) -> int:
    """Create what is missing; opening an up-to-date database writes nothing."""
    existing = {row["name"] for row in conn.read("SHOW CONSTRAINTS YIELD name RETURN name")}
    missing = [statement for name, statement in wanted_constraints().items() if name not in existing]
    if missing:
        def create(tx: Tx) -> None:
            for statement in missing:
                tx.run(statement)

        conn.transaction(create)
        # Constraints are usable only once their indexes are online.
        conn.read("CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT_SECONDS)
    return ensure_version(conn)


def ensure_version(conn: Connection) -> int:
    version = read_version(conn)
    if version is None:
        conn.write(f"MERGE (m:{META} {{key: $key}}) ON CREATE SET m.value = $version",
                   key=VERSION_KEY, version=SCHEMA_VERSION)
        return SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise StoreError(f"the database was written by a newer Steward (schema {version}); "
                         f"this one reads up to schema {SCHEMA_VERSION}")
    if version < SCHEMA_VERSION:
        migrate(conn, version)
    return SCHEMA_VERSION


def read_version(conn: Connection) -> int | None:
    rows = conn.read(f"MATCH (m:{META} {{key: $key}}) RETURN m.value AS value", key=VERSION_KEY)
    return int(rows[0]["value"]) if rows else None


def migrate(conn: Connection, version: int) -> None:
    def run(tx: Tx) -> None:
        for statements in MIGRATIONS[version - 1:SCHEMA_VERSION - 1]:
            for statement in statements:
                tx.run(statement)
        tx.run(f"MATCH (m:{META} {{key: $key}}) SET m.value = $version",
               key=VERSION_KEY, version=SCHEMA_VERSION)

    conn.transaction(run)


def count_write(tx: Tx) -> None:
    """One more committed write, counted in the writing transaction itself. The update
    reads the counter it sets, so Cypher locks the node first: concurrent commits each
    count, and no reader sees the new data under the old version."""
    tx.run(f"MERGE (m:{META} {{key: $key}}) ON CREATE SET m.value = 0 SET m.value = m.value + 1",
           key=DATA_VERSION_KEY)


def read_data_version(conn: Connection) -> int:
    rows = conn.read(f"MATCH (m:{META} {{key: $key}}) RETURN m.value AS value", key=DATA_VERSION_KEY)
    return int(rows[0]["value"]) if rows else 0
