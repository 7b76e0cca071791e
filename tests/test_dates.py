"""One clock: every "today" of the tool comes from `ecosystem.dates.today()`, which a run
can hold at one day. The test suite does (conftest), so tests that cross midnight do not
compare data made on one day with the tool's idea of the next."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecosystem import dates
from ecosystem.demo import area

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.no_neo4j


@pytest.fixture
def held() -> Iterator[None]:
    before = dates.today()
    yield
    dates.fix_today(before)


def calendar_reads(source: str) -> list[int]:
    """Lines that ask the calendar for today directly (`date.today()`)."""
    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "today" and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "date"]


def test_the_suite_runs_on_one_day() -> None:
    assert dates._fixed is not None


def test_a_held_day_holds_until_released(held: None) -> None:
    dates.fix_today(dt.date(2031, 2, 28))
    assert dates.today() == dt.date(2031, 2, 28)
    dates.fix_today(None)
    assert dates.today() == dt.date.today()


def test_the_tool_takes_today_from_the_one_clock(held: None) -> None:
    dates.fix_today(dt.date(2031, 2, 28))
    events = area.generate()["journey_events"]
    latest = max(dt.date.fromisoformat(e["date"]) for e in events)
    assert dt.date(2030, 11, 1) < latest <= dt.date(2031, 2, 28)


def test_the_check_finds_a_calendar_read() -> None:
    assert calendar_reads("import datetime as dt\nx = dt.date.today()\n") == [2]
    assert calendar_reads("from ecosystem import dates\nx = dates.today()\n") == []


def test_nothing_but_the_clock_reads_the_calendar() -> None:
    found = {}
    for folder in ("ecosystem", "web"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "ecosystem" / "dates.py":
                continue
            lines = calendar_reads(path.read_text(encoding="utf-8"))
            if lines:
                found[str(path.relative_to(ROOT))] = lines
    assert found == {}
