"""Unmet needs reach the commissioner (issue 14): a key worker records a need no option
suits, with nothing that identifies the person; commissioners see the counts, suppressed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from builders import N1, N2, base_rows, load
from flask.testing import FlaskClient

from ecosystem import Ecosystem, dates
from ecosystem.vocabulary import UNMET_REASONS


def text(resp: Any) -> str:
    return str(resp.get_data(as_text=True))


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def post(client: FlaskClient, url: str, data: dict[str, Any]) -> Any:
    m = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get("/key-worker/")))
    assert m
    return client.post(url, data={"csrf_token": m.group(1), **data})


def stored(eco: Ecosystem) -> list[dict[str, Any]]:
    with eco.graph.driver.session(database=eco.graph.database) as s:
        return [dict(r["p"]) for r in s.run("MATCH (u:UnmetNeed) RETURN properties(u) AS p")]


CLIENT = {"area": N1, "age": "17", "needs": ["family", "money"], "benefit": ["esa"],
          "housing": "", "in_work": "", "offending": "", "severity": "any",
          "conditions": "a-unique-condition"}


def test_one_action_records_an_unmet_need_and_nothing_that_identifies_the_person(
        eco: Ecosystem, login) -> None:  # type: ignore[no-untyped-def]
    load(eco, base_rows())
    kw = login("key_worker", "test-unmet-kw")
    assert post(kw, "/key-worker/options", CLIENT).status_code == 303
    page = text(kw.get("/key-worker/options"))
    assert "Record an unmet need" in page
    for code in UNMET_REASONS:
        assert f'id="unmet_reason-{code}"' in page
    resp = post(kw, "/key-worker/unmet", {"unmet_domain": "family",
                                          "unmet_reason": "none_eligible"})
    assert resp.status_code == 303 and "/key-worker/options" in resp.headers["Location"]
    after = visible(text(kw.get("/key-worker/options")))
    assert "Recorded: Family, intimate and caring relationships, no service the client is " \
        "eligible for" in after
    [need] = stored(eco)
    assert set(need) == {"id", "area_id", "age_band", "domain", "reason", "date"}
    assert (need["area_id"], need["age_band"], need["domain"], need["reason"]) == (
        N1, "16-17", "family", "none_eligible")
    assert need["date"].to_native() == dates.today()
    assert "test-unmet-kw" not in str(need) and "a-unique-condition" not in str(need)


def test_a_need_and_a_reason_are_required(eco: Ecosystem, client: FlaskClient) -> None:
    load(eco, base_rows())
    post(client, "/key-worker/options", CLIENT)
    resp = post(client, "/key-worker/unmet", {"unmet_domain": "housing",
                                              "unmet_reason": "lottery"})
    assert resp.status_code == 400
    html = text(resp)
    assert '<a href="#unmet_domain">Select the need that has no suitable option</a>' in html
    assert "Select why no option suits the client" in html
    assert stored(eco) == []


def test_commissioners_see_the_counts_suppressed_and_as_csv(
        eco: Ecosystem, login) -> None:  # type: ignore[no-untyped-def]
    load(eco, base_rows())
    for _ in range(9):
        eco.record_unmet_need(N1, "housing", "all_full", 30, 30, on=dt.date(2026, 3, 4))
    for _ in range(3):
        eco.record_unmet_need(N2, "work", "too_far", on=dt.date(2026, 4, 1))
    res = eco.unmet_demand()
    by_domain = {g.key: g.count for g in res.by_domain}
    assert by_domain["housing"].value == 10 and by_domain["housing"].rounded  # 9, to 5s
    assert by_domain["work"].suppressed  # 3: 1 to 7 are suppressed
    assert [g.label for g in res.by_month] == ["March 2026", "April 2026"]
    assert {g.key: g.count.suppressed for g in res.by_reason} == {"all_full": False,
                                                                 "too_far": True}
    assert res.total.value == 10  # 12, rounded
    c = login("commissioner")
    html = text(c.get("/commissioner/orphans"))
    assert 'href="/commissioner/unmet-demand"' in html
    page = visible(text(c.get("/commissioner/unmet-demand")))
    assert "Housing and homelessness 10" in page and "Work and education suppressed" in page
    assert "North 10" in page and "South suppressed" in page
    assert "Every suitable service is full 10" in page and "April 2026 suppressed" in page
    body = text(c.get("/commissioner/unmet-demand?format=csv&table=by-reason"))
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[1:] == [["Every suitable service is full", "10"],
                        ["Too far for the client to get to", "suppressed"]]
    assert "3" not in body.split("\n", 1)[1]
    assert login("viewer").get("/commissioner/unmet-demand").status_code == 403
