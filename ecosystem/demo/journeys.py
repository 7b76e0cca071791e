"""People and their journeys for the demo area (see ecosystem.demo)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ecosystem.vocabulary import AGE_BANDS, AGE_RANGES, DOMAIN_IDS, MAX_AGE

Records = dict[str, list[dict[str, Any]]]

OUTCOME_BY_DOMAIN = {
    "housing": "tenancy", "money": "debt_resolved", "work": "job", "connectedness": "reconnected",
    "family": "reconnected", "victimisation": "safe", "offending": "no_reoffending",
    "citizenship": "benefits_awarded",
}
# Planted (fixtures/README.md, finding 9): of the three duplicate Brindlemouth employment
# services, WorkWell gets the most people into work and Brightside the fewest; the rest
# record an outcome for 55% of completed episodes. (Only the threshold differs, so the
# seeded draws stay the same.)
OUTCOME_CHANCE = {"b-workwell": 0.9, "b-brightside": 0.2}
KEY_WORKERS = {"E06000901": "kw.amira", "E06000902": "kw.ben", "E06000903": "kw.chen"}


def _place_of(area_id: str, parents: dict[str, str | None]) -> str:
    parent = parents.get(area_id)
    while parent and parent != "E54000099":
        area_id, parent = parent, parents.get(parent)
    return area_id


def circumstances(c: dict[str, Any], rng: random.Random) -> dict[str, str]:
    """A person's circumstances: their cohort's where it sets them, else drawn (the draws
    are made in this order, so seeded areas stay the same)."""
    return {
        "severity": c.get("severity") or rng.choice(["common", "severe"]),
        "benefit_status": c.get("benefit_status") or rng.choice(["uc", "esa", "pip", "none"]),
        "housing_status": c.get("housing_status") or rng.choice(
            ["social_tenant", "private_tenant", "owner", "with_family"]),
        "in_work": "no" if c.get("in_work") == "no" else rng.choice(["yes", "no", "no"]),
        "offending_history": "yes" if c.get("offending_history") == "yes" else "no",
    }


def _band(min_age: int | None, max_age: int | None, rng: random.Random) -> str:
    bands = [b for b in AGE_BANDS
             if AGE_RANGES[b][1] >= (min_age or 18) and AGE_RANGES[b][0] <= (max_age or MAX_AGE)]
    if min_age is None:
        bands = [b for b in bands if b not in ("16-17", "65+")] or bands
    return rng.choice(bands)


def _split(v: Any) -> list[str]:
    return [x.strip() for x in str(v or "").split(";") if x.strip()]


def eligible(s: dict[str, Any], p: dict[str, Any]) -> bool:
    """The demo's own view of who a service takes (mirrors the eligibility rules)."""
    lo, hi = AGE_RANGES[p["age_band"]]
    if s.get("min_age") and hi < int(s["min_age"]):
        return False
    if s.get("max_age") and lo > int(s["max_age"]):
        return False
    if s["severity"] != "any" and p["severity"] not in (s["severity"], "any"):
        return False
    for field in ("housing_status", "benefit_status"):
        allowed = _split(s.get(field))
        if allowed and p.get(field) not in allowed:
            return False
    if s["offending_history"] == "required" and p.get("offending_history") != "yes":
        return False
    return True


def journeys(rec: Records, rng: random.Random, today: dt.date, n_people: int,
             events_target: int) -> None:
    """People drawn from the cohorts, appended to rec with their journeys through services
    that would take them; then follow-up contacts up to the target number of events."""
    area = _Journeys(rec, rng, today)
    for i in range(n_people):
        area.add_person(i)
    _top_up(rec, rng, today, area.by_id, area.event, events_target)


def _services_by_place(rec: Records, places: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The active services serving each place (ICB-wide ones serve every place)."""
    serves: dict[str, list[dict[str, Any]]] = {pl: [] for pl in places}
    for svc in rec["services"]:
        if svc["status"] != "active":
            continue
        for area in _split(svc["areas"]):
            for pl in places if area == "E54000099" else [area]:
                serves[pl].append(svc)
    return serves


def _needs(c: dict[str, Any], rng: random.Random) -> list[str]:
    """A cohort member's needs, each as likely as the cohort's estimate says (and then some);
    at least the cohort's largest."""
    needs = [d for d in DOMAIN_IDS
             if c.get(f"need_{d}") and rng.random() < int(c[f"need_{d}"])
             / int(c["estimated_size"]) + 0.15]
    if not needs:
        needs = [max((d for d in OUTCOME_BY_DOMAIN if c.get(f"need_{d}")),
                     key=lambda d: int(c[f"need_{d}"]))]
    return needs


class _Journeys:
    """The area's people and events, drawn from one seeded generator in a fixed order (so
    seeded areas stay the same)."""

    def __init__(self, rec: Records, rng: random.Random, today: dt.date) -> None:
        self.rec, self.rng, self.today = rec, rng, today
        self.hoods: dict[str, list[str]] = {}
        for a in rec["areas"]:
            if a["level"] == "neighbourhood":
                self.hoods.setdefault(a["parent_id"], []).append(a["id"])
        self.places = sorted(self.hoods)
        self.by_id = {s["id"]: s for s in rec["services"]}
        self.serves = _services_by_place(rec, self.places)
        self.cohorts = rec["cohorts"]
        self.weights = [int(c["estimated_size"]) for c in self.cohorts]
        self.ev_n = 0

    def event(self, ref: str, sid: str, typ: str, day: dt.date, src: str | None = None,
              outcome: str | None = None) -> None:
        if day > self.today:
            return
        self.ev_n += 1
        self.rec["journey_events"].append({
            "event_ref": f"EV{self.ev_n:07d}", "person_ref": ref, "service_id": sid,
            "type": typ, "date": day.isoformat(), "referred_from_service_id": src,
            "outcome": outcome})

    def episode(self, ref: str, s: dict[str, Any], start: dt.date, src: str | None,
                complete: bool = True, stay: tuple[int, int] = (40, 220)) -> dt.date:
        """Referral, maybe a wait, a start, and (if complete) discharge and outcome."""
        rng, event = self.rng, self.event
        event(ref, s["id"], "referral", start, src)
        wait = max(0, int(rng.gauss(int(s["waiting_days"] or 0), 4)))
        if wait > 14:
            event(ref, s["id"], "waitlist", start + dt.timedelta(days=1))
        began = start + dt.timedelta(days=wait)
        event(ref, s["id"], "start", began)
        if not complete:
            return began
        end = began + dt.timedelta(days=rng.randint(*stay))
        event(ref, s["id"], "discharge", end)
        # A clinical service (no life domain) records no social outcome.
        if rng.random() < OUTCOME_CHANCE.get(s["id"], 0.55) and _split(s["domains"]):
            dom = _split(s["domains"])[0]
            event(ref, s["id"], "outcome", end, outcome=OUTCOME_BY_DOMAIN[dom])
        return end

    def add_person(self, i: int) -> None:
        rng = self.rng
        c = rng.choices(self.cohorts, self.weights)[0]
        place = c["area_id"] if c["area_id"] in self.hoods else rng.choice(self.places)
        ref = f"NV{100000 + i}"
        needs = _needs(c, rng)
        person = {
            "person_ref": ref, "area_id": rng.choice(self.hoods[place]),
            "age_band": _band(c.get("min_age"), c.get("max_age"), rng),
            "cohorts": c["id"], "needs": "; ".join(needs),
            **circumstances(c, rng),
            "key_worker": KEY_WORKERS[place] if rng.random() < 0.1 else None,
        }
        self.rec["people"].append(person)
        t0 = self.today - dt.timedelta(days=rng.randint(60, 700))
        if c["id"] == "leaving-wards":
            self._leaving_a_ward(person, ref, t0, place, needs)
        else:
            self._in_the_community(person, ref, c["id"], i, t0, place, needs)

    def _leaving_a_ward(self, person: dict[str, Any], ref: str, t0: dt.date, place: str,
                        needs: list[str]) -> None:
        rng = self.rng
        end = _step_down(person, ref, t0, self.by_id, place, self.event, self.episode, rng)
        # Their other needs are met in the community once they have moved on.
        for dom in (d for d in needs if d != "housing"):
            options = [s for s in self.serves[place] if dom in _split(s["domains"])
                       and eligible(s, {**person, "housing_status": "supported"})
                       and s["status"] == "active"]
            if options and rng.random() < 0.8:
                self.episode(ref, rng.choice(options), end, "icb-stepdown",
                             complete=rng.random() < 0.6)

    def _in_the_community(self, person: dict[str, Any], ref: str, cohort: str, i: int,
                          t0: dt.date, place: str, needs: list[str]) -> None:
        """In at their place's GP hub, on to the CMHT if severe, then a service for each
        need (or none, or a refusal)."""
        rng, event, episode, local = self.rng, self.event, self.episode, self.serves[place]
        entry = next(s for s in local if s["id"].endswith("-gphub") and s["areas"] == place)
        day = episode(ref, entry, t0, None, stay=(5, 30))
        src = entry["id"]
        if person["severity"] == "severe":
            cmht = next(s for s in local if s["id"].endswith("-cmht"))
            if eligible(cmht, person):
                day = episode(ref, cmht, day, src, complete=rng.random() < 0.5)
                src = cmht["id"]
        if cohort == "esa-wrag-b" and i % 12 == 0:
            # Planted: doubling up, in two employment services at once.
            episode(ref, self.by_id["b-workwell"], day, src)
            episode(ref, self.by_id["b-brightside"], day + dt.timedelta(days=10), src)
            return
        for dom in needs:
            dup = ("b-workwell", "b-brightside", "b-pathways")
            options = [s for s in local if dom in _split(s["domains"]) and eligible(s, person)
                       and (s["id"] not in dup or cohort == "esa-wrag-b")]
            if not options or rng.random() < 0.12:
                continue  # a need with no contact
            s = rng.choice(options)
            roll = rng.random()
            if roll < 0.06:
                event(ref, s["id"], "referral", day, src)
                refusal = "decline" if roll < 0.03 else "not_eligible"
                event(ref, s["id"], refusal, day + dt.timedelta(days=3))
            else:
                day = episode(ref, s, day + dt.timedelta(days=rng.randint(1, 20)), src,
                              complete=rng.random() < 0.75)


def _step_down(person: dict[str, Any], ref: str, t0: dt.date, by_id: dict[str, Any], place: str,
               event: Any, episode: Any, rng: random.Random) -> dt.date:
    """Planted: ward -> discharge link -> step-down housing (the bottleneck) -> tenancy."""
    cmht = by_id[f"{place_key(place)}-cmht"]
    event(ref, "icb-ward", "admission", t0, cmht["id"])
    day = t0 + dt.timedelta(days=rng.randint(20, 40))
    day = episode(ref, by_id["icb-dischargelink"], day, "icb-ward", stay=(5, 12))
    wait = rng.randint(70, 130)
    event(ref, "icb-stepdown", "referral", day, "icb-dischargelink")
    event(ref, "icb-stepdown", "waitlist", day + dt.timedelta(days=1))
    began = day + dt.timedelta(days=wait)
    event(ref, "icb-stepdown", "start", began)
    event(ref, "icb-ward", "discharge", began)
    end = began + dt.timedelta(days=rng.randint(120, 240))
    event(ref, "icb-stepdown", "discharge", end)
    if rng.random() < 0.6:
        nxt = "b-tenancy" if place == "E06000901" and rng.random() < 0.5 else "icb-hf"
        event(ref, nxt, "referral", end, "icb-stepdown")
        event(ref, nxt, "start", end + dt.timedelta(days=rng.randint(10, 30)))
        event(ref, nxt, "outcome", end + dt.timedelta(days=rng.randint(30, 60)),
              outcome="tenancy")
    return began


def place_key(place: str) -> str:
    return {"E06000901": "b", "E06000902": "a", "E06000903": "k"}[place]


def _top_up(rec: Records, rng: random.Random, today: dt.date, by_id: dict[str, Any],
            event: Any, target: int) -> None:
    """Follow-up contacts at the GP hub until the event count reaches the target."""
    people = rec["people"]
    while len(rec["journey_events"]) < target:
        p = rng.choice(people)
        pl = _place_of(p["area_id"], {a["id"]: a.get("parent_id") for a in rec["areas"]})
        sid = f"{place_key(pl)}-gphub"
        day = today - dt.timedelta(days=rng.randint(1, 700))
        event(p["person_ref"], sid, "referral", day)
        event(p["person_ref"], sid, "start", day + dt.timedelta(days=rng.randint(0, 10)))
        event(p["person_ref"], sid, "discharge", day + dt.timedelta(days=rng.randint(11, 40)))
