"""A cohort spread over places whose only services serve some of them is partly met
(issue 15), with the places left without a service."""

import datetime as dt
import re

from builders import ICB, N1, PLACE1, PLACE2, base_rows, load, service
from flask.testing import FlaskClient

from ecosystem import Ecosystem

TODAY = dt.date.today()


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
