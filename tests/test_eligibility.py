"""Eligibility rules (ecosystem/analyses/eligibility.py), one criterion at a time: a known
mismatch rules a service out with its reason; an unknown answer never rules one out, it
becomes a caveat for the key worker to check (docs/clinical-safety.md, H1 and H2)."""

from __future__ import annotations

from typing import Any

import pytest

from ecosystem.analyses.eligibility import Profile, check

pytestmark = pytest.mark.no_neo4j

# (service criteria, a profile that meets them, one that does not)
CRITERIA: list[tuple[dict[str, Any], Profile, Profile]] = [
    ({"min_age": 18}, Profile(min_age=30, max_age=30), Profile(min_age=16, max_age=17)),
    ({"max_age": 25}, Profile(min_age=18, max_age=24), Profile(min_age=35, max_age=44)),
    ({"severity": "severe"}, Profile(severity="severe"), Profile(severity="mild")),
    ({"benefit_status": ["esa", "uc"]}, Profile(benefit_status="esa"),
     Profile(benefit_status="none")),
    ({"benefit_status": ["pip"]}, Profile(benefits=("esa", "pip")),
     Profile(benefits=("esa", "uc"))),
    ({"housing_status": ["homeless"]}, Profile(housing_status="homeless"),
     Profile(housing_status="owner")),
    ({"conditions": ["Psychosis"]}, Profile(conditions=("psychosis",)),
     Profile(conditions=("depression",))),
    ({"in_work": "yes"}, Profile(in_work=True), Profile(in_work=False)),
    ({"in_work": "no"}, Profile(in_work=False), Profile(in_work=True)),
    ({"offending_history": "required"}, Profile(offending_history=True),
     Profile(offending_history=False)),
    ({"offending_history": "excluded"}, Profile(offending_history=False),
     Profile(offending_history=True)),
]


@pytest.mark.parametrize(("service", "fits", "does_not"), CRITERIA)
def test_a_known_mismatch_rules_the_service_out_with_a_reason(
        service: dict[str, Any], fits: Profile, does_not: Profile) -> None:
    assert check(service, fits).eligible and check(service, fits).reasons == ()
    verdict = check(service, does_not)
    assert not verdict.eligible and len(verdict.reasons) == 1


@pytest.mark.parametrize(("service", "fits", "does_not"), CRITERIA)
def test_an_unknown_answer_never_rules_a_service_out(
        service: dict[str, Any], fits: Profile, does_not: Profile) -> None:
    verdict = check(service, Profile())
    assert verdict.eligible and verdict.reasons == ()
    assert len(verdict.caveats) == 1  # the key worker is told what to check


def test_an_age_band_partly_inside_the_range_is_a_caveat_not_a_refusal() -> None:
    # 16-17 against a service for 17+: some of the band qualify.
    verdict = check({"min_age": 17}, Profile(min_age=16, max_age=17))
    assert verdict.eligible and verdict.caveats == ("Only for people aged 17 and over",)


def test_no_criteria_means_no_restriction_and_free_text_is_always_a_caveat() -> None:
    assert check({}, Profile(min_age=16, max_age=17, severity="mild")) == check({}, Profile())
    verdict = check({"other_criteria": "must live in a hostel"}, Profile())
    assert verdict.eligible and verdict.caveats == ("Also: must live in a hostel",)


def test_every_mismatch_is_given_not_only_the_first() -> None:
    verdict = check({"min_age": 18, "severity": "severe", "in_work": "yes"},
                    Profile(min_age=16, max_age=17, severity="mild", in_work=False))
    assert not verdict.eligible and len(verdict.reasons) == 3


def test_unknown_answers_are_said_plainly() -> None:
    verdict = check({"min_age": 18, "severity": "severe", "benefit_status": ["pip", "esa"],
                     "housing_status": ["inpatient"], "conditions": ["psychosis"]}, Profile())
    assert verdict.checks == (
        "Only for people aged 18 and over: check the client's age before referring",
        "Only for people with severe mental illness: check before referring",
        "Only for people who get Personal Independence Payment (PIP) or Employment and "
        "Support Allowance (ESA): check before referring",
        "Only for people in hospital now: check before referring",
        "Only for people with psychosis: check before referring")
    assert verdict.in_care_only
    assert not check({"housing_status": ["inpatient", "homeless"]}, Profile()).in_care_only
