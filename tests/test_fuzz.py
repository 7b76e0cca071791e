"""Fuzzing the importers: whatever arrives, no unhandled exception, no partial write, and a
message that names where the problem is. Text never reaches a query except as a parameter."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosystem import Ecosystem
from ecosystem.importers.schema import ENTITIES, columns

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "example"
FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
SYSTEM = ("Import", "AuditEntry", "User")

cell = st.one_of(
    st.none(), st.text(max_size=40), st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["", " ", "yes", "no", "2026-02-30", "£1,000", "housing; money",
                     "=HYPERLINK(\"http://x\")", "x'}) DETACH DELETE n //", "\x00", "é" * 3,
                     "1e309", "NaN", "-1"]),
)
entity_names = st.sampled_from([e.name for e in ENTITIES])


@st.composite
def tables(draw: st.DrawFn) -> dict[str, list[dict[str, str | None]]]:
    name = draw(entity_names)
    cols = columns(next(e for e in ENTITIES if e.name == name))
    keep = draw(st.lists(st.sampled_from(cols), unique=True, min_size=1, max_size=len(cols)))
    extra = draw(st.lists(st.text(min_size=1, max_size=8), max_size=1))
    rows = draw(st.lists(st.fixed_dictionaries({c: cell for c in keep + extra}),
                         min_size=1, max_size=4))
    return {name: rows}


@FUZZ
@given(records=tables())
def test_random_rows_never_crash_or_half_write(eco: Ecosystem, records) -> None:  # type: ignore[no-untyped-def]
    before = eco.fingerprint(exclude=SYSTEM)
    report = eco.import_tables(records)
    if not report.ok:
        assert not report.written
        assert eco.fingerprint(exclude=SYSTEM) == before
        for issue in report.issues:
            assert issue.origin and issue.message
            assert issue.origin.startswith("data:")


@FUZZ
@given(blob=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".json"]))
def test_junk_files_get_a_message(eco: Ecosystem, tmp_path_factory, blob: bytes,  # type: ignore[no-untyped-def]
                                  suffix: str) -> None:
    folder = tmp_path_factory.mktemp("junk")
    path = folder / f"services{suffix}"
    path.write_bytes(blob)
    before = eco.fingerprint(exclude=SYSTEM)
    report = eco.import_path(path)
    assert eco.fingerprint(exclude=SYSTEM) == before or report.ok
    if not report.ok:
        assert all(i.message for i in report.issues)


def test_huge_cell_is_refused_by_name(eco: Ecosystem) -> None:
    report = eco.import_tables({"providers": [
        {"id": "p1", "name": "x" * 200_000, "sector": "vcse"}]})
    assert not report.ok
    assert any(i.column == "name" and "at most" in i.message for i in report.issues)


def test_cypher_in_text_is_stored_as_text(eco: Ecosystem) -> None:
    nasty = "Mind'}) MATCH (n) DETACH DELETE n //"
    report = eco.import_path(EXAMPLE)
    assert report.ok
    before = eco.counts()
    report = eco.import_tables({"providers": [{"id": "p-nasty", "name": nasty,
                                               "sector": "vcse"}]})
    assert report.ok, [str(i) for i in report.issues]
    after = eco.counts()
    assert after["Provider"] == before["Provider"] + 1
    assert after["Service"] == before["Service"]
    # Stored as the provider's name (and in its history of changes), never run.
    found = eco.find_text([nasty])
    assert nasty in found and all(nasty in f for f in found)


def test_malformed_json_structures(eco: Ecosystem, tmp_path: Path) -> None:
    cases = ['{"services": {"id": 1}}', '[1, 2, 3]', '{"services": [1, "x"]}',
             '{"unknown": []}', '"just a string"', '{"services": [{"id": {"nested": 1}}]}']
    for n, text in enumerate(cases):
        path = tmp_path / f"case{n}.json"
        path.write_text(text)
        report = eco.import_path(path)
        assert not report.ok, text
        assert all(i.origin.startswith(f"case{n}.json") for i in report.issues), text
    assert eco.counts().get("Service", 0) == 0


def test_formula_cells_are_neutralised_in_rejects(eco: Ecosystem, tmp_path: Path) -> None:
    report = eco.import_tables({"providers": [
        {"id": "=HYPERLINK(\"http://evil\")", "name": "x", "sector": "vcse"}]})
    out = tmp_path / "rejects.csv"
    report.write_rejects(out)
    assert "'=HYPERLINK" in out.read_text()
    assert json.dumps(report.issues[0].value)  # the message holds plain text
