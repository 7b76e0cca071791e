"""Read an Open Referral UK (HSDS 3.0) feed into service_full-like dicts.

Accepted: a single `service_full`, an `organization_full` (its `services` inherit it), a saved
page (`{"contents": [...]}`) or a plain list of either, and the HSDS tabular form (a folder of
CSV files: services.csv, organizations.csv, service_areas.csv, ...). Structure problems come
back as issues; the per-field checks happen in `convert`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecosystem.importers.issues import Issue
from ecosystem.importers.readers import JsonTooDeep, parse_json
from ecosystem.oruk.kinds import describe, kind_of

Record = dict[str, Any]


@dataclass
class Feed:
    origin: str
    services: list[Record] = field(default_factory=list)
    organizations: list[Record] = field(default_factory=list)  # every organisation seen
    # Whether the feed lists every service of its scope, so absent ones are gone from it.
    complete: bool = True
    scope_organization: str | None = None  # organization_full: only its services are in scope
    issues: list[Issue] = field(default_factory=list)


def read_feed(path: Path) -> Feed:
    path = Path(path)
    feed = Feed(path.name)
    if not path.exists():
        feed.issues.append(Issue(path.name, None, None, None, "no such file or folder"))
    elif path.is_dir():
        _read_tabular(path, feed)
    else:
        try:
            doc = parse_json(path.read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError:
            feed.issues.append(Issue(path.name, None, None, None, "not UTF-8 text"))
        except JsonTooDeep as e:
            feed.issues.append(Issue(path.name, None, None, None, str(e)))
        except json.JSONDecodeError as e:
            feed.issues.append(Issue(path.name, e.lineno, None, None, f"not valid JSON: {e.msg}"))
        else:
            read_document(doc, feed)
    return feed


def read_document(doc: Any, feed: Feed) -> None:
    if isinstance(doc, dict) and "contents" in doc:
        if not isinstance(doc["contents"], list):
            feed.issues.append(Issue(feed.origin, None, "contents", None, "a list of records"))
            return
        feed.complete = _whole_list(doc)
        items = doc["contents"]
    elif isinstance(doc, list):
        items = doc
    elif isinstance(doc, dict):
        items = [doc]
        feed.complete = kind_of(doc) == "organization"
        if feed.complete:
            feed.scope_organization = _text(doc.get("id"))
    else:
        feed.issues.append(Issue(feed.origin, None, None, None,
                                 "an ORUK service, organization, page or list"))
        return
    refused: dict[str, list[int]] = {}
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            feed.issues.append(Issue(f"{feed.origin}: record {n}", None, None, None,
                                     "an object (a service or an organization)"))
            feed.complete = False
            continue
        kind = kind_of(item)
        if kind == "organization":
            _add_organization(item, feed)
        elif kind == "service":
            feed.services.append(item)
        elif kind == "service_at_location_full":
            feed.services.append(_service_of(item))
        else:
            refused.setdefault(kind, []).append(n)
    for kind, numbers in refused.items():
        where = (feed.origin if len(items) == 1 else
                 f"{feed.origin}: record{'s' * (len(numbers) > 1)} "
                 + ", ".join(map(str, numbers[:10])) + (" ..." if len(numbers) > 10 else ""))
        feed.issues.append(Issue(where, None, None, None, describe(kind)))
    if feed.organizations and not feed.services and not feed.issues:
        # An organization list: importing only its providers would look like a good run.
        n = len(feed.organizations)
        what = ("an HSDS organization" if n == 1 else f"HSDS organizations ({n} of them)")
        feed.issues.append(Issue(feed.origin, None, None, None,
                                 f"{what} with no services: this tool imports services, so "
                                 "give it the API's services, or organization_full records "
                                 "carrying their services"))
    elif not items and not feed.issues:
        feed.issues.append(Issue(feed.origin, None, None, None,
                                 "a feed with at least one service (this one has none)"))


def _whole_list(page: dict[str, Any]) -> bool:
    """A page is the whole list only when it says so: services missing from a page that does
    not say it is the only one must not be taken as gone."""
    if page.get("first_page") is False or page.get("last_page") is False:
        return False
    pages = page.get("total_pages")
    if isinstance(pages, int) and not isinstance(pages, bool):
        return pages <= 1
    items = page.get("total_items")
    if isinstance(items, int) and not isinstance(items, bool):
        return items == len(page["contents"])
    return page.get("first_page") is True and page.get("last_page") is True


def _service_of(sal: dict[str, Any]) -> Record:
    """The service a service_at_location_full carries, at that location."""
    service = dict(sal["service"])
    if isinstance(sal.get("location"), dict):
        here = {"id": sal.get("id"), "location": sal["location"]}
        known = service.get("service_at_locations")
        others = [x for x in known if isinstance(x, dict) and x.get("id") != here["id"]] \
            if isinstance(known, list) else []
        service["service_at_locations"] = [*others, here]
    return service


def _add_organization(org: Record, feed: Feed) -> None:
    services = org.get("services")
    own = {k: v for k, v in org.items() if k != "services"}
    feed.organizations.append(own)
    if services is None:
        return
    if not isinstance(services, list):
        feed.issues.append(Issue(f"{feed.origin}: organization {_text(org.get('id'))}", None,
                                 "services", None, "a list of services"))
        return
    for s in services:
        if isinstance(s, dict):
            feed.services.append({**s, "organization": s.get("organization") or own})
        else:
            feed.issues.append(Issue(f"{feed.origin}: organization {_text(org.get('id'))}",
                                     None, "services", None, "a list of service objects"))


def _text(v: Any) -> str:
    return "" if v is None else str(v)


# ---- the tabular form ------------------------------------------------------------------

NUMBERS = {"minimum_age", "maximum_age", "amount", "latitude", "longitude"}


def _read_tabular(folder: Path, feed: Feed) -> None:
    feed.origin = folder.name
    tables: dict[str, list[Record]] = {}
    for p in sorted(folder.glob("*.csv")):
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            feed.issues.append(Issue(p.name, None, None, None, "not UTF-8 text"))
            continue
        try:
            # StringIO, not splitlines(): a quoted cell may hold U+2028 or a newline.
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
        except csv.Error as e:
            feed.issues.append(Issue(p.name, None, None, None, f"not a readable CSV file: {e}"))
            continue
        tables[p.stem] = [{(k or "").strip(): _cell(k, v) for k, v in r.items() if k}
                          for r in rows]
    if "services" not in tables:
        feed.issues.append(Issue(folder.name, None, None, None,
                                 "an HSDS tabular folder with services.csv"))
        return

    def table(*names: str) -> list[Record]:
        for n in names:
            if n in tables:
                return tables[n]
        return []

    def by(rows: list[Record], key: str) -> dict[str, list[Record]]:
        out: dict[str, list[Record]] = {}
        for r in rows:
            out.setdefault(_text(r.get(key)), []).append({k: v for k, v in r.items()
                                                          if k != key})
        return out

    orgs = {_text(o.get("id")): o for o in table("organizations", "organization")}
    idents = by(table("organization_identifiers"), "organization_id")
    for oid, o in orgs.items():
        if oid in idents:
            o["organization_identifiers"] = idents[oid]
        feed.organizations.append(o)
    areas = by(table("service_areas", "service_area"), "service_id")
    funding = by(table("funding"), "service_id")
    costs = by(table("cost_options", "cost_option"), "service_id")
    addresses = by(table("addresses", "address"), "location_id")
    locations = {}
    for loc in table("locations", "location"):
        lid = _text(loc.get("id"))
        locations[lid] = {**loc, "addresses": addresses.get(lid, [])}
    sal = by(table("service_at_locations", "service_at_location"), "service_id")
    terms = {_text(t.get("id")): t for t in table("taxonomy_terms", "taxonomy_term")}
    attributes = by(table("attributes", "attribute"), "link_id")
    for s in table("services"):
        sid = _text(s.get("id"))
        record: Record = dict(s)
        org = orgs.get(_text(s.get("organization_id")))
        if org is not None:
            record["organization"] = org
        record["service_areas"] = areas.get(sid, [])
        record["funding"] = funding.get(sid, [])
        record["cost_options"] = costs.get(sid, [])
        record["service_at_locations"] = [
            {"id": x.get("id"), "location": locations.get(_text(x.get("location_id")),
                                                          {"id": x.get("location_id")})}
            for x in sal.get(sid, [])
        ]
        record["attributes"] = [
            {**a, "taxonomy_term": terms.get(_text(a.get("taxonomy_term_id")),
                                             {"id": a.get("taxonomy_term_id")})}
            for a in attributes.get(sid, [])
        ]
        feed.services.append(record)


def _cell(key: str | None, value: Any) -> Any:
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if key in NUMBERS:
        try:
            number = float(text)
        except ValueError:
            return text  # convert reports it, naming the record and field
        return int(number) if number.is_integer() else number
    return text
