"""`steward export --format graphml|cypher`: the graph as other tools read it. The Cypher
script is run statement by statement in the real Neo4j, as cypher-shell runs it."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from api.cli import cli
from catalog.records import EdgeRecord, NodeRecord
from catalog.vocab import Label, RelType
from graph.cypher_dump import cypher_lines, quote, write_cypher
from graph.dump import export_lines
from graph.embedded.store import EmbeddedStore
from graph.graphml import write_graphml
from graph.loading import load_paths
from graph.neo4j import Neo4jStore
from graph.store import Store, StoreError, sorted_edges, sorted_nodes

from .conftest import SEEDS
from .hostile import ADVERSARIAL


@pytest.fixture
def seeded(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "seeded")
    load_paths(store, [SEEDS], now="2026-09-01T00:00:00Z")
    return store


# Property keys a dump might hold: backquotes, quotes, spaces, Cypher.
KEYS = ["k`ey", "a b", "x'y\\z", "}) DETACH DELETE n //", "`", "ключ \U0001F393"]


def hostile_store(folder: Path) -> EmbeddedStore:
    """Every adversarial string as a name, a description, a list item, a property key and
    a relationship property; and the extreme 64-bit integers."""
    store = EmbeddedStore(folder)
    with store.transaction() as tx:
        for index, text in enumerate(ADVERSARIAL):
            tx.upsert_node(NodeRecord(Label.DATA_ELEMENT, f"e-{index}", {
                "name": text, "description": f"{text}'", "notes": [text, "\\'"], KEYS[index % len(KEYS)]: index}))
        tx.upsert_node(NodeRecord(Label.SYSTEM, "sis", {"name": "S", "kind": "SIS", "low": -(2**63),
                                                        "high": 2**63 - 1, "public": True}))
        for index, text in enumerate(ADVERSARIAL):
            tx.upsert_edge(EdgeRecord(RelType.HOLDS, "sis", f"e-{index}", {"since": text}))
    return store


def run_script(neo4j: Neo4jStore, script: str) -> None:
    """Each statement in its own auto-commit transaction, as cypher-shell runs a file."""
    with neo4j.conn.driver.session() as session:
        for line in script.splitlines():
            if line and not line.startswith("//"):
                session.run(line.removesuffix(";")).consume()


def empty(neo4j: Neo4jStore) -> None:
    """A database as new: no nodes, no constraints (the script creates Steward's)."""
    with neo4j.conn.driver.session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
        for record in list(session.run("SHOW CONSTRAINTS YIELD name")):
            session.run(f"DROP CONSTRAINT `{record['name']}`").consume()
        assert not list(session.run("MATCH (n) RETURN n LIMIT 1"))
        assert not list(session.run("SHOW CONSTRAINTS"))


def dump(store: Store) -> list[str]:
    return list(export_lines(store))


@pytest.mark.neo4j
def test_the_cypher_export_recreates_the_seeds_in_an_empty_neo4j(seeded: EmbeddedStore, neo4j: Neo4jStore) -> None:
    out = io.StringIO()
    assert write_cypher(seeded, out) == (388, 3971)
    empty(neo4j)
    run_script(neo4j, out.getvalue())
    assert neo4j.count_nodes() == seeded.count_nodes()
    assert neo4j.count_edges() == seeded.count_edges()
    assert dump(neo4j) == dump(seeded)  # every property too, not only the counts


@pytest.mark.neo4j
def test_hostile_strings_pass_through_the_cypher_script_unchanged(tmp_path: Path, neo4j: Neo4jStore) -> None:
    source = hostile_store(tmp_path / "hostile")
    out = io.StringIO()
    write_cypher(source, out)
    script = out.getvalue()
    # One statement a line: no string can break a line and start another statement.
    assert all(line.endswith(";") or line.startswith("//") for line in script.splitlines())
    empty(neo4j)
    run_script(neo4j, script)
    assert dump(neo4j) == dump(source)


def test_a_quoted_string_escapes_what_would_end_it() -> None:
    assert quote("O'Brien \\ ") == "'O\\'Brien \\\\ '"
    assert quote("a\nb\x00\u2028") == "'a\\nb\\u0000\\u2028'"


def test_a_property_key_that_would_break_the_line_is_refused(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    with store.transaction() as tx:
        tx.upsert_node(NodeRecord(Label.ROLE, "r", {"name": "R", "a\nb": 1}))
    with pytest.raises(StoreError, match="control character or line break"):
        write_cypher(store, io.StringIO())


def test_the_cypher_script_names_labels_and_types_only_from_the_model(seeded: EmbeddedStore) -> None:
    nodes, edges = list(sorted_nodes(seeded)), list(sorted_edges(seeded))
    statements = [line for line in cypher_lines(nodes, edges) if line.startswith("UNWIND")]
    labels = {line.split("CREATE (n:Steward:")[1].split(")")[0].strip("`") for line in statements
              if "CREATE (n:" in line}
    types = {line.split("CREATE (a)-[r:")[1].split("]")[0].strip("`") for line in statements if "-[r:" in line}
    assert labels == {n.label.value for n in nodes} and types == {e.type.value for e in edges}


def test_networkx_reads_the_graphml_export_with_the_same_counts(seeded: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "steward.graphml"
    with path.open("w", encoding="utf-8") as out:
        assert write_graphml(seeded, out) == (388, 3971)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == sum(seeded.count_nodes().values())
    assert graph.number_of_edges() == sum(seeded.count_edges().values())
    sis = graph.nodes["sis"]
    assert sis["steward_label"] == "System" and sis["kind"] == "SIS" and sis["label"] == seeded.get_node("sis").name
    holds = [d for _, target, d in graph.out_edges("sis", data=True) if d["label"] == "HOLDS"]
    assert len(holds) == len(seeded.edges("sis", types=[RelType.HOLDS]))
    public = [d["public"] for _, d in graph.nodes(data=True) if "public" in d]
    assert public and all(isinstance(p, bool) for p in public)


def test_graphml_keeps_hostile_text_except_what_xml_cannot_hold(tmp_path: Path) -> None:
    source = hostile_store(tmp_path / "hostile")
    path = tmp_path / "hostile.graphml"
    with path.open("w", encoding="utf-8") as out:
        write_graphml(source, out)
    graph = nx.read_graphml(path)
    for index, text in enumerate(ADVERSARIAL):
        xml_safe = "".join("\ufffd" if (c < " " and c not in "\t\n\r") else c for c in text)
        assert graph.nodes[f"e-{index}"]["name"] == xml_safe
        assert graph.nodes[f"e-{index}"]["label"] == xml_safe
    assert graph.nodes["sis"]["low"] == -(2**63) and graph.nodes["sis"]["public"] is True


def test_export_takes_a_format(seeded: EmbeddedStore, tmp_path: Path) -> None:
    store = seeded.folder
    seeded.close()
    runner = CliRunner()
    for fmt, start in (("graphml", "<?xml"), ("cypher", "// Steward"), ("jsonl", '{"format"')):
        target = tmp_path / f"out.{fmt}"
        result = runner.invoke(cli, ["--store", str(store), "export", "--format", fmt, str(target)])
        assert result.exit_code == 0, result.output
        assert target.read_text(encoding="utf-8").startswith(start)
        assert "exported 388 nodes and 3971 relationships" in result.stderr
    bad = runner.invoke(cli, ["--store", str(store), "export", "--format", "dot", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "dot" in bad.stderr
