"""The directory: what the area's map holds, entity by entity, as plain dataclasses.

Read-only. Every query is in `cypher/directory/`. The web layer renders these; nothing here
knows about HTML.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ecosystem import dates
from ecosystem.contacts import FIELDS as CONTACT_FIELDS
from ecosystem.contacts import ContactDetails
from ecosystem.db.graph import Graph
from ecosystem.directory import wording
from ecosystem.directory.profile import ServiceProfile, service_profile
from ecosystem.importers.stored import route_key
from ecosystem.paging import PAGE_SIZE, Page, asked, page
from ecosystem.stewardship import freshness
from ecosystem.stewardship.freshness import Freshness
from ecosystem.vocabulary import SEARCH_SYNONYMS, SERVICE_STATUSES, label

ENTITY_KINDS = ("service", "provider", "commissioner", "cohort", "area")

# Relation tag (`rel` in the detail queries) -> heading, in display order.
RELATION_HEADINGS: dict[str, str] = {
    "provided_by": "Provided by",
    "provides": "Services provided",
    "funded_by": "Funded by",
    "funds": "Services funded",
    "based_in": "Based in",
    "part_of": "Part of",
    "contains": "Areas within",
    "in_area": "Area",
    "domain": "Life domains",
    "needs": "Needs by life domain",
    "source": "Sources of support",
    "support_type": "Types of support",
    "model": "Models of support followed",
    "cohort": "Cohorts",
    "cohorts": "Cohorts",
    "serves_area": "Areas served",
    "served_by": "Services",
    "commissioners": "Commissioners based here",
    "refers_to": "Refers people to",
    "referred_from": "Takes referrals from",
}

_HIDDEN_PROPS = frozenset({"id", "name", "row_hash"})
# Shown in the freshness callout and the verify button, not in the details list.
_FRESHNESS_PROPS = frozenset({"last_verified"})


@dataclass(frozen=True)
class DomainCount:
    id: str
    name: str
    services: int
    active: int


@dataclass(frozen=True)
class Summary:
    services: int
    active_services: int
    providers: int
    commissioners: int
    cohorts: int


@dataclass(frozen=True)
class Ref:
    """A link to an entity, with a short note about the link (e.g. a contract's value)."""

    kind: str
    id: str
    name: str
    note: str | None = None
    # The catalogue entry that is the link itself, as (import table, key), for its edit
    # link: a contract that funds the service, a referral route to or from it.
    entry: tuple[str, str] | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Relation:
    rel: str
    heading: str
    items: list[Ref]


@dataclass(frozen=True)
class MapNode:
    kind: str  # service, provider, commissioner, cohort, area, domain, ...
    id: str
    name: str
    domain: str | None = None  # a service's first life domain, for colour
    size: float | None = None  # capacity for services and providers, £/year for commissioners
    status: str | None = None
    places: tuple[tuple[str, str], ...] = ()  # a service's place-level areas: (id, name)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class MapEdge:
    source: str  # MapNode.key
    target: str
    relation: str
    value: float | None = None


@dataclass(frozen=True)
class Network:
    nodes: list[MapNode] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)


@dataclass(frozen=True)
class EntityDetail:
    kind: str
    id: str
    name: str
    properties: dict[str, Any]
    relations: list[Relation]
    network: Network
    contact: ContactDetails | None = None  # services: how to get in touch and get in
    freshness: Freshness | None = None  # services: when the details were last checked

    @property
    def other_properties(self) -> dict[str, Any]:
        """The properties the contact and freshness sections do not already show."""
        if self.contact is None:
            return self.properties
        return {k: v for k, v in self.properties.items()
                if k not in CONTACT_FIELDS and k not in _FRESHNESS_PROPS}

    @property
    def facts(self) -> list[wording.Fact]:
        """The other properties in words, empty ones left out."""
        return wording.facts(self.kind, self.other_properties)

    @property
    def profile(self) -> ServiceProfile:
        """A service's facts and relations in the sections of its profile page."""
        return service_profile(self.other_properties, self.relations)

    @property
    def technical(self) -> list[wording.Fact]:
        """The id and the stored values, codes and all (a page's technical details)."""
        return wording.technical(self.id, self.other_properties)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: str
    name: str
    detail: str | None  # in words: a service's kind and provider, a provider's sector...
    score: float


@dataclass(frozen=True)
class ServiceListing:
    """One row of the services list."""

    id: str
    name: str
    kind: str | None  # in words
    status: str  # in words
    capacity: int | None
    waiting_days: int | None
    self_referral: bool
    providers: list[Ref]
    payers: list[Ref]
    domains: list[str]
    freshness: Freshness | None = None


def summary(graph: Graph) -> Summary:
    row = graph.read("directory/summary")[0]
    return Summary(**row)


def counts_by_domain(graph: Graph, area_id: str | None = None) -> list[DomainCount]:
    """Services per life domain; with `area_id`, those serving the area as the services list
    counts them (an ICB-wide service counts for each place in the ICB)."""
    return [DomainCount(**r) for r in graph.read("directory/counts_by_domain", area_id=area_id)]


# The services list's filters, in the order the form shows them.
LIST_FILTERS = ("area", "domain", "source", "support_type", "kind", "status", "self_referral",
                "provider", "commissioner", "stale")
SELF_REFERRAL = {"yes": "Yes, people can refer themselves", "no": "No, a referral is needed"}
STALE = {"yes": "Stale: not checked recently, or never", "no": "Checked recently"}


def service_kind(code: str | None) -> str | None:
    """A service's kind in words; a kind the vocabulary does not know reads as its code."""
    if not code:
        return None
    return label("service_kind", code, code.replace("-", " ").replace("_", " "))


def list_filter_options(graph: Graph) -> dict[str, list[FilterOption]]:
    """For each of LIST_FILTERS, the values it accepts (id, words), in display order."""
    options = map_filter_options(graph)
    row = graph.read("directory/service_list_options")[0]
    return {
        "area": options["area"], "domain": options["domain"], "source": options["source"],
        "support_type": options["support_type"],
        "kind": [FilterOption(k, service_kind(k) or k) for k in row["kind"]],
        "status": [FilterOption(k, v) for k, v in SERVICE_STATUSES.items()],
        "self_referral": [FilterOption(k, v) for k, v in SELF_REFERRAL.items()],
        "provider": [FilterOption(o["id"], o["name"] or o["id"]) for o in row["provider"]],
        "commissioner": options["commissioner"],
        "stale": [FilterOption(k, v) for k, v in STALE.items()],
    }


def _list_params(filters: dict[str, str | None] | None) -> dict[str, Any]:
    f = {k: (filters or {}).get(k) or None for k in LIST_FILTERS}
    referral = f.pop("self_referral")
    f.pop("stale", None)
    return {**f, "self_referral": None if referral is None else referral == "yes"}


@dataclass(frozen=True)
class ServiceListPage:
    rows: list[ServiceListing]  # the page shown
    page: Page  # its total: every service passing the filters


def service_list(graph: Graph, filters: dict[str, str | None] | None = None,
                 ids: list[str] | None = None, today: dt.date | None = None,
                 stale_months: int = freshness.DEFAULT_STALE_MONTHS) -> list[ServiceListing]:
    """The services passing `filters` (LIST_FILTERS -> id; self_referral and stale
    "yes"/"no"; None for any), by name; `ids` keeps only those services. Stale: details not
    checked for `stale_months` months before `today`, or never. Every row (the downloads)."""
    return _service_rows(graph, filters, ids, today, stale_months, 0, None)[1]


def service_list_page(graph: Graph, filters: dict[str, str | None] | None = None,
                      page_number: int | None = None, today: dt.date | None = None,
                      stale_months: int = freshness.DEFAULT_STALE_MONTHS,
                      size: int = PAGE_SIZE) -> ServiceListPage:
    """One page of `service_list`: only its rows are read and worked out."""
    number = asked(page_number)  # the total comes with the rows, so read first
    total, rows = _service_rows(graph, filters, None, today, stale_months,
                                (number - 1) * size, size)
    shown = page(number, total, size)
    if shown.number != number:  # past the end: read the last page instead
        total, rows = _service_rows(graph, filters, None, today, stale_months, shown.skip,
                                    size)
    return ServiceListPage(rows, shown)


def _service_rows(graph: Graph, filters: dict[str, str | None] | None,
                  ids: list[str] | None, today: dt.date | None, stale_months: int,
                  skip: int, limit: int | None) -> tuple[int, list[ServiceListing]]:
    today = today or dates.today()
    stale = (filters or {}).get("stale") or None
    cutoff = freshness.stale_before(today, stale_months)
    found = graph.read("directory/service_list", **_list_params(filters), ids=ids,
                       stale=None if stale is None else stale == "yes",
                       stale_before=cutoff, skip=skip, limit=limit)
    return (found[0]["total"] if found else 0), [
        ServiceListing(
            id=r["id"], name=r["name"] or r["id"], kind=service_kind(r["kind"]),
            status=label("service_status", r["status"], "Not recorded"),
            capacity=r["capacity"], waiting_days=r["waiting_days"],
            self_referral=bool(r["self_referral"]),
            providers=[Ref("provider", p[0], p[1] or p[0]) for p in r["providers"]],
            payers=[Ref("commissioner", c[0], c[1] or c[0]) for c in r["payers"]],
            domains=list(r["domains"]),
            freshness=freshness.check(r["last_verified"], today, stale_months))
        for r in found if r["id"] is not None
    ]


MAP_FILTERS = ("area", "domain", "source", "support_type", "commissioner", "cohort")


@dataclass(frozen=True)
class FilterOption:
    id: str
    name: str


def map_filter_options(graph: Graph) -> dict[str, list[FilterOption]]:
    """For each map filter (MAP_FILTERS), the values it accepts, in display order."""
    row = graph.read("directory/map_filter_options")[0]
    return {f: [FilterOption(o["id"], o["name"] or o["id"]) for o in row[f]]
            for f in MAP_FILTERS}


def map_network(graph: Graph, filters: dict[str, str | None] | None = None) -> Network:
    """Services passing `filters` (MAP_FILTERS -> id, None for any), their providers,
    commissioners and cohorts, and the links between them (referral routes included).

    Each service node's `places` are the place-level areas (local authority or place) it
    serves or that the areas it serves sit under."""
    f = {k: (filters or {}).get(k) for k in MAP_FILTERS}
    nodes = [
        MapNode(kind=r["kind"], id=r["id"], name=r["name"] or r["id"],
                domain=(r["domains"] or [None])[0], size=r["size"], status=r["status"],
                places=tuple((p[0], p[1] or p[0]) for p in r["places"]))
        for r in graph.read("directory/map_nodes", area_id=f["area"], domain=f["domain"],
                                source=f["source"], support_type=f["support_type"],
                                commissioner=f["commissioner"], cohort=f["cohort"])
    ]
    service_ids = [n.id for n in nodes if n.kind == "service"]
    edges = [
        MapEdge(f"{r['source_kind']}:{r['source']}", f"{r['target_kind']}:{r['target']}",
                r["relation"], r["value"])
        for r in graph.read("directory/map_edges", service_ids=service_ids)
    ]
    return Network(nodes, edges)


@dataclass(frozen=True)
class MapGroup:
    id: str | None  # a place-level area or a life domain; None: services with neither
    name: str | None
    services: int


@dataclass(frozen=True)
class MapGroups:
    nodes: int  # how many nodes map_network would return for the same filters
    groups: list[MapGroup]


MAP_GROUP_BY = ("area", "domain")


def map_groups(graph: Graph, filters: dict[str, str | None] | None = None,
               group_by: str = "area") -> MapGroups:
    """The map's size and its services grouped, counted in Cypher: a big map is shown as
    groups without reading every node. `group_by` "area": each service's first place-level
    area by name (as `MapNode.places[0]`); "domain": its first life domain."""
    if group_by not in MAP_GROUP_BY:
        raise ValueError(f"unknown grouping {group_by!r}")
    f = {k: (filters or {}).get(k) for k in MAP_FILTERS}
    row = graph.read("directory/map_groups", area_id=f["area"], domain=f["domain"],
                         source=f["source"], support_type=f["support_type"],
                         commissioner=f["commissioner"], cohort=f["cohort"],
                         group_by=group_by)[0]
    return MapGroups(row["nodes"], [MapGroup(g["id"], g["name"], g["services"])
                                    for g in row["groups"]])


def detail(graph: Graph, kind: str, id: str, today: dt.date | None = None,
           stale_months: int = freshness.DEFAULT_STALE_MONTHS) -> EntityDetail | None:
    """One entity and its neighbourhood; None if there is no such entity. A service's
    freshness is judged on `today` (default: the real one)."""
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}")
    rows = graph.read(f"directory/{kind}", id=id)
    if not rows:
        return None
    props = {k: _native(v) for k, v in rows[0]["props"].items()}
    refs: dict[str, list[Ref]] = {}
    for r in rows[0]["related"]:
        refs.setdefault(r["rel"], []).append(
            Ref(r["kind"], r["id"], r["name"] or r["id"], _note(r), _entry(kind, id, r)))
    relations = [Relation(rel, RELATION_HEADINGS.get(rel, rel.replace("_", " ").capitalize()),
                          refs[rel])
                 for rel in sorted(refs, key=_rel_order)]
    name = props.get("name") or id
    centre = MapNode(kind, id, name, size=_float(props.get("capacity")), status=props.get("status"))
    if kind == "service":
        domains = refs.get("domain", [])
        centre = MapNode(kind, id, name, domain=domains[0].id if domains else None,
                         size=centre.size, status=centre.status)
    return EntityDetail(kind, id, name,
                        {k: v for k, v in props.items() if k not in _HIDDEN_PROPS},
                        relations, _neighbourhood(centre, relations),
                        ContactDetails.from_props(props) if kind == "service" else None,
                        freshness.check(props.get("last_verified"), today or dates.today(),
                                        stale_months) if kind == "service" else None)


def _entry(kind: str, id: str, r: dict[str, Any]) -> tuple[str, str] | None:
    if kind != "service":
        return None
    if r["rel"] == "funded_by" and r.get("contract"):
        return ("contracts", r["contract"])
    if r["rel"] == "refers_to":
        return ("referral_routes", route_key(id, r["id"]))
    if r["rel"] == "referred_from":
        return ("referral_routes", route_key(r["id"], id))
    return None


def service(graph: Graph, id: str) -> EntityDetail | None:
    return detail(graph, "service", id)


def provider(graph: Graph, id: str) -> EntityDetail | None:
    return detail(graph, "provider", id)


def commissioner(graph: Graph, id: str) -> EntityDetail | None:
    return detail(graph, "commissioner", id)


def cohort(graph: Graph, id: str) -> EntityDetail | None:
    return detail(graph, "cohort", id)


def area(graph: Graph, id: str) -> EntityDetail | None:
    return detail(graph, "area", id)


# The filters search results take (a subset of the list's).
SEARCH_FILTERS = ("area", "domain", "status", "self_referral")


def search(graph: Graph, text: str, limit: int = 50,
           filters: dict[str, str | None] | None = None) -> list[SearchHit]:
    """Services, then (without filters) providers, commissioners, cohorts and areas, each
    ranked by how well they match. Words people type are widened by SEARCH_SYNONYMS."""
    groups = lucene_groups(text)
    if not groups:
        return []
    p = _list_params({k: v for k, v in (filters or {}).items() if k in SEARCH_FILTERS})
    hits = [_hit(r) for r in graph.read(
        "directory/search", groups=groups, limit=limit, area=p["area"], domain=p["domain"],
        status=p["status"], self_referral=p["self_referral"])]
    if not any(p.values()) and len(hits) < limit:
        hits += [_hit(r) for r in graph.read("directory/search_entities",
                                             query=" AND ".join(groups),
                                             limit=limit - len(hits))]
    return hits


def _hit(r: dict[str, Any]) -> SearchHit:
    if r["kind"] == "service":
        parts = [service_kind(r["detail"]), *r["providers"]]
        detail = ", ".join(p for p in parts if p) or None
    else:
        lists = {"provider": "sector", "commissioner": "commissioner_kind", "area": "area_level"}
        detail = label(lists[r["kind"]], r["detail"]) if r["kind"] in lists else None
    return SearchHit(r["kind"], r["id"], r["name"] or r["id"], detail or None, r["score"])


# Lucene treats these as syntax; user text must match them literally.
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
SYNONYM_WEIGHT = 0.6  # a synonym's match counts for less than the word typed


def _words(text: str) -> list[str]:
    # Lower case, so that "and"/"or"/"not" are words, not Lucene operators.
    return [w for w in re.split(r"\s+", text.strip().lower()) if w][:10]


def _escape(word: str) -> str:
    return _LUCENE_SPECIAL.sub(r"\\\1", word)


def lucene_groups(text: str) -> list[str]:
    """One Lucene query per word: the word, as a whole word or the start of one ("hous"
    finds housing), or any of its synonyms, weighted lower."""
    groups = []
    for w in _words(text):
        t = _escape(w)
        terms = [t, f"{t}*"] + [f"{_escape(syn)}^{SYNONYM_WEIGHT}"
                                for syn in SEARCH_SYNONYMS.get(w, ())]
        groups.append("(" + " OR ".join(terms) + ")")
    return groups


def _neighbourhood(centre: MapNode, relations: list[Relation]) -> Network:
    nodes = {centre.key: centre}
    edges = []
    for relation in relations:
        for ref in relation.items:
            node = MapNode(ref.kind, ref.id, ref.name,
                           domain=ref.id if ref.kind == "domain" else None)
            nodes.setdefault(node.key, node)
            edges.append(MapEdge(centre.key, node.key, relation.heading.lower()))
    return Network(list(nodes.values()), edges)


def _rel_order(rel: str) -> int:
    order = list(RELATION_HEADINGS)
    return order.index(rel) if rel in order else len(order)


def _note(r: dict[str, Any]) -> str | None:
    parts = []
    if r.get("value") is not None:
        parts.append(f"£{r['value']:,.0f} a year")
    if r.get("contract"):
        parts.append(f"contract {r['contract']}")
    if r.get("end_date"):
        parts.append(f"ends {r['end_date']}")
    if r.get("fidelity") is not None:
        parts.append(f"fidelity {r['fidelity']:.0%}")
    if r.get("estimated") is not None:
        parts.append(f"about {r['estimated']:,} people")
    if r.get("note"):
        parts.append(str(r["note"]))
    if r.get("suggested"):
        parts.append("suggested from the feed's description, not yet confirmed")
    return ", ".join(parts) or None


def _native(v: Any) -> Any:
    """Neo4j temporal values as Python ones, so templates and JSON need not know the driver."""
    to_native = getattr(v, "to_native", None)
    return to_native() if callable(to_native) else v


def _float(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None
