"""Golden values: the row hashes and pseudonyms that databases already hold.

A re-import compares each row's hash with the one stored to decide "unchanged", and links
people and events by their pseudonyms, so these values must never change. If a test here
fails, the hashing or the pseudonymising changed: every existing database would see every
row as updated (or every person as new). Put it back; do not update the values. A new column
changes its entity's hashes on purpose (docs/importing.md), and then only the values of that
entity are updated here, saying why in the commit. No Neo4j needed."""

from __future__ import annotations

from typing import Any

import pytest

from ecosystem.importers import params, tables_from_records
from ecosystem.importers.pseudonymise import Pseudonymiser, pseudonym
from ecosystem.importers.validate import Known, validate

KEY = "golden key, not secret"

RECORDS = {
    "areas": [
        {"id": "E54000099", "name": "Northshire ICB", "level": "icb"},
        {"id": "E06000001", "name": "Hartbury", "level": "Local Authority",
         "parent_id": "E54000099"},
        {"id": "N-01", "name": "St Jude's \"Old\" Town — café", "level": "neighbourhood",
         "parent_id": "E06000001"},
    ],
    "providers": [
        {"id": "p1", "name": "Northshire NHS Trust", "sector": "nhs"},
        {"id": "p2", "name": "Mind in Hartbury", "sector": "VCSE",
         "website": "https://example.org/mind"},
    ],
    "commissioners": [
        {"id": "c1", "name": "Northshire ICB", "kind": "icb", "area_id": "E54000099"},
        {"id": "c2", "name": "DWP", "kind": "dwp"},
    ],
    "cohorts": [
        {"id": "smi", "name": "Adults with SMI", "area_id": "E54000099"},
        {"id": "smi-b", "name": "SMI, homeless", "area_id": "E06000001",
         "criteria": "SMI and no fixed abode", "estimated_size": "1,200", "min_age": "18",
         "max_age": "64", "severity": "Severe", "benefit_status": "UC",
         "housing_status": "homeless", "in_work": "no", "offending_history": "yes",
         "need_housing": "900", "need_money": "400", "need_offending": "0",
         "types_needed": "housing: Provision; housing:care"},
        {"id": "carers", "name": "Carers", "area_id": "N-01", "need_housing": "",
         "need_money": "3", "need_work": "2", "need_connectedness": "40", "need_family": "41",
         "need_victimisation": "1", "need_offending": None, "need_citizenship": "7"},
    ],
    "services": [
        {"id": "s1", "name": "IPS employment", "provider_id": "p1", "areas": "E54000099",
         "domains": "work", "sources": "specialist", "types": "provision"},
        {"id": "s2", "name": "Housing First", "provider_id": "p2", "kind": "housing",
         "description": "Homes first; support after.\nSecond line, ünïcode",
         "areas": "E06000001; N-01", "clinical": "no", "domains": "housing|money",
         "sources": "practitioner",
         "types": "care; provision", "model_id": "housing-first", "model_fidelity": "0.85",
         "cohorts": "smi-b", "min_age": "18", "max_age": "65", "severity": "severe",
         "conditions": "psychosis; bipolar", "benefit_status": "uc; esa",
         "housing_status": "homeless; temporary", "in_work": "no",
         "offending_history": "any", "other_criteria": "none", "self_referral": "yes",
         "referral_from": "gp; crisis", "capacity": "40", "waiting_days": "14",
         "unit_cost": "£12,500.50", "status": "planned", "end_date": "31/03/2027",
         "url": "https://example.org/hf", "source": "oruk", "source_id": "abc-1",
         "in_feed": "true", "removed_from_feed_on": "2026-10-01",
         "locations": '{"name": "Hub"}', "cost_options": "free", "funding": "ICB grant",
         "funder_ids": "c1", "taxonomy_terms": "housing; support",
         "phone": "01632 960123", "email": "hf@example.org", "website": "www.example.org/hf",
         "sites": "1 Quay St, Hartbury HB1 2XY @ 54.5,-1.2; Unit 3, Mill Lane, HB2 4ZZ",
         "opening_hours": "Mon-Fri 9-17; Sat 10:00-13:00", "hours_note": "Closed bank holidays",
         "referral_methods": "self_referral_phone; professional_referral_form: "
                             "https://example.org/hf/refer",
         "languages": "English; Polski", "accessibility": "Step-free; hearing loop",
         "free_to_client": "yes", "update_contact": "Housing First team, hf@example.org",
         "last_verified": "2026-09-30"},
    ],
    "referral_routes": [
        {"from_service_id": "s1", "to_service_id": "s2"},
        {"from_service_id": "s2", "to_service_id": "s1", "note": "by phone, \"urgent\""},
    ],
    "contracts": [
        {"id": "k1", "commissioner_id": "c1", "service_id": "s1", "annual_value": "250000",
         "start_date": "2025-04-01"},
        {"id": "k2", "commissioner_id": "c2", "service_id": "s2", "annual_value": "99.5",
         "start_date": "01/04/2026", "end_date": "2027-03-31", "capacity": "12"},
    ],
    "people": [
        {"person_ref": "NV100001", "age_band": "25-34", "area_id": "N-01"},
        {"person_ref": " NV100002 ", "age_band": "65+", "area_id": "E06000001",
         "cohorts": "smi; smi-b", "needs": "housing; money", "benefit_status": "uc",
         "housing_status": "Temporary", "in_work": "no", "offending_history": "N",
         "severity": "severe", "conditions": "psychosis", "key_worker": "kw-7 (Aïsha)"},
    ],
    "journey_events": [
        {"event_ref": "EV1", "person_ref": "NV100001", "service_id": "s1",
         "type": "referral", "date": "2026-01-05"},
        {"event_ref": "EV2", "person_ref": "NV100001", "service_id": "s1", "type": "Start",
         "date": "12/01/2026", "referred_from_service_id": "s2"},
        {"event_ref": "EV3", "person_ref": "NV100002", "service_id": "s2",
         "type": "not eligible", "date": "2026-02-01"},
        {"event_ref": "EV4", "person_ref": "NV100002", "service_id": "s2",
         "type": "outcome", "date": "2026-03-01", "outcome": "Debt Resolved"},
    ],
}

# (entity, id, row_hash), as the importer stored them before the fast paths moved.
GOLDEN: list[tuple[str, str, str]] = [
    ("areas", "E54000099", "f830f32d651f1a33b8439ddb"),
    ("areas", "E06000001", "97250278864c72a310adcf70"),
    ("areas", "N-01", "2f3fafe723c5fcc8b9795882"),
    ("providers", "p1", "0181980baec05ea30c602030"),
    ("providers", "p2", "6f676d44618b7f3b9e885397"),
    ("commissioners", "c1", "b2c598ea98f0bfc6893e617e"),
    ("commissioners", "c2", "282e7360252a59e453a8fa27"),
    ("cohorts", "smi", "3c3d4ece83b011894de6ce3a"),
    ("cohorts", "smi-b", "a783c90ff6652944dac7f7c7"),
    ("cohorts", "carers", "0581a2340630fa6cac0d1e2c"),
    ("services", "s1", "83d2baed12bea84c44a43ac2"),
    # s2 holds last_verified (issue 13); s1, without it, does not hash it (HASHED_WHEN_SET).
    ("services", "s2", "92b315c7b87baa8e458c5167"),
    ("referral_routes", "s1>s2", "fd0ae0b1af61fba0fc48ff56"),
    ("referral_routes", "s2>s1", "4cbdf41c153988d1d4382a18"),
    ("contracts", "k1", "85189a65cbc2cb9cb03d612b"),
    ("contracts", "k2", "ee39127cf5e252ade20251d4"),
    ("people", "P-71335e5572a12ca433ed", "245887ea7daf20c10f63c791"),
    ("people", "P-0b9e1c3485c19536885c", "b0dc7e36a93e86edbbee6633"),
    ("journey_events", "E-136ce55a1a469a053004", "71bd86b30460a7795ab0da08"),
    ("journey_events", "E-7c8cc9c88655efa49d4e", "d5b3be4ac4625f6b847d4c12"),
    ("journey_events", "E-8ca6fabd1630d51aba10", "615d444baedd6787789b382b"),
    ("journey_events", "E-d3a028651bfa72e30021", "946f34344ff187ff6c18cb90"),
]


def _row_id(row: dict[str, Any]) -> str:
    return row["id"] if "id" in row else f"{row['from_service_id']}>{row['to_service_id']}"


def _planned() -> list[tuple[str, str, str]]:
    tables, read_issues = tables_from_records(RECORDS)
    valid, issues = validate(tables, Known())
    assert not read_issues and not issues
    return [(name, _row_id(r), r["row_hash"]) for name, rows in params.plan(valid, KEY)
            for r in rows]


def test_planned_row_hashes_are_the_stored_ones() -> None:
    assert _planned() == GOLDEN


def test_one_row_at_a_time_gives_the_same_hashes() -> None:
    tables, _ = tables_from_records(RECORDS)
    valid, _ = validate(tables, Known())
    got = [(name, _row_id(p), p["row_hash"])
           for name, rows in valid.rows.items() for _, _, row in rows
           for p in [params.to_params(name, row, KEY)]]
    assert got == GOLDEN


@pytest.mark.parametrize(("raw", "key", "prefix", "want"), [
    ("NV100001", KEY, "P", "P-71335e5572a12ca433ed"),
    ("NV100001", KEY, "E", "E-71335e5572a12ca433ed"),
    (" NV100002 ", KEY, "P", "P-0b9e1c3485c19536885c"),  # stripped: same as "NV100002"
    ("NV100002", KEY, "P", "P-0b9e1c3485c19536885c"),
    ("é", KEY, "P", "P-54bed6395b89b9795003"),
    ("x" * 200, KEY, "E", "E-e84318c795c9a0df8f78"),
    ("NV100001", "k" * 65, "P", "P-1e382e287e2ccf45a76d"),  # a key longer than a block
    ("é", "k" * 65, "P", "P-d36d5db94b1b167af96f"),
])
def test_pseudonyms_are_the_stored_ones(raw: str, key: str, prefix: str, want: str) -> None:
    assert pseudonym(raw, key, prefix) == want
    assert Pseudonymiser(key).with_prefix(prefix)(raw) == want
