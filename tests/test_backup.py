"""Export and restore: an exact round trip, and a damaged backup changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecosystem import Ecosystem
from ecosystem.backup import RestoreError

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "example"
LOG = ("AuditEntry",)


def test_round_trip_is_exact(eco: Ecosystem, tmp_path: Path) -> None:
    assert eco.import_path(EXAMPLE).ok
    before = eco.fingerprint(exclude=LOG)  # the export and the restore add to the log
    counts = eco.export(tmp_path / "backup")
    assert counts["nodes"] > 40 and counts["relationships"] > 60
    eco.clear()
    assert eco.counts().get("Service", 0) == 0
    assert eco.restore(tmp_path / "backup") == counts
    assert eco.fingerprint(exclude=LOG) == before
    # and the restored graph still works as a map: re-importing changes nothing
    report = eco.import_path(EXAMPLE)
    assert all(c.created == 0 and c.updated == 0 for c in report.counts.values())


@pytest.mark.parametrize("damage", ["truncate", "bad_json", "no_manifest"])
def test_damaged_backup_changes_nothing(eco: Ecosystem, tmp_path: Path, damage: str) -> None:
    assert eco.import_path(EXAMPLE).ok
    eco.export(tmp_path / "b")
    before = eco.fingerprint(exclude=LOG)  # the failure is logged
    nodes = tmp_path / "b" / "nodes.jsonl"
    if damage == "truncate":
        nodes.write_text("".join(nodes.read_text().splitlines(keepends=True)[:-3]))
    elif damage == "bad_json":
        nodes.write_text(nodes.read_text() + "{not json\n")
    else:
        (tmp_path / "b" / "manifest.json").unlink()
    with pytest.raises(RestoreError):
        eco.restore(tmp_path / "b")
    assert eco.fingerprint(exclude=LOG) == before


def test_restore_never_changes_existing_accounts_or_audit_log(eco: Ecosystem,
                                                              tmp_path: Path) -> None:
    from ecosystem.accounts import users

    name = "restore-check-user"
    if users.get(eco.graph, name) is None:
        users.create(eco.graph, name, users.VIEWER, "a long enough passphrase 42", "test")
    users.set_disabled(eco.graph, name, False, "test")
    eco.export(tmp_path / "b")  # the backup has the user enabled
    users.set_disabled(eco.graph, name, True, "test")
    log_before = eco.fingerprint()[0]
    log_before = [n for n in log_before if '"AuditEntry"' in n]
    eco.restore(tmp_path / "b")
    user = users.get(eco.graph, name)
    assert user is not None and user.disabled  # an old backup does not re-enable anyone
    log_after = [n for n in eco.fingerprint()[0] if '"AuditEntry"' in n]
    # nothing in the log changed; the one entry added is the restore's own
    assert set(log_before) < set(log_after) and len(log_after) == len(log_before) + 1
    assert [e.action for e in eco.audit_entries(limit=1)] == ["restore"]
