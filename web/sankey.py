"""A two-column Sankey diagram drawn on the server as inline SVG (no script, no inline style).

Left nodes (e.g. commissioners) and right nodes (e.g. life domains) are bars whose heights are
proportional to the money through them; each flow is a band from its left bar to its right
bar, as wide as its value. Beyond the MAX_LEFT largest, left nodes are drawn as one "Other"
bar. Colours come from CSS classes (`app-sankey__c0` ... `c7`), by the left node's group (a
commissioner's kind), with a key under the diagram, so colour is never the only cue and each
colour keeps 3:1 contrast with the background; labels wrap instead of being cut. Every band
has a <title> for pointer users; the page always gives the same data as a table, which is the
text alternative.
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
MAX_LEFT = 8  # left nodes drawn one by one; the rest are one "Other" bar
OTHER = "\0other"  # the id of that bar
LINE = 15  # label line height
WRAP = 30  # characters a label line holds


@dataclass(frozen=True)
class Flow:
    source: str  # id
    source_label: str
    target: str
    target_label: str
    value: float
    group: str = ""  # what colours the band: e.g. the commissioner's kind, in words


def _group_small(flows: list[Flow]) -> list[Flow]:
    """Flows from the MAX_LEFT - 1 largest sources as they are; the rest from one "Other"."""
    totals: dict[str, float] = defaultdict(float)
    for f in flows:
        totals[f.source] += f.value
    if len(totals) <= MAX_LEFT:
        return flows
    keep = set(sorted(totals, key=lambda k: (-totals[k], k))[:MAX_LEFT - 1])
    others = len(totals) - len(keep)
    merged: dict[str, float] = defaultdict(float)
    labels: dict[str, str] = {}
    out = []
    for f in flows:
        if f.source in keep:
            out.append(f)
        else:
            merged[f.target] += f.value
            labels[f.target] = f.target_label
    out += [Flow(OTHER, f"{others} other funders", t, labels[t], v, "Other funders")
            for t, v in merged.items()]
    return out


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Words in lines of at most `width` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _money(v: float) -> str:
    return f"£{v:,.0f}"


def render(flows: Sequence[Flow], title: str, description: str, height: float = 520
           ) -> Markup:
    flows = _group_small([f for f in flows if f.value > 0])
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
    key = [f'<li class="app-sankey__key-item"><svg width="16" height="16" viewBox="0 0 16 16" '
           f'aria-hidden="true" focusable="false"><rect class="app-sankey__c{i}" width="16" '
           f'height="16"></rect></svg> {escape(g or "Funders")}</li>'
           for g, i in lay.groups.items()]
    out += ['<ul class="app-sankey__key" aria-label="Colours of the bands">', *key, "</ul>"]
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
    groups: dict[str, int]  # colour by group, in the order of the key


def _layout(flows: list[Flow], height: float) -> _Layout:
    left: dict[str, float] = defaultdict(float)
    right: dict[str, float] = defaultdict(float)
    labels: dict[tuple[str, str], str] = {}
    group: dict[str, str] = {}
    for f in flows:
        left[f.source] += f.value
        right[f.target] += f.value
        labels[("l", f.source)] = f.source_label
        labels[("r", f.target)] = f.target_label
        group[f.source] = f.group
    left_order = sorted(left, key=lambda k: (-left[k], k))
    right_order = sorted(right, key=lambda k: (-right[k], k))
    total = sum(left.values())
    n = max(len(left_order), len(right_order))
    height = max(height, n * (GAP + MIN_BAR) + 40)
    usable = height - 20 - GAP * (n - 1)
    scale = usable / total

    def stack(side: str, order: list[str], sums: dict[str, float]
              ) -> dict[str, tuple[float, float]]:
        pos, y = {}, 10.0
        for k in order:
            h = max(MIN_BAR, sums[k] * scale)
            pos[k] = (y, h)
            # Room for the wrapped label (and its amount) beside the bar.
            text_h = (len(wrap(labels[(side, k)])) + 1) * LINE
            y += max(h, text_h) + GAP
        return pos

    lpos, rpos = stack("l", left_order, left), stack("r", right_order, right)
    height = max(height, *(y + max(h, 2 * LINE) + 10
                           for y, h in (*lpos.values(), *rpos.values())))
    groups: dict[str, int] = {}
    for k in left_order:  # the largest funders' groups get the first colours
        g = group.get(k, "")
        if g not in groups:
            groups[g] = (COLOURS - 1 if k == OTHER else len(groups)) % COLOURS
    colour = {k: groups[group.get(k, "")] for k in left_order}
    return _Layout(left, right, labels, left_order, right_order, lpos, rpos, scale, height,
                   colour, groups)


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
        out.append(_label(lay.labels[("l", k)], lay.left[k], x0 - 8, y, "end"))
    for k in lay.right_order:
        y, h = lay.rpos[k]
        out.append(f'<rect class="app-sankey__node app-sankey__node--target" x="{x1}" '
                   f'y="{y:.1f}" width="{BAR}" height="{h:.1f}"></rect>')
        out.append(_label(lay.labels[("r", k)], lay.right[k], x1 + BAR + 8, y, "start"))
    return out


def _label(text: str, value: float, x: float, top: float, anchor: str) -> str:
    """A label in whole words over lines, then its amount, from the top of its bar."""
    lines = [*wrap(text), _money(value)]
    spans = "".join(f'<tspan x="{x}" dy="{LINE if i else 0}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text class="app-sankey__label" x="{x}" y="{top + LINE - 3:.1f}" '
            f'text-anchor="{anchor}">{spans}</text>')
