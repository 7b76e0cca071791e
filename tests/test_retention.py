"""Retention (docs/privacy.md): journey events older than ECOSYSTEM_RETENTION_YEARS go, newer
ones stay, the journeys they were part of are rebuilt as a clean import of what is left would
build them, a real run is audited, and with the default (off) nothing happens."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SMALL_AREA, cli_env

from ecosystem import Ecosystem, dates
from ecosystem.accounts import audit
from ecosystem.cli import cli
from ecosystem.config import Settings
from ecosystem.retention import cutoff

SYSTEM = ("Import", "AuditEntry", "User")
TODAY = dates.today()
YEARS = 5
CUTOFF = cutoff(TODAY, YEARS)


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


# A second housing service of the same type as svc-hf, so being with both at once is doubling up.
HOSTEL = {"id": "svc-hostel", "name": "Riverside Hostel", "provider_id": "prov-mind",
          "kind": "housing support", "areas": "E06000999", "domains": "housing",
          "sources": "practitioner", "types": "care", "capacity": "10"}
PEOPLE = [{"person_ref": ref, "age_band": "25-34", "area_id": "E06000999"}
          for ref in ("R-1", "R-2", "R-3")]


def event(ref: str, person: str, service: str, kind: str, date: str) -> dict[str, Any]:
    return {"event_ref": ref, "person_ref": person, "service_id": service, "type": kind,
            "date": date}


OLD = [  # before the cut-off
    event("ev-1", "R-1", "svc-hf", "referral", ago(4000)),
    event("ev-2", "R-1", "svc-hf", "start", ago(3980)),
    event("ev-3", "R-1", "svc-ips", "start", ago(3000)),
    event("ev-4", "R-2", "svc-debt", "referral", ago(2500)),
    event("ev-5", "R-2", "svc-debt", "start", ago(2490)),
]
NEW = [  # on or after it
    event("ev-6", "R-1", "svc-hostel", "start", ago(300)),
    event("ev-7", "R-1", "svc-hf", "discharge", ago(200)),
    event("ev-8", "R-3", "svc-ips", "start", ago(100)),
    event("ev-9", "R-3", "svc-debt", "referral", CUTOFF.isoformat()),  # the day itself stays
]


def tables(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {**SMALL_AREA, "services": [*SMALL_AREA["services"], HOSTEL], "people": PEOPLE,
            "journey_events": events}


def keeping(eco: Ecosystem, years: int) -> Ecosystem:
    return Ecosystem(dataclasses.replace(eco.settings, retention_years=years), eco.graph)


def relationships(eco: Ecosystem, kind: str) -> int:
    return sum(1 for r in eco.fingerprint(exclude=SYSTEM)[1] if f'"{kind}"' in r)


def retention_log(eco: Ecosystem) -> list[audit.AuditEntry]:
    return [e for e in audit.entries(eco.graph) if e.action == "retention.apply"]


def new_entries(eco: Ecosystem, before: list[audit.AuditEntry]) -> list[audit.AuditEntry]:
    """Entries written since `before` was read (the log outlives each test's graph)."""
    return [e for e in retention_log(eco) if e not in before]


def test_default_is_off_and_does_nothing(eco: Ecosystem) -> None:
    assert Settings.from_env({}).retention_years == 0
    assert eco.import_tables(tables(OLD + NEW)).ok
    before, start = eco.fingerprint(), retention_log(eco)
    assert keeping(eco, 0).apply_retention() is None
    assert eco.fingerprint() == before
    assert new_entries(eco, start) == []


def test_setting_from_the_environment() -> None:
    assert Settings.from_env({"ECOSYSTEM_RETENTION_YEARS": "8"}).retention_years == 8
    with pytest.raises(Exception, match="ECOSYSTEM_RETENTION_YEARS"):
        Settings.from_env({"ECOSYSTEM_RETENTION_YEARS": "-1"})


def test_cutoff_on_29_february() -> None:
    assert cutoff(dt.date(2028, 2, 29), 1) == dt.date(2027, 2, 28)


def test_old_events_go_new_stay_and_journeys_are_rebuilt(eco: Ecosystem) -> None:
    assert eco.import_tables(tables(OLD + NEW)).ok
    assert relationships(eco, "DOUBLED_UP") == 1  # svc-hf (from long ago) with the hostel
    start = retention_log(eco)
    result = keeping(eco, YEARS).apply_retention()
    assert result is not None and not result.dry_run
    assert (result.events, result.people, result.cutoff) == (len(OLD), 2, CUTOFF)
    assert result.oldest == dt.date.fromisoformat(OLD[0]["date"])
    assert eco.counts()["Event"] == len(NEW) and eco.counts()["Person"] == len(PEOPLE)
    [entry] = new_entries(eco, start)
    assert entry.target == "journey events"
    assert entry.detail == f"years={YEARS} before={CUTOFF.isoformat()} events=5 people=2"
    assert relationships(eco, "DOUBLED_UP") == 0  # svc-hf's start went with the old events
    after = eco.fingerprint(exclude=SYSTEM)
    # NEXT, ENGAGED_WITH, DOUBLED_UP and `reached` as a clean import of what is left builds them.
    eco.clear()
    eco.init()
    assert eco.import_tables(tables(NEW)).ok
    assert eco.fingerprint(exclude=SYSTEM) == after


def test_dry_run_deletes_nothing_and_is_not_audited(eco: Ecosystem) -> None:
    assert eco.import_tables(tables(OLD + NEW)).ok
    before, start = eco.fingerprint(), retention_log(eco)
    result = keeping(eco, YEARS).apply_retention(dry_run=True)
    assert result is not None and (result.events, result.people, result.dry_run) == (5, 2, True)
    assert eco.fingerprint() == before
    assert new_entries(eco, start) == []


def test_a_run_stopped_after_the_delete_is_finished_by_the_next(eco: Ecosystem) -> None:
    assert eco.import_tables(tables(OLD + NEW)).ok
    # The delete committed, then the process died before any journey was rebuilt.
    eco.graph.run_autocommit("retention/delete_events", cutoff=CUTOFF)
    assert relationships(eco, "DOUBLED_UP") == 1  # stale until rebuilt
    result = keeping(eco, YEARS).apply_retention()
    assert result is not None and result.events == 0
    after = eco.fingerprint(exclude=SYSTEM)
    eco.clear()
    eco.init()
    assert eco.import_tables(tables(NEW)).ok
    assert eco.fingerprint(exclude=SYSTEM) == after


def _cli(eco: Ecosystem, tmp_path: Path, years: str, *args: str):  # type: ignore[no-untyped-def]
    env = cli_env(eco, tmp_path, ECOSYSTEM_RETENTION_YEARS=years)
    return CliRunner().invoke(cli, ["retention", "apply", *args], env=env)


def test_cli_off_dry_run_and_apply(eco: Ecosystem, tmp_path: Path) -> None:
    assert eco.import_tables(tables(OLD + NEW)).ok
    start = retention_log(eco)
    r = _cli(eco, tmp_path, "")
    assert r.exit_code == 0 and "Retention is off" in r.output, r.output
    r = _cli(eco, tmp_path, str(YEARS), "--dry-run")
    assert r.exit_code == 0, r.output
    assert f"Would delete 5 journey events before {CUTOFF.isoformat()}" in r.output
    assert eco.counts()["Event"] == len(OLD) + len(NEW)
    r = _cli(eco, tmp_path, str(YEARS))
    assert r.exit_code == 0, r.output
    assert "Deleted 5 journey events" in r.output and "of 2 people" in r.output
    assert eco.counts()["Event"] == len(NEW)
    [entry] = new_entries(eco, start)
    assert entry.username.startswith("cli:")
