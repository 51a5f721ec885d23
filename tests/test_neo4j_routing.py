"""Reads run in read transactions and writes in write transactions, so that a cluster or
Aura (through a neo4j:// URI) serves reads from its secondaries. Checked on the real
server: the driver's calls are recorded on their way to it, and the server itself
refuses a write sent as a read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
import pytest

from catalog.audit import Token
from catalog.deadlines import compute_deadlines
from catalog.lineage import lineage
from catalog.records import NodeRecord
from catalog.responsibility import responsibility
from catalog.view import Snapshot
from catalog.vocab import Label
from graph.loading import load_paths
from graph.neo4j import Neo4jStore
from graph.store import Direction, StoreError

from .conftest import DATA, NEO4J_URI, open_test_store

pytestmark = pytest.mark.neo4j


class Recording:
    """The driver, recording the access mode of every query it sends and passing it on."""

    def __init__(self, driver: neo4j.Driver) -> None:
        self.driver, self.modes = driver, []  # type: ignore[var-annotated]

    def execute_query(self, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
        self.modes.append(("READ" if kwargs["routing_"] == neo4j.RoutingControl.READ else "WRITE",
                           str(query.text)[:40]))
        return self.driver.execute_query(query, parameters, **kwargs)

    def session(self, **kwargs: Any) -> Any:
        return _Session(self, self.driver.session(**kwargs), kwargs.get("default_access_mode", neo4j.WRITE_ACCESS))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.driver, name)


class _Session:
    def __init__(self, recording: Recording, session: neo4j.Session, mode: str) -> None:
        self.recording, self.session, self.mode = recording, session, mode

    def __enter__(self) -> _Session:
        self.session.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.session.__exit__(*exc)  # type: ignore[no-untyped-call]

    def run(self, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
        """An auto-commit transaction, in the session's access mode."""
        self.recording.modes.append(("READ" if self.mode == neo4j.READ_ACCESS else "WRITE", str(query.text)[:40]))
        return self.session.run(query, parameters, **kwargs)

    def execute_read(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        self.recording.modes.append(("READ", "a managed transaction"))
        return self.session.execute_read(work, *args, **kwargs)

    def execute_write(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        self.recording.modes.append(("WRITE", "a managed transaction"))
        return self.session.execute_write(work, *args, **kwargs)


@pytest.fixture(params=["bolt", "neo4j"])
def district(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Neo4jStore]:
    """The example district, through a direct (bolt://) and a routing (neo4j://) URI."""
    store = open_test_store("neo4j", tmp_path, NEO4J_URI.replace("bolt://", f"{request.param}://", 1))
    assert isinstance(store, Neo4jStore)
    load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    yield store
    store.close()


def recorded(store: Neo4jStore) -> Recording:
    recording = Recording(store.conn.driver)
    store.conn.driver = recording  # type: ignore[assignment]
    return recording


def test_every_read_runs_in_a_read_transaction(district: Neo4jStore) -> None:
    recording = recorded(district)
    as_of = date(2026, 9, 1)
    district.get_node("sis")
    district.get_nodes(["sis", "acme"])
    district.find_nodes(Label.SYSTEM)
    district.count_nodes()
    district.count_edges()
    district.edges("sis", Direction.BOTH)
    district.edges_for(["sis", "acme"], Direction.IN)
    district.neighbours("sis")
    district.traverse("sis", Direction.OUT, max_depth=3)
    district.data_version()
    district.schema_version()
    district.changes()
    district.tokens()
    lineage(district, "student-birth-date", "both")
    responsibility(district, "sis")
    compute_deadlines(district, as_of)  # clocks and binding, natively
    Snapshot.of(district)
    assert len(recording.modes) >= 17
    assert {mode for mode, _ in recording.modes} == {"READ"}, recording.modes


def test_every_write_runs_in_a_write_transaction(district: Neo4jStore) -> None:
    recording = recorded(district)
    sis = district.get_node("sis")
    assert sis is not None
    with district.transaction() as tx:
        tx.upsert_node(NodeRecord(sis.label, sis.id, {**sis.props, "name": "SIS"}))
    district.save_token(Token("ci", "viewer", "0" * 64, "2026-01-01T00:00:00Z"))
    district.revoke_token("ci", "2026-01-02T00:00:00Z")
    writes = [query for mode, query in recording.modes if mode == "WRITE"]
    assert len(writes) == 3, recording.modes
    reads = [query for mode, query in recording.modes if mode == "READ"]
    assert district.get_node("sis").name == "SIS"  # type: ignore[union-attr]
    assert all("CREATE" not in q and "MERGE" not in q and "SET " not in q for q in reads), reads


def test_the_server_refuses_a_write_sent_as_a_read(district: Neo4jStore) -> None:
    """The read path's access mode is the server's to enforce, not only the driver's flag."""
    with pytest.raises(StoreError, match=r"(?i)read"):
        district.conn.read("CREATE (:Probe {id: 'probe'})")
    assert district.conn.read("MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 0}]
    district.conn.write("CREATE (:Probe {id: 'probe'}) RETURN 1 AS one")
    assert district.conn.read("MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 1}]
