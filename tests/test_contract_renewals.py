"""Contracts that roll over are not "ending" (issue 15): a service is ending only when no
recorded contract continues it, allowing ECOSYSTEM_RENEWAL_GAP_DAYS between them."""

import datetime as dt

import pytest
from builders import PLACE2, base_rows, load, service

from ecosystem import Ecosystem, dates
from ecosystem.analyses import orphans
from ecosystem.analyses.suppression import Disclosure
from ecosystem.config import Settings
from ecosystem.secure import ConfigError

TODAY = dates.today()
END = TODAY + dt.timedelta(days=30)  # "31 March"


def _day(days: int) -> str:
    return (END + dt.timedelta(days=days)).isoformat()


def _rows() -> dict:
    """A Place Two cohort needing offending and victimisation support. ROLLS' contract ends
    on END and is renewed from the next day (then again, open-ended); STOPS' just ends;
    LATE's successor starts three days after."""
    rows = base_rows(TODAY)
    rows["cohorts"].append({"id": "COH-P2", "name": "Place Two adults", "area_id": PLACE2,
                            "estimated_size": "50", "need_offending": "20",
                            "need_victimisation": "10", "need_connectedness": "15"})
    for sid, domain in (("ROLLS", "offending"), ("STOPS", "victimisation"),
                        ("LATE", "connectedness")):
        rows["services"].append(service(sid, sid.title(), "PR-VCS", PLACE2, domain, "care"))
        rows["contracts"].append({"id": f"K-{sid}", "commissioner_id": "CO-LA",
                                  "service_id": sid, "annual_value": "10000",
                                  "start_date": "2024-04-01", "end_date": END.isoformat()})
    rows["contracts"] += [
        {"id": "K-ROLLS-2", "commissioner_id": "CO-LA", "service_id": "ROLLS",
         "annual_value": "10000", "start_date": _day(1), "end_date": _day(365)},
        {"id": "K-ROLLS-3", "commissioner_id": "CO-ICB", "service_id": "ROLLS",
         "annual_value": "10000", "start_date": _day(366)},
        {"id": "K-LATE-2", "commissioner_id": "CO-LA", "service_id": "LATE",
         "annual_value": "10000", "start_date": _day(3)},
    ]
    return rows


def _ending(res: orphans.OrphansResult) -> dict[str, dt.date]:
    return {e.need.domain: e.last_end for e in res.ending if e.need.cohort_id == "COH-P2"}


def test_a_renewal_is_not_ending_a_real_end_is(eco: Ecosystem) -> None:
    load(eco, _rows())
    assert _ending(eco.orphans(today=TODAY, months=6)) == {"victimisation": END,
                                                           "connectedness": END}
    # A gap of three days lets LATE's successor continue it; none lets nothing through.
    wide = orphans.run(eco.graph, TODAY, 6, disclosure=Disclosure(), renewal_gap_days=3)
    assert _ending(wide) == {"victimisation": END}
    none = orphans.run(eco.graph, TODAY, 6, disclosure=Disclosure(), renewal_gap_days=0)
    assert set(_ending(none)) == {"victimisation", "connectedness", "offending"}
    # A year on, the second contract ends and the open-ended third continues it.
    later = eco.orphans(today=END + dt.timedelta(days=200), months=12)
    assert "offending" not in _ending(later)
    # What if the renewal had not been recorded: the service ends with its contract.
    gone = orphans.run(eco.graph, END + dt.timedelta(days=200), 12, disclosure=Disclosure(),
                       renewal_gap_days=0)
    assert _ending(gone).get("offending") == END + dt.timedelta(days=365)


@pytest.mark.no_neo4j
def test_the_gap_setting() -> None:
    assert Settings.from_env({}).renewal_gap_days == 1
    assert Settings.from_env({"ECOSYSTEM_RENEWAL_GAP_DAYS": "7"}).renewal_gap_days == 7
    with pytest.raises(ConfigError):
        Settings.from_env({"ECOSYSTEM_RENEWAL_GAP_DAYS": "-1"})
