"""Turn one mapping of a catalog file into a typed node and the relationships it declares.

Every problem is collected with its location; nothing stops at the first."""

from __future__ import annotations

import dataclasses
import math
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any

from catalog import rules_of_input
from catalog.model import NODE_TYPES, Node, Organization
from catalog.periods import Duration, parse_date
from catalog.records import EdgeRecord, NodeRecord, field_types, props_of, to_record
from catalog.relations import RELATIONS, REQUIRED_RELATIONS, RelSpec
from catalog.source import Location, Problems, SourceList, SourceMapping, excerpt, key_name
from catalog.vocab import Label, Vocabulary

SLUG = rules_of_input.SLUG
MAX_ID = 80
COMMON_KEYS = ("id", "name", "description", "notes")
# Whole numbers are counts of days or hours, and GraphQL's Int is 32 bits.
INT_RANGE = (-(2**31), 2**31 - 1)
CONTACT_KEYS = ("name", "email", "url")


@dataclass(frozen=True)
class Reference:
    """A relationship as declared, before its far end is known to exist."""

    spec: RelSpec
    declaring: str
    other: str
    props: dict[str, Any]
    location: Location

    def edge(self) -> EdgeRecord:
        src, dst = (self.other, self.declaring) if self.spec.reverse else (self.declaring, self.other)
        return EdgeRecord(self.spec.type, src, dst, self.props)


@dataclass(frozen=True)
class ParsedNode:
    record: NodeRecord
    location: Location
    references: tuple[Reference, ...]


def article(label: Label | str) -> str:
    text = str(label)
    return f"{'an' if text[0] in 'AEIOU' else 'a'} {text}"


@cache  # asked for every key of every node a load reads
def allowed_keys(label: Label) -> tuple[str, ...]:
    cls = NODE_TYPES[label]
    fields = [f.name for f in dataclasses.fields(cls) if f.name not in ("updated_at",)]
    if cls is Organization:
        fields = [f for f in fields if not f.startswith("contact_")] + ["contact"]
    return tuple(dict.fromkeys([*fields, *cls.ALIASES, *(s.key for s in RELATIONS[label])]))


def _aliased(cls: type[Node], raw: SourceMapping, where: Location, problems: Problems) -> SourceMapping:
    """The mapping with keys under an older name moved to the field's name (one of the
    two, not both)."""
    if not any(old in raw for old in cls.ALIASES):
        return raw
    moved = SourceMapping(raw, line=raw.line)
    moved.key_lines = dict(raw.key_lines)
    for old, new in cls.ALIASES.items():
        if old not in moved:
            continue
        if new in moved:
            problems.add(where.child(old, raw.line_of(old)), f"`{old}` is another name for `{new}`: give one of them")
        moved[new] = moved.pop(old)
        moved.key_lines[new] = raw.line_of(old) or 0
    return moved


def check_id(value: Any, where: Location, problems: Problems) -> str | None:
    if not isinstance(value, str) or not value:
        got = "" if value is None or value == "" else f", got {excerpt(value)}"
        problems.add(where, f"expected an id (a slug such as 'student-birth-date'){got}")
        return None
    if len(value) > MAX_ID or not SLUG.match(value):
        problems.add(where, f"expected a slug of lowercase letters, digits and single hyphens "
                            f"(at most {MAX_ID} characters), got {excerpt(value)}")
        return None
    return value


def coerce(kind: type, value: Any) -> Any:
    """One scalar of a field's type, or ValueError saying what was expected."""
    if issubclass(kind, Vocabulary):
        return kind.parse(value)
    if kind is date:
        return parse_date(value)
    if kind is Duration:
        return Duration.parse(value)
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ValueError(f"expected true or false, got {excerpt(value)}")
    if kind is int:
        low, high = INT_RANGE
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise ValueError(f"expected a whole number from {low} to {high}, got {excerpt(value)}")
    if kind is str:
        return _text(value)
    raise ValueError(f"unsupported field type {kind.__name__}")


def _text(value: Any) -> str:
    """Text as given. A number stands for its digits (`frequency: 1`), but not NaN or
    infinity, nor a number too long to write out; a list or mapping is never text."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"expected text, got the number {value}; quote it if it is text")
    if isinstance(value, int | float) and not isinstance(value, bool):
        with suppress(ValueError):  # str() refuses an int of more than 4,300 digits
            return str(value)
    if not isinstance(value, str):
        kind = "a list: " if isinstance(value, list) else "a mapping: " if isinstance(value, dict) else ""
        raise ValueError(f"expected text, got {kind}{excerpt(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, as "\ud800" in YAML or JSON writes it
        raise ValueError(f"expected text, got an invalid character {excerpt(exc.object[exc.start:exc.end])} "
                         f"at position {exc.start}") from None
    return value


def parse_fields(cls: type, raw: SourceMapping, where: Location, problems: Problems,
                 skip: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """Coerce the keys of `raw` that are fields of the dataclass `cls`."""
    values: dict[str, Any] = {}
    ok = True
    for name, (kind, many) in field_types(cls).items():
        if name in skip or name not in raw or raw[name] is None:
            continue
        value = raw[name]
        try:
            if many:
                items = value if isinstance(value, list) else [value]
                values[name] = tuple(dict.fromkeys(coerce(kind, v) for v in items))
            else:
                values[name] = coerce(kind, value)
        except ValueError as exc:
            problems.add(where.child(name, raw.line_of(name)), str(exc))
            ok = False
    return values if ok else None


def _contact(raw: SourceMapping, where: Location, problems: Problems) -> dict[str, Any]:
    contact = raw.get("contact")
    if contact is None:
        return {}
    at = where.child("contact", raw.line_of("contact"))
    if not isinstance(contact, dict):
        problems.add(at, "expected a mapping with name, email and url")
        return {}
    unknown = _unknown(contact, CONTACT_KEYS)
    if unknown:
        problems.add(at, f"unknown key(s) {unknown}; expected name, email, url")
    found: dict[str, Any] = {}
    for key in CONTACT_KEYS:
        if contact.get(key) is not None:
            try:
                found[f"contact_{key}"] = _text(contact[key])
            except ValueError as exc:
                problems.add(at.child(key), str(exc))
    return found


def _unknown(mapping: dict[Any, Any], allowed: tuple[str, ...] | list[str]) -> str:
    """The keys of `mapping` that are not allowed, as a message names them."""
    return ", ".join(sorted(key_name(k) for k in mapping if k not in allowed))


def _references(label: Label, node_id: str, raw: SourceMapping, where: Location,
                problems: Problems) -> list[Reference]:
    refs: list[Reference] = []
    for spec in RELATIONS[label]:
        if spec.key not in raw or raw[spec.key] is None:
            continue
        value = raw[spec.key]
        at = where.child(spec.key, raw.line_of(spec.key))
        if not spec.many and isinstance(value, list):
            problems.add(at, "expected a single id, not a list")
            continue
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            line = value.line_of(index) if isinstance(value, SourceList) else at.line
            item_at = at.child(index, line) if isinstance(value, list) else at
            ref = parse_reference(spec, node_id, item, item_at, problems)
            if ref is not None:
                refs.append(ref)
    return refs


def parse_reference(spec: RelSpec, node_id: str, item: Any, at: Location,
               problems: Problems) -> Reference | None:
    props: dict[str, Any] = {}
    if isinstance(item, dict) and spec.ref_key and spec.props:
        item_map = item if isinstance(item, SourceMapping) else SourceMapping(item)
        keys = [spec.ref_key, *field_types(spec.props)]
        unknown = _unknown(item_map, keys)
        if unknown:
            problems.add(at, f"unknown key(s) {unknown}; expected {', '.join(keys)}")
        parsed = parse_fields(spec.props, item_map, at, problems)
        if parsed is None:
            return None
        try:
            props = props_of(spec.props(**parsed))
        except TypeError:
            missing = [f.name for f in dataclasses.fields(spec.props)
                       if f.default is dataclasses.MISSING and f.name not in parsed]
            problems.add(at, f"missing {', '.join(missing)}")
            return None
        target = check_id(item_map.get(spec.ref_key), at.child(spec.ref_key), problems)
    elif isinstance(item, dict):
        problems.add(at, "expected an id, not a mapping")
        return None
    else:
        target = check_id(item, at, problems)
    return Reference(spec, node_id, target, props, at) if target else None


def parse_node(label: Label, raw: Any, where: Location, problems: Problems) -> ParsedNode | None:
    """One node of `label` from a file's mapping, or None when it has problems (recorded)."""
    if not isinstance(raw, SourceMapping):
        problems.add(where, f"expected a mapping describing {article(label)}")
        return None
    node_id = check_id(raw.get("id"), where.child("id", raw.line_of("id")), problems)
    if node_id is None:
        return None
    cls = NODE_TYPES[label]
    count = len(problems.items)
    allowed = allowed_keys(label)
    unknown = sorted((k for k in raw if k not in allowed), key=str)
    for key in unknown:
        problems.add(where.child(key, raw.line_of(key)),
                     f"unknown key for {article(label)}; expected one of {', '.join(allowed)}")
    raw = _aliased(cls, raw, where, problems)
    values = parse_fields(cls, raw, where, problems, skip=("updated_at",))
    extra = _contact(raw, where, problems) if cls is Organization else {}
    refs = _references(label, node_id, raw, where, problems)
    if values is None:
        problems.rejected[node_id] = label
        return None
    if "name" not in values and cls.NAME_OPTIONAL:
        values["name"] = node_id
    node = _construct(cls, {**values, **extra}, raw, where, problems)
    for key in REQUIRED_RELATIONS.get(label, ()):
        if key not in raw:
            problems.add(where.child(key), f"missing: {article(label)} must say `{key}`")
    if node is None or len(problems.items) > count:
        problems.rejected[node_id] = label
        return None
    targets: dict[str, list[str]] = {}
    for ref in refs:
        targets.setdefault(ref.spec.key, []).append(ref.other)
    for location, message in rules_of_input.check_node(node, targets):
        problems.add(where.child(location, raw.line_of(location)), message)
    if len(problems.items) > count:
        problems.rejected[node_id] = label
        return None
    return ParsedNode(to_record(node), where, tuple(refs))


def _construct(cls: type[Node], values: dict[str, Any], raw: SourceMapping, where: Location,
               problems: Problems) -> Node | None:
    missing = [name for name in _required(cls) if name not in values]
    for name in missing:
        kind = field_types(cls)[name][0]
        hint = f" (one of {', '.join(m.value for m in kind)})" if issubclass(kind, Enum) else ""
        problems.add(where.child(name, raw.line), f"missing: {article(cls.LABEL)} needs `{name}`{hint}")
    return None if missing else cls(**values)


def _required(cls: type) -> tuple[str, ...]:
    """The fields of `cls` without a default."""
    return _required_of(cls)


@cache
def _required_of(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls)
                 if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
