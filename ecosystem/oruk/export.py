"""Our services as an ORUK page of service_full records (validated in the tests against the
published schema).

Ids: a service imported from a feed is published under its ORUK id again; any other record
gets a stable UUID derived from our id (uuid5), so repeated exports agree. Life domains,
types and sources of support are published as terms of our own taxonomies
(`ecosystem-life-domain`, `ecosystem-support-type`, `ecosystem-support-source`), next to the
feed's own terms, so a re-import needs no mapping for them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from ecosystem.contacts import ContactDetails, Site
from ecosystem.db.graph import Graph
from ecosystem.oruk.convert import ONS_CODE, PREFIX

NAMESPACE = uuid.UUID("6f1d2c1e-4b0a-5d7e-9c1a-0e3c5b7a9d21")
STATUS = {"active": "active", "planned": "inactive", "suspended": "temporarily closed",
          "closed": "defunct"}
ONS_URI = "http://statistics.data.gov.uk/id/statistical-geography/"
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                     r"[0-9a-fA-F]{12}$")
OWN = (("domains", "ecosystem-life-domain"), ("types", "ecosystem-support-type"),
       ("sources", "ecosystem-support-source"))
ADDRESS_REQUIRED = ("id", "address_1", "city", "state_province", "postal_code", "country",
                    "address_type")


def stable_uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


def _own_or_uuid(our_id: str, kind: str) -> str:
    source_id = our_id[len(PREFIX):] if our_id.startswith(PREFIX) else None
    if source_id and UUID_RE.match(source_id):
        return source_id
    return stable_uuid(kind, our_id)


SCHEMA_DIR = Path(__file__).with_name("schema")


@dataclass
class Publication:
    """A page of service_full records, each valid against the published schema, and a
    warning for each value left out to make it so."""

    page: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def export_page(graph: Graph) -> dict[str, Any]:
    return publish(graph).page


def publish(graph: Graph) -> Publication:
    """Every service not gone from its feed, checked: see `checked`."""
    contents, warnings = [], []
    for record in records(graph):
        ok, problems = checked(record)
        warnings += problems
        if ok is not None:
            contents.append(ok)
    return Publication(page_of(contents, len(contents), 1, max(len(contents), 1)), warnings)


def records(graph: Graph, statuses: Collection[str] | None = None,
            contracts: bool = True) -> list[dict[str, Any]]:
    """Our services as service_full records (not yet checked), ordered by our id: those
    with one of `statuses` (None: any), never those gone from their feed. Without
    `contracts`, no `funding` (who pays for a service is the commissioners' business)."""
    out = []
    for row in graph.read("oruk/export_services"):
        if statuses is not None and (row["service"].get("status") or "active") not in statuses:
            continue
        record = service_full(row)
        if not contracts:
            record.pop("funding", None)
        out.append(record)
    return out


def page_of(contents: list[dict[str, Any]], total: int, page: int, per_page: int
            ) -> dict[str, Any]:
    """The ORUK page envelope around `contents`, page `page` of `total` items."""
    pages = max(1, -(-total // per_page))
    return {"total_items": total, "total_pages": pages, "page_number": page,
            "size": len(contents), "first_page": page == 1, "last_page": page >= pages,
            "empty": not contents, "contents": contents}


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMA_DIR / "service.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def checked(record: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
    """`record` made valid against the published service schema, formats included (a feed's
    `url` of "www.example" is not a uri): each invalid value is left out (an object that
    then lacks a required field goes too) with a warning naming the service and the field;
    None when the service itself cannot be published."""
    warnings: list[str] = []
    who = f"service {record.get('id')} ({record.get('name')!r})"
    for _ in range(200):  # each pass removes one value: the loop always ends
        errors = list(_validator().iter_errors(record))
        if not errors:
            return record, warnings
        error = max(errors, key=lambda e: len(e.absolute_path))
        path = list(error.absolute_path)
        if not path:
            warnings.append(f"{who}: {error.message}; not published")
            return None, warnings
        warnings.append(f"{who}: field {_dotted(path)!r}: {error.message}; left out")
        parent: Any = record
        for step in path[:-1]:
            parent = parent[step]
        del parent[path[-1]]
    warnings.append(f"{who}: too many invalid values; not published")
    return None, warnings


def _dotted(path: list[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else ("." if out else "") + step
    return out


def service_id(our_id: str, source_id: str | None) -> str:
    """The id a service is published under: its feed's, if that is a UUID, else our own."""
    return source_id if source_id and UUID_RE.match(source_id) else stable_uuid("service",
                                                                                our_id)


def organization_id(provider_id: str) -> str:
    """The id a provider is published under (as a service's organisation)."""
    return _own_or_uuid(provider_id, "provider")


def service_full(row: dict[str, Any]) -> dict[str, Any]:
    s = row["service"]
    sid = service_id(s["id"], s.get("source_id"))
    out: dict[str, Any] = {"id": sid, "name": s["name"],
                           "status": STATUS.get(s.get("status") or "active", "active")}
    if s.get("description"):
        out["description"] = s["description"]
    if s.get("url"):
        out["url"] = s["url"]
    if s.get("last_verified"):
        out["assured_date"] = str(s["last_verified"])[:10]
    for ours, theirs in (("min_age", "minimum_age"), ("max_age", "maximum_age")):
        if s.get(ours) is not None:
            out[theirs] = s[ours]
    p = row.get("provider")
    if p:
        org = {"id": organization_id(p["id"]), "name": p["name"], "description": ""}
        if p.get("website"):
            org["website"] = p["website"]
        out["organization_id"] = org["id"]
        out["organization"] = org
    out["service_areas"] = [_area(sid, a) for a in sorted(row["areas"], key=lambda a: a["id"])]
    out["service_at_locations"] = service_at_locations(s)
    funding = list(s.get("funding") or [])
    funding += [c for c in row.get("commissioners") or [] if c and c not in funding]
    out["funding"] = [{"id": stable_uuid("funding", sid, text), "source": text}
                      for text in funding]
    out["cost_options"] = [_cost(json.loads(x)) for x in s.get("cost_options") or []]
    _contact(out, sid, ContactDetails.from_props(s))
    attributes = [feed_attribute(sid, json.loads(x)) for x in s.get("taxonomy_terms") or []]
    for key, taxonomy in OWN:
        attributes += [own_attribute(sid, taxonomy, t)
                       for t in sorted(row[key], key=lambda t: t["id"])]
    out["attributes"] = attributes
    return out


def own_attribute(sid: str, taxonomy: str, t: dict[str, Any]) -> dict[str, Any]:
    """Service `sid`'s attribute for one of our codes `t` (a life domain, a type or source
    of support) as a term of our own `taxonomy`."""
    term_id = stable_uuid(taxonomy, t["id"])
    return {"id": stable_uuid("attribute", sid, term_id), "link_type": "service",
            "taxonomy_term": {"id": term_id, "name": t["name"],
                              "description": t.get("description") or t["name"],
                              "taxonomy": taxonomy,
                              "taxonomy_id": stable_uuid("taxonomy", taxonomy),
                              "term": t["id"], "code": t["id"]}}


def service_at_locations(s: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A stored service's service_at_locations (not yet checked): the locations its feed gave
    that ORUK can hold, else our sites. Reads only its id, source_id, locations and sites."""
    locations = [_location(json.loads(x)) for x in s.get("locations") or []]
    out = [x for x in locations if x is not None]
    if out:
        return out
    sid = service_id(s["id"], s.get("source_id"))
    return [_site(sid, x) for x in ContactDetails.from_props(s).sites]


def _area(sid: str, a: dict[str, Any]) -> dict[str, Any]:
    area: dict[str, Any] = {"id": stable_uuid("service_area", sid, a["id"]),
                            "name": a.get("name") or a["id"]}
    if ONS_CODE.fullmatch(a["id"]):
        area["uri"] = ONS_URI + a["id"]
    else:
        area["service_area"] = a["id"]
    return area


def _location(loc: dict[str, Any]) -> dict[str, Any] | None:
    sal_id = loc.pop("service_at_location_id", None)
    if not loc.get("id") or loc.get("location_type") not in ("physical", "postal", "virtual"):
        return None
    addresses = [a for a in loc.get("addresses") or []
                 if all(isinstance(a.get(k), str) and a.get(k) for k in ADDRESS_REQUIRED)]
    loc["addresses"] = addresses
    for k in ("latitude", "longitude"):
        if k in loc and not isinstance(loc[k], int | float):
            loc.pop(k)
    return {"id": sal_id or stable_uuid("service_at_location", loc["id"]), "location": loc}


_RRULE_DAYS = {"Mon": "MO", "Tue": "TU", "Wed": "WE", "Thu": "TH", "Fri": "FR", "Sat": "SA",
               "Sun": "SU"}
_WEEK = list(_RRULE_DAYS)


def _byday(days: str) -> str:
    out = []
    for part in days.split(","):
        first, _, last = part.partition("-")
        span = _WEEK[_WEEK.index(first):_WEEK.index(last or first) + 1]
        out += [_RRULE_DAYS[d] for d in span if _RRULE_DAYS[d] not in out]
    return ",".join(out)


def _contact(out: dict[str, Any], sid: str, c: ContactDetails) -> None:
    """Our contact details in ORUK's places: email, url, schedules (weekly RRULE parts),
    languages and contacts (the team or role that keeps the entry; our sites are placed by
    `service_at_locations`). Phones have no place on an ORUK UK service: they go on its contact
    point, as HSDS does."""
    if c.email:
        out["email"] = c.email
    if c.website and "url" not in out:
        out["url"] = c.website
    schedules = []
    for entry in (c.opening_hours or "").split("; "):
        days, _, times = entry.partition(" ")
        for span in times.split(","):
            if not span:
                continue
            opens, _, closes = span.partition("-")
            schedules.append({"id": stable_uuid("schedule", sid, days, span), "freq": "WEEKLY",
                              "byday": _byday(days), "opens_at": opens, "closes_at": closes})
    if c.hours_note:
        schedules.append({"id": stable_uuid("schedule", sid, "note"),
                          "description": c.hours_note})
    out["schedules"] = schedules
    out["languages"] = [{"id": stable_uuid("language", sid, x), "name": x}
                        for x in c.languages]
    contacts = []
    if c.phone or c.update_contact:
        point: dict[str, Any] = {"id": stable_uuid("contact", sid),
                                 "title": c.update_contact or "Enquiries"}
        if c.phone:
            point["phones"] = [{"id": stable_uuid("phone", sid, c.phone), "number": c.phone}]
        contacts.append(point)
    out["contacts"] = contacts
    if not out.get("cost_options") and c.free_to_client:
        out["cost_options"] = [{"id": stable_uuid("cost_option", sid, "free"), "option": "Free",
                                "amount": 0, "amount_description": "Free to the client"}]


def _site(sid: str, site: Site) -> dict[str, Any]:
    loc_id = stable_uuid("location", sid, site.postcode, site.address)
    parts = [p.strip() for p in site.address.split(",") if p.strip()]
    city = parts[-1] if len(parts) > 1 else ""
    loc: dict[str, Any] = {
        "id": loc_id, "location_type": "physical", "name": parts[0] if parts else site.postcode,
        "addresses": [{"id": stable_uuid("address", loc_id), "location_id": loc_id,
                       "address_1": ", ".join(parts[:-1] if city else parts) or site.postcode,
                       "city": city or "-", "state_province": "England",
                       "postal_code": site.postcode, "country": "GB",
                       "address_type": "physical"}]}
    if site.latitude is not None and site.longitude is not None:
        loc["latitude"], loc["longitude"] = site.latitude, site.longitude
    return {"id": stable_uuid("service_at_location", loc_id), "location": loc}


def _cost(c: dict[str, Any]) -> dict[str, Any]:
    if "amount" in c and not isinstance(c["amount"], int | float):
        c.pop("amount")
    return c


def feed_attribute(sid: str, term: dict[str, Any]) -> dict[str, Any]:
    attribute_id = term.pop("attribute_id", None)
    link_type = term.pop("link_type", None)
    out: dict[str, Any] = {"id": attribute_id or stable_uuid("attribute", sid,
                                                              str(term.get("id"))),
                           "taxonomy_term": term}
    if term.get("id"):
        out["taxonomy_term_id"] = term["id"]
    if link_type:
        out["link_type"] = link_type
    return out


def to_json(page: dict[str, Any]) -> str:
    return json.dumps(page, indent=2, ensure_ascii=False, default=_default) + "\n"


def _default(v: Any) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)
