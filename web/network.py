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


# Every kind has its own shape (tests/test_map_readable.py checks), so colour is never the
# only way to tell kinds apart. Groups are circles with their name inside, on white.
KIND_STYLES: dict[str, KindStyle] = {
    "service": KindStyle("Service", "dot", None),
    "provider": KindStyle("Provider", "square", "#330072"),
    "commissioner": KindStyle("Commissioner", "diamond", "#212b32"),
    "cohort": KindStyle("Cohort", "triangle", "#768692"),
    "area": KindStyle("Area", "hexagon", "#4c6272"),
    "domain": KindStyle("Life domain", "star", None),
    "source": KindStyle("Source of support", "box", "#e8edee"),
    "support_type": KindStyle("Type of support", "database", "#e8edee"),
    "model": KindStyle("Model of support", "ellipse", "#d8dde0"),
    "client": KindStyle("The client", "triangleDown", "#d5281b"),
    "group": KindStyle("Group of services", "circle", None),
}
_DEFAULT_STYLE = KindStyle("Other", "dot", NO_DOMAIN_COLOUR)
MIN_SIZE, MAX_SIZE = 10.0, 40.0

# Labels are drawn at FONT_SIZE times the zoom the first fit chooses; few nodes (home.py's
# GROUP_THRESHOLD) and a compact layout keep that at 12 CSS px or more (the browser test
# measures it). A fixed seed gives the same layout at each visit.
FONT_SIZE = 18
OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 7},
    "physics": {
        "enabled": True,
        "stabilization": {"iterations": 300},
        "barnesHut": {"gravitationalConstant": -3000, "springLength": 100,
                      "centralGravity": 0.5, "avoidOverlap": 0.2},
    },
    # The mouse wheel scrolls the page; it zooms the map only with Ctrl held or after a
    # click in the map (web/static/network.js), and the + and - buttons always zoom.
    "interaction": {"hover": True, "keyboard": {"enabled": True, "bindToWindow": False},
                    "tooltipDelay": 150, "zoomView": False, "navigationButtons": True},
    # A pale backing keeps a label legible where a line crosses it.
    "nodes": {"font": {"size": FONT_SIZE, "face": "arial", "color": "#212b32",
                       "background": "rgba(255,255,255,0.85)"},
              "borderWidth": 1},
    "edges": {"smooth": False, "color": {"color": "#768692", "highlight": "#005eb8"},
              "font": {"size": 14, "align": "middle"}},
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
               "triangle": "triangle", "hexagon": "hexagon", "star": "star", "ellipse": "oval",
               "database": "cylinder", "triangleDown": "upside-down triangle",
               "circle": "circle with its name inside"}


HIGHLIGHT_COLOUR = "#005eb8"
# Groups have no links for the layout to spread them by: they sit in rows, this far apart
# (in the map's units, CSS px at a zoom of 1), at least GROUPS_PER_ROW to a row and more when
# there are many, so the grid keeps about the canvas's shape.
GROUP_SPACING_X, GROUP_SPACING_Y, GROUPS_PER_ROW = 240, 200, 4
GROUP_LABEL_WIDTH = 150  # a longer name wraps, so a circle stays within its place


def _group_place(index: int, count: int) -> dict[str, Any]:
    """A fixed place for the index-th of `count` group nodes."""
    row, col = divmod(index, max(GROUPS_PER_ROW, math.ceil(math.sqrt(1.6 * count))))
    return {"x": col * GROUP_SPACING_X, "y": row * GROUP_SPACING_Y,
            "widthConstraint": {"maximum": GROUP_LABEL_WIDTH}}


def build(network: Network, urls: dict[str, str] | None = None,
          directed: bool = True, highlight: frozenset[str] = frozenset()) -> PyvisNetwork:
    """The pyvis Network; `urls` maps node keys to the page a double-click opens; nodes in
    `highlight` get a thick border and the links into them a thick blue line."""
    net = PyvisNetwork(directed=directed, cdn_resources="local")
    sizes = node_sizes(network.nodes)
    urls = urls or {}
    groups, group_count = 0, sum(n.kind == "group" for n in network.nodes)
    for n in network.nodes:
        style = style_for(n.kind)
        extra: dict[str, Any] = {"url": urls[n.key]} if n.key in urls else {}
        label = n.name
        if n.kind == "group":
            extra.update(_group_place(groups, group_count))
            groups += 1
            label = n.name.replace(" (", "\n(", 1)  # the count on a line of its own
        rim = colour_for(n)
        # A circle holds its name: dark text on white, in a rim of the colour.
        colour: Any = {"background": "#ffffff", "border": rim} if style.shape == "circle" else rim
        if style.shape == "circle":
            extra["borderWidth"] = 3
        if n.key in highlight:
            extra["borderWidth"] = 4
        net.add_node(n.key, label=label, title=f"{style.label}: {n.name}", shape=style.shape,
                     color=colour, size=sizes[n.key], kind=n.kind, **extra)
    known = {n.key for n in network.nodes}
    for e in network.edges:
        if e.source in known and e.target in known:
            lit: dict[str, Any] = {"width": 4, "color": HIGHLIGHT_COLOUR} \
                if e.target in highlight else {}
            net.add_edge(e.source, e.target, title=e.relation,
                         dashes=e.relation == "refers to", **lit)
    # pyvis accepts a plain dict for its options; groups alone are placed, not laid out.
    fixed = bool(network.nodes) and all(n.kind == "group" for n in network.nodes)
    net.options = {**OPTIONS, "physics": {"enabled": False}} if fixed else OPTIONS
    return net


def render(network: Network, *, name: str, title: str, size: str = "large",
           show_table: bool = True, highlight: frozenset[str] = frozenset(),
           highlight_label: str = "Highlighted",
           urls: dict[str, str] | None = None, node_links: bool = False) -> Markup:
    """HTML for one network view and its tables; `name` must be unique on the page.
    `highlight` (node keys) are drawn thicker and marked in a column of the tables.
    `urls` (node key -> URL) link nodes that are not entities (e.g. groups), or override.
    `node_links`: a visible list of the nodes as links beside the map, so that a keyboard
    (or screen reader) user can open each one.

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
        node_urls=urls, node_links=node_links, kind_styles=KIND_STYLES,
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


@dataclass(frozen=True)
class LegendItem:
    label: str
    shape: str
    colour: str
    text: str  # the item in words: what it is and its shape, so colour is not the only cue


BY_DOMAIN_SWATCH = "#ffffff"  # kinds coloured by life domain show their shape on white


def _legend(network: Network) -> list[LegendItem]:
    """Each kind present with its shape, then the life domains' colours (for the kinds
    coloured by domain), all in words as well as drawn."""
    order = list(KIND_STYLES)
    kinds = sorted({n.kind for n in network.nodes},
                   key=lambda k: order.index(k) if k in order else len(order))
    items = []
    for k in kinds:
        s = style_for(k)
        items.append(LegendItem(s.label, s.shape, s.colour or BY_DOMAIN_SWATCH,
                                f"{s.label}: {SHAPE_NAMES.get(s.shape, s.shape)}"))
    domains = {n.domain for n in network.nodes if style_for(n.kind).colour is None}
    for term in DOMAINS:
        if term.id in domains:
            items.append(LegendItem(term.name, "dot",
                                    DOMAIN_COLOURS.get(term.id, NO_DOMAIN_COLOUR),
                                    f"Colour for {term.name.lower()}"))
    return items
