"""Reading a spreadsheet (CSV or XLSX) and its mapping file, and checking the catalog
YAML made from them as `steward load` would, without writing anything."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from catalog.sheet_import import Document, Row, rows_to_catalog
from catalog.sheet_mapping import SheetMapping, parse_mapping
from catalog.source import CatalogError, Location, Problems, excerpt
from graph.loading import parse_document, read_catalog, validate_parsed
from graph.store import Store
from graph.yaml_source import MAX_FILE_SIZE, parse_text, read_file, within_cap

SHEET_SUFFIXES = (".csv", ".xlsx")


def read_mapping(path: Path, problems: Problems) -> SheetMapping:
    text = read_file(path, problems)
    doc = parse_text(text, str(path), problems) if text is not None else None
    return parse_mapping(doc, str(path), problems)


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        yield from csv.reader(file)


def _xlsx_rows(path: Path, sheet: str | None, problems: Problems) -> Iterator[list[Any]]:
    import openpyxl  # only for workbooks: a CSV import never loads it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as exc:
        problems.add(Location(str(path)), f"cannot read the workbook: {excerpt(str(exc))}")
        return
    try:
        if sheet is not None and sheet not in book.sheetnames:
            problems.add(Location(str(path)), f"no worksheet {sheet!r}; it has {', '.join(book.sheetnames)}")
            return
        for values in (book[sheet] if sheet is not None else book.worksheets[0]).iter_rows(values_only=True):
            yield list(values)
    finally:
        book.close()


def read_rows(path: Path, mapping: SheetMapping, problems: Problems,
              max_bytes: int = MAX_FILE_SIZE) -> list[Row]:
    """The rows below the header, numbered as the spreadsheet numbers them; blank rows
    are skipped. Every column the mapping names must be in the header."""
    name = str(path)
    if path.suffix.lower() not in SHEET_SUFFIXES:
        problems.add(Location(name), f"expected a .csv or .xlsx file, got {excerpt(path.suffix or path.name)}")
        return []
    try:
        if not within_cap(name, path.stat().st_size, max_bytes, problems):
            return []
        raw = _csv_rows(path) if path.suffix.lower() == ".csv" else _xlsx_rows(path, mapping.sheet, problems)
        return _rows(name, enumerate(raw, start=1), mapping, problems)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        problems.add(Location(name), f"cannot read: {excerpt(str(exc))}")
        return []


def _rows(name: str, numbered: Iterable[tuple[int, list[Any]]], mapping: SheetMapping,
          problems: Problems) -> list[Row]:
    header: list[str] | None = None
    rows: list[Row] = []
    for number, values in numbered:
        if number < mapping.header_row:
            continue
        if header is None:
            header = ["" if v is None else str(v).strip() for v in values]
            _check_header(name, number, header, mapping, problems)
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append(Row(number, {h: v for h, v in zip(header, values, strict=False) if h}))
    if header is None:
        problems.add(Location(name), f"no header row: the sheet has fewer than {mapping.header_row} rows")
    return rows


def _check_header(name: str, number: int, header: list[str], mapping: SheetMapping, problems: Problems) -> None:
    for field, column in mapping.columns.items():
        if column not in header:
            problems.add(Location(name, number), f"no column {column!r} (for {field}) in the header row; "
                                                 f"it has {', '.join(repr(h) for h in header if h)}")
    named = [h for h in header if h]
    for column in sorted({h for h in named if named.count(h) > 1}):
        problems.add(Location(name, number), f"the column {column!r} appears twice in the header row")


def import_sheet(sheet: Path, mapping_path: Path) -> Document:
    """The catalog document of a sheet; CatalogError lists every problem of the sheet
    and the mapping, by file, row and column."""
    problems = Problems()
    mapping = read_mapping(mapping_path, problems)
    if problems:
        raise CatalogError(problems.sorted())
    rows = read_rows(sheet, mapping, problems)
    document = rows_to_catalog(rows, mapping, str(sheet), problems) if not problems else {}
    if problems:
        raise CatalogError(problems.sorted())
    return document


def check_loads(store: Store, text: str, name: str, alongside: Iterable[Path] = ()) -> None:
    """Check catalog YAML as `steward load` would against `store`, loaded together with
    the catalog files `alongside`, without writing: CatalogError if it would be refused."""
    problems = Problems()
    parsed = parse_document(parse_text(text, name, problems), name, problems)
    parsed += read_catalog(alongside, problems)[0]
    # Where each node is defined is `steward load`'s to check, when the file is loaded.
    validate_parsed(store, parsed, problems, replace=True)
