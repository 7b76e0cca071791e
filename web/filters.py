"""Jinja filters and globals: how values and links to entities look on every page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask, current_app, request, url_for

from ecosystem import vocabulary
from ecosystem.vocabulary import RECORD_KINDS as KIND_LABELS

# Entity kind -> endpoint of its page. A kind without a page (yet) is shown as plain text.
ENTITY_ENDPOINTS: dict[str, str] = {
    "service": "directory.service",
    "provider": "directory.provider",
    "commissioner": "directory.commissioner",
    "cohort": "directory.cohort",
    "area": "directory.area",
}



def entity_url(kind: str, id: str) -> str | None:
    endpoint = ENTITY_ENDPOINTS.get(kind)
    if endpoint is None or endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, id=id)


def label(key: str) -> str:
    """`waiting_days` -> `Waiting days`."""
    return key.replace("_", " ").capitalize()


def show(value: Any) -> str:
    """A property value as text a person reads."""
    if value is None or value == [] or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dt.datetime):
        return value.strftime("%-d %B %Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def page_url(number: int, endpoint: str | None = None,
             args: dict[str, str] | None = None, anchor: str | None = None) -> str:
    """Page `number` of a list: this page's URL with the same choices (filters, search), or
    `endpoint` with `args` (a list shown on a page that is not a GET of its own)."""
    if endpoint is None:
        endpoint = request.endpoint
        assert endpoint is not None
        query: dict[str, Any] = {**(request.view_args or {}),
                                 **request.args.to_dict(flat=False)}
    else:
        query = {k: v for k, v in (args or {}).items() if v}
    query["page"] = str(number)
    return url_for(endpoint, **query, _anchor=anchor)


def code(value: str | None, kind: str) -> str:
    """A code as its label in vocabulary list `kind`: `{{ level|code('area_level') }}`."""
    return vocabulary.label(kind, value)


def init_app(app: Flask) -> None:
    from . import choosing

    app.add_template_filter(code)
    app.add_template_global(choosing.is_long, "long_list")
    app.add_template_global(choosing.shown, "choice_text")
    app.add_template_global(entity_url)
    app.add_template_global(page_url)
    app.jinja_env.globals["kind_labels"] = KIND_LABELS
    app.add_template_filter(label)
    app.add_template_filter(show)
