"""The funding Sankey (web/sankey.py): labels wrap instead of being cut, small funders are one
"Other" bar, bands are coloured by commissioner kind with a key, and every band colour keeps
3:1 contrast with the white background (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from web import sankey

pytestmark = pytest.mark.no_neo4j
CSS = Path(__file__).resolve().parent.parent / "web" / "static" / "commissioner.css"


def _text(svg: str) -> str:
    return re.sub(r"<[^>]+>", " ", svg)


def test_long_names_wrap_whole() -> None:
    name = "NHS Northvale Integrated Care Board Commissioning"
    svg = str(sankey.render([sankey.Flow("icb", name, "work", "Work and education", 100.0,
                                         "Integrated care board")], "t", "d"))
    assert "…" not in svg
    label = re.search(r'<text class="app-sankey__label"[^>]*text-anchor="end">(.*?)</text>',
                      svg).group(1)
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", label)
    assert " ".join(lines[:-1]) == name and lines[-1] == "£100"  # every word, then the money
    assert len(lines) >= 3
    assert all(len(line) <= sankey.WRAP for line in sankey.wrap(name))


def test_small_funders_are_one_other_bar_and_money_is_kept() -> None:
    flows = [sankey.Flow(f"c{i}", f"Funder {i}", "work", "Work", 1000.0 - i, "Charity or trust")
             for i in range(11)]
    svg = str(sankey.render(flows, "t", "d"))
    left_bars = svg.count('<rect class="app-sankey__node app-sankey__c')
    assert left_bars == sankey.MAX_LEFT
    assert "4 other funders" in svg
    assert "Funder 10" not in svg and "Funder 6" in svg
    assert f"£{sum(f.value for f in flows):,.0f}" in svg  # the one target bar's total


def test_bands_are_coloured_by_kind_with_a_key() -> None:
    flows = [sankey.Flow("a", "A", "x", "X", 5.0, "Local authority"),
             sankey.Flow("b", "B", "x", "X", 4.0, "Integrated care board"),
             sankey.Flow("c", "C", "y", "Y", 3.0, "Local authority")]
    svg = str(sankey.render(flows, "t", "d"))
    classes = re.findall(r'<path class="app-sankey__link (app-sankey__c\d)"', svg)
    assert classes[0] == classes[2] != classes[1]  # a and c share their kind's colour
    key = svg.split('class="app-sankey__key"', 1)[1]
    assert "Local authority" in key and "Integrated care board" in key


def _luminance(hex_colour: str, opacity: float) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    blended = [opacity * c + (1 - opacity) * 255 for c in rgb]  # over white

    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, blended)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_every_band_colour_has_3_to_1_contrast_with_white() -> None:
    css = CSS.read_text()
    opacity = float(re.search(r"\.app-sankey__link \{ fill-opacity: ([\d.]+)", css).group(1))
    colours = re.findall(r"\.app-sankey__c\d \{ fill: (#[0-9a-f]{6}); \}", css)
    assert len(colours) == sankey.COLOURS
    for colour in colours:
        ratio = 1.05 / (_luminance(colour, opacity) + 0.05)
        assert ratio >= 3, f"{colour} at opacity {opacity}: {ratio:.2f}:1"
