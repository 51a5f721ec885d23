"""The whole suite, in the order it runs: generate the catalog of the largest size once
and split it by size (bench/growth.py); then for each size, smallest first, load its
districts into the embedded store and measure there, and into Neo4j and measure there.
The smallest size's load is into empty stores and is measured against the raw
baselines; each larger size grows the same stores. Every size gets whole-catalog work,
the cold command line and the memory of `steward serve`; the largest also gets lineage
(in process and over HTTP), the element-detail question under load, and the peer on
Neo4j.

Neo4j is a server of the suite's own (bench/processes.py), emptied by restarting it on
a new data folder, unless the caller gives one (`neo4j_uri`), which is then emptied by
deleting everything in it."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import neo4j

from bench import growth, online, parts, questions, raw
from bench.machine import describe
from bench.parts import Mismatch, Neo4jTarget, Where
from bench.processes import Neo4jServer, run_measured, steward_command
from bench.stats import Budget

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    sizes: tuple[int, ...] = (50, 100, 200)  # districts; the largest gets every part
    seed: int = 7
    sample: int = 100  # elements asked for lineage and under load; systems asked of the peer
    lineage_runs: int = 1  # timed calls per question and method, after one untimed call
    window: float = 15.0  # seconds of load, for Steward and again for the baseline
    # Whole-catalog work and the command line: three runs each, at every size, so that the
    # growth from one size to the next compares medians, never a single run.
    budget: Budget = field(default_factory=lambda: Budget(3, 3, 0.0))
    load_budget: Budget = field(default_factory=lambda: Budget(1, 2, 30.0))  # loads, each into an empty store
    peer: bool = True
    whole: bool = True  # deadlines, findings and publish at every size (the slowest part today)
    neo4j_uri: str | None = None  # a server to use (and empty) instead of starting one
    heap: str = "4g"  # of the suite's own Neo4j: a whole state loads in one transaction
    pagecache: str = "2g"

    @property
    def focus(self) -> int:
        return max(self.sizes)

    def describe(self) -> dict[str, Any]:
        found = asdict(self)
        found["sizes"] = list(self.sizes)
        return found


QUICK = Settings(sizes=(2, 4), sample=10, lineage_runs=1, window=3.0, budget=Budget(1, 1, 0.0),
                 load_budget=Budget(1, 1, 0.0))


def run(settings: Settings, progress: Progress,
        checkpoint: Callable[[dict[str, Any]], None] = lambda _results: None) -> dict[str, Any]:
    """The results; `checkpoint` is given them as they stand after each backend of each
    size, so that a run cut short still leaves what it measured."""
    started = time.perf_counter()
    results: dict[str, Any] = {"settings": settings.describe(), "sizes": {}, "complete": False,
                               "machine": describe(None)}

    def save() -> None:
        results["wall_seconds"] = time.perf_counter() - started
        checkpoint(results)

    with tempfile.TemporaryDirectory(prefix="steward-bench-") as tmp, _neo4j(settings, Path(tmp)) as target:
        scratch = Path(tmp)
        catalog = scratch / "catalog"
        done, _ = run_measured([*steward_command(), "generate", "--districts", str(settings.focus), "--seed",
                                str(settings.seed), str(catalog)])
        results["generate_s"] = done.seconds
        progress(f"N={settings.focus}: generated in {done.seconds:.1f} s")
        steps = growth.split(catalog, settings.sizes, scratch / "steps")
        previous = 0
        for size in sorted(settings.sizes):
            results["sizes"][str(size)] = {}
            one_size(size, previous, steps[size], settings, target, scratch, progress,
                     results["sizes"][str(size)], save)
            shutil.rmtree(steps[size], ignore_errors=True)
            previous = size
        results["machine"] = describe(_neo4j_version(target.uri))
        results["neo4j_restarts_s"] = target.restarts
    results["complete"] = True
    save()
    return results


@contextmanager
def _neo4j(settings: Settings, scratch: Path) -> Iterator[Neo4jTarget]:
    if settings.neo4j_uri:
        yield Neo4jTarget(None, settings.neo4j_uri)
        return
    server = Neo4jServer(scratch / "neo4j", settings.heap, settings.pagecache)
    try:
        yield Neo4jTarget(server, None)
    finally:
        server.close()


def _neo4j_version(uri: str) -> str | None:
    try:
        with raw.driver(uri) as driver:
            record = driver.execute_query("CALL dbms.components() YIELD name, versions, edition "
                                          "RETURN name, versions[0] AS version, edition").records[0]
    except neo4j.exceptions.DriverError:
        return None
    return f"{record['name']} {record['version']} {record['edition']}"


def one_size(size: int, previous: int, step: Path, settings: Settings, target: Neo4jTarget, scratch: Path,
             progress: Progress, report: dict[str, Any], save: Callable[[], None]) -> None:
    """Everything measured at one size, into `report`. The first size is loaded into
    empty stores, and that load is measured against the raw baselines; each next size
    grows the same stores by the districts it adds (bench/growth.py)."""
    embedded = Where("embedded", str(scratch / "embedded"))
    smaller: Where | None = None  # the store as it was, for runs paired with the grown one's
    if not previous:
        load, _, rows = parts.load_embedded(step, scratch, settings.load_budget)
        progress(f"N={size}: embedded load {_load_line(load)}")
        report["embedded"] = {"load": load}
    else:
        if settings.whole:
            smaller = Where("embedded", str(scratch / f"embedded-n{previous}"))
            shutil.copytree(embedded.location, smaller.location)
        report["embedded"] = {"grow": growth.grow(step, embedded.options, scratch, previous)}
        progress(f"N={size}: embedded grown from N={previous} {_grow_line(report['embedded']['grow'])}")
    counts = parts.embedded_counts(embedded)
    try:
        report["embedded"] |= on_backend(embedded, size, settings, scratch, progress, smaller)
    finally:
        if smaller is not None:
            shutil.rmtree(smaller.location, ignore_errors=True)
    save()
    if not previous:
        load, loaded = parts.load_neo4j(step, rows, target, scratch, settings.load_budget)
        progress(f"N={size}: neo4j load {_load_line(load)}")
        report["neo4j"] = {"load": load}
    else:
        loaded = Where("neo4j", target.uri)
        report["neo4j"] = {"grow": growth.grow(step, loaded.options, scratch, previous)}
        progress(f"N={size}: neo4j grown from N={previous} {_grow_line(report['neo4j']['grow'])}")
    parts.same(f"N={size} neo4j: nodes, relationships", parts.neo4j_counts(loaded.location), counts)
    report["nodes"], report["relationships"] = counts
    report["neo4j"] |= on_backend(loaded, size, settings, scratch, progress)
    for part in ("whole", "cli"):
        if part in report["embedded"]:
            _same_on_both(size, part, report["embedded"][part], report["neo4j"][part])
    save()


def _whole_line(work: str, figures: dict[str, Any]) -> str:
    paired = figures.get("paired")
    return (f"{work} {figures['seconds']['median']:.2f} s"
            + (f" ({paired['growth']:.2f}x the N before, runs paired)" if paired else ""))


def _grow_line(grown: dict[str, Any]) -> str:
    return (f"in {grown['seconds']:.1f} s: {grown['nodes_added']:,} nodes, "
            f"{grown['relationships_added']:,} relationships added")


def _load_line(load: dict[str, Any]) -> str:
    return (f"{load['nodes']:,} nodes, {load['relationships']:,} relationships: "
            f"{load['steward_per_s']['median']:,.0f}/s, raw {load['baseline_per_s']['median']:,.0f}/s")


def _same_on_both(size: int, part: str, embedded: dict[str, Any], neo4j_: dict[str, Any]) -> None:
    """The two backends answer the same catalog the same (the answer sizes; the element)."""
    for name in embedded:
        ours = embedded[name].get("answer") if isinstance(embedded[name], dict) else embedded[name]
        theirs = neo4j_[name].get("answer") if isinstance(neo4j_[name], dict) else neo4j_[name]
        if ours != theirs:
            raise Mismatch(f"N={size} {part} {name}: embedded answered {ours}, neo4j {theirs}")


def on_backend(where: Where, size: int, settings: Settings, folder: Path, progress: Progress,
               smaller: Where | None = None) -> dict[str, Any]:
    focus, name = size == settings.focus, f"N={size} {where.backend}"
    report: dict[str, Any] = {}
    store = where.open()
    try:
        element = parts.widest(store)
        if settings.whole:
            report["whole"] = parts.whole_catalog(where, settings.budget, smaller)
            progress(f"{name}: " + ", ".join(_whole_line(k, v) for k, v in report["whole"].items()))
        asked_elements, asked_systems = questions.sample(store, settings.sample, settings.seed)
        if focus:
            report["lineage_python"] = online.lineage_in_process(where, store, asked_elements, settings.lineage_runs)
            progress(f"{name}: lineage in process p50 {report['lineage_python']['steward']['p50_ms']:.1f} ms, "
                     f"raw {report['lineage_python']['baseline']['p50_ms']:.1f} ms")
    finally:
        store.close()
    report["cli"] = parts.cold_cli(where, element, settings.budget)
    progress(f"{name}: cold lineage {report['cli']['lineage']['steward_s']['median']:.2f} s, "
             f"show {report['cli']['show']['steward_s']['median']:.2f} s")
    if where.backend == "embedded":
        report["held_in_memory_mb"] = parts.held_in_memory(where)
    with online.serving(where, folder / f"serve-{where.backend}.log") as (server, token, ended):
        report["serve_ready_s"] = server.ready_seconds
        online.warm_requests(server, token, element)
        if focus:
            _online(where, server, token, asked_elements, asked_systems, settings, folder, progress, report)
    report["serve_peak_mb"] = ended[0].peak_rss_mb
    progress(f"{name}: steward serve peak {report['serve_peak_mb']:,.0f} MB")
    return report


def _online(where: Where, server: Any, token: str, asked_elements: list[questions.Question],
            asked_systems: list[questions.Question], settings: Settings, folder: Path, progress: Progress,
            report: dict[str, Any]) -> None:
    from bench.serving import Client

    name = f"N={settings.focus} {where.backend}"
    client = Client(server.base, token)
    try:
        report["lineage_http"] = online.lineage_over_http(where, client, asked_elements, settings.lineage_runs)
    finally:
        client.close()
    progress(f"{name}: lineage over GraphQL p50 {report['lineage_http']['graphql']['p50_ms']:.1f} ms, "
             f"p95 {report['lineage_http']['graphql']['p95_ms']:.1f} ms")
    # The latencies of one client at a time come before the load: for a minute after it,
    # Neo4j takes 1.5 to 1.7 times as long over the same Cypher (1.3-1.5 ms before, 2.1-2.6
    # ms after, measured), which would weigh on whichever part came next.
    if where.backend == "neo4j" and settings.peer:
        report["peer"] = online.peer_lineage(where, server, token, asked_systems, settings.lineage_runs,
                                             progress, folder)
        progress(f"{name}: peer p50 {report['peer']['amundsen']['p50_ms']:.1f} ms, "
                 f"Steward GraphQL {report['peer']['graphql']['p50_ms']:.1f} ms")
    report["under_load"] = online.element_detail(where, server, token, [q.root for q in asked_elements],
                                                 settings.window)
    progress(f"{name}: under load {report['under_load']['steward']['throughput_per_s']:.0f} requests/s, "
             f"{report['under_load']['round_trips_per_request']:.1f} round trips each")
