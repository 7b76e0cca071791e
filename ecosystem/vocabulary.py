"""Every code list and its human label, defined once: the framework every service, cohort
and need is described with, and the codes an import file may use.

Life domains, sources and types of support follow Appleton et al. (2023), SSM Mental Health
(seed 001); the IPS and Housing First principles follow Centre for Mental Health briefing 61
(2023, seed 000). Codes are stable: import files, stored data and analyses refer to them, and
the order of each mapping is the order lists are shown in (and, for event types, the order
events of one day are sorted in, stored as `seq`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache


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
# The statuses the public ORUK API publishes: live services (suspended ones as "temporarily
# closed"); planned and closed ones are not published.
PUBLISHED_SERVICE_STATUSES = ("active", "suspended")
# Our own taxonomies in ORUK output, with the description they are published with.
ORUK_TAXONOMIES = {
    "ecosystem-life-domain": "Life domains of social support for people with mental health "
                             "difficulties (Appleton et al. 2023)",
    "ecosystem-support-type": "Types of social support (Appleton et al. 2023)",
    "ecosystem-support-source": "Sources of social support (Appleton et al. 2023)",
}
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
    "discharged_home": "Discharged home", "family_support": "Family support in place",
    "rights_upheld": "Rights upheld", "disengaged": "Disengaged", "other": "Other",
}
# What each outcome is an outcome of (the templates' guide lists them by domain): the life
# domain it shows progress in; disengaged and other belong to none.
OUTCOME_DOMAINS = {
    "tenancy": "housing", "job": "work", "education": "work", "volunteering": "work",
    "debt_resolved": "money", "benefits_awarded": "citizenship", "reconnected": "connectedness",
    "family_support": "family", "safe": "victimisation", "no_reoffending": "offending",
    "discharged_home": "housing", "rights_upheld": "citizenship",
}
# Outcome codes that are not a result reached (the outcomes analysis leaves them out).
OUTCOMES_NOT_REACHED = ("disengaged",)
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

# What each audit log action means, for the audit page (the code stays in its CSV). An
# action not listed reads as its code.
AUDIT_ACTIONS = {
    "sign_in": "Signed in", "sign_in.failed": "Sign-in failed",
    "sign_in.throttled": "Sign-in refused: too many attempts", "sign_out": "Signed out",
    "password.change_failed": "Password change refused: wrong current password",
    "two_factor.enable": "Second factor set up", "two_factor.disable": "Second factor removed",
    "two_factor.disable_failed": "Second factor removal refused",
    "user.create": "Added a user", "user.disable": "Disabled a user",
    "user.enable": "Enabled a user", "user.set_role": "Changed a user's role",
    "user.set_password": "Set a user's password", "user.set_email": "Changed an email address",
    "user.set_providers": "Changed a provider editor's providers",
    "import": "Imported data", "export": "Downloaded a full backup",
    "restore": "Restored a backup", "restore.failed": "Restore failed",
    "people.clear": "Deleted every person and journey",
    "retention.apply": "Deleted old journey events",
    "person.view": "Opened a person's page",
    "person.view.failed": "Opened a person who does not exist",
    "person.list": "Opened a caseload", "person.export": "Downloaded a person's plan",
    "person.export.failed": "Download of a person's plan failed",
    "person.denied": "Refused a person's page", "audit.view": "Opened the audit log",
    "audit.export": "Downloaded the audit log",
    "setting.public_finder": "Switched the public find-support page",
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
    "referral_method": REFERRAL_METHOD_LABELS, "audit_action": AUDIT_ACTIONS,
    "unmet_reason": UNMET_REASONS,
}

# Fixed answers of some import columns, for the workbooks' drop-down lists (not lists that
# `label()` reads: the schema spells these out).
IMPORT_ANSWERS: Mapping[str, Mapping[str, str]] = {
    "yes_no": {"yes": "Yes", "no": "No"},
    "service_in_work": {"any": "In work or not", "yes": "Only people in work",
                        "no": "Only people not in work"},
    "service_offending": {"any": "With or without an offending history",
                          "required": "Only people with an offending history",
                          "excluded": "Not people with an offending history"},
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


# For classifications suggested from a feed service's own words (ecosystem/oruk/suggest.py):
# life domain -> keywords (regular expressions, matched at word starts).
SUGGEST_DOMAIN_WORDS: Mapping[str, tuple[str, ...]] = {
    "housing": ("housing", "homeless", "tenanc", "tenant", "accommodation", "rough sleep",
                "evict", "landlord", "hostel", "supported living", "rent arrears", "home ?less"),
    "money": ("debt", "money", "benefits?", "welfare", "financ", "budget", "food ?bank",
              "food parcel", "fuel", "hardship", "poverty", "universal credit", "grants?",
              "income"),
    "work": ("employ", "jobs?", "careers?", "vocational", "training", "education", "college",
             "learning", "skills", "apprentice", "cv", "interview", "return to work",
             "back to work", "individual placement"),
    "connectedness": ("lonel", "isolat", "befriend", "social groups?", "peer support",
                      "community groups?", "friendship", "social prescrib", "coffee morning",
                      "lunch club", "social club", "meet (new )?people", "social activit"),
    "family": ("carers?", "caring for", "parent", "famil", "child contact", "relationship",
               "young carers"),
    "victimisation": ("domestic abuse", "domestic violence", "abuse", "sexual violence",
                      "sexual assault", "exploitation", "victims?", "safeguard", "coercive",
                      "stalking", "traffick"),
    "offending": ("offend", "prison", "probation", "criminal justice", "custody",
                  "resettlement", "ex-?offender"),
    "citizenship": ("advocacy", "advocate", "immigration", "asylum", "refugee", "legal advice",
                    "digital inclusion", "digital skills", "discrimination", "citizen",
                    "human rights"),
}
# Type of support -> keywords. WEAK ones count only when no other type matched.
SUGGEST_TYPE_WORDS: Mapping[str, tuple[str, ...]] = {
    "information": ("advice", "information", "signpost", "helpline", "guidance", "drop-?in",
                    "enquir", "directory"),
    "care": ("sustainment", "coaching", "mentor", "counselling", "key ?work", "case ?work",
             "therapy", "courses?", "training", "skills", "recovery", "support work",
             "floating support", "outreach", "one[- ]to[- ]one"),
    "provision": ("food ?bank", "food parcel", "grants?", "hostel", "supported accommodation",
                  "supported housing", "placement", "emergency accommodation", "furniture",
                  "vouchers?", "meals?"),
    "rights": ("advocacy", "advocate", "legal", "appeals?", "tribunal", "representation",
               "entitlement", "debt relief", "breathing space"),
    "societal": ("befriend", "peer", "groups?", "social club", "volunteer", "community",
                 "lunch club", "coffee morning", "friendship", "caf[eé]"),
}


def label(kind: str, code: str | None, default: str | None = None) -> str:
    """The human label of `code` in list `kind` (e.g. `label("benefit", "uc")`); an unknown
    code reads as itself (or `default`), as data may hold codes from before a list changed.
    An unknown list is a programming error (KeyError)."""
    if code is None:
        return default or ""
    return LISTS[kind].get(code, code if default is None else default)


def _key(text: str) -> str:
    """Text as people write a code or a label, reduced to what tells one from another: any
    case, spaces, -, _, en or em dashes, "&" for "and", curly apostrophes."""
    text = text.strip().lower().replace("\u2019", "'").replace("&", " and ")
    return " ".join(re.split(r"[\s_\-\u2010-\u2015\u2212/]+", text)).strip(" .")


@cache
def _index(kind: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for code, name in LISTS[kind].items():
        # A label's bracketed abbreviation is optional: "Employment and Support Allowance".
        for text in (name, re.sub(r"\s*\([^)]*\)", "", name), code):
            index.setdefault(_key(text), code)
    return index


def code_for(kind: str, text: str) -> str | None:
    """The code in list `kind` that `text` names, as its code or its label, in any case and
    spacing ("Rights, inclusion and citizenship" and "CITIZENSHIP" are both `citizenship`);
    None when it names none."""
    return _index(kind).get(_key(text))


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

# --- Editing in the browser (ecosystem/editing/) ---------------------------------------------
# The catalogue tables an entry can be edited in, as one entry of each is called.
ENTRY_KINDS = {
    "services": "service", "providers": "provider", "commissioners": "commissioner",
    "cohorts": "cohort", "contracts": "contract", "referral_routes": "referral route",
}
# Each import column as an edit form and a history page label it, in plain English.
FIELD_LABELS: Mapping[str, str] = {
    "id": "Identifier", "name": "Name", "provider_id": "Provider", "kind": "Kind of service",
    "description": "Description", "areas": "Areas served", "domains": "Life domains",
    "sources": "Sources of support", "types": "Types of support",
    "model_id": "Model of support followed", "model_fidelity": "Fidelity to the model (0 to 1)",
    "cohorts": "Cohorts it is for", "min_age": "Youngest age", "max_age": "Oldest age",
    "severity": "Severity", "conditions": "Conditions", "benefit_status": "Benefit statuses",
    "housing_status": "Housing statuses", "in_work": "In work",
    "offending_history": "Offending history", "other_criteria": "Other criteria",
    "self_referral": "People can refer themselves", "referral_from": "Who can refer",
    "capacity": "Capacity (people at a time)", "waiting_days": "Waiting time (days)",
    "unit_cost": "Cost per person (£)", "status": "Status", "end_date": "End date",
    "url": "Feed web address", "source": "Feed it came from", "source_id": "Id in the feed",
    "in_feed": "Still in the feed", "removed_from_feed_on": "Removed from the feed on",
    "locations": "Feed locations", "cost_options": "Feed cost options",
    "funding": "Funding (as published)", "funder_ids": "Commissioners funding it",
    "taxonomy_terms": "Feed taxonomy terms", "phone": "Phone", "email": "Email",
    "website": "Website", "sites": "Sites (address and postcode)",
    "opening_hours": "Opening hours", "hours_note": "Note on opening hours",
    "referral_methods": "Ways in", "languages": "Languages",
    "accessibility": "Accessibility", "free_to_client": "Free to the client",
    "update_contact": "Who to contact to update this entry", "sector": "Sector",
    "area_id": "Area", "criteria": "Criteria", "estimated_size": "Estimated size (people)",
    "need_housing": "People needing housing support", "need_money": "People needing money support",
    "need_work": "People needing work support",
    "need_connectedness": "People needing connectedness support",
    "need_family": "People needing family support",
    "need_victimisation": "People needing support as victims",
    "need_offending": "People needing offending support",
    "need_citizenship": "People needing citizenship support",
    "types_needed": "Types of support needed (domain:type)",
    "commissioner_id": "Commissioner", "service_id": "Service",
    "annual_value": "Annual value (£)", "start_date": "Start date",
    "from_service_id": "From service", "to_service_id": "To service", "note": "Note",
    "clinical": "Clinical service", "last_verified": "Last checked",
}
# Coded columns an edit form offers as a choice: column -> the LISTS name of its codes.
# One value: a select; a list column: checkboxes.
FIELD_CHOICES: Mapping[str, str] = {
    "domains": "domain", "sources": "source", "types": "type", "model_id": "model",
    "severity": "severity", "benefit_status": "benefit", "housing_status": "housing",
    "status": "service_status", "sector": "sector",
}
