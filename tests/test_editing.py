"""Editing catalogue entries (issue 13): one validation and write path with the importer,
history of every change, the version check, and provider editors' proposals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from builders import base_rows, load

from ecosystem import Ecosystem
from ecosystem.accounts import audit
from ecosystem.editing.proposals import ProposalError

EXCLUDE = ("AuditEntry", "Import", "Change", "Proposal")
PHONE = "01632 960123"


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    load(eco, base_rows())
    return eco


def cells_of(eco: Ecosystem, table: str, key: str) -> tuple[dict[str, str], str]:
    from ecosystem.importers.stored import cells

    row = eco.entry_row(table, key)
    assert row is not None
    return cells(row.values), row.version


def _rows_with(change: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    rows = base_rows()
    hf = next(s for s in rows["services"] if s["id"] == "HF")
    hf.update(change)
    return rows


def test_an_edit_and_an_import_of_the_same_row_give_the_same_graph(eco: Ecosystem) -> None:
    load(eco, base_rows())
    cells, version = cells_of(eco, "services", "HF")
    cells.update(phone=PHONE, domains="housing; money", waiting_days="12")
    result = eco.save_entry("services", cells, version, "test-admin", key="HF")
    assert result.ok, result.issues
    edited = eco.fingerprint(exclude=EXCLUDE)

    eco.clear()
    load(eco, _rows_with({"phone": PHONE, "domains": "housing;money", "waiting_days": "12"}))
    imported = eco.fingerprint(exclude=EXCLUDE)
    assert edited == imported


def test_an_edit_is_checked_by_the_importers_validation(area: Ecosystem) -> None:
    before = area.fingerprint(exclude=("AuditEntry",))
    cells, version = cells_of(area, "services", "HF")
    bad = dict(cells, capacity="lots", domains="")
    result = area.save_entry("services", bad, version, "test-admin", key="HF")
    assert not result.ok
    messages = result.messages()
    assert "capacity" in messages and "domains" in messages
    unknown = area.save_entry("services", dict(cells, provider_id="PR-NOPE"), version,
                              "test-admin", key="HF")
    assert "provider" in unknown.messages()["provider_id"]  # references, as an import checks
    assert area.fingerprint(exclude=("AuditEntry",)) == before, "nothing half-written"


def test_history_records_edits_and_imports_field_by_field(area: Ecosystem) -> None:
    created = area.entry_history("services", "HF")
    assert [c.action for c in created] == ["created"]
    assert created[0].source.startswith("import")
    cells, version = cells_of(area, "services", "HF")
    cells["phone"] = PHONE
    assert area.save_entry("services", cells, version, "alice", key="HF").ok
    load(area, _rows_with({"phone": PHONE, "waiting_days": "45"}))
    newest, edited, first = area.entry_history("services", "HF")
    assert (edited.by, edited.source, edited.action) == ("alice", "web edit", "updated")
    assert [(f.field, f.before, f.after) for f in edited.fields] == [("phone", "", PHONE)]
    assert newest.source.startswith("import")
    assert [(f.field, f.before, f.after) for f in newest.fields] == [("waiting_days", "30", "45")]
    entry = next(e for e in audit.entries(area.graph) if e.action == "entry.edit")
    assert entry.username == "alice" and entry.target == "services:HF"
    assert PHONE in entry.detail and "phone" in entry.detail


def test_an_unchanged_reimport_records_no_version(area: Ecosystem) -> None:
    load(area, base_rows())
    assert len(area.entry_history("services", "HF")) == 1
    assert len(area.entry_history("providers", "PR-VCS")) == 1


def test_a_stale_save_is_refused_with_both_versions(area: Ecosystem) -> None:
    mine, version = cells_of(area, "services", "HF")
    theirs = dict(mine, phone="01632 960999")
    assert area.save_entry("services", theirs, version, "bob", key="HF").ok
    mine["phone"] = PHONE
    result = area.save_entry("services", mine, version, "alice", key="HF")
    assert not result.ok and result.conflict is not None
    assert result.conflict.theirs["phone"] == "01632 960999"
    assert result.conflict.yours["phone"] == PHONE
    assert "phone" in result.conflict.differing
    stored, _ = cells_of(area, "services", "HF")
    assert stored["phone"] == "01632 960999", "never a silent overwrite"


def test_create_and_close_a_service(area: Ecosystem) -> None:
    new = area.blank_entry("services")
    new.update(id="NEW-1", name="New advice line", provider_id="PR-VCS", areas="E38000001",
               domains="money", sources="practitioner", types="information")
    assert area.save_entry("services", new, None, "test-admin").ok
    again = area.save_entry("services", new, None, "test-admin")
    assert not again.ok and "id" in again.messages()
    _, version = cells_of(area, "services", "NEW-1")
    closed = area.close_service("NEW-1", dt.date(2026, 3, 31), version, "test-admin")
    assert closed.ok
    cells, _ = cells_of(area, "services", "NEW-1")
    assert (cells["status"], cells["end_date"]) == ("closed", "2026-03-31")
    assert area.entity("service", "NEW-1") is not None, "closed, not deleted"


@pytest.mark.parametrize("table,key,change", [
    ("providers", "PR-VCS", {"name": "Renamed charity"}),
    ("commissioners", "CO-LA", {"kind": "other"}),
    ("cohorts", "COH-ESA", {"need_work": "350"}),
])
def test_other_entries_edit_through_the_same_path(area: Ecosystem, table: str, key: str,
                                                  change: dict[str, str]) -> None:
    cells, version = cells_of(area, table, key)
    cells.update(change)
    result = area.save_entry(table, cells, version, "test-admin", key=key)
    assert result.ok, result.issues
    assert [f.field for f in result.fields] == list(change)
    after, _ = cells_of(area, table, key)
    assert {k: after[k] for k in change} == change


def test_a_provider_editor_proposes_and_an_admin_approves(area: Ecosystem) -> None:
    assert area.may_propose(["PR-VCS"], "services", "HF")
    assert not area.may_propose(["PR-VCS"], "services", "CMHT"), "another provider's service"
    cells, version = cells_of(area, "services", "HF")
    cells["phone"] = PHONE
    proposed = area.propose_entry("services", cells, version, "keeper", key="HF")
    assert proposed.ok and proposed.proposal is not None
    assert cells_of(area, "services", "HF")[0]["phone"] == "", "not live until approved"
    assert [p.id for p in area.proposals()] == [proposed.proposal.id]
    result = area.approve_proposal(proposed.proposal.id, "boss")
    assert result.ok
    assert cells_of(area, "services", "HF")[0]["phone"] == PHONE
    assert area.proposals() == []
    assert area.entry_history("services", "HF")[0].note == "proposed by keeper, approved by boss"
    actions = [e.action for e in audit.entries(area.graph)]
    assert "proposal.create" in actions and "proposal.approve" in actions


def test_a_rejected_proposal_needs_a_reason_and_changes_nothing(area: Ecosystem) -> None:
    cells, version = cells_of(area, "services", "HF")
    cells["phone"] = PHONE
    proposed = area.propose_entry("services", cells, version, "keeper", key="HF").proposal
    assert proposed is not None
    with pytest.raises(ProposalError, match="reason"):
        area.reject_proposal(proposed.id, " ", "boss")
    area.reject_proposal(proposed.id, "Number is the switchboard", "boss")
    assert area.proposals() == []
    rejected = area.proposals("rejected")[0]
    assert rejected.reason == "Number is the switchboard" and rejected.decided_by == "boss"
    assert cells_of(area, "services", "HF")[0]["phone"] == ""


def test_an_approval_after_another_change_is_refused(area: Ecosystem) -> None:
    cells, version = cells_of(area, "services", "HF")
    proposed = area.propose_entry("services", dict(cells, phone=PHONE), version,
                                  "keeper", key="HF").proposal
    assert proposed is not None
    assert area.save_entry("services", dict(cells, waiting_days="5"), version, "bob",
                           key="HF").ok
    result = area.approve_proposal(proposed.id, "boss")
    assert result.conflict is not None
    assert cells_of(area, "services", "HF")[0]["phone"] == ""
    assert [p.id for p in area.proposals()] == [proposed.id], "still pending"


def test_saves_at_the_same_version_at_the_same_moment_one_wins(area: Ecosystem) -> None:
    # The version was checked just before the write, so two saves within milliseconds could
    # both pass it and the later one overwrite silently. The check now runs, with the entry
    # locked, inside the write's own transaction.
    import threading

    base, version = cells_of(area, "services", "HF")
    phones = [f"01632 9601{i:02d}" for i in range(6)]
    results: dict[str, object] = {}
    barrier = threading.Barrier(len(phones))

    def save(phone: str) -> None:
        barrier.wait()
        results[phone] = area.save_entry("services", dict(base, phone=phone), version,
                                         f"user-{phone[-2:]}", key="HF")

    threads = [threading.Thread(target=save, args=(p,)) for p in phones]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    won = [p for p, r in results.items() if r.ok]  # type: ignore[attr-defined]
    assert len(won) == 1, results
    lost = [r for r in results.values() if not r.ok]  # type: ignore[attr-defined]
    assert all(r.conflict is not None for r in lost)  # type: ignore[attr-defined]
    stored, _ = cells_of(area, "services", "HF")
    assert stored["phone"] == won[0], "never a silent overwrite"


def test_the_version_check_runs_inside_the_write(area: Ecosystem) -> None:
    from ecosystem.db.graph import WriteAborted
    from ecosystem.importers import import_tables, tables_from_records

    base, version = cells_of(area, "services", "HF")
    assert area.save_entry("services", dict(base, phone="01632 960777"), version, "bob",
                           key="HF").ok
    tables, issues = tables_from_records({"services": [dict(base, phone="01632 960778")]},
                                         origin="test")
    with pytest.raises(WriteAborted):
        import_tables(area.graph, area.settings.resolve_pseudonym_key(), tables, issues,
                      expect=("services", "HF", version))
    stored, _ = cells_of(area, "services", "HF")
    assert stored["phone"] == "01632 960777"
