"""Run a command, and write its wall time, peak memory and exit status as JSON:

    python bench/measure.py OUT.json COMMAND [ARG...]

Why a process in between: Linux counts in a process's peak memory (ru_maxrss) the
memory of the process it was forked from, up to its exec. A command started straight
from the suite, which holds whole catalogs in memory, would report the suite's size as
its own. Started from this small process, its peak is its own (or this process's few
megabytes, if larger). SIGTERM and SIGINT are passed on to the command; this process
ends when it does. Only the standard library, and nothing of the suite, is imported."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from types import FrameType


def main(out: str, command: list[str]) -> None:
    started = time.perf_counter()
    proc = subprocess.Popen(command)

    def forward(signum: int, _frame: FrameType | None) -> None:
        os.kill(proc.pid, signum)  # not proc.send_signal, which may reap it before wait4

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    _, status, usage = os.wait4(proc.pid, 0)
    with open(out, "w", encoding="utf-8") as written:
        json.dump({"seconds": time.perf_counter() - started, "peak_rss_mb": usage.ru_maxrss / 1024,
                   "status": os.waitstatus_to_exitcode(status)}, written)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
