"""Every blueprint the app registers. A new page is a blueprint module plus one line here."""

from __future__ import annotations

from flask import Blueprint

from . import admin, auth, commissioner, data, directory, editing, errors, home, keyworker

BLUEPRINTS: tuple[Blueprint, ...] = (
    errors.bp,
    auth.bp,
    admin.bp,
    home.bp,
    directory.bp,
    editing.bp,
    commissioner.bp,
    data.bp,
    keyworker.bp,
)
