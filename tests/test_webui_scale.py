"""The web UI on a state-sized catalog from `steward generate` (about a thousand
systems): the lineage of its widest element and the explorer render, with no console
error, and the test prints how long each took to first render and to an idle page. The
explorer puts about two thousand nodes on screen twice: every district and its
neighbours, from one address; and four districts' neighbours, then the neighbours of
everything shown, expanded at once.

Times are reported, never asserted: the bound here is only the generous wait that
catches a hang."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from .api_support import STEWARD
from .browser_support import chromium
from .webui_support import View, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DISTRICTS = 60  # 967 systems, 1,507 flows, 30,014 nodes
RENDER_MS = 180_000  # only catches a hang


@dataclass(frozen=True)
class State:
    base: str
    token: str
    widest: str  # the element the most flows carry
    districts: list[str]


def state_of(catalog: Path) -> tuple[str, list[str]]:
    """The widest element of `catalog` and its districts."""
    carried: Counter[str] = Counter()
    districts: list[str] = []
    for file in sorted(catalog.rglob("*.yaml")):
        document = yaml.safe_load(file.read_text()) or {}
        for flow in document.get("flows", []):
            carried.update(flow.get("carries", []))
        districts += [o["id"] for o in document.get("organizations", []) if o.get("kind") == "DISTRICT"]
    return carried.most_common(1)[0][0], sorted(districts)


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[State]:
    catalog = tmp_path_factory.mktemp("state")
    subprocess.run([*STEWARD, "generate", "--districts", str(DISTRICTS), str(catalog)], check=True,
                   capture_output=True)
    systems = sum(len((yaml.safe_load(f.read_text()) or {}).get("systems", [])) for f in catalog.rglob("*.yaml"))
    assert systems > 900
    with served(tmp_path_factory.mktemp("state-store") / "store", catalog, start_seconds=180) as (base, token):
        yield State(base, token, *state_of(catalog))


Times = tuple[float, float, float]


class Clock:
    """Wall time, and the time the page's main thread was busy (Chrome's TaskDuration):
    on a busy machine the wall clock mostly measures the wait for a core."""

    def __init__(self, view: View) -> None:
        self.view, self.cdp = view, view.context.new_cdp_session(view.page)
        self.cdp.send("Performance.enable")
        self.start, self.busy = time.monotonic(), self.task()

    def task(self) -> float:
        metrics = self.cdp.send("Performance.getMetrics")["metrics"]
        return float(next(m["value"] for m in metrics if m["name"] == "TaskDuration"))

    def idle(self, rendered: float) -> Times:
        """Once the page has made no request for half a second and drawn a frame after it."""
        self.view.page.wait_for_load_state("networkidle", timeout=RENDER_MS)
        self.view.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")
        return rendered, time.monotonic() - self.start, self.task() - self.busy


def timed(view: View, path: str, ready: str) -> Times:
    """Seconds from navigation to `ready` on screen, to an idle page, and of main-thread work."""
    clock = Clock(view)
    view.page.goto(view.base + path)
    view.page.wait_for_selector(ready, timeout=RENDER_MS)
    return clock.idle(time.monotonic() - clock.start)


def shown(view: View) -> tuple[int, str]:
    """How many nodes the explorer shows, and its words for it."""
    words = view.page.locator("main section > p").first.inner_text()
    return int(words.split(" nodes")[0]), words.split(".")[0]


def report(capsys: pytest.CaptureFixture[str], what: str, times: Times) -> None:
    with capsys.disabled():
        print(f"\n  web UI on {DISTRICTS} districts: {what}: first render {times[0]:.1f} s, idle {times[1]:.1f} s, "
              f"main thread busy {times[2]:.1f} s")


def test_the_widest_lineage_and_the_explorer_render_on_a_state_catalog(
        state: State, capsys: pytest.CaptureFixture[str]) -> None:
    with chromium() as browser:
        view = View(browser, state.base, state.token)
        lineage = timed(view, f"/lineage/{state.widest}?direction=down&depth=10", ".graph canvas")
        summary = view.page.locator("main section > p").first.inner_text()
        reached = int(summary.split(" reaches ")[1].split(" systems")[0])
        assert reached > 100, summary
        assert view.page.locator("table tbody tr").count() > 100
        report(capsys, f"lineage of {state.widest} ({reached} systems)", lineage)
        # Every district at once: about two thousand nodes from one address.
        explorer = timed(view, f"/explore?from={','.join(state.districts)}", ".graph canvas")
        count, words = shown(view)
        assert count > 1500, words
        report(capsys, f"explorer from the {len(state.districts)} districts ({words})", explorer)
        # Around four districts, then the neighbours of everything shown, expanded at once.
        around = timed(view, f"/explore?from={','.join(state.districts[:4])}", ".graph canvas")
        before, words = shown(view)
        assert before > 100, words
        report(capsys, f"explorer from 4 districts ({words})", around)
        clock = Clock(view)
        view.page.click("button.expand-all")
        view.page.wait_for_function("(n) => !document.querySelector('main section > p').innerText.startsWith(n)",
                                    arg=f"{before} ", timeout=RENDER_MS)
        grown = clock.idle(time.monotonic() - clock.start)
        count, words = shown(view)
        assert count > 1500, words
        report(capsys, f"expanding the {before} nodes shown ({words})", grown)
        view.close()
