"""`ecosystem export` and `ecosystem restore`."""

from __future__ import annotations

from pathlib import Path

import click

from ecosystem.backup import RestoreError
from ecosystem.cli.common import friendly_errors, open_ecosystem


@click.command("export")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@friendly_errors
def export(out: Path) -> None:
    """Write the whole graph to the folder OUT (JSON Lines), for backup or moving.

    A full backup: it holds the user accounts (with password hashes), the audit log and the
    people and their journeys, as well as the catalogue. Keep it as safely as the database.
    For the catalogue alone, in the import format, use `ecosystem export-tables`.
    """
    with open_ecosystem() as eco:
        counts = eco.export(out)
    click.echo(f"Exported {counts['nodes']} nodes and {counts['relationships']} relationships "
               f"to {out}")


@click.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the graph.")
@friendly_errors
def restore(folder: Path, yes: bool) -> None:
    """Replace the whole graph with a backup made by `ecosystem export`."""
    if not yes:
        click.confirm("This replaces everything in the map. Go on?", abort=True)
    with open_ecosystem() as eco:
        try:
            counts = eco.restore(folder)
        except RestoreError as e:
            raise click.ClickException(str(e)) from None
    click.echo(f"Restored {counts['nodes']} nodes and {counts['relationships']} relationships.")


@click.command("export-tables")
@click.argument("out", type=click.Path(path_type=Path))
@friendly_errors
def export_tables(out: Path) -> None:
    """Write the current catalogue in the import format, ready to edit and import again.

    Areas, providers, commissioners, cohorts, services, referral routes and contracts: no
    people, no journeys, no accounts. OUT ending .xlsx: one workbook (a sheet per file, with
    drop-down lists); .zip: the CSV files, zipped; anything else: a folder of CSV files.
    """
    name = out.name.lower()
    fmt = "xlsx" if name.endswith(".xlsx") else "zip" if name.endswith(".zip") else "folder"
    if fmt != "folder" and out.is_dir():
        raise click.ClickException(f"{out} is a folder: give a file name ending .{fmt}")
    if fmt == "folder" and out.exists() and not out.is_dir():
        raise click.ClickException(f"{out} is a file: give a folder, or a name ending .xlsx "
                                   "or .zip")
    with open_ecosystem() as eco:
        body = eco.export_current(fmt, out=out if fmt == "folder" else None)
    if body is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(body)
    click.echo(f"Wrote the current catalogue (no people, no accounts) to {out}")
