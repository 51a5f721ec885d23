"""The processes the suite starts: a throwaway Neo4j server, `steward` commands as a user
runs them (timed, with their peak memory), and the free ports they listen on.

Peak memory is the command's own high-water mark (ru_maxrss from wait4), read when it
ends by bench/measure.py, the small process each command is started from (why: there).
No sampling, so no peak is missed between samples."""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
NEO4J_SH = ROOT / "tools" / "neo4j" / "neo4j.sh"
MEASURE = ROOT / "bench" / "measure.py"


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


class Measured:
    """A command started through bench/measure.py, in a session of its own."""

    def __init__(self, command: list[str], stdout: IO[bytes] | int | None, stderr: IO[bytes] | int | None,
                 env: dict[str, str] | None = None) -> None:
        handle, report = tempfile.mkstemp(prefix="steward-bench-", suffix=".json")
        os.close(handle)
        self.report = Path(report)
        self.proc = subprocess.Popen([sys.executable, str(MEASURE), report, *command], cwd=ROOT, env=env,
                                     stdout=stdout, stderr=stderr, start_new_session=True)

    def running(self) -> bool:
        return self.proc.poll() is None

    def wait(self, timeout: float | None = None) -> Finished:
        self.proc.wait(timeout)
        try:
            found = json.loads(self.report.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # the process in between was killed: no figures
            found = {"seconds": math.nan, "peak_rss_mb": math.nan, "status": self.proc.returncode}
        finally:
            self.report.unlink(missing_ok=True)
        return Finished(found["seconds"], found["peak_rss_mb"], found["status"])

    def stop(self, grace: float = 30.0) -> Finished:
        """SIGTERM, then SIGKILL to the whole session after `grace` seconds."""
        if self.running():
            os.kill(self.proc.pid, signal.SIGTERM)
        try:
            return self.wait(grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            return self.wait()


def run_measured(command: list[str], env: dict[str, str] | None = None) -> tuple[Finished, str]:
    """Run a command to its end: wall time from start to exit, peak memory, and stdout.
    A failure raises, with the end of stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        done = Measured(command, out, err, env).wait()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if done.status != 0:
        raise RuntimeError(f"{' '.join(command[:8])} ... exited {done.status}: {stderr[-2000:]}")
    return done, stdout


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

    def start(self) -> None:
        """Start it again on the same data folder, after `stop`."""
        self._script("start")

    def stop(self) -> None:
        if self.data is not None:
            self._script("stop")

    def close(self) -> None:
        self.stop()
        if self.data is not None:
            shutil.rmtree(self.data, ignore_errors=True)
