"""The one formula-safe CSV/XLSX writer (ecosystem.exports), and the CLI's CSV through it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from builders import N1, base_rows, load, service
from click.testing import CliRunner
from conftest import cli_env

from ecosystem import Ecosystem, exports
from ecosystem.cli import cli

EVIL = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+44", "'+44"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("ok", "ok"), ("", ""), (None, ""), (3, "3"),
    (450.0, "450"), (-2.5, "'-2.5"),
])
def test_cells_never_start_a_formula(value: object, expected: str) -> None:
    assert exports.cell(value) == expected


def test_csv_text_makes_every_cell_safe() -> None:
    body = exports.csv_text([[EVIL, 1]], header=["=h", "n"], bom=True)
    assert body.startswith(exports.BOM)
    assert list(csv.reader(io.StringIO(body.lstrip(exports.BOM)))) == [
        ["'=h", "n"], ["'" + EVIL, "1"]]


def test_xlsx_keeps_numbers_and_neutralises_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "out.xlsx"
    exports.xlsx_file(path, {"s": (["name", "n"], [[EVIL, -2.5], ["ok", 3]])})
    ws = load_workbook(path)["s"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["name", "n"], ["'" + EVIL, -2.5], ["ok", 3]]


def test_cli_csv_is_formula_safe(eco: Ecosystem, tmp_path: Path) -> None:
    rows = base_rows()
    rows["services"].append(service("EVIL", EVIL, "PR-VCS", N1, "housing", "information",
                                    self_referral="yes"))
    load(eco, rows)
    env = cli_env(eco, tmp_path)
    result = CliRunner().invoke(cli, ["analyse", "options", "--area", N1, "--need", "housing",
                                      "--format", "csv"], env=env)
    assert result.exit_code == 0, result.output
    cells = [c for row in csv.reader(io.StringIO(result.output)) for c in row]
    assert "'" + EVIL + " (EVIL)" in cells
    assert not [c for c in cells if c.startswith(exports.FORMULA_START)]
