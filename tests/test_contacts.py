"""Services' contact and access details: the cell formats, the import round trip (CSV and
workbook) and the messages that name file, row, column and value."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from ecosystem import Ecosystem
from ecosystem.contacts import ContactDetails, parse_hours, parse_phone, read_site

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "example"


@pytest.mark.no_neo4j
@pytest.mark.parametrize(("raw", "want"), [
    ("Mon-Fri 9-17", "Mon-Fri 09:00-17:00"),
    ("mon - fri 09:00-17:00; Sat 10:00-13:00", "Mon-Fri 09:00-17:00; Sat 10:00-13:00"),
    ("Tue,Thu 9:30-12:30, 13:30-16:00", "Tue,Thu 09:30-12:30,13:30-16:00"),
    ("Monday\u2013Friday 8-20", "Mon-Fri 08:00-20:00"),
])
def test_opening_hours_are_read_into_one_form(raw: str, want: str) -> None:
    assert parse_hours(raw) == want


@pytest.mark.no_neo4j
@pytest.mark.parametrize("raw", ["9-5", "Mon 17:00-09:00", "Mon 25:00-26:00", "Funday 9-5",
                                 "weekdays, mostly"])
def test_bad_opening_hours_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="opening hours like"):
        parse_hours(raw)


@pytest.mark.no_neo4j
def test_phone_numbers_and_sites() -> None:
    assert parse_phone(" 01632  960000 ") == "01632 960000"
    assert parse_phone("+44 20 7946 0123") == "+44 20 7946 0123"
    assert parse_phone("111") == "111"
    for bad in ("12345", "01632 9600", "call us"):
        with pytest.raises(ValueError, match="UK phone number"):
            parse_phone(bad)
    site = read_site("4 Mill Road, Exampleton ex1 4qt @ 54.5,-1.55")
    assert (site.address, site.postcode, site.latitude, site.longitude) == (
        "4 Mill Road, Exampleton", "EX1 4QT", 54.5, -1.55)
    with pytest.raises(ValueError, match="postcode"):
        read_site("4 Mill Road, Exampleton")


@pytest.mark.no_neo4j
def test_a_self_referral_reads_as_an_action() -> None:
    c = ContactDetails.from_props({
        "phone": "01632 960000", "opening_hours": "Mon-Fri 09:00-17:00",
        "referral_methods": ["self_referral_phone",
                             "self_referral_online: https://example.org/refer",
                             "professional_referral_email: refer@example.org"]})
    assert c.how_to_get_in(True) == (
        "Self-referral: call 01632 960000 (Mon-Fri 9:00-17:00) or use the online form "
        "(https://example.org/refer); Professional referral: email refer@example.org")
    assert ContactDetails.from_props({}).how_to_get_in(True) == ""


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


WANT_MONEY = {
    "phone": "01632 960300", "email": "advice@example.org",
    "website": "https://example.org/money-advice",
    "sites": ["Market Street Advice Hub, 22 Market Street, Exampleton, EX2 7HL @ 54.518,-1.561",
              "Library Community Room, Station Road, Exampleton, EX3 1BB"],
    "opening_hours": "Mon-Fri 09:30-16:30; Sat 10:00-12:00",
    "referral_methods": ["self_referral_phone",
                         "self_referral_online: https://example.org/money-advice/ask", "drop_in",
                         "professional_referral_email: advice.referrals@example.org"],
    "languages": ["English", "Polish", "Urdu"], "free_to_client": True,
    "update_contact": "Advice services manager, info@example.org",
}


def _stored(eco: Ecosystem, sid: str) -> dict[str, object]:
    detail = eco.entity("service", sid)
    assert detail is not None
    return {k: detail.properties.get(k) for k in WANT_MONEY}


def test_the_example_imports_its_contact_details(eco: Ecosystem, tmp_path: Path) -> None:
    report = eco.import_path(EXAMPLE)
    assert report.ok, [str(i) for i in report.issues]
    assert _stored(eco, "ex-money") == WANT_MONEY
    again = eco.import_path(EXAMPLE)
    assert again.counts["services"].unchanged == 3


def test_a_workbook_imports_the_same_details(eco: Ecosystem, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for f in sorted(EXAMPLE.glob("*.csv")):
        ws = wb.create_sheet(f.stem)
        with open(f, newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                ws.append(row)
    wb.save(tmp_path / "area.xlsx")
    report = eco.import_path(tmp_path / "area.xlsx")
    assert report.ok, [str(i) for i in report.issues]
    assert _stored(eco, "ex-money") == WANT_MONEY


@pytest.mark.parametrize(("column", "value", "message"), [
    ("phone", "0163 29", "a UK phone number"),
    ("email", "advice at example.org", "an email address"),
    ("opening_hours", "Mon-Fri 17:00-09:00", "opening hours like"),
    ("referral_methods", "carrier_pigeon", "a referral method from"),
    ("referral_methods", "self_referral_online: not a link", "a web address"),
    ("sites", "22 Market Street", "postcode"),
])
def test_bad_details_name_file_row_column_and_value(eco: Ecosystem, tmp_path: Path,
                                                    column: str, value: str,
                                                    message: str) -> None:
    area = tmp_path / "area"
    shutil.copytree(EXAMPLE, area)
    rows = _rows(area / "services.csv")
    rows[2][column] = value
    _write(area / "services.csv", rows)
    report = eco.import_path(area)
    assert not report.ok
    # Rows referring to the refused service are reported too; this one is the cause.
    [issue] = [i for i in report.issues if i.origin == "services.csv"]
    assert (issue.origin, issue.row, issue.column, issue.value) == (
        "services.csv", 4, column, value)
    assert message in issue.message


def test_a_way_to_refer_oneself_needs_self_referral(eco: Ecosystem, tmp_path: Path) -> None:
    area = tmp_path / "area"
    shutil.copytree(EXAMPLE, area)
    rows = _rows(area / "services.csv")
    assert rows[0]["id"] == "ex-cmht" and rows[0]["self_referral"] == "no"
    rows[0]["referral_methods"] = "drop_in"
    _write(area / "services.csv", rows)
    report = eco.import_path(area)
    [issue] = [i for i in report.issues if i.origin == "services.csv"]
    assert (issue.row, issue.column, issue.value) == (2, "referral_methods", "drop_in")
    assert "set self_referral to yes" in issue.message


# Ofcom's numbers for drama: 01632 960xxx, 0113 496 0xxx, 020 7946 0xxx, 0808 157 0xxx and
# 07700 900xxx.
DRAMA = re.compile(r"^(01632 960\d{3}|0113 496 0\d{3}|020 7946 0\d{3}|0808 157 0\d{3}"
                   r"|07700 900\d{3})$")


@pytest.mark.no_neo4j
def test_the_demo_and_example_areas_carry_fictional_details() -> None:
    from ecosystem.demo.area import generate
    from ecosystem.importers.schema import ServiceRow

    services = generate()["services"] + _rows(EXAMPLE / "services.csv")
    for s in services:
        row = ServiceRow(**s)  # every detail passes the importer's checks
        assert row.phone and DRAMA.match(row.phone), (row.id, row.phone)
        assert row.email and row.email.endswith("@example.org")
        assert row.website and row.website.startswith("https://example.org/")
        assert row.sites and row.opening_hours and row.referral_methods and row.update_contact
        assert row.self_referral == any(m.startswith("self_referral") for m in
                                        row.referral_methods)
