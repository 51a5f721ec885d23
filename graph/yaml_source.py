"""Read catalog files: YAML parsed with the line of every mapping, key and list item.

A catalog file is plain data: mappings, lists, text, numbers, true/false and dates. It has
no use for anchors, aliases, merge keys or other tags, so they are refused: an alias of
nested aliases lets a few hundred bytes stand for a value of gigabytes. So is nesting far
deeper than a catalog needs, which would otherwise exhaust Python's stack."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from catalog.source import Location, Problems, SourceList, SourceMapping, excerpt, key_name

SUFFIXES = (".yaml", ".yml")
# Mapping files of `steward import-sheet` sit beside catalogs (seeds/import/) but are not
# catalog files: a folder load passes over them.
MAPPING_SUFFIXES = (".map.yaml", ".map.yml")
MAX_FILE_SIZE = 10_000_000
MAX_FILE_SIZE_VAR = "STEWARD_MAX_FILE_SIZE"
# A catalog nests six levels (file, section, node, `holds`, holding, value); leave room.
MAX_DEPTH = 20
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep (mappings and lists); a catalog file needs six"
_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + t for t in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")}
_NO_ANCHORS = "catalog files may not use anchors (&name), aliases (*name) or merge keys (<<); write the value out"
# Byte-order marks of encodings other than UTF-8, longest first (UTF-32 LE starts as UTF-16 LE).
_OTHER_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
               (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


class Refused(yaml.MarkedYAMLError):
    """Valid YAML that a catalog file may not hold."""


def _refused(message: str, mark: Any) -> Refused:
    return Refused(None, None, message, mark)


def _alias(event: Any) -> Refused:
    return _refused(f"found the alias *{key_name(event.anchor)}: {_NO_ANCHORS}", event.start_mark)


def _anchor(event: Any) -> Refused:
    return _refused(f"found the anchor &{key_name(event.anchor)}: {_NO_ANCHORS}", event.start_mark)


def _c_parser() -> Any:
    """libyaml's parser, where PyYAML was built with it (its wheels are)."""
    try:
        import yaml.cyaml
    except ImportError:  # pragma: no cover
        return None
    return getattr(yaml.cyaml, "CParser", None)


_CParser = _c_parser()


class _LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, in Python, that keeps lines and refuses what a catalog has no
    use for as it composes the document. `_load` reads with libyaml instead where it can
    (`_check_events`, `_FastLoader`), and this one says precisely what is wrong with a
    file libyaml could not read."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # its reader refuses characters YAML does not allow, by position
        self.depth = 0
        self.first_anchor: Any = None  # the event of the first anchor met, if any

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _alias(event)
        if getattr(event, "anchor", None) is not None and self.first_anchor is None:
            self.first_anchor = event
        if self.depth >= MAX_DEPTH:
            raise _refused(_TOO_DEEP, event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def compose_document(self) -> yaml.Node | None:
        node = super().compose_document()
        # An anchor nothing refers to does no harm, but is refused all the same, so that
        # the rule is simply "no anchors or aliases" (an alias is reported at its own line).
        if self.first_anchor is not None:
            anchor = self.first_anchor
            raise _anchor(anchor)
        return node

    def construct_document(self, node: yaml.Node) -> Any:
        return _whole(super().construct_document(node), node)


def _whole(data: Any, node: yaml.Node) -> Any:
    # A list has a line, and the loader reports it; a lone value has none but this.
    if isinstance(node, yaml.ScalarNode) and data is not None:
        raise _refused(f"expected a mapping of sections such as elements or systems, got {excerpt(data)}",
                       node.start_mark)
    return data


def _check_events(text: str) -> None:
    """What `_LineLoader` refuses as it composes, found in libyaml's events: an alias, the
    first anchor, a node nested too deep; YAMLError where libyaml cannot parse the text."""
    parser = _CParser(text)
    depth, first_anchor = 0, None
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)
            if kind in _CLOSE:
                depth -= 1
                continue
            if kind is yaml.AliasEvent:
                raise _alias(event)
            if kind in _NODES:
                if event.anchor is not None and first_anchor is None:
                    first_anchor = event
                if depth >= MAX_DEPTH:
                    raise _refused(_TOO_DEEP, event.start_mark)
                if kind is not yaml.ScalarEvent:
                    depth += 1
    finally:
        parser.dispose()
    if first_anchor is not None:
        raise _anchor(first_anchor)


_NODES = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


# YAML 1.1 reads `on`, `off`, `yes` and `no` as booleans, which turns the `on:` key of a
# training completion into True. Keep to YAML 1.2: only true and false are booleans. The
# merge key `<<` and the value key `=` are plain text, and `<<` is refused below.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_CORE + "bool", _CORE + "merge", _CORE + "value")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _construct(loader: _LineLoader, node: yaml.Node) -> Any:
    # Most keys and values of a catalog are text: read as `construct_object` reads them
    # (the scalar's value), without its bookkeeping: a third of the time of building them.
    if node.tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    return loader.construct_object(node, deep=True)


_STR = _CORE + "str"


def _mapping(loader: _LineLoader, node: yaml.MappingNode) -> SourceMapping:
    result = SourceMapping(line=node.start_mark.line + 1)
    for key_node, value_node in node.value:
        key = _construct(loader, key_node)
        if not isinstance(key, str):
            raise _refused(f"expected a key such as id or name, got {excerpt(key)}", key_node.start_mark)
        if key == "<<":
            raise _refused(f"found the merge key <<: {_NO_ANCHORS}", key_node.start_mark)
        if key in result:
            raise _refused(f"duplicate key {key_name(key)}", key_node.start_mark)
        result[key] = _construct(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _LineLoader, node: yaml.SequenceNode) -> SourceList:
    result = SourceList(line=node.start_mark.line + 1)
    for item in node.value:
        result.append(_construct(loader, item))
        result.item_lines.append(item.start_mark.line + 1)
    return result


def _or_text(construct: Any) -> Any:
    """A number or date YAML cannot make (2026-02-30, or an integer of 5,000 digits) is
    kept as the text it is, so that the field it was given for reports it."""

    def constructor(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    return constructor


def _other_tag(loader: _LineLoader, node: yaml.Node) -> Any:
    raise _refused(f"found the tag {excerpt(node.tag)}: catalog files hold only text, numbers, "
                              "true/false, dates, lists and mappings", node.start_mark)


_LineLoader.yaml_constructors = {tag: fn for tag, fn in yaml.SafeLoader.yaml_constructors.items()
                                 if tag in _PLAIN_TAGS}
_LineLoader.add_constructor(None, _other_tag)
_LineLoader.add_constructor(_CORE + "int", _or_text(yaml.SafeLoader.construct_yaml_int))
_LineLoader.add_constructor(_CORE + "timestamp", _or_text(yaml.SafeLoader.construct_yaml_timestamp))
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


if _CParser is not None:
    class _FastLoader(_CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):  # type: ignore[misc, valid-type]
        """libyaml composes the document, in C, many times faster than PyYAML's Python;
        the values are made by `_LineLoader`'s constructors and resolvers, so that both
        read a file alike. It refuses nothing as it composes: `_check_events` has."""

        yaml_constructors = _LineLoader.yaml_constructors
        yaml_implicit_resolvers = _LineLoader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def construct_document(self, node: yaml.Node) -> Any:
            return _whole(super().construct_document(node), node)


def _load(text: str, fast: bool) -> Any:
    """The document in `text`: with `fast`, read by libyaml where PyYAML has it (its wheels
    do), after PyYAML's reader has checked the characters; else by PyYAML alone."""
    if fast and _CParser is not None:
        yaml.reader.Reader(text)  # refuses characters YAML does not allow, by position
        _check_events(text)
        loader: Any = _FastLoader(text)
    else:
        loader = _LineLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def parse_text(text: str, name: str, problems: Problems) -> Any:
    """The document in `text`, or None with a problem recorded where YAML broke."""
    try:
        return _load(text, fast=True)
    except Refused as exc:
        problems.add(Location(name, exc.problem_mark.line + 1 if exc.problem_mark else None), str(exc.problem))
        return None
    except yaml.YAMLError:
        pass  # PyYAML's own parser says more precisely what is wrong, and where
    try:
        return _load(text, fast=False)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        prefix = "" if isinstance(exc, Refused) else "not valid YAML: "
        problems.add(Location(name, line), f"{prefix}{exc.problem or exc}")
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        problems.add(Location(name, line), f"not valid YAML: the character U+{exc.character:04X} is not "
                                           "allowed; write it as an escape inside double quotes")
    except yaml.YAMLError as exc:
        problems.add(Location(name), f"not valid YAML: {exc}")
    return None


def within_cap(name: str, size: int, max_bytes: int, problems: Problems) -> bool:
    if size <= max_bytes:
        return True
    problems.add(Location(name), f"{size:,} bytes is more than the {max_bytes:,} bytes a catalog file may have "
                                 f"(set --max-file-size or {MAX_FILE_SIZE_VAR} to allow more)")
    return False


def read_file(path: Path, problems: Problems, max_bytes: int = MAX_FILE_SIZE) -> str | None:
    """The text of a catalog file, or None with a problem recorded: it is too large, or it
    is not UTF-8 (a UTF-8 byte-order mark is allowed)."""
    name = str(path)
    try:
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # never more than the cap, whatever the file's size
            if not within_cap(name, max(len(data), os.fstat(file.fileno()).st_size), max_bytes, problems):
                return None
    except OSError as exc:
        problems.add(Location(name), f"cannot read: {exc.strerror or exc}")
        return None
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            problems.add(Location(name, 1), f"the file is {encoding} (it starts with a {encoding} byte-order "
                                            "mark); catalog files are UTF-8")
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(Location(name, line), f"not UTF-8 text: the byte 0x{data[exc.start]:02X} cannot be read; "
                                           "catalog files are UTF-8")
        return None


def catalog_files(paths: Iterable[str | Path], problems: Problems) -> list[Path]:
    """The files named, and the YAML files under the folders named (but not mapping
    files, `*.map.yaml`), in sorted order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                           and not p.name.endswith(MAPPING_SUFFIXES))
            if not found:
                problems.add(Location(str(path)), "folder holds no .yaml or .yml files")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            problems.add(Location(str(path)), "no such file or folder")
    return list(dict.fromkeys(files))


class _PlainDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes catalog files as the loader reads them: no anchors or aliases, even where
    one list is used twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# YAML counts NEL, LS and PS as line breaks, and PyYAML writes them bare inside a quoted
# scalar, where reading folds them into a space. Double quotes escape them.
_BREAKS = ("\x85", "\u2028", "\u2029")


def represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = '"' if any(b in data for b in _BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_PlainDumper.add_representer(str, represent_str)


def dump_yaml(document: Any) -> str:
    """A catalog document as YAML: keys in the order given, lists of scalars inline."""
    return yaml.dump(document, Dumper=_PlainDumper, sort_keys=False, default_flow_style=None,
                     allow_unicode=True, width=120)
