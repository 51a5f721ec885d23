"""The results as Markdown: the tables of docs/benchmarks.md, written between its markers
(the prose around them, the method and the baselines, is the page's own)."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

BEGIN = "<!-- bench:begin (written by `make bench`; edit bench/report.py, not this) -->"
END = "<!-- bench:end -->"
BACKENDS = ("embedded", "neo4j")


def write(page: Path, results: dict[str, Any]) -> None:
    text = page.read_text(encoding="utf-8")
    head, found, rest = text.partition(BEGIN)
    _, ended, tail = rest.partition(END)
    if not found or not ended:
        raise ValueError(f"{page} has no markers {BEGIN!r} ... {END!r} to write the tables between")
    page.write_text(f"{head}{BEGIN}\n{render(results)}\n{END}{tail}", encoding="utf-8")


def _figure(f: dict[str, Any], scale: float = 1.0, digits: int = 2, unit: str = "") -> str:
    low, high = f["min"] * scale, f["max"] * scale
    spread = f" ({low:,.{digits}f}-{high:,.{digits}f}, {f['runs']} runs)" if f["runs"] > 1 else " (1 run)"
    return f"{f['median'] * scale:,.{digits}f}{unit}{spread}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3g}x"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in rows)]


def _present(results: dict[str, Any], size: str) -> list[str]:
    """The backends measured at a size (a run cut short may lack the second)."""
    return [b for b in BACKENDS if b in results["sizes"][size]]


def render(results: dict[str, Any]) -> str:
    sizes = [n for n in sorted(results["sizes"], key=int) if _present(results, n)]
    focus = sizes[-1]
    out: list[str] = [*_machine(results), ""]
    loaded = [n for n in sizes if any("load" in results["sizes"][n][b] for b in _present(results, n))]
    out += ["### Load throughput (`steward load`, nodes + relationships per second)", "",
            f"Measured once per backend, at N = {', '.join(loaded)}: a new process loading the catalog into an "
            "empty store (cold: a new interpreter, an empty database).", ""]
    out += _table(["N", "backend", "nodes", "relationships", "Steward", "raw baseline", "ratio (target ≥ 0.70)"],
                  [[n, b, f"{r['nodes']:,}", f"{r['relationships']:,}", _figure(r["steward_per_s"], digits=0),
                    _figure(r["baseline_per_s"], digits=0), _ratio(r["ratio"])]
                   for n in loaded for b in _present(results, n) for r in [results["sizes"][n][b]["load"]]])
    out += ["", "Where the time of one `steward load` goes (seconds, median of its runs):", ""]
    phases = ["startup", "open", "read", "lookup", "validate", "write"]
    out += _table(["N", "backend", *phases],
                  [[n, b, *(f"{results['sizes'][n][b]['load']['phases'].get(p, 0.0):.1f}" for p in phases)]
                   for n in loaded for b in _present(results, n)])
    out += _grown(results, sizes)
    lineage = _lineage(results["sizes"][focus])
    if len(lineage) > 2:  # a run cut short before the largest size's lineage has none
        out += ["", f"### Downstream lineage at N = {focus} (depth 10), milliseconds", "", *lineage]
    peer = results["sizes"][focus].get("neo4j", {}).get("peer")
    if peer:
        out += ["", f"### The peer at N = {focus}: system lineage over the same Neo4j, milliseconds", ""]
        out += _peer(peer)
    if "whole" in results["sizes"][sizes[0]]["embedded"]:
        out += ["", "### Whole-catalog work, seconds (growth: time at N over time at the next smaller N)", "",
                "Each run is a process of its own, as a command is, on the store opened as a command opens it; "
                "the figure is the work's own time, without the interpreter's start and exit. On Neo4j the figures "
                "are warm: one untimed run goes first (its time, the cold run, is the last column). From the second N "
                "on, each embedded run is also paired with a run, just before it, on a copy of the store at the "
                "N before: the paired growth compares runs made in the same minutes, which a "
                "machine slowing down over the suite does not tell apart from growth when the sizes run minutes "
                "apart. (Neo4j serves one database at a time here, so its growth is the sequential one.) The growth of "
                "the CPU time in user mode is that of the work's own code, without the kernel's share (mostly the "
                "page faults of the memory a process takes), which on a shared machine can grow faster than the "
                "work: see `usage` in the results for each run's user and kernel time and its faults.", ""]
        out += _whole(results, sizes)
    under_load = _under_load(results["sizes"][focus])
    if len(under_load) > 2:
        out += ["", f"### Under load at N = {focus}: the element-detail query", "", *under_load]
    out += ["", "### Memory (peak resident, MB) and the cold command line (seconds, a new process each)", "",
            "Cold: every command is a new process (interpreter, imports, opening the store); the Neo4j server and "
            "the operating system's file cache are warm.", ""]
    out += _memory(results, sizes)
    return "\n".join(out)


def _grown(results: dict[str, Any], sizes: list[str]) -> list[str]:
    """How each next size was reached: a `steward load` of the districts it adds into the
    store as it stood (one run; no baseline: it sets up the next figures)."""
    rows = [[n, b, f"{g['after_districts']}", f"{g['nodes_added']:,}", f"{g['relationships_added']:,}",
             f"{g['seconds']:.1f}", f"{g['per_s']:,.0f}" if g["per_s"] else "-"]
            for n in sizes for b in _present(results, n) for g in [results["sizes"][n][b].get("grow")] if g]
    if not rows:
        return []
    return ["", "Each larger size grows the same stores: `steward load` of the districts it adds, into the "
                "store holding the smaller size (one run each, a new process):", "",
            *_table(["N", "backend", "grown from N", "nodes added", "relationships added", "seconds",
                     "per second"], rows)]


def _machine(results: dict[str, Any]) -> list[str]:
    m, s = results["machine"], results["settings"]
    return [f"Measured {m['date']} on {m['cpu']} ({m['cpus']} CPUs), {m['memory_gb']} GB, {m['os']} "
            f"(Linux {m['kernel']}), Python {m['python']}, {m['neo4j'] or 'Neo4j'}{_server(s)}. "
            f"Sizes {', '.join(map(str, s['sizes']))} districts, seed {s['seed']}; "
            f"{s['sample']} sampled questions, {s['lineage_runs']} timed calls each; "
            f"{s['window']:g} s under load each side. "
            + (f"The whole run took {results['wall_seconds'] / 60:.1f} minutes." if results.get("complete", True) else
               f"The run was cut short after {results['wall_seconds'] / 60:.1f} minutes: below is what it measured.")]


def _server(settings: dict[str, Any]) -> str:
    """The memory of the suite's own Neo4j (a server it was given is as its owner set it)."""
    if settings.get("neo4j_uri") or "heap" not in settings:
        return ""
    return f" ({settings['heap']} heap, {settings['pagecache']} page cache)"


def _lineage(at: dict[str, Any]) -> list[str]:
    rows = []
    for b in BACKENDS:
        for key, name in (("lineage_python", "steward"), ("lineage_http", "graphql")):
            part = at.get(b, {}).get(key)
            if part:
                ours, base = part[name], part["baseline"]
                rows.append([b, "Python API" if name == "steward" else "GraphQL over HTTP",
                             f"{ours['p50_ms']:.1f}", f"{ours['p95_ms']:.1f}", f"{base['p50_ms']:.1f}",
                             f"{base['p95_ms']:.1f}", _ratio(part["ratio_p50"]), _ratio(part["ratio_p95"]),
                             str(ours["calls"])])
    return _table(["backend", "Steward through", "p50", "p95", "baseline p50", "baseline p95", "ratio p50",
                   "ratio p95", "calls"], rows)


def _peer(peer: dict[str, Any]) -> list[str]:
    rows = [[name, f"{peer[key]['p50_ms']:.1f}", f"{peer[key]['p95_ms']:.1f}",
             _ratio(peer[key]["p50_ms"] / peer["baseline"]["p50_ms"])]
            for key, name in (("graphql", "Steward, GraphQL over HTTP"),
                              ("amundsen", "Amundsen 3.13 `/table/{key}/lineage`"),
                              ("baseline", "hand-written Cypher, level by level"))]
    return [*_table(["method", "p50", "p95", "p50 over the Cypher's"], rows), "",
            f"{peer['questions']} systems, {peer['runs']} timed calls each; Steward over Amundsen at p50: "
            f"{_ratio(peer['graphql_over_amundsen_p50'])}. Amundsen's graph ({peer['tables']:,} tables, "
            f"{peer['lineage_pairs']:,} lineage pairs) took {peer['graph_seconds']:.1f} s to write."]


def _whole(results: dict[str, Any], sizes: list[str]) -> list[str]:
    rows = []
    for b in BACKENDS:
        measured = [n for n in sizes if b in results["sizes"][n]]
        for work in results["sizes"][sizes[0]][b]["whole"] if measured else ():
            parts = [results["sizes"][n][b]["whole"][work] for n in measured]
            times = [p["seconds"] for p in parts]
            growth = times[-1]["median"] / times[-2]["median"] if len(times) > 1 and times[-2]["median"] else None
            colds = [f"{p['cold_s']:.2f}" for p in parts if p.get("cold_s") is not None]
            paired = parts[-1].get("paired")
            cpu = _user_s(parts[-1]) / _user_s(parts[-2]) if len(parts) > 1 and _user_s(parts[-2]) else None
            rows.append([b, work, *(_figure(t) for t in times), *([""] * (len(sizes) - len(times))),
                         _ratio(growth), _ratio(paired["growth"]) if paired else "-", _ratio(cpu),
                         f"{parts[-1]['answer']:,}", " / ".join(colds) or "-"])
    return _table(["backend", "work", *(f"N = {n}" for n in sizes), "growth", "growth, runs paired",
                   "growth of the CPU time in user mode", "answer at the largest N", "cold first run, each N"], rows)


def _user_s(part: dict[str, Any]) -> float:
    """The median CPU time in user mode of a work's runs: the time of its own code, without
    the kernel's (page faults of fresh memory, whose cost varies with the machine's state)."""
    return statistics.median(u["user_s"] for u in part["usage"]) if part.get("usage") else 0.0


def _under_load(at: dict[str, Any]) -> list[str]:
    rows = []
    for b in BACKENDS:
        u = at.get(b, {}).get("under_load")
        if u:
            one = u["round_trips_one_by_one"]
            rows.append([b, f"{u['steward']['throughput_per_s']:,.0f}", f"{u['baseline']['throughput_per_s']:,.0f}",
                         _ratio(u["ratio_throughput"]), f"{u['steward']['p95_ms']:.1f}",
                         f"{u['baseline']['p95_ms']:.1f}", f"{u['round_trips_per_request']:.1f}",
                         f"{one['min']:g}-{one['max']:g}"])
    clients = next((at[b]["under_load"]["clients"] for b in BACKENDS if at.get(b, {}).get("under_load")), 0)
    return _table([f"backend ({clients} clients)", "Steward requests/s", "baseline requests/s", "ratio",
                   "Steward p95 ms", "baseline p95 ms", "store round trips per request",
                   "round trips, one request at a time (min-max over the elements)"], rows)


def _memory(results: dict[str, Any], sizes: list[str]) -> list[str]:
    rows = []
    for n in sizes:
        for b in _present(results, n):
            r = results["sizes"][n][b]
            cli = r["cli"]
            rows.append([n, b, f"{r['serve_peak_mb']:,.0f}", f"{cli['lineage']['steward_peak_mb']:,.0f}",
                         f"{r['held_in_memory_mb']:,.0f}" if "held_in_memory_mb" in r else
                         f"{cli['lineage']['baseline_peak_mb']:,.0f}",
                         _figure(cli["lineage"]["steward_s"]), _figure(cli["lineage"]["baseline_s"]),
                         _figure(cli["show"]["steward_s"]), _figure(cli["show"]["baseline_s"])])
    return _table(["N", "backend", "`steward serve`", "`steward lineage`", "baseline process",
                   "`steward lineage --json`", "raw lineage", "`steward show --json`", "raw show"], rows)
