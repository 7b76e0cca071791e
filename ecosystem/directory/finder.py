"""The public "find support" page: from a person's own answers (where they live, their age,
what they want help with), the services they can refer themselves to, with how to get in
touch. The same eligibility rules as the key worker's options; it reads the public catalogue
only (no people, contracts or money), and answers that are not asked (benefits, housing...)
are unknown, so a service that depends on one says what to check.

An admin switches it on (`SWITCH`); it is off by default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecosystem.analyses import options
from ecosystem.analyses.eligibility import Profile
from ecosystem.contacts import ContactDetails
from ecosystem.db.graph import Graph
from ecosystem.vocabulary import DOMAIN_NAMES

SWITCH = "public_finder"
MIN_AGE, MAX_AGE = 16, 120


@dataclass(frozen=True)
class PublicOption:
    service_id: str
    name: str
    provider: str | None
    contact: ContactDetails
    how_to_get_in: str
    waiting_days: int | None
    check_first: bool  # it has criteria the page did not ask about


@dataclass(frozen=True)
class PublicNeed:
    domain: str
    domain_name: str
    options: tuple[PublicOption, ...]


def is_on(graph: Graph) -> bool:
    rows = graph.read("settings/get", setting=SWITCH)
    return bool(rows and rows[0]["value"])


def switch(graph: Graph, on: bool, actor: str) -> None:
    graph.write("settings/set", setting=SWITCH, value=on, actor=actor)


def find(graph: Graph, area_id: str, age: int | None, domains: tuple[str, ...],
         today: dt.date) -> tuple[PublicNeed, ...]:
    """Per life domain asked about, the services the person can refer themselves to."""
    profile = Profile(area_id=area_id, min_age=age, max_age=age, needs=domains)
    result = options.run(graph, profile, today=today)
    out = []
    for need in result.needs:
        shown = [PublicOption(o.service_id, o.name, o.provider, o.contact,
                              o.contact.self_referral_ways(), o.waiting_days, bool(o.caveats))
                 for o in need.options if o.access.how == "self-referral"]
        shown.sort(key=lambda o: o.check_first)  # those with nothing to check first
        out.append(PublicNeed(need.domain, DOMAIN_NAMES.get(need.domain, need.domain),
                              tuple(shown)))
    return tuple(out)
