"""The add-a-column checklist (docs/importing.md), checked: every column of every entity
(ecosystem/importers/schema.py) reaches its query's parameters, each query sets exactly the
properties `params.properties` says, and the bulk importer writes those same properties.
No Neo4j needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_row_hashes import KEY, RECORDS

from ecosystem.importers import params, tables_from_records
from ecosystem.importers.bulk.contents import write_catalogue, write_journeys, write_people
from ecosystem.importers.bulk.files import CsvFiles
from ecosystem.importers.schema import ENTITIES, columns
from ecosystem.importers.validate import Known, validate

CYPHER = Path(__file__).resolve().parent.parent / "cypher" / "importing"
# Columns that arrive under another name (pseudonymised) or folded into a list.
RENAMED = {("people", "person_ref"): "id", ("journey_events", "event_ref"): "id",
           ("journey_events", "person_ref"): "person_id"}


def _planned() -> dict[str, list[params.Params]]:
    tables, _ = tables_from_records(RECORDS)
    valid, issues = validate(tables, Known())
    assert not issues
    return dict(params.plan(valid, KEY))


def test_the_samples_give_every_column() -> None:
    for e in ENTITIES:
        given = set().union(*(RECORDS[e.name]))
        assert given == set(columns(e)), f"tests/test_row_hashes.py: RECORDS[{e.name!r}]"


@pytest.mark.parametrize("entity", [e.name for e in ENTITIES])
def test_every_column_reaches_the_parameters(entity: str) -> None:
    reached: set[str] = set()
    for p in _planned()[entity]:
        reached |= set(p) | set(p.get("props", {}))
        if entity == "cohorts":
            reached |= {f"need_{n['domain']}" for n in p["needs"]}
    missing = [c for e in ENTITIES if e.name == entity for c in columns(e)
               if RENAMED.get((entity, c), c) not in reached]
    assert missing == [], f"params.to_params leaves out {missing}"


def _set_by_query(text: str) -> set[str] | None:
    """The properties a query sets from its row `r`: None for all of r.props."""
    if re.search(r"\+= r\.props\b", text):
        return None
    sets = {a for a, b in re.findall(r"\b\w+\.(\w+) = r\.(\w+)", text) if a == b}
    created = re.search(r"\(\w+:Event \{([^}]*)\}\)", text)  # journeys_new CREATEs events
    if created:
        sets |= {a for a, b in re.findall(r"(\w+): r\.(\w+)", created.group(1)) if a == b}
    return sets - {"id"}


@pytest.mark.parametrize(("entity", "query"), [
    *((e.name, e.name) for e in ENTITIES),
    ("people", "people_new"), ("journey_events", "journeys_new"),
])
def test_each_query_sets_the_properties_of_its_parameters(entity: str, query: str) -> None:
    p = _planned()[entity][-1]
    sets = _set_by_query((CYPHER / f"{query}.cypher").read_text())
    if sets is None:
        assert "props" in p, f"{query}.cypher sets r.props, which its parameters lack"
    else:
        assert sets == set(params.properties(entity, p)), \
            f"cypher/importing/{query}.cypher and params.properties/LINKS disagree"


def test_the_bulk_files_hold_the_same_properties(tmp_path: Path) -> None:
    steps = _planned()
    files = CsvFiles(tmp_path)
    write_catalogue(files, steps)
    write_people(files, steps, write_journeys(files, steps))
    headers = {labels: path.read_text().splitlines()[0].split(",")
               for labels, path in files.node_files}
    for e in ENTITIES:
        text = (CYPHER / f"{e.name}.cypher").read_text()
        label = re.search(r"MERGE \(\w+:(\w+) \{id: r\.id\}\)", text)
        if label is None:
            continue  # referral routes: a relationship
        names = {h.split(":")[0] for h in headers[label.group(1)]}
        want = {"id"} | set(params.properties(e.name, steps[e.name][-1]))
        if e.name == "people":
            want.add("reached")  # from their journeys, as journeys_new.cypher sets it
        assert names == want, label.group(1)
