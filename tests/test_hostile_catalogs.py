"""Random and adversarial catalog files: each loads, or fails with CatalogError whose
problems each name the file and where in it, and then the store is as it was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from catalog.source import CatalogError
from graph.loading import load_paths
from graph.store import Store

from .conftest import SEEDS
from .hostile import DEEP, LAUGHS, catalogs, hostile_text, hostile_values, to_yaml

NOW = "2026-01-01T00:00:00Z"


def counts(store: Store) -> tuple[dict[Any, int], dict[Any, int]]:
    return store.count_nodes(), store.count_edges()


def load_or_refuse(store: Store, paths: list[Path], keyed: bool = False) -> None:
    """Load `paths`; a refusal must name, for each problem, one of the files and a line or
    key in it (`keyed`: a key, for input that is valid YAML), and leave the store alone."""
    before = counts(store)
    try:
        load_paths(store, paths, now=NOW)
        _count("loaded")
    except CatalogError as exc:
        _count("refused")
        files = {str(p) for p in paths}
        assert exc.problems
        for problem in exc.problems:
            where = problem.location
            assert any(where.file.startswith(f) for f in files), problem
            assert where.path if keyed else (where.path or where.line), problem
            assert len(problem.message) < 1000, problem
        assert counts(store) == before


def _count(outcome: str) -> None:
    """How often each outcome happens (pytest --hypothesis-show-statistics)."""
    if currently_in_test_context():
        event(outcome)


@settings(max_examples=25)
@given(doc=catalogs())
def test_a_catalog_of_hostile_values_loads_or_is_refused_key_by_key(store: Store, tmp_path: Path,
                                                                   doc: dict[str, Any]) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(to_yaml(doc), encoding="utf-8")
    load_or_refuse(store, [path], keyed=True)


def _drop_key(node: dict[str, Any], key: str, _: Any) -> None:
    node.pop(key, None)


def _set_value(node: dict[str, Any], key: str, value: Any) -> None:
    node[key] = value


def _every_field(node: dict[str, Any], _: str, texts: list[str]) -> None:
    for index, key in enumerate(node):
        node[key] = texts[index % len(texts)]


MUTATIONS: dict[str, tuple[Callable[[dict[str, Any], str, Any], None], st.SearchStrategy[Any]]] = {
    "drop a key": (_drop_key, st.none()),
    "a value of the wrong type": (_set_value, hostile_values),
    "random strings in every field": (_every_field, st.lists(hostile_text, min_size=1, max_size=4)),
}


@st.composite
def mutated_seed(draw: st.DrawFn) -> tuple[str, str]:
    """One file of the example district, with one node changed by one mutation."""
    name = draw(st.sampled_from(sorted(p.name for p in SEEDS.glob("*.yaml"))))
    doc = yaml.safe_load((SEEDS / name).read_text(encoding="utf-8"))
    section = draw(st.sampled_from(sorted(doc)))
    node = draw(st.sampled_from(doc[section]))
    mutate, values = MUTATIONS[draw(st.sampled_from(sorted(MUTATIONS)))]
    mutate(node, draw(st.sampled_from(sorted(node))), draw(values))
    return name, to_yaml(doc)


@settings(max_examples=8)
@given(mutated=mutated_seed())
def test_the_example_district_with_a_mutated_file_loads_or_is_refused(store: Store, tmp_path: Path,
                                                                     mutated: tuple[str, str]) -> None:
    folder = tmp_path / "seeds"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(SEEDS, folder)
    name, text = mutated
    (folder / name).write_text(text, encoding="utf-8")
    load_or_refuse(store, [folder], keyed=True)


@settings(max_examples=60)
@given(cut=st.integers(0, 4000), insert=st.text(max_size=8) | st.binary(max_size=8), drop=st.integers(0, 40))
def test_a_seed_file_damaged_byte_by_byte_is_refused_at_a_line(store: Store, tmp_path: Path, cut: int,
                                                               insert: str | bytes, drop: int) -> None:
    original = (SEEDS / "systems.yaml").read_bytes()
    cut = cut % len(original)
    piece = insert.encode() if isinstance(insert, str) else insert
    path = tmp_path / "systems.yaml"
    path.write_bytes(original[:cut] + piece + original[cut + drop:])
    load_or_refuse(store, [path])


def test_hostile_files_leave_the_store_as_it_was(store: Store, tmp_path: Path) -> None:
    load_paths(store, [SEEDS], now=NOW)
    for index, text in enumerate([LAUGHS, DEEP, "- a\n", "x", "systems: 3\n"]):
        path = tmp_path / f"{index}.yaml"
        path.write_text(text)
        load_or_refuse(store, [SEEDS, path])
