"""The web layer against a real Neo4j: pages, the network views' assets, errors."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ecosystem import Ecosystem, Settings
from ecosystem.accounts.users import User
from ecosystem.directory import pages as directory
from web import create_app
from web.access import EVERYONE, policy, session_data

CDN_URL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def text(resp) -> str:  # type: ignore[no-untyped-def]
    return resp.get_data(as_text=True)


def test_home_shows_counts_by_domain_and_totals(client: FlaskClient,
                                                riverside: Ecosystem) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    html = text(resp)
    assert "Social support map" in html
    for n, what in [(3, "services"), (2, "providers"), (2, "commissioners"), (1, "cohorts")]:
        assert re.search(rf'app-count">{n}</span> {what}', html), what
    row = re.search(r'data-domain="money">(.*?)</tr>', html, re.S)
    assert row and re.findall(r">(\d+)</td>", row.group(1)) == ["1", "1"]
    row = re.search(r'data-domain="family">(.*?)</tr>', html, re.S)
    assert row and re.findall(r">(\d+)</td>", row.group(1)) == ["0", "0"]


def test_home_map_loads_vis_network_from_the_app_not_a_cdn(client: FlaskClient,
                                                           riverside: Ecosystem) -> None:
    html = text(client.get("/"))
    assert 'data-network="area-map-data"' in html
    assert not CDN_URL.search(html), CDN_URL.search(html)
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert "/static/vis-network/vis-network.min.js" in assets
    assert "/static/nhsuk/nhsuk-frontend.min.css" in assets
    for url in assets:
        assert client.get(url).status_code == 200, url
    # The text alternative lists the same nodes and links.
    # 3 services, 2 providers, 2 commissioners, 1 cohort; 3 provides, 3 funds, 1 for cohort,
    # 1 refers to.
    assert "The map as tables (8 nodes, 8 links)" in html
    assert "£250,000 a year" in html


def test_empty_map_says_so(client: FlaskClient) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    assert "No services have been imported yet" in text(resp)


@pytest.mark.parametrize("path, expect", [
    ("/services/svc-hf", ["Housing First Riverside", "Riverside Mind", "Housing First",
                          "£250,000 a year", "fidelity 80%", "Money and Debt Advice"]),
    ("/providers/prov-mind", ["Riverside Mind", "Housing First Riverside", "Riverside Council"]),
    ("/commissioners/comm-la", ["Riverside Council", "Riverside Borough",
                                "Money and Debt Advice"]),
    ("/cohorts/coh-discharge", ["People leaving inpatient care", "about 90 people",
                                "Housing First Riverside"]),
    ("/areas/E06000999", ["Riverside Borough", "Riverside ICB", "IPS Employment Service"]),
])
def test_entity_pages(client: FlaskClient, riverside: Ecosystem, path: str,
                      expect: list[str]) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    html = text(resp)
    for s in expect:
        assert s in html, s
    assert "Neighbourhood map" in html and "The map as tables" in html
    assert "row_hash" not in html.lower() and "Row hash" not in html


@pytest.mark.parametrize("path", ["/services/nope", "/providers/svc-hf", "/cohorts/",
                                  "/no-such-page"])
def test_unknown_pages_are_404(client: FlaskClient, riverside: Ecosystem, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 404
    assert "Page not found" in text(resp)


def test_search_finds_a_service_by_prefix(client: FlaskClient, riverside: Ecosystem) -> None:
    resp = client.get("/search?q=hous")
    assert resp.status_code == 200
    html = text(resp)
    assert '<a href="/services/svc-hf">Housing First Riverside</a>' in html


def test_search_takes_lucene_syntax_as_plain_text(client: FlaskClient,
                                                  riverside: Ecosystem) -> None:
    for q in ['debt)', 'a:b "', "*", "money AND", "-"]:
        assert client.get("/search", query_string={"q": q}).status_code == 200, q
    assert "Money and Debt Advice" in text(client.get("/search?q=Debt)"))
    assert "0 results" in text(client.get("/search?q=zzzzqqq"))


def test_search_page_without_query(client: FlaskClient) -> None:
    resp = client.get("/search")
    assert resp.status_code == 200 and "Search the map" in text(resp)


def test_directory_functions_return_dataclasses(riverside: Ecosystem) -> None:
    net = directory.map_network(riverside.graph)
    assert {n.kind for n in net.nodes} == {"service", "provider", "commissioner", "cohort"}
    assert directory.service(riverside.graph, "nope") is None
    svc = directory.service(riverside.graph, "svc-debt")
    assert svc is not None and svc.properties["capacity"] == 200
    assert [h.id for h in directory.search(riverside.graph, "ips")] == ["svc-ips"]


def test_neo4j_down_gives_a_503_page(neo4j_settings: Settings) -> None:
    down = Settings(neo4j_uri="neo4j://127.0.0.1:1", neo4j_password="x",
                    data_dir=neo4j_settings.data_dir, warm_start=False)  # not "starting"
    app: Flask = create_app(down)
    client = app.test_client()
    with client.session_transaction() as s:  # signed in: the user check needs the database
        s.update(session_data(User("someone", "admin")))
    resp = client.get("/")
    assert resp.status_code == 503
    html = text(resp)
    assert "The map is not available at the moment" in html
    assert "Traceback" not in html and "127.0.0.1:1" not in html


def test_unexpected_error_is_a_plain_500_page(app: Flask, client: FlaskClient) -> None:
    app.config.update(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret detail svc-hf")

    policy(app)["boom"] = EVERYONE
    resp = client.get("/boom")
    assert resp.status_code == 500
    html = text(resp)
    assert "problem with the service" in html
    assert "secret detail" not in html and "Traceback" not in html


def test_security_headers(client: FlaskClient) -> None:
    csp = client.get("/search").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "http" not in csp


@pytest.mark.no_neo4j
def test_no_cdn_url_anywhere_in_templates_or_app_code() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "web"
    for path in [*root.rglob("*.html"), *root.rglob("*.py"), *root.rglob("*.js"),
                 *root.rglob("*.css")]:
        body = path.read_text(encoding="utf-8", errors="replace")
        for host in ("cdnjs", "jsdelivr", "unpkg", "cdn.", "assets.nhs.uk", "googleapis"):
            assert host not in body, f"{path}: {host}"
