"""Every blueprint the app registers. A new page is a blueprint module plus one line here."""

from __future__ import annotations

from flask import Blueprint

from . import (
    about,
    admin,
    auth,
    commissioner,
    data,
    directory,
    editing,
    errors,
    finder,
    home,
    keyworker,
    oruk_api,
    review,
    stewardship,
)

BLUEPRINTS: tuple[Blueprint, ...] = (
    errors.bp,
    about.bp,
    finder.bp,
    auth.bp,
    admin.bp,
    home.bp,
    directory.bp,
    editing.bp,
    commissioner.bp,
    data.bp,
    review.bp,
    keyworker.bp,
    oruk_api.bp,
    stewardship.bp,
)
