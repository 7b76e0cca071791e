"""The map as an Open Referral UK API (HSDS 3.0, UK profile): the records of `export.py`
(one mapping), paged and filtered with the standard query parameters, for
`web/blueprints/oruk_api.py`. See docs/oruk.md, "How another system reads ours".

Published: services with a status in `PUBLISHED_SERVICE_STATUSES` and still in their feed,
their organisations, locations and taxonomy terms; each record checked against the UK schema
first (`export.checked`), with empty optional fields left out. Never published: people,
contracts, and who pays (`funding`) unless the setting for it is on.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema

from ecosystem.db.graph import Graph
from ecosystem.oruk.export import (
    OWN,
    SCHEMA_DIR,
    checked,
    feed_attribute,
    organization_id,
    own_attribute,
    page_of,
    records,
    service_at_locations,
    service_full,
    service_id,
    stable_uuid,
)
from ecosystem.vocabulary import ORUK_TAXONOMIES, PUBLISHED_SERVICE_STATUSES

# The HSDS version and the UK profile the API declares at its root.
HSDS_VERSION = "3.0"
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
PER_PAGE = 50
MAX_PER_PAGE = 1000
# A /services list item has the one-to-one fields only (the UK profile's service_list).
LIST_FIELDS = ("id", "organization_id", "name", "description", "url", "email", "status",
               "fees", "accreditations", "minimum_age", "maximum_age", "assured_date",
               "assurer_email", "alert", "last_modified", "organization")
# Fields a schema requires somewhere: kept even when empty, so a record stays valid.
_REQUIRED = frozenset({"id", "name", "description", "status", "location_type", "address_1",
                       "city", "state_province", "postal_code", "country", "address_type",
                       "identifier_type", "identifier"})
_DAYS = {"MO": "MO", "MONDAY": "MO", "TU": "TU", "TUESDAY": "TU", "WE": "WE",
         "WEDNESDAY": "WE", "TH": "TH", "THURSDAY": "TH", "FR": "FR", "FRIDAY": "FR",
         "SA": "SA", "SATURDAY": "SA", "SU": "SU", "SUNDAY": "SU"}
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")
# Filters on what only the published record holds (its terms, parsed from the feed's JSON, and
# its schedules, parsed from our opening hours): Cypher cannot apply them, so a query with one
# reads every service the other filters let through and filters and pages those here.
_RECORD_FILTERS = ("taxonomy_term_id", "taxonomy_id", "day", "start_time", "end_time")
_EVERY = 2**30  # a page as long as the whole export (Cypher slices by 32-bit integers)
_FORMATS = jsonschema.FormatChecker()  # the schema's formats, as export.checked tests them


class QueryError(ValueError):
    """A query parameter the API cannot use: the message names it and what it takes."""


@dataclass(frozen=True)
class Query:
    page: int = 1
    per_page: int = PER_PAGE
    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    organization_id: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    full: bool = False

    @classmethod
    def parse(cls, args: Mapping[str, str]) -> Query:
        """The standard parameters we support; others (postcode, proximity, modified_after,
        format...) are ignored, as unknown ones are."""
        def text(name: str) -> str | None:
            v = (args.get(name) or "").strip()
            return v or None

        def number(name: str, minimum: float, maximum: float | None = None) -> float | None:
            v = text(name)
            if v is None:
                return None
            try:
                n = float(v)
            except ValueError:
                n = float("nan")
            if not (n >= minimum and (maximum is None or n <= maximum)):
                raise QueryError(f"query parameter {name!r}: got {v!r}: a number from "
                                 f"{minimum:g}" + (f" to {maximum:g}" if maximum else ""))
            return n

        def time(name: str) -> str | None:
            v = text(name)
            if v is not None and not _TIME.match(v):
                raise QueryError(f"query parameter {name!r}: got {v!r}: a time, HH:MM")
            return v[:5] if v else None

        page = number("page", 1)
        per_page = number("per_page", 1, MAX_PER_PAGE)
        for name, n in (("page", page), ("per_page", per_page)):
            if n is not None and n != int(n):
                raise QueryError(f"query parameter {name!r}: got {args.get(name)!r}: "
                                 "a whole number")
        day = text("day")
        if day is not None and day.upper() not in _DAYS:
            raise QueryError(f"query parameter 'day': got {day!r}: a day, MO to SU or Monday "
                             "to Sunday")
        return cls(page=int(page or 1), per_page=int(per_page or PER_PAGE),
                   search=text("search") or text("text"),
                   taxonomy_term_id=text("taxonomy_term_id"), taxonomy_id=text("taxonomy_id"),
                   organization_id=text("organization_id"),
                   minimum_age=number("minimum_age", 0), maximum_age=number("maximum_age", 0),
                   day=_DAYS[day.upper()] if day else None, start_time=time("start_time"),
                   end_time=time("end_time"),
                   full=(text("full") or "").lower() in {"true", "1", "yes"})

    def matches(self, s: dict[str, Any]) -> bool:
        if self.search:
            hay = " ".join(str(x) for x in (s.get("name"), s.get("description"),
                                            (s.get("organization") or {}).get("name")) if x)
            if not all(w in hay.lower() for w in self.search.lower().split()):
                return False
        terms = [a.get("taxonomy_term") or {} for a in s.get("attributes") or []]
        if self.taxonomy_term_id and not any(
                self.taxonomy_term_id in (t.get("id"), a.get("taxonomy_term_id"))
                for t, a in zip(terms, s.get("attributes") or [], strict=True)):
            return False
        if self.taxonomy_id and not any(_taxonomy_id(t) == self.taxonomy_id for t in terms):
            return False
        if self.organization_id and s.get("organization_id") != self.organization_id:
            return False
        # The service's ages overlap the range asked for (a limit it does not give: none).
        if self.minimum_age is not None and s.get("maximum_age") is not None \
                and s["maximum_age"] < self.minimum_age:
            return False
        if self.maximum_age is not None and s.get("minimum_age") is not None \
                and s["minimum_age"] > self.maximum_age:
            return False
        if self.day or self.start_time or self.end_time:
            return any(self._open(x) for x in s.get("schedules") or [])
        return True

    def _open(self, schedule: dict[str, Any]) -> bool:
        """A schedule on `day`, opening at or after `start_time`, closing by `end_time`."""
        if self.day and self.day not in str(schedule.get("byday") or "").split(","):
            return False
        opens, closes = schedule.get("opens_at"), schedule.get("closes_at")
        if self.start_time and not (opens and str(opens)[:5] >= self.start_time):
            return False
        return not (self.end_time and not (closes and str(closes)[:5] <= self.end_time))


def root(openapi_url: str) -> dict[str, Any]:
    """The API's root: the HSDS version, the profile, where the OpenAPI document is."""
    return {"version": HSDS_VERSION, "profile": PROFILE, "openapi_url": openapi_url}


def openapi(server_url: str) -> dict[str, Any]:
    """The UK profile's OpenAPI document, as published, with this server filled in."""
    doc = json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))
    doc["info"]["title"] = "Social support map: Open Referral UK API"
    doc["servers"] = [{"url": server_url}]
    return doc


class Catalogue:
    """What the API publishes, read for one request: a page of services (or one) reads only
    those from the graph, in Cypher; the taxonomies and terms are made from the codes the
    services use; a page of service at locations counts each service's from a light read of
    them all, then reads only the services on the page. Where that cannot tell what the
    checked export would say, the whole export gives the answer."""

    def __init__(self, graph: Graph, contracts: bool = False) -> None:
        self._graph = graph
        self._contracts = contracts
        self._every: list[dict[str, Any]] | None = None
        self._term_map: dict[str, dict[str, Any]] | None = None

    def _checked(self) -> list[dict[str, Any]]:
        """Every published service, checked (read the first time it is needed)."""
        if self._every is None:
            self._every = []
            for r in records(self._graph, PUBLISHED_SERVICE_STATUSES, self._contracts):
                ok = _published(json.dumps(r, sort_keys=False, default=str))
                if ok is not None:
                    self._every.append(json.loads(ok))
        return self._every

    def _rows(self, q: Query | None, skip: int, limit: int, ids: list[str] | None = None,
              shapes: bool = False) -> list[dict[str, Any]]:
        """api_services' rows for the filters of `q` that Cypher can apply."""
        providers = None
        if q is not None and q.organization_id:
            providers = [r["id"] for r in self._graph.read("oruk/api_providers")
                         if organization_id(r["id"]) == q.organization_id]
        return self._graph.read(
            "oruk/api_services", statuses=list(PUBLISHED_SERVICE_STATUSES), ids=ids,
            skip=min(skip, _EVERY), limit=min(limit, _EVERY), providers=providers,
            words=q.search.lower().split() if q is not None and q.search else None,
            minimum_age=q.minimum_age if q is not None else None,
            maximum_age=q.maximum_age if q is not None else None, shapes=shapes)

    def _read(self, q: Query | None, skip: int, limit: int, ids: list[str] | None = None
              ) -> tuple[int, list[dict[str, Any]]] | None:
        """How many services the filters that Cypher can apply let through, and those from
        `skip` to `skip + limit`, checked; None when one of those cannot be published (the
        whole export then gives the answer, leaving it out of the totals too)."""
        rows = self._rows(q, skip, limit, ids)
        out = []
        for row in rows:
            if row["service"] is None:  # the page is empty
                continue
            record = service_full(row)
            if not self._contracts:
                record.pop("funding", None)
            ok = _published(json.dumps(record, sort_keys=False, default=str))
            if ok is None:
                return None
            out.append(json.loads(ok))
        return rows[0]["total"], out

    def _matching(self, q: Query) -> list[dict[str, Any]]:
        """Every published service `q` lets through, checked."""
        read = self._read(q, 0, _EVERY)
        return [s for s in (read[1] if read is not None else self._checked()) if q.matches(s)]

    def _found(self, q: Query) -> tuple[int, list[dict[str, Any]]]:
        """The total and the page of services `q` asks for."""
        start = (q.page - 1) * q.per_page
        if not any(getattr(q, f) for f in _RECORD_FILTERS):
            page = self._read(q, start, q.per_page)
            if page is not None:
                return page
        found = self._matching(q)
        return len(found), found[start:start + q.per_page]

    def services(self, q: Query) -> dict[str, Any]:
        total, items = self._found(q)
        if not q.full:
            items = [{k: s[k] for k in LIST_FIELDS if k in s} for s in items]
        return page_of(items, total, q.page, q.per_page)

    def service(self, published_id: str) -> dict[str, Any] | None:
        ours = [r["id"] for r in self._graph.read("oruk/api_service_ids",
                                                  statuses=list(PUBLISHED_SERVICE_STATUSES))
                if service_id(r["id"], r["source_id"]) == published_id]
        if not ours:
            return None
        read = self._read(None, 0, 1, ids=ours[:1])
        if read is not None:
            return read[1][0]
        return next((s for s in self._checked() if s["id"] == published_id), None)

    def _used_terms(self) -> dict[str, dict[str, Any]] | None:
        """The terms the published services use, made from the distinct codes they use with
        export's own functions and checked as one made-up service (an attribute is checked
        on its own, so it comes out as it would in any service); None when the codes cannot
        tell what the checked export would publish: a service that is never published, or
        two versions of a term (the first service's wins there)."""
        row = self._graph.read("oruk/api_terms", statuses=list(PUBLISHED_SERVICE_STATUSES))[0]
        if row["unnamed"]:
            return None
        sid = stable_uuid("service", "every term")  # a made-up service holding every term
        attributes = [feed_attribute(sid, json.loads(x)) for x in row["feed"]]
        attributes += [own_attribute(sid, taxonomy, t) for key, taxonomy in OWN
                       for t in row[key]]
        ok = _published(json.dumps({"id": sid, "name": "", "status": "active",
                                    "attributes": attributes}, default=str))
        if ok is None:  # too many values to leave out, in one service
            return None
        terms, versions = _terms_of([json.loads(ok)])
        return None if versions else terms

    def _terms(self) -> dict[str, dict[str, Any]]:
        if self._term_map is None:
            self._term_map = self._used_terms()
            if self._term_map is None:
                self._term_map = _terms_of(self._checked())[0]
        return self._term_map

    def _taxonomies(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for term in self._terms().values():
            tid = term.get("taxonomy_id")
            if tid and tid not in out:
                name = str(term.get("taxonomy") or tid)
                out[tid] = {"id": tid, "name": name,
                            "description": ORUK_TAXONOMIES.get(name, name)}
        return dict(sorted(out.items()))

    def taxonomy_terms(self, q: Query) -> dict[str, Any]:
        return _page(list(self._terms().values()), q)

    def taxonomy_term(self, term_id: str) -> dict[str, Any] | None:
        return self._terms().get(term_id)

    def taxonomies(self, q: Query) -> dict[str, Any]:
        return _page(list(self._taxonomies().values()), q)

    def taxonomy(self, taxonomy_id: str) -> dict[str, Any] | None:
        return self._taxonomies().get(taxonomy_id)

    def _shapes(self, q: Query | None) -> list[tuple[str, list[str]]] | None:
        """Each service the filters Cypher can apply let through, in order: our id and its
        service_at_location ids (unchecked); None when checking could change those (a
        service that is never published, or an id that is not a UUID, which checking drops
        with its service_at_location)."""
        out = []
        for shape in self._rows(q, 0, 0, shapes=True)[0]["shapes"]:
            ids = [x["id"] for x in service_at_locations(shape)]
            if not isinstance(shape.get("name"), str) or not all(
                    isinstance(x, str) and _FORMATS.conforms(x, "uuid") for x in ids):
                return None
            out.append((shape["id"], ids))
        return out

    def _sal_page(self, q: Query) -> tuple[int, list[dict[str, Any]]] | None:
        """The total and the page of service_at_locations `q` asks for, built from only the
        services on that page; None when the fast path cannot tell."""
        shapes = self._shapes(q)
        if shapes is None:
            return None
        start = (q.page - 1) * q.per_page
        end = start + q.per_page
        on_page: list[tuple[str, list[str]]] = []
        at = skip = 0
        for ours, ids in shapes:
            if ids and at + len(ids) > start and at < end:
                if not on_page:
                    skip = start - at
                on_page.append((ours, ids))
            at += len(ids)
        if not on_page:
            return at, []
        read = self._read(q, 0, len(on_page), ids=[ours for ours, _ in on_page])
        if read is None or len(read[1]) != len(on_page):
            return None
        items = []
        for s, (_ours, ids) in zip(read[1], on_page, strict=True):
            sals = _sals_of(s)
            if [x["id"] for x in sals] != ids:
                return None
            items += sals
        return at, items[skip:skip + q.per_page]

    def service_at_locations(self, q: Query) -> dict[str, Any]:
        page = None
        if not any(getattr(q, f) for f in _RECORD_FILTERS):
            page = self._sal_page(q)
        if page is None:
            return _page([x for s in self._matching(q) for x in _sals_of(s)], q)
        return page_of(page[1], page[0], q.page, q.per_page)

    def service_at_location(self, sal_id: str) -> dict[str, Any] | None:
        """A service_at_location with its location and its whole service: the first service
        that has it, read alone."""
        shapes = self._shapes(None)
        if shapes is None:
            return _first_sal(self._checked(), sal_id)
        for ours, ids in shapes:
            if sal_id in ids:
                read = self._read(None, 0, 1, ids=[ours])
                if read is None:
                    return _first_sal(self._checked(), sal_id)
                found = _first_sal(read[1], sal_id)
                if found is not None:
                    return found
        return None


def _terms_of(services: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], bool]:
    """The terms of `services`' attributes by id, sorted: the first service's version of
    each; and whether any term came in another version too."""
    terms: dict[str, dict[str, Any]] = {}
    versions = False
    for s in services:
        for a in s.get("attributes") or []:
            t = a.get("taxonomy_term")
            if t and t.get("id"):
                term = dict(t)
                if _taxonomy_id(term):
                    term["taxonomy_id"] = _taxonomy_id(term)
                versions = versions or terms.get(term["id"], term) != term
                terms.setdefault(term["id"], term)
    return dict(sorted(terms.items())), versions


def _sals_of(s: dict[str, Any], full: bool = False) -> list[dict[str, Any]]:
    """A checked service's service_at_locations as the API lists them (with the whole
    service, when `full`)."""
    out = []
    for sal in s.get("service_at_locations") or []:
        location = sal.get("location") or {}
        out.append(_compact({"id": sal["id"], "service_id": s["id"],
                             "location_id": location.get("id"), "location": location,
                             "service": s if full else {k: s[k] for k in LIST_FIELDS
                                                        if k in s}}))
    return out


def _first_sal(services: list[dict[str, Any]], sal_id: str) -> dict[str, Any] | None:
    return next((x for s in services for x in _sals_of(s, full=True) if x["id"] == sal_id),
                None)


def _page(items: list[dict[str, Any]], q: Query) -> dict[str, Any]:
    return page_of(items[(q.page - 1) * q.per_page:q.page * q.per_page], len(items), q.page,
                   q.per_page)


def _taxonomy_id(term: dict[str, Any]) -> str | None:
    """A term's taxonomy id: its own `taxonomy_id`, else one derived from the taxonomy's
    name (as export does for ours)."""
    if term.get("taxonomy_id"):
        return str(term["taxonomy_id"])
    return stable_uuid("taxonomy", str(term["taxonomy"])) if term.get("taxonomy") else None


@functools.lru_cache(maxsize=20_000)
def _published(text: str) -> str | None:
    """One service record, checked against the schema and compacted (cached by its text: an
    unchanged service is not checked again)."""
    ok, _warnings = checked(json.loads(text))
    return None if ok is None else json.dumps(_compact(ok))


def _compact(v: Any, key: str | None = None) -> Any:
    """Empty optional fields left out, never null: None, empty lists and objects, and empty
    text unless a schema requires the field."""
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            x = _compact(x, k)
            if x is None or x == [] or x == {} or (x == "" and k not in _REQUIRED):
                continue
            out[k] = x
        return out
    if isinstance(v, list):
        items = [_compact(x) for x in v]
        return [x for x in items if x is not None and x != {}]
    return v
