"""A bounded load test of `steward serve`: users over HTTP (an async client, one kept-alive
connection each, no pause between requests), each asking what the web UI, the stewards
and the public ask (bench/load_mix.py), for a fixed time. Every request's latency and
outcome is recorded, and the server's resident memory (RSS) once a second.

    .venv/bin/python -m bench.load [--catalog seeds/ | --districts 50] [--users 20] [--seconds 120]
                                   [--mix district|state] [--neo4j-uri URI] [--json]

The server is `steward serve` as bench/serving.py starts it: a rate limit no user reaches
(the users share two tokens and one address, which the limiter exists to refuse) and long
time limits, so that a slow answer is measured, not refused. With --neo4j-uri the
catalog is loaded into that server's database, which is EMPTIED first."""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from bench import load_mix
from bench.load_mix import Targets, User
from bench.parts import Where
from bench.processes import ROOT, run_measured, steward_command
from bench.serving import TIME_LIMIT, Client, StewardServer
from bench.stats import percentile

AS_OF = date(2026, 9, 1)  # the day the deadlines and findings are asked for
# How much the median RSS of the last quarter of a run may exceed that of its second
# quarter (the first is left out: some caches fill only under concurrency, after the
# warm-up). A leak grows with every request, thousands of them in a run. What a healthy
# server's RSS does besides is wander and step: at 50 districts it wanders by about 5%
# from second to second, and at the example district each write adds up to about 1 MB
# for a while: the write makes the inventory and the analyses be built again, by
# whichever threads ask next, and glibc gives each thread an arena of its own that keeps
# its high-water mark. (With MALLOC_ARENA_MAX=2 in the server's environment the same
# load levels off: 150 writes under a write-heavy district mix took RSS from 135 to 208 MB with
# the default, from 128 to a plateau near 150 MB with the cap.) A run has about 14
# writes (bench/load_mix.py paces them), so the floor allows 24 MB.
MEMORY_MARGIN = 0.10
MEMORY_FLOOR_MB = 24.0


@dataclass(frozen=True)
class Sample:
    kind: str
    role: str
    seconds: float
    problem: str | None  # None: the answer was right


@dataclass(frozen=True)
class Result:
    users: int
    seconds: float
    samples: list[Sample]
    warmup: list[Sample]  # each user's kinds of request once, before the run; not in its figures
    rss_ready_mb: float  # once the server answered, before the warm-up
    rss_mb: list[float]  # one a second over the run
    cpu_seconds: float  # the server's, user and system, over the run
    healthy_after: bool  # /healthz answered 200 once the users stopped
    writes_recorded: int  # updates of the scratch element in the audit trail

    @property
    def errors(self) -> list[Sample]:
        """Wrong answers, in the warm-up and in the run."""
        return [s for s in self.warmup + self.samples if s.problem is not None]

    @property
    def writes(self) -> int:
        """Writes the server acknowledged, in the warm-up and in the run."""
        return sum(1 for s in self.warmup + self.samples if s.kind == "write" and s.problem is None)

    @property
    def throughput(self) -> float:
        return len(self.samples) / self.seconds

    @property
    def cpu_per_request(self) -> float:
        return self.cpu_seconds / max(1, len(self.samples))

    def latencies(self) -> dict[str, list[float]]:
        """Seconds per kind of request and role ("search/public"), and "all"."""
        found: dict[str, list[float]] = {"all": [s.seconds for s in self.samples]}
        for sample in sorted(self.samples, key=lambda s: (s.kind, s.role)):
            found.setdefault(f"{sample.kind}/{sample.role}", []).append(sample.seconds)
        return found

    def memory(self) -> tuple[float, float]:
        """Median RSS (MB) of the second quarter of the run and of the last."""
        n = len(self.rss_mb)
        second, last = self.rss_mb[n // 4:max(n // 2, n // 4 + 1)], self.rss_mb[3 * n // 4:]
        return statistics.median(second), statistics.median(last)

    def memory_allowance(self) -> float:
        return max(MEMORY_FLOOR_MB, MEMORY_MARGIN * self.memory()[0])

    def memory_stable(self) -> bool:
        second, last = self.memory()
        return last - second <= self.memory_allowance()

    def summary(self, label: str) -> str:
        """One line for the record."""
        p95 = percentile(self.latencies()["all"], 0.95) * 1000
        return (f"{label}: {self.users} users, {self.seconds:.0f} s: {len(self.samples):,} requests "
                f"({self.throughput:.0f}/s), p95 {p95:,.0f} ms, {len(self.errors)} errors, {self.writes} writes, "
                f"server CPU {self.cpu_per_request * 1000:.1f} ms/request; "
                f"RSS {self.rss_ready_mb:.0f} MB ready, {self.rss_mb[0]:.0f} -> {self.rss_mb[-1]:.0f} MB over the run "
                f"(median Q2 {self.memory()[0]:.0f}, Q4 {self.memory()[1]:.0f})")

    def table(self) -> str:
        lines = [f"{'kind/role':<24} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"]
        for kind, seconds in self.latencies().items():
            cells = (percentile(seconds, share) * 1000 for share in (0.5, 0.95, 0.99, 1.0))
            lines.append(f"{kind:<24} {len(seconds):>9,} " + " ".join(f"{c:>8,.0f}" for c in cells))
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        second, last = self.memory()
        return {"users": self.users, "seconds": self.seconds, "requests": len(self.samples),
                "throughput_per_s": self.throughput,
                "server_cpu_seconds": self.cpu_seconds, "server_cpu_ms_per_request": self.cpu_per_request * 1000,
                "errors": len(self.errors), "writes": self.writes,
                "writes_recorded": self.writes_recorded, "healthy_after": self.healthy_after,
                "first_errors": [f"{s.kind}/{s.role}: {s.problem}" for s in self.errors[:10]],
                "latency_ms": {kind: {"requests": len(v), **{f"p{round(q * 100)}": percentile(v, q) * 1000
                                                             for q in (0.5, 0.95, 0.99)}}
                               for kind, v in self.latencies().items()},
                "rss_mb": {"ready": self.rss_ready_mb, "start": self.rss_mb[0], "end": self.rss_mb[-1],
                           "peak": max(self.rss_mb),
                           "median_q2": second, "median_q4": last, "allowance": self.memory_allowance(),
                           "samples": len(self.rss_mb)}}


# Before the run: the store, its tokens and what the users ask about.

def generate(districts: int, out: Path, seed: int = 1) -> Path:
    """`steward generate` of a synthetic state of `districts` districts."""
    run_measured([*steward_command(), "generate", "--districts", str(districts), "--seed", str(seed), str(out)])
    return out


def load(catalog: Path, where: Where) -> float:
    """`steward load` of the catalog into the store, as a user runs it: its seconds."""
    done, _ = run_measured([*steward_command(), *where.options, "load", "--quiet", str(catalog)])
    return done.seconds


def prepare(where: Where, as_of: date, seed: int) -> tuple[Targets, dict[str, str]]:
    """The targets, and a token for each role that has one (the public has none)."""
    from api.auth import Role, create_token
    from catalog import visibility
    from catalog.vocab import Label

    rng, stamp = random.Random(seed), time.time_ns()  # the stamp names this run's tokens and scratch element
    store = where.open(in_memory=False)
    try:
        elements = store.find_nodes(Label.DATA_ELEMENT)
        tokens = {role.name.lower(): create_token(store, f"load-{role.name.lower()}-{stamp}", role)
                  for role in (Role.VIEWER, Role.STEWARD)}
    finally:
        store.close()
    ids = sorted(e.id for e in elements)
    public = sorted(e.id for e in elements if visibility.is_public(e))
    words = sorted({w.lower() for e in elements for w in str(e.props.get("name", "")).split() if len(w) >= 4})
    if not public or not words:
        raise ValueError("the catalog needs elements, some of them public, to be asked about")
    targets = Targets(elements=rng.sample(ids, min(200, len(ids))),
                      public_elements=rng.sample(public, min(200, len(public))),
                      words=rng.sample(words, min(50, len(words))), scratch=f"load-scratch-{stamp}", as_of=as_of)
    return targets, tokens


# The run.

def server_pid(server: StewardServer) -> int:
    """`steward serve`'s own process: the child of the small process it was started from."""
    parent = server.proc.proc.pid
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    if len(children) != 1:
        raise RuntimeError(f"expected one server process under {parent}, found {children}")
    return int(children[0])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/{pid}/status has no VmRSS")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (a figure a busy machine does not inflate)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Watch:
    """A process's RSS once a second, in a thread of its own (the users' event loop, busy,
    would sample late), and the CPU time it used while watched."""

    def __init__(self, pid: int, every: float = 1.0) -> None:
        self.pid, self.every = pid, every
        self.rss, self.cpu = [rss_mb(pid)], cpu_seconds(pid)
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.done.wait(self.every):
            self.rss.append(rss_mb(self.pid))

    def stop(self) -> tuple[list[float], float]:
        """The RSS samples (MB), and the CPU seconds used since the start."""
        self.done.set()
        self.thread.join()
        self.rss.append(rss_mb(self.pid))
        return self.rss, cpu_seconds(self.pid) - self.cpu


async def _ask(client: httpx.AsyncClient, request: load_mix.Request) -> tuple[float, str | None]:
    """Seconds to the whole answer, and what is wrong with it (None: nothing)."""
    began = time.perf_counter()
    try:
        response = await client.request(request.method, request.path, json=request.body)
    except httpx.HTTPError as exc:  # counted: a refused or broken connection is an error too
        return time.perf_counter() - began, f"{type(exc).__name__}: {exc}"
    took = time.perf_counter() - began
    return took, load_mix.outcome(request, response.status_code, response.content)


async def _warm(user: User, client: httpx.AsyncClient, targets: Targets, seed: int, out: list[Sample]) -> None:
    """Each kind of request the user makes, once: what the first requests build (caches,
    the threads that serve them) is built before memory is watched."""
    rng = random.Random(f"warm-{seed}-{user.index}")
    for kind in user.kinds:
        request = load_mix.ASKS[kind](rng, targets)
        took, problem = await _ask(client, request)
        out.append(Sample(request.kind, user.role, took, problem))


async def _user(user: User, client: httpx.AsyncClient, targets: Targets, stop_at: float, seed: int,
                out: list[Sample]) -> None:
    rng = random.Random(f"run-{seed}-{user.index}")
    next_write = time.perf_counter() + (user.writes_every or math.inf)
    while (now := time.perf_counter()) < stop_at:
        if now >= next_write:
            request, next_write = load_mix.ASKS["write"](rng, targets), now + (user.writes_every or math.inf)
        else:
            request = user.draw(rng, targets)
        took, problem = await _ask(client, request)
        out.append(Sample(request.kind, user.role, took, problem))


async def _users(base: str, tokens: dict[str, str], targets: Targets, team: list[User], seconds: float, seed: int,
                 watch: Callable[[], Watch]) -> tuple[list[Sample], list[Sample], float, Watch]:
    """The users warm up together, then ask for `seconds` while `watch()` watches the
    server: the samples of the warm-up and of the run, the seconds from the start of the
    run to its last answer, and the watch."""
    warm: list[Sample] = []
    out: list[Sample] = []
    clients = []
    # A connection idle for a second is not used again: the server closes one idle for 5 s
    # (uvicorn's keep-alive), and a request sent as it does so fails with a reset. A user
    # is idle that long only when this process, busy with other users' answers, falls
    # behind: the reset would be this client's doing, not the server's.
    limits = httpx.Limits(max_connections=1, keepalive_expiry=1.0)
    for user in team:
        token = tokens.get(user.role)
        clients.append(httpx.AsyncClient(base_url=base, timeout=TIME_LIMIT + 60, limits=limits,
                                         headers={"Authorization": f"Bearer {token}"} if token else {}))
    try:
        await asyncio.gather(*(_warm(user, client, targets, seed, warm)
                               for user, client in zip(team, clients, strict=True)))
        watching = watch()
        began = time.perf_counter()
        await asyncio.gather(*(_user(user, client, targets, began + seconds, seed, out)
                               for user, client in zip(team, clients, strict=True)))
        elapsed = time.perf_counter() - began
    finally:
        for client in clients:
            await client.aclose()
    return warm, out, elapsed, watching


def run(where: Where, users: int, seconds: float, log: Path, mix: str = "district", as_of: date = AS_OF,
        seed: int = 1) -> Result:
    """`users` users asking `mix` (bench/load_mix.py) for `seconds` against `steward serve`
    of a loaded store."""
    targets, tokens = prepare(where, as_of, seed)
    server = StewardServer(where.options, log)
    steward, probe = Client(server.base, tokens["steward"]), Client(server.base)
    try:
        steward.graphql(load_mix.ui_operation("curation.graphql", "CreateDataElement"), {"input": {
            "id": targets.scratch, "name": "Load test scratch", "category": "program", "sensitivity": "PII",
            "subject": "STUDENT"}})
        pid = server_pid(server)
        ready = rss_mb(pid)
        team = load_mix.users(users, mix)
        warm, samples, elapsed, watching = asyncio.run(_users(server.base, tokens, targets, team, seconds, seed,
                                                              lambda: Watch(pid)))
        memory, cpu = watching.stop()
        healthy = probe.request("GET", "/healthz")[0] == 200
        trail = steward.graphql("query($id: ID!) { changes(nodeId: $id, first: 5000) { action } }",
                                {"id": targets.scratch})
    finally:
        steward.close()
        probe.close()
        server.stop()
    recorded = sum(1 for change in trail["changes"] if change["action"] == "update")
    return Result(users, elapsed, samples, warm, ready, memory, cpu, healthy, recorded)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--catalog", type=Path, default=ROOT / "seeds", help="catalog files or folder (default seeds/)")
    what.add_argument("--districts", type=int, help="a synthetic state of this many districts (steward generate)")
    parser.add_argument("--users", type=int, default=20, help="concurrent users (default 20)")
    parser.add_argument("--seconds", type=float, default=120, help="how long they ask (default 120)")
    parser.add_argument("--neo4j-uri", help="load into this Neo4j server and serve from it (its database is EMPTIED)")
    parser.add_argument("--mix", choices=sorted(load_mix.MIXES),
                        help="what the users ask (default: state with --districts, else district)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="steward-load-") as scratch:
        catalog = generate(args.districts, Path(scratch) / "state") if args.districts else args.catalog
        where = Where("neo4j", args.neo4j_uri) if args.neo4j_uri else Where("embedded", str(Path(scratch) / "store"))
        if args.neo4j_uri:
            empty_neo4j(args.neo4j_uri)
        loaded = load(catalog, where)
        print(f"loaded {catalog.name} into {where.backend} in {loaded:.1f} s", file=sys.stderr)
        mix = args.mix or ("state" if args.districts else "district")
        result = run(where, args.users, args.seconds, Path(scratch) / "serve.log", mix)
    label = f"{where.backend}, {f'{args.districts} districts' if args.districts else catalog.name}"
    if args.json:
        print(json.dumps({"label": label, "load_seconds": loaded, **result.as_dict()}, indent=2))
    else:
        print(result.table())
        print(result.summary(label))


def empty_neo4j(uri: str) -> None:
    from graph.backends import StoreConfig, open_store
    from graph.neo4j import Neo4jStore

    store = open_store(StoreConfig(backend="neo4j", neo4j_uri=uri))
    assert isinstance(store, Neo4jStore)
    try:
        store.clear()
    finally:
        store.close()


if __name__ == "__main__":
    main()
