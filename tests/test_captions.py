"""Table captions are never cut off on a narrow screen (issue 14): at 320 CSS pixels wide
(400% zoom) each visible `caption` on the pages with tables fits its own box and lies within
the viewport and within any container that clips or scrolls it. In Debian's Chromium, on the
demo area, signed in as an admin (who may open every one of these pages)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import chromium_page, served, session_as
from conftest import ensure_user

from ecosystem import Ecosystem

pytestmark = pytest.mark.browser

PAGES = ["/services", "/key-worker/caseload", "/admin/audit", "/commissioner/",
         "/commissioner/overlaps", "/commissioner/orphans", "/commissioner/contracts",
         "/commissioner/coverage", "/commissioner/funding", "/commissioner/pathway",
         "/commissioner/what-if", "/commissioner/unmet-demand", "/commissioner/outcomes"]

# For each rendered caption that is not visually hidden on purpose: its text and what is
# wrong with it (empty when nothing is).
CAPTIONS_JS = """() => {
  const width = document.documentElement.clientWidth;
  const span = (b) => `${Math.round(b.left)}..${Math.round(b.right)}`;
  const out = [];
  for (const c of document.querySelectorAll('caption')) {
    if (c.closest('.nhsuk-u-visually-hidden') || c.getClientRects().length === 0) continue;
    const r = c.getBoundingClientRect();
    const wrong = [];
    if (c.scrollWidth > c.clientWidth + 1) {
      wrong.push(`scrollWidth ${c.scrollWidth} > clientWidth ${c.clientWidth}`);
    }
    if (r.left < -1 || r.right > width + 1) wrong.push(`box ${span(r)} outside 0..${width}`);
    for (let a = c.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX === 'visible') continue;
      const b = a.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1) {
        wrong.push(`clipped by ${a.tagName}.${a.className} (${span(b)}, caption ${span(r)})`);
        break;
      }
    }
    out.push([c.innerText.trim().slice(0, 80), wrong.join('; ')]);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def admin_server(demo: Ecosystem) -> Iterator[str]:
    from web import create_app

    app = create_app(demo.settings, demo)
    user = ensure_user(demo, "test-captions-admin", "admin")
    with session_as(app, user), served(app) as url:
        yield url


def captions(page: Any) -> list[tuple[str, str]]:
    return [(text, wrong) for text, wrong in page.evaluate(CAPTIONS_JS)]


def test_captions_are_not_cut_off_at_320_pixels(admin_server: str) -> None:
    with chromium_page(admin_server) as page:
        page.set_viewport_size({"width": 320, "height": 800})
        seen, wrong = 0, []
        for path in PAGES:
            resp = page.goto(admin_server + path)
            if resp is None or resp.status != 200:
                wrong.append(f"{path}: status {resp.status if resp else None}")
                continue
            found = captions(page)
            seen += len(found)
            wrong += [f"{path}: {text!r}: {why}" for text, why in found if why]
        assert wrong == [], "\n".join(wrong)
        # The walk saw captions on these pages (a page without tables would check nothing).
        assert seen >= len(PAGES), seen
        assert page.problems == [], "\n".join(page.problems)
