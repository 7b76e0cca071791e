"""ORUK records -> our import rows (ecosystem/importers/schema.py), checked field by field.

Nothing is written here: the rows go through `importers.import_tables` like any other import,
so validation, idempotence and all-or-nothing writing are shared. Ids are ours with a prefix:
`oruk:<ORUK service id>` and `oruk:<ORUK organization id>`; the ORUK id itself is kept in
`source_id` and is what `export-oruk` publishes again.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecosystem.contacts import (
    POSTCODE,
    Site,
    parse_email,
    parse_hours,
    parse_phone,
    parse_url,
)
from ecosystem.importers.issues import Issue
from ecosystem.importers.schema import ID_RE
from ecosystem.oruk.mapping import OWN_TAXONOMIES, Mapping
from ecosystem.oruk.reader import Feed, Record
from ecosystem.oruk.suggest import suggest
from ecosystem.vocabulary import COMMISSIONER_KINDS

PREFIX = "oruk:"
FUNDER_PREFIX = "oruk-funder:"
STATUS = {"active": "active", "inactive": "suspended", "temporarily closed": "suspended",
          "defunct": "closed"}
ONS_CODE = re.compile(r"\b[EWSNK]\d{8}\b")
# Our row fields as the ORUK fields they came from, so the importer's messages name those.
ORUK_FIELD = {"id": "id", "name": "name", "provider_id": "organization", "areas": "service_areas",
              "domains": "attributes", "types": "attributes", "sources": "attributes",
              "min_age": "minimum_age", "max_age": "maximum_age", "status": "status",
              "url": "url", "description": "description", "funder_ids": "funding",
              "sector": "organization_identifiers", "website": "website"}


@dataclass(frozen=True)
class Funder:
    commissioner_id: str
    name: str | None = None
    kind: str | None = None
    # With these, each service naming the text is funded by a Contract of this annual value.
    annual_value: float | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


@dataclass
class Known:
    """What the graph already holds that a feed may refer to."""

    areas: dict[str, str] = field(default_factory=dict)  # id -> name
    commissioners: frozenset[str] = frozenset()
    providers: dict[str, str] = field(default_factory=dict)  # id -> sector
    # Our own records as export published them (ORUK id -> our id): a re-import of our own
    # export leaves them alone rather than copying them as feed records.
    own_services: dict[str, str] = field(default_factory=dict)
    own_providers: dict[str, str] = field(default_factory=dict)
    # The feed's services already in the map (our id -> their row fields), so a record that
    # leaves a field out keeps what the map has (see KEEP).
    prior: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Funding texts confirmed by an earlier import (normalised text -> commissioner id), so
    # a re-import without --confirm-funders or --funders keeps them.
    funding_sources: dict[str, str] = field(default_factory=dict)


@dataclass
class Conversion:
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    labels: dict[tuple[str, int], str] = field(default_factory=dict)  # (entity, row) -> record
    issues: list[Issue] = field(default_factory=list)
    unmapped: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    unconfirmed_funders: dict[str, list[str]] = field(default_factory=dict)
    confirmed_funders: dict[str, str] = field(default_factory=dict)  # norm text -> id
    fallback_sources: list[str] = field(default_factory=list)  # ORUK service ids
    fallback_sectors: list[str] = field(default_factory=list)  # ORUK organization ids
    service_ids: list[str] = field(default_factory=list)  # ours, every service in the feed
    skipped_own: list[str] = field(default_factory=list)  # our ids, see Known.own_services
    # Our service id -> the domains and types suggested from its own words (oruk/suggest.py),
    # for every service converted (empty lists when all came from its terms or a review).
    suggested: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)

    def relabel(self, issues: Iterable[Issue]) -> list[Issue]:
        """The importer's issues, naming the ORUK record and field instead of a row."""
        out = []
        for i in issues:
            entity = i.origin.split(":", 1)[-1]
            label = self.labels.get((entity, i.row or 0))
            if label is None:
                out.append(i)
                continue
            column = ORUK_FIELD.get(i.column or "", i.column)
            out.append(Issue(label, None, column, i.value, i.message))
        return out


def norm_text(text: str) -> str:
    return " ".join(text.split()).lower()


def load_funders(path: Path) -> tuple[dict[str, Funder], list[Issue]]:
    """A CSV of `source` (funding text as published) -> `commissioner_id` (+ `name`, `kind`
    to create the commissioner when the map does not hold it yet)."""
    origin = Path(path).name
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        return {}, [Issue(origin, None, None, None, f"a readable UTF-8 CSV file ({e})")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("source", "commissioner_id") if c not in (reader.fieldnames or [])]
    if missing:
        return {}, [Issue(origin, 1, c, None, "this required column is missing") for c in missing]
    out: dict[str, Funder] = {}
    issues: list[Issue] = []
    for rownum, row in enumerate(reader, start=2):
        source = (row.get("source") or "").strip()
        cid = (row.get("commissioner_id") or "").strip()
        kind = (row.get("kind") or "").strip().lower() or None
        if not source and not cid:
            continue
        value, start, end = _contract_terms(row, origin, rownum, issues)
        if not source:
            issues.append(Issue(origin, rownum, "source", None, "a value is required"))
        if not re.match(ID_RE, cid):
            issues.append(Issue(origin, rownum, "commissioner_id", cid or None, "an id"))
        if kind is not None and kind not in COMMISSIONER_KINDS:
            issues.append(Issue(origin, rownum, "kind", kind,
                                "one of " + ", ".join(COMMISSIONER_KINDS)))
        out[norm_text(source)] = Funder(cid, (row.get("name") or "").strip() or None, kind,
                                        value, start, end)
    return out, issues


def _contract_terms(row: dict[str, str | None], origin: str, rownum: int,
                    issues: list[Issue]) -> tuple[float | None, dt.date | None, dt.date | None]:
    """A funders row's `annual_value`, `start_date`, `end_date`: all empty (no contract), or
    a value of 0 or more and a start date (the end date is optional)."""
    raw = {k: (row.get(k) or "").strip() for k in ("annual_value", "start_date", "end_date")}
    if not any(raw.values()):
        return None, None, None
    value: float | None = None
    try:
        value = float(raw["annual_value"].replace(",", "").lstrip("£"))
    except ValueError:
        pass
    if value is None or not math.isfinite(value) or value < 0:
        issues.append(Issue(origin, rownum, "annual_value", raw["annual_value"] or None,
                            "an amount in pounds a year, 0 or more (with a start_date, it "
                            "makes a contract)"))
        value = None
    dates: dict[str, dt.date | None] = {}
    for k in ("start_date", "end_date"):
        try:
            dates[k] = dt.date.fromisoformat(raw[k]) if raw[k] else None
        except ValueError:
            issues.append(Issue(origin, rownum, k, raw[k], "a date, YYYY-MM-DD"))
            dates[k] = None
    start, end = dates["start_date"], dates["end_date"]
    if not raw["start_date"]:
        issues.append(Issue(origin, rownum, "start_date", None,
                            "a value is required with an annual_value (a contract needs both)"))
    if start and end and end < start:
        issues.append(Issue(origin, rownum, "end_date", raw["end_date"],
                            f"a date on or after the start_date {start}"))
    return value, start, end


def convert(feed: Feed, mapping: Mapping, known: Known, *, feed_name: str = "oruk",
            default_area: str | None = None, confirm_funders: bool = False,
            funders: dict[str, Funder] | None = None,
            default_provider: str | None = None) -> Conversion:
    c = _Converter(feed, mapping, known, feed_name, default_area, confirm_funders,
                   funders or {})
    if default_provider:
        c.default_provider = _named_provider(default_provider, mapping, known, c)
    if default_area is not None and default_area not in known.areas:
        c.conv.issues.append(Issue("--area", None, None, default_area,
                                   "the id of an area already in the map"))
    for org in feed.organizations:
        pid = _provider(org, f"{feed.origin}: organization", mapping, known, c.conv,
                        c.providers)
        if pid is not None:
            c.orgs_by_id[str(org["id"])] = pid
    for n, rec in enumerate(feed.services, start=1):
        c.service(n, rec)
    return c.finish()


@dataclass
class _Problems:
    """One service record's problems, each naming the record and the ORUK field."""

    label: str
    issues: list[Issue] = field(default_factory=list)

    def __call__(self, column: str, value: Any, message: str) -> None:
        # As the file has it: JSON's false, not Python's False.
        shown = (None if value is None or isinstance(value, dict | list) else
                 json.dumps(value) if isinstance(value, bool) else str(value))
        self.issues.append(Issue(self.label, None, column, shown, message))


# Our row fields and the ORUK fields they are made from: when a record (a shallow /services
# list item) carries none of those fields, the service keeps what the map already has.
KEEP: dict[str, tuple[str, ...]] = {
    "provider_id": ("organization", "organization_id"),
    "description": ("description",), "url": ("url",), "website": ("url",),
    "min_age": ("minimum_age",), "max_age": ("maximum_age",),
    "areas": ("service_areas",),
    "domains": ("attributes",), "types": ("attributes",), "sources": ("attributes",),
    "taxonomy_terms": ("attributes",),
    "funding": ("funding",), "funder_ids": ("funding",),
    "cost_options": ("cost_options",), "free_to_client": ("cost_options",),
    "locations": ("service_at_locations",), "sites": ("service_at_locations",),
    "accessibility": ("service_at_locations",),
    "phone": ("phones", "contacts", "service_at_locations"),
    "email": ("email", "contacts"),
    "update_contact": ("assurer_email", "contacts"),
    "opening_hours": ("schedules",), "hours_note": ("schedules",),
    "languages": ("languages",),
}
KEPT_LISTS = {"areas", "domains", "types", "sources", "taxonomy_terms", "funding",
              "funder_ids", "cost_options", "locations", "sites", "languages"}


def kept_fields(rec: Record, prior: dict[str, Any] | None) -> dict[str, Any]:
    """The row fields a record leaves out, as the map already has them."""
    if prior is None:
        return {}
    out = {}
    for f, sources in KEEP.items():
        if not any(k in rec for k in sources):
            v = prior.get(f)
            out[f] = (v or []) if f in KEPT_LISTS else v
    return out


_LISTS = ("service_areas", "funding", "cost_options", "service_at_locations", "attributes",
          "contacts", "phones", "schedules", "languages")


@dataclass
class _Converter:
    """A feed's services one at a time: each part of a record checked in turn (every problem
    is found, not just the first), the row made only when there were none."""

    feed: Feed
    mapping: Mapping
    known: Known
    feed_name: str
    default_area: str | None
    confirm_funders: bool
    funders: dict[str, Funder]
    conv: Conversion = field(default_factory=Conversion)
    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    commissioners: dict[str, dict[str, Any]] = field(default_factory=dict)
    services: list[dict[str, Any]] = field(default_factory=list)
    contracts: list[dict[str, Any]] = field(default_factory=list)
    orgs_by_id: dict[str, str] = field(default_factory=dict)  # ORUK id -> our provider id
    default_provider: str | None = None  # --provider: for services with no organisation
    seen: dict[str, int] = field(default_factory=dict)  # ORUK service id -> record number

    def service(self, n: int, rec: Record) -> None:
        sid = rec.get("id")
        if _is_text(sid) and str(sid) in self.known.own_services:
            self.conv.skipped_own.append(self.known.own_services[str(sid)])
            return
        # A repeated id names the record too: otherwise every repeat reads the same.
        again = f" (record {n})" if _is_text(sid) and str(sid) in self.seen else ""
        bad = _Problems(f"{self.feed.origin}: service {sid}{again}" if _is_text(sid) else
                        f"{self.feed.origin}: service record {n}")
        self._check_id(sid, n, bad)
        _check_texts(rec, bad)
        ages = _ages(rec, bad)
        lists = _lists(rec, bad)
        prior = self.known.prior.get(PREFIX + str(sid)) if _is_text(sid) else None
        kept = kept_fields(rec, prior)
        suggested: tuple[list[str], list[str]] = ([], [])
        provider_id = (kept["provider_id"] if kept.get("provider_id") else
                       self._organization(rec, bad))
        areas = kept["areas"] if kept.get("areas") else self._areas(lists["service_areas"], bad)
        if kept.get("domains") and kept.get("types") and kept.get("sources"):
            domains, types, sources, terms = (kept["domains"], kept["types"], kept["sources"],
                                              kept["taxonomy_terms"])
            if prior is not None:
                suggested = (list(prior.get("suggested_domains") or []),
                             list(prior.get("suggested_types") or []))
        else:
            domains, types, sources, terms, suggested = self._classification(
                rec, lists["attributes"], sid, prior, bad)
        texts, funder_ids, contracts = self._funding(lists["funding"], sid, bad)
        assured = _assured(rec, bad)
        if bad.issues:
            self.conv.issues += bad.issues
            return
        row: dict[str, Any] = {
            "id": PREFIX + str(sid), "name": rec["name"], "provider_id": provider_id,
            "description": rec.get("description"), "areas": areas, "domains": domains,
            "types": types, "sources": sources, "min_age": ages.get("minimum_age"),
            "max_age": ages.get("maximum_age"), "status": STATUS[str(rec.get("status"))],
            "url": rec.get("url"), "source": self.feed_name, "source_id": str(sid),
            "in_feed": True, "removed_from_feed_on": None,
            "locations": [_dump(_location(x)) for x in lists["service_at_locations"]],
            "cost_options": [_dump(x) for x in lists["cost_options"]],
            "funding": texts, "funder_ids": sorted(set(funder_ids)), "taxonomy_terms": terms,
            **contact_fields(rec, lists), "last_verified": assured,
        }
        row.update(kept)
        self.services.append(row)
        self.conv.labels[("services", len(self.services))] = bad.label
        for contract in contracts:
            self.contracts.append({**contract, "service_id": row["id"]})
            self.conv.labels[("contracts", len(self.contracts))] = (
                f"{bad.label}: contract from the funders file")
        self.conv.service_ids.append(row["id"])
        self.conv.suggested[row["id"]] = suggested

    def _check_id(self, sid: Any, n: int, bad: _Problems) -> None:
        if not _is_text(sid):
            bad("id", sid, "a value is required" if sid in (None, "") else "an id (text)")
        elif not re.match(ID_RE, PREFIX + str(sid)):
            bad("id", sid, "an id of letters, digits and - _ . : / (at most 94 characters)")
        elif str(sid) in self.seen:
            bad("id", sid, f"a unique id; service record {self.seen[str(sid)]} has the same")
        else:
            self.seen[str(sid)] = n

    def _organization(self, rec: Record, bad: _Problems) -> str | None:
        """The provider: embedded, or by organization_id in this feed or already in the map."""
        embedded = rec.get("organization")
        if isinstance(embedded, dict):
            provider_id = self.orgs_by_id.get(str(embedded.get("id"))) or _provider(
                embedded, f"{self.feed.origin}: organization", self.mapping, self.known,
                self.conv, self.providers)
            if provider_id is not None:
                self.orgs_by_id[str(embedded["id"])] = provider_id
            else:
                bad("organization", None, "a valid organization (its problems are listed)")
            return provider_id
        if embedded is not None:
            bad("organization", embedded, "an organization object")
            return None
        if not _is_text(rec.get("organization_id")):
            if self.default_provider is not None:
                return self.default_provider
            bad("organization", None, "a value is required (organization or organization_id, "
                "or name the feed's provider with --provider)")
            return None
        oid = str(rec["organization_id"])
        provider_id = self.orgs_by_id.get(oid)
        if provider_id is None and PREFIX + oid in self.known.providers:
            provider_id = PREFIX + oid
        if provider_id is None:
            bad("organization_id", oid, "the id of an organization in this feed "
                "or already in the map")
        return provider_id

    def _areas(self, service_areas: list[Record], bad: _Problems) -> list[str]:
        areas = _areas(service_areas, self.known)
        if not areas and self.default_area is not None:
            areas = [self.default_area]
        if not areas:
            bad("service_areas", None, "an area of the map: name one (an ONS code, or an area's "
                "id or name) in service_areas, or give --area for the whole feed")
        return areas

    def _classification(self, rec: Record, attributes: list[Record], sid: Any,
                        prior: dict[str, Any] | None, bad: _Problems
                        ) -> tuple[list[str], list[str], list[str], list[str],
                                   tuple[list[str], list[str]]]:
        """Life domains, types and sources of support from the taxonomy terms (else the
        mapping's fallback row; else, for domains and types, what an officer confirmed in the
        review queue, or what the service's own words suggest), the terms themselves, and
        which domains and types are only suggested."""
        mapping = self.mapping
        domains, types, sources, terms = _classify(attributes, mapping, self.conv, sid)
        if not sources and mapping.fallback.sources:
            sources = list(mapping.fallback.sources)
            self.conv.fallback_sources.append(str(sid))
        domains = domains or list(mapping.fallback.domains)
        types = types or list(mapping.fallback.types)
        if prior is not None and prior.get("classification_reviewed_on"):
            domains = domains or list(prior.get("domains") or [])
            types = types or list(prior.get("types") or [])
        suggested: tuple[list[str], list[str]] = ([], [])
        if not domains or not types:
            guess = suggest(rec)
            if not domains and guess.domains:
                domains = list(guess.domains)
                suggested[0].extend(domains)
            if not types and guess.types:
                types = list(guess.types)
                suggested[1].extend(types)
        term_names = "; ".join(_term_name(a) for a in attributes) or None
        hint = (f" (none could be suggested from its name or description either); add its "
                f"taxonomy terms to the mapping ({mapping.origin}; see --unmapped-out)"
                " or give the mapping's fallback row one")
        if not domains:
            bad("attributes", term_names, "a life domain from its taxonomy terms" + hint)
        if not types:
            bad("attributes", term_names, "a type of support from its taxonomy terms" + hint)
        if not sources:
            bad("attributes", term_names, "a source of support from its taxonomy terms"
                + hint.replace(" (none could be suggested from its name or description either)",
                               ""))
        return domains, types, sources, terms, suggested

    def _funding(self, funding: list[Record], sid: Any, bad: _Problems
                 ) -> tuple[list[str], list[str], list[dict[str, Any]]]:
        """The funding texts as published, the commissioners confirmed for them (by the
        funders file, made from the text with --confirm-funders, or by an earlier import),
        and the contracts the funders file gives (without their service_id)."""
        texts = [str(f.get("source")).strip() for f in funding if _is_text(f.get("source"))]
        funder_ids = []
        contracts = []
        for text in texts:
            funder = self.funders.get(norm_text(text))
            if funder is not None:
                cid = funder.commissioner_id
                if cid not in self.known.commissioners and funder.name is None:
                    bad("funding", text, f"commissioner {cid} (funders file) is not in the "
                        "map: give its name and kind in the funders file")
                    continue
                if funder.name is not None:
                    self.commissioners.setdefault(cid, {"id": cid, "name": funder.name,
                                                        "kind": funder.kind or "other"})
                funder_ids.append(cid)
                self.conv.confirmed_funders[norm_text(text)] = cid
                if funder.annual_value is not None and funder.start_date is not None:
                    key = f"{cid}|{PREFIX}{sid}".encode()
                    contracts.append({
                        "id": "oruk-contract:" + hashlib.sha1(key).hexdigest()[:12],
                        "commissioner_id": cid, "annual_value": funder.annual_value,
                        "start_date": funder.start_date.isoformat(),
                        "end_date": funder.end_date.isoformat() if funder.end_date else None})
            elif self.confirm_funders:
                cid = FUNDER_PREFIX + hashlib.sha1(norm_text(text).encode()).hexdigest()[:12]
                self.commissioners.setdefault(cid, {"id": cid, "name": text, "kind": "other"})
                funder_ids.append(cid)
                self.conv.confirmed_funders[norm_text(text)] = cid
            elif norm_text(text) in self.known.funding_sources:
                funder_ids.append(self.known.funding_sources[norm_text(text)])
            else:
                self.conv.unconfirmed_funders.setdefault(text, []).append(str(sid))
        return texts, funder_ids, contracts

    def finish(self) -> Conversion:
        conv = self.conv
        conv.records = {"providers": list(self.providers.values()),
                        "commissioners": list(self.commissioners.values()),
                        "services": self.services, "contracts": self.contracts}
        for i, p in enumerate(conv.records["providers"], start=1):
            conv.labels[("providers", i)] = (f"{self.feed.origin}: organization "
                                             f"{p['id'][len(PREFIX):]}")
        for i, c in enumerate(conv.records["commissioners"], start=1):
            conv.labels[("commissioners", i)] = f"funder {c['name']!r}"
        return conv


def _check_texts(rec: Record, bad: _Problems) -> None:
    if not _is_text(rec.get("name")):
        bad("name", rec.get("name"), "a value is required" if rec.get("name") in (None, "")
            else "text")
    status = rec.get("status")
    if not isinstance(status, str) or status not in STATUS:  # a list is not a status either
        bad("status", status, "one of " + ", ".join(STATUS))
    for f in ("description", "url", "email", "assurer_email"):
        if rec.get(f) is not None and not isinstance(rec.get(f), str):
            bad(f, rec.get(f), "text")


# Feeds say "no age limit" with -1 (or a large number such as 999): the schema types ages as
# plain numbers, so these are valid and mean no limit, not an error.
NO_LIMIT_FROM = 120


def _ages(rec: Record, bad: _Problems) -> dict[str, int]:
    ages = {}
    for f in ("minimum_age", "maximum_age"):
        v = rec.get(f)
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, int | float):
            bad(f, v, "a number of years")
        elif isinstance(v, float) and not math.isfinite(v):
            bad(f, v, "a number of years (not NaN or infinity)")
        elif 0 <= v < NO_LIMIT_FROM:
            ages[f] = int(v)
    return ages


def _lists(rec: Record, bad: _Problems) -> dict[str, list[Record]]:
    """The record's lists of objects; a missing or malformed one as empty."""
    lists: dict[str, list[Record]] = {}
    for f in _LISTS:
        v = rec.get(f)
        if v is None:
            lists[f] = []
        elif not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            bad(f, v, "a list of objects")
            lists[f] = []
        else:
            lists[f] = v
    return lists


def _provider(org: Record, where: str, mapping: Mapping, known: Known, conv: Conversion,
              providers: dict[str, dict[str, Any]]) -> str | None:
    oid = org.get("id")
    label = f"{where} {oid}"
    ok = True
    if not _is_text(oid) or not re.match(ID_RE, PREFIX + str(oid)):
        conv.issues.append(Issue(label, None, "id", None if oid is None else str(oid),
                                 "a value is required" if oid in (None, "") else "an id (text)"))
        return None
    if not _is_text(org.get("name")):
        conv.issues.append(Issue(label, None, "name", None, "a value is required"
                                 if org.get("name") in (None, "") else "text"))
        ok = False
    for f in ("website", "description", "email"):
        if org.get(f) is not None and not isinstance(org.get(f), str):
            conv.issues.append(Issue(label, None, f, None, "text"))
            ok = False
    if str(oid) in known.own_providers:
        return known.own_providers[str(oid)]
    pid = PREFIX + str(oid)
    if pid in providers:
        return pid if ok else None
    idents = org.get("organization_identifiers") or []
    if not isinstance(idents, list) or not all(isinstance(x, dict) for x in idents):
        conv.issues.append(Issue(label, None, "organization_identifiers", None,
                                 "a list of objects"))
        return None
    sector = mapping.sector([str(x.get("identifier_scheme") or "") for x in idents])
    # No scheme for it: keep the sector the map has (perhaps set by hand), else the fallback.
    sector = sector or known.providers.get(pid)
    if sector is None:
        sector = mapping.fallback_sector
        if sector is not None:
            conv.fallback_sectors.append(str(oid))
    if sector is None:
        conv.issues.append(Issue(label, None, "organization_identifiers", None,
                                 "an identifier scheme the mapping gives a sector for, "
                                 "or a sector in the mapping's fallback row"))
        ok = False
    if not ok:
        return None
    website = org.get("website")
    providers[pid] = {"id": pid, "name": org["name"], "sector": sector,
                      "website": website if isinstance(website, str) else None}
    return pid


def _named_provider(given: str, mapping: Mapping, known: Known, c: _Converter) -> str | None:
    """--provider: a provider already in the map (by id), or a new one by that name."""
    if given in known.providers:
        return given
    slug = re.sub(r"[^a-z0-9]+", "-", given.lower()).strip("-")
    pid = f"{PREFIX}provider-{slug}"
    sector = known.providers.get(pid) or mapping.fallback_sector
    if not slug or sector is None or not re.match(ID_RE, pid):
        c.conv.issues.append(Issue("--provider", None, None, given,
                                   "the id of a provider in the map, or a name (with a sector "
                                   "in the mapping's fallback row)"))
        return None
    c.providers[pid] = {"id": pid, "name": given, "sector": sector, "website": None}
    return pid


def _areas(service_areas: list[Record], known: Known) -> list[str]:
    by_name = {norm_text(name): aid for aid, name in known.areas.items() if name}
    found: list[str] = []
    for sa in service_areas:
        texts = [str(sa[k]) for k in ("uri", "name", "service_area") if _is_text(sa.get(k))]
        hits = [c for t in texts for c in ONS_CODE.findall(t) if c in known.areas]
        for t in texts:
            last = t.rstrip("/").rsplit("/", 1)[-1]
            if last in known.areas:
                hits.append(last)
            if norm_text(t) in by_name:
                hits.append(by_name[norm_text(t)])
        for h in hits:
            if h not in found:
                found.append(h)
    return found


def _classify(attributes: list[Record], mapping: Mapping, conv: Conversion, sid: Any
              ) -> tuple[list[str], list[str], list[str], list[str]]:
    domains: list[str] = []
    types: list[str] = []
    sources: list[str] = []
    terms: list[str] = []
    for a in attributes:
        term = a.get("taxonomy_term")
        if not isinstance(term, dict):
            term = {"id": a.get("taxonomy_term_id")}
        tax = str(term.get("taxonomy") or "").strip().lower()
        if tax not in OWN_TAXONOMIES:
            terms.append(_dump(normal_term(a, term)))
        classes = mapping.classify(term)
        if classes is None:
            key = (str(term.get("taxonomy") or ""), str(term.get("id") or ""),
                   str(term.get("name") or term.get("term") or ""))
            conv.unmapped.setdefault(key, []).append(str(sid))
            continue
        domains += [d for d in classes.domains if d not in domains]
        types += [t for t in classes.types if t not in types]
        sources += [s for s in classes.sources if s not in sources]
    return domains, types, sources, terms


def normal_term(attribute: Record, term: Record) -> Record:
    """A feed term as kept on the service: what export publishes again, unchanged."""
    out = {k: v for k, v in term.items() if v is not None}
    out.setdefault("name", str(out.get("term") or out.get("id") or ""))
    out.setdefault("description", "")
    for k in ("id", "link_type"):
        if attribute.get(k) is not None:
            out["attribute_" + k if k == "id" else k] = attribute[k]
    return out


def _term_name(a: Record) -> str:
    t = a.get("taxonomy_term")
    if isinstance(t, dict):
        return str(t.get("name") or t.get("term") or t.get("id"))
    return str(a.get("taxonomy_term_id"))


def _location(sal: Record) -> Record:
    loc = sal.get("location")
    loc = dict(loc) if isinstance(loc, dict) else {"id": sal.get("location_id")}
    addresses = loc.get("addresses")
    if isinstance(addresses, list):  # a named person to write to is not the map's business
        loc["addresses"] = [{k: v for k, v in a.items() if k != "attention"}
                            for a in addresses if isinstance(a, dict)]
    contacts = loc.get("contacts")
    if isinstance(contacts, list):
        loc["contacts"] = [_role_contact(c) for c in contacts if isinstance(c, dict)]
    return {"service_at_location_id": sal.get("id"), **loc}


_BYDAY = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat",
          "SU": "Sun"}


def _valid(parse: Any, v: Any) -> str | None:
    """The value as our importer takes it, or None: a feed's odd phone number or address
    leaves that detail out rather than the whole service (the feed's own record is kept)."""
    if not _is_text(v):
        return None
    try:
        return str(parse(str(v)))
    except ValueError:
        return None


def _assured(rec: Record, bad: _Problems) -> str | None:
    """ORUK's assured_date (when the service's details were last checked) as our
    last_verified; a value that is not a date is the record's problem."""
    v = rec.get("assured_date")
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        return dt.date.fromisoformat(str(v).strip()[:10]).isoformat()
    except ValueError:
        bad("assured_date", v, "a date as YYYY-MM-DD")
        return None


def contact_fields(rec: Record, lists: dict[str, list[Record]]) -> dict[str, Any]:
    """Phone, email, website, sites, opening hours, languages, accessibility, cost and who
    keeps the entry, from an ORUK service. Contacts give role titles only: a named person's
    name and own email are dropped, as for locations."""
    locations: list[Record] = [x["location"] for x in lists["service_at_locations"]
                               if isinstance(x.get("location"), dict)]
    contacts = [_role_contact(c) for c in lists["contacts"]]
    # A named person's email is theirs wherever it appears, even as the service's own.
    personal = {norm_text(str(c["email"])) for c in lists["contacts"] +
                [c for loc in locations for c in loc.get("contacts") or [] if isinstance(c, dict)]
                if _is_text(c.get("name")) and _is_text(c.get("email"))}

    def email(v: Any) -> str | None:
        found = _valid(parse_email, v)
        return None if found is None or norm_text(found) in personal else found

    phones = list(lists["phones"]) + [p for c in contacts for p in c.get("phones") or []
                                      if isinstance(p, dict)]
    phones += [p for loc in locations for p in loc.get("phones") or [] if isinstance(p, dict)]
    phone = next((n for n in (_valid(parse_phone, p.get("number")) for p in phones) if n), None)
    roles = [" ".join(str(c[k]) for k in ("title", "department") if _is_text(c.get(k)))
             for c in contacts]
    role_emails = [e for e in (email(c.get("email")) for c in contacts) if e]
    update = email(rec.get("assurer_email"))
    if update is None and any(roles):
        update = ", ".join(x for x in [next(r for r in roles if r), *role_emails[:1]] if x)
    hours, notes = _schedules(lists["schedules"])
    languages = [str(x.get("name") or x.get("code")).strip() for x in lists["languages"]
                 if _is_text(x.get("name")) or _is_text(x.get("code"))]
    access = [str(a.get("description")).strip() for loc in locations
              for a in loc.get("accessibility") or []
              if isinstance(a, dict) and _is_text(a.get("description"))]
    amounts = [c.get("amount") for c in lists["cost_options"]]
    amounts = [a for a in amounts if isinstance(a, int | float) and not isinstance(a, bool)]
    return {
        "phone": phone,
        "email": email(rec.get("email")) or (role_emails[0] if role_emails else None),
        "website": _valid(parse_url, rec.get("url")),
        "sites": [x for x in (_site(loc) for loc in locations) if x],
        "opening_hours": hours, "hours_note": " ".join(notes) or None,
        "languages": list(dict.fromkeys(languages)),
        "accessibility": "; ".join(dict.fromkeys(access)) or None,
        "free_to_client": (all(a == 0 for a in amounts) if amounts else None),
        "update_contact": update,
    }


def _schedules(schedules: list[Record]) -> tuple[str | None, list[str]]:
    """Weekly RRULE entries (byday, opens_at, closes_at) as our week; descriptions and
    anything else as notes."""
    week, notes = [], []
    for x in schedules:
        days = [_BYDAY.get(d.strip().upper()[-2:]) for d in str(x.get("byday") or "").split(",")]
        opens, closes = x.get("opens_at"), x.get("closes_at")
        if (str(x.get("freq") or "WEEKLY").upper() == "WEEKLY" and days and all(days)
                and _is_text(opens) and _is_text(closes)):
            entry = _valid(parse_hours, f"{','.join(d for d in days if d)} "
                                        f"{str(opens)[:5]}-{str(closes)[:5]}")
            if entry:
                week.append(entry)
        for k in ("description", "notes"):
            if _is_text(x.get(k)):
                notes.append(" ".join(str(x[k]).split()))
    return ("; ".join(week) or None), list(dict.fromkeys(notes))


def _site(loc: Record) -> str | None:
    """A location's first address with a UK postcode, as our site text."""
    lat, lon = loc.get("latitude"), loc.get("longitude")
    ok = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
    where = (float(lat), float(lon)) if ok else None  # type: ignore[arg-type]
    if where and not (-90 <= where[0] <= 90 and -180 <= where[1] <= 180):
        where = None
    for a in loc.get("addresses") or []:
        if not isinstance(a, dict):
            continue
        m = POSTCODE.fullmatch(str(a.get("postal_code") or "").strip())
        if not m:
            continue
        parts = [str(a[k]).strip() for k in ("address_1", "city") if _is_text(a.get(k))]
        return Site(", ".join(parts), f"{m.group(1)} {m.group(2)}".upper(),
                    *(where or (None, None))).text()
    return None


def _role_contact(contact: Record) -> Record:
    """A contact point without the named person: role, department and phones stay; a
    named person's own email goes with their name."""
    named = _is_text(contact.get("name"))
    return {k: v for k, v in contact.items()
            if k != "name" and not (named and k == "email")}


def _dump(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)


def _is_text(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""
