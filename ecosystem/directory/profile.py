"""A service's page laid out as an NHS.UK service profile: what it does and who it is for;
how to get in (the wait and places with it); who can use it, in sentences; who provides it,
who pays and the model it follows. Empty fields are left out, numbers carry their units.

Takes the service's properties (contact and freshness fields already removed) and its
relations, so it need not know the page's dataclasses (`pages.EntityDetail.profile`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ecosystem.directory import wording
from ecosystem.directory.wording import Fact

# Property keys each section shows, in order; `min_age`/`max_age` read together as "Ages".
ABOUT_KEYS = ("description", "kind", "clinical")
ACCESS_KEYS = ("self_referral", "referral_from", "waiting_days", "capacity")
ELIGIBILITY_KEYS = ("ages", "severity", "benefit_status", "housing_status", "conditions",
                    "in_work", "offending_history", "other_criteria")
PROVISION_KEYS = ("unit_cost", "model_fidelity", "status", "end_date")
# Relations shown inside a section rather than as a list of their own.
ABOUT_RELATIONS = ("domain", "cohort", "source", "support_type")
PROVISION_RELATIONS = ("provided_by", "funded_by", "model")


@dataclass(frozen=True)
class ServiceProfile:
    about: list[Fact]
    about_relations: list[Any]  # pages.Relation
    access: list[Fact]
    eligibility: list[str]  # plain sentences
    provision: list[Fact]
    provision_relations: list[Any]
    other: list[Fact]  # anything else stored, in words
    other_relations: list[Any]

    @property
    def open_to_all(self) -> bool:
        return not self.eligibility


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _eligibility_sentence(key: str, text: str) -> str:
    """One eligibility fact as a sentence: "Aged 18 and over.", "People receiving ESA."."""
    if key == "ages":
        return _sentence(f"Aged {text}")
    if key == "conditions":
        return _sentence(f"For people with {text}")
    if key == "other_criteria":
        return _sentence(text[:1].upper() + text[1:])
    return _sentence(text)


def service_profile(properties: Mapping[str, Any], relations: Sequence[Any]) -> ServiceProfile:
    """The service's facts grouped into the profile's sections (each in a stable order)."""
    facts = dict(wording.keyed_facts("service", properties))

    def take(keys: Sequence[str]) -> list[Fact]:
        return [facts.pop(k) for k in keys if k in facts]

    about = take(ABOUT_KEYS)
    access = take(ACCESS_KEYS)
    eligibility = [_eligibility_sentence(k, facts.pop(k).text) for k in ELIGIBILITY_KEYS
                   if k in facts]
    provision = take(PROVISION_KEYS)
    rels = {r.rel: r for r in relations}
    return ServiceProfile(
        about, [rels[r] for r in ABOUT_RELATIONS if r in rels], access, eligibility, provision,
        [rels[r] for r in PROVISION_RELATIONS if r in rels], list(facts.values()),
        [r for r in relations if r.rel not in ABOUT_RELATIONS + PROVISION_RELATIONS])
