"""Every code list and its human label, defined once: the framework every service, cohort
and need is described with, and the codes an import file may use.

Life domains, sources and types of support follow Appleton et al. (2023), SSM Mental Health
(seed 001); the IPS and Housing First principles follow Centre for Mental Health briefing 61
(2023, seed 000). Codes are stable: import files, stored data and analyses refer to them, and
the order of each mapping is the order lists are shown in (and, for event types, the order
events of one day are sorted in, stored as `seq`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    description: str = ""


DOMAINS: tuple[Term, ...] = (
    Term("housing", "Housing and homelessness", "Tenancy instability, housing quality"),
    Term("money", "Money and basic needs",
         "Poverty, income, food, fuel and transport, debt, money management"),
    Term("work", "Work and education",
         "Precarious work, education, voluntary or supported work, return from sick leave"),
    Term("connectedness", "Social isolation and connectedness",
         "Loneliness, social network, social capital"),
    Term("family", "Family, intimate and caring relationships",
         "Partner, parenting and contact with children, family, caring roles"),
    Term("victimisation", "Victimisation and exploitation",
         "Crime, sexual assault, domestic abuse and coercive control, exploitation, safeguarding"),
    Term("offending", "Offending", "Prevention and diversion, leaving prison, reoffending"),
    Term("citizenship", "Rights, inclusion and citizenship",
         "Participation (including digital), access to public services and benefits, "
         "immigration status, privacy and dignity"),
)

SOURCES: tuple[Term, ...] = (
    Term("practitioner", "Mental health and social care practitioners",
         "Generalist staff in NHS, council or voluntary teams"),
    Term("specialist", "Domain specialists",
         "For example an employment specialist or money adviser, embedded or external"),
    Term("peer", "Peer workers", "Paid roles drawing on lived experience"),
    Term("structural", "Structural support",
         "Legislation or government action, such as a court order or a debt moratorium"),
    Term("community", "Citizens and the community",
         "Trained volunteers, hosts, employers, organisations outside health and care"),
)

SUPPORT_TYPES: tuple[Term, ...] = (
    Term("information", "Information and signposting", "Including referral on"),
    Term("care", "Care and assistance, or building new skills and strategies"),
    Term("provision", "Direct provision of money, material resources or opportunities"),
    Term("rights", "Increased rights or entitlements"),
    Term("societal", "Societal support", "Practical or emotional support outside formal agencies"),
)

# Best first: the rank options are sorted by (a service with no model of support comes after).
EVIDENCE = {"strong": "strong evidence", "moderate": "moderate evidence",
            "emerging": "emerging evidence", "untested": "not yet tested"}
EVIDENCE_LEVELS = tuple(EVIDENCE)
EVIDENCE_RANK = {e: i for i, e in enumerate(EVIDENCE_LEVELS)}
NO_MODEL_RANK = len(EVIDENCE_LEVELS)


@dataclass(frozen=True)
class SupportModel:
    id: str
    name: str
    domains: tuple[str, ...]
    sources: tuple[str, ...]
    types: tuple[str, ...]
    evidence: str
    description: str
    principles: tuple[str, ...] = field(default=())


MODELS: tuple[SupportModel, ...] = (
    SupportModel(
        "ips", "Individual Placement and Support", ("work",), ("specialist", "practitioner"),
        ("care", "provision"), "strong",
        "Employment specialists in clinical teams help people find and keep open paid work.",
        (
            "Aims for competitive, open-market paid work",
            "Open to anyone who wants to work (eligibility by choice)",
            "Integrated with clinical mental health teams",
            "Jobs match the person's preferences",
            "Personalised welfare benefits advice",
            "Rapid job search",
            "Employer engagement by the employment specialist",
            "Time-unlimited support once in work",
        ),
    ),
    SupportModel(
        "housing-first", "Housing First", ("housing",), ("practitioner",), ("care", "provision"),
        "strong",
        "A home first, with flexible wraparound support for as long as it is needed.",
        (
            "People have a right to a home",
            "Flexible support is provided for as long as it is needed",
            "Housing and support are separated",
            "Individuals have choice and control",
            "An active engagement approach is used",
            "The service is based on people's strengths, goals and aspirations",
            "A harm reduction approach is used",
        ),
    ),
    SupportModel(
        "breathing-space", "Mental Health Breathing Space", ("money",),
        ("structural", "specialist"), ("information", "care", "rights"), "emerging",
        "A legal pause on creditor action while a person receives mental health crisis care, "
        "with debt advice.",
    ),
    SupportModel(
        "social-firm", "Social firms", ("work",), ("community", "structural"),
        ("provision", "societal"), "emerging",
        "Businesses that employ people with mental health difficulties on equal terms.",
    ),
    SupportModel(
        "social-prescribing", "Mental health social prescribing", ("connectedness",),
        ("specialist", "peer"), ("information", "societal"), "emerging",
        "Link workers connect people to community groups and befriending.",
    ),
    SupportModel(
        "thresholds-mothers", "Thresholds Mothers' Project", ("family",),
        ("practitioner", "specialist"), ("information", "provision"), "emerging",
        "Support for mothers with serious mental illness to parent and keep contact with "
        "their children.",
    ),
    SupportModel(
        "victoria-intervention", "Victoria Intervention", ("victimisation",),
        ("practitioner", "specialist", "peer"), ("information", "care", "societal"), "emerging",
        "Support for people with serious mental illness who have experienced violence.",
    ),
    SupportModel(
        "mh-court", "Mental health courts", ("offending",), ("structural",),
        ("information", "rights"), "moderate",
        "Courts that divert people with mental health difficulties into treatment and support.",
    ),
    SupportModel(
        "clubhouse", "Clubhouses", ("citizenship", "work", "connectedness"), ("practitioner",),
        ("care", "provision", "societal"), "moderate",
        "Member-run communities offering work-ordered days, transitional employment and "
        "social connection.",
    ),
    SupportModel(
        "connecting-people", "Connecting People", ("connectedness",),
        ("practitioner", "community"), ("information", "societal"), "emerging",
        "Workers and clients build social networks together through community connections.",
    ),
    SupportModel(
        "welfare-advice", "Welfare rights advice", ("money", "citizenship"), ("specialist",),
        ("information", "rights"), "moderate",
        "Specialist advice to claim benefits and challenge decisions.",
    ),
    SupportModel(
        "peer-support", "Peer support", ("connectedness",), ("peer",), ("care", "societal"),
        "moderate",
        "Paid peer workers with lived experience offer support and hope.",
    ),
)

DOMAIN_IDS = tuple(d.id for d in DOMAINS)
SOURCE_IDS = tuple(s.id for s in SOURCES)
TYPE_IDS = tuple(t.id for t in SUPPORT_TYPES)
MODEL_IDS = tuple(m.id for m in MODELS)
DOMAIN_NAMES = {d.id: d.name for d in DOMAINS}
SOURCE_NAMES = {s.id: s.name for s in SOURCES}
TYPE_NAMES = {t.id: t.name for t in SUPPORT_TYPES}
MODEL_NAMES = {m.id: m.name for m in MODELS}

# Widest first: area lists are in this order (the CASE in cypher/choices/areas.cypher and
# cypher/keyworker/areas.cypher follows it; tests/test_vocabulary.py checks).
AREA_LEVELS = {"icb": "Integrated care board", "place": "Place",
               "local_authority": "Local authority", "neighbourhood": "Neighbourhood"}
SECTORS = {"nhs": "NHS", "local_authority": "Local authority",
           "vcse": "Voluntary, community or social enterprise", "private": "Private",
           "dwp": "Department for Work and Pensions", "other_public": "Other public body"}
COMMISSIONER_KINDS = {
    "icb": "Integrated care board", "local_authority": "Local authority",
    "dwp": "Department for Work and Pensions", "nhs_england": "NHS England",
    "charity": "Charity or trust", "police_crime_commissioner": "Police and crime commissioner",
    "other": "Other",
}
SERVICE_STATUSES = {"active": "Active", "planned": "Planned", "suspended": "Suspended",
                    "closed": "Closed"}
# The kinds of service the demo and the shipped imports use; a kind not here reads as its
# code in words ("housing-support" -> "housing support").
SERVICE_KINDS = {
    "cmht": "Community mental health team", "gp": "GP and primary care",
    "employment": "Employment support", "advice": "Advice",
    "housing-support": "Housing support", "housing-advice": "Housing advice",
    "supported-housing": "Supported housing", "community": "Community group or activity",
    "peer": "Peer support", "family": "Family and carers support",
    "safety": "Safety and abuse support", "education": "Education and learning",
    "justice": "Criminal justice support", "grant": "Grant or fund",
    "ward": "Hospital ward",
}
SEVERITIES = {"any": "Not known", "common": "Common mental health difficulties",
              "severe": "Severe mental illness"}
BENEFIT_LABELS = {
    "uc": "Universal Credit", "esa": "Employment and Support Allowance (ESA)",
    "pip": "Personal Independence Payment (PIP)", "jsa": "Jobseeker's Allowance (JSA)",
    "pension": "State Pension", "none": "No benefits",
}
HOUSING_LABELS = {
    "homeless": "Homeless", "temporary": "Temporary accommodation",
    "supported": "Supported housing", "social_tenant": "Social housing tenant",
    "private_tenant": "Private tenant", "owner": "Owns their home",
    "with_family": "Lives with family", "inpatient": "In hospital (inpatient)",
    "prison": "In prison",
}
# Why a key worker found no suitable option for a need (an unmet need they record).
UNMET_REASONS = {
    "none_eligible": "No service the client is eligible for",
    "all_full": "Every suitable service is full",
    "wait_too_long": "The wait is too long",
    "too_far": "Too far for the client to get to",
    "not_accessible": "Not accessible to the client",
    "declined_only_option": "The client declined the only option",
}
# Who a service for a housing situation is for, as words after "Only for people ...".
HOUSING_WHO = {
    "homeless": "who are homeless", "temporary": "in temporary accommodation",
    "supported": "in supported housing", "social_tenant": "in social housing",
    "private_tenant": "who rent privately", "owner": "who own their home",
    "with_family": "who live with family", "inpatient": "in hospital now",
    "prison": "in prison now",
}
# Who to ask for a referral, by the kind of service that makes it ("ask ... : IPS takes
# referrals from them"); other kinds read as "a" and their label.
REFERRER_WORDS = {
    "cmht": "the client's community mental health team (CMHT)", "gp": "the client's GP",
    "ward": "the hospital ward", "justice": "the client's probation or justice worker",
}
# Each band's ages, inclusive. 65+ ends at 120, the oldest age eligibility knows (MAX_AGE).
MIN_AGE, MAX_AGE = 16, 120
AGE_RANGES = {"16-17": (16, 17), "18-24": (18, 24), "25-34": (25, 34), "35-44": (35, 44),
              "45-54": (45, 54), "55-64": (55, 64), "65+": (65, MAX_AGE)}
AGE_BAND_LABELS = {b: (f"{lo} to {hi}" if b[-1] != "+" else f"{lo} and over")
                   for b, (lo, hi) in AGE_RANGES.items()}
# The order is the order of one day's events (stored as `seq`): never reorder, only append.
EVENT_TYPE_LABELS = {
    "referral": "Referred", "waitlist": "Put on the waiting list", "start": "Started",
    "decline": "Declined", "not_eligible": "Found not eligible", "discharge": "Discharged",
    "outcome": "Outcome recorded", "admission": "Admitted",
}
OUTCOME_LABELS = {
    "tenancy": "Tenancy", "job": "Job", "education": "Education", "volunteering": "Volunteering",
    "debt_resolved": "Debt resolved", "benefits_awarded": "Benefits awarded",
    "reconnected": "Reconnected", "safe": "Safe", "no_reoffending": "No reoffending",
    "discharged_home": "Discharged home", "disengaged": "Disengaged", "other": "Other",
}
# How to get into a service (a service's `referral_methods`), each with what its link is.
REFERRAL_METHOD_LABELS = {
    "self_referral_phone": "Self-referral by phone",
    "self_referral_online": "Self-referral online",
    "self_referral_email": "Self-referral by email",
    "drop_in": "Drop in",
    "professional_referral_form": "Professional referral by form",
    "professional_referral_email": "Professional referral by email",
    "professional_referral_phone": "Professional referral by phone",
}
# What the link after a method must be: a web address, an email address, a phone number or
# (drop-in) the place, as text.
REFERRAL_METHOD_LINKS = {
    "self_referral_phone": "phone", "self_referral_online": "url", "self_referral_email": "email",
    "drop_in": "text", "professional_referral_form": "url",
    "professional_referral_email": "email", "professional_referral_phone": "phone",
}
# The kinds of record the map holds (directory pages, search hits, the map's legend).
RECORD_KINDS = {
    "service": "Service", "provider": "Provider", "commissioner": "Commissioner",
    "cohort": "Cohort", "area": "Area", "domain": "Life domain",
    "source": "Source of support", "support_type": "Type of support", "model": "Model of support",
}

# The codes an import file may use, as the importer's schema checks them.
BENEFIT_STATUSES = tuple(BENEFIT_LABELS)
HOUSING_STATUSES = tuple(HOUSING_LABELS)
AGE_BANDS = tuple(AGE_RANGES)
EVENT_TYPES = tuple(EVENT_TYPE_LABELS)
OUTCOMES = tuple(OUTCOME_LABELS)
REFERRAL_METHODS = tuple(REFERRAL_METHOD_LABELS)

# Every list by the name `label()` and `codes()` know it by.
LISTS: Mapping[str, Mapping[str, str]] = {
    "domain": DOMAIN_NAMES, "source": SOURCE_NAMES, "type": TYPE_NAMES, "model": MODEL_NAMES,
    "area_level": AREA_LEVELS, "sector": SECTORS, "commissioner_kind": COMMISSIONER_KINDS,
    "service_status": SERVICE_STATUSES, "severity": SEVERITIES, "benefit": BENEFIT_LABELS,
    "housing": HOUSING_LABELS, "age_band": AGE_BAND_LABELS, "event_type": EVENT_TYPE_LABELS,
    "outcome": OUTCOME_LABELS, "evidence": EVIDENCE, "record_kind": RECORD_KINDS,
    "service_kind": SERVICE_KINDS,
    "referral_method": REFERRAL_METHOD_LABELS, "unmet_reason": UNMET_REASONS,
}

# Words people type -> words the map uses, so "homeless" finds housing services. Each word
# on the left also matches words it starts ("homeless" matches "homelessness").
SEARCH_SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "homeless": ("housing", "homelessness", "tenancy", "accommodation"),
    "homelessness": ("housing", "tenancy", "accommodation"),
    "rough": ("homeless", "housing"),
    "eviction": ("housing", "tenancy"),
    "house": ("housing", "tenancy"),
    "home": ("housing", "tenancy"),
    "benefits": ("money", "welfare", "debt", "hardship"),
    "benefit": ("money", "welfare", "debt", "hardship"),
    "debt": ("money", "welfare", "hardship", "breathing"),
    "debts": ("debt", "money", "welfare", "breathing"),
    "money": ("debt", "welfare", "hardship"),
    "poverty": ("money", "hardship", "welfare"),
    "food": ("money", "hardship"),
    "job": ("employment", "ips", "work", "jobs", "pathways"),
    "jobs": ("employment", "ips", "work", "pathways"),
    "work": ("employment", "ips", "job"),
    "employment": ("ips", "work", "job"),
    "lonely": ("connectedness", "befriending", "isolation", "peer"),
    "loneliness": ("connectedness", "befriending", "isolation", "peer"),
    "abuse": ("victimisation", "domestic", "safe"),
    "prison": ("offending", "resettlement", "offender"),
    "carer": ("carers", "family"),
    "volunteer": ("volunteering",),
    "college": ("education",),
}


def label(kind: str, code: str | None, default: str | None = None) -> str:
    """The human label of `code` in list `kind` (e.g. `label("benefit", "uc")`); an unknown
    code reads as itself (or `default`), as data may hold codes from before a list changed.
    An unknown list is a programming error (KeyError)."""
    if code is None:
        return default or ""
    return LISTS[kind].get(code, code if default is None else default)


def codes(kind: str) -> tuple[str, ...]:
    return tuple(LISTS[kind])


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, label) pairs in order, for a form's options."""
    return list(LISTS[kind].items())


def as_rows() -> dict[str, list[dict[str, object]]]:
    """Reference data as parameter rows for `reference/load`."""
    def terms(ts: tuple[Term, ...]) -> list[dict[str, object]]:
        return [{"id": t.id, "name": t.name, "description": t.description, "order": i + 1}
                for i, t in enumerate(ts)]

    return {
        "domains": terms(DOMAINS),
        "sources": terms(SOURCES),
        "types": terms(SUPPORT_TYPES),
        "models": [
            {"id": m.id, "name": m.name, "evidence": m.evidence, "description": m.description,
             "domains": list(m.domains), "sources": list(m.sources), "types": list(m.types),
             "principles": [{"order": i + 1, "text": p} for i, p in enumerate(m.principles)]}
            for m in MODELS
        ],
    }
