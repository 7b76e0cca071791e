"""The warm start's graph part (ecosystem/warmup.py): the entries it opens the pages with.
The web part, and what warming leaves unchanged, are in tests/test_warm.py."""

from __future__ import annotations

from conftest import SMALL_AREA
from test_summaries import PEOPLE, event, referral

from ecosystem import Ecosystem, warmup


def test_the_person_warmed_with_uses_a_service_when_anyone_does(eco: Ecosystem) -> None:
    # R-1 comes first and has only been referred: the page of a person using a service
    # runs more (the services named), so warming must open one of those, R-2's.
    assert eco.import_tables({**SMALL_AREA, "people": PEOPLE[:2], "journey_events": [
        referral("ev-r", "R-1", "svc-hf", 10, "svc-ips"), event("ev-s", "R-2", "svc-hf", 5)]}).ok
    person = warmup.prime(eco.graph).person
    assert person is not None
    assert tuple(eco.options(person_id=person).profile.uses) == ("svc-hf",)


def test_failing_that_a_person_with_a_journey(eco: Ecosystem) -> None:
    assert eco.import_tables({**SMALL_AREA, "people": PEOPLE[:2], "journey_events": [
        referral("ev-r", "R-2", "svc-hf", 10, "svc-ips")]}).ok
    person = warmup.prime(eco.graph).person
    assert person is not None and not eco.options(person_id=person).profile.uses
