"""The services list's downloads never carry a formula into a spreadsheet (a hand-built
area whose names start like formulas)."""

from __future__ import annotations

import copy
import io

from conftest import SMALL_AREA
from flask.testing import FlaskClient
from openpyxl import load_workbook

from ecosystem import Ecosystem


def _formula_area(eco: Ecosystem) -> None:
    tables = copy.deepcopy(SMALL_AREA)
    tables["services"][0]["name"] = '=HYPERLINK("http://evil.example","Housing")'
    tables["providers"][0]["name"] = "+Riverside Mind"
    tables["commissioners"][1]["name"] = "@Riverside Council"
    report = eco.import_tables(tables)
    assert report.ok, [i.message for i in report.issues]


def test_csv_cells_never_start_a_formula(client: FlaskClient, eco: Ecosystem) -> None:
    _formula_area(eco)
    text = client.get("/services?format=csv").get_data(as_text=True)
    assert "'=HYPERLINK(" in text and "'+Riverside Mind" in text
    assert "'@Riverside Council" in text
    for line in text.lstrip("\ufeff").splitlines():
        for cell in line.split(","):
            assert not cell.strip('"').startswith(("=", "+", "-", "@")), line


def test_xlsx_cells_never_hold_a_formula(client: FlaskClient, eco: Ecosystem) -> None:
    _formula_area(eco)
    ws = load_workbook(io.BytesIO(client.get("/services?format=xlsx").data)).active
    assert ws is not None
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == "'=HYPERLINK(\"http://evil.example\",\"Housing\")" for c in cells)
    capacity = {row[1].value: row[6].value for row in ws.iter_rows(min_row=2)}
    assert capacity["svc-hf"] == 40


def test_an_empty_map_lists_no_services(client: FlaskClient) -> None:
    resp = client.get("/services")
    assert resp.status_code == 200
    assert "No services have been imported yet." in resp.get_data(as_text=True)


def test_a_short_list_is_one_page(client: FlaskClient, riverside: Ecosystem) -> None:
    # Longer lists, in pages: tests/test_list_pages.py.
    html = client.get("/services").get_data(as_text=True)
    assert "Showing all 3 services" in html and "nhsuk-pagination" not in html
    assert html.count('data-service="') == 3
    assert len(client.get("/services?format=csv").get_data(as_text=True).splitlines()) == 4
