"""The web UI on a state-sized catalog from `steward generate` (about a thousand
systems): the explorer and the lineage of its widest element render, with no console
error, and the test prints how long each took to first render and to an idle page.

Times are reported, never asserted: the bound here is only the generous wait that
catches a hang."""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .browser_support import chromium
from .test_api_server import STEWARD
from .webui_support import View, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DISTRICTS = 60  # 967 systems, 1,507 flows, 30,014 nodes
RENDER_MS = 180_000  # only catches a hang


def widest(catalog: Path) -> str:
    """The element the most flows carry."""
    carried: Counter[str] = Counter()
    for file in sorted(catalog.rglob("*.yaml")):
        for flow in (yaml.safe_load(file.read_text()) or {}).get("flows", []):
            carried.update(flow.get("carries", []))
    return carried.most_common(1)[0][0]


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    catalog = tmp_path_factory.mktemp("state")
    subprocess.run([*STEWARD, "generate", "--districts", str(DISTRICTS), str(catalog)], check=True,
                   capture_output=True)
    systems = sum(len((yaml.safe_load(f.read_text()) or {}).get("systems", [])) for f in catalog.rglob("*.yaml"))
    assert systems > 900
    with served(tmp_path_factory.mktemp("state-store") / "store", catalog, start_seconds=180) as (base, token):
        yield base, token, widest(catalog)


def timed(view: View, path: str, ready: str) -> tuple[float, float]:
    """Seconds from navigation to `ready` on screen, and to no request for half a second."""
    start = time.monotonic()
    view.page.goto(view.base + path)
    view.page.wait_for_selector(ready, timeout=RENDER_MS)
    rendered = time.monotonic() - start
    view.page.wait_for_load_state("networkidle", timeout=RENDER_MS)
    return rendered, time.monotonic() - start


def test_the_explorer_and_the_widest_lineage_render_on_a_state_catalog(
        state: tuple[str, str, str], capsys: pytest.CaptureFixture[str]) -> None:
    base, token, element = state
    with chromium() as browser:
        view = View(browser, base, token)
        lineage = timed(view, f"/lineage/{element}?direction=down&depth=10", ".graph canvas")
        summary = view.page.locator("main section > p").first.inner_text()
        reached = int(summary.split(" reaches ")[1].split(" systems")[0])
        assert reached > 100, summary
        assert view.page.locator("table tbody tr").count() > 100
        explorer = timed(view, f"/explore?from={element}", ".graph canvas")
        shown = view.page.locator("main section > p").nth(0).inner_text()
        assert int(shown.split(" nodes")[0]) > 300, shown
        view.close()
    with capsys.disabled():
        print(f"\n  web UI on {DISTRICTS} districts: lineage of {element} ({reached} systems) first render "
              f"{lineage[0]:.1f} s, idle {lineage[1]:.1f} s; explorer from it ({shown.split('.')[0]}) "
              f"first render {explorer[0]:.1f} s, idle {explorer[1]:.1f} s")
