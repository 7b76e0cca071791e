"""Drop-down lists (data validation) in the XLSX template and the current-data workbook:
every coded column offers its allowed values, listed with their labels on a sheet of their
own (issue 13)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from ecosystem import Ecosystem
from ecosystem.exports import ALLOWED_SHEET
from ecosystem.importers.schema import ENTITY_BY_NAME, columns
from ecosystem.importers.templates import CODED_COLUMNS, write_blank
from ecosystem.vocabulary import IMPORT_ANSWERS, LISTS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SHIPPED = FIXTURES / "templates" / "ecosystem-import.xlsx"
EXAMPLE = FIXTURES / "example"


def allowed(wb: Workbook) -> dict[str, dict[str, str]]:
    ws = wb[ALLOWED_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("list", "value", "label")
    out: dict[str, dict[str, str]] = {}
    for name, value, text in rows[1:]:
        out.setdefault(str(name), {})[str(value)] = str(text)
    return out


def drop_downs(wb: Workbook, sheet: str) -> dict[str, tuple[list[str], bool]]:
    """column -> (the values its drop-down offers, whether other values are refused)."""
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    values = wb[ALLOWED_SHEET]
    out = {}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list"
        ref = str(dv.formula1)
        assert ref.startswith(f"'{ALLOWED_SHEET}'!$B$")
        first, last = (int(x.split("$")[-1]) for x in ref.split("!")[1].split(":"))
        offered = [str(values.cell(row=r, column=2).value) for r in range(first, last + 1)]
        for rng in dv.sqref.ranges:
            assert rng.min_row == 2 and rng.max_row == 1048576
            out[str(header[rng.min_col - 1])] = (offered, bool(dv.showErrorMessage))
    return out


def check_workbook(wb: Workbook) -> None:
    every = {**LISTS, **IMPORT_ANSWERS}
    lists = allowed(wb)
    for sheet, coded in CODED_COLUMNS.items():
        if sheet not in wb.sheetnames:  # the current data has no people sheets
            assert sheet in ("people", "journey_events")
            continue
        got = drop_downs(wb, sheet)
        assert set(got) == set(coded), sheet
        for column, (list_name, strict) in coded.items():
            assert column in columns(ENTITY_BY_NAME[sheet]), (sheet, column)
            offered, refuses = got[column]
            assert offered == list(every[list_name]), (sheet, column)
            assert refuses is strict, (sheet, column)
            assert lists[list_name] == dict(every[list_name])  # with their labels


@pytest.mark.no_neo4j
def test_the_template_has_drop_downs(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_blank(path)
    wb = load_workbook(path)
    check_workbook(wb)
    assert "people" in wb.sheetnames
    assert drop_downs(wb, "services")["status"] == (list(LISTS["service_status"]), True)
    assert allowed(wb)["domain"]["housing"] == LISTS["domain"]["housing"]
    shipped = load_workbook(SHIPPED)  # the shipped copy was made with them
    check_workbook(shipped)


@pytest.mark.no_neo4j
def test_every_coded_column_of_the_schema_has_one() -> None:
    """A column whose model checks it against a list, and is not free text, has a drop-down:
    the columns whose values the schema's Literal or _check_members takes."""
    from typing import Literal, get_args, get_origin

    for name, cols in CODED_COLUMNS.items():
        model = ENTITY_BY_NAME[name].model
        for column, field in model.model_fields.items():
            ann = field.annotation
            literal = get_origin(ann) is Literal or any(
                get_origin(a) is Literal for a in get_args(ann))
            if literal:
                assert column in cols, (name, column)


def test_the_current_data_workbook_has_drop_downs(eco: Ecosystem) -> None:
    assert eco.import_path(EXAMPLE).ok
    body = eco.export_current("xlsx")
    assert body is not None
    wb = load_workbook(io.BytesIO(body))
    check_workbook(wb)
    assert wb["services"].max_row > 1  # the data is there too
