"""The ORUK API's other lists (taxonomies, taxonomy terms, service at locations) and their
records are read for the page asked for, not from the whole export (issue 18): the same ids,
order, fields and totals as working them out from the whole checked export, for every filter,
on the demo area and on tests/test_oruk_api.py's feed and services."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import reads_recorded
from test_oruk_api import FEED_TERM, _load
from test_oruk_api_paging import queries, whole_export

from ecosystem import Ecosystem
from ecosystem.oruk import api, export
from ecosystem.vocabulary import ORUK_TAXONOMIES


def terms_of(every: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each term the published services use, the first service's version of it, by id."""
    out: dict[str, dict[str, Any]] = {}
    for s in every:
        for a in s.get("attributes") or []:
            t = a.get("taxonomy_term")
            if t and t.get("id"):
                term = dict(t)
                if api._taxonomy_id(term):
                    term["taxonomy_id"] = api._taxonomy_id(term)
                out.setdefault(term["id"], term)
    return dict(sorted(out.items()))


def taxonomies_of(every: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for term in terms_of(every).values():
        tid = term.get("taxonomy_id")
        if tid and tid not in out:
            name = str(term.get("taxonomy") or tid)
            out[tid] = {"id": tid, "name": name, "description": ORUK_TAXONOMIES.get(name, name)}
    return dict(sorted(out.items()))


def sals_of(every: list[dict[str, Any]], q: api.Query | None, full: bool = False
            ) -> list[dict[str, Any]]:
    """Each service at location of the services `q` lets through, in service order."""
    out = []
    for s in every:
        if q is not None and not q.matches(s):
            continue
        for sal in s.get("service_at_locations") or []:
            location = sal.get("location") or {}
            out.append(api._compact({
                "id": sal["id"], "service_id": s["id"], "location_id": location.get("id"),
                "location": location,
                "service": s if full else {k: s[k] for k in api.LIST_FIELDS if k in s}}))
    return out


def paged(items: list[dict[str, Any]], args: dict[str, str]) -> dict[str, Any]:
    q = api.Query.parse(args)
    return export.page_of(items[(q.page - 1) * q.per_page:q.page * q.per_page], len(items),
                          q.page, q.per_page)


def pin(eco: Ecosystem, per_pages: tuple[int, ...],
        extra: tuple[dict[str, str], ...] = ()) -> None:
    every = whole_export(eco)
    assert every
    terms, taxonomies = terms_of(every), taxonomies_of(every)
    assert terms and taxonomies
    sals_every = sals_of(every, None)
    assert sals_every
    for per_page in per_pages:
        for page in range(1, -(-len(terms) // per_page) + 2):  # one page past the last too
            args = {"per_page": str(per_page), "page": str(page)}
            assert eco.oruk_list("taxonomy_terms", args) == paged(list(terms.values()), args)
            assert eco.oruk_list("taxonomies", args) == paged(list(taxonomies.values()), args)
    for args in [*queries(every), *extra]:
        for per_page in per_pages:
            sals = sals_of(every, api.Query.parse(args))
            for page in range(1, -(-len(sals) // per_page) + 2):
                asked = {**args, "per_page": str(per_page), "page": str(page)}
                assert eco.oruk_list("service_at_locations", asked) == paged(sals, asked), asked
    for t in terms.values():
        assert eco.oruk_record("taxonomy_terms", t["id"]) == t
    for t in taxonomies.values():
        assert eco.oruk_record("taxonomies", t["id"]) == t
    for sal in sals_of(every, None, full=True):
        assert eco.oruk_record("service_at_locations", sal["id"]) == sal
    nothing = export.stable_uuid("nothing", "here")
    for kind in ("taxonomy_terms", "taxonomies", "service_at_locations"):
        assert eco.oruk_record(kind, nothing) is None


def test_the_demo_area_lists_as_the_whole_export(demo: Ecosystem) -> None:
    pin(demo, (7, 50))


def test_the_feed_and_our_services_list_as_the_whole_export(eco: Ecosystem,
                                                            tmp_path: Path) -> None:
    _load(eco, tmp_path)
    pin(eco, (1, 2, 50), ({"taxonomy_term_id": FEED_TERM}, {"search": "mycity mind"}))
    every = whole_export(eco)
    for args in ({"page": "5000000000"}, {"page": "3000000", "per_page": "1000"},
                 {"page": "5000000000", "day": "MO"}):
        assert eco.oruk_list("service_at_locations", args) \
            == paged(sals_of(every, api.Query.parse(args)), args), args
        assert eco.oruk_list("taxonomy_terms", args) \
            == paged(list(terms_of(every).values()), args), args


def reads_no_whole_export(eco: Ecosystem, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of each list, and one of each record, read without the whole export."""
    every = whole_export(eco)
    term = next(iter(terms_of(every).values()))
    sal = sals_of(every, None)[-1]
    names = reads_recorded(eco.graph, monkeypatch)  # none may be the whole export
    for kind in ("taxonomies", "taxonomy_terms", "service_at_locations"):
        names.clear()
        assert eco.oruk_list(kind, {"per_page": "1", "page": "2"})["size"] == 1
        assert names and "oruk/export_services" not in names, (kind, names)
    for kind, one in (("taxonomy_terms", term["id"]), ("taxonomies", term["taxonomy_id"]),
                      ("service_at_locations", sal["id"])):
        names.clear()
        assert eco.oruk_record(kind, one) is not None
        assert names and "oruk/export_services" not in names, (kind, names)


def test_a_list_page_does_not_read_the_whole_export(demo: Ecosystem,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    reads_no_whole_export(demo, monkeypatch)


def test_nor_on_a_feeds_services(eco: Ecosystem, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _load(eco, tmp_path)
    reads_no_whole_export(eco, monkeypatch)


def _odd_term(s: Any) -> None:
    """A new service of ours, first by id (last stored), with another version of the
    feed's first term: the whole export publishes this one."""
    feed = s.run("MATCH (f:Service) WHERE size(f.taxonomy_terms) > 0 "
                 "RETURN f.taxonomy_terms[0] AS t").single()["t"]
    term = {**json.loads(feed), "name": "Another version"}
    s.run("CREATE (:Service {id: 'A0', name: 'Aardvark Club', taxonomy_terms: [$t]})",
          t=json.dumps(term)).consume()


SPOILERS = {
    "a service never published": "MATCH (s:Service {id: 'S1'}) SET s.name = 42",
    "a term checking changes": "MATCH (s:Service) WHERE size(s.taxonomy_terms) > 0 "
                               "SET s.taxonomy_terms = s.taxonomy_terms + ['{\"id\": "
                               "\"5e3f0b1c-0d1e-4f2a-9b3c-4d5e6f708192\", \"name\": "
                               "\"Odd\", \"description\": \"Odd\", "
                               "\"parent_id\": \"not-a-uuid\"}']",
    "a service_at_location checking drops": "MATCH (s:Service) WHERE s.locations IS NOT NULL "
        "SET s.locations = s.locations + ['{\"id\": \"l-odd\", \"location_type\": "
        "\"virtual\", \"service_at_location_id\": \"sal-odd\"}']",
    "a term in two versions": _odd_term,
}


@pytest.mark.parametrize("spoiler", SPOILERS.values(), ids=SPOILERS.keys())
def test_what_the_codes_cannot_tell_lists_as_the_whole_export(
        eco: Ecosystem, tmp_path: Path, spoiler: str | Callable[[Any], None]) -> None:
    _load(eco, tmp_path)
    before = whole_export(eco)
    with eco.graph.driver.session(database=eco.graph.database) as s:
        if callable(spoiler):
            spoiler(s)
        else:
            s.run(spoiler).consume()
    # the spoiler changes what the whole export publishes, so a fast path blind to it fails
    assert whole_export(eco) != before
    pin(eco, (1, 50))
