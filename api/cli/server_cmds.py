"""Verbs that run the server and manage its tokens and feeds: serve, token create|list|revoke,
feed create|list|revoke."""

from __future__ import annotations

import dataclasses

import click

from api.auth import Role, api_tokens, create_feed, create_token, feeds, revoke_feed, revoke_token
from api.cli import Context, cli, fail, handled, pass_context
from api.cli.output import print_json, progress, table
from api.feed import PATH as FEED_PATH
from graph.loading import now_utc
from graph.yaml_source import MAX_FILE_SIZE, MAX_FILE_SIZE_VAR

JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
# Seconds between SIGTERM and the end: requests still running then are cancelled.
GRACE = 3


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, envvar="STEWARD_HOST", help="[env: STEWARD_HOST]")
@click.option("--port", default=8000, show_default=True, envvar="STEWARD_PORT", type=int, help="[env: STEWARD_PORT]")
@click.option("--max-body", default=1_000_000, show_default=True, envvar="STEWARD_MAX_BODY", type=int,
              help="Largest request body in bytes; larger ones get 413. [env: STEWARD_MAX_BODY]")
@click.option("--rate-limit", default=600, show_default=True, envvar="STEWARD_RATE_LIMIT", type=int,
              help="Requests per minute per token (or per address without one). [env: STEWARD_RATE_LIMIT]")
@click.option("--store-timeout", default=10.0, show_default=True, envvar="STEWARD_STORE_TIMEOUT", type=float,
              help="Seconds a store call may take; on Neo4j also the transaction timeout, past which the "
                   "server ends the query. [env: STEWARD_STORE_TIMEOUT]")
@click.option("--request-timeout", default=None, envvar="STEWARD_REQUEST_TIMEOUT", type=float, metavar="SECONDS",
              help="Seconds a GraphQL request may take, all its work included; past it the work stops and the "
                   "answer is a TIMEOUT error. Default: the store timeout plus 5. [env: STEWARD_REQUEST_TIMEOUT]")
@click.option("--public-base-url", default=None, envvar="STEWARD_PUBLIC_BASE_URL", metavar="URL",
              help="Where /inventory is reached from outside (behind a proxy); makes data.json's links "
                   "absolute. [env: STEWARD_PUBLIC_BASE_URL]")
@click.option("--read-timeout", default=20.0, show_default=True, envvar="STEWARD_READ_TIMEOUT", type=float,
              help="Seconds a client may pause while sending a request body before it gets 408 and is "
                   "disconnected. [env: STEWARD_READ_TIMEOUT]")
@click.option("--metrics-public", is_flag=True, envvar="STEWARD_METRICS_PUBLIC",
              help="Let /metrics answer without a token (by default it needs VIEWER or above). "
                   "[env: STEWARD_METRICS_PUBLIC]")
@click.option("--forwarded-allow-ips", default=None, envvar="STEWARD_FORWARDED_ALLOW_IPS", metavar="IPS",
              help="Behind a reverse proxy: the comma-separated addresses of the proxies whose "
                   "X-Forwarded-For and X-Forwarded-Proto are believed. By default none is, so the rate "
                   "limit keys on the real peer. [env: STEWARD_FORWARDED_ALLOW_IPS]")
@click.option("--max-file-size", type=click.IntRange(min=1), default=MAX_FILE_SIZE, show_default=True,
              envvar=MAX_FILE_SIZE_VAR, metavar="BYTES",
              help=f"The largest catalog document the loadCatalog mutation takes. [env: {MAX_FILE_SIZE_VAR}]")
@click.option("--token-cache", "token_cache", type=click.FloatRange(min=0), default=5.0, show_default=True,
              envvar="STEWARD_TOKEN_CACHE", metavar="SECONDS",
              help="Seconds a token found in the store is taken without looking it up again. A token revoked "
                   "through this server is refused at once; revoked by another process (the CLI, another "
                   "server), at most this long after. 0 looks every token up. [env: STEWARD_TOKEN_CACHE]")
@pass_context
def serve(ctx: Context, host: str, port: int, max_body: int, rate_limit: int, store_timeout: float,
          request_timeout: float | None, public_base_url: str | None, read_timeout: float, metrics_public: bool,
          forwarded_allow_ips: str | None, max_file_size: int, token_cache: float) -> None:
    """Serve the catalog: the web UI at /, GraphQL at /graphql (GraphiQL in a browser),
    /healthz, /readyz, /metrics and the public inventory at /inventory.

    Without a token a client is PUBLIC and sees only what the public inventory shows;
    create tokens with `steward token create`.
    """
    import uvicorn

    from api.app import Settings, create_app
    from api.memory import cap_malloc_arenas
    from api.webui import built, not_built_message

    cap_malloc_arenas()

    ctx.config = dataclasses.replace(ctx.config, timeout=store_timeout, in_memory=True)
    with handled(), ctx.store() as store:
        settings = Settings(max_body_bytes=max_body, rate_per_minute=rate_limit, store_timeout=store_timeout,
                            public_base_url=public_base_url, read_timeout=read_timeout,
                            metrics_public=metrics_public, request_timeout=request_timeout,
                            max_file_size=max_file_size, token_cache_seconds=token_cache)
        app = create_app(store, settings)
        store.warm()  # what the first request would build, built before the server listens
        progress(f"serving the {store.name} store at {ctx.config.location} on http://{host}:{port}/ "
                 "(GraphQL at /graphql)")
        if not built():
            progress(not_built_message())
        # Forwarded headers are believed only from proxies named here: otherwise any client
        # could pick its own address, and so its own rate-limit bucket.
        uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=bool(forwarded_allow_ips),
                    forwarded_allow_ips=forwarded_allow_ips, timeout_graceful_shutdown=GRACE)


@cli.group()
def token() -> None:
    """Manage API tokens: create, list, revoke. Only a hash of each token is stored."""


@token.command("create")
@click.option("--role", type=click.Choice([r.name for r in Role if r != Role.PUBLIC], case_sensitive=False),
              required=True, help="VIEWER reads everything; STEWARD also writes; ADMIN also manages tokens.")
@click.option("--name", required=True, help="Who or what the token is for; it names the token in the audit trail.")
@JSON
@pass_context
def token_create(ctx: Context, role: str, name: str, as_json: bool) -> None:
    """Create a token and print it once: it cannot be shown again."""
    with handled(), ctx.store() as store:
        secret = create_token(store, name, Role.parse(role), now_utc())
    if as_json:
        print_json({"name": name.strip(), "role": role.upper(), "token": secret})
    else:
        click.echo(secret)
        progress(f"token {name!r} ({role.upper()}) created; keep it safe, it is not shown again")


@token.command("list")
@JSON
@pass_context
def token_list(ctx: Context, as_json: bool) -> None:
    """List tokens by name and role (never their secrets)."""
    with handled(), ctx.store() as store:
        tokens = api_tokens(store)
    rows = [{"name": t.name, "role": t.role, "created_at": t.created_at, "revoked_at": t.revoked_at} for t in tokens]
    if as_json:
        print_json(rows)
    else:
        table(["name", "role", "created", "revoked"], [list(r.values()) for r in rows])


@token.command("revoke")
@click.argument("name")
@pass_context
def token_revoke(ctx: Context, name: str) -> None:
    """Revoke a token by name; requests with it are refused from then on."""
    with handled(), ctx.store() as store:
        if not revoke_token(store, name, now_utc()):
            fail(f"no active token named {name!r}", 2)
    click.echo(f"token {name!r} revoked")


@cli.group()
def feed() -> None:
    """Manage deadline feeds: create, list, revoke. A feed is a secret URL serving the
    destruction and access-request deadlines as an iCalendar (/deadlines.ics)."""


@feed.command("create")
@click.option("--name", required=True, help="Who or what the feed is for; it names the feed in the audit trail.")
@click.option("--base-url", default="", help="Where the server is reached, to print the whole URL "
              "(for example https://steward.example.org).")
@JSON
@pass_context
def feed_create(ctx: Context, name: str, base_url: str, as_json: bool) -> None:
    """Create a feed and print its URL once: it cannot be shown again."""
    with handled(), ctx.store() as store:
        secret = create_feed(store, name, now_utc())
    url = f"{base_url.rstrip('/')}{FEED_PATH}?key={secret}"
    if as_json:
        print_json({"name": name.strip(), "secret": secret, "url": url})
    else:
        click.echo(url)
        progress(f"feed {name!r} created; subscribe to its URL in a calendar; it is not shown again")


@feed.command("list")
@JSON
@pass_context
def feed_list(ctx: Context, as_json: bool) -> None:
    """List feeds by name (never their secrets)."""
    with handled(), ctx.store() as store:
        found = feeds(store)
    rows = [{"name": t.name, "created_at": t.created_at, "revoked_at": t.revoked_at} for t in found]
    if as_json:
        print_json(rows)
    else:
        table(["name", "created", "revoked"], [list(r.values()) for r in rows])


@feed.command("revoke")
@click.argument("name")
@pass_context
def feed_revoke(ctx: Context, name: str) -> None:
    """Revoke a feed by name; its URL answers 404 from then on."""
    with handled(), ctx.store() as store:
        if not revoke_feed(store, name, now_utc()):
            fail(f"no active feed named {name!r}", 2)
    click.echo(f"feed {name!r} revoked")


@cli.command("graphql-schema")
def graphql_schema() -> None:
    """Print the GraphQL schema (SDL); api/schema.graphql is this output, committed."""
    from api.graphql.schema import build_schema

    click.echo(build_schema().as_str())
