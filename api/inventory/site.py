"""The whole published site, built in memory (path -> bytes) and written to a folder.

Layout, from the site root (the same paths as the live routes):
  index.html, inventory.html       the inventory (two names: hosts look for index.html)
  inventory/*.html                 the families' pages, who receives data, policies, files
  inventory.csv, inventory.json    the inventory for programs
  data.json                        the DCAT-US 1.1 catalog of those files"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from api.inventory.files import data_json, inventory_csv, inventory_json
from api.inventory.model import InventoryError, collect
from api.inventory.pages import INDEX, render_pages
from catalog.bulk import collector_paused
from catalog.view import GraphView

# Pages a build owns: a page left from an earlier build (say, of a provider since removed,
# or listing an element no longer public) must not stay online.
OWNED_FOLDER = "inventory"


def normalize_base_url(base_url: str | None) -> str | None:
    """An absolute http(s) URL ending in '/', or None."""
    if not base_url:
        return None
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InventoryError(f"the base URL must be an absolute http(s) URL, got {base_url!r}")
    return base_url if base_url.endswith("/") else base_url + "/"


@collector_paused()
def build_site(view: GraphView, as_of: date, base_url: str | None = None) -> dict[str, bytes]:
    """Every published file by its path from the site root, in path order."""
    base = normalize_base_url(base_url)
    inventory = collect(view, as_of)
    files = render_pages(inventory)
    files["index.html"] = files[INDEX]
    files["inventory.csv"] = inventory_csv(inventory)
    files["inventory.json"] = inventory_json(inventory)
    files["data.json"] = data_json(inventory, base)
    return dict(sorted(files.items()))


def write_site(files: dict[str, bytes], out_dir: str | os.PathLike[str]) -> list[str]:
    """Write the files under `out_dir`; remove stale pages of earlier builds. Returns
    the paths removed."""
    root = Path(out_dir)
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(content)
        os.replace(partial, target)  # readers of a served folder never see half a file
    owned = root / OWNED_FOLDER
    stale = sorted(p.relative_to(root).as_posix() for p in owned.glob("*.html")) if owned.is_dir() else []
    removed = [p for p in stale if p not in files]
    for path in removed:
        (root / path).unlink()
    return removed
