"""`ecosystem bulk-import`: the first load of a large area, offline, into an empty database."""

from __future__ import annotations

import time
from pathlib import Path

import click

from ecosystem.cli.common import friendly_errors
from ecosystem.cli.data import _print_report
from ecosystem.config import Settings
from ecosystem.db.server import ManagedServer
from ecosystem.importers.bulk import BulkImportError, BulkTimings, bulk_import


@click.command("bulk-import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="Where rejected rows and their reasons go, if any row is invalid.")
@friendly_errors
def bulk_import_(path: Path, rejects: Path | None) -> None:
    """First load of a large area into an EMPTY map, with Neo4j's offline importer.

    PATH is what `ecosystem import` takes: a folder with people.csv and journey_events.csv
    (read in chunks, so memory does not grow with the events; a large workbook is refused).
    Every row is checked first, as there; with any invalid row nothing is written and the
    server is not touched. The work files need free disk of about five times PATH's size.
    The local server is stopped for the import and started again (users and the audit log
    are kept). Only for the server the tool manages, and only
    when the map is empty: later imports go through `ecosystem import`.
    """
    settings = Settings.from_env()
    if not settings.uses_managed_server:
        raise click.ClickException(
            "NEO4J_URI is set: bulk import needs the local server the tool manages. "
            "Use `ecosystem import` for that database.")
    server = ManagedServer.from_settings(settings)
    timings = BulkTimings()
    started = time.monotonic()
    try:
        report = bulk_import(server, settings, path, settings.resolve_pseudonym_key(),
                             echo=lambda m: click.echo(m, err=True), timings=timings)
    except BulkImportError as e:
        raise click.ClickException(str(e)) from None
    if report.issues:
        n = len(report.issues)
        click.echo(f"{path}: {n} problem{'s' * (n != 1)}:", err=True)
    _print_report(report, rejects)
    if not report.written:
        raise click.ClickException("Nothing was imported. Fix the rows above and run again.")
    phases = ", ".join(f"{k} {v:.1f}s" for k, v in timings.phases.items())
    click.echo(f"Bulk import done in {time.monotonic() - started:.1f}s ({phases}).")
