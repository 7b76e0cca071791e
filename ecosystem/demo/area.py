"""The demo area: Northvale, a fictional integrated care board with three places.

Generated from a seed, so the same seed and date give the same area. Dates are relative to
`as_of` (today by default) so "contracts ending soon" stay soon. Findings are planted on
purpose and listed in fixtures/README.md; everything else is built so that it does not look
like an overlap or a gap: within a place, two active services share a (life domain, type of
support) pair only where their eligibility cannot overlap.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from ecosystem import dates

Records = dict[str, list[dict[str, Any]]]

ICB = "E54000099"
PLACES = {"B": ("E06000901", "Brindlemouth"), "A": ("E06000902", "Ashcombe"),
          "K": ("E06000903", "Kelderby")}


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    kind: str
    provider: str
    commissioner: str
    domains: str
    types: str
    sources: str
    capacity: int
    unit_cost: int
    waiting_days: int
    model: str = ""
    severity: str = "any"
    housing: str = ""
    benefits: str = ""
    offending: str = "any"
    min_age: int = 18
    max_age: int | None = None
    self_referral: bool = False
    referral_from: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


CLINICAL = {"clinical": "yes"}

# One of each in every place (carers support is left out of Kelderby: a planted gap).
PLACE_SERVICES = (
    # Clinical (entry points of journeys and routes, not social support): no life domain.
    Template("cmht", "Community Mental Health Team", "cmht", "nhs-trust", "icb", "",
             "information", "practitioner", 400, 2600, 21, severity="severe",
             referral_from="gp", extra=CLINICAL),
    Template("gphub", "Primary Care Mental Health Hub", "gp", "nhs-trust", "icb",
             "", "information", "practitioner", 600, 300, 7, min_age=16,
             self_referral=True, extra=CLINICAL),
    Template("ips", "IPS Employment Service", "employment", "nhs-trust", "icb", "work",
             "care; provision", "specialist; practitioner", 60, 2800, 14, model="ips",
             severity="severe", referral_from="cmht"),
    Template("debt", "Money and Debt Advice", "advice", "citizens-advice", "la", "money",
             "information; care", "specialist", 180, 450, 10, self_referral=True, min_age=16),
    Template("tenancy", "Tenancy Sustainment Service", "housing-support", "harbour-ha", "la",
             "housing", "care", "practitioner", 90, 1900, 18,
             housing="social_tenant; private_tenant", referral_from="cmht; gp"),
    Template("housingopt", "Housing Options and Advice", "housing-advice", "council", "la",
             "housing", "information; rights", "specialist; structural", 300, 350, 5,
             housing="homeless; temporary; with_family; private_tenant; social_tenant; owner",
             self_referral=True, min_age=16),
    Template("befriend", "Community Befriending and Social Prescribing", "community",
             "open-door", "la-ph", "connectedness", "societal", "community; specialist", 150, 380,
             12, model="social-prescribing", self_referral=True, min_age=16),
    Template("peer", "Peer Support Groups", "peer", "peer-network", "icb", "connectedness",
             "care", "peer", 120, 420, 6, model="peer-support", self_referral=True),
    Template("carers", "Family and Carers Support", "family", "carers-centre", "la", "family",
             "information; care", "specialist; practitioner", 80, 700, 14, min_age=16,
             self_referral=True),
    Template("dv", "Domestic Abuse Support", "safety", "safer-homes", "pcc", "victimisation",
             "care; information", "specialist", 70, 1500, 4, min_age=16, self_referral=True),
    Template("digital", "Digital Inclusion Hub", "community", "digital-inclusion", "lottery",
             "citizenship", "provision", "community", 200, 150, 3, min_age=16, self_referral=True),
    Template("college", "Recovery College", "education", "nhs-trust", "icb", "work",
             "information", "peer; practitioner", 250, 320, 20, self_referral=True),
    Template("volunteer", "Volunteering Pathways", "community", "mind", "foundation", "work",
             "societal", "community", 100, 260, 9, self_referral=True),
    Template("liaison", "Offender Mental Health Liaison", "justice", "nhs-trust", "nhse",
             "offending", "care", "practitioner", 60, 1800, 7, offending="required",
             referral_from="probation"),
    Template("hardship", "Local Welfare and Hardship Fund", "grant", "council", "la", "money",
             "provision", "structural", 500, 220, 2, min_age=16, self_referral=True),
)

# Planted gaps: no carers' support in Kelderby, no hardship fund in Ashcombe.
LEFT_OUT = {("K", "carers"), ("A", "hardship")}

# Services for the whole ICB.
ICB_SERVICES = (
    Template("ward", "Acute Mental Health Wards", "ward", "nhs-trust", "icb", "",
             "care", "practitioner", 90, 14000, 0, severity="severe", housing="inpatient",
             referral_from="cmht", extra=CLINICAL),
    Template("dischargelink", "Hospital Discharge Housing Link", "housing-advice", "nhs-trust",
             "icb", "housing", "information; rights", "specialist", 60, 900, 6,
             housing="inpatient", referral_from="ward"),
    Template("stepdown", "Step-down Supported Housing", "supported-housing", "harbour-ha",
             "la-b", "housing", "provision", "practitioner", 14, 16000, 95, housing="inpatient",
             referral_from="ward"),
    Template("hf", "Housing First Northvale", "housing-support", "harbour-ha", "icb", "housing",
             "care; provision", "practitioner", 45, 9500, 40, model="housing-first",
             housing="homeless", referral_from="housing-advice; supported-housing"),
    Template("breathing", "Mental Health Breathing Space Advice", "advice", "citizens-advice",
             "la-b", "money", "rights", "structural; specialist", 120, 300, 3,
             model="breathing-space", severity="severe", referral_from="cmht; ward"),
    Template("welfare", "Welfare Rights Service", "advice", "law-centre", "foundation",
             "citizenship", "rights", "specialist", 150, 520, 15, model="welfare-advice",
             self_referral=True, min_age=16),
    Template("mhcourt", "Mental Health Treatment Requirement Court Scheme", "justice",
             "probation", "nhse", "offending", "rights; information", "structural", 50, 1200,
             10, model="mh-court", offending="required", referral_from="probation"),
    Template("clubhouse", "Northvale Clubhouse", "community", "clubhouse", "lottery",
             "citizenship", "societal", "practitioner; peer", 80, 1100, 8, model="clubhouse",
             self_referral=True),
    Template("victoria", "Safe Recovery (Victoria Intervention)", "safety", "safer-homes",
             "pcc", "victimisation", "societal", "peer; specialist; practitioner", 40, 1700, 10,
             model="victoria-intervention", severity="severe", referral_from="cmht"),
    Template("resettle", "Prison Leavers Resettlement", "justice", "second-chance", "probation",
             "offending", "provision", "community; specialist", 40, 2100, 12,
             offending="required", referral_from="probation"),
)

PROVIDERS = {
    "nhs-trust": ("Northvale Mental Health NHS Foundation Trust", "nhs"),
    "council": ("Council housing and welfare services", "local_authority"),
    "citizens-advice": ("Northvale Citizens Advice", "vcse"),
    "harbour-ha": ("Harbour Homes Housing Association", "vcse"),
    "open-door": ("Open Door Befriending", "vcse"),
    "peer-network": ("Northvale Peer Network", "vcse"),
    "carers-centre": ("Northvale Carers Centre", "vcse"),
    "safer-homes": ("Safer Homes Domestic Abuse Service", "vcse"),
    "digital-inclusion": ("Digital Inclusion Northvale CIC", "vcse"),
    "mind": ("Northvale Mind", "vcse"),
    "law-centre": ("Northvale Law Centre", "vcse"),
    "probation": ("Probation Service, Northvale", "other_public"),
    "clubhouse": ("Kelderby Clubhouse", "vcse"),
    "second-chance": ("Second Chance Justice Trust", "vcse"),
    "workwell": ("WorkWell Employment Ltd", "private"),
    "brightside": ("Brightside Into Work CIC", "vcse"),
    "jobcentre": ("Jobcentre Plus Northvale", "dwp"),
    "thresholds": ("Northvale Family Mental Health Partnership", "nhs"),
}

COMMISSIONERS = {
    "icb": ("NHS Northvale Integrated Care Board", "icb", ICB),
    "la": (None, "local_authority", None),  # one per place: see _commissioner_for
    "la-ph": ("Northvale Public Health Partnership", "local_authority", ICB),
    "la-b": ("Brindlemouth City Council", "local_authority", PLACES["B"][0]),
    "dwp": ("Department for Work and Pensions, Northvale District", "dwp", ICB),
    "nhse": ("NHS England Health and Justice", "nhs_england", ICB),
    "pcc": ("Northvale Police and Crime Commissioner", "police_crime_commissioner", ICB),
    "lottery": ("National Lottery Community Fund", "charity", ICB),
    "foundation": ("Northvale Community Foundation", "charity", ICB),
    "probation": ("HM Prison and Probation Service, Northvale", "other", ICB),
    "mhclg": ("Ministry of Housing, Communities and Local Government (Housing First fund)",
              "other", ICB),
}
PLACE_COUNCILS = {"A": "Ashcombe Borough Council", "K": "Kelderby District Council"}


def _commissioner_for(key: str, place: str | None) -> str:
    if key == "la":
        return "la-b" if place in (None, "B") else f"la-{place.lower()}"
    return key


def generate(seed: int = 7, as_of: dt.date | None = None, people: int = 2000,
             events_target: int = 15000) -> Records:
    """The demo area's records, in the import formats of ecosystem.importers.schema."""
    rng = random.Random(seed)
    today = as_of or dates.today()
    rec: Records = {k: [] for k in ("areas", "providers", "commissioners", "cohorts",
                                    "services", "referral_routes", "contracts", "people",
                                    "journey_events")}
    _areas(rec)
    for pid, (pname, sector) in PROVIDERS.items():
        rec["providers"].append({"id": pid, "name": pname, "sector": sector})
    for cid, (cname, kind, area) in COMMISSIONERS.items():
        if cid != "la":
            rec["commissioners"].append({"id": cid, "name": cname, "kind": kind, "area_id": area})
    for p, council in PLACE_COUNCILS.items():
        rec["commissioners"].append({"id": f"la-{p.lower()}", "name": council,
                                     "kind": "local_authority", "area_id": PLACES[p][0]})
    _cohorts(rec)
    _services(rec, today)
    _contacts(rec)
    _verified(rec, today)
    _routes(rec)
    _contracts(rec, today, rng)
    _people_and_journeys(rec, rng, today, people, events_target)
    return rec


def _areas(rec: Records) -> None:
    rec["areas"].append({"id": ICB, "name": "Northvale ICB", "level": "icb"})
    for n, (code, name) in enumerate(PLACES.values()):
        rec["areas"].append({"id": code, "name": name, "level": "local_authority",
                             "parent_id": ICB})
        for i, hood in enumerate(("Central", "North", "South")):
            rec["areas"].append({"id": f"E0200{n + 1}{i + 1:03d}", "name": f"{name} {hood}",
                                 "level": "neighbourhood", "parent_id": code})


def neighbourhoods(place: str) -> list[str]:
    n = list(PLACES).index(place) + 1
    return [f"E0200{n}{i + 1:03d}" for i in range(3)]


COHORTS: tuple[tuple[str, str, str, int, dict[str, int], dict[str, Any]], ...] = (
    # id, name, area, size, needs, criteria fields
    ("esa-wrag-b", "ESA work-related activity group with common mental health problems",
     "B", 420, {"work": 300, "money": 160}, {"severity": "common", "benefit_status": "esa"}),
    ("leaving-wards", "People leaving inpatient care with a housing need", "B", 110,
     {"housing": 110, "money": 40, "connectedness": 60},
     # Planted: a need by type. Somewhere to live, or support to keep it: advice (the
     # Discharge Housing Link) does not meet it.
     {"severity": "severe", "housing_status": "inpatient",
      "types_needed": "housing:provision; housing:care"}),
    ("smi-b", "Adults with severe mental illness on a CMHT caseload", "B", 380,
     {"work": 55, "connectedness": 140, "citizenship": 120}, {"severity": "severe"}),
    ("smi-work-a", "Adults with severe mental illness who want to work", "A", 1200,
     {"work": 1100}, {"severity": "severe", "in_work": "no"}),
    ("debt-a", "People with common mental health problems and problem debt", "A", 260,
     {"money": 170}, {"severity": "common"}),
    ("dv-a", "Survivors of domestic abuse with mental health difficulties", "A", 150,
     {"victimisation": 60, "housing": 40, "family": 45}, {}),
    ("young-parents-k", "Young parents with mental health difficulties", "K", 90,
     {"family": 70, "connectedness": 40}, {"min_age": 16, "max_age": 24}),
    ("probation-k", "People on probation with mental health difficulties", "K", 130,
     {"offending": 45, "housing": 30, "work": 40}, {"offending_history": "yes"}),
    ("older-k", "Isolated older adults with mental health difficulties", "K", 160,
     {"connectedness": 120, "citizenship": 50}, {"min_age": 65}),
    ("homeless-smi", "People sleeping rough or homeless with severe mental illness", "A", 95,
     {"housing": 40, "money": 35, "citizenship": 40},
     {"severity": "severe", "housing_status": "homeless"}),
)


def _cohorts(rec: Records) -> None:
    for cid, name, place, size, needs, crit in COHORTS:
        row: dict[str, Any] = {"id": cid, "name": name,
                               "area_id": PLACES[place][0] if place else ICB,
                               "estimated_size": size, "criteria": name}
        row.update({f"need_{d}": n for d, n in needs.items()})
        row.update(crit)
        rec["cohorts"].append(row)


def _service_row(t: Template, sid: str, name: str, areas: list[str]) -> dict[str, Any]:
    return {
        "id": sid, "name": name, "provider_id": t.provider, "kind": t.kind,
        "areas": "; ".join(areas), "domains": t.domains, "types": t.types,
        "sources": t.sources, "model_id": t.model or None,
        "model_fidelity": 0.8 if t.model in ("ips", "housing-first") else None,
        "min_age": t.min_age, "max_age": t.max_age, "severity": t.severity,
        "housing_status": t.housing, "benefit_status": t.benefits,
        "offending_history": t.offending, "self_referral": "yes" if t.self_referral else "no",
        "referral_from": t.referral_from, "capacity": t.capacity, "waiting_days": t.waiting_days,
        "unit_cost": t.unit_cost, "status": "active", **t.extra,
    }


def _services(rec: Records, today: dt.date) -> None:
    for p, (code, place) in PLACES.items():
        for t in PLACE_SERVICES:
            if (p, t.key) in LEFT_OUT:
                continue
            rec["services"].append(_service_row(t, f"{p.lower()}-{t.key}", f"{place} {t.name}",
                                                [code]))
    for t in ICB_SERVICES:
        rec["services"].append(_service_row(t, f"icb-{t.key}", t.name, [ICB]))
    # Planted: three employment services for the same cohort in Brindlemouth, three payers.
    dup = Template("", "", "employment", "", "", "work", "care", "specialist", 0, 0, 0,
                   severity="common", benefits="esa; uc", self_referral=True)
    for sid, name, provider, cap, cost, wait in (
        ("b-workwell", "WorkWell Into Employment (Brindlemouth)", "workwell", 120, 1400, 10),
        ("b-brightside", "Brightside Job Coaching", "brightside", 80, 1100, 15),
        ("b-pathways", "Brindlemouth Pathways to Work", "jobcentre", 100, 900, 8),
    ):
        row = _service_row(dup, sid, name, [PLACES["B"][0]])
        row.update(provider_id=provider, capacity=cap, unit_cost=cost, waiting_days=wait,
                   cohorts="esa-wrag-b")
        rec["services"].append(row)
    thresholds = Template("", "", "family", "thresholds", "", "family", "provision",
                          "practitioner; specialist", 25, 3200, 21, model="thresholds-mothers",
                          min_age=16)
    for p in ("B", "A"):
        rec["services"].append(_service_row(thresholds, f"{p.lower()}-mothers",
                                            f"{PLACES[p][1]} Mothers' Project", [PLACES[p][0]]))
    closed = Template("", "", "family", "council", "", "family", "care", "practitioner", 30,
                      800, 0, min_age=16)
    row = _service_row(closed, "k-family-support", "Kelderby Family Support (closed)",
                       [PLACES["K"][0]])
    row.update(status="closed", end_date=(today - dt.timedelta(days=200)).isoformat())
    rec["services"].append(row)
    planned = Template("", "", "peer", "peer-network", "", "family", "societal", "peer", 20, 600,
                       0, min_age=16, max_age=25, self_referral=True)
    row = _service_row(planned, "k-young-parents-peer", "Kelderby Young Parents' Peer Group",
                       [PLACES["K"][0]])
    row.update(status="planned", description="Planned; not yet funded")
    rec["services"].append(row)


# Fictional contact details. Phone numbers are in the ranges Ofcom keeps for drama (no one
# answers them); addresses use the made-up postcode area NV; web and email are example.org.
PLACE_CONTACT = {  # place -> town, dialling prefix, postcode district, latitude, longitude
    "B": ("Brindlemouth", "01632 960", "NV1", 54.571, -1.234),
    "A": ("Ashcombe", "0113 496 0", "NV4", 54.512, -1.418),
    "K": ("Kelderby", "020 7946 0", "NV7", 54.634, -1.552),
}
STREETS = ("Market Street", "Mill Lane", "Station Road", "Quay Street", "Church Walk",
           "Victoria Road", "Harbour Way", "Bridge Street")
HOURS = {  # by kind of service: the usual week, and a note
    "peer": ("Tue,Thu 18:00-20:00; Sat 10:00-12:00", "Groups meet in the community room"),
    "community": ("Mon-Fri 10:00-16:00; Sat 10:00-13:00", None),
    "advice": ("Mon-Fri 09:30-16:30", "Drop-in Tuesday and Thursday mornings"),
}
NHS_HOURS = ("Mon-Fri 09:00-17:00", "Closed on bank holidays; out of hours call NHS 111")
LANGUAGES = ("English", "English; Polish", "English; Urdu; Punjabi", "English; BSL")
DROP_IN_KINDS = ("advice", "community", "peer", "befriending", "digital")


def _contacts(rec: Records) -> None:
    """Every service gets realistic fictional details, made from its position alone (no
    random draws, so the rest of the area comes out as before)."""
    providers = {r["id"]: r["name"] for r in rec["providers"]}
    for i, s in enumerate(rec["services"]):
        place = s["id"].split("-", 1)[0].upper()
        town, prefix, district, lat, lon = PLACE_CONTACT.get(place, PLACE_CONTACT["B"])
        slug = s["id"]
        site = (f"{10 + i * 3} {STREETS[i % len(STREETS)]}, {town}, "
                f"{district} {1 + i % 9}{'ABDEFGHJLNPQRSTUWXYZ'[i % 20]}"
                f"{'ABDEFGHJLNPQRSTUWXYZ'[(i * 7) % 20]} @ {lat + (i % 7) * 0.003:.3f},"
                f"{lon - (i % 5) * 0.004:.3f}")
        hours, note = HOURS.get(s["kind"], NHS_HOURS)
        web = f"https://example.org/northvale/{slug}"
        if s["self_referral"] == "yes":
            ways = ["self_referral_phone", f"self_referral_online: {web}/refer"]
            if s["kind"] in DROP_IN_KINDS:
                ways.append("drop_in")
        else:
            ways = [f"professional_referral_form: {web}/referral-form",
                    f"professional_referral_email: referrals.{slug}@example.org"]
        if s["id"].startswith("icb-"):
            phone = f"0808 157 0{100 + i:03d}"  # the freephone drama range, ICB-wide lines
        elif s["kind"] == "peer":
            phone = f"07700 900{100 + i:03d}"
        else:
            phone = f"{prefix}{100 + i:03d}"
        s.update(phone=phone, email=f"{slug}@example.org", website=web, sites=site,
                 opening_hours=hours, hours_note=note, referral_methods="; ".join(ways),
                 languages=LANGUAGES[i % len(LANGUAGES)],
                 accessibility="Step-free access; hearing loop; quiet room on request",
                 free_to_client="yes",
                 update_contact=f"{providers.get(s['provider_id'], 'The provider')} "
                                f"directory team, directory@example.org")


# Days before `as_of` each service's details were last checked, by position: most within the
# last five months, every seventh one 8 to 16 months ago (stale at the default 6), and every
# nineteenth never checked.
def _verified(rec: Records, today: dt.date) -> None:
    for i, s in enumerate(rec["services"]):
        if i % 19 == 18:
            continue
        days = 240 + (i * 37) % 240 if i % 7 == 3 else 3 + (i * 11) % 150
        s["last_verified"] = (today - dt.timedelta(days=days)).isoformat()


def place_routes(x: str) -> list[tuple[str, str, str]]:
    """The referral routes inside one place (service ids prefixed `x`), with their notes."""
    return [
        (f"{x}-gphub", f"{x}-cmht", "GP referral to secondary care"),
        (f"{x}-cmht", f"{x}-ips", "IPS is embedded in the CMHT"),
        (f"{x}-cmht", f"{x}-tenancy", ""),
        (f"{x}-gphub", f"{x}-debt", "social prescribing to money advice"),
        (f"{x}-cmht", "icb-ward", "admission"),
        (f"{x}-cmht", "icb-victoria", ""),
        (f"{x}-cmht", "icb-breathing", ""),
        (f"{x}-housingopt", "icb-hf", ""),
        (f"{x}-gphub", f"{x}-befriend", ""),
        (f"{x}-liaison", "icb-resettle", ""),
    ]


def _routes(rec: Records) -> None:
    routes: list[tuple[str, str, str]] = []
    for p in PLACES:
        routes += place_routes(p.lower())
    routes += [
        ("icb-ward", "icb-dischargelink", "step-down pathway"),
        ("icb-dischargelink", "icb-stepdown", "step-down pathway"),
        ("icb-stepdown", "icb-hf", "step-down pathway: move on to a tenancy"),
        ("icb-stepdown", "b-tenancy", "step-down pathway: move on to a tenancy"),
        ("icb-hf", "b-cmht", ""),  # a cycle: CMHT -> ward -> ... -> HF -> CMHT
        ("b-gphub", "b-workwell", ""), ("b-gphub", "b-brightside", ""),
    ]
    for a, b, note in routes:
        rec["referral_routes"].append({"from_service_id": a, "to_service_id": b,
                                       "note": note or None})


def _contracts(rec: Records, today: dt.date, rng: random.Random) -> None:
    start = dt.date(today.year - 2, 4, 1)
    n = 0
    for s in rec["services"]:
        if s["status"] != "active":
            continue
        sid = s["id"]
        place = sid.split("-")[0].upper() if sid[0] in "bak" and sid[1] == "-" else None
        key = _service_template_commissioner(sid)
        comm = _commissioner_for(key, place if place in PLACES else None)
        # Planted: three different payers for the Brindlemouth employment services.
        comm = {"b-workwell": "dwp", "b-brightside": "la-b", "b-pathways": "lottery"}.get(sid, comm)
        end = dt.date(today.year + 1 + n % 2, 3, 31)
        # Planted: Ashcombe's only money advice for common problems ends within 3 months.
        if sid == "a-debt":
            end = today + dt.timedelta(days=60)
        # Planted: the Clubhouse's contract ends within 3 months, and its renewal is already
        # recorded (starting the next day), so it is not ending.
        if sid == "icb-clubhouse":
            end = today + dt.timedelta(days=90)
        n += 1
        value = int(s["capacity"]) * int(s["unit_cost"])
        rec["contracts"].append({
            "id": f"ct-{n:03d}", "commissioner_id": comm, "service_id": sid,
            "annual_value": value, "start_date": start.isoformat(),
            "end_date": end.isoformat(), "capacity": s["capacity"],
        })
    club = next(k for k in rec["contracts"] if k["service_id"] == "icb-clubhouse")
    renew_from = dt.date.fromisoformat(club["end_date"]) + dt.timedelta(days=1)
    rec["contracts"].append({
        "id": "ct-clubhouse-renewal", "commissioner_id": club["commissioner_id"],
        "service_id": "icb-clubhouse", "annual_value": club["annual_value"],
        "start_date": renew_from.isoformat(),
        "end_date": dt.date(renew_from.year + 3, 3, 31).isoformat(),
        "capacity": club["capacity"]})
    # Housing First is co-funded by a national programme: two payers, one service.
    rec["contracts"].append({
        "id": "ct-hf-national", "commissioner_id": "mhclg", "service_id": "icb-hf",
        "annual_value": 180000, "start_date": start.isoformat(),
        "end_date": dt.date(today.year + 2, 3, 31).isoformat(), "capacity": 15})


def _service_template_commissioner(sid: str) -> str:
    key = sid.split("-", 1)[1]
    for t in PLACE_SERVICES + ICB_SERVICES:
        if t.key == key:
            return t.commissioner
    return {"mothers": "icb", "workwell": "dwp"}.get(key, "icb")


def _people_and_journeys(rec: Records, rng: random.Random, today: dt.date, n_people: int,
                         events_target: int) -> None:
    """People drawn from the cohorts; journeys through services that would take them."""
    from ecosystem.demo.journeys import journeys

    journeys(rec, rng, today, n_people, events_target)
