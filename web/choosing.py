"""Choosing one of a long list: an area among a nation's 5,000, a provider among 4,000.

A list of up to `LONG_LIST` entries is a select. A longer one is a text box: the user types a
name (or a code), suggestions come from `/choices/<list>` as they type (web/static/suggest.js;
without JavaScript the box works as it is), and `read` turns what was typed back into the
entry's id. A name two entries share is offered, and read, as "Name (code)".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from ecosystem import Ecosystem
from ecosystem.vocabulary import label

LONG_LIST = 200  # more entries than this: a text box with suggestions, not a select
SUGGESTIONS = 20
MAX_TEXT = 300  # of what is read from a text box


class Option(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


def is_long(options: Sequence[Any]) -> bool:
    return len(options) > LONG_LIST


def _shared(options: Sequence[Option]) -> set[str]:
    seen: set[str] = set()
    shared: set[str] = set()
    for o in options:
        key = o.name.casefold()
        (shared if key in seen else seen).add(key)
    return shared


def labels(options: Sequence[Option]) -> dict[str, str]:
    """id -> the words the text box shows for it: its name, or "Name (code)" when another
    entry has the same name."""
    shared = _shared(options)
    return {o.id: f"{o.name} ({o.id})" if o.name.casefold() in shared else o.name
            for o in options}


def shown(options: Sequence[Option], id: str | None) -> str:
    """What the text box holds for the chosen `id` (blank for none)."""
    if not id:
        return ""
    return labels(options).get(id, id)


def read(raw: str, options: Sequence[Option], what: str) -> tuple[str | None, str | None]:
    """(id, None) for an entry's code, its name (any case) or "Name (code)"; (None, None) for
    nothing; (None, message) when it names no entry, or more than one."""
    text = " ".join(raw.split())
    if not text:
        return None, None
    by_id = {o.id: o for o in options}
    if text in by_id:
        return text, None
    if text.endswith(")") and " (" in text:
        code = text[text.rindex(" (") + 2:-1].strip()
        if code in by_id:
            return code, None
    named = [o for o in options if o.name.casefold() == text.casefold()]
    if len(named) == 1:
        return named[0].id, None
    if named:
        codes = ", ".join(o.id for o in named[:5])
        return None, (f"More than one {what} is called {text}: choose one from the list "
                      f"(their codes are {codes})")
    return None, (f"No {what} is called {text}. Check the spelling, or start typing and "
                  "choose from the list")


def read_filters(args: Mapping[str, str], names: Sequence[str],
                 options: Mapping[str, Sequence[Option]], labels: Mapping[str, str]
                 ) -> tuple[dict[str, str | None], dict[str, str]]:
    """The filters chosen in `args` (a page's query string): each a select's id, or for a
    long list a name typed into its text box; one not on its list is an error."""
    filters: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    for f in names:
        raw = args.get(f, "")[:MAX_TEXT]
        if is_long(options[f]):
            value, problem = read(raw, options[f], labels[f].lower())
        else:
            value = raw.strip() or None
            problem = None
            if value is not None and value not in {o.id for o in options[f]}:
                problem, value = f"Choose a {labels[f].lower()} from the list", None
        if problem:
            errors[f] = problem
        filters[f] = value
    return filters, errors


def suggest(options: Sequence[Option], q: str, detail: Callable[[Any], str | None],
            limit: int = SUGGESTIONS) -> list[dict[str, str | None]]:
    """Up to `limit` entries whose name or code holds `q`: names starting with it first,
    then alphabetically."""
    needle = q.casefold().strip()
    if not needle:
        return []
    found = [o for o in options if needle in o.name.casefold() or needle == o.id.casefold()]
    found.sort(key=lambda o: (not o.name.casefold().startswith(needle), o.name.casefold()))
    shown_as = labels(options)
    return [{"name": shown_as[o.id], "detail": detail(o)} for o in found[:limit]]


# The lists a text box can ask for suggestions from: name -> (the list, a detail to show).
Detail = Callable[[Any], str | None]
SUGGESTING_FROM: dict[str, tuple[Callable[[Ecosystem], Sequence[Any]], Detail]] = {
    "areas": (lambda eco: eco.area_choices(),
              lambda a: label("area_level", a.note) if a.note else None),
    "commissioners": (lambda eco: eco.commissioner_choices(),
                      lambda c: label("commissioner_kind", c.note) if c.note else None),
    "client-areas": (lambda eco: eco.client_areas(),
                     lambda a: label("area_level", a.level) if a.level else None),
}


def options_of(eco: Ecosystem, name: str) -> tuple[Sequence[Any], Callable[[Any], str | None]]:
    """The list called `name`: one of SUGGESTING_FROM, or a filter of the services list
    ("list-<filter>") or of the map ("map-<filter>"); KeyError for none."""
    if name in SUGGESTING_FROM:
        get, detail = SUGGESTING_FROM[name]
        return get(eco), detail
    kind, _, f = name.partition("-")
    if kind == "list":
        return eco.service_list_options()[f], lambda o: None
    if kind == "map":
        return eco.map_filter_options()[f], lambda o: None
    raise KeyError(name)
