"""Sizes of the demo area for benchmarks: S (the demo itself), M, L and XL (ten times L).

M, L and XL replicate the demo's place-level service catalogue (ecosystem.demo.PLACE_SERVICES)
over many places under one ICB, with providers and commissioners spread over groups of
places, the demo's cohorts replicated, and people spread over places with a Zipf-like skew
(a few large places, so a few large services, and a long tail of small ones). The demo's
planted findings are replicated too: gaps (no carers' support, no hardship fund) in some
places, the three-payer employment trio and its doubling up, the step-down bottleneck, a
money-advice contract ending within three months, a closed and a planned service.

Everything comes from a seed, so the same (size, seed, as_of, scale) gives the same rows.
People and their journey events are produced as a stream (`journeys`), one person at a time
with their events, so L (300,000 people, 3,000,000 events) never has to be held in memory.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecosystem import dates, exports
from ecosystem.demo import area as demo
from ecosystem.demo.area import (
    ICB_SERVICES,
    PLACE_SERVICES,
    PROVIDERS,
    Records,
    Template,
    _service_row,
    place_routes,
)
from ecosystem.demo.journeys import OUTCOME_BY_DOMAIN, _band, _split, circumstances, eligible
from ecosystem.importers.schema import ENTITY_BY_NAME, columns
from ecosystem.importers.templates import write_csv_folder

ICB = demo.ICB
Row = dict[str, Any]


@dataclass(frozen=True)
class Size:
    name: str
    places: int
    services: int
    providers: int
    commissioners: int
    contracts: int
    cohorts: int
    people: int
    events: int


SIZES: dict[str, Size] = {
    # S is the demo area exactly (ecosystem.demo.generate); its counts are whatever it makes.
    "S": Size("S", 3, 0, 0, 0, 0, 0, 2_000, 15_000),
    "M": Size("M", 13, 200, 40, 15, 100, 12, 30_000, 300_000),
    "L": Size("L", 131, 2_000, 400, 60, 1_000, 60, 300_000, 3_000_000),
    # Ten times L, for the bulk first load only (write it to a folder with `write_folder`).
    "XL": Size("XL", 1_320, 20_000, 4_000, 600, 10_000, 600, 3_000_000, 30_000_000),
}

# Providers of the ICB-wide and planted services only; the others come one per group of places.
GLOBAL_PROVIDERS = ("law-centre", "probation", "clubhouse", "second-chance", "workwell",
                    "brightside", "jobcentre", "thresholds")
LOCAL_PROVIDERS = tuple(dict.fromkeys(t.provider for t in PLACE_SERVICES))
GLOBAL_COMMISSIONERS = ("icb", "la-ph", "dwp", "nhse", "pcc", "lottery", "foundation",
                        "probation", "mhclg")
ROLES = ("B", "A", "K")  # the demo's three places; each replica of the cohorts has one of each
_FIRST = ("Brindle", "Ash", "Kelder", "Marl", "Thorn", "Oak", "Wen", "Hal", "Stan", "Rook",
          "Fen", "Gray", "Ips")
_LAST = ("mouth", "combe", "by", "ton", "ford", "ley", "wick", "ham", "stead", "bridge")
ZIPF_PLACES = 1.0  # weight of the place of rank r is 1 / r**s


def place_name(i: int) -> str:
    first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST)) % len(_LAST)]
    lap = i // (len(_FIRST) * len(_LAST))
    return f"{first}{last}" + (f" {lap + 1}" if lap else "")


def place_code(i: int) -> str:
    return f"E0{6000901 + i}"


def hood_codes(i: int) -> list[str]:
    return [f"E02{i + 1:04d}{j + 1:03d}" for j in range(3)]


def _spread(n_items: int, n_slots: int, i: int) -> int:
    """Slot of item i when n_items are spread evenly over n_slots contiguous slots."""
    return i * n_slots // n_items


def _template_key(service_id: str) -> str:
    return service_id.split("-", 1)[1]


# --- The catalogue ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Layout:
    """Where things are: which place plays which demo role, and who serves where."""

    size: Size
    replicas: int  # copies of the demo's ten cohorts

    def role_place(self, replica: int, role: str) -> int:
        step = max(len(ROLES), self.size.places // max(1, self.replicas))
        return (replica * step + ROLES.index(role)) % self.size.places

    def role_of(self, place: int) -> tuple[int, str] | None:
        for r in range(self.replicas):
            for role in ROLES:
                if self.role_place(r, role) == place:
                    return r, role
        return None

    def provider_for(self, key: str, place: int) -> str:
        if key in GLOBAL_PROVIDERS:
            return key
        n_local = self.size.providers - len(GLOBAL_PROVIDERS)
        k = LOCAL_PROVIDERS.index(key)
        per_key = n_local // len(LOCAL_PROVIDERS) + (1 if k < n_local % len(LOCAL_PROVIDERS)
                                                     else 0)
        return f"{key}-{_spread(self.size.places, per_key, place):03d}"

    def council_for(self, place: int) -> str:
        n = self.size.commissioners - len(GLOBAL_COMMISSIONERS)
        return f"la-{_spread(self.size.places, n, place):03d}"


def layout(size: Size) -> Layout:
    return Layout(size, math.ceil(size.cohorts / len(demo.COHORTS)))


def catalogue(size: str, seed: int = 7, as_of: dt.date | None = None) -> Records:
    """Everything but people and journey events, for size S, M, L or XL."""
    if size == "S":
        demo_rec = demo.generate(seed=seed, as_of=as_of)
        demo_rec["people"], demo_rec["journey_events"] = [], []
        return demo_rec
    sz = SIZES[size]
    today = as_of or dates.today()
    rng = random.Random(f"{seed}-{size}-catalogue")
    lay = layout(sz)
    rec: Records = {k: [] for k in ("areas", "providers", "commissioners", "cohorts",
                                    "services", "referral_routes", "contracts", "people",
                                    "journey_events")}
    rec["areas"].append({"id": ICB, "name": "Northvale ICB", "level": "icb"})
    for i in range(sz.places):
        name = place_name(i)
        rec["areas"].append({"id": place_code(i), "name": name, "level": "local_authority",
                             "parent_id": ICB})
        for code, hood in zip(hood_codes(i), ("Central", "North", "South"), strict=True):
            rec["areas"].append({"id": code, "name": f"{name} {hood}", "level": "neighbourhood",
                                 "parent_id": place_code(i)})
    _providers(rec, lay)
    _commissioners(rec, lay)
    _cohorts(rec, lay)
    _services(rec, lay, today)
    _routes(rec, lay)
    _contracts(rec, lay, today, rng)
    return rec


def _providers(rec: Records, lay: Layout) -> None:
    for key in GLOBAL_PROVIDERS:
        name, sector = PROVIDERS[key]
        rec["providers"].append({"id": key, "name": name, "sector": sector})
    n_local = lay.size.providers - len(GLOBAL_PROVIDERS)
    for k, key in enumerate(LOCAL_PROVIDERS):
        name, sector = PROVIDERS[key]
        per_key = n_local // len(LOCAL_PROVIDERS) + (1 if k < n_local % len(LOCAL_PROVIDERS)
                                                     else 0)
        for g in range(per_key):
            pid = f"{key}-{g:03d}"
            first = next(i for i in range(lay.size.places) if _spread(lay.size.places, per_key, i)
                         == g)
            rec["providers"].append({"id": pid, "name": f"{name} ({place_name(first)} district)",
                                     "sector": sector})


def _commissioners(rec: Records, lay: Layout) -> None:
    for cid in GLOBAL_COMMISSIONERS:
        name, kind, area = demo.COMMISSIONERS[cid]
        rec["commissioners"].append({"id": cid, "name": name, "kind": kind, "area_id": area})
    n = lay.size.commissioners - len(GLOBAL_COMMISSIONERS)
    for j in range(n):
        first = next(i for i in range(lay.size.places) if _spread(lay.size.places, n, i) == j)
        rec["commissioners"].append({"id": f"la-{j:03d}",
                                     "name": f"{place_name(first)} Council",
                                     "kind": "local_authority", "area_id": place_code(first)})


def _cohorts(rec: Records, lay: Layout) -> None:
    for j in range(lay.size.cohorts):
        cid, name, role, size, needs, crit = demo.COHORTS[j % len(demo.COHORTS)]
        r = j // len(demo.COHORTS)
        place = lay.role_place(r, role)
        row: Row = {"id": f"{cid}-{r:02d}", "name": f"{name} ({place_name(place)})",
                    "area_id": place_code(place), "estimated_size": size, "criteria": name}
        row.update({f"need_{d}": v for d, v in needs.items()})
        row.update(crit)
        rec["cohorts"].append(row)


def _services(rec: Records, lay: Layout, today: dt.date) -> None:
    out = rec["services"]
    target = lay.size.services
    cohort_ids = {c["id"] for c in rec["cohorts"]}

    def add(row: Row) -> bool:
        if len(out) >= target:
            return False
        out.append(row)
        return True

    for t in ICB_SERVICES:
        row = _service_row(t, f"icb-{t.key}", t.name, [ICB])
        row["provider_id"] = lay.provider_for(t.provider, 0)
        add(row)
    for i in range(lay.size.places):
        code, pname, x = place_code(i), place_name(i), f"p{i:03d}"
        role = lay.role_of(i)
        for t in PLACE_SERVICES:
            if role and (role[1], t.key) in demo.LEFT_OUT:
                continue  # planted gap
            row = _service_row(t, f"{x}-{t.key}", f"{pname} {t.name}", [code])
            row["provider_id"] = lay.provider_for(t.provider, i)
            if not add(row):
                return
        if role is None:
            continue
        r, letter = role
        if letter == "B":
            dup = Template("", "", "employment", "", "", "work", "care", "specialist", 0, 0, 0,
                           severity="common", benefits="esa; uc", self_referral=True)
            for key, name, provider, cap, cost, wait in (
                ("workwell", "WorkWell Into Employment", "workwell", 120, 1400, 10),
                ("brightside", "Brightside Job Coaching", "brightside", 80, 1100, 15),
                ("pathways", "Pathways to Work", "jobcentre", 100, 900, 8),
            ):
                row = _service_row(dup, f"{x}-{key}", f"{name} ({pname})", [code])
                cohort = f"esa-wrag-b-{r:02d}"
                row.update(provider_id=provider, capacity=cap, unit_cost=cost,
                           waiting_days=wait, cohorts=cohort if cohort in cohort_ids else "")
                if not add(row):
                    return
        if letter in ("B", "A"):
            t = Template("", "", "family", "thresholds", "", "family", "provision",
                         "practitioner; specialist", 25, 3200, 21, model="thresholds-mothers",
                         min_age=16)
            if not add(_service_row(t, f"{x}-mothers", f"{pname} Mothers' Project", [code])):
                return
        if letter == "K":
            t = Template("", "", "family", "council", "", "family", "care", "practitioner", 30,
                         800, 0, min_age=16)
            row = _service_row(t, f"{x}-family-support", f"{pname} Family Support (closed)",
                               [code])
            row.update(provider_id=lay.provider_for("council", i), status="closed",
                       end_date=(today - dt.timedelta(days=200)).isoformat())
            if not add(row):
                return
            t = Template("", "", "peer", "", "", "family", "societal", "peer", 20, 600, 0,
                         min_age=16, max_age=25, self_referral=True)
            row = _service_row(t, f"{x}-young-parents-peer", f"{pname} Young Parents' Peer Group",
                               [code])
            row.update(provider_id=lay.provider_for("peer-network", i), status="planned",
                       description="Planned; not yet funded")
            if not add(row):
                return
    if len(out) < target:
        raise ValueError(f"size {lay.size.name}: {lay.size.places} places make only "
                         f"{len(out)} services, fewer than {target}")


def _routes(rec: Records, lay: Layout) -> None:
    ids = {s["id"] for s in rec["services"]}
    routes: list[tuple[str, str, str]] = []
    for i in range(lay.size.places):
        x = f"p{i:03d}"
        routes += place_routes(x) + [
            (f"{x}-gphub", f"{x}-workwell", ""),
            (f"{x}-gphub", f"{x}-brightside", ""),
        ]
    b0 = f"p{lay.role_place(0, 'B'):03d}"
    routes += [
        ("icb-ward", "icb-dischargelink", "step-down pathway"),
        ("icb-dischargelink", "icb-stepdown", "step-down pathway"),
        ("icb-stepdown", "icb-hf", "step-down pathway: move on to a tenancy"),
        ("icb-stepdown", f"{b0}-tenancy", "step-down pathway: move on to a tenancy"),
        ("icb-hf", f"{b0}-cmht", ""),  # a cycle, as in the demo
    ]
    for a, b, note in routes:
        if a in ids and b in ids:
            rec["referral_routes"].append({"from_service_id": a, "to_service_id": b,
                                           "note": note or None})


def _contracts(rec: Records, lay: Layout, today: dt.date, rng: random.Random) -> None:
    start = dt.date(today.year - 2, 4, 1)
    templates = {t.key: t.commissioner for t in PLACE_SERVICES + ICB_SERVICES}
    planted = {"workwell": "dwp", "brightside": "la", "pathways": "lottery"}
    active = [s for s in rec["services"] if s["status"] == "active"]
    # ICB-wide and planted services always have a contract; the rest are sampled.
    first = [s for s in active if s["id"].startswith("icb-")
             or _template_key(s["id"]) in planted or _ends_soon(s, lay)]
    rest = [s for s in active if s not in first]
    rng.shuffle(rest)
    chosen = (first + rest)[: lay.size.contracts - 1]
    chosen.sort(key=lambda s: s["id"])
    for n, s in enumerate(chosen, start=1):
        sid, key = s["id"], _template_key(s["id"])
        place = None if sid.startswith("icb-") else place_index(sid)
        comm = planted.get(key) or templates.get(key, "icb")
        if comm == "la":
            comm = lay.council_for(place or 0)
        elif comm == "la-b":
            comm = lay.council_for(lay.role_place(0, "B"))
        end = today + dt.timedelta(days=60) if _ends_soon(s, lay) else dt.date(
            today.year + 1 + n % 2, 3, 31)
        rec["contracts"].append({
            "id": f"ct-{n:05d}", "commissioner_id": comm, "service_id": sid,
            "annual_value": int(s["capacity"]) * int(s["unit_cost"]),
            "start_date": start.isoformat(), "end_date": end.isoformat(),
            "capacity": s["capacity"]})
    rec["contracts"].append({
        "id": "ct-hf-national", "commissioner_id": "mhclg", "service_id": "icb-hf",
        "annual_value": 180000, "start_date": start.isoformat(),
        "end_date": dt.date(today.year + 2, 3, 31).isoformat(), "capacity": 15})


def _ends_soon(s: Row, lay: Layout) -> bool:
    """Planted: in each place playing Ashcombe, the money advice contract ends soon."""
    if _template_key(s["id"]) != "debt" or s["id"].startswith("icb-"):
        return False
    role = lay.role_of(place_index(s["id"]))
    return role is not None and role[1] == "A"


# --- People and journeys ----------------------------------------------------------------------

def expected_counts(size: str, scale: float = 1.0) -> dict[str, int]:
    """The rows `generate(size, scale=scale)` makes, by entity (people and events scaled)."""
    sz = SIZES[size]
    return {"services": sz.services, "providers": sz.providers,
            "commissioners": sz.commissioners, "contracts": sz.contracts,
            "cohorts": sz.cohorts, "people": scaled(sz.people, scale),
            "journey_events": scaled(sz.events, scale)}


def scaled(n: int, scale: float) -> int:
    return max(1, round(n * scale))


def journeys(size: str, cat: Records, seed: int = 7, as_of: dt.date | None = None,
             scale: float = 1.0) -> Iterator[tuple[Row, list[Row]]]:
    """(person row, their journey events), one person at a time, for the catalogue `cat`."""
    today = as_of or dates.today()
    sz = SIZES[size]
    n_people, n_events = scaled(sz.people, scale), scaled(sz.events, scale)
    if size == "S":
        rec = demo.generate(seed=seed, as_of=today, people=n_people, events_target=n_events)
        by_person: dict[str, list[Row]] = {}
        for e in rec["journey_events"]:
            by_person.setdefault(e["person_ref"], []).append(e)
        for p in rec["people"]:
            yield p, by_person.get(p["person_ref"], [])
        return
    yield from _Journeys(cat, random.Random(f"{seed}-{size}-people"), today, n_people,
                         n_events).people()


def generate(size: str, seed: int = 7, as_of: dt.date | None = None,
             scale: float = 1.0) -> Records:
    """All the records of a size in memory (fine for S and M; stream L with `journeys`)."""
    if size == "S":
        sz = SIZES["S"]
        return demo.generate(seed=seed, as_of=as_of, people=scaled(sz.people, scale),
                             events_target=scaled(sz.events, scale))
    rec = catalogue(size, seed, as_of)
    for person, events in journeys(size, rec, seed, as_of, scale):
        rec["people"].append(person)
        rec["journey_events"].extend(events)
    return rec


def chunks(stream: Iterator[tuple[Row, list[Row]]], events_per_chunk: int
           ) -> Iterator[tuple[list[Row], list[Row]]]:
    """(people, events) in chunks of about `events_per_chunk` events, never splitting a
    person's events across chunks."""
    people: list[Row] = []
    events: list[Row] = []
    for p, evs in stream:
        people.append(p)
        events.extend(evs)
        if len(events) >= events_per_chunk:
            yield people, events
            people, events = [], []
    if people:
        yield people, events


class _Journeys:
    """The stream of people and events for M and L."""

    def __init__(self, cat: Records, rng: random.Random, today: dt.date, n_people: int,
                 n_events: int) -> None:
        self.rng, self.today = rng, today
        self.n_people, self.n_events = n_people, n_events
        self.places = [a["id"] for a in cat["areas"] if a["level"] == "local_authority"]
        self.hoods: dict[str, list[str]] = {}
        for a in cat["areas"]:
            if a["level"] == "neighbourhood":
                self.hoods.setdefault(a["parent_id"], []).append(a["id"])
        ranks = list(range(1, len(self.places) + 1))
        rng.shuffle(ranks)
        self.place_cum = list(itertools.accumulate(1 / r ** ZIPF_PLACES for r in ranks))
        self.by_id = {s["id"]: s for s in cat["services"]}
        icb = [s for s in cat["services"] if s["status"] == "active" and s["areas"] == ICB]
        self.local: dict[str, list[Row]] = {p: [] for p in self.places}
        for s in cat["services"]:
            if s["status"] == "active" and s["areas"] in self.local:
                self.local[s["areas"]].append(s)
        # Popularity within a place: capacity times a log-normal factor, so each place has a
        # few busy services and many quiet ones.
        self.weight = {s["id"]: int(s["capacity"] or 1) * rng.lognormvariate(0, 1.0)
                       for s in cat["services"]}
        self.icb = icb
        self.cohorts: dict[str, list[Row]] = {}
        for c in cat["cohorts"]:
            self.cohorts.setdefault(c["area_id"], []).append(c)
        self._elig: dict[tuple[str, tuple[Any, ...]], bool] = {}
        self.ev_n = 0

    def people(self) -> Iterator[tuple[Row, list[Row]]]:
        left = self.n_events
        for i in range(self.n_people):
            remaining_people = self.n_people - i
            if remaining_people == 1 or left == 0:
                budget = left
            else:
                mean = left / remaining_people
                budget = min(left, max(1, round(self.rng.gammavariate(2.0, mean / 2.0))))
            person = self._person(i)
            events = self._journey(person, budget) if budget else []
            left -= len(events)
            yield person, events

    def _person(self, i: int) -> Row:
        rng = self.rng
        x = rng.random() * self.place_cum[-1]
        place = self.places[min(bisect.bisect_left(self.place_cum, x), len(self.places) - 1)]
        here = self.cohorts.get(place, [])
        c = rng.choices(here, [int(h["estimated_size"]) for h in here])[0] \
            if here and rng.random() < 0.7 else None
        if c is not None:
            needs = [d for d in OUTCOME_BY_DOMAIN if c.get(f"need_{d}")
                     and rng.random() < int(c[f"need_{d}"]) / int(c["estimated_size"]) + 0.15]
            if not needs:
                sizes = {d: int(c[f"need_{d}"]) for d in OUTCOME_BY_DOMAIN if c.get(f"need_{d}")}
                needs = [max(sizes, key=lambda d: sizes[d])]
        else:
            needs = rng.sample(list(OUTCOME_BY_DOMAIN), rng.randint(1, 3))
        c = c or {}
        return {
            "person_ref": f"NV{1_000_000 + i}", "area_id": rng.choice(self.hoods[place]),
            "age_band": _band(c.get("min_age"), c.get("max_age"), rng),
            "cohorts": c.get("id") or "", "needs": "; ".join(needs),
            **circumstances(c, rng),
            "key_worker": f"kw.{place[-3:]}" if rng.random() < 0.1 else None,
        }

    def _eligible(self, s: Row, p: Row) -> bool:
        sig = (p["age_band"], p["severity"], p["housing_status"], p["benefit_status"],
               p["offending_history"])
        key = (_template_key(s["id"]), sig)
        hit = self._elig.get(key)
        if hit is None:
            hit = self._elig[key] = eligible(s, p)
        return hit

    def _journey(self, p: Row, budget: int) -> list[Row]:
        rng, today = self.rng, self.today
        ref = p["person_ref"]
        events: list[Row] = []
        full = False

        def event(sid: str, typ: str, day: dt.date, src: str | None = None,
                  outcome: str | None = None) -> None:
            nonlocal full
            if full:
                return
            self.ev_n += 1
            events.append({"event_ref": f"EV{self.ev_n:08d}", "person_ref": ref,
                           "service_id": sid, "type": typ,
                           "date": min(day, today).isoformat(),
                           "referred_from_service_id": src, "outcome": outcome})
            full = len(events) >= budget

        def episode(s: Row, start: dt.date, src: str | None, complete: bool = True,
                    stay: tuple[int, int] = (40, 220)) -> dt.date:
            event(s["id"], "referral", start, src)
            wait = max(0, int(rng.gauss(int(s["waiting_days"] or 0), 4)))
            if wait > 14:
                event(s["id"], "waitlist", start + dt.timedelta(days=1))
            began = start + dt.timedelta(days=wait)
            event(s["id"], "start", began)
            if not complete:
                return began
            end = began + dt.timedelta(days=rng.randint(*stay))
            event(s["id"], "discharge", end)
            if rng.random() < 0.55 and _split(s["domains"]):  # clinical: no social outcome
                event(s["id"], "outcome", end,
                      outcome=OUTCOME_BY_DOMAIN[_split(s["domains"])[0]])
            return end

        place = self._place_of(p["area_id"])
        local = self.local[place]
        cohort = p["cohorts"]
        day = today - dt.timedelta(days=rng.randint(120, 1100))
        if cohort.startswith("leaving-wards") and "icb-stepdown" in self.by_id:
            self._step_down(p, place, day, event, episode)
        entry = next((s for s in local if s["id"].endswith("-gphub")), None) or (local or
                                                                                 self.icb)[0]
        src = entry["id"]
        day = episode(entry, day, None, stay=(5, 30))
        if p["severity"] == "severe":
            cmht = next((s for s in local if s["id"].endswith("-cmht")), None)
            if cmht is not None and self._eligible(cmht, p):
                day = episode(cmht, day, src, complete=rng.random() < 0.5)
                src = cmht["id"]
        x = place_key_of(entry["id"])
        if cohort.startswith("esa-wrag-b") and rng.random() < 1 / 12 \
                and f"{x}-workwell" in self.by_id and f"{x}-brightside" in self.by_id:
            # Planted: doubling up, in two employment services at once.
            episode(self.by_id[f"{x}-workwell"], day, src)
            episode(self.by_id[f"{x}-brightside"], day + dt.timedelta(days=10), src)
        dup = {f"{x}-workwell", f"{x}-brightside", f"{x}-pathways"}
        needs = _split(p["needs"])
        rounds = 0
        while not full and rounds < 50:
            rounds += 1
            dom = needs[rounds % len(needs)] if needs else "connectedness"
            options = [s for s in itertools.chain(local, self.icb)
                       if dom in _split(s["domains"]) and self._eligible(s, p)
                       and (s["id"] not in dup or cohort.startswith("esa-wrag-b"))]
            if not options or rng.random() < 0.12:
                # a need with no contact this time: a follow-up at the entry service
                d = day + dt.timedelta(days=rng.randint(5, 60))
                event(entry["id"], "referral", d)
                event(entry["id"], "start", d + dt.timedelta(days=rng.randint(0, 10)))
                day = d + dt.timedelta(days=rng.randint(11, 40))
                event(entry["id"], "discharge", day)
                continue
            s = rng.choices(options, [self.weight[o["id"]] for o in options])[0]
            roll = rng.random()
            if roll < 0.06:
                event(s["id"], "referral", day, src)
                event(s["id"], "decline" if roll < 0.03 else "not_eligible",
                      day + dt.timedelta(days=3))
            else:
                day = episode(s, day + dt.timedelta(days=rng.randint(1, 20)), src,
                              complete=rng.random() < 0.75, stay=(20, 120))
        while not full:  # guarantees the budget is met whatever happened above
            d = day + dt.timedelta(days=rng.randint(5, 60))
            event(entry["id"], "referral", d)
            day = d
        return events

    def _place_of(self, hood: str) -> str:
        return place_code(int(hood[3:7]) - 1)

    def _step_down(self, p: Row, place: str, t0: dt.date, event: Any, episode: Any) -> None:
        """Planted: ward -> discharge link -> step-down housing (the bottleneck) -> tenancy."""
        rng = self.rng
        x = f"p{int(place[3:]) - 6000901:03d}"
        cmht = self.by_id.get(f"{x}-cmht")
        event("icb-ward", "admission", t0, cmht["id"] if cmht else None)
        day = t0 + dt.timedelta(days=rng.randint(20, 40))
        day = episode(self.by_id["icb-dischargelink"], day, "icb-ward", stay=(5, 12))
        event("icb-stepdown", "referral", day, "icb-dischargelink")
        event("icb-stepdown", "waitlist", day + dt.timedelta(days=1))
        began = day + dt.timedelta(days=rng.randint(70, 130))
        event("icb-stepdown", "start", began)
        event("icb-ward", "discharge", began)
        end = began + dt.timedelta(days=rng.randint(120, 240))
        event("icb-stepdown", "discharge", end)
        nxt = "icb-hf"
        if rng.random() < 0.6 and nxt in self.by_id:
            event(nxt, "referral", end, "icb-stepdown")
            event(nxt, "start", end + dt.timedelta(days=rng.randint(10, 30)))
            event(nxt, "outcome", end + dt.timedelta(days=rng.randint(30, 60)),
                  outcome="tenancy")


def place_key_of(service_id: str) -> str:
    return service_id.split("-", 1)[0]


def place_index(service_id: str) -> int:
    """The place of a local service id, p<index>-<key> (three digits, four from 1,000 on)."""
    return int(place_key_of(service_id)[1:])


def write_folder(size: str, out: Path, seed: int = 7, as_of: dt.date | None = None,
                 scale: float = 1.0, events_per_chunk: int = 50_000) -> dict[str, int]:
    """The size as a folder of CSV files, one per entity, people and events written as they
    are made (never all in memory); returns the rows written, by entity."""
    cat = catalogue(size, seed, as_of)
    write_csv_folder(cat, out)  # people.csv and journey_events.csv: their header only
    counts = {k: len(v) for k, v in cat.items() if v}
    stream = journeys(size, cat, seed, as_of, scale)
    counts["people"] = counts["journey_events"] = 0
    heads = {name: columns(ENTITY_BY_NAME[name]) for name in ("people", "journey_events")}
    with open(out / "people.csv", "a", newline="", encoding="utf-8") as pf, \
            open(out / "journey_events.csv", "a", newline="", encoding="utf-8") as ef:
        for people, events in chunks(stream, events_per_chunk):
            for f, name, rows in ((pf, "people", people), (ef, "journey_events", events)):
                cols = heads[name]
                exports.write_csv(f, ([r.get(c) for c in cols] for r in rows))
                counts[name] += len(rows)
    return counts


__all__ = ["SIZES", "Size", "catalogue", "chunks", "expected_counts", "generate", "journeys",
           "write_folder"]
