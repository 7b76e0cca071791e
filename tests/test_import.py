"""Importing an area's data: every format, idempotence, updates, and every kind of bad input."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TEST_KEY

from ecosystem import Ecosystem
from ecosystem.cli import cli
from ecosystem.importers.templates import write_blank

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "example"
SYSTEM = ("Import", "AuditEntry", "User")  # the record of imports, not the map
EXPECTED = {"Area": 2, "Provider": 2, "Commissioner": 2, "Cohort": 1, "Service": 3,
            "Contract": 2, "Person": 2, "Event": 6}


def data_counts(eco: Ecosystem) -> dict[str, int]:
    return {k: v for k, v in eco.counts().items() if k in EXPECTED and v}


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def copy_example(tmp_path: Path) -> Path:
    dest = tmp_path / "area"
    shutil.copytree(EXAMPLE, dest)
    return dest


def to_workbook(folder: Path, out: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for f in sorted(folder.glob("*.csv")):
        ws = wb.create_sheet(f.stem)
        with open(f, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                ws.append(row)
    wb.save(out)
    return out


def test_csv_folder_imports_everything(eco: Ecosystem) -> None:
    report = eco.import_path(EXAMPLE)
    assert report.ok, [str(i) for i in report.issues]
    assert data_counts(eco) == EXPECTED
    assert report.counts["services"].created == 3


def test_xlsx_workbook_imports_the_same(eco: Ecosystem, tmp_path: Path) -> None:
    book = to_workbook(EXAMPLE, tmp_path / "area.xlsx")
    report = eco.import_path(book)
    assert report.ok, [str(i) for i in report.issues]
    assert data_counts(eco) == EXPECTED


def test_json_imports_the_same(eco: Ecosystem, tmp_path: Path) -> None:
    doc = {f.stem: read_csv(f) for f in EXAMPLE.glob("*.csv")}
    path = tmp_path / "area.json"
    path.write_text(json.dumps(doc))
    report = eco.import_path(path)
    assert report.ok, [str(i) for i in report.issues]
    assert data_counts(eco) == EXPECTED


def test_blank_templates_import_cleanly(eco: Ecosystem, tmp_path: Path) -> None:
    write_blank(tmp_path / "blank")
    write_blank(tmp_path / "blank.xlsx")
    for path in (tmp_path / "blank", tmp_path / "blank.xlsx"):
        report = eco.import_path(path)
        assert report.ok, [str(i) for i in report.issues]
    assert data_counts(eco) == {}


@pytest.mark.no_neo4j
def test_shipped_templates_match_the_schema(tmp_path: Path) -> None:
    write_blank(tmp_path / "fresh")
    for f in (ROOT / "fixtures" / "templates").glob("*.csv"):
        assert f.read_text() == (tmp_path / "fresh" / f.name).read_text(), f.name


def test_reimport_changes_nothing(eco: Ecosystem) -> None:
    eco.import_path(EXAMPLE)
    before = eco.fingerprint(exclude=SYSTEM)
    report = eco.import_path(EXAMPLE)
    assert eco.fingerprint(exclude=SYSTEM) == before
    assert all(c.created == 0 and c.updated == 0 for c in report.counts.values())
    assert report.counts["journey_events"].unchanged == 6


def test_changed_row_is_updated(eco: Ecosystem, tmp_path: Path) -> None:
    eco.import_path(EXAMPLE)
    area = copy_example(tmp_path)
    rows = read_csv(area / "services.csv")
    rows[1]["capacity"] = "55"
    rows[1]["domains"] = "work;citizenship"
    with open(area / "services.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    report = eco.import_path(area)
    assert report.counts["services"].updated == 1
    assert report.counts["services"].unchanged == 2
    assert data_counts(eco) == EXPECTED


def _break(area: Path, file: str, edit) -> None:  # type: ignore[no-untyped-def]
    path = area / file
    rows = read_csv(path)
    header = list(rows[0]) if rows else []
    rows, header = edit(rows, header)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def _set(i: int, col: str, value: str):  # type: ignore[no-untyped-def]
    def edit(rows, header):  # type: ignore[no-untyped-def]
        rows[i][col] = value
        return rows, header
    return edit


def _drop_column(col: str):  # type: ignore[no-untyped-def]
    def edit(rows, header):  # type: ignore[no-untyped-def]
        return rows, [h for h in header if h != col]
    return edit


def _duplicate_first(rows, header):  # type: ignore[no-untyped-def]
    return rows + [dict(rows[0])], header


BAD_INPUTS = [
    ("missing column", "services.csv", _drop_column("provider_id"),
     ("services.csv", 1, "provider_id", "provider_id is a required column: add it")),
    ("wrong type", "contracts.csv", _set(0, "annual_value", "lots"),
     ("contracts.csv", 2, "annual_value", "annual_value must be an amount in pounds")),
    ("bad date", "contracts.csv", _set(1, "start_date", "31/02/2024"),
     ("contracts.csv", 3, "start_date", "start_date must be a date, like 2024-04-01")),
    ("unknown reference", "services.csv", _set(2, "provider_id", "nobody"),
     ("services.csv", 4, "provider_id", "provider_id must be the id of a provider")),
    ("duplicate id", "services.csv", _duplicate_first,
     ("services.csv", 5, "id", "id must be unique in this file, but row 2 has the same id")),
    ("unknown life domain", "services.csv", _set(0, "domains", "gardening"),
     ("services.csv", 2, "domains", "domains must be life domains from")),
    ("unknown column", "providers.csv", lambda r, h: (r, h + ["colour"]),
     ("providers.csv", 1, "colour", "colour is not a column of providers")),
]


@pytest.mark.parametrize("label,file,edit,expected", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_names_file_row_field_and_writes_nothing(
        eco: Ecosystem, tmp_path: Path, label: str, file: str, edit, expected) -> None:  # type: ignore[no-untyped-def]
    area = copy_example(tmp_path)
    _break(area, file, edit)
    before = eco.fingerprint(exclude=("AuditEntry",))
    report = eco.import_path(area)
    assert not report.ok and not report.written
    origin, row, column, text = expected
    assert any(i.origin == origin and i.row == row and i.column == column and text in str(i)
               for i in report.issues), [str(i) for i in report.issues]
    assert eco.fingerprint(exclude=("AuditEntry",)) == before


def test_empty_file_is_an_error(eco: Ecosystem, tmp_path: Path) -> None:
    area = copy_example(tmp_path)
    (area / "providers.csv").write_text("")
    report = eco.import_path(area)
    assert any(i.origin == "providers.csv" and "empty" in i.message for i in report.issues)
    assert data_counts(eco) == {}


def test_wrong_encoding_is_an_error(eco: Ecosystem, tmp_path: Path) -> None:
    area = copy_example(tmp_path)
    text = (area / "providers.csv").read_text() + "ex-cafe,Café Ünïon,vcse,\n"
    (area / "providers.csv").write_bytes(text.encode("cp1252"))
    report = eco.import_path(area)
    assert any(i.origin == "providers.csv" and "UTF-8" in i.message for i in report.issues)
    assert data_counts(eco) == {}


def test_names_and_nhs_numbers_are_refused(eco: Ecosystem, tmp_path: Path) -> None:
    area = copy_example(tmp_path)
    _break(area, "people.csv", lambda r, h: ([{**x, "nhs_number": "9434765919"} for x in r],
                                             h + ["nhs_number"]))
    report = eco.import_path(area)
    assert any(i.column == "nhs_number" and "identifiers" in i.message for i in report.issues)
    assert data_counts(eco) == {}


def test_skip_invalid_imports_the_rest_and_lists_rejects(eco: Ecosystem, tmp_path: Path) -> None:
    area = copy_example(tmp_path)
    _break(area, "services.csv", _set(2, "provider_id", "nobody"))
    runner = CliRunner()
    rejects = tmp_path / "rejects.csv"
    env = {"NEO4J_URI": eco.settings.neo4j_uri or "", "NEO4J_PASSWORD":
           eco.settings.neo4j_password or "", "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY,
           "ECOSYSTEM_DATA_DIR": str(tmp_path)}
    result = runner.invoke(cli, ["import", str(area), "--skip-invalid", "--rejects",
                                 str(rejects)], env=env)
    assert result.exit_code == 0, result.output
    counts = data_counts(eco)
    assert counts["Service"] == 2
    # the contract and the journey events for the rejected service are rejected with it
    rows = read_csv(rejects)
    assert rows[0]["file"] == "services.csv" and rows[0]["row"] == "4"
    assert {r["file"] for r in rows} >= {"services.csv", "contracts.csv"}


def test_cli_import_failure_says_nothing_was_imported(eco: Ecosystem, tmp_path: Path) -> None:
    area = copy_example(tmp_path)
    _break(area, "contracts.csv", _set(0, "annual_value", "lots"))
    env = {"NEO4J_URI": eco.settings.neo4j_uri or "", "NEO4J_PASSWORD":
           eco.settings.neo4j_password or "", "ECOSYSTEM_PSEUDONYM_KEY": TEST_KEY}
    result = CliRunner().invoke(cli, ["import", str(area)], env=env)
    assert result.exit_code == 1
    assert "contracts.csv, row 2, column 'annual_value'" in result.output
    assert "Nothing was imported" in result.output
    assert data_counts(eco) == {}


def test_no_raw_identifier_reaches_the_graph(eco: Ecosystem) -> None:
    report = eco.import_path(EXAMPLE)
    assert report.ok
    raw = {r["person_ref"] for r in read_csv(EXAMPLE / "people.csv")}
    raw |= {r["event_ref"] for r in read_csv(EXAMPLE / "journey_events.csv")}
    assert eco.find_text(sorted(raw)) == []
    # the check itself finds what is there
    assert "Example Advice Centre" in eco.find_text(["Example Advice"])  # also in its history


def test_pseudonyms_depend_on_the_key(eco: Ecosystem) -> None:
    from ecosystem.importers.pseudonymise import pseudonym

    assert pseudonym("LOCAL-0001", "a") != pseudonym("LOCAL-0001", "b")
    assert pseudonym("LOCAL-0001", "a") == pseudonym(" LOCAL-0001 ", "a")


def test_problems_never_repeat_a_raw_person_identifier(eco: Ecosystem, tmp_path: Path) -> None:
    area = copy_example(tmp_path)
    _break(area, "journey_events.csv", _set(0, "person_ref", "NHS-9434765919"))
    report = eco.import_path(area)
    issue = next(i for i in report.issues if i.column == "person_ref")
    assert issue.row == 2 and "9434765919" not in str(issue)
    report.write_rejects(tmp_path / "rejects.csv")
    assert "9434765919" not in (tmp_path / "rejects.csv").read_text()
