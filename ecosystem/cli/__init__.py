"""The `ecosystem` command: a thin layer over `ecosystem.Ecosystem`."""

from __future__ import annotations

import click

from .analyse import analyse
from .data import demo, import_, load_demo, privacy_check, templates
from .db import db, init
from .serve import serve
from .common import main_group
from .oruk import export_oruk, import_oruk

cli: click.Group = main_group
cli.add_command(db)
cli.add_command(init)
cli.add_command(import_)
cli.add_command(load_demo)
cli.add_command(demo)
cli.add_command(templates)
cli.add_command(privacy_check)
cli.add_command(serve)
cli.add_command(import_oruk)
cli.add_command(export_oruk)
cli.add_command(analyse)

__all__ = ["cli"]
