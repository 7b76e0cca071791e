"""The ORUK API reads a page of services (or one service) in Cypher, not the whole export
(issue 18): the same records, totals and order as paging the whole checked export, for every
filter, on the demo area and on tests/test_oruk_api.py's feed and services."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_oruk_api import FEED_TERM, _load

from ecosystem import Ecosystem
from ecosystem.oruk import api, export
from ecosystem.vocabulary import PUBLISHED_SERVICE_STATUSES


def whole_export(eco: Ecosystem) -> list[dict[str, Any]]:
    """Every published service, checked and compacted, from the whole export."""
    out = []
    for r in export.records(eco.graph, PUBLISHED_SERVICE_STATUSES,
                            eco.settings.oruk_api_contracts):
        ok, _ = export.checked(r)
        if ok is not None:
            out.append(json.loads(json.dumps(api._compact(ok), default=str)))
    return out


def expected(every: list[dict[str, Any]], args: dict[str, str]) -> dict[str, Any]:
    """The page `args` asks for, paged from the whole export."""
    q = api.Query.parse(args)
    found = [s for s in every if q.matches(s)]
    items = found[(q.page - 1) * q.per_page:q.page * q.per_page]
    if not q.full:
        items = [{k: s[k] for k in api.LIST_FIELDS if k in s} for s in items]
    return export.page_of(items, len(found), q.page, q.per_page)


def queries(every: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Every filter, with values taken from the records themselves (so each finds some)."""
    words = [w for s in every[:5] for w in s["name"].split()[:2]]
    orgs = sorted({s["organization_id"] for s in every if s.get("organization_id")})
    terms = sorted({a["taxonomy_term"]["id"] for s in every for a in s.get("attributes", [])})
    taxonomies = sorted({a["taxonomy_term"]["taxonomy_id"] for s in every
                         for a in s.get("attributes", []) if "taxonomy_id" in a["taxonomy_term"]})
    out: list[dict[str, str]] = [{}, {"full": "true"}, {"search": "zzz-nothing"},
                                 {"search": " ".join(words[:2]).upper()},
                                 {"minimum_age": "70"}, {"maximum_age": "10"},
                                 {"minimum_age": "18", "maximum_age": "64"},
                                 {"day": "TU"}, {"day": "friday", "start_time": "09:00",
                                                 "end_time": "17:00"},
                                 {"organization_id": "no-such-organisation"}]
    out += [{"search": w} for w in words]
    out += [{"organization_id": o} for o in orgs[:4]]
    out += [{"taxonomy_term_id": t} for t in terms[:4]]
    out += [{"taxonomy_id": t} for t in taxonomies[:3]]
    out += [{"organization_id": orgs[0], "minimum_age": "18", "search": words[0]}] if orgs else []
    return out


def pin(eco: Ecosystem, per_pages: tuple[int, ...],
        extra: tuple[dict[str, str], ...] = ()) -> None:
    every = whole_export(eco)
    assert every
    for args in [*queries(every), *extra]:
        for per_page in per_pages:
            first = expected(every, {**args, "per_page": str(per_page)})
            for page in range(1, first["total_pages"] + 2):  # one page past the last too
                paged = {**args, "per_page": str(per_page), "page": str(page)}
                assert eco.oruk_list("services", paged) == expected(every, paged), paged
    for s in every:
        assert eco.oruk_record("services", s["id"]) == s
    assert eco.oruk_record("services", export.stable_uuid("service", "no-such")) is None


def test_the_demo_area_pages_as_the_whole_export(demo: Ecosystem) -> None:
    pin(demo, (7, 50))


def test_the_feed_and_our_services_page_as_the_whole_export(eco: Ecosystem,
                                                            tmp_path: Path) -> None:
    _load(eco, tmp_path)
    pin(eco, (1, 2, 50), ({"taxonomy_term_id": FEED_TERM}, {"search": "mycity mind"}))
    # a page far past the end (beyond Cypher's 32-bit list slicing) is empty, with the totals
    every = whole_export(eco)
    for args in ({"page": "5000000000"}, {"page": "3000000", "per_page": "1000"},
                 {"page": "5000000000", "day": "MO"}):
        assert eco.oruk_list("services", args) == expected(every, args), args


def test_a_page_builds_only_its_own_records(eco: Ecosystem, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _load(eco, tmp_path)
    built: list[str] = []

    def counting(real: Callable[[dict[str, Any]], dict[str, Any]]
                 ) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def full(row: dict[str, Any]) -> dict[str, Any]:
            built.append(row["service"]["id"])
            return real(row)
        return full

    # Counts the records made (the graph is real): wherever the API builds them from.
    monkeypatch.setattr(export, "service_full", counting(export.service_full))
    if hasattr(api, "service_full"):
        monkeypatch.setattr(api, "service_full", counting(api.service_full))
    doc = eco.oruk_list("services", {"per_page": "1", "page": "2"})
    assert doc["total_items"] == 3 and doc["size"] == 1
    assert len(built) == 1
    built.clear()
    assert eco.oruk_record("services", doc["contents"][0]["id"]) is not None
    assert len(built) == 1
