"""`steward load` exactly as the command line runs it, in this process, with the time of
each phase written to a JSON file:

    python -m bench.load_phases PHASES.json [steward options] load ...

The phases are the calls `steward load` makes, timed at their boundaries (nothing inside
them is profiled): opening the store, reading the files (YAML parsing and building the
nodes), looking up what is already stored, validating, and writing (one transaction,
the audit records included). What is left of the wall time is the interpreter starting,
importing, and closing."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from types import ModuleType
from typing import Any

import api.cli
import graph.loading


def _timed(module: ModuleType, name: str, phase: str, phases: dict[str, float]) -> None:
    original: Callable[..., Any] = getattr(module, name)

    @wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            phases[phase] = phases.get(phase, 0.0) + time.perf_counter() - started

    setattr(module, name, wrapper)


def main(argv: list[str]) -> None:
    out, args = Path(argv[0]), argv[1:]
    phases: dict[str, float] = {}
    _timed(api.cli, "open_store", "open", phases)
    _timed(graph.loading, "read_catalog", "read", phases)
    _timed(graph.loading, "load_parsed", "after_read", phases)
    _timed(graph.loading, "validate", "validate", phases)
    _timed(graph.loading, "write_batch", "write", phases)
    started = time.perf_counter()
    try:
        api.cli.main(args)
    finally:
        phases["command"] = time.perf_counter() - started
        # What load_parsed does besides validating and writing: reading the stored nodes
        # the load names, and the stored derivations.
        phases["lookup"] = phases.pop("after_read", 0.0) - phases.get("validate", 0.0) - phases.get("write", 0.0)
        out.write_text(json.dumps(phases), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
