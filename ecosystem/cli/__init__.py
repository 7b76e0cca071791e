"""The `ecosystem` command: a thin layer over `ecosystem.Ecosystem`."""

from __future__ import annotations

import click

from ecosystem.cli.analyse import analyse
from ecosystem.cli.backup import export, export_tables, restore
from ecosystem.cli.bulk import bulk_import_
from ecosystem.cli.common import main_group
from ecosystem.cli.data import demo, import_, load_demo, privacy_check, templates
from ecosystem.cli.db import db, init
from ecosystem.cli.oruk import export_oruk, import_oruk
from ecosystem.cli.retention import retention
from ecosystem.cli.serve import serve
from ecosystem.cli.stewardship import stewardship
from ecosystem.cli.users import audit, clear_people, users

cli: click.Group = main_group
cli.add_command(db)
cli.add_command(init)
cli.add_command(import_)
cli.add_command(bulk_import_)
cli.add_command(load_demo)
cli.add_command(demo)
cli.add_command(templates)
cli.add_command(privacy_check)
cli.add_command(export)
cli.add_command(export_tables)
cli.add_command(restore)
cli.add_command(serve)
cli.add_command(import_oruk)
cli.add_command(export_oruk)
cli.add_command(users)
cli.add_command(audit)
cli.add_command(clear_people)
cli.add_command(analyse)
cli.add_command(retention)
cli.add_command(stewardship)

__all__ = ["cli"]
