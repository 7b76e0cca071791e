"""`options`: for one client, the services they can reach for each need, and how.

Starting from a profile (typed in by a key worker, or an existing pseudonymised person),
for each life domain of need: the services in reach that the client is eligible for, with
source and type of support, model and evidence, how to get in, capacity, wait and cost;
the services they are not eligible for, with the reasons; and whether the need is unmet.

Ranking within a need (documented in docs/analyses.md and docs/keyworker.md): stronger
evidence of the model followed first (no named model last); then, at the same evidence,
services the client can get into (self-referral, or a referral route from a service they
already use) before those with no known way in; then shorter wait (unknown last); then fewer
referral steps; then name. "No known route" means the map does not know the route, not that
there is none, so it never buries the best-evidenced option: its access says who to ask
("ask the client's community mental health team (CMHT): IPS takes referrals from them").

A service only for people in hospital or prison now, when the client's housing is not known,
is not an ordinary option: it is listed apart (`NeedOptions.in_care`), with the check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ecosystem import dates
from ecosystem.analyses.common import is_current, to_date
from ecosystem.analyses.eligibility import Profile, check
from ecosystem.contacts import ContactDetails
from ecosystem.db.graph import Graph
from ecosystem.stewardship import freshness
from ecosystem.stewardship.freshness import Freshness
from ecosystem.vocabulary import (
    DOMAIN_NAMES,
    EVIDENCE_RANK,
    NO_MODEL_RANK,
    REFERRER_WORDS,
    SERVICE_KINDS,
    SERVICE_STATUSES,
)


class UnknownPerson(LookupError):
    pass


@dataclass(frozen=True)
class Access:
    how: str  # "already using" | "self-referral" | "referral" | "no known route"
    hops: int | None  # referral steps from a service the client uses; 0 = walk in
    via: tuple[str, ...] = ()  # service names along the route, first = one the client uses
    text: str = ""

    @property
    def reachable(self) -> bool:
        return self.hops is not None


@dataclass(frozen=True)
class Option:
    service_id: str
    name: str
    provider: str | None
    domain: str
    sources: tuple[str, ...]
    types: tuple[str, ...]
    model_id: str | None
    model_name: str | None
    evidence: str | None
    fidelity: float | None
    access: Access
    capacity: int | None
    waiting_days: int | None
    unit_cost: float | None
    end_date: dt.date | None
    caveats: tuple[str, ...]  # eligibility answers the key worker should check
    rank: int = 0
    contact: ContactDetails = ContactDetails()
    freshness: Freshness | None = None  # when the details were last checked; stale or not
    checks: tuple[str, ...] = ()  # the caveats in plain words, in the same order

    @property
    def stale_caveat(self) -> str | None:
        """'details last checked 14 months ago: confirm them...' for a stale entry."""
        return self.freshness.caveat if self.freshness else None


@dataclass(frozen=True)
class NotEligible:
    service_id: str
    name: str
    domain: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class NeedOptions:
    domain: str
    domain_name: str
    options: tuple[Option, ...]
    not_eligible: tuple[NotEligible, ...]
    # Eligible only if the client is in hospital or prison now (their housing not known).
    in_care: tuple[Option, ...] = ()

    @property
    def unmet(self) -> bool:
        return not self.options


@dataclass(frozen=True)
class OptionsResult:
    profile: Profile
    needs: tuple[NeedOptions, ...]
    unmet: tuple[str, ...]
    person_id: str | None = None


def person_profile(graph: Graph, person_id: str) -> Profile:
    rows = graph.read("analyses/person_profile", person_id=person_id)
    if not rows:
        raise UnknownPerson(f"no person with id {person_id!r}")
    r = rows[0]
    return Profile.from_row({**(r["person"] or {}), "area_id": r["area_id"],
                             "needs": r["needs"], "uses": r["uses"]})


# Services elsewhere in the area shown as "not in reach", at most: enough to explain, bounded
# so the answer's size, not the area's, sets the cost.
OUT_OF_AREA_SHOWN = 25


def run(graph: Graph, profile: Profile | None = None, person_id: str | None = None,
        today: dt.date | None = None,
        stale_months: int = freshness.DEFAULT_STALE_MONTHS) -> OptionsResult:
    """Each option carries its freshness: stale when its details were not checked for
    `stale_months` months (or never), a caveat the key worker sees, never a reason to hide it."""
    today = today or dates.today()
    if profile is None:
        if person_id is None:
            raise ValueError("give a profile or a person id")
        profile = person_profile(graph, person_id)
    needs = list(dict.fromkeys(profile.needs))
    if not needs:
        return OptionsResult(profile, (), (), person_id)
    if not profile.area_id:
        raise ValueError("the client's area is needed to find services in reach")
    rows = graph.read("analyses/options_services", area_id=profile.area_id, domains=needs,
                      others=OUT_OF_AREA_SHOWN)
    uses = list(profile.uses)
    used = {r["id"]: r for r in graph.read("analyses/service_brief", ids=uses)} if uses else {}
    candidates = [r for r in rows if r["service"]["id"] not in used]
    routes = _routes(graph, uses, [r["service"]["id"] for r in candidates
                                   if not r["service"].get("self_referral")])
    per_need: dict[str, tuple[list[Option], list[NotEligible]]] = {d: ([], []) for d in needs}
    in_care: dict[str, list[Option]] = {d: [] for d in needs}
    for r in rows:
        s = r["service"]
        reasons: list[str] = []
        if not is_current(s.get("status"), s.get("end_date"), today):
            end = to_date(s.get("end_date"))
            reasons.append(f"{SERVICE_STATUSES.get(s.get('status') or '', 'Not open')}"
                           if s.get("status") != "active"
                           else f"Ended on {end.strftime('%-d %B %Y') if end else 'a past date'}")
        if s.get("in_feed") is False:  # a whole feed no longer lists it: it may have closed
            gone = to_date(s.get("removed_from_feed_on"))
            reasons.append("Removed from its directory feed"
                           + (f" on {gone.strftime('%-d %B %Y')}" if gone else ""))
        if not r["in_reach"]:
            reasons.append("Serves only " + (", ".join(sorted(r["area_names"]))
                                             or "no recorded area"))
        v = check(s, profile)
        reasons += v.reasons
        for d in r["domains"]:
            if reasons:
                per_need[d][1].append(NotEligible(s["id"], s["name"], d, tuple(reasons)))
            else:
                o = _option(r, d, _access(s, used, routes), v.caveats,
                            freshness.check(s.get("last_verified"), today, stale_months),
                            v.checks)
                (in_care[d] if v.in_care_only else per_need[d][0]).append(o)
    out = []
    for d in needs:
        opts, nots = per_need[d]
        opts.sort(key=_rank_key)
        ranked = tuple(Option(**{**o.__dict__, "rank": i + 1}) for i, o in enumerate(opts))
        nots.sort(key=lambda n: n.name)
        out.append(NeedOptions(d, DOMAIN_NAMES.get(d, d), ranked, tuple(nots),
                               tuple(sorted(in_care[d], key=_rank_key))))
    unmet = tuple(n.domain for n in out if n.unmet)
    return OptionsResult(profile, tuple(out), unmet, person_id)


def _rank_key(o: Option) -> tuple[Any, ...]:
    ev = EVIDENCE_RANK.get(o.evidence or "", NO_MODEL_RANK)
    wait = o.waiting_days if o.waiting_days is not None else 10**9
    hops = o.access.hops if o.access.hops is not None else 10**9
    return (ev, not o.access.reachable, wait, hops, o.name)


def _routes(graph: Graph, uses: list[str], targets: list[str]) -> dict[str, dict[str, Any]]:
    if not uses or not targets:
        return {}
    best: dict[str, dict[str, Any]] = {}
    for r in graph.read("analyses/shortest_routes", from_ids=uses, to_ids=targets):
        if r["target"] not in best or r["hops"] < best[r["target"]]["hops"]:
            best[r["target"]] = r
    return best


def _access(s: Mapping[str, Any], used: Mapping[str, Mapping[str, Any]],
            routes: Mapping[str, Mapping[str, Any]]) -> Access:
    if s["id"] in used:
        return Access("already using", 0, (), "already using")
    contact = ContactDetails.from_props(s)
    if s.get("self_referral"):
        return Access("self-referral", 0, (), contact.how_to_get_in(True) or "self-referral")
    # How to make the referral, once the route is known: the professional ways in.
    how = contact.how_to_get_in(False)
    then = f"; {how}" if how else ""
    kinds = set(s.get("referral_from") or [])
    direct = [u for u in used.values() if u.get("kind") and u["kind"] in kinds]
    if direct:
        name = sorted(u["name"] for u in direct)[0]
        return Access("referral", 1, (name,), f"via {name}{then}")
    route = routes.get(s["id"])
    if route:
        via = tuple(st["name"] for st in route["steps"][:-1])
        return Access("referral", route["hops"], via, "via " + " -> ".join(via) + then)
    if kinds:
        whom = " or ".join(REFERRER_WORDS.get(k) or f"a {SERVICE_KINDS.get(k, k).lower()} "
                           "service" for k in sorted(kinds))
        text = f"no known route on the map: ask {whom}: {s['name']} takes referrals from them"
    else:
        text = "no known route on the map: contact the service to ask how to refer"
    return Access("no known route", None, (), text + then)


def _option(r: Mapping[str, Any], domain: str, access: Access,
            caveats: tuple[str, ...], fresh: Freshness,
            checks: tuple[str, ...] = ()) -> Option:
    s = r["service"]
    return Option(
        service_id=s["id"], name=s["name"], provider=r.get("provider"), domain=domain,
        sources=tuple(r["sources"]), types=tuple(r["types"]), model_id=r.get("model_id"),
        model_name=r.get("model_name"), evidence=r.get("evidence"), fidelity=r.get("fidelity"),
        access=access, capacity=s.get("capacity"), waiting_days=s.get("waiting_days"),
        unit_cost=s.get("unit_cost"), end_date=to_date(s.get("end_date")), caveats=caveats,
        contact=ContactDetails.from_props(s), freshness=fresh, checks=checks,
    )
