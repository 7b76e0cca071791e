"""What an edit form shows: the columns of the import template, in its order, labelled in
plain English, coded columns as choices from ecosystem.vocabulary."""

from __future__ import annotations

import typing
from dataclasses import dataclass

from ecosystem.contacts import way_words
from ecosystem.importers.schema import ENTITY_BY_NAME
from ecosystem.vocabulary import FIELD_CHOICES, FIELD_LABELS, LISTS

TEXT, TEXTAREA, SELECT, CHECKBOXES = "text", "textarea", "select", "checkboxes"
LONG_TEXT = frozenset({"description", "other_criteria", "accessibility", "hours_note",
                       "criteria", "note", "sites", "referral_methods", "opening_hours",
                       "locations", "cost_options", "funding", "taxonomy_terms"})
YES_NO = (("yes", "Yes"), ("no", "No"))


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    widget: str
    required: bool
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    blank: bool = True  # a select may be left as "not given"


def _is_list(annotation: object) -> bool:
    return typing.get_origin(annotation) is list or "list[" in str(annotation)


def fields(table: str) -> list[FormField]:
    out = []
    for name, f in ENTITY_BY_NAME[table].model.model_fields.items():
        label = FIELD_LABELS.get(name, name.replace("_", " ").capitalize())
        many = _is_list(f.annotation)
        hint = "Separate values with semicolons." if many else ""
        codes = LISTS.get(FIELD_CHOICES.get(name, ""))
        choices: tuple[tuple[str, str], ...] = ()
        if codes is not None:
            widget = CHECKBOXES if many else SELECT
            choices = tuple(codes.items())
            hint = ""
        elif typing.get_origin(f.annotation) is typing.Literal:
            widget = SELECT
            choices = tuple((str(a), str(a).replace("_", " ").capitalize())
                            for a in typing.get_args(f.annotation))
        elif "bool" in str(f.annotation):
            widget, choices = SELECT, YES_NO
        elif name in LONG_TEXT:
            widget = TEXTAREA
        else:
            widget = TEXT
        if name.endswith("_date") or name == "removed_from_feed_on":
            hint = "A date like 2026-03-31."
        blank = not f.is_required() and f.get_default() is None
        out.append(FormField(name, label, widget, f.is_required(), choices, hint, blank))
    return out


def shown(values: typing.Mapping[str, str]) -> dict[str, str]:
    """An entry's cells as its edit form shows them: ways in by their labels, not codes
    (saving reads either)."""
    out = dict(values)
    if out.get("referral_methods"):
        out["referral_methods"] = way_words(out["referral_methods"])
    return out


def cells_from_form(table: str, form: typing.Mapping[str, str],
                    getlist: typing.Callable[[str], list[str]]) -> dict[str, str]:
    """A submitted form as the cells of one import row (checkboxes joined by semicolons)."""
    out = {}
    for f in fields(table):
        if f.widget == CHECKBOXES:
            out[f.name] = "; ".join(getlist(f.name))
        else:
            out[f.name] = (form.get(f.name) or "").strip()
    return out
