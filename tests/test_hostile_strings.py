"""Strings with quotes, Cypher, SQL, HTML, control characters and long Unicode are stored
and returned exactly as given, on both backends, through the loader and the API; none is
executed (the store holds everything afterwards) or rendered as markup."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from api.auth import Role
from graph.loading import load_paths
from graph.store import Store

from .api_support import make_api
from .hostile import ADVERSARIAL, to_yaml

NOW = "2026-01-01T00:00:00Z"
# Any text but lone surrogates, which are not text in UTF-8 and are refused.
texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=500)
CREATE = """mutation($fields: JSON!) { createNode(label: "DataElement", fields: $fields) { id name
            ... on DataElement { definition } } }"""


def element(index: int, text: str) -> dict[str, object]:
    return {"id": f"hostile-{index}", "name": text, "definition": text, "notes": text,
            "category": "demographic", "sensitivity": "DIRECTORY", "subject": "STUDENT", "public": True}


def test_adversarial_strings_load_and_read_back_verbatim(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(to_yaml({"elements": [element(i, t) for i, t in enumerate(ADVERSARIAL)]}), encoding="utf-8")
    load_paths(store, [path], now=NOW)
    for index, text in enumerate(ADVERSARIAL):
        node = store.get_node(f"hostile-{index}")
        assert node is not None
        assert (node.get("name"), node.get("definition"), node.get("notes")) == (text, text, text)
    assert sum(store.count_nodes().values()) == len(ADVERSARIAL)  # DETACH DELETE and DROP TABLE did nothing


@settings(max_examples=10)
@given(text=texts)
@example(text="'}) DETACH DELETE n //")
@example(text="\x00\u202e<b>bold</b>\U0001F600\u0301")
def test_any_text_survives_the_loader_and_the_api(store: Store, tmp_path: Path, text: str) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(to_yaml({"elements": [element(0, text)]}), encoding="utf-8")
    load_paths(store, [path], now=NOW)
    node = store.get_node("hostile-0")
    assert node is not None and (node.get("name"), node.get("notes")) == (text, text)


def test_adversarial_strings_go_through_the_api_verbatim_and_are_escaped_in_pages(store: Store) -> None:
    api = make_api(store)
    before = sum(store.count_nodes().values())
    for index, text in enumerate(ADVERSARIAL):
        created = api.data(CREATE, Role.STEWARD, fields=element(index, text))["createNode"]
        assert created == {"id": f"hostile-{index}", "name": text, "definition": text}
        read = api.data('query($id: ID!) { node(id: $id) { name ... on DataElement { definition } } }',
                        Role.PUBLIC, id=f"hostile-{index}")["node"]
        assert read == {"name": text, "definition": text}
    assert sum(store.count_nodes().values()) == before + len(ADVERSARIAL)
    page = api.client.get("/inventory").text
    for markup in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:"):
        assert markup not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_any_text_is_returned_by_the_api_as_it_was_sent(store: Store) -> None:
    api = make_api(store)
    query = 'mutation($f: JSON!) { updateNode(id: "sis", fields: $f) { name ... on System { hosting } } }'

    @settings(max_examples=10)
    @given(text=texts)
    @example(text="'; DROP TABLE nodes; --")
    def check(text: str) -> None:
        updated = api.data(query, Role.STEWARD, f={"name": text, "hosting": text})["updateNode"]
        assert updated == {"name": text, "hosting": text}
        node = store.get_node("sis")
        assert node is not None and (node.get("name"), node.get("hosting")) == (text, text)

    check()
