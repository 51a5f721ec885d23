"""Growing one store from the smallest size to the largest, rather than loading each size
afresh: the catalog is generated once, at the largest size, and split into one folder
per size, the first with the state's file and its districts, each next one with the
districts added since. Loading them in order gives the catalog of each size, because a
smaller state's files are the first files of a larger one with the same seed
(catalog/synthetic.py builds the state, then district 1, 2, ... from one random stream).

Each step is a `steward load` of its folder into the store as it stands, in a new
process: its files are named relative to their folder (`districts/d0051.yaml`), as a
load of the whole catalog names them, and they refer to the state's nodes already
stored, which the load looks up."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.loads import steward_load

STATE_FILE = "state.yaml"
DISTRICTS = "districts"


def district_file(number: int) -> str:
    """The name `steward generate` gives district `number`'s file."""
    return f"d{number:04d}.yaml"


def split(catalog: Path, sizes: Sequence[int], into: Path) -> dict[int, Path]:
    """Each size's step folder, made by moving the generated files out of `catalog`."""
    steps: dict[int, Path] = {}
    previous = 0
    for size in sorted(sizes):
        folder = into / f"n{size}"
        (folder / DISTRICTS).mkdir(parents=True)
        if not previous:
            shutil.move(catalog / STATE_FILE, folder / STATE_FILE)
        for number in range(previous + 1, size + 1):
            shutil.move(catalog / DISTRICTS / district_file(number), folder / DISTRICTS / district_file(number))
        steps[size], previous = folder, size
    return steps


def grow(step: Path, options: list[str], scratch: Path, before: int) -> dict[str, Any]:
    """`steward load` of one step into the store as it stands (it holds `before`
    districts): the seconds it took, start to exit, and what it added."""
    run = steward_load(step, options, scratch / "phases.json")
    added = run.nodes + run.relationships
    return {"after_districts": before, "seconds": run.seconds, "nodes_added": run.nodes,
            "relationships_added": run.relationships, "per_s": added / run.seconds if run.seconds > 0 else None,
            "peak_rss_mb": run.peak_rss_mb, "phases": run.phases}
