"""`orphans`: cohorts whose needs no service meets, or meets far below the need.

For each cohort and each life domain it has a need in:
- orphaned: no active service in that domain, serving the cohort's area (or an area it is
  part of, or one within it), can take the cohort (eligibility, see `eligibility`) and, if
  the need names types of support (`types_needed`), gives one of them;
- partly met: every service that can take it serves only part of the cohort's area, and
  some areas directly within it (its places) have none; those are listed;
- under-served: the commissioned capacity of the services that can take it is below
  `under_ratio` (default 0.5) of the estimated number with that need;
- no contact: of the cohort's people with that recorded need, the share with no started
  engagement with any service in that domain is at least `min_share` (default 0.5); the
  counts are published through the disclosure policy and the share shown is worked out
  from the published counts;
- ending: every service that meets the need ends (service end date, or the end of all its
  current contracts with no recorded contract continuing them, a renewal starting at most
  `renewal_gap_days` after) within `months` months, so the cohort will become orphaned.
`assess` is the shared core (what-if reuses it with services taken away).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from ecosystem import dates
from ecosystem.analyses.common import to_date
from ecosystem.analyses.eligibility import Profile, takes_cohort
from ecosystem.analyses.overlaps import facts
from ecosystem.analyses.suppression import Count, Disclosure
from ecosystem.dates import add_months
from ecosystem.db.graph import Graph
from ecosystem.vocabulary import DOMAIN_NAMES, SERVICE_STATUSES


@dataclass(frozen=True)
class Provision:
    service_id: str
    name: str
    capacity: int | None
    ends: dt.date | None
    partial_area: bool  # serves only part of the cohort's area


@dataclass(frozen=True)
class CohortNeed:
    cohort_id: str
    cohort_name: str
    area_id: str | None
    domain: str
    estimated: int | None
    provision: tuple[Provision, ...]  # the services that can take the cohort for this need
    turned_away: tuple[tuple[str, str], ...]  # (service id, reason) in-area but not eligible
    capacity: int | None  # known capacity of `provision` (None if none is known)
    types: tuple[str, ...] = ()  # the types of support the need names (none: any)
    # (id, name) of the areas within the cohort's that no service in `provision` reaches,
    # when every one serves only part of it: the need is partly met.
    places_without: tuple[tuple[str, str], ...] = ()
    area_name: str | None = None
    service_names: tuple[tuple[str, str], ...] = ()  # (id, name) of the services turned away
    # Orphaned: how many more services in the domain serve only other areas, when there are
    # too many to name (see _explain).
    elsewhere: int = 0

    @property
    def elsewhere_words(self) -> str:
        return (f"{self.elsewhere:,} other services in this domain serve only other areas"
                if self.elsewhere != 1 else "1 other service in this domain serves only "
                "other areas")

    @property
    def partly_met(self) -> bool:
        return bool(self.provision) and bool(self.places_without)

    @property
    def orphaned(self) -> bool:
        return not self.provision

    @property
    def ratio(self) -> float | None:
        if not self.estimated or self.capacity is None:
            return None
        return self.capacity / self.estimated

    def ends_by(self, horizon: dt.date) -> dt.date | None:
        """The date the last provider stops, if every one stops by `horizon`."""
        if not self.provision or any(p.ends is None or p.ends > horizon for p in self.provision):
            return None
        return max(p.ends for p in self.provision if p.ends is not None)

    @property
    def why(self) -> str:
        base = f"{self.cohort_name} in {self.area_name or self.area_id or 'no area'}"
        name_of = dict(self.service_names)
        need = f"estimated {self.estimated} with a need" if self.estimated else "a need"
        if self.types:
            need = f"{need} for {' or '.join(self.types)} support"
        if self.orphaned:
            turned = "; ".join([f"{name_of.get(s, s)}: {r}" for s, r in self.turned_away]
                               + ([self.elsewhere_words] if self.elsewhere else []))
            return (f"{base}: {need} in {DOMAIN_NAMES.get(self.domain, self.domain)} and no "
                    "active service there can take them" + (f" ({turned})" if turned else ""))
        names = ", ".join(f"{p.name} ({p.capacity if p.capacity is not None else '?'})"
                          for p in self.provision)
        left = (f"; partly met: no service for {', '.join(n for _, n in self.places_without)}"
                if self.places_without else "")
        return (f"{base}: {need} in {DOMAIN_NAMES.get(self.domain, self.domain)}; "
                f"capacity {self.capacity} from {names}{left}")


@dataclass(frozen=True)
class NoContact:
    cohort_id: str
    cohort_name: str
    domain: str
    with_need: Count
    no_contact: Count
    share: float | None
    why: str


@dataclass(frozen=True)
class Ending:
    need: CohortNeed
    last_end: dt.date
    why: str


@dataclass(frozen=True)
class OrphansResult:
    orphaned: tuple[CohortNeed, ...]
    under_served: tuple[CohortNeed, ...]
    no_contact: tuple[NoContact, ...]
    ending: tuple[Ending, ...]
    under_ratio: float
    months: int
    partly_met: tuple[CohortNeed, ...] = ()  # met only in some of the cohort's places


RENEWAL_GAP_DAYS = 1  # the default of Settings.renewal_gap_days: 31 March, then 1 April


def need_rows(graph: Graph, today: dt.date, domains: Collection[str] | None = None
              ) -> list[dict[str, Any]]:
    """Every cohort need (in `domains`, if given) with the services in reach of it."""
    return graph.read("analyses/cohort_needs", today=today,
                      domains=sorted(domains) if domains is not None else None)


def assess(graph: Graph, today: dt.date, exclude: Collection[str] = (),
           renewal_gap_days: int = RENEWAL_GAP_DAYS,
           rows: list[dict[str, Any]] | None = None) -> list[CohortNeed]:
    """Every cohort need with the services that can meet it, leaving out `exclude`
    (`rows`: only these of need_rows)."""
    rows = need_rows(graph, today) if rows is None else rows
    fx = facts(graph, {s for r in rows for s in r["services_covering"] + r["services_within"]},
               today)
    out = []
    for r in rows:
        cohort = Profile.from_row({**r["cohort"], "area_id": r["area_id"]})
        covering = set(r["services_covering"])
        # A need naming types of support is met only by a service giving one of them.
        wanted = sorted(t for d, _, t in (x.partition(":") for x in
                                          r["cohort"].get("types_needed") or ())
                        if d == r["domain"])
        provision, turned = [], []
        for sid in sorted(covering | set(r["services_within"])):
            if sid in exclude:
                continue
            f = fx[sid]
            if wanted and not set(wanted) & set(f.get("types") or ()):
                turned.append((sid, f"type of support: gives {', '.join(sorted(f['types']))}; "
                                    f"the need is for {' or '.join(wanted)}"))
                continue
            v = takes_cohort({**f["service"], "cohorts": f["cohorts"]}, r["cohort"]["id"],
                             cohort)
            if not v.eligible:
                turned.append((sid, "; ".join(v.reasons)))
                continue
            provision.append(Provision(sid, f["service"]["name"], _capacity(f),
                                       _ends(f, renewal_gap_days), sid not in covering))
        caps = [p.capacity for p in provision if p.capacity is not None]
        without: tuple[tuple[str, str], ...] = ()
        if provision and all(p.partial_area for p in provision):
            reached = {a for p in provision for a in fx[p.service_id].get("reach") or ()}
            without = tuple((a["id"], a["name"]) for a in r.get("parts") or ()
                            if a["id"] not in reached)
        out.append(CohortNeed(r["cohort"]["id"], r["cohort"]["name"], r["area_id"], r["domain"],
                              r["estimated"], tuple(provision), tuple(turned),
                              sum(caps) if caps else None, tuple(wanted), without,
                              r.get("area_name"),
                              tuple((sid, fx[sid]["service"]["name"] or sid)
                                    for sid, _ in turned)))
    return out


def _capacity(f: dict[str, Any]) -> int | None:
    caps = [k["capacity"] for k in f["contracts"] if k.get("capacity") is not None]
    if caps:
        return int(sum(caps))
    cap = f["service"].get("capacity")
    return int(cap) if cap is not None else None


def _ends(f: dict[str, Any], gap_days: int = RENEWAL_GAP_DAYS) -> dt.date | None:
    """When the service stops: its end date, or when its last current contract ends and no
    recorded contract continues it (starting at most `gap_days` later; chains of renewals
    are followed)."""
    ends = [to_date(f["service"].get("end_date"))]
    ks = f["contracts"]
    if ks and all(k.get("end_date") is not None for k in ks):
        last: dt.date | None = max(to_date(k["end_date"]) for k in ks)  # type: ignore[type-var]
        later = sorted(((to_date(k["start_date"]), to_date(k.get("end_date")))
                        for k in f.get("later") or ()), key=lambda k: k[0] or dt.date.min)
        for start, end in later:
            if last is None or start is None or start > last + dt.timedelta(days=gap_days):
                continue  # sorted by start: a later one may still follow a renewal's end
            last = None if end is None else max(last, end)
        ends.append(last)
    known = [e for e in ends if e is not None]
    return min(known) if known else None


# Services serving only other areas are named when there are at most this many; beyond
# it they are counted (a nation of places would otherwise list thousands per need).
ELSEWHERE_NAMED = 10


def _explain(orphaned: list[CohortNeed], graph: Graph, today: dt.date) -> list[CohortNeed]:
    """Every other service in the need's domain, with why it cannot meet it: planned,
    closed, ended, or serving only other areas (named). Those serving only other areas are
    counted instead when there are more than ELSEWHERE_NAMED of them."""
    if not orphaned:
        return []
    # Per domain: each service with why it cannot meet a need, and the services by area.
    services: dict[str, list[tuple[str, str, str]]] = {}  # domain -> (id, name, why)
    serving: dict[str, dict[str, set[str]]] = {}  # domain -> area -> service ids
    for r in graph.read("analyses/domain_services",
                        domains=sorted({n.domain for n in orphaned})):
        end = to_date(r["end_date"])
        if r["status"] != "active":
            why = SERVICE_STATUSES.get(r["status"], str(r["status"])).lower()
        elif end is not None and end < today:
            why = f"ended {end.isoformat()}"
        else:
            why = "serves only " + (", ".join(r["areas"]) or "no recorded area")
        services.setdefault(r["domain"], []).append((r["id"], r["name"] or r["id"], why))
        for a in r["area_ids"]:
            serving.setdefault(r["domain"], {}).setdefault(a, set()).add(r["id"])
    reach = {r["id"]: r["areas"] for r in graph.read(
        "analyses/areas_in_reach", ids=sorted({n.area_id for n in orphaned if n.area_id}))}
    out = []
    for n in orphaned:
        seen = {sid for sid, _ in n.turned_away}
        by_area = serving.get(n.domain, {})
        near = set().union(*(by_area.get(a, ()) for a in reach.get(n.area_id or "", ())))
        listed = [s for s in services.get(n.domain, []) if s[0] not in seen and s[0] in near]
        far = [s for s in services.get(n.domain, []) if s[0] not in seen and s[0] not in near]
        elsewhere = 0
        if len(far) <= ELSEWHERE_NAMED:
            listed += far
        else:
            elsewhere = len(far)
        out.append(replace(n, turned_away=n.turned_away + tuple((i, w) for i, _, w in listed),
                           service_names=n.service_names + tuple((i, m) for i, m, _ in listed),
                           elsewhere=elsewhere))
    return out


def under_served(needs: list[CohortNeed], under_ratio: float) -> list[CohortNeed]:
    return [n for n in needs if not n.orphaned and n.ratio is not None and n.ratio < under_ratio]


def run(graph: Graph, today: dt.date | None = None, months: int = 6,
        under_ratio: float = 0.5, min_share: float = 0.5,
        *, disclosure: Disclosure, contact: bool = True,
        renewal_gap_days: int = RENEWAL_GAP_DAYS) -> OrphansResult:
    """`contact=False` leaves out the no-contact check (it reads every cohort member's
    engagements) when only the catalogue findings are wanted."""
    today = today or dates.today()
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The members' read is the slow part: let Neo4j do it while the catalogue is assessed.
        members = pool.submit(graph.read, "analyses/cohort_contact") if contact else None
        needs = assess(graph, today, renewal_gap_days=renewal_gap_days)
        contact_rows = members.result() if members is not None else []
    orphaned = _explain([n for n in needs if n.orphaned], graph, today)
    partly = sorted((n for n in needs if n.partly_met),
                    key=lambda n: (-(n.estimated or 0), n.cohort_id, n.domain))
    under = sorted(under_served(needs, under_ratio), key=lambda n: (n.ratio, n.cohort_id))
    horizon = add_months(today, months)
    ending = []
    for n in needs:
        last = n.ends_by(horizon)
        if last is not None:
            ending.append(Ending(n, last, f"every service meeting this need ends by {last}: "
                                 + ", ".join(f"{p.name} ({p.ends})" for p in n.provision)))
    unreached = []
    for r in contact_rows:
        share = r["no_contact"] / r["with_need"] if r["with_need"] else None
        if not r["no_contact"] or share is None or share < min_share:
            continue
        with_need = disclosure.count(r["with_need"])
        none = disclosure.count(r["no_contact"])
        # The share is worked out from the published (rounded) counts, so it and its
        # complement (those who had contact) say nothing the counts do not.
        shown = (None if with_need.suppressed or none.suppressed or not with_need.value
                 else min(1.0, (none.value or 0) / with_need.value))
        unreached.append(NoContact(
            r["cohort"], r["cohort_name"], r["domain"], with_need, none, shown,
            f"{none.words()} of {with_need.words()} members of "
            f"{r['cohort_name']} with a recorded {r['domain']} need have started with no "
            f"{r['domain']} service"))
    orphaned.sort(key=lambda n: (-(n.estimated or 0), n.cohort_id, n.domain))
    ending.sort(key=lambda e: (e.last_end, e.need.cohort_id))
    return OrphansResult(tuple(orphaned), tuple(under), tuple(unreached), tuple(ending),
                         under_ratio, months, tuple(partly))
