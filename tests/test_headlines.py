"""The commissioner's whole-area headlines (ecosystem/analyses/headlines.py) are the analyses'
own figures, kept until the map changes: after an edit they are worked out again."""

from __future__ import annotations

import datetime as dt

from conftest import SMALL_AREA

from ecosystem import Ecosystem, dates
from ecosystem.analyses import headlines
from ecosystem.importers.stored import cells

TODAY = dates.today()


def test_headlines_are_kept_and_follow_an_edit(eco: Ecosystem) -> None:
    assert eco.import_tables(SMALL_AREA).ok
    fresh = headlines.work_out(eco.graph, TODAY, disclosure=eco.disclosure)
    funding = eco.funding(None, TODAY)
    assert fresh.total == funding.total == 520_000
    assert eco.headlines(TODAY) == fresh
    kept = eco.graph.read("summaries/headlines_get")[0]
    assert kept["key"] is not None and kept["key"].startswith(TODAY.isoformat())
    assert eco.headlines(TODAY) == fresh  # read back from the import record
    row = eco.entry_row("contracts", "con-3")
    assert row is not None
    result = eco.save_entry("contracts", {**cells(row.values), "annual_value": "100000"},
                            row.version, "test-admin", key="con-3")
    assert result.ok, result.issues
    after = eco.headlines(TODAY)
    assert after.total == eco.funding(None, TODAY).total == 530_000
    assert after == headlines.work_out(eco.graph, TODAY, disclosure=eco.disclosure)
    # another day: worked out again for it
    assert eco.headlines(TODAY + dt.timedelta(days=1)).total == 530_000
