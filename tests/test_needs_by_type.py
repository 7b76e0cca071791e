"""A need is met by the right kind of support (issue 15): a cohort's need that names types
of support is met only by services giving one of them; without types, any type in the
domain meets it, as before."""


import pytest
from builders import ICB, PLACE2, base_rows, load, service

from ecosystem import Ecosystem, dates
from ecosystem.importers import tables_from_records
from ecosystem.importers.validate import Known, validate

TODAY = dates.today()


def _rows(types_needed: str) -> dict:
    """Ward leavers across the ICB needing housing. STEPDOWN (Place Two) is the only
    supported housing (provision) that takes them: Housing First names another cohort,
    and the council's advice line and the tenancy line give information only."""
    rows = base_rows(TODAY)
    rows["cohorts"].append({"id": "COH-WARD", "name": "Leaving wards", "area_id": ICB,
                            "estimated_size": "80", "min_age": "18", "need_housing": "80",
                            "types_needed": types_needed})
    rows["services"].append(service("STEPDOWN", "Step-down supported housing", "PR-VCS",
                                    PLACE2, "housing", "provision", kind="housing",
                                    min_age=18, capacity=14))
    return rows


def _needs(res: object, attr: str) -> set[tuple[str, str]]:
    return {(n.cohort_id, n.domain) for n in getattr(res, attr)}


def test_decommissioning_the_only_supported_housing_orphans_ward_leavers(
        eco: Ecosystem) -> None:
    load(eco, _rows("housing:provision"))
    before = eco.orphans(today=TODAY)
    assert ("COH-WARD", "housing") not in _needs(before, "orphaned")
    res = eco.what_if(["STEPDOWN"], today=TODAY)
    (ward,) = [n for n in res.newly_orphaned if n.cohort_id == "COH-WARD"]
    assert ward.domain == "housing" and ward.types == ("provision",)
    turned = dict(ward.turned_away)
    assert turned["ADVICE"] == "type of support: gives information; the need is for provision"
    assert "TENANCY" in turned and "HF" in turned
    assert "for provision support" in ward.why


def test_a_need_naming_no_type_is_met_by_any_type(eco: Ecosystem) -> None:
    load(eco, _rows(""))
    res = eco.what_if(["STEPDOWN"], today=TODAY)
    assert "COH-WARD" not in {n.cohort_id for n in res.newly_orphaned}  # advice still "meets"
    after = eco.orphans(today=TODAY)
    assert ("COH-WARD", "housing") not in _needs(after, "orphaned")


def test_two_types_either_meets_it(eco: Ecosystem) -> None:
    """housing: provision or care: Place Two's supported housing (care) still meets it."""
    load(eco, _rows("housing:provision; housing:care"))
    res = eco.what_if(["STEPDOWN"], today=TODAY)
    assert "COH-WARD" not in {n.cohort_id for n in res.newly_orphaned}


@pytest.mark.no_neo4j
def test_types_needed_is_checked_at_import() -> None:
    rows = _rows("housing:provision")
    records = {"areas": rows["areas"], "cohorts": rows["cohorts"]}
    tables, _ = tables_from_records(records)
    assert validate(tables, Known())[1] == []
    for bad in ("housing", "work:cash", "home:care"):
        rows["cohorts"][-1]["types_needed"] = bad
        tables, _ = tables_from_records(records)
        issues = validate(tables, Known())[1]
        assert [i.column for i in issues] == ["types_needed"], (bad, issues)
