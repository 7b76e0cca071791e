"""What every command shares: the core object, and errors shown as messages, not tracebacks."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ecosystem.config import Settings
from ecosystem.core import Ecosystem
from ecosystem.db.graph import DatabaseUnavailable
from ecosystem.db.server import ServerError
from ecosystem.secure import ConfigError

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """Settings that cannot be used (a weak key, say) are a message, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ecosystem-map")
def main_group() -> None:
    """Map the local ecosystem of social support for people with mental health difficulties.

    Neo4j comes from NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set,
    otherwise from the local server the tool manages (`ecosystem db start`).
    """


def friendly_errors(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (DatabaseUnavailable, ServerError) as e:
            raise click.ClickException(str(e)) from None

    return wrapper  # type: ignore[return-value]


def open_ecosystem(start: bool = True) -> Ecosystem:
    """Open the core object; start the managed server if that is where Neo4j comes from."""
    settings = Settings.from_env()
    if settings.uses_managed_server and start:
        from ecosystem.db.server import ManagedServer

        server = ManagedServer.from_settings(settings)
        if not server.status().running:
            click.echo("Starting the local Neo4j server...", err=True)
            server.start(echo=lambda m: click.echo(m, err=True))
    eco = Ecosystem.open(settings)
    eco.ping()
    return eco
