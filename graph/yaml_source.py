"""Read catalog files: YAML parsed with the line of every mapping, key and list item."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from catalog.source import Location, Problems, SourceList, SourceMapping

SUFFIXES = (".yaml", ".yml")


class _LineLoader(yaml.SafeLoader):
    pass


# YAML 1.1 reads `on`, `off`, `yes` and `no` as booleans, which turns the `on:` key of a
# training completion into True. Keep to YAML 1.2: only true and false are booleans.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> SourceMapping:
    loader.flatten_mapping(node)
    result = SourceMapping(line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> SourceList:
    result = SourceList(line=node.start_mark.line + 1)
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def parse_text(text: str, name: str, problems: Problems) -> Any:
    """The document in `text`, or None with a problem recorded where YAML broke."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.add(Location(name, line), f"not valid YAML: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        problems.add(Location(name), f"not valid YAML: {exc}")
    return None


def catalog_files(paths: Iterable[str | Path], problems: Problems) -> list[Path]:
    """The files named, and the YAML files under the folders named, in sorted order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not found:
                problems.add(Location(str(path)), "folder holds no .yaml or .yml files")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            problems.add(Location(str(path)), "no such file or folder")
    return list(dict.fromkeys(files))
