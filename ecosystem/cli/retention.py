"""`ecosystem retention apply`: delete journey events older than ECOSYSTEM_RETENTION_YEARS."""

from __future__ import annotations

import click

from ecosystem.cli.common import friendly_errors, open_ecosystem


@click.group()
def retention() -> None:
    """Keep journey events no longer than the retention setting (docs/privacy.md)."""


@retention.command("apply")
@click.option("--dry-run", is_flag=True, help="Say what would be deleted; delete nothing.")
@friendly_errors
def apply(dry_run: bool) -> None:
    """Delete journey events older than ECOSYSTEM_RETENTION_YEARS years (off by default).

    The journeys they were part of are rebuilt; people, services, users and the audit log
    stay. A real run is audited as `retention.apply`.
    """
    with open_ecosystem() as eco:
        result = eco.apply_retention(dry_run=dry_run)
    if result is None:
        click.echo("Retention is off (ECOSYSTEM_RETENTION_YEARS is not set): nothing deleted.")
        return
    span = (f", dated {result.oldest.isoformat()} to {result.newest.isoformat()}"
            if result.oldest and result.newest else "")
    verb = "Would delete" if dry_run else "Deleted"
    click.echo(f"{verb} {result.events} journey events before {result.cutoff.isoformat()} "
               f"({result.years} years){span}, of {result.people} people"
               + ("." if dry_run else "; their journeys were rebuilt."))
