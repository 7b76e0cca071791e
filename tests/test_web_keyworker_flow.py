"""The key worker's flow (issue 14), on maps the tests build (tests/builders.py): benefits as
a multiple choice, answers kept across pages, plain words, the ranking, unmet needs recorded
and the plan saved with a person."""

from __future__ import annotations

import re
from typing import Any

from builders import N1, PLACE1, base_rows, load, service
from flask.testing import FlaskClient

from ecosystem import Ecosystem


def text(resp: Any) -> str:
    return str(resp.get_data(as_text=True))


def visible(html: str) -> str:
    body = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&#39;", "'")


def csrf(client: FlaskClient) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get("/key-worker/")))
    assert m
    return m.group(1)


def post(client: FlaskClient, url: str, data: dict[str, Any], **kw: Any) -> Any:
    return client.post(url, data={"csrf_token": csrf(client), **data}, **kw)


def section(html: str, domain: str) -> str:
    m = re.search(rf'aria-labelledby="need-{domain}">(.*?)</section>', html, re.S)
    assert m, domain
    return m.group(1)


def with_pip_service(eco: Ecosystem) -> None:
    rows = base_rows()
    rows["services"].append(service("PIPHELP", "PIP peer group", "PR-VCS", PLACE1, "money",
                                    "information", kind="advice", self_referral="yes",
                                    benefit_status="pip"))
    load(eco, rows)


CLIENT: dict[str, Any] = {"area": N1, "age": "30", "needs": ["money"], "housing": "",
                          "in_work": "", "offending": "", "severity": "any",
                          "conditions": ""}


def test_benefits_are_a_multiple_choice_and_all_of_them_count(eco: Ecosystem,
                                                              client: FlaskClient) -> None:
    with_pip_service(eco)
    form = text(client.get("/key-worker/"))
    assert 'id="benefit-esa" name="benefit" type="checkbox" value="esa"' in form
    assert 'id="benefit-pip" name="benefit" type="checkbox" value="pip"' in form
    html = text(post(client, "/key-worker/options", {**CLIENT, "benefit": ["esa", "pip"]}))
    assert "PIP peer group" in visible(section(html, "money")).split("cannot use")[0]
    assert '<input type="hidden" name="benefit" value="esa">' in html
    assert '<input type="hidden" name="benefit" value="pip">' in html
    summary = visible(html)
    assert "Employment and Support Allowance (ESA), Personal Independence Payment (PIP)" \
        in summary
    only_esa = text(post(client, "/key-worker/options", {**CLIENT, "benefit": ["esa"]}))
    assert "PIP peer group" not in visible(section(only_esa, "money")).split("cannot use")[0]
