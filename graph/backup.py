"""Backups: the whole state of a store in one file, and its restore into an empty store.

A backup holds what a store keeps: the nodes, the relationships, the audit trail, the
API tokens and feeds (as stored: their digests, never a secret) and the schema version.
The backend reads it all in one consistent read (see `Backable`), so a backup taken while
a server writes is the store as it was at one moment.

The file is JSON Lines: a header, one line per record in a fixed order (each kind
sorted the same way on every backend, so one state always gives the same bytes,
whichever backend it was read from), and a last line with the count of the lines
before it and their SHA-256. A backup cut short or changed after it was written is
refused whole, before anything is restored. It is written to a temporary file beside
the target and renamed into place only once complete, so a failed backup leaves no half
file behind."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from catalog.source import CatalogError, Location, Problem, Problems
from catalog.vocab import Label, RelType
from graph.store import Store, StoreError

FORMAT = "steward-backup"
VERSION = 1
KINDS = ("node", "edge", "change", "token")  # the order of the records in the file
END = "end"
PROGRESS_EVERY = 50_000  # records between two progress messages

Row = dict[str, Any]
Progress = Callable[[str], None]


@dataclass
class Contents:
    """Everything a store holds, as plain rows: a node is {label, id, props}, an edge
    {type, source, target, props}, a change its `Change` fields (before and after as
    maps) and a token its `Token` fields. Any other field a backend keeps beside these
    is carried as it is."""

    schema_version: int
    rows: dict[str, list[Row]] = field(default_factory=lambda: {kind: [] for kind in KINDS})

    def counts(self) -> dict[str, int]:
        return {kind: len(self.rows[kind]) for kind in KINDS}


@runtime_checkable
class Backable(Protocol):
    def read_contents(self) -> Contents:
        """Everything, read as of one moment while writers go on."""
        ...

    def restore_contents(self, contents: Contents, replace: bool = False) -> None:
        """Write everything in one transaction into an empty store (or, with `replace`,
        instead of what the store holds); refuse a store that holds anything."""
        ...


def refusal(held: Mapping[str, int]) -> str:
    """Why a restore into a store holding `held` records of each kind is refused."""
    what = ", ".join(f"{count} {kind} records" for kind, count in held.items() if count)
    return (f"the store is not empty ({what}): a backup is restored into an empty store only; "
            "pass --replace to replace everything it holds")


def _sort_key(kind: str) -> Callable[[Row], Any]:
    # Sorted in Python, not by the backend: Neo4j orders strings by UTF-16 code units.
    keys = {"node": ("label", "id"), "edge": ("type", "source", "target"), "change": ("seq",), "token": ("name",)}
    return lambda row: tuple(row[k] for k in keys[kind])


def _line(obj: Row) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def backup_lines(contents: Contents) -> Iterator[str]:
    """The file, line by line; the last line checks all the others."""
    digest, lines = hashlib.sha256(), 0

    def counted(text: str) -> str:
        nonlocal lines
        digest.update(text.encode("utf-8"))
        lines += 1
        return text

    yield counted(_line({"format": FORMAT, "version": VERSION, "schema_version": contents.schema_version,
                         "counts": contents.counts()}))
    for kind in KINDS:
        for row in sorted(contents.rows[kind], key=_sort_key(kind)):
            yield counted(_line({"kind": kind, **row}))
    yield _line({"kind": END, "lines": lines, "sha256": digest.hexdigest()})


def backable(store: Store) -> Backable:
    if not isinstance(store, Backable):
        raise StoreError(f"the {store.name} store cannot be backed up")
    return store


def write_backup(store: Store, path: Path, progress: Progress | None = None) -> dict[str, int]:
    """Back `store` up into `path`, replacing it only once the new file is complete."""
    contents = backable(store).read_contents()
    total = sum(contents.counts().values())
    target = path.resolve()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            for number, text in enumerate(backup_lines(contents)):
                out.write(text)
                if progress and number and number % PROGRESS_EVERY == 0:
                    progress(f"wrote {number:,} of {total:,} records")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(target.parent)
    return contents.counts()


def _sync_folder(folder: Path) -> None:
    """The rename itself reaches the disk (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_backup(lines: Iterable[str], name: str = "<backup>") -> Contents:
    """Parse and check a backup, reporting every problem at once, each at its line."""
    problems = Problems()
    digest, header, end = hashlib.sha256(), None, None
    contents = Contents(schema_version=0)
    number = 0
    for number, text in enumerate(lines, start=1):
        where = Location(name, number)
        if end is not None:
            problems.add(where, "a line after the closing checksum line: the file was changed after it was written")
            break
        try:
            obj = json.loads(text)
            if not isinstance(obj, dict):
                raise ValueError("expected a JSON object")
        except ValueError as exc:
            problems.add(where, f"not a valid backup line: {exc}")
            digest.update(text.encode("utf-8"))
            continue
        if number == 1:
            header = _header(obj, where, problems)
        elif obj.get("kind") == END:
            end = (number, obj)
            continue
        else:
            _record(obj, where, contents, problems)
        digest.update(text.encode("utf-8"))
    if number == 0:
        problems.add(Location(name, 1), f"the file is empty: expected a {FORMAT} header")
        raise CatalogError(problems.sorted())
    _check_end(name, number, end, digest.hexdigest(), problems)
    if header is not None:
        contents.schema_version = header["schema_version"]
        _check_counts(name, header["counts"], contents, problems)
    if problems:
        raise CatalogError(problems.sorted())
    return contents


def _header(obj: Row, where: Location, problems: Problems) -> Row | None:
    if obj.get("format") != FORMAT or obj.get("version") != VERSION:
        problems.add(where, f"not a {FORMAT} version {VERSION} file (its first line is {_excerpt(obj)})")
        return None
    if not isinstance(obj.get("schema_version"), int) or not isinstance(obj.get("counts"), dict):
        problems.add(where, "the header needs schema_version (an integer) and counts (an object)")
        return None
    return obj


def _record(obj: Row, where: Location, contents: Contents, problems: Problems) -> None:
    kind = obj.pop("kind", None)
    if kind not in KINDS:
        problems.add(where, f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        return
    needed = {"node": ("label", "id", "props"), "edge": ("type", "source", "target", "props"),
              "change": ("seq", "at", "actor", "action", "target", "nodes"),
              "token": ("name", "role", "digest", "created_at")}[kind]
    missing = [key for key in needed if key not in obj]
    if missing:
        problems.add(where, f"a {kind} without {', '.join(missing)}")
        return
    try:
        if kind == "node":
            Label(obj["label"])
        elif kind == "edge":
            RelType(obj["type"])
    except ValueError as exc:
        problems.add(where, str(exc))
        return
    contents.rows[kind].append(obj)


def _check_end(name: str, lines: int, end: tuple[int, Row] | None, sha256: str, problems: Problems) -> None:
    if end is None:
        problems.add(Location(name, lines + 1), "the file ends without its closing checksum line: "
                                                "it was cut short (truncated)")
        return
    number, obj = end
    if obj.get("lines") != number - 1:
        problems.add(Location(name, number), f"the closing line counts {obj.get('lines')} lines before it, "
                                             f"the file has {number - 1}: lines were added or removed")
    elif obj.get("sha256") != sha256:
        problems.add(Location(name, number), "the checksum does not match the lines before it: "
                                             "the file was changed or damaged after it was written")


def _check_counts(name: str, counts: Row, contents: Contents, problems: Problems) -> None:
    found = contents.counts()
    for kind in KINDS:
        if counts.get(kind) != found[kind]:
            problems.add(Location(name, 1), f"the header counts {counts.get(kind)} {kind} records, "
                                            f"the file has {found[kind]}")
    nodes = {row["id"] for row in contents.rows["node"]}
    if len(nodes) != found["node"]:
        problems.add(Location(name, 1), "a node id appears more than once")
    for row in contents.rows["edge"]:
        absent = [end for end in (row["source"], row["target"]) if end not in nodes]
        if absent:
            problems.add(Location(name, 1), f"the relationship {row['type']} from {row['source']!r} to "
                                            f"{row['target']!r} names a node the backup does not hold: "
                                            f"{absent[0]!r}")
            break


def restore(store: Store, contents: Contents, replace: bool = False) -> dict[str, int]:
    target = backable(store)
    found = store.schema_version()
    if contents.schema_version != found:
        raise StoreError(f"the backup is of schema version {contents.schema_version} and this store of "
                         f"version {found}: restore it with the Steward that wrote it")
    target.restore_contents(contents, replace)
    return contents.counts()


def restore_file(store: Store, path: Path, replace: bool = False,
                 progress: Progress | None = None) -> dict[str, int]:
    """Check the whole file, then restore it in one transaction: all of it or nothing."""
    try:
        with path.open(encoding="utf-8", newline="") as lines:
            contents = read_backup(lines, str(path))
    except UnicodeDecodeError as exc:
        where = Location(str(path), None)
        raise CatalogError([Problem(where, f"not UTF-8 text ({exc.reason}): not a backup")]) from None
    if progress:
        progress(f"checked {sum(contents.counts().values()):,} records; restoring")
    return restore(store, contents, replace)


def _excerpt(obj: Row) -> str:
    text = json.dumps(obj, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
