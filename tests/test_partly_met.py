"""A cohort spread over places whose only services serve some of them is partly met
(issue 15), with the places left without a service."""

import datetime as dt
import re

from builders import ICB, ISLAND, N1, PLACE1, PLACE2, base_rows, load, service
from flask.testing import FlaskClient

from ecosystem import Ecosystem, dates

TODAY = dates.today()


def _load(eco: Ecosystem, *areas: str) -> None:
    rows = base_rows(TODAY)
    rows["cohorts"].append({"id": "COH-SPREAD", "name": "Survivors", "area_id": ICB,
                            "estimated_size": "30", "need_victimisation": "30"})
    for i, area in enumerate(areas):
        rows["services"].append(service(f"VICT{i}", f"Victim support {i}", "PR-VCS", area,
                                        "victimisation", "care"))
    load(eco, rows)


def _spread(eco: Ecosystem) -> list:
    return [n for n in eco.orphans(today=TODAY).partly_met if n.cohort_id == "COH-SPREAD"]


def test_a_service_in_one_place_leaves_the_other_without(eco: Ecosystem) -> None:
    _load(eco, PLACE2)
    (n,) = _spread(eco)
    assert n.places_without == ((PLACE1, "Place One"),) and not n.orphaned
    assert "partly met: no service for Place One" in n.why


def test_a_neighbourhood_service_reaches_its_place(eco: Ecosystem) -> None:
    _load(eco, PLACE2, N1)
    assert _spread(eco) == []


def test_an_area_wide_service_meets_it_everywhere(eco: Ecosystem) -> None:
    _load(eco, PLACE2, ICB)
    assert _spread(eco) == []


def test_the_orphans_page_lists_it(client: FlaskClient, eco: Ecosystem) -> None:
    _load(eco, PLACE2)
    page = client.get("/commissioner/orphans").get_data(as_text=True)
    m = re.search(r'<table[^>]*data-table="partly-met".*?</table>', page, re.S)
    assert m and "Survivors" in m.group(0) and "Place One" in m.group(0)
    assert "Victim support 0" in m.group(0)
    csv = client.get("/commissioner/orphans?format=csv&table=partly-met").get_data(as_text=True)
    assert "partly met: no service for Place One" in csv


def test_an_orphaned_need_lists_every_service_in_its_domain(eco: Ecosystem) -> None:
    """Island residents' housing: no service there; each housing service says why not,
    by area name (closed, planned, ended, elsewhere)."""
    rows = base_rows(TODAY)
    rows["services"] += [
        service("PLANNED", "New hostel", "PR-LA", ISLAND, "housing", "provision",
                status="planned"),
        service("ENDED", "Old tenancy scheme", "PR-LA", ISLAND, "housing", "care",
                end_date=(TODAY - dt.timedelta(days=10)).isoformat()),
    ]
    load(eco, rows)
    (island,) = [n for n in eco.orphans(today=TODAY).orphaned if n.cohort_id == "COH-ISLAND"]
    why = dict(island.turned_away)
    assert why["PLANNED"] == "planned" and why["OLDHOUSING"] == "closed"
    assert why["ENDED"] == f"ended {(TODAY - dt.timedelta(days=10)).isoformat()}"
    assert why["SUPPORTED"] == "serves only Place Two" and why["ADVICE"] == "serves only Test ICB"
    # Named, with why it cannot help; not counted as provision.
    assert "New hostel: planned" in island.why and "from New hostel" not in island.why


def test_services_elsewhere_are_counted_when_too_many_to_name(client: FlaskClient,
                                                              eco: Ecosystem) -> None:
    """With a nation of places, naming every service in the domain that serves only another
    place made each orphaned need's row list thousands (an 11 MB orphans page at XL): past
    ten they are counted. Those in the cohort's own area (planned here) are still named."""
    rows = base_rows(TODAY)
    rows["services"] += [service("PLANNED", "New hostel", "PR-LA", ISLAND, "housing",
                                 "provision", status="planned")]
    rows["services"] += [service(f"FAR{i:02}", f"Far hostel {i}", "PR-LA", PLACE2, "housing",
                                 "provision") for i in range(12)]
    load(eco, rows)
    (island,) = [n for n in eco.orphans(today=TODAY).orphaned if n.cohort_id == "COH-ISLAND"]
    why = dict(island.turned_away)
    assert why["PLANNED"] == "planned"
    assert not any(sid.startswith("FAR") for sid in why)
    # and the others serving only elsewhere (SUPPORTED, ADVICE, ...) are in the count
    elsewhere = [sid for sid in ("SUPPORTED", "ADVICE") if sid not in why]
    assert elsewhere == ["SUPPORTED", "ADVICE"] and island.elsewhere >= 12 + len(elsewhere)
    words = f"{island.elsewhere} other services in this domain serve only other areas"
    assert words in island.why
    page = client.get("/commissioner/orphans").get_data(as_text=True)
    m = re.search(r'<table[^>]*data-table="orphaned".*?</table>', page, re.S)
    assert m and "New hostel: planned" in m.group(0) and words in m.group(0)
    assert "Far hostel" not in m.group(0)
