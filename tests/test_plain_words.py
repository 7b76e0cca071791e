"""Pages speak in words, not codes (issue 14): no raw ONS area code, snake_case code or
lower-case code from the vocabulary in what a page says, outside its technical details.

The crawl signs in as an admin on the demo area, starts from the pages in SEEDS and follows
every link it finds (up to LIMIT pages, a few of each kind), so a new page is covered as soon
as something links to it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from ecosystem import Ecosystem, vocabulary
from ecosystem.directory import wording
from ecosystem.directory.choices import Names
from ecosystem.editing import history_words

ONS = re.compile(r"\b[EWSNK]\d{8}\b")
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Codes that are not English words: hyphenated ones ("housing-advice") and abbreviations a
# person writes in capitals ("cmht", "vcse", "esa").
ABBREVIATIONS = {"cmht", "gp", "vcse", "icb", "dwp", "uc", "esa", "pip", "jsa", "nhs"}
CODES = sorted({c for lst in vocabulary.LISTS.values() for c in lst
                if ("-" in c and not c[0].isdigit()) or c in ABBREVIATIONS},
               key=len, reverse=True)
CODE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, CODES)) + r")(?![\w-])")

SEEDS = ["/", "/services", "/search?q=housing", "/commissioner/", "/key-worker/",
         "/admin/audit", "/admin/users", "/data/", "/help"]
SKIP = ("/static/", "sign-out", ".csv", ".xlsx", ".zip", "/download", "format=", "/export",
        "/suggest", "/templates")
LIMIT = 160
PER_KIND = 12  # pages per first path segment (and per query form of it)
SITE_PER_KIND = 6  # the site-wide crawl: every kind of page, fewer of each (keeps it quick)


class _Page(HTMLParser):
    """The text a person reads on a page (and the links), leaving out scripts, styles and
    anything inside an element whose class includes `app-technical`."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self._skip = 0
        self._stack: list[bool] = []  # per open element: does it start a hidden part?

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in self.VOID:
            if not self._skip and tag == "img" and a.get("alt"):
                self.text.append(a["alt"])
            return
        hidden = tag in ("script", "style") or "app-technical" in a.get("class", "").split()
        self._stack.append(hidden)
        self._skip += hidden
        if not self._skip:
            for k in ("title", "aria-label", "placeholder"):
                if a.get(k):
                    self.text.append(a[k])

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or not self._stack:
            return
        self._skip -= self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def codes_in(text: str) -> set[str]:
    return set(ONS.findall(text)) | set(SNAKE.findall(text)) | set(CODE.findall(text))


def crawl(client, seeds: list[str] = SEEDS,  # type: ignore[no-untyped-def]
          within: tuple[str, ...] = ("/",), per_kind: int = PER_KIND
          ) -> tuple[dict[str, set[str]], int]:
    """Codes found (and server errors) -> pages showing them, and the number of pages read;
    only links to paths starting with one of `within` are followed, at most `per_kind` of
    each kind."""
    found: dict[str, set[str]] = defaultdict(set)
    seen: set[str] = set()
    queue = list(seeds)
    kinds: Counter[str] = Counter()
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        resp = client.get(url)
        if resp.status_code >= 500:  # a broken page must not pass for one without codes
            found[f"server error {resp.status_code}"].add(url)
        if resp.status_code != 200 or "text/html" not in resp.content_type:
            continue
        page = _Page()
        page.feed(resp.get_data(as_text=True))
        for code in codes_in(" ".join(page.text)):
            found[code].add(url)
        for href in page.links:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc not in ("", "localhost"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if any(s in path for s in SKIP) or path in seen or not path.startswith(within):
                continue
            kind = "/".join(parts.path.split("/")[:2]) + ("?" if parts.query else "")
            if kinds[kind] >= per_kind:
                continue
            kinds[kind] += 1
            queue.append(path)
    return found, len(seen)


@pytest.mark.no_neo4j
def test_the_page_reader_sees_what_a_person_reads() -> None:
    page = _Page()
    page.feed('<p>Serves Brindlemouth</p><details class="nhsuk-details app-technical">'
              '<p>E06000901 <br> social_tenant</p></details><p>after</p>'
              '<script>var x = "E06000902";</script>')
    text = " ".join(page.text)
    assert "Brindlemouth" in text and "after" in text
    assert codes_in(text) == set()
    assert codes_in("area: serves E06000901; housing status: for social_tenant, vcse") == {
        "E06000901", "social_tenant", "vcse"}


@pytest.mark.no_neo4j
def test_an_entry_reads_in_words() -> None:
    # The service page used to say "Housing status: social_tenant, private_tenant",
    # "Kind: housing-support", "Sector: vcse" and "Referral from: cmht, gp".
    facts = {f.label: f.text for f in wording.facts("service", {
        "housing_status": ["social_tenant", "private_tenant"], "kind": "housing-support",
        "referral_from": ["cmht", "gp"], "severity": "any", "benefit_status": ["esa", "pip"],
        "waiting_days": 18, "unit_cost": 1900.0, "capacity": 1, "min_age": 18,
        "max_age": None, "conditions": [], "self_referral": False})}
    assert facts == {
        "Kind": "Housing support", "Ages": "18 and over",
        "Housing": "Social housing tenant or private tenant",
        "Benefits": "People receiving Employment and Support Allowance (ESA) or "
                    "Personal Independence Payment (PIP)",
        "Self-referral": "Needs a referral",
        "Takes referrals from": "Community mental health team or GP and primary care",
        "Usual wait": "18 days", "Capacity": "1 place", "Cost": "£1,900 a person"}
    assert {f.label: f.text for f in wording.facts("provider", {"sector": "vcse"})} == {
        "Sector": "Voluntary, community or social enterprise"}
    assert {f.label: f.text for f in wording.facts("commissioner", {"kind": "nhs_england"})} \
        == {"Kind": "NHS England"}
    technical = {f.label: f.text for f in wording.technical("a-1", {"kind": "housing-support"})}
    assert technical == {"Identifier": "a-1", "kind": "housing-support"}


@pytest.mark.no_neo4j
def test_a_changed_value_reads_in_words() -> None:
    names = Names(areas={"E06000901": "Brindlemouth"}, providers={"council": "The council"})
    cases = {("services", "areas", "E06000901; E06000999"): "Brindlemouth and E06000999",
             ("services", "housing_status", "social_tenant; with_family"):
                 "Social housing tenant and Lives with family",
             ("services", "kind", "cmht"): "Community mental health team",
             ("commissioners", "kind", "local_authority"): "Local authority",
             ("services", "provider_id", "council"): "The council",
             ("services", "referral_methods", "drop_in: Town hall; self_referral_online: "
              "https://x.org"): "Drop in: Town hall; Self-referral online: https://x.org",
             ("services", "self_referral", "no"): "No",
             ("services", "last_verified", "2026-11-28"): "28 November 2026",
             ("services", "description", "Advice; and more"): "Advice; and more",
             ("services", "areas", ""): ""}
    assert {k: history_words.value_words(*k, names) for k in cases} == cases


DIRECTORY = ("/services", "/providers/", "/commissioners/", "/cohorts/", "/areas/")


def test_directory_pages_show_no_code(demo: Ecosystem, client) -> None:  # type: ignore[no-untyped-def]
    found, pages = crawl(client, ["/services"], DIRECTORY)
    assert pages > 40, f"the crawl reached only {pages} pages"
    shown = {code: sorted(urls)[:3] for code, urls in sorted(found.items())}
    assert shown == {}, "codes shown outside technical details: " + "; ".join(
        f"{code} on {', '.join(urls)}" for code, urls in shown.items())


# The pages a link alone does not reach: commissioner views with their forms filled in (as
# their GET query strings) and the key worker's options and plan for a client (POST forms,
# kept in the session, then read back with GET).
FILLED = ["/commissioner/what-if?run=1&service=b-cmht&service=icb-stepdown",
          "/commissioner/what-if?run=1&commissioner=la-b",
          "/commissioner/overlaps", "/commissioner/overlaps?different=1",
          "/commissioner/pathway?run=1&step=icb-ward&step=icb-dischargelink"
          "&step=icb-stepdown&step=icb-hf",
          "/commissioner/contracts", "/commissioner/outcomes", "/commissioner/unmet-demand",
          "/commissioner/orphans", "/commissioner/coverage", "/commissioner/funding",
          "/data/review/", "/stewardship", "/admin/public", "/data/proposals",
          "/key-worker/caseload"]
CLIENT = {"area": "E06000901", "age": "30", "needs": ["housing", "money", "work"],
          "benefit": "", "housing": "", "in_work": "no", "offending": "", "severity": "any",
          "conditions": ""}


def _csrf(client, url: str) -> str:  # type: ignore[no-untyped-def]
    m = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True))
    assert m, f"no form on {url}"
    return m.group(1)


def _client_pages(client) -> list[str]:  # type: ignore[no-untyped-def]
    """Fill in the key worker's form for a client and pick their first options, so the
    options and plan pages can be read with GET."""
    token = _csrf(client, "/key-worker/")
    resp = client.post("/key-worker/options", data={"csrf_token": token, **CLIENT},
                       follow_redirects=True)
    assert resp.status_code == 200, resp.status_code
    picks = re.findall(r'name="pick" type="checkbox" value="([^"]+)"',
                       resp.get_data(as_text=True))[:3]
    assert picks, "the client has no options"
    resp = client.post("/key-worker/plan", data={"csrf_token": token, **CLIENT,
                                                 "pick": picks}, follow_redirects=True)
    assert resp.status_code == 200, resp.status_code
    return ["/key-worker/options", "/key-worker/plan"]


def test_no_page_shows_a_code(demo: Ecosystem, client) -> None:  # type: ignore[no-untyped-def]
    seeds = SEEDS + FILLED + _client_pages(client)
    found, pages = crawl(client, seeds, per_kind=SITE_PER_KIND)
    assert pages > 70, f"the crawl reached only {pages} pages"
    shown = {code: sorted(urls)[:3] for code, urls in sorted(found.items())}
    assert shown == {}, "codes shown outside technical details: " + "; ".join(
        f"{code} on {', '.join(urls)}" for code, urls in shown.items())


def test_a_history_says_each_change_in_words(demo: Ecosystem, client) -> None:  # type: ignore[no-untyped-def]
    # It used to say "Housing statuses set to “private_tenant; social_tenant”",
    # "Areas served set to “E06000901”" and "last_verified set to “2026-11-28”".
    resp = client.get("/history/services/b-tenancy")
    page = _Page()
    page.feed(resp.get_data(as_text=True))
    shown = " ".join(" ".join(page.text).split())
    # (Lists are kept sorted by code: a new order is not a change.)
    assert "Housing statuses set to “Private tenant and Social housing tenant”" in shown
    assert "Who can refer set to “Community mental health team and GP and primary care”" \
        in shown
    assert f"Areas served set to “{demo.names().areas['E06000901']}”" in shown
    assert "Last checked set to “" in shown and "Kind of service set to “Housing support”" \
        in shown
    # The cells as stored stay in the technical details.
    html = resp.get_data(as_text=True)
    technical = html[html.index("app-technical"):]
    assert "social_tenant" in technical and "E06000901" in technical
    # The edit form shows the ways in by their labels; saving reads those as well as codes.
    form = client.get("/edit/services/b-cmht").get_data(as_text=True)
    assert "Professional referral by email: referrals.b-cmht@example.org" in form
    assert "professional_referral_email" not in form
