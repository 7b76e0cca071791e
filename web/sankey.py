"""A two-column Sankey diagram drawn on the server as inline SVG (no script, no inline style).

Left nodes (e.g. commissioners) and right nodes (e.g. life domains) are bars whose heights are
proportional to the money through them; each flow is a band from its left bar to its right
bar, as wide as its value. Colours come from CSS classes (`app-sankey__c0` ... `c7`, by left
node) and every band has a <title> for pointer users; the page always gives the same data as
a table, which is the text alternative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH = 960
LABEL = 300  # room for the labels either side
BAR = 14
GAP = 10
MIN_BAR = 9  # small flows still get a bar tall enough to label
COLOURS = 8


@dataclass(frozen=True)
class Flow:
    source: str  # id
    source_label: str
    target: str
    target_label: str
    value: float


def _money(v: float) -> str:
    return f"£{v:,.0f}"


def render(flows: Sequence[Flow], title: str, description: str, height: float = 520
           ) -> Markup:
    flows = [f for f in flows if f.value > 0]
    if not flows:
        return Markup("")
    lay = _layout(flows, height)
    out = [f'<svg class="app-sankey" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {WIDTH} {lay.height:.0f}" role="img" '
           f'aria-labelledby="sankey-title sankey-desc" focusable="false">',
           f'<title id="sankey-title">{escape(title)}</title>',
           f'<desc id="sankey-desc">{escape(description)}</desc>',
           '<g class="app-sankey__links">', *_bands(flows, lay), "</g>",
           '<g class="app-sankey__nodes">', *_bars(lay), "</g></svg>"]
    return Markup("\n".join(out))


@dataclass
class _Layout:
    """Where each bar goes: (top, height) by node id, each side in order from the largest."""

    left: dict[str, float]  # the money through each node
    right: dict[str, float]
    labels: dict[tuple[str, str], str]  # by ("l" or "r", node id)
    left_order: list[str]
    right_order: list[str]
    lpos: dict[str, tuple[float, float]]
    rpos: dict[str, tuple[float, float]]
    scale: float  # pixels per pound
    height: float
    colour: dict[str, int]  # by left node


def _layout(flows: list[Flow], height: float) -> _Layout:
    left: dict[str, float] = defaultdict(float)
    right: dict[str, float] = defaultdict(float)
    labels: dict[tuple[str, str], str] = {}
    for f in flows:
        left[f.source] += f.value
        right[f.target] += f.value
        labels[("l", f.source)] = f.source_label
        labels[("r", f.target)] = f.target_label
    left_order = sorted(left, key=lambda k: (-left[k], k))
    right_order = sorted(right, key=lambda k: (-right[k], k))
    total = sum(left.values())
    n = max(len(left_order), len(right_order))
    height = max(height, n * (GAP + MIN_BAR) + 40)
    usable = height - 20 - GAP * (n - 1)
    scale = usable / total

    def stack(order: list[str], sums: dict[str, float]) -> dict[str, tuple[float, float]]:
        pos, y = {}, 10.0
        for k in order:
            h = max(MIN_BAR, sums[k] * scale)
            pos[k] = (y, h)
            y += h + GAP
        return pos

    lpos, rpos = stack(left_order, left), stack(right_order, right)
    height = max(height, *(y + h + 10 for y, h in (*lpos.values(), *rpos.values())))
    colour = {k: i % COLOURS for i, k in enumerate(left_order)}
    return _Layout(left, right, labels, left_order, right_order, lpos, rpos, scale, height,
                   colour)


def _bands(flows: list[Flow], lay: _Layout) -> list[str]:
    """One path per flow. Bands are ordered within each bar by the other end, so they do not
    cross needlessly."""
    lcursor = {k: lay.lpos[k][0] for k in lay.left_order}
    rcursor = {k: lay.rpos[k][0] for k in lay.right_order}
    ordered = sorted(flows, key=lambda f: (lay.left_order.index(f.source),
                                           lay.right_order.index(f.target)))
    by_target = sorted(ordered, key=lambda f: (lay.right_order.index(f.target),
                                               lay.left_order.index(f.source)))
    r_start: dict[int, float] = {}
    for f in by_target:
        r_start[id(f)] = rcursor[f.target]
        rcursor[f.target] += f.value * lay.scale
    out = []
    xa, xb = LABEL + BAR, WIDTH - LABEL
    mid = (xa + xb) / 2
    for f in ordered:
        h = f.value * lay.scale
        ya = lcursor[f.source]
        lcursor[f.source] += h
        yb = r_start[id(f)]
        d = (f"M{xa:.1f},{ya:.1f} C{mid:.1f},{ya:.1f} {mid:.1f},{yb:.1f} {xb:.1f},{yb:.1f} "
             f"L{xb:.1f},{yb + h:.1f} C{mid:.1f},{yb + h:.1f} {mid:.1f},{ya + h:.1f} "
             f"{xa:.1f},{ya + h:.1f} Z")
        out.append(f'<path class="app-sankey__link app-sankey__c{lay.colour[f.source]}" '
                   f'd="{d}"><title>{escape(f.source_label)} to {escape(f.target_label)}: '
                   f'{_money(f.value)} a year</title></path>')
    return out


def _bars(lay: _Layout) -> list[str]:
    """The nodes: a bar and its label, left of the left bars and right of the right ones."""
    out = []
    x0, x1 = LABEL, WIDTH - LABEL
    for k in lay.left_order:
        y, h = lay.lpos[k]
        out.append(f'<rect class="app-sankey__node app-sankey__c{lay.colour[k]}" x="{x0}" '
                   f'y="{y:.1f}" width="{BAR}" height="{h:.1f}"></rect>')
        out.append(f'<text class="app-sankey__label" x="{x0 - 8}" y="{y + h / 2:.1f}" '
                   f'text-anchor="end" dominant-baseline="middle">'
                   f'{escape(_clip(lay.labels[("l", k)]))} {_money(lay.left[k])}</text>')
    for k in lay.right_order:
        y, h = lay.rpos[k]
        out.append(f'<rect class="app-sankey__node app-sankey__node--target" x="{x1}" '
                   f'y="{y:.1f}" width="{BAR}" height="{h:.1f}"></rect>')
        out.append(f'<text class="app-sankey__label" x="{x1 + BAR + 8}" y="{y + h / 2:.1f}" '
                   f'dominant-baseline="middle">'
                   f'{escape(_clip(lay.labels[("r", k)]))} {_money(lay.right[k])}</text>')
    return out


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
