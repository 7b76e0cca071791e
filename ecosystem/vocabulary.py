"""Reference data: the framework every service, cohort and need is described with.

Life domains, sources and types of support follow Appleton et al. (2023), SSM Mental Health
(seed 001); the IPS and Housing First principles follow Centre for Mental Health briefing 61
(2023, seed 000). Ids are stable: import files and analyses refer to them.
"""

from __future__ import annotations

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

EVIDENCE_LEVELS = ("strong", "moderate", "emerging", "untested")


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
