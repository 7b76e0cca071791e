"""The pages about the service (help and glossary, accessibility statement, privacy notice,
cookies, contact): open without signing in, linked from every page's footer, reading no
graph, and saying what this area's settings say."""

from __future__ import annotations

import dataclasses

import pytest
from flask import Flask

from ecosystem import Ecosystem, vocabulary

PAGES = {"/help": "Help and glossary", "/accessibility": "Accessibility statement",
         "/privacy": "Privacy notice", "/cookies": "Cookies", "/contact": "Contact"}


@pytest.mark.parametrize("path", list(PAGES))
def test_open_without_signing_in(app: Flask, path: str) -> None:
    resp = app.test_client().get(path)
    assert resp.status_code == 200
    assert f"<h1>{PAGES[path]}</h1>" in resp.get_data(as_text=True)


def test_every_page_links_to_them_in_the_footer(app: Flask, client) -> None:  # type: ignore[no-untyped-def]
    for page in (app.test_client().get("/sign-in"), client.get("/"), client.get("/nope")):
        footer = page.get_data(as_text=True).split('<footer', 1)[1]
        for path, label in PAGES.items():
            assert f'href="{path}">{label}' in footer


def test_the_phase_banner_links_to_contact(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/").get_data(as_text=True)
    banner = html.split('class="app-phase-banner"', 1)[1].split("</div>", 1)[0]
    assert "Beta" in banner and 'href="/contact"' in banner


def test_the_glossary_defines_the_words_the_pages_use(app: Flask) -> None:
    html = app.test_client().get("/help").get_data(as_text=True)
    for term in [*vocabulary.DOMAINS, *vocabulary.SOURCES, *vocabulary.SUPPORT_TYPES]:
        assert term.name in html
    for anchor in ("life-domain", "source", "type", "cohort", "ips", "housing-first",
                   "commissioner", "suppression"):
        assert f'id="{anchor}"' in html
    assert "from 1 to 7 is <strong>suppressed</strong>" in html
    assert "nearest 5" in html


def test_pages_say_who_runs_the_tool_and_how_to_reach_them(eco: Ecosystem) -> None:
    from web import create_app

    settings = dataclasses.replace(eco.settings, organisation="Northvale ICB",
                                   contact_email="map@northvale.example.org",
                                   suppression_threshold=10, suppression_rounding=1)
    app = create_app(settings, eco)
    c = app.test_client()
    contact = c.get("/contact").get_data(as_text=True)
    assert "run by Northvale ICB" in contact
    assert 'href="mailto:map@northvale.example.org"' in contact
    help_page = c.get("/help").get_data(as_text=True)
    assert "from 1 to 10 is <strong>suppressed</strong>" in help_page
    assert "nearest" not in help_page.split('id="suppression"', 1)[1]
    assert "Northvale ICB" in c.get("/accessibility").get_data(as_text=True)


def test_without_settings_they_point_to_the_administrators(app: Flask) -> None:
    html = app.test_client().get("/privacy").get_data(as_text=True)
    assert "the organisation that runs this copy of the tool" in html
    assert "ask your area's administrators" in html


def test_the_commissioner_pages_link_suppression_to_its_definition(demo: Ecosystem, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/commissioner/overlaps").get_data(as_text=True)
    assert 'href="/help#suppression"' in html
