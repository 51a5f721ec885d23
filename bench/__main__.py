"""Steward's benchmark suite: `make bench`, or

    .venv/bin/python -m bench [--sizes 50,100,200] [--quick] [--json] [--neo4j-uri URI]

It generates synthetic states (`steward generate`) of each size, loads each into the
embedded store and into a Neo4j server of its own, and measures Steward against a
baseline in the same run: raw SQLite and raw Cypher for loads, a networkx search and
hand-written Cypher for lineage, the same questions answered straight from the database
for the command line and under load, and Amundsen's metadata service (the peer) for
system lineage over the same Neo4j. Every answer is checked against the baseline's; a
mismatch stops the run. Progress goes to stderr. The results go to
bench/results/latest.json and their table to docs/benchmarks.md (between its markers).

Set-up it needs: this project's virtualenv with Neo4j's launcher (`make bench` does
both), and for the peer a virtualenv of its own, bench/.venv-amundsen, which the suite
creates on first use (amundsen-metadata from PyPI, about a minute)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench import report
from bench.processes import ROOT
from bench.suite import QUICK, Settings, run

RESULTS = ROOT / "bench" / "results" / "latest.json"
DOCS = ROOT / "docs" / "benchmarks.md"


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(sorted({int(part) for part in text.split(",")}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes takes district counts separated by commas, not {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"--sizes must be 1 or more districts each, not {text!r}")
    return sizes


def parse(argv: list[str]) -> tuple[Settings, argparse.Namespace]:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=_sizes, metavar="N,N,...",
                        help="numbers of districts to generate (default 50,100,200; about 500 nodes and 5,000 "
                             "relationships each); the smallest gets the load against the raw baselines, the largest "
                             "lineage, under load and the peer")
    parser.add_argument("--quick", action="store_true",
                        help="a run of a minute or two to see that everything works: sizes 2,4, ten questions, "
                             "one run of each figure; its figures mean little")
    parser.add_argument("--sample", type=int, help="elements (and systems, for the peer) asked at the largest size "
                                                   "(default 100)")
    parser.add_argument("--window", type=float, help="seconds under load, each side (default 15)")
    parser.add_argument("--no-peer", action="store_true", help="leave out Amundsen (no virtualenv is made)")
    parser.add_argument("--no-whole", action="store_true",
                        help="leave out deadlines, findings and publish (the slowest part, at every size)")
    parser.add_argument("--neo4j-uri", metavar="URI",
                        help="use this Neo4j server instead of starting one: the suite EMPTIES its database")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON on stdout")
    parser.add_argument("--results", type=Path, default=RESULTS, help=f"where the JSON goes (default "
                                                                       f"{RESULTS.relative_to(ROOT)})")
    parser.add_argument("--docs", type=Path, default=DOCS,
                        help=f"the page whose table is rewritten (default {DOCS.relative_to(ROOT)}); 'none' for none")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else Settings()
    changes: dict[str, Any] = {}
    if args.sizes:
        changes["sizes"] = args.sizes
    if args.sample:
        changes["sample"] = args.sample
    if args.window:
        changes["window"] = args.window
    if args.no_peer:
        changes["peer"] = False
    if args.no_whole:
        changes["whole"] = False
    if args.neo4j_uri:
        changes["neo4j_uri"] = args.neo4j_uri
    return Settings(**{**settings.__dict__, **changes}), args


def main(argv: list[str] | None = None) -> int:
    settings, args = parse(sys.argv[1:] if argv is None else argv)
    began = time.perf_counter()

    def progress(message: str) -> None:
        elapsed = time.perf_counter() - began
        print(f"[{int(elapsed // 60):02d}:{elapsed % 60:04.1f}] {message}", file=sys.stderr, flush=True)

    progress(f"sizes {', '.join(map(str, settings.sizes))} districts; peer {'on' if settings.peer else 'off'}")
    args.results.parent.mkdir(parents=True, exist_ok=True)

    def checkpoint(results: dict[str, Any]) -> None:
        # Rewritten after each part: a run cut short leaves what it measured ("complete": false).
        args.results.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    results = run(settings, progress, checkpoint)
    progress(f"wrote {args.results}")
    if str(args.docs) != "none":
        report.write(args.docs, results)
        progress(f"wrote the table in {args.docs}")
    if args.json:
        print(json.dumps(results, indent=1, sort_keys=True))
    progress(f"done in {results['wall_seconds'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
