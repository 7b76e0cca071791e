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
    """Write the whole graph to the folder OUT (JSON Lines), for backup or moving."""
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
