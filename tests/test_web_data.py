"""The data page: upload CSV files or a workbook with the CLI's validation report, the blank
templates, and the admin's export. Uploads live only in a temporary folder."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from conftest import SMALL_AREA
from flask import Flask
from flask.testing import FlaskClient

from ecosystem import Ecosystem
from ecosystem.accounts import audit
from ecosystem.importers.schema import ENTITIES, columns
from ecosystem.importers.templates import write_csv_folder


def text(resp) -> str:  # type: ignore[no-untyped-def]
    return resp.get_data(as_text=True)


def token(client: FlaskClient) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get("/data/")))
    assert m
    return m.group(1)


def area_files(folder: Path, change: dict[tuple[str, str], dict[str, str]] | None = None
               ) -> list[Path]:
    """SMALL_AREA as import CSV files; `change` edits cells: {(entity, id): {column: value}}."""
    records = {k: [dict(r) for r in v] for k, v in SMALL_AREA.items()}
    for (entity, id), cells in (change or {}).items():
        row = next(r for r in records[entity] if r.get("id") == id)
        row.update(cells)
    write_csv_folder(records, folder)  # type: ignore[arg-type]
    return sorted(p for p in folder.iterdir() if p.stat().st_size > 0)


def upload(client: FlaskClient, paths: list[Path], skip_invalid: bool = False,
           csrf: bool = True):  # type: ignore[no-untyped-def]
    data: dict[str, object] = {"files": [(io.BytesIO(p.read_bytes()), p.name) for p in paths]}
    if csrf:
        data["csrf_token"] = token(client)
    if skip_invalid:
        data["skip_invalid"] = "1"
    return client.post("/data/upload", data=data, content_type="multipart/form-data")


def problems(page: str) -> list[tuple[str, str, str]]:
    return re.findall(r'data-origin="([^"]*)" data-row="([^"]*)" data-column="([^"]*)"', page)


def services(eco: Ecosystem) -> int:
    return eco.counts().get("Service", 0)


def test_data_page_offers_upload_templates_and_export(client: FlaskClient) -> None:
    page = text(client.get("/data/"))
    assert 'enctype="multipart/form-data"' in page and 'type="file" multiple' in page
    assert 'href="/data/templates.zip"' in page and 'href="/data/templates.xlsx"' in page
    assert 'href="/data/export.zip"' in page
    assert 'for="files"' in page and 'for="skip_invalid"' in page


def test_templates_download_as_csv_zip_and_workbook(client: FlaskClient) -> None:
    resp = client.get("/data/templates.zip")
    assert resp.status_code == 200 and resp.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(resp.get_data())) as z:
        assert sorted(z.namelist()) == sorted(f"{e.name}.csv" for e in ENTITIES)
        services_csv = z.read("services.csv").decode()
    assert next(csv.reader(io.StringIO(services_csv))) == columns(
        next(e for e in ENTITIES if e.name == "services"))
    resp = client.get("/data/templates.xlsx")
    assert resp.status_code == 200
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(resp.get_data()))
    assert wb.sheetnames[0] == "guide"
    # The tables, and the allowed values for the drop-down lists (a sheet the import skips).
    assert {n for n in wb.sheetnames[1:] if not n.startswith("_")} == {e.name for e in ENTITIES}


def test_valid_csv_folder_is_imported(client: FlaskClient, eco: Ecosystem,
                                      tmp_path: Path) -> None:
    resp = upload(client, area_files(tmp_path))
    page = text(resp)
    assert resp.status_code == 200, page
    assert "every row was valid and has been written" in page
    assert re.search(r"Services</th>\s*<td[^>]*>3</td>", page)
    assert services(eco) == 3
    entries = audit.entries(eco.graph)
    assert any(e.action == "import" and e.username == "test-admin" for e in entries)


def test_bad_csv_shows_file_row_and_field_and_writes_nothing(client: FlaskClient,
                                                             eco: Ecosystem,
                                                             tmp_path: Path) -> None:
    files = area_files(tmp_path, {("services", "svc-ips"): {"capacity": "lots"},
                                  ("contracts", "con-3"): {"annual_value": "=1+1"}})
    resp = upload(client, files)
    page = text(resp)
    assert resp.status_code == 422
    assert "Nothing was imported" in page
    found = problems(page)
    assert ("services.csv", "3", "capacity") in found, found
    assert ("contracts.csv", "4", "annual_value") in found, found
    assert "services.csv: 1 problem" in page
    # All the problems download as a formula-safe CSV (inlined: nothing is kept server-side).
    link = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', page)
    assert link
    rows = list(csv.reader(io.StringIO(base64.b64decode(link.group(1)).decode("utf-8-sig"))))
    assert rows[0] == ["file", "row", "column", "value", "problem"]
    assert ["services.csv", "3", "capacity", "lots"] == rows[[r[0] for r in rows].index(
        "services.csv")][:4]
    assert any(r[:4] == ["contracts.csv", "4", "annual_value", "'=1+1"] for r in rows), rows
    assert services(eco) == 0 and eco.counts().get("Provider", 0) == 0  # nothing written


def test_import_valid_rows_writes_the_rest(client: FlaskClient, eco: Ecosystem,
                                           tmp_path: Path) -> None:
    files = area_files(tmp_path, {("services", "svc-ips"): {"capacity": "lots"}})
    resp = upload(client, files, skip_invalid=True)
    page = text(resp)
    assert resp.status_code == 200
    assert "Imported the valid rows only" in page
    assert ("services.csv", "3", "capacity") in problems(page)
    assert services(eco) == 2


def test_a_chosen_folder_reads_only_its_csv_files(client: FlaskClient, eco: Ecosystem,
                                                  tmp_path: Path) -> None:
    files = area_files(tmp_path)
    data: dict[str, object] = {
        "csrf_token": token(client),
        "folder": [(io.BytesIO(p.read_bytes()), f"area/{p.name}") for p in files]
        + [(io.BytesIO(b"notes"), "area/GUIDE.md"), (io.BytesIO(b"x"), "area/.DS_Store")]}
    resp = client.post("/data/upload", data=data, content_type="multipart/form-data")
    assert resp.status_code == 200, text(resp)
    assert services(eco) == 3


def test_valid_workbook_is_imported(client: FlaskClient, eco: Ecosystem,
                                    tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for path in area_files(tmp_path / "csv"):
        ws = wb.create_sheet(path.stem)
        for row in csv.reader(io.StringIO(path.read_text())):
            ws.append(row)
    book = tmp_path / "area.xlsx"
    wb.save(book)
    resp = upload(client, [book])
    assert resp.status_code == 200, problems(text(resp))
    assert services(eco) == 3 and eco.counts().get("Contract", 0) == 3


def test_bad_workbook_names_the_sheet(client: FlaskClient, eco: Ecosystem,
                                      tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "areas"
    ws.append(["id", "name", "level"])
    ws.append(["E1", "Somewhere", "planet"])
    path = tmp_path / "area.xlsx"
    wb.save(path)
    resp = upload(client, [path])
    assert resp.status_code == 422
    assert ("area.xlsx:areas", "2", "level") in problems(text(resp))
    assert eco.counts().get("Area", 0) == 0


@pytest.mark.parametrize("name, content", [
    ("area.xlsx", b"PK\x03\x04 not really a workbook"),
    ("services.csv", b"\x00\x01\x02\xff\xfe binary"),
    ("services.csv", b""),
    ("nonsense.csv", b"id,name\nx,y\n"),
    ("services.csv", "id,name\n\u00e9\u00e8,\ufffd\n".encode("latin-1", "replace")),
])
def test_unreadable_files_give_a_report_not_an_error(client: FlaskClient, eco: Ecosystem,
                                                     tmp_path: Path, name: str,
                                                     content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    resp = upload(client, [path])
    page = text(resp)
    assert resp.status_code == 422, page[:500]
    assert "Nothing was imported" in page and problems(page)
    assert all(origin.startswith(name) for origin, _, _ in problems(page))
    assert tempfile.gettempdir() not in page  # no server paths in the report


@pytest.mark.parametrize("names, message", [
    (["notes.txt"], "is not a CSV file or an Excel workbook"),
    (["a.xlsx", "services.csv"], "not both or several"),
    ([], "Choose the CSV files, their folder or the Excel workbook"),
])
def test_wrong_files_are_refused_by_the_field(client: FlaskClient, tmp_path: Path,
                                              names: list[str], message: str) -> None:
    paths = []
    for n in names:
        (tmp_path / n).write_text("id\n")
        paths.append(tmp_path / n)
    resp = upload(client, paths)
    page = text(resp)
    assert resp.status_code == 400
    assert message in page and 'href="#files"' in page and 'id="files-error"' in page


def test_too_large_upload_is_refused(app: Flask, client: FlaskClient, tmp_path: Path) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 2000
    big = tmp_path / "services.csv"
    big.write_text("id,name\n" + "x,y\n" * 2000)
    resp = upload(client, [big])
    assert resp.status_code == 413
    assert "The upload is larger than" in text(resp)


def test_upload_limit_is_set(app: Flask) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] == 20 * 1024 * 1024


def test_uploads_are_deleted_after_the_import(client: FlaskClient, eco: Ecosystem,
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    files = area_files(tmp_path / "in", {("services", "svc-ips"): {"capacity": "lots"}})
    resp = upload(client, files)
    assert resp.status_code == 422
    assert list(spool.iterdir()) == []
    resp = upload(client, area_files(tmp_path / "ok"))
    assert resp.status_code == 200
    assert list(spool.iterdir()) == []


def test_upload_needs_the_csrf_token(client: FlaskClient, eco: Ecosystem,
                                     tmp_path: Path) -> None:
    resp = upload(client, area_files(tmp_path), csrf=False)
    assert resp.status_code == 400
    assert services(eco) == 0


def test_export_is_a_zip_of_the_backup_for_admins_and_audited(client: FlaskClient,
                                                              riverside: Ecosystem) -> None:
    resp = client.get("/data/export.zip")
    assert resp.status_code == 200 and resp.mimetype == "application/zip"
    assert "attachment" in resp.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(resp.get_data())) as z:
        assert sorted(z.namelist()) == ["manifest.json", "nodes.jsonl", "relationships.jsonl"]
        manifest = json.loads(z.read("manifest.json"))
        nodes = [json.loads(line) for line in z.read("nodes.jsonl").decode().splitlines()]
    assert manifest["nodes"] == len(nodes)
    assert sum("Service" in n["labels"] for n in nodes) == 3
    assert any(e.action == "export" for e in audit.entries(riverside.graph))


@pytest.mark.parametrize("role", ["commissioner", "analyst", "key_worker", "viewer"])
def test_only_admins_upload_or_export(login, role: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    c = login(role)
    assert c.get("/data/").status_code == 403
    assert c.get("/data/export.zip").status_code == 403
    assert c.post("/data/upload").status_code == 403
    assert c.get("/data/templates.zip").status_code == 200  # blank: no data
