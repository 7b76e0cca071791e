"""Network views: a pyvis Network built from directory dataclasses, rendered for embedding.

pyvis builds the node/edge/option data; its own HTML template is not used because it loads
vis-network and Bootstrap from CDNs. `templates/partials/network.html` renders the data with
the vendored vis-network (`static/vis-network/`) and, always, a table of the same nodes and
edges as the text alternative.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from flask import g, render_template
from markupsafe import Markup
from pyvis.network import Network as PyvisNetwork

from ecosystem.directory.pages import MapNode, Network
from ecosystem.vocabulary import DOMAIN_NAMES, DOMAINS

from .filters import entity_url

# Colour-blind-safe-ish palette from the NHS identity colours; shape also tells the kinds
# apart, so colour is never the only signal (WCAG 1.4.1).
DOMAIN_COLOURS: dict[str, str] = {
    "housing": "#005eb8",
    "money": "#ffb81c",
    "work": "#007f3b",
    "connectedness": "#ae2573",
    "family": "#ed8b00",
    "victimisation": "#8a1538",
    "offending": "#425563",
    "citizenship": "#00a499",
}
NO_DOMAIN_COLOUR = "#aeb7bd"


@dataclass(frozen=True)
class KindStyle:
    label: str
    shape: str
    colour: str | None  # None: colour by life domain


KIND_STYLES: dict[str, KindStyle] = {
    "service": KindStyle("Service", "dot", None),
    "provider": KindStyle("Provider", "square", "#330072"),
    "commissioner": KindStyle("Commissioner", "diamond", "#212b32"),
    "cohort": KindStyle("Cohort", "triangle", "#768692"),
    "area": KindStyle("Area", "hexagon", "#4c6272"),
    "domain": KindStyle("Life domain", "star", None),
    "source": KindStyle("Source of support", "box", "#e8edee"),
    "support_type": KindStyle("Type of support", "box", "#e8edee"),
    "model": KindStyle("Model of support", "ellipse", "#d8dde0"),
    "client": KindStyle("The client", "star", "#d5281b"),
    "group": KindStyle("Group of services", "dot", None),
}
_DEFAULT_STYLE = KindStyle("Other", "dot", NO_DOMAIN_COLOUR)
MIN_SIZE, MAX_SIZE = 10.0, 40.0

OPTIONS: dict[str, Any] = {
    "physics": {
        "enabled": True,
        "stabilization": {"iterations": 200},
        "barnesHut": {"gravitationalConstant": -8000, "springLength": 120},
    },
    # The mouse wheel scrolls the page; it zooms the map only with Ctrl held or after a
    # click in the map (web/static/network.js), and the + and - buttons always zoom.
    "interaction": {"hover": True, "keyboard": {"enabled": True, "bindToWindow": False},
                    "tooltipDelay": 150, "zoomView": False, "navigationButtons": True},
    "nodes": {"font": {"size": 14, "face": "arial", "color": "#212b32"}, "borderWidth": 1},
    "edges": {"smooth": False, "color": {"color": "#768692", "highlight": "#005eb8"},
              "font": {"size": 11, "align": "middle"}},
}


def style_for(kind: str) -> KindStyle:
    return KIND_STYLES.get(kind, _DEFAULT_STYLE)


def colour_for(node: MapNode) -> str:
    style = style_for(node.kind)
    if style.colour is not None:
        return style.colour
    return DOMAIN_COLOURS.get(node.domain or "", NO_DOMAIN_COLOUR)


def node_sizes(nodes: list[MapNode]) -> dict[str, float]:
    """Area-proportional sizes, scaled within each kind (capacity and £ are not comparable)."""
    largest: dict[str, float] = {}
    for n in nodes:
        if n.size:
            largest[n.kind] = max(largest.get(n.kind, 0.0), n.size)
    sizes = {}
    for n in nodes:
        top = largest.get(n.kind)
        if n.size and top:
            sizes[n.key] = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(n.size / top)
        else:
            sizes[n.key] = MIN_SIZE + 5
    return sizes


SHAPE_NAMES = {"dot": "circle", "square": "square", "box": "box", "diamond": "diamond",
               "triangle": "triangle", "hexagon": "hexagon", "star": "star", "ellipse": "oval"}


HIGHLIGHT_COLOUR = "#005eb8"


def build(network: Network, urls: dict[str, str] | None = None,
          directed: bool = True, highlight: frozenset[str] = frozenset()) -> PyvisNetwork:
    """The pyvis Network; `urls` maps node keys to the page a double-click opens; nodes in
    `highlight` get a thick border and the links into them a thick blue line."""
    net = PyvisNetwork(directed=directed, cdn_resources="local")
    sizes = node_sizes(network.nodes)
    urls = urls or {}
    for n in network.nodes:
        style = style_for(n.kind)
        extra: dict[str, Any] = {"url": urls[n.key]} if n.key in urls else {}
        if n.key in highlight:
            extra["borderWidth"] = 4
        net.add_node(n.key, label=n.name, title=f"{style.label}: {n.name}", shape=style.shape,
                     color=colour_for(n), size=sizes[n.key], **extra)
    known = {n.key for n in network.nodes}
    for e in network.edges:
        if e.source in known and e.target in known:
            lit: dict[str, Any] = {"width": 4, "color": HIGHLIGHT_COLOUR} \
                if e.target in highlight else {}
            net.add_edge(e.source, e.target, title=e.relation,
                         dashes=e.relation == "refers to", **lit)
    net.options = OPTIONS  # pyvis accepts a plain dict for its options
    return net


def render(network: Network, *, name: str, title: str, size: str = "large",
           show_table: bool = True, highlight: frozenset[str] = frozenset(),
           highlight_label: str = "Highlighted",
           urls: dict[str, str] | None = None) -> Markup:
    """HTML for one network view and its tables; `name` must be unique on the page.
    `highlight` (node keys) are drawn thicker and marked in a column of the tables.
    `urls` (node key -> URL) link nodes that are not entities (e.g. groups), or override.

    Call it from a view: it flags the request so that base.html loads vis-network.
    """
    urls = {**{n.key: u for n in network.nodes if (u := entity_url(n.kind, n.id))},
            **(urls or {})}
    net = build(network, urls, highlight=highlight)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    data = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    g.network_on_page = True
    return Markup(render_template(
        "partials/network.html", name=name, title=title, size=size, data=data,
        network=network, by_key={n.key: n for n in network.nodes}, show_table=show_table,
        legend=_legend(network), shape_names=SHAPE_NAMES, domain_names=DOMAIN_NAMES,
        size_text=size_text, highlight=highlight, highlight_label=highlight_label,
        node_urls=urls,
    ))


def size_text(node: MapNode) -> str:
    """What the node's size stands for, in words, for the table."""
    if node.size is None:
        return ""
    if node.kind == "commissioner":
        return f"£{node.size:,.0f} a year"
    if node.kind == "group":
        return f"{node.size:,.0f} service{'' if node.size == 1 else 's'}"
    if node.kind == "cohort":
        return f"about {node.size:,.0f} people"
    return f"{node.size:,.0f} places"


def _legend(network: Network) -> list[tuple[str, str, str]]:
    """(label, shape, colour) for the kinds and life domains present."""
    items = []
    kinds = sorted({n.kind for n in network.nodes}, key=lambda k: list(KIND_STYLES).index(k)
                   if k in KIND_STYLES else len(KIND_STYLES))
    for k in kinds:
        s = style_for(k)
        if s.colour is not None:
            items.append((s.label, s.shape, s.colour))
    domains = {n.domain for n in network.nodes if style_for(n.kind).colour is None}
    for term in DOMAINS:
        if term.id in domains:
            items.append((term.name, "dot", DOMAIN_COLOURS.get(term.id, NO_DOMAIN_COLOUR)))
    return items
