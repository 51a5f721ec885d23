"""The processes the suite starts: a throwaway Neo4j server, `steward` commands as a user
runs them (timed, with their peak memory), and the free ports they listen on.

Peak memory is the child's own high-water mark (ru_maxrss from wait4), read when it
ends: no sampling, so no peak is missed between samples."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEO4J_SH = ROOT / "tools" / "neo4j" / "neo4j.sh"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def steward_command() -> list[str]:
    """`steward` as installed beside this interpreter, else the module."""
    script = Path(sys.executable).parent / "steward"
    return [str(script)] if script.exists() else [sys.executable, "-m", "api.cli"]


@dataclass(frozen=True)
class Finished:
    seconds: float
    peak_rss_mb: float
    status: int


def wait_measured(proc: subprocess.Popen[bytes], started: float) -> Finished:
    """Wait for `proc` and read its peak resident memory. Nothing else may reap it first
    (wait4 does), so its output goes to files, never to pipes read with communicate()."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Finished(time.perf_counter() - started, usage.ru_maxrss / 1024, proc.returncode)


def run_measured(command: list[str], env: dict[str, str] | None = None) -> tuple[Finished, str]:
    """Run a command to its end: wall time from start to exit, peak memory, and stdout.
    A failure raises, with the end of stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        done = wait_measured(proc, started)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if done.status != 0:
        raise RuntimeError(f"{' '.join(command[:8])} ... exited {done.status}: {stderr[-2000:]}")
    return done, stdout


def stop_process(proc: subprocess.Popen[bytes], grace: float = 30.0) -> Finished:
    """SIGTERM, then SIGKILL after `grace` seconds; its peak memory over its whole life."""
    started = time.perf_counter()
    if not exited(proc.pid):
        # os.kill, not send_signal or kill: those poll, and polling would reap the child.
        os.kill(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while not exited(proc.pid):
            if time.monotonic() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.1)
    return wait_measured(proc, started)


def exited(pid: int) -> bool:
    """Whether the child has ended, without reaping it (so wait4 can still read its usage)."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return info is not None


class Neo4jServer:
    """A Neo4j of the suite's own, on a free port, with its data folder under `home`;
    `fresh()` restarts it on an empty data folder, which is how the suite empties it."""

    def __init__(self, home: Path, heap: str, pagecache: str) -> None:
        self.home, self.heap, self.pagecache = home, heap, pagecache
        self.port = free_port()
        self.data: Path | None = None
        self.generation = 0

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def _env(self) -> dict[str, str]:
        env = {**os.environ, "STEWARD_NEO4J_HOME": str(self.home), "STEWARD_NEO4J_PORT": str(self.port),
               "STEWARD_NEO4J_PAGECACHE": self.pagecache,
               # Appended after the script's -Xmx1g, so they win: one transaction loads a
               # whole state, and Neo4j caps a transaction at 70% of the heap.
               "STEWARD_NEO4J_JAVA_OPTS": f"-Xms{self.heap} -Xmx{self.heap}"}
        env.pop("STEWARD_NEO4J_PASSWORD", None)
        if self.data is not None:
            env["STEWARD_NEO4J_DATA"] = str(self.data)
        return env

    def _script(self, verb: str) -> None:
        done = subprocess.run(["bash", str(NEO4J_SH), verb], env=self._env(), capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"neo4j.sh {verb} failed: {done.stderr[-2000:]}")

    def fresh(self) -> str:
        """Stop, drop the data folder, start on a new one; the URI to reach it."""
        self.stop()
        if self.data is not None:
            shutil.rmtree(self.data, ignore_errors=True)
        self.generation += 1
        self.data = self.home / f"data-{self.generation}"
        self._script("start")
        return self.uri

    def stop(self) -> None:
        if self.data is not None:
            self._script("stop")

    def close(self) -> None:
        self.stop()
        if self.data is not None:
            shutil.rmtree(self.data, ignore_errors=True)
