"""Every Cypher example in docs/cypher.md runs on Neo4j loaded with the example district
and finds what the page says it finds, using only the reference model's vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from catalog.vocab import Label, RelType
from graph.loading import load_paths
from graph.neo4j import Neo4jStore

from .conftest import ROOT, SEEDS, open_test_store

pytestmark = pytest.mark.neo4j

PAGE = ROOT / "docs" / "cypher.md"
BLOCK = re.compile(r"^```cypher\n(.*?)^```", re.MULTILINE | re.DOTALL)
LABEL_OR_TYPE = re.compile(r"[(\[]\w*:(\w+)")
PARAMETER = re.compile(r"\$(\w+)")

# For each example, in page order: its parameters and its whole result.
EXPECTED: list[tuple[dict[str, Any], list[dict[str, Any]]]] = [
    ({"element": "parent-email"}, [
        {"flow": "sis-to-iep-demographics", "source": "sis", "target": "iep-system", "recipient": "district",
         "agreements": [], "mandates": [], "consents": []},
        {"flow": "sis-to-lakeside-portraits", "source": "sis", "target": "lakeside-ordering",
         "recipient": "lakeside-portraits", "agreements": [], "mandates": [],
         "consents": ["consent-portrait-offers"]},
        {"flow": "sis-to-lunchline", "source": "sis", "target": "lunchline-meals",
         "recipient": "lunchline-nutrition", "agreements": ["ndpa-lunchline"], "mandates": [], "consents": []},
        {"flow": "sis-to-schoolcall-contacts", "source": "sis", "target": "schoolcall-notify",
         "recipient": "schoolcall-messaging", "agreements": ["ndpa-schoolcall"], "mandates": [], "consents": []},
    ]),
    ({"sensitivity": "SENSITIVE", "control": "MFA"}, [
        {"system": "lunchline-meals", "sensitive_elements": 6,
         "controls": ["ENCRYPTION_AT_REST", "ENCRYPTION_IN_TRANSIT", "AUDIT_LOG", "BACKUP"]},
    ]),
    ({"as_of": "2026-09-01"}, [
        {"flow": "sis-to-pathfinder", "provider": "pathfinder-ccr", "agreement": "ndpa-pathfinder",
         "ended_on": "2026-06-30"},
    ]),
    ({"as_of": "2026-09-01"}, [
        {"person": "p-counselor-rhs", "training": "ferpa-basics", "last_completed": "2025-02-14",
         "lapsed_on": "2026-02-14"},
    ]),
    ({}, [
        {"element": "student-login-id", "sensitivity": "PII", "held_in": ["identity-directory"]},
    ]),
]


def examples() -> list[str]:
    return BLOCK.findall(PAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jStore]:
    store = open_test_store("neo4j", tmp_path_factory.mktemp("cypher"))
    assert isinstance(store, Neo4jStore)
    load_paths(store, [SEEDS], now="2026-09-01T00:00:00Z")
    yield store
    store.close()


def test_the_page_has_five_examples_in_the_reference_vocabulary() -> None:
    found = examples()
    assert len(found) == len(EXPECTED) == 5
    known = {member.value for member in Label} | {member.value for member in RelType}
    for query, (params, _) in zip(found, EXPECTED, strict=True):
        used = set(LABEL_OR_TYPE.findall(query))
        assert used and used <= known, query
        assert set(PARAMETER.findall(query)) == set(params), query


@pytest.mark.parametrize("number", range(len(EXPECTED)), ids=lambda n: f"example-{n + 1}")
def test_each_example_finds_the_planted_problem(district: Neo4jStore, number: int) -> None:
    params, expected = EXPECTED[number]
    assert district.conn.read(examples()[number], **params) == expected
