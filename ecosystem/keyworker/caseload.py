"""What the key worker's pages need beyond the `options` analysis: the choices on the client
form (areas, services), a key worker's caseload, a plan (the options picked, as rows) and the
client's routes as a small network.

Read-only; every query is in `cypher/keyworker/` (or the analyses' own). Nothing typed about a
client is written anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ecosystem import exports
from ecosystem.analyses.options import Option, OptionsResult
from ecosystem.db.graph import Graph
from ecosystem.directory.pages import MapEdge, MapNode, Network
from ecosystem.paging import PAGE_SIZE, Page, page
from ecosystem.vocabulary import DOMAIN_NAMES, SOURCE_NAMES, TYPE_NAMES, label

CASELOAD_LIMIT = 500
CLIENT_KEY = "client:client"  # the client's own node on the route map


@dataclass(frozen=True)
class AreaChoice:
    id: str
    name: str
    level: str | None
    parent_name: str | None

    @property
    def label(self) -> str:
        level = label("area_level", self.level).lower() if self.level else "area"
        within = f", in {self.parent_name}" if self.parent_name else ""
        return f"{self.name} ({level}{within})"


@dataclass(frozen=True)
class ServiceChoice:
    id: str
    name: str
    kind: str | None
    status: str | None
    areas: tuple[str, ...]

    @property
    def label(self) -> str:
        where = f", {', '.join(self.areas)}" if self.areas else ""
        closed = "" if self.status in (None, "active") else f" [{self.status}]"
        return f"{self.name}{where}{closed}"


@dataclass(frozen=True)
class CaseloadPerson:
    id: str
    age_band: str | None
    area_name: str | None
    key_worker: str | None
    needs: tuple[str, ...]

    @property
    def need_names(self) -> tuple[str, ...]:
        return tuple(DOMAIN_NAMES.get(d, d) for d in self.needs)


@dataclass(frozen=True)
class CaseloadPage:
    people: tuple[CaseloadPerson, ...]  # the page shown
    page: Page  # its total: everyone passing the filters


def areas(graph: Graph) -> list[AreaChoice]:
    return [AreaChoice(r["id"], r["name"] or r["id"], r["level"], r["parent_name"])
            for r in graph.read("keyworker/areas")]


def area(graph: Graph, area_id: str) -> AreaChoice | None:
    rows = graph.read("keyworker/area", id=area_id)
    return (AreaChoice(rows[0]["id"], rows[0]["name"] or rows[0]["id"], rows[0]["level"],
                       rows[0]["parent_name"]) if rows else None)


def services_named(graph: Graph, ids: Iterable[str]) -> list[ServiceChoice]:
    """The services with these ids (those there are), by name."""
    return [ServiceChoice(r["id"], r["name"] or r["id"], r["kind"], r["status"],
                          tuple(r["areas"]))
            for r in graph.read("keyworker/services_named", ids=sorted(set(ids)))]


def services(graph: Graph, area_id: str | None = None) -> list[ServiceChoice]:
    """Every service, or (`area_id`) those serving that area, one it is in or one within it."""
    return [ServiceChoice(r["id"], r["name"] or r["id"], r["kind"], r["status"],
                          tuple(r["areas"]))
            for r in graph.read("keyworker/services", area_id=area_id)]


def caseload(graph: Graph, owner: str | None, limit: int = CASELOAD_LIMIT,
             need: str | None = None, area_id: str | None = None,
             skip: int = 0) -> list[CaseloadPerson]:
    """The people whose key worker is `owner`; everyone with a key worker if `owner` is None;
    only those with the `need` (a life domain) living in `area_id` (or an area inside it).
    By identifier, `skip` people on, at most `limit`."""
    where = {"need": need or None, "area_id": area_id or None, "skip": skip}
    return [CaseloadPerson(r["id"], r["age_band"], r["area_name"], r["key_worker"],
                           tuple(r["needs"]))
            for r in (graph.read("keyworker/caseload", owner=owner, limit=limit, **where)
                      if owner else graph.read("keyworker/caseload_all", limit=limit, **where))]


def caseload_page(graph: Graph, owner: str | None, page_number: int | None = None,
                  need: str | None = None, area_id: str | None = None,
                  size: int = PAGE_SIZE, total: int | None = None) -> CaseloadPage:
    """One page of `caseload` (page 1 when None, the last when past the end): the count
    (`total`, when the caller knows it), then only the people shown."""
    if total is None:
        total = caseload_size(graph, owner, need, area_id)
    shown = page(page_number, total, size)
    people = caseload(graph, owner, size, need, area_id, shown.skip) if shown.total else []
    return CaseloadPage(tuple(people), shown)


def caseload_size(graph: Graph, owner: str | None, need: str | None = None,
                  area_id: str | None = None) -> int:
    """How many people `caseload` would list without its limit."""
    where = {"need": need or None, "area_id": area_id or None}
    rows = (graph.read("keyworker/caseload_count", owner=owner, **where) if owner
            else graph.read("keyworker/caseload_all_count", **where))
    return int(rows[0]["people"])


def key_worker_of(graph: Graph, person_id: str) -> str | None:
    """The username of the person's key worker; None if there is no such person or none."""
    rows = graph.read("access/person_key_worker", person_id=person_id)
    return rows[0]["key_worker"] if rows and rows[0]["found"] else None


# --- A person's journey ---------------------------------------------------------------------

TIMELINE_LIMIT = 200


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date | None
    type: str  # an EVENT_TYPES code
    outcome: str | None  # an OUTCOMES code
    service_id: str
    service_name: str
    referred_from: str | None


def timeline(graph: Graph, person_id: str, limit: int = TIMELINE_LIMIT) -> list[TimelineEvent]:
    """The person's journey events, oldest first (at most `limit`)."""
    return [TimelineEvent(r["date"].to_native() if hasattr(r["date"], "to_native")
                          else r["date"], r["type"], r["outcome"], r["service_id"],
                          r["service_name"], r["referred_from"])
            for r in graph.read("keyworker/person_timeline", person_id=person_id, limit=limit)]


# --- The plan -----------------------------------------------------------------------------

PLAN_STEPS = 5  # next steps a plan has room for
MAX_GOALS_LENGTH = 2000
MAX_STEP_LENGTH = 200


@dataclass(frozen=True)
class Step:
    what: str
    who: str
    by: dt.date | None


@dataclass(frozen=True)
class PlanDetails:
    """What the client and key worker agree: the client's goals in their own words, next
    steps (who does what by when), a review date and whether the client consented."""

    goals: str = ""
    steps: tuple[Step, ...] = ()
    review: dt.date | None = None
    consent: bool = False
    consent_on: dt.date | None = None


def plan_details(fields: Mapping[str, Sequence[str]]
                 ) -> tuple[PlanDetails, list[tuple[str, str]]]:
    """The plan's details from form fields (`goals`, `step_what`/`step_who`/`step_by`
    repeated, `review`, `consent`, `consent_on`), and (field id, message) for each mistake."""
    errors: list[tuple[str, str]] = []

    def one(name: str) -> str:
        return (list(fields.get(name) or [""])[0] or "").strip()

    def day(value: str, field_id: str, what: str) -> dt.date | None:
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            errors.append((field_id, f"{what} must be a real date, like 2026-03-31"))
            return None

    goals = one("goals")
    if len(goals) > MAX_GOALS_LENGTH:
        errors.append(("goals", f"The goals must be {MAX_GOALS_LENGTH} characters or fewer"))
    whats, whos, bys = (list(fields.get(n) or []) for n in ("step_what", "step_who",
                                                           "step_by"))
    steps = []
    for i in range(min(PLAN_STEPS, max(len(whats), len(whos), len(bys)))):
        what = (whats[i] if i < len(whats) else "").strip()
        who = (whos[i] if i < len(whos) else "").strip()
        by_raw = (bys[i] if i < len(bys) else "").strip()
        if not (what or who or by_raw):
            continue
        if len(what) > MAX_STEP_LENGTH or len(who) > MAX_STEP_LENGTH:
            errors.append((f"step_what-{i}", f"Each step must be {MAX_STEP_LENGTH} "
                           "characters or fewer"))
        if not what:
            errors.append((f"step_what-{i}", f"Say what step {i + 1} is"))
        steps.append(Step(what, who, day(by_raw, f"step_by-{i}", f"The date for step {i + 1}")))
    review = day(one("review"), "review", "The review date")
    consent = one("consent") == "yes"
    consent_on = day(one("consent_on"), "consent", "The date of consent") if consent else None
    return PlanDetails(goals, tuple(steps), review, consent, consent_on), errors

@dataclass(frozen=True)
class PlanItem:
    need: str  # life domain id
    need_name: str
    option: Option

    @property
    def sources(self) -> str:
        return ", ".join(SOURCE_NAMES.get(s, s) for s in self.option.sources)

    @property
    def types(self) -> str:
        return ", ".join(TYPE_NAMES.get(t, t) for t in self.option.types)


@dataclass(frozen=True)
class SavedPlan:
    picks: tuple[str, ...]
    fields: dict[str, list[str]]  # the details' form fields (see `plan_details`)
    updated: dt.date | None


def save_plan(graph: Graph, person_id: str, picks: Sequence[str],
              fields: Mapping[str, Sequence[str]], on: dt.date) -> bool:
    """Save (or replace) the person's plan; False if there is no such person."""
    body = json.dumps({"picks": [str(p) for p in picks],
                       "fields": {k: [str(v) for v in vs] for k, vs in fields.items()}})
    stats = graph.write("keyworker/plan_save", person_id=person_id, body=body,
                        on=on.isoformat())
    return bool(stats.rows and stats.rows[0]["saved"])


def saved_plan(graph: Graph, person_id: str) -> SavedPlan | None:
    rows = graph.read("keyworker/plan_load", person_id=person_id)
    if not rows:
        return None
    body = json.loads(rows[0]["body"])
    updated = rows[0]["updated"]
    return SavedPlan(tuple(body.get("picks") or ()), dict(body.get("fields") or {}),
                     updated.to_native() if hasattr(updated, "to_native") else updated)


def plan_items(result: OptionsResult, picked: Iterable[str]) -> list[PlanItem]:
    """The options picked, as `need:service_id` keys (a service can meet several needs), in
    the order of the needs and then of the ranking."""
    keys = set(picked)
    return [PlanItem(n.domain, n.domain_name, o) for n in result.needs for o in n.options
            if f"{n.domain}:{o.service_id}" in keys]


# The client's copy: never the unit cost (that is for commissioning, not for the client).
PLAN_COLUMNS = ("need", "service", "provider", "how to get in", "wait (days)", "capacity",
                "model", "evidence", "sources of support", "types of support",
                "phone", "email", "website", "address", "opening hours", "languages",
                "accessibility", "free to the client", "details last checked", "to check")
csv_cell = exports.cell


def plan_csv(items: Sequence[PlanItem], unmet: Sequence[str] = ()) -> str:
    """The plan as CSV text, with a byte-order mark (the £ in a heading)."""
    rows: list[list[object]] = [
        [it.need_name, it.option.name, it.option.provider, it.option.access.text,
         it.option.waiting_days, it.option.capacity, it.option.model_name,
         it.option.evidence, it.sources, it.types, *_contact_cells(it.option),
         _checked(it.option),
         "; ".join(x for x in (*(it.option.checks or it.option.caveats),
                               it.option.stale_caveat) if x)]
        for it in items]
    rows += [[DOMAIN_NAMES.get(d, d), "No service in reach meets this need",
              *[""] * (len(PLAN_COLUMNS) - 2)] for d in unmet]
    return exports.csv_text(rows, PLAN_COLUMNS, bom=True)


def _checked(o: Option) -> object:
    """The date the details were last checked ('never' when nobody has)."""
    if o.freshness is None:
        return None
    return o.freshness.last_verified or "never"


def _contact_cells(o: Option) -> list[object]:
    c = o.contact
    hours = "; ".join(x for x in (c.hours, c.hours_note) if x)
    free = None if c.free_to_client is None else ("yes" if c.free_to_client else "no")
    return [c.phone, c.email, c.website, " | ".join(x.text().split(" @ ")[0] for x in c.sites),
            hours, "; ".join(c.languages), c.accessibility, free]


# --- The client's routes as a network -------------------------------------------------------

def route_network(graph: Graph, result: OptionsResult,
                  only: Iterable[str] | None = None) -> Network:
    """The client, the services they use, and the ways in to their options (or only to the
    services in `only`): self-referral, a referral from a service they use, or a chain of
    referral routes. Options with no known way in are left out."""
    wanted = set(only) if only is not None else None
    uses = list(result.profile.uses)
    targets: dict[str, Option] = {}
    for n in result.needs:
        for o in n.options:
            if o.access.reachable and o.access.how != "already using" and (
                    wanted is None or o.service_id in wanted):
                targets.setdefault(o.service_id, o)
    edges: list[MapEdge] = []
    ids: list[str] = list(uses)
    used_names = {r["name"]: r["id"] for r in graph.read("analyses/service_brief", ids=uses)} \
        if uses else {}
    for u in uses:
        edges.append(MapEdge(CLIENT_KEY, f"service:{u}", "uses"))
    routed = [sid for sid, o in targets.items() if o.access.how == "referral"]
    best: dict[str, dict[str, Any]] = {}
    if uses and routed:
        for r in graph.read("analyses/shortest_routes", from_ids=uses, to_ids=routed):
            if r["target"] not in best or r["hops"] < best[r["target"]]["hops"]:
                best[r["target"]] = r
    for sid, o in targets.items():
        ids.append(sid)
        if o.access.how == "self-referral":
            edges.append(MapEdge(CLIENT_KEY, f"service:{sid}", "self-referral"))
        elif sid in best and best[sid]["hops"] == o.access.hops:
            steps = best[sid]["steps"]
            for a, b in zip(steps, steps[1:], strict=False):
                ids += [a["id"], b["id"]]
                edges.append(MapEdge(f"service:{a['id']}", f"service:{b['id']}", "refers to"))
        elif o.access.via and o.access.via[0] in used_names:
            edges.append(MapEdge(f"service:{used_names[o.access.via[0]]}", f"service:{sid}",
                                 "can refer"))
    ids = list(dict.fromkeys(ids))
    nodes = [MapNode("client", "client", "The client")]
    nodes += [MapNode("service", r["id"], r["name"] or r["id"], r["domain"], r["size"],
                      r["status"]) for r in graph.read("keyworker/service_nodes", ids=ids)]
    return Network(nodes, list(dict.fromkeys(edges)))
