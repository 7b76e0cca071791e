"""Another site reads our ORUK API from a browser: a page served from another origin calls
`fetch` on /api/oruk/ in Debian's Chromium, which enforces CORS for real."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, served
from flask import Flask

from ecosystem import Ecosystem

FETCH = """async (url) => {
  try {
    const r = await fetch(url);
    const doc = await r.json();
    return [r.status, doc.total_items ?? null, doc.error ?? null];
  } catch (e) {
    return [0, null, String(e)];
  }
}"""


def _other_site(environ: dict[str, Any], start: Any) -> Iterable[bytes]:
    """A page of another site (another origin: another port), with no CSP of ours."""
    start("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [b"<!doctype html><html lang='en'><title>Another directory</title><p>Hi</p></html>"]


@pytest.mark.browser
def test_a_page_on_another_origin_reads_the_api(riverside: Ecosystem, app: Flask) -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing (`make browser`)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with served(app) as api, served(_other_site) as other, sync_playwright() as p:
        assert api != other
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(other + "/")
            assert page.evaluate(FETCH, api + "/api/oruk/services") == [200, 3, None]
            status, _, error = page.evaluate(FETCH, api + "/api/oruk/services/nope")
            assert status == 404 and "nope" in error
            # a signed-in page of ours is not readable from there: no CORS header on it
            status, _, error = page.evaluate(FETCH, api + "/services")
            assert status == 0 and "Failed to fetch" in error
        finally:
            browser.close()
