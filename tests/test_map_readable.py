"""The home page's map on the demo area, in a real Chromium: labels readable at the first fit,
few enough nodes, every node reachable and opened from the keyboard, shapes as well as colours
(issue 14). Read-only on the demo."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import check_accessible, chromium_page, served
from flask import Flask

from ecosystem import Ecosystem
from web import network
from web.blueprints import home

MIN_LABEL_PX = 12  # CSS px: the smallest label size we call readable

# What the map on the page shows once the layout has settled: its node count, the label font
# size from its options, the scale vis-network chose to fit the canvas, and each node's kind
# and shape.
READ_MAP = """() => {
  const figure = document.querySelector('.app-network--settled');
  const data = JSON.parse(
    document.getElementById(figure.getAttribute('data-network')).textContent);
  return {nodes: data.nodes.length, font: data.options.nodes.font.size,
          scale: figure.visNetwork.getScale(),
          shapes: data.nodes.map(n => [n.kind, n.shape]),
          legend: Array.from(figure.querySelectorAll('.app-network__legend-item'))
                       .map(li => li.textContent.trim())};
}"""


@pytest.fixture
def live_server(app: Flask, demo: Ecosystem) -> Iterator[str]:
    with served(app) as url:
        yield url


@pytest.fixture
def page(live_server: str) -> Iterator[Any]:
    with chromium_page(live_server) as pg:
        yield pg


def _open_map(page: Any, url: str) -> dict[str, Any]:
    page.goto(url)
    page.wait_for_selector(".app-network--settled canvas", timeout=30000)
    result: dict[str, Any] = page.evaluate(READ_MAP)
    return result


def _views(demo: Ecosystem) -> dict[str, str]:
    """The demo's views to measure, found from its data: the default (unfiltered) map; the
    one-area map with the most nodes (drawn whole, or grouped); the one-area, one-domain map
    with the most nodes."""
    areas = [g.id for g in demo.map_groups({}, "area").groups if g.id]
    area = max(areas, key=lambda a: demo.map_groups({"area": a}).nodes)
    pairs = [(a, d.id) for a in areas for d in demo.map_groups({"area": a}, "domain").groups
             if d.id]
    pair = max(pairs, key=lambda p: demo.map_groups({"area": p[0], "domain": p[1]}).nodes)
    return {"default": "/", "one area": f"/?area={area}",
            "one area and domain": f"/?area={pair[0]}&domain={pair[1]}"}


@pytest.mark.browser
def test_labels_are_readable_at_the_first_fit(page: Any, live_server: str,
                                              demo: Ecosystem) -> None:
    """font size x the fitted scale is the label's size on screen, in CSS px."""
    seen = {}
    for name, url in _views(demo).items():
        shown = _open_map(page, live_server + url)
        seen[name] = (shown["nodes"], round(shown["font"] * shown["scale"], 1))
        assert 0 < shown["nodes"] <= home.GROUP_THRESHOLD, (name, shown["nodes"])
        assert shown["font"] * shown["scale"] >= MIN_LABEL_PX, (name, seen[name])
        check_accessible(page)
        if shots := os.environ.get("ECOSYSTEM_SCREENSHOTS"):
            page.locator(".app-network").screenshot(
                path=str(Path(shots) / f"map-{name.replace(' ', '-')}.png"))
    print("nodes and label size in CSS px:", seen)
    # Guards the test: drawn whole, the demo's unfiltered map would be too big to read.
    assert demo.map_groups({}, "area").nodes > home.GROUP_THRESHOLD
    assert page.problems == [], "\n".join(page.problems)


@pytest.mark.browser
def test_every_node_opens_from_the_keyboard(page: Any, live_server: str,
                                            demo: Ecosystem) -> None:
    """Tab (only) to a service's link in the list beside the map, Enter: its page opens;
    the list has a link for each node the map draws."""
    url = _views(demo)["one area and domain"]
    shown = _open_map(page, live_server + url)
    links = page.locator("#area-map-links a")
    assert links.count() == shown["nodes"]
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    target = next(h for h in hrefs if h.startswith("/services/"))
    name = page.locator(f'#area-map-links a[href="{target}"]').inner_text()
    for _ in range(400):  # at most: the page has far fewer focusable things than this
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == target:
            break
    else:
        pytest.fail(f"Tab never reached the link to {target}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    assert page.locator("h1").inner_text() == name
    assert page.problems == [], "\n".join(page.problems)


@pytest.mark.browser
def test_default_view_groups_open_from_the_keyboard(page: Any, live_server: str) -> None:
    """The default view is groups of services: a group's link opens the map of that group."""
    shown = _open_map(page, live_server + "/")
    assert {k for k, _ in shown["shapes"]} == {"group"}
    first = page.locator("#area-map-links a").first
    target = first.get_attribute("href")
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/?*area=*")
    assert page.url.endswith(target)
    assert _open_map(page, page.url)["nodes"] <= home.GROUP_THRESHOLD


@pytest.mark.browser
def test_kinds_differ_by_shape_and_the_key_says_so(page: Any, live_server: str,
                                                   demo: Ecosystem) -> None:
    shown = _open_map(page, live_server + _views(demo)["one area and domain"])
    shape_of: dict[str, set[str]] = {}
    for kind, shape in shown["shapes"]:
        shape_of.setdefault(kind, set()).add(shape)
    assert len(shape_of) >= 3  # services, providers, commissioners at least
    assert all(len(s) == 1 for s in shape_of.values()), shape_of
    assert len({s.pop() for s in shape_of.values()}) == len(shape_of)
    for kind in shape_of:
        style = network.style_for(kind)
        assert f"{style.label}: {network.SHAPE_NAMES[style.shape]}" in shown["legend"]


@pytest.mark.no_neo4j
def test_every_kind_has_its_own_shape() -> None:
    shapes = [s.shape for s in network.KIND_STYLES.values()]
    assert len(set(shapes)) == len(shapes), shapes
    assert all(s in network.SHAPE_NAMES for s in shapes)
