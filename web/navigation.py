"""The header navigation. Adding an item is one line in NAV.

An item whose endpoint is not registered (its blueprint not written yet), or that the
signed-in user may not open (web.access.POLICY), is left out, so the menu never links to a
page that does not exist or would refuse them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, url_for

from .access import allowed


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str  # e.g. "home.index"; the item is current on any page of its blueprint


NAV: tuple[NavItem, ...] = (
    NavItem("Home and map", "home.index"),
    NavItem("Key worker", "keyworker.index"),
    NavItem("Commissioner", "commissioner.index"),
    NavItem("Data", "data.index"),
    NavItem("Keep the map true", "stewardship.index"),
    NavItem("Services", "directory.services"),
    NavItem("Search", "directory.search"),
    NavItem("Admin", "admin.users"),
)


# The footer's links, on every page (signed in or not): the pages public-sector sites must
# have, and help.
FOOTER: tuple[tuple[str, str], ...] = (
    ("about.help", "Help and glossary"),
    ("about.accessibility", "Accessibility statement"),
    ("about.privacy", "Privacy notice"),
    ("about.cookies", "Cookies"),
    ("about.contact", "Contact"),
)


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    current: bool


def nav_links(app: Flask) -> list[NavLink]:
    endpoints = set(app.view_functions)
    here = request.endpoint or ""
    links = []
    for item in NAV:
        if item.endpoint not in endpoints or not allowed(item.endpoint):
            continue
        blueprint = item.endpoint.rsplit(".", 1)[0]
        current = here == item.endpoint or (
            blueprint not in {"directory", "home"} and here.startswith(blueprint + "."))
        links.append(NavLink(item.label, url_for(item.endpoint), current))
    return links
