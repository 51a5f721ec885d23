"""`make test` runs pytest through tools/with-neo4j.sh: the Neo4j server it starts is
stopped afterwards however the run ends (tests pass, fail, Ctrl-C, SIGTERM), and a server
that was already running is still running after.

A real server (a small one) on a port of its own; `make pytest` with BIN pointing at a
stand-in for pytest that records the server it saw."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .api_support import free_port
from .conftest import ROOT

pytestmark = pytest.mark.slow

NEO4J_SH = ROOT / "tools" / "neo4j" / "neo4j.sh"
WRAPPER = ROOT / "tools" / "with-neo4j.sh"
HANG = 300  # seconds: the time-outs below only catch a hang

# Records the server's pid and its own, checks Bolt answers, then exits with $FAKE_STATUS,
# or sleeps for long when FAKE_SLEEP is set (to be interrupted).
FAKE_PYTEST = """#!/usr/bin/env bash
(exec 3<>"/dev/tcp/127.0.0.1/$STEWARD_NEO4J_PORT") || exit 99
{ cat "$STEWARD_NEO4J_HOME/neo4j.pid"; echo $$; } >"$FAKE_SAW.tmp" && mv "$FAKE_SAW.tmp" "$FAKE_SAW"
[ -n "${FAKE_SLEEP:-}" ] && exec sleep "$FAKE_SLEEP"
exit "${FAKE_STATUS:-0}"
"""


@pytest.fixture
def run_dir(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "bin").mkdir()
    fake = tmp_path / "bin" / "pytest"
    fake.write_text(FAKE_PYTEST, encoding="utf-8")
    fake.chmod(0o755)
    (tmp_path / "installed").touch()
    yield tmp_path
    subprocess.run(["bash", str(NEO4J_SH), "stop"], env=environment(tmp_path), capture_output=True, timeout=HANG)


def environment(run_dir: Path, **extra: str) -> dict[str, str]:
    # Not the outer make's flags: a variable given to it on the command line would win here.
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "STEWARD_NEO4J_DATA")}
    port = (run_dir / "port").read_text() if (run_dir / "port").exists() else str(free_port())
    (run_dir / "port").write_text(port)
    return {**env, "STEWARD_NEO4J_HOME": str(run_dir / "neo4j"), "STEWARD_NEO4J_PORT": port,
            "STEWARD_NEO4J_JAVA_OPTS": "-Xms256m -Xmx256m", "STEWARD_NEO4J_PAGECACHE": "32m",
            "FAKE_SAW": str(run_dir / "saw"), **extra}


def make_pytest(run_dir: Path) -> list[str]:
    # BIN and STAMP point at the stand-in and a stamp that is there: nothing to install.
    # `-o system`: the Debian packages are not this test's business.
    return ["env", "--default-signal=INT", "make", "-C", str(ROOT), "--no-print-directory", "-o", "system",
            "pytest", f"BIN={run_dir / 'bin'}", f"STAMP={run_dir / 'installed'}"]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def bolt_answers(env: dict[str, str]) -> bool:
    with socket.socket() as sock:
        sock.settimeout(5)
        return sock.connect_ex(("127.0.0.1", int(env["STEWARD_NEO4J_PORT"]))) == 0


def seen(run_dir: Path) -> tuple[int, int]:
    """(server pid, stand-in pid) once the stand-in has run, waiting for it."""
    deadline = time.monotonic() + HANG
    while not (run_dir / "saw").exists():
        assert time.monotonic() < deadline, "the command never ran"
        time.sleep(0.2)
    server, command = (run_dir / "saw").read_text().split()
    return int(server), int(command)


def test_the_server_it_started_is_stopped_after_tests_that_fail(run_dir: Path) -> None:
    env = environment(run_dir, FAKE_STATUS="1")
    assert not bolt_answers(env)
    done = subprocess.run(make_pytest(run_dir), env=env, capture_output=True, text=True, timeout=HANG)
    assert done.returncode == 2 and "Error 1" in done.stderr, done.stderr
    server, _ = seen(run_dir)
    assert not alive(server), done.stderr
    assert not bolt_answers(env)


def test_a_server_already_running_is_left_running(run_dir: Path) -> None:
    env = environment(run_dir)
    subprocess.run(["bash", str(NEO4J_SH), "start"], env=env, check=True, capture_output=True, timeout=HANG)
    before = int((run_dir / "neo4j" / "neo4j.pid").read_text())
    done = subprocess.run(make_pytest(run_dir), env=env, capture_output=True, text=True, timeout=HANG)
    assert done.returncode == 0, done.stderr
    assert seen(run_dir)[0] == before
    assert alive(before) and bolt_answers(env)


def test_ctrl_c_stops_the_tests_and_the_server(run_dir: Path) -> None:
    env = environment(run_dir, FAKE_SLEEP=str(HANG * 2))
    # Its own session, so that the signal reaches make and all it runs, as from a terminal.
    proc = subprocess.Popen(make_pytest(run_dir), env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server, command = seen(run_dir)
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=HANG) != 0
    assert not alive(command) and not alive(server)
    assert not bolt_answers(env)


def test_sigterm_to_the_wrapper_alone_stops_the_command_and_the_server(run_dir: Path) -> None:
    env = environment(run_dir, FAKE_SLEEP=str(HANG * 2))
    proc = subprocess.Popen(["bash", str(WRAPPER), str(run_dir / "bin" / "pytest")], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server, command = seen(run_dir)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=HANG) == 128 + signal.SIGTERM
    assert not alive(command) and not alive(server)
    assert not bolt_answers(env)
