"""What a council officer naturally writes is accepted, as the same stored row as the
canonical form, or refused with a plain sentence saying what to write (issue 13)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from ecosystem import Ecosystem
from ecosystem.importers import check_row, params, tables_from_records
from ecosystem.importers.readers import read_path
from ecosystem.importers.schema import Row
from ecosystem.importers.validate import Known, validate
from ecosystem.vocabulary import LISTS, OUTCOME_DOMAINS, OUTCOME_LABELS, _key, code_for

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "example"
KEY = "a test key, not secret"
KNOWN = Known(areas=frozenset({"E06000777"}), providers=frozenset({"ex-trust"}),
              commissioners=frozenset({"ex-icb"}), services=frozenset({"ex-ips", "ex-cmht"}),
              cohorts=frozenset({"ex-smi"}), people=frozenset({"P1"}))

CONTRACT = {"id": "k1", "commissioner_id": "ex-icb", "service_id": "ex-ips",
            "annual_value": "112000", "start_date": "2024-04-01"}
SERVICE = {"id": "s1", "name": "Advice", "provider_id": "ex-trust", "areas": "E06000777",
           "domains": "money", "sources": "specialist", "types": "information"}
PERSON = {"person_ref": "P1", "age_band": "18-24", "area_id": "E06000777"}
EVENT = {"event_ref": "E1", "person_ref": "P1", "service_id": "ex-ips", "type": "outcome",
         "date": "2025-01-06"}


def row_of(entity: str, **cells: Any) -> Row:
    base = {"contracts": CONTRACT, "services": SERVICE, "people": PERSON,
            "journey_events": EVENT}[entity]
    row, issues = check_row(entity, {**base, **cells}, KNOWN)
    assert row is not None, [str(i) for i in issues]
    return row


def problems(entity: str, **cells: Any) -> list[str]:
    base = {"contracts": CONTRACT, "services": SERVICE, "people": PERSON,
            "journey_events": EVENT}[entity]
    row, issues = check_row(entity, {**base, **cells}, KNOWN)
    assert row is None and issues
    return [i.message for i in issues]


def hash_of(entity: str, row: Row) -> str:
    return str(params.to_params(entity, row, KEY)["row_hash"])


# --- dates --------------------------------------------------------------------------------


@pytest.mark.no_neo4j
@pytest.mark.parametrize("written", ["01-04-2024", "01/04/24", "1 April 2024", "2024/04/01",
                                     "1st Apr 2024", "01.04.2024", "2024-04-01 00:00:00",
                                     dt.datetime(2024, 4, 1), dt.date(2024, 4, 1)])
def test_dates_as_people_write_them_are_the_same_row(written: Any) -> None:
    row = row_of("contracts", start_date=written)
    assert row.start_date == dt.date(2024, 4, 1)  # type: ignore[attr-defined]
    assert hash_of("contracts", row) == hash_of("contracts", row_of("contracts"))


@pytest.mark.no_neo4j
@pytest.mark.parametrize("written", ["31/02/2024", "2024-13-01", "soon", "01/04", "4/1/2024x"])
def test_impossible_dates_say_what_to_write(written: str) -> None:
    assert problems("contracts", start_date=written) == [
        "start_date must be a date, like 2024-04-01 or 01/04/2024"]


@pytest.mark.no_neo4j
def test_excel_date_cells_are_dates(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "contracts"
    ws.append(list(CONTRACT))
    ws.append([*list(CONTRACT.values())[:4], dt.datetime(2024, 4, 1)])
    wb.save(tmp_path / "book.xlsx")
    tables, read_issues = read_path(tmp_path / "book.xlsx")
    valid, issues = validate(tables, KNOWN)
    assert not read_issues and not issues, [str(i) for i in issues]
    assert valid.rows["contracts"][0][2].start_date == dt.date(2024, 4, 1)  # type: ignore[attr-defined]


# --- money, numbers, ages -----------------------------------------------------------------


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("written", "pounds"), [
    ("£8.4m", 8_400_000), ("£8,400k", 8_400_000), ("8,400,000", 8_400_000), ("£35", 35),
    ("£12,500.50", 12_500.5), ("£1.2bn", 1_200_000_000), ("8.4 million", 8_400_000),
])
def test_money_as_people_write_it(written: str, pounds: float) -> None:
    row = row_of("contracts", annual_value=written)
    assert row.annual_value == pounds  # type: ignore[attr-defined]
    assert hash_of("contracts", row) == \
        hash_of("contracts", row_of("contracts", annual_value=str(pounds)))


@pytest.mark.no_neo4j
@pytest.mark.parametrize("written", ["8,4", "lots", "£", "£-5", "1,00,000"])
def test_money_that_is_not_says_what_to_write(written: str) -> None:
    assert problems("contracts", annual_value=written) == [
        "annual_value must be an amount in pounds, like 250000, £250,000 or £8.4m"]


@pytest.mark.no_neo4j
def test_numbers_and_fractions() -> None:
    assert row_of("contracts", capacity="1,200").capacity == 1200  # type: ignore[attr-defined]
    assert row_of("services", model_fidelity="85%").model_fidelity == 0.85  # type: ignore[attr-defined]
    assert problems("contracts", capacity="forty") == ["capacity must be a whole number, like 40"]
    assert problems("contracts", capacity="4.5") == ["capacity must be a whole number, like 40"]
    assert problems("contracts", capacity="-3") == ["capacity must be 0 or more, like 40"]


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("written", "band"), [
    ("18\u201324", "18-24"), ("18\u201424", "18-24"), ("18 to 24", "18-24"),
    ("18 - 24", "18-24"), ("65 and over", "65+"), ("65+", "65+"), ("16\u201317", "16-17"),
])
def test_age_bands_typed_with_dashes_or_to(written: str, band: str) -> None:
    row = row_of("people", age_band=written)
    assert row.age_band == band  # type: ignore[attr-defined]
    assert hash_of("people", row) == hash_of("people", row_of("people", age_band=band))


@pytest.mark.no_neo4j
def test_an_age_band_that_is_not_one() -> None:
    assert problems("people", age_band="17") == [
        "age_band must be an age band from: 16-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65+; "
        "'17' is not one"]


# --- codes as their labels, lists with commas ---------------------------------------------


@pytest.mark.no_neo4j
def test_labels_as_the_tool_prints_them_are_codes() -> None:
    row = row_of("services", domains="Rights, inclusion and citizenship; HOUSING",
                 sources="Peer workers", types="Information and signposting",
                 status="Closed", severity="Severe mental illness", kind="Advice",
                 model_id="Welfare rights advice", benefit_status="Universal Credit; ESA",
                 housing_status="Private tenant")
    canonical = row_of("services", domains="citizenship; housing", sources="peer",
                       types="information", status="closed", severity="severe",
                       kind="advice", model_id="welfare-advice", benefit_status="uc; esa",
                       housing_status="private_tenant")
    assert row == canonical
    assert hash_of("services", row) == hash_of("services", canonical)
    event = row_of("journey_events", type="Outcome recorded", outcome="Debt resolved")
    assert (event.type, event.outcome) == ("outcome", "debt_resolved")  # type: ignore[attr-defined]


@pytest.mark.no_neo4j
def test_referral_methods_as_their_labels() -> None:
    row = row_of("services", self_referral="yes",
                 referral_methods="Self-referral by phone: 01632 960000; Drop in")
    assert row.referral_methods == ["self_referral_phone: 01632 960000", "drop_in"]  # type: ignore[attr-defined]


@pytest.mark.no_neo4j
def test_other_coded_columns_take_labels() -> None:
    tables, _ = tables_from_records({
        "areas": [{"id": "A1", "name": "An ICB", "level": "Integrated care board"}],
        "providers": [{"id": "p9", "name": "A charity",
                       "sector": "Voluntary, community or social enterprise"}],
        "commissioners": [{"id": "c9", "name": "PCC", "kind": "Police and crime commissioner"}],
    })
    valid, issues = validate(tables, Known())
    assert not issues, [str(i) for i in issues]
    assert [r.level for _, _, r in valid.rows["areas"]] == ["icb"]  # type: ignore[attr-defined]
    assert [r.sector for _, _, r in valid.rows["providers"]] == ["vcse"]  # type: ignore[attr-defined]
    assert [r.kind for _, _, r in valid.rows["commissioners"]] == \
        ["police_crime_commissioner"]  # type: ignore[attr-defined]


@pytest.mark.no_neo4j
def test_every_coded_column_takes_each_of_its_labels() -> None:
    """What the drop-down lists offer (coded_columns, vocabulary.choices) is accepted."""
    from ecosystem.importers.schema import ENTITY_BY_NAME, coded_columns
    from ecosystem.vocabulary import choices

    assert coded_columns(ENTITY_BY_NAME["people"])["age_band"] == "age_band"
    for name in ("services", "people", "journey_events", "areas", "providers",
                 "commissioners", "cohorts"):
        for column, kind in coded_columns(ENTITY_BY_NAME[name]).items():
            for code, name_ in choices(kind):
                assert code_for(kind, name_.upper()) == code, (name, column, name_)


@pytest.mark.no_neo4j
def test_no_two_codes_of_a_list_are_written_the_same() -> None:
    for kind, labels in LISTS.items():
        keys: dict[str, str] = {}
        for code, name in labels.items():
            for text in {_key(code), _key(name)}:
                assert keys.setdefault(text, code) == code, (kind, text)


@pytest.mark.no_neo4j
def test_commas_where_semicolons_are_expected_when_unambiguous() -> None:
    row = row_of("services", domains="housing, money", areas="E06000777, E06000777",
                 sources="peer,specialist", languages="English, Polish")
    canonical = row_of("services", domains="housing; money", areas="E06000777; E06000777",
                       sources="peer; specialist", languages="English; Polish")
    assert row == canonical and hash_of("services", row) == hash_of("services", canonical)
    mixed = row_of("services", domains="housing, Rights, inclusion and citizenship, money")
    assert mixed.domains == ["housing", "citizenship", "money"]  # type: ignore[attr-defined]


@pytest.mark.no_neo4j
def test_commas_that_could_be_part_of_a_value_say_use_semicolons() -> None:
    assert problems("services", conditions="anxiety, depression") == [
        "separate values with semicolons, like 'psychosis; bipolar disorder'"]
    assert row_of("services", conditions="anxiety; depression").conditions == \
        ["anxiety", "depression"]  # type: ignore[attr-defined]


@pytest.mark.no_neo4j
def test_an_unknown_code_in_a_list_is_named() -> None:
    (message,) = problems("services", domains="housing, moneyy")
    assert message.startswith("domains must be life domains from: housing, money")
    assert message.endswith("'moneyy' is not one")


# --- plain English ------------------------------------------------------------------------

BAD_CELLS: list[tuple[str, str, Any]] = [
    ("services", "capacity", "forty"), ("services", "waiting_days", "-1"),
    ("services", "unit_cost", "cheap"), ("services", "model_fidelity", "2"),
    ("services", "self_referral", "maybe"), ("services", "end_date", "someday"),
    ("services", "areas", "not an id"), ("services", "id", "has space"),
    ("services", "name", None), ("services", "in_work", "sometimes"),
    ("services", "severity", 5), ("services", "cohorts", 5),
    ("services", "colour", "red"), ("services", "min_age", "12.5"),
    ("contracts", "end_date", "2020-01-01"), ("people", "in_work", "perhaps"),
    ("journey_events", "type", "phoned"), ("journey_events", "outcome", "happy"),
]


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("entity", "column", "value"), BAD_CELLS)
def test_every_problem_is_a_plain_sentence_naming_its_column(
        entity: str, column: str, value: Any) -> None:
    for message in problems(entity, **{column: value}):
        assert "Input should" not in message and "Value error" not in message, message
        assert "pydantic" not in message and "type=" not in message, message
        assert message.startswith(column) or message.startswith("separate"), message


# --- headers and delimiters ---------------------------------------------------------------


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)


@pytest.mark.no_neo4j
def test_headers_in_any_case_with_stray_spaces(tmp_path: Path) -> None:
    _write(tmp_path / "Contracts.csv", [
        [" ID", "Commissioner ID ", "SERVICE_ID", "Annual value (£)", "Start date*"],
        ["k1", "ex-icb", "ex-ips", "£112,000", "01/04/2024"]])
    tables, read_issues = read_path(tmp_path)
    valid, issues = validate(tables, KNOWN)
    assert not read_issues and not issues, [str(i) for i in read_issues + issues]
    (_, _, row), = valid.rows["contracts"]
    assert row == row_of("contracts")


@pytest.mark.no_neo4j
def test_a_header_named_twice_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path / "contracts.csv", [[*CONTRACT, "Start Date"], [*CONTRACT.values(), "x"]])
    _, read_issues = read_path(tmp_path)
    assert [i.message for i in read_issues] == [
        "start_date is in the header row twice (columns 5 and 6): keep one"]


@pytest.mark.no_neo4j
def test_semicolon_delimited_csv_from_excel_is_read(tmp_path: Path) -> None:
    _write(tmp_path / "services.csv", [list(SERVICE), list(SERVICE.values())], delimiter=";")
    _write(tmp_path / "contracts.csv", [list(CONTRACT), list(CONTRACT.values())], delimiter=";")
    tables, read_issues = read_path(tmp_path)
    valid, issues = validate(tables, KNOWN)
    assert not read_issues and not issues, [str(i) for i in read_issues + issues]
    assert valid.rows["services"][0][2] == row_of("services")
    assert valid.rows["contracts"][0][2] == row_of("contracts")


@pytest.mark.no_neo4j
def test_semicolon_csv_with_a_quoted_list_cell(tmp_path: Path) -> None:
    _write(tmp_path / "services.csv", [list(SERVICE),
                                       [*list(SERVICE.values())[:4], "housing; money",
                                        *list(SERVICE.values())[5:]]], delimiter=";")
    tables, _ = read_path(tmp_path)
    valid, issues = validate(tables, KNOWN)
    assert not issues, [str(i) for i in issues]
    assert valid.rows["services"][0][2].domains == ["housing", "money"]  # type: ignore[attr-defined]


# --- references in the same pass ----------------------------------------------------------


@pytest.mark.no_neo4j
def test_reference_errors_are_reported_with_field_errors() -> None:
    tables, _ = tables_from_records({
        "services": [{**SERVICE, "capacity": "forty", "provider_id": "no-such-provider",
                      "areas": "E06000777; E0600077"}],
        "contracts": [{**CONTRACT, "annual_value": "lots", "commissioner_id": "nobody"}],
        "journey_events": [{**EVENT, "date": "soon", "service_id": "gone",
                            "person_ref": "P-unknown"}],
    })
    _, issues = validate(tables, KNOWN, lambda _refs: set())
    got = {(i.origin, i.column, i.value) for i in issues}
    assert {("data:services", "capacity", "forty"),
            ("data:services", "provider_id", "no-such-provider"),
            ("data:services", "areas", "E0600077"),
            ("data:contracts", "annual_value", "lots"),
            ("data:contracts", "commissioner_id", "nobody"),
            ("data:journey_events", "date", "soon"),
            ("data:journey_events", "service_id", "gone"),
            ("data:journey_events", "person_ref", "(withheld: an identifier)")} <= got


@pytest.mark.no_neo4j
def test_a_reference_to_a_row_of_this_import_with_problems_is_not_repeated() -> None:
    """The provider is in the file (its own row is wrong): fixing that row fixes the
    service's reference, so only the provider's problem is reported for it."""
    tables, _ = tables_from_records({
        "providers": [{"id": "p-new", "name": "New", "sector": "bogus"}],
        "services": [{**SERVICE, "provider_id": "p-new", "capacity": "forty"}],
    })
    _, issues = validate(tables, KNOWN)
    assert {i.column for i in issues} == {"sector", "capacity"}


# --- one row, as an edit form would check it ----------------------------------------------


@pytest.mark.no_neo4j
def test_check_row_gives_the_row_or_its_problems_by_field() -> None:
    row, issues = check_row("services", {**SERVICE, "capacity": "1,200"}, KNOWN)
    assert row is not None and not issues and row.capacity == 1200  # type: ignore[attr-defined]
    row, issues = check_row("services", {**SERVICE, "capacity": "x", "provider_id": "zz"},
                            KNOWN, origin="edit form")
    assert row is None
    assert [(i.origin, i.row, i.column, i.message) for i in issues] == [
        ("edit form", None, "capacity", "capacity must be a whole number, like 40"),
        ("edit form", None, "provider_id", "provider_id must be the id of a provider in this "
                                           "import (on a row without problems) or already in "
                                           "the map")]


# --- outcomes -----------------------------------------------------------------------------


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("written", "code"), [("family support in place", "family_support"),
                                               ("Rights upheld", "rights_upheld")])
def test_outcomes_the_domains_need(written: str, code: str) -> None:
    assert row_of("journey_events", outcome=written).outcome == code  # type: ignore[attr-defined]


@pytest.mark.no_neo4j
def test_the_guide_lists_every_outcome_with_its_name_and_domain() -> None:
    text = (ROOT / "fixtures" / "templates" / "GUIDE.md").read_text().split("\nOutcomes (")[1]
    text = text.split("\n\n", 2)[1]  # the table
    listed = dict(re.findall(r"^\| `(\w+)` \| ([^|]+?) \|", text, re.MULTILINE))
    assert listed == OUTCOME_LABELS
    for code, domain in OUTCOME_DOMAINS.items():
        assert re.search(rf"^\| `{code}` \| [^|]+ \| {domain} \|$", text, re.MULTILINE), code


@pytest.mark.no_neo4j
def test_the_guides_list_every_outcome() -> None:
    for doc in (ROOT / "fixtures" / "templates" / "GUIDE.md", ROOT / "docs" / "importing.md"):
        text = doc.read_text()
        missing = [c for c in OUTCOME_LABELS if not re.search(rf"`{c}`", text)]
        assert not missing, (doc.name, missing)


# --- end to end, against the map ----------------------------------------------------------


def _rewrite(path: Path, edit: Any, delimiter: str = ",") -> None:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows = edit(rows)
    _write(path, rows, delimiter)


def test_an_officers_spreadsheet_is_the_same_map_as_the_canonical_one(
        eco: Ecosystem, tmp_path: Path) -> None:
    assert eco.import_path(EXAMPLE).ok
    before = eco.fingerprint(exclude=("Import", "AuditEntry", "User"))
    area = tmp_path / "area"
    shutil.copytree(EXAMPLE, area)

    def contracts(rows: list[list[str]]) -> list[list[str]]:
        rows[0] = [h.replace("_", " ").title() for h in rows[0]]
        for r in rows[1:]:
            r[3] = f"£{int(r[3]):,}"
            y, m, d = r[4].split("-")
            r[4] = f"{d}/{m}/{y[2:]}"
        return rows

    def people(rows: list[list[str]]) -> list[list[str]]:
        for r in rows[1:]:
            r[1] = r[1].replace("-", "\u2013")
            r[4] = ", ".join(dict.fromkeys(x.strip() for x in r[4].split(";")))
        return rows

    def services(rows: list[list[str]]) -> list[list[str]]:
        rows[0] = [f" {h.upper()} " for h in rows[0]]
        for r in rows[1:]:
            r[6] = "; ".join({"citizenship": "Rights, inclusion and citizenship",
                              "work": "Work and education", "money": "Money and basic needs",
                              "housing": "HOUSING"}.get(d.strip(), d)
                             for d in r[6].split(";"))
        return rows

    _rewrite(area / "contracts.csv", contracts, delimiter=";")
    _rewrite(area / "people.csv", people)
    _rewrite(area / "services.csv", services, delimiter=";")
    report = eco.import_path(area)
    assert report.ok, [str(i) for i in report.issues]
    assert all(c.created == 0 and c.updated == 0 for c in report.counts.values()), \
        report.summary_lines()
    assert eco.fingerprint(exclude=("Import", "AuditEntry", "User")) == before


def test_check_row_against_the_map(eco: Ecosystem) -> None:
    assert eco.import_path(EXAMPLE).ok
    assert eco.check_row("contracts", {**CONTRACT, "id": "k-new"}) == []
    issues = eco.check_row("contracts", {**CONTRACT, "service_id": "ex-nothing",
                                         "start_date": "31/02/2024"})
    assert [(i.column, i.message) for i in issues] == [
        ("start_date", "start_date must be a date, like 2024-04-01 or 01/04/2024"),
        ("service_id", "service_id must be the id of a service in this import (on a row "
                       "without problems) or already in the map")]


def test_cli_reports_every_problem_in_plain_english_at_once(eco: Ecosystem,
                                                             tmp_path: Path) -> None:
    from click.testing import CliRunner
    from conftest import cli_env

    from ecosystem.cli import cli

    area = tmp_path / "area"
    shutil.copytree(EXAMPLE, area)

    def services(rows: list[list[str]]) -> list[list[str]]:
        cap, prov = rows[0].index("capacity"), rows[0].index("provider_id")
        rows[1][cap], rows[1][prov] = "forty", "ex-nobody"
        return rows

    _rewrite(area / "services.csv", services)
    result = CliRunner().invoke(cli, ["import", str(area)], env=cli_env(eco, tmp_path / "d"))
    assert result.exit_code == 1
    assert ("services.csv, row 2, column 'capacity': got 'forty': capacity must be a whole "
            "number, like 40") in result.output
    assert "services.csv, row 2, column 'provider_id': got 'ex-nobody'" in result.output
    assert "Input should" not in result.output and "Value error" not in result.output


@pytest.mark.no_neo4j
def test_workbook_sheets_and_headers_as_people_name_them(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Journey Events"
    ws.append(["Event ref", "PERSON REF", " Service ID ", "Type", "Date"])
    ws.append(["E1", "P1", "ex-ips", "Outcome recorded", "6 January 2025"])
    wb.save(tmp_path / "book.xlsx")
    tables, read_issues = read_path(tmp_path / "book.xlsx")
    valid, issues = validate(tables, KNOWN, lambda refs: set(refs))
    assert not read_issues and not issues, [str(i) for i in read_issues + issues]
    assert valid.rows["journey_events"][0][2] == row_of("journey_events")


@pytest.mark.no_neo4j
def test_tab_separated_csv_is_read(tmp_path: Path) -> None:
    _write(tmp_path / "contracts.csv", [list(CONTRACT), list(CONTRACT.values())],
           delimiter="\t")
    tables, read_issues = read_path(tmp_path)
    valid, issues = validate(tables, KNOWN)
    assert not read_issues and not issues, [str(i) for i in read_issues + issues]
    assert valid.rows["contracts"][0][2] == row_of("contracts")


@pytest.mark.no_neo4j
def test_a_reference_to_a_file_whose_header_is_wrong_is_not_called_unknown() -> None:
    tables, _ = tables_from_records({
        "providers": [{"id": "p-new", "name": "New", "sector": "nhs", "colour": "red"}],
        "services": [{**SERVICE, "provider_id": "p-new", "capacity": "forty"}],
    })
    _, issues = validate(tables, KNOWN)
    assert {i.column for i in issues} == {"colour", "capacity"}


def test_data_page_upload_reads_an_officers_file_and_says_what_to_write(
        client: Any, eco: Ecosystem, tmp_path: Path) -> None:
    import html
    import io

    area = tmp_path / "area"
    shutil.copytree(EXAMPLE, area)

    def services(rows: list[list[str]]) -> list[list[str]]:
        rows[0] = [h.replace("_", " ").capitalize() for h in rows[0]]
        rows[1][rows[0].index("Capacity")] = "forty"
        rows[2][rows[0].index("Domains")] = "Work and education"
        return rows

    _rewrite(area / "services.csv", services, delimiter=";")
    page = client.get("/data/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    files = [(io.BytesIO(p.read_bytes()), p.name) for p in sorted(area.glob("*.csv"))]
    resp = client.post("/data/upload", data={"files": files, "csrf_token": token.group(1)},
                       content_type="multipart/form-data")
    page = html.unescape(resp.get_data(as_text=True))
    assert resp.status_code == 422
    assert "capacity must be a whole number, like 40" in page
    # The headers, the delimiter and the domain's label were read: no problem names them.
    assert "is not a column" not in page and "domains must" not in page
    assert "Input should" not in page
