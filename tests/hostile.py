"""Hostile input for the property-based tests: adversarial strings, values of every type,
and catalogs built from the domain model itself, so that a field or section added later
is thrown at the loader without editing the tests."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import yaml
from hypothesis import strategies as st

from catalog.model import NODE_TYPES, Organization
from catalog.periods import Duration
from catalog.records import field_types
from catalog.relations import RELATIONS, REQUIRED_RELATIONS, SECTIONS
from catalog.vocab import Label, Vocabulary
from graph.yaml_source import represent_str

SIS = "systems:\n  - id: sis\n    name: S\n    kind: SIS\n"
# A catalog file of a few hundred bytes whose `controls:` stands for 9^8 copies of "lol":
# written out, 300 MB.
LAUGHS = SIS + '    notes: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"    x{b}: &{b} [{','.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefg", "bcdefgh", strict=True)
) + "    controls: [*h]\n"
DEEP = "elements: " + "[" * 100_000 + "]" * 100_000 + "\n"

# Strings that have broken (or been executed by) other systems. Each must be stored and
# returned exactly as given.
ADVERSARIAL = [
    "O'Brien \"the\" `quoted` \\ backslash",
    "'}) DETACH DELETE n //",
    "\"}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "'; DROP TABLE nodes; --",
    "1' OR '1'='1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</textarea><a href=\"javascript:alert(1)\">x</a>",
    "{{7*7}} ${7*7} #{7*7} ${jndi:ldap://example.invalid/a}",
    "=HYPERLINK(\"http://example.invalid\")",
    "\x00 NUL, \x07 bell, \x1b[31m escape, \x7f delete, \x9f",
    "line\nbreak\r\nand\ttab\u2028\u2029\x85",
    "\u202eevil.exe\u202c and \u200f\u200e\u2066isolate\u2069",
    "zero\u200bwidth\ufeffbom\u00adsoft",
    # Astral-plane letters and emoji with zero-width joiners and skin tones.
    "\U0001D54A\U0001D565\U0001D556\U0001D568\U0001D552\U0001D563\U0001D555 "
    "\U0001F9D1\u200D\U0001F393\U0001F469\U0001F3FD\u200D\U0001F3EB " * 200,
    "Z̷̢̛̗a̵̰͐l̶̦̈g̸̞̓o̴̜͝ " + "e\u0301" * 500,
    "trailing spaces   ",
    "   leading spaces",
    "null",
    "~",
    "-",
    "true",
    "0x1F",
    "1e999",
    "2026-02-30",
    "P5Y",
    "#not a comment",
    "a: b",
    "- item",
    "&anchor *alias !tag",
    "%YAML 1.2",
    "---",
    "...",
]

# Anything JSON can carry (no NaN: JSON has none), nested a few levels.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
hostile_text = st.one_of(
    st.sampled_from(ADVERSARIAL),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=5), st.integers(1, 3000)),
)
# What YAML can carry besides: NaN, infinities, dates, integers of any size.
hostile_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=2**63) | st.floats() | st.dates()
    | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=10,
)
slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")


def valid_value(kind: type) -> st.SearchStrategy[Any]:
    """A value a field of this type accepts (vocabularies in any case)."""
    if issubclass(kind, Vocabulary):
        return st.sampled_from([m.value for m in kind]).flatmap(
            lambda v: st.sampled_from([v, v.lower(), v.upper()]))
    if kind is date:
        return st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
    if kind is Duration:
        return st.builds(lambda y, m, d: Duration(y, m, d).iso(), st.integers(0, 50), st.integers(0, 24),
                         st.integers(0, 400))
    if kind is bool:
        return st.booleans()
    if kind is int:
        return st.integers(0, 10_000)
    return hostile_text


def value_of(kind: type, many: bool, hostile: st.SearchStrategy[Any] = hostile_values) -> st.SearchStrategy[Any]:
    """Mostly a value of the right type (so that loads get far), sometimes a hostile one."""
    right = st.lists(valid_value(kind), max_size=3) if many else valid_value(kind)
    return st.one_of(*[right] * 7, hostile)


def _required(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}


@st.composite
def node_mapping(draw: st.DrawFn, label: Label, node_id: Any, labels: dict[str, Label],
                 hostile: st.SearchStrategy[Any]) -> dict[str, Any]:
    """A mapping for a node: its required keys, some others, relationships to nodes of the
    right labels; each value `hostile` now and then, and now and then a key of its own."""
    cls = NODE_TYPES[label]
    mapping: dict[str, Any] = {"id": node_id}
    required = _required(cls)
    for name, (kind, many) in field_types(cls).items():
        if name in ("id", "updated_at") or name.startswith("contact_"):
            continue
        if name in required or draw(st.integers(0, 2)) == 0:
            mapping[name] = draw(value_of(kind, many, hostile))
    if cls is Organization and draw(st.booleans()):
        mapping["contact"] = draw(st.fixed_dictionaries(
            {}, optional={k: value_of(str, False, hostile) for k in ("name", "email", "url")}) | hostile)
    for spec in RELATIONS[label]:
        fitting = sorted(i for i, other in labels.items() if other in spec.targets and i != node_id)
        if not fitting or not (spec.key in REQUIRED_RELATIONS.get(label, ()) or draw(st.integers(0, 2)) == 0):
            continue
        target: st.SearchStrategy[Any] = st.one_of(*[st.sampled_from(fitting)] * 7, hostile.map(str) | slugs, hostile)
        if spec.props is not None and spec.ref_key:
            props = {f.name: value_of(*field_types(spec.props)[f.name], hostile)
                     for f in dataclasses.fields(spec.props)}
            target = st.fixed_dictionaries({spec.ref_key: target}, optional=props)
        mapping[spec.key] = draw(st.lists(target, max_size=3, unique_by=str) if spec.many else target)
    if draw(st.integers(0, 9)) == 0:
        mapping[draw(hostile_text)] = draw(hostile | st.none())
    return mapping


@st.composite
def catalogs(draw: st.DrawFn) -> dict[str, Any]:
    """A catalog in the shape of the format, built from the model. Text is hostile
    throughout; values of the wrong type are in some catalogs and not others, so that
    both loads and refusals are common."""
    hostile = draw(st.sampled_from([st.nothing(), hostile_values]))
    ids = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    sections = {i: draw(st.sampled_from(sorted(SECTIONS))) for i in ids}
    labels = {i: SECTIONS[section] for i, section in sections.items()}
    doc: dict[str, Any] = {}
    for node_id, section in sections.items():
        wrong_id = not hostile.is_empty and draw(st.integers(0, 14)) == 0
        mapping = draw(node_mapping(labels[node_id], draw(hostile) if wrong_id else node_id, labels, hostile))
        doc.setdefault(section, []).append(mapping)
    return doc


class _NoAliases(yaml.SafeDumper):
    """Writes a value twice rather than an alias, so that what is dumped can be loaded."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_NoAliases.add_representer(str, represent_str)


def to_yaml(doc: Any) -> str:
    return yaml.dump(doc, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
