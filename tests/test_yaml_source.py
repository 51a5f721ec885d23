"""Reading catalog files: what a hostile or broken file gets is one clear, short problem
at its line, never a traceback, a huge message or a huge value."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.source import Problems, SourceList, SourceMapping
from graph import yaml_source
from graph.loading import read_catalog

from .conftest import SEEDS
from .hostile import ADVERSARIAL, DEEP, LAUGHS, SIS, to_yaml

LONG = "a" * 10_000


def read(tmp_path: Path, content: str | bytes, max_file_size: int | None = None) -> list[str]:
    """The problems reading one file gives, each as `line: message`."""
    path = tmp_path / "c.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    path.write_bytes(content)
    problems = Problems()
    read_catalog([path], problems, **({} if max_file_size is None else {"max_file_size": max_file_size}))
    return [f"{p.location.line}: {p.location.path + ': ' if p.location.path else ''}{p.message}"
            for p in problems.sorted()]


def test_the_billion_laughs_is_refused_at_its_first_alias_in_one_short_message(tmp_path: Path) -> None:
    found = read(tmp_path, LAUGHS)
    assert found == ["6: found the alias *a: catalog files may not use anchors (&name), aliases (*name) "
                     "or merge keys (<<); write the value out"]


@pytest.mark.parametrize(("text", "expected"), [
    (SIS + "    hosting: &h cloud\n", "5: found the anchor &h: catalog files may not use anchors"),
    (SIS + "    hosting: *h\n", "5: found the alias *h"),
    ("defaults: &d {kind: SIS}\nsystems:\n  - <<: *d\n    id: sis\n", "3: found the alias *d"),
    (SIS + "    <<: {hosting: cloud}\n", "5: found the merge key <<: catalog files may not use anchors"),
])
def test_anchors_aliases_and_merge_keys_are_refused_where_they_are(tmp_path: Path, text: str,
                                                                  expected: str) -> None:
    found = read(tmp_path, text)
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.parametrize("text", [
    DEEP,
    "elements: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n",
    "elements:\n" + "".join(" " * i + "- \n" for i in range(0, 200, 2)),
])
def test_deep_nesting_is_a_problem_not_a_recursion_error(tmp_path: Path, text: str) -> None:
    found = read(tmp_path, text)
    assert len(found) == 1 and "nested more than 20 levels deep" in found[0], found


@pytest.mark.parametrize(("content", "expected"), [
    (bytes(range(256)) * 4, "2: not UTF-8 text: the byte 0x80 cannot be read"),
    (SIS.encode() + b"    hosting: \xff\xfe\n", "5: not UTF-8 text: the byte 0xFF cannot be read"),
    (SIS.encode("utf-16"), "1: the file is UTF-16 (it starts with a UTF-16 byte-order mark)"),
    (SIS.encode("utf-32"), "1: the file is UTF-32"),
    (SIS + "    hosting: a\x07b\n", "5: not valid YAML: the character U+0007 is not allowed"),
    ("systems:\n\t- id: sis\n", "2: not valid YAML: found character '\\t' that cannot start any token"),
    (SIS + "    name: T\n", "5: duplicate key name"),
    (SIS + f"    ? {LONG}\n    : 1\n    ? {LONG}\n    : 2\n", "7: duplicate key 'aaaaaaaaaa"),
    (SIS + "    3: x\n    zz: y\n", "5: expected a key such as id or name, got 3"),
    (SIS + "    true: x\n", "5: expected a key such as id or name, got True"),
    (SIS + "    ~: x\n", "5: expected a key such as id or name, got None"),
    (SIS + "    2026-01-01: x\n", "5: expected a key such as id or name, got 2026-01-01"),
    (SIS + "    ? [a, b]\n    : x\n", "5: expected a key such as id or name, got ['a', 'b']"),
    (SIS + "    hosting: !!binary aGVsbG8=\n", "5: found the tag 'tag:yaml.org,2002:binary'"),
    (SIS + "    controls: !!set {MFA, SSO}\n", "5: found the tag 'tag:yaml.org,2002:set'"),
    (SIS + "    hosting: !!python/object:os.system x\n", "5: found the tag 'tag:yaml.org,2002:python/object:os"),
    ("- a\n- b\n", "1: expected a mapping with keys such as organizations"),
    ("# a comment\njust text\n", "2: expected a mapping of sections such as elements or systems, got 'just"),
])
def test_a_broken_file_is_one_problem_at_its_line(tmp_path: Path, content: str | bytes, expected: str) -> None:
    found = read(tmp_path, content)
    assert len(found) == 1 and found[0].startswith(expected), found
    assert len(found[0]) < 300


@pytest.mark.parametrize(("value", "expected"), [
    ("9" * 5000, "expected a whole number from -2147483648 to 2147483647, got '99999"),
    ("9" * 30, "expected a whole number from -2147483648 to 2147483647, got 99999"),
    (".nan", "expected a whole number from -2147483648 to 2147483647, got nan"),
])
def test_numbers_out_of_range_are_reported_at_their_key(tmp_path: Path, value: str, expected: str) -> None:
    text = f"agreements:\n  - id: a\n    kind: DPA\n    with: acme\n    destruction_days: {value}\n"
    found = read(tmp_path, text)
    assert found == [f"5: agreements[0].destruction_days: {expected}" + found[0].split(expected, 1)[1]]
    assert len(found[0]) < 250


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("decommissioned_on", "0000-01-01", "expected an ISO 8601 date such as 2026-06-30, got '0000-01-01'"),
    ("decommissioned_on", "2026-02-30", "expected an ISO 8601 date such as 2026-06-30, got '2026-02-30'"),
    ("decommissioned_on", ".inf", "expected an ISO 8601 date such as 2026-06-30, got inf"),
    ("hosting", ".nan", "expected text, got the number nan; quote it if it is text"),
    ("hosting", '"a\\ud800b"', "expected text, got an invalid character '\\ud800' at position 1"),
    ("hosting", "[a, b]", "expected text, got a list: ['a', 'b']"),
])
def test_values_yaml_reads_oddly_are_reported_at_their_key(tmp_path: Path, field: str, value: str,
                                                          expected: str) -> None:
    found = read(tmp_path, SIS + f"    {field}: {value}\n")
    assert found == [f"5: systems[0].{field}: {expected}"], found


def test_a_date_or_number_yaml_cannot_make_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(SIS + f"    hosting: {'9' * 5000}\n    description: 2026-02-30\n")
    problems = Problems()
    parsed, _ = read_catalog([path], problems)
    assert not problems and parsed[0].record.props["hosting"] == "9" * 5000
    assert parsed[0].record.props["description"] == "2026-02-30"


def test_a_long_id_and_a_long_key_are_quoted_in_part(tmp_path: Path) -> None:
    found = read(tmp_path, f"systems:\n  - id: {LONG}\n    name: S\n    kind: SIS\n")
    assert found == ["2: systems[0].id: expected a slug of lowercase letters, digits and single hyphens "
                     f"(at most 80 characters), got '{'a' * 60}'… (10,000 characters)"]
    found = read(tmp_path, SIS + f"    ? {LONG}\n    : 1\n")
    assert len(found) == 1 and found[0].startswith(f"5: systems[0].'{'a' * 60}'… (10,000 characters): unknown key")
    assert len(found[0]) < 400


def test_a_key_cannot_forge_a_line_of_the_report(tmp_path: Path) -> None:
    found = read(tmp_path, SIS + '    "x\\n  c.yaml:1: all is well": 1\n')
    assert len(found) == 1 and "\n" not in found[0] and "systems[0].'x\\n  c.yaml:1: all is well'" in found[0]


def test_a_file_over_the_cap_is_refused_without_being_read(tmp_path: Path) -> None:
    found = read(tmp_path, SIS + "#" * 2000, max_file_size=1000)
    assert found == ["None: 2,047 bytes is more than the 1,000 bytes a catalog file may have "
                     "(set --max-file-size or STEWARD_MAX_FILE_SIZE to allow more)"]
    assert read(tmp_path, SIS, max_file_size=len(SIS)) == []


def test_a_utf8_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    assert read(tmp_path, b"\xef\xbb\xbf" + SIS.encode()) == []


def _with_lines(value: object) -> object:
    """A parsed value with the line of every mapping, key and list item spelled out."""
    if isinstance(value, SourceMapping):
        return ("map", value.line, [(k, value.key_lines.get(k), _with_lines(v)) for k, v in value.items()])
    if isinstance(value, SourceList):
        return ("list", value.line, list(value.item_lines), [_with_lines(v) for v in value])
    return (type(value).__name__, value)


def test_libyaml_events_give_the_same_documents_and_lines_as_pyyaml() -> None:
    """Files are parsed with libyaml's events where PyYAML has them, ten times faster than
    its own parser; what comes out must not differ by a value or a line."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.yaml"))]
    texts.append(to_yaml({"elements": [{"id": f"e{i}", "name": t} for i, t in enumerate(ADVERSARIAL)]}))
    assert yaml_source._CParser is not None  # the wheels PyYAML ships with are built with libyaml
    for text in texts:
        assert _with_lines(yaml_source._load(text, fast=True)) == _with_lines(yaml_source._load(text, fast=False))
