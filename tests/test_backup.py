"""`steward backup` and `steward restore`: the whole store, exactly, on both backends and
across them; a damaged file refused whole; a backup taken while a server writes is the
store at one moment."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from api.auth import Role, create_feed, create_token, revoke_token
from api.cli import cli
from catalog.records import NodeRecord
from catalog.source import CatalogError
from catalog.vocab import Label, RelType
from graph import curation
from graph.backup import Contents, read_backup, restore_file, write_backup
from graph.loading import load_paths
from graph.neo4j import Neo4jStore
from graph.store import Store, StoreError

from .api_support import STEWARD, served
from .conftest import DATA, NEO4J_URI, open_test_store
from .soak import scaled

NOW = "2026-01-01T00:00:00Z"
BACKENDS = [pytest.param(b, marks=[pytest.mark.neo4j] if b == "neo4j" else []) for b in ("embedded", "neo4j")]


def fill(store: Store) -> Store:
    """A store with something of everything: nodes, relationships, an audit trail of
    loads, updates, links and deletions, tokens (one revoked) and a feed."""
    load_paths(store, [DATA / "design-example.yaml"], now=NOW)
    curation.update_node(store, "sis", {"hosting": "vendor cloud"}, "alice", NOW)
    curation.link(store, RelType.USED_FOR, "acme-app", "enrollment", {}, "alice", NOW)
    curation.delete_node(store, "yearbook-release", "alice", NOW)
    create_token(store, "viewer", Role.VIEWER, NOW)
    create_token(store, "gone", Role.STEWARD, NOW)
    revoke_token(store, "gone", NOW)
    create_feed(store, "calendar", NOW)
    return store


def backup_bytes(store: Store, path: Path) -> bytes:
    write_backup(store, path)
    return path.read_bytes()


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[dict[str, Store]]:
    """The stores a test opens (through open_named), closed at its end."""
    opened: dict[str, Store] = {}
    yield opened
    for store in opened.values():
        store.close()


def open_named(stores: dict[str, Store], tmp_path: Path, backend: str, name: str) -> Store:
    stores[name] = open_test_store(backend, tmp_path / name)
    return stores[name]


@pytest.mark.parametrize("backend", BACKENDS)
def test_backup_restore_backup_gives_the_same_bytes(backend: str, tmp_path: Path,
                                                    stores: dict[str, Store]) -> None:
    source = fill(open_named(stores, tmp_path, backend, "source"))
    first = backup_bytes(source, tmp_path / "first.backup")
    source.close()
    del stores["source"]
    target = open_named(stores, tmp_path, backend, "target")  # on Neo4j: the same database, emptied
    restore_file(target, tmp_path / "first.backup")
    assert backup_bytes(target, tmp_path / "second.backup") == first
    # And the restored store answers as the original did: the audit trail, the tokens.
    contents = read_backup(first.decode().splitlines(keepends=True))
    assert [c.as_dict() for c in target.changes(limit=10_000)] == contents.rows["change"]
    assert {t.name: t.revoked_at for t in target.tokens()} == {"viewer": None, "gone": NOW, "feed:calendar": None}
    assert target.get_node("yearbook-release") is None and target.get_node("sis") is not None
    assert {r["kind"] for r in map(json.loads, first.decode().splitlines()[1:-1])} == {"node", "edge", "change",
                                                                                       "token"}


@pytest.mark.neo4j
def test_a_backup_moves_between_backends_and_back_unchanged(tmp_path: Path, stores: dict[str, Store]) -> None:
    embedded = fill(open_named(stores, tmp_path, "embedded", "embedded"))
    original = backup_bytes(embedded, tmp_path / "embedded.backup")
    neo4j = open_named(stores, tmp_path, "neo4j", "neo4j")
    restore_file(neo4j, tmp_path / "embedded.backup")
    assert backup_bytes(neo4j, tmp_path / "neo4j.backup") == original
    back = open_named(stores, tmp_path, "embedded", "back")
    restore_file(back, tmp_path / "neo4j.backup")
    assert backup_bytes(back, tmp_path / "back.backup") == original


def test_the_file_holds_digests_never_secrets(tmp_path: Path, stores: dict[str, Store]) -> None:
    store = open_named(stores, tmp_path, "embedded", "s")
    load_paths(store, [DATA / "design-example.yaml"], now=NOW)
    secret = create_token(store, "viewer", Role.VIEWER, NOW)
    feed = create_feed(store, "calendar", NOW)
    text = backup_bytes(store, tmp_path / "b.backup").decode()
    assert secret not in text and feed not in text
    assert sum(1 for line in text.splitlines() if '"kind":"token"' in line) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_store_that_holds_anything_is_refused_unless_replaced(backend: str, tmp_path: Path,
                                                               stores: dict[str, Store]) -> None:
    store = fill(open_named(stores, tmp_path, backend, "s"))
    backup = tmp_path / "b.backup"
    first = backup_bytes(store, backup)
    curation.update_node(store, "sis", {"hosting": "on premises"}, "bob", NOW)
    changed = backup_bytes(store, tmp_path / "changed.backup")
    with pytest.raises(StoreError, match=r"not empty .*--replace"):
        restore_file(store, backup)
    assert backup_bytes(store, tmp_path / "after.backup") == changed  # the refusal wrote nothing
    restore_file(store, backup, replace=True)
    assert backup_bytes(store, tmp_path / "replaced.backup") == first


def damaged(text: str, how: str) -> str:
    lines = text.splitlines(keepends=True)
    if how == "truncated":
        return text[: len(text) // 2]
    if how == "line removed":
        return "".join(lines[:10] + lines[11:])
    if how == "byte changed":
        return text.replace("Student Information System", "Student Informatiom System", 1)
    return "".join([*lines[:-1], "not json\n", lines[-1]])


@pytest.mark.parametrize(("how", "message"), [
    ("truncated", "cut short"),
    ("line removed", "lines were added or removed"),
    ("byte changed", "checksum does not match"),
    ("garbage", "not a valid backup line"),
])
def test_a_damaged_backup_is_refused_whole_saying_where(how: str, message: str, tmp_path: Path,
                                                        stores: dict[str, Store]) -> None:
    text = backup_bytes(fill(open_named(stores, tmp_path, "embedded", "s")), tmp_path / "b.backup").decode()
    bad = tmp_path / "bad.backup"
    bad.write_text(damaged(text, how), encoding="utf-8")
    target = open_named(stores, tmp_path, "embedded", "t")
    with pytest.raises(CatalogError, match=message) as raised:
        restore_file(target, bad)
    assert all(p.location.file == str(bad) and p.location.line for p in raised.value.problems)
    assert target.count_nodes() == {} and target.changes() == [] and target.tokens() == []


@pytest.mark.neo4j
def test_a_restore_refused_part_way_writes_nothing(tmp_path: Path, stores: dict[str, Store]) -> None:
    """A property the embedded store keeps and Neo4j cannot (a map) fails the restore on
    Neo4j after the file is checked: the database is left empty."""
    embedded = fill(open_named(stores, tmp_path, "embedded", "e"))
    with embedded.transaction() as tx:
        tx.upsert_node(NodeRecord(Label.DATA_ELEMENT, "zz-last", {"name": "Last", "nested": {"a": 1}}))
    write_backup(embedded, tmp_path / "b.backup")
    neo4j = open_named(stores, tmp_path, "neo4j", "n")
    with pytest.raises(StoreError, match="'nested' of node 'zz-last'"):
        restore_file(neo4j, tmp_path / "b.backup")
    assert neo4j.count_nodes() == {} and neo4j.changes() == [] and neo4j.tokens() == []


def test_a_failed_backup_leaves_the_old_file_and_no_half_file(tmp_path: Path, stores: dict[str, Store],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = fill(open_named(stores, tmp_path, "embedded", "s"))
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "b.backup").write_text("yesterday's backup\n")
    import graph.backup

    def failing(contents: Contents) -> Iterator[str]:
        yield '{"format":"steward-backup"}\n'
        raise OSError("No space left on device")

    monkeypatch.setattr(graph.backup, "backup_lines", failing)
    with pytest.raises(OSError, match="No space"):
        write_backup(store, folder / "b.backup")
    assert [p.name for p in folder.iterdir()] == ["b.backup"]
    assert (folder / "b.backup").read_text() == "yesterday's backup\n"


def test_the_commands_speak_json_and_say_what_is_wrong(tmp_path: Path) -> None:
    store, other = ["--store", str(tmp_path / "s")], ["--store", str(tmp_path / "t")]
    runner = CliRunner()
    assert runner.invoke(cli, [*store, "load", "-q", str(DATA / "design-example.yaml")]).exit_code == 0
    made = runner.invoke(cli, [*store, "backup", str(tmp_path / "b.backup"), "--json"])
    assert made.exit_code == 0, made.output
    counts = json.loads(made.stdout)
    assert counts["ok"] and counts["nodes"] > 0 and counts["relationships"] > 0 and counts["changes"] > 0
    restored = runner.invoke(cli, [*other, "restore", str(tmp_path / "b.backup"), "--json"])
    assert restored.exit_code == 0 and json.loads(restored.stdout) == {**counts, "file": str(tmp_path / "b.backup")}
    again = runner.invoke(cli, [*other, "restore", str(tmp_path / "b.backup")])
    assert again.exit_code == 1 and "not empty" in again.stderr and "Traceback" not in again.output
    (tmp_path / "cut.backup").write_bytes((tmp_path / "b.backup").read_bytes()[:5000])
    cut = runner.invoke(cli, [*other, "restore", "--replace", str(tmp_path / "cut.backup"), "--json"])
    assert cut.exit_code == 2 and json.loads(cut.stdout)["ok"] is False
    assert "cut short" in cut.stderr and "nothing was written" in cut.stderr


# A backup taken while `steward serve` takes a stream of mutations.

UPDATE = "mutation($id: ID!, $f: JSON!) { updateNode(id: $id, fields: $f) { id } }"
CREATE = "mutation($f: JSON!) { createNode(label: \"DataElement\", fields: $f) { id } }"
DELETE = "mutation($id: ID!) { deleteNode(id: $id) }"
TARGETS = ["sis", "student-birth-date", "risk-score", "acme-app"]


class Writer(threading.Thread):
    """Mutations one after another until told to stop: updates of a few nodes, and
    elements created and deleted."""

    def __init__(self, base: str, token: str) -> None:
        super().__init__(daemon=True)
        self.client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60)
        self.stop, self.acknowledged = threading.Event(), 0
        self.errors: list[Any] = []

    def send(self, query: str, **variables: Any) -> None:
        body = self.client.post("/graphql", json={"query": query, "variables": variables}).json()
        if body.get("errors"):
            self.errors.append(body["errors"])
        else:
            self.acknowledged += 1

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            i += 1
            self.send(UPDATE, id=TARGETS[i % len(TARGETS)], f={"description": f"revision {i}"})
            if i % 3 == 0:
                self.send(CREATE, f={"id": f"e-{i}", "name": f"Element {i}", "category": "contact",
                                     "sensitivity": "PII", "subject": "STUDENT"})
            if i % 6 == 0:
                self.send(DELETE, id=f"e-{i - 3}")
        self.client.close()


def fold(changes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The nodes the audit trail describes: each node as its last change left it."""
    nodes: dict[str, dict[str, Any]] = {}
    for change in changes:
        if change["action"] in ("create", "update"):
            after = {k: v for k, v in change["after"].items() if k not in ("label", "relationships")}
            nodes[change["target"]] = {"label": change["after"]["label"], "id": change["target"], "props": after}
        elif change["action"] == "delete":
            nodes.pop(change["target"], None)
    return nodes


@pytest.mark.slow
@pytest.mark.reliability
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_backup_taken_while_the_server_writes_is_the_store_at_one_moment(backend: str, tmp_path: Path) -> None:
    store = open_test_store(backend, tmp_path / "store")
    load_paths(store, [DATA / "design-example.yaml"], now=NOW)
    token = create_token(store, "writer", Role.STEWARD, NOW)
    before = len(store.changes(limit=1_000_000))
    store.close()
    args = ["--backend", backend, "--store", str(tmp_path / "store"), "--neo4j-uri", NEO4J_URI]
    backups = [tmp_path / f"{i}.backup" for i in range(scaled(3, 20))]
    # One writer as fast as the server answers: more than the default rate limit allows.
    with served(args, "--rate-limit", "1000000") as base:
        writer = Writer(base, token)
        writer.start()
        try:
            for path in backups:
                subprocess.run([*STEWARD, *args, "backup", str(path)], check=True, capture_output=True, timeout=120)
            seen, give_up = writer.acknowledged, time.monotonic() + 120
            # Writes go on after the last backup (a store the backups broke would stop them).
            while writer.acknowledged < seen + 5 and writer.is_alive() and time.monotonic() < give_up:
                writer.join(0.05)
            assert writer.acknowledged >= seen + 5, f"no write was acknowledged after the backups: {writer.errors[-1:]}"
        finally:
            writer.stop.set()
            writer.join(60)
    assert writer.errors == []
    final = open_test_store(backend, tmp_path / "store") if backend == "embedded" else _reopen()
    try:
        trail = [c.as_dict() for c in final.changes(limit=1_000_000)]
    finally:
        final.close()
    lengths = []
    for path in backups:
        contents = read_backup(path.read_text(encoding="utf-8").splitlines(keepends=True), str(path))
        changes = contents.rows["change"]
        assert changes == trail[:len(changes)], f"{path.name}: its audit trail is not a prefix of the final one"
        assert {row["id"]: row for row in contents.rows["node"]} == fold(changes), \
            f"{path.name}: its nodes are not what its audit trail says"
        assert [t["name"] for t in contents.rows["token"]] == ["writer"]
        lengths.append(len(changes))
    # The backups fell among the writes: each saw some of them and missed others.
    assert min(lengths) > before and max(lengths) < len(trail)
    assert len(set(lengths)) > 1
    restored = open_test_store("embedded", tmp_path / "restored")
    restore_file(restored, backups[-1])
    assert backup_bytes(restored, tmp_path / "again.backup") == backups[-1].read_bytes()
    restored.close()


def _reopen() -> Store:
    """The Neo4j database the server wrote, as it is (open_test_store would empty it)."""
    from graph.neo4j.connection import Neo4jConfig

    return Neo4jStore(Neo4jConfig(uri=NEO4J_URI))
