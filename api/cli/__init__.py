"""The `steward` command line: one group, verbs that read like sentences."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from catalog.source import CatalogError
from catalog.view import UnknownNode
from graph.backends import BACKENDS, StoreConfig, open_store
from graph.store import Store, StoreError


class Context:
    def __init__(self, config: StoreConfig) -> None:
        self.config = config

    @contextmanager
    def store(self) -> Iterator[Store]:
        store = open_store(self.config)
        try:
            yield store
        finally:
            store.close()


pass_context = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--backend", type=click.Choice(BACKENDS), default="embedded", show_default=True,
              envvar="STEWARD_BACKEND", help="Where the catalog is stored. [env: STEWARD_BACKEND]")
@click.option("--store", "store_path", default=".steward", show_default=True, envvar="STEWARD_STORE",
              metavar="DIR", help="Folder of the embedded store. [env: STEWARD_STORE]")
@click.option("--neo4j-uri", default="bolt://127.0.0.1:7687", show_default=True, envvar="STEWARD_NEO4J_URI",
              metavar="URI", help="Neo4j server (bolt:// or neo4j://, +s for TLS). [env: STEWARD_NEO4J_URI]")
@click.option("--neo4j-user", default="neo4j", show_default=True, envvar="STEWARD_NEO4J_USER",
              help="Neo4j user. [env: STEWARD_NEO4J_USER]")
@click.option("--neo4j-password", default=None, envvar="STEWARD_NEO4J_PASSWORD",
              help="Neo4j password; none means the server has auth off. Prefer the variable, "
                   "which stays out of the shell history. [env: STEWARD_NEO4J_PASSWORD]")
@click.option("--neo4j-database", default=None, envvar="STEWARD_NEO4J_DATABASE", metavar="NAME",
              help="Neo4j database; none means the user's home database. [env: STEWARD_NEO4J_DATABASE]")
@click.version_option(package_name="steward-catalog")
@click.pass_context
def cli(ctx: click.Context, backend: str, store_path: str, neo4j_uri: str, neo4j_user: str,
        neo4j_password: str | None, neo4j_database: str | None) -> None:
    """Steward: a governance catalog and lineage graph for student data.

    Keep the catalog as YAML in version control, load it with `steward load`, and ask
    the graph where each data element goes, who answers for it and when each copy must
    be destroyed. Every verb has its own --help.
    """
    ctx.obj = Context(StoreConfig(backend=backend, store=store_path, neo4j_uri=neo4j_uri,
                                  neo4j_user=neo4j_user, neo4j_password=neo4j_password,
                                  neo4j_database=neo4j_database,
                                  # A command asks a few questions and exits: reading the
                                  # whole graph into memory first would cost it more than
                                  # they do. `serve` keeps it in memory.
                                  in_memory=False))


def main(argv: list[str] | None = None) -> Any:
    try:
        return cli.main(args=argv, prog_name="steward", standalone_mode=True)
    except CatalogError as exc:  # pragma: no cover - handled in the verbs
        click.echo(str(exc), err=True)
        sys.exit(2)


def fail(message: str, code: int = 1) -> None:
    click.echo(f"steward: {message}", err=True)
    sys.exit(code)


def report_problems(exc: CatalogError, as_json: bool) -> None:
    if as_json:
        from api.cli.output import print_json

        print_json({"ok": False, "problems": [p.as_dict() for p in exc.problems]})
    click.echo(f"steward: nothing was written; {exc}", err=True)
    sys.exit(2)


@contextmanager
def handled(as_json: bool = False) -> Iterator[None]:
    """Turn expected failures into clear messages and exit codes, never tracebacks."""
    try:
        yield
    except CatalogError as exc:
        report_problems(exc, as_json)
    except UnknownNode as exc:
        fail(str(exc), 2)
    except StoreError as exc:
        fail(str(exc))


from api.cli import (  # noqa: E402,F401  (registers the verbs)
    analysis_cmds,
    backup_cmds,
    catalog_cmds,
    ingest_cmd,
    plan_cmd,
    publish_cmd,
    server_cmds,
    sheet_cmd,
)
