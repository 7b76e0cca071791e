"""`ecosystem db start|stop|status` and `ecosystem init`."""

from __future__ import annotations

import click

from ecosystem.cli.common import friendly_errors, open_ecosystem
from ecosystem.config import Settings
from ecosystem.db.server import ManagedServer


def _server() -> ManagedServer:
    settings = Settings.from_env()
    if not settings.uses_managed_server:
        raise click.ClickException(
            "NEO4J_URI is set, so the tool uses that database and manages no server of its own."
        )
    return ManagedServer.from_settings(settings)


@click.group()
def db() -> None:
    """Start, stop or check the local Neo4j server the tool manages."""


@db.command()
@friendly_errors
def start() -> None:
    """Start the local Neo4j server (fetched from Maven Central the first time)."""
    server = _server()
    uri = server.start(echo=lambda m: click.echo(m, err=True))
    click.echo(f"Neo4j is running at {uri} (data in {server.home / 'data'})")
    click.echo(f"User neo4j; password in {server.password_file}")


@db.command()
@friendly_errors
def stop() -> None:
    """Stop the local Neo4j server; its data stays."""
    server = _server()
    click.echo("Stopped." if server.stop() else "Neo4j was not running.")


@db.command()
def status() -> None:
    """Say whether the local Neo4j server is running, and where."""
    settings = Settings.from_env()
    if not settings.uses_managed_server:
        click.echo(f"Using NEO4J_URI={settings.neo4j_uri} (not managed by this tool)")
        return
    st = ManagedServer.from_settings(settings).status()
    if st.running:
        click.echo(f"running at {st.uri} (pid {st.pid}, home {st.home})")
    else:
        click.echo(f"not running (home {st.home})")
        raise SystemExit(3)


@click.command()
@friendly_errors
def init() -> None:
    """Create the schema and load the reference data (safe to run again)."""
    with open_ecosystem() as eco:
        eco.init()
        click.echo("Schema and reference data are in place.")
