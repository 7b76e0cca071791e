"""Export and restore: an exact round trip, and a damaged backup changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecosystem import Ecosystem
from ecosystem.backup import RestoreError

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "example"


def test_round_trip_is_exact(eco: Ecosystem, tmp_path: Path) -> None:
    assert eco.import_path(EXAMPLE).ok
    before = eco.fingerprint()
    counts = eco.export(tmp_path / "backup")
    assert counts["nodes"] > 40 and counts["relationships"] > 60
    eco.clear()
    assert eco.counts().get("Service", 0) == 0
    assert eco.restore(tmp_path / "backup") == counts
    assert eco.fingerprint() == before
    # and the restored graph still works as a map: re-importing changes nothing
    report = eco.import_path(EXAMPLE)
    assert all(c.created == 0 and c.updated == 0 for c in report.counts.values())


@pytest.mark.parametrize("damage", ["truncate", "bad_json", "no_manifest"])
def test_damaged_backup_changes_nothing(eco: Ecosystem, tmp_path: Path, damage: str) -> None:
    assert eco.import_path(EXAMPLE).ok
    eco.export(tmp_path / "b")
    before = eco.fingerprint()
    nodes = tmp_path / "b" / "nodes.jsonl"
    if damage == "truncate":
        nodes.write_text("".join(nodes.read_text().splitlines(keepends=True)[:-3]))
    elif damage == "bad_json":
        nodes.write_text(nodes.read_text() + "{not json\n")
    else:
        (tmp_path / "b" / "manifest.json").unlink()
    with pytest.raises(RestoreError):
        eco.restore(tmp_path / "b")
    assert eco.fingerprint() == before
