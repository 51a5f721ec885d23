"""The published public data inventory: a static site, CSV, JSON and a DCAT-US catalog.

`build_site` turns a catalog into the published files; `write_site` puts them in a
folder; `routes.make_routes` serves the same bytes live. Everything published is read
through catalog/visibility.py (see `model.public_graph`)."""

from api.inventory.site import build_site, write_site

__all__ = ["build_site", "write_site"]
