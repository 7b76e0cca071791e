"""Uploads are capped in shape before they are opened: rows, columns, the uncompressed size
of a workbook, and the problems inlined in the page (issue 16 §2)."""

from __future__ import annotations

import base64
import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from web import upload_limits


def _upload(client: FlaskClient, paths: list[Path]):  # type: ignore[no-untyped-def]
    page = client.get("/data/").get_data(as_text=True)
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m
    return client.post("/data/upload", content_type="multipart/form-data", data={
        "csrf_token": m.group(1), "files": [(io.BytesIO(p.read_bytes()), p.name) for p in paths]})


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_too_many_columns_is_refused_before_reading(client: FlaskClient, eco: Ecosystem,
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_limits, "MAX_COLUMNS", 20)
    p = _write_csv(tmp_path / "people.csv", [f"c{i}" for i in range(21)], [["x"] * 21])
    r = _upload(client, [p])
    assert r.status_code == 413 and "people.csv has 21 columns" in r.get_data(as_text=True)


def test_too_many_rows_is_refused(client: FlaskClient, eco: Ecosystem, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_limits, "MAX_ROWS", 5)
    p = _write_csv(tmp_path / "providers.csv", ["id", "name"],
                   [[f"p{i}", f"Provider {i}"] for i in range(6)])
    r = _upload(client, [p])
    assert r.status_code == 413 and "more than 5 rows" in r.get_data(as_text=True)
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "providers"
    ws.append(["id", "name"])
    for i in range(6):
        ws.append([f"p{i}", f"Provider {i}"])
    book = tmp_path / "area.xlsx"
    wb.save(book)
    r = _upload(client, [book])
    assert r.status_code == 413 and "more than 5 rows" in r.get_data(as_text=True)
    assert eco.counts().get("Provider", 0) == 0


def test_a_workbook_too_large_uncompressed_is_refused(client: FlaskClient, eco: Ecosystem,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_limits, "MAX_UNCOMPRESSED", 1_000_000)
    book = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b" " * 2_000_000)
    assert book.stat().st_size < 50_000
    r = _upload(client, [book])
    assert r.status_code == 413 and "uncompressed" in r.get_data(as_text=True)


def test_the_inlined_problems_csv_stops_at_its_limit_and_says_so(
        client: FlaskClient, eco: Ecosystem, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload_limits, "MAX_PROBLEMS_CSV", 3)
    p = _write_csv(tmp_path / "providers.csv", ["id", "name", "sector"],
                   [[f"p{i}", f"Provider {i}", "not a sector"] for i in range(6)])
    r = _upload(client, [p])
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    m = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', page)
    assert m
    rows = list(csv.reader(io.StringIO(base64.b64decode(m.group(1)).decode("utf-8-sig"))))
    assert len(rows) == 1 + 3 + 1 and rows[-1][0] == "(truncated)"
    assert "first 3 of 6" in page
