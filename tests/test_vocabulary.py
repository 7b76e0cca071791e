"""ecosystem.vocabulary is the one place each code list and its labels are defined: the
importer accepts exactly its codes, the graph's reference data is loaded from it, and no other
module keeps a copy of a list (or of its labels), which is how lists drifted apart before."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from builders import ICB, ISLAND, N1, N2, PLACE1, PLACE2, small_area
from pydantic import ValidationError

from ecosystem import Ecosystem, vocabulary
from ecosystem.db.graph import Graph
from ecosystem.directory import choices, pages
from ecosystem.importers import schema
from ecosystem.keyworker import caseload
from ecosystem.vocabulary import LISTS, codes, label

ROOT = Path(__file__).resolve().parent.parent

SERVICE = {"id": "S", "name": "S", "provider_id": "P", "areas": "A", "domains": "housing",
           "sources": "peer", "types": "care"}
PERSON = {"person_ref": "p", "age_band": "25-34", "area_id": "A"}
EVENT = {"event_ref": "e", "person_ref": "p", "service_id": "S", "type": "start",
         "date": "2025-01-01"}

# (list, the import row a code is tried in): every list the importer checks.
IMPORTED: list[tuple[str, type[schema.Row], dict[str, Any], str]] = [
    ("area_level", schema.AreaRow, {"id": "A", "name": "A"}, "level"),
    ("sector", schema.ProviderRow, {"id": "P", "name": "P"}, "sector"),
    ("commissioner_kind", schema.CommissionerRow, {"id": "C", "name": "C"}, "kind"),
    ("severity", schema.CohortRow, {"id": "H", "name": "H", "area_id": "A"}, "severity"),
    ("benefit", schema.CohortRow, {"id": "H", "name": "H", "area_id": "A"}, "benefit_status"),
    ("housing", schema.CohortRow, {"id": "H", "name": "H", "area_id": "A"}, "housing_status"),
    ("domain", schema.ServiceRow, SERVICE, "domains"),
    ("source", schema.ServiceRow, SERVICE, "sources"),
    ("type", schema.ServiceRow, SERVICE, "types"),
    ("model", schema.ServiceRow, SERVICE, "model_id"),
    ("service_status", schema.ServiceRow, SERVICE, "status"),
    ("benefit", schema.ServiceRow, SERVICE, "benefit_status"),
    ("housing", schema.ServiceRow, SERVICE, "housing_status"),
    ("age_band", schema.PersonRow, PERSON, "age_band"),
    ("domain", schema.PersonRow, PERSON, "needs"),
    ("event_type", schema.EventRow, EVENT, "type"),
    ("outcome", schema.EventRow, EVENT, "outcome"),
]


@pytest.mark.parametrize("kind, model, row, column", IMPORTED,
                         ids=[f"{m.__name__}.{c}" for _, m, _, c in IMPORTED])
def test_the_importer_accepts_exactly_the_vocabulary(kind: str, model: type[schema.Row],
                                                     row: dict[str, Any], column: str) -> None:
    for code in codes(kind):
        assert getattr(model(**{**row, column: code}), column) in (code, [code])
        assert label(kind, code) and label(kind, code) != code.replace("_", " ")
    with pytest.raises(ValidationError):
        model(**{**row, column: "not-a-code"})


def test_every_list_has_unique_codes_and_labels() -> None:
    for kind, labels in LISTS.items():
        assert labels, kind
        assert len(set(labels.values())) == len(labels), kind
    assert vocabulary.AGE_BANDS == tuple(vocabulary.AGE_RANGES)
    ages = vocabulary.AGE_RANGES.values()
    assert (min(lo for lo, _ in ages), max(hi for _, hi in ages)) == (vocabulary.MIN_AGE,
                                                                       vocabulary.MAX_AGE)
    assert list(vocabulary.EVIDENCE_RANK) == list(vocabulary.EVIDENCE)
    assert {m.evidence for m in vocabulary.MODELS} <= set(vocabulary.EVIDENCE)


def test_label_reads_unknown_codes_as_themselves() -> None:
    assert label("benefit", "uc") == "Universal Credit"
    assert label("domain", "housing") == "Housing and homelessness"
    assert label("benefit", "old_code") == "old_code"
    assert label("benefit", None) == ""
    with pytest.raises(KeyError):
        label("no such list", "x")


def test_event_types_keep_the_stored_order() -> None:
    # `seq` in stored events (and their row hashes) is the index in this tuple.
    assert vocabulary.EVENT_TYPES == ("referral", "waitlist", "start", "decline",
                                      "not_eligible", "discharge", "outcome", "admission")


def test_reference_data_in_the_graph_is_the_vocabulary(graph: Graph) -> None:
    def rows(query: str) -> list[dict[str, Any]]:
        return [r.data() for r in graph.driver.execute_query(query,
                                                             database_=graph.database).records]

    wanted = vocabulary.as_rows()
    for label_, key in (("Domain", "domains"), ("Source", "sources"),
                        ("SupportType", "types")):
        assert rows(f"MATCH (n:{label_}) RETURN n.id AS id, n.name AS name, "
                    "n.description AS description, n.order AS order ORDER BY n.order") \
            == wanted[key]
    models = rows("""
        MATCH (m:Model)
        RETURN m.id AS id, m.name AS name, m.evidence AS evidence,
               m.description AS description,
               COLLECT { MATCH (m)-[:IN_DOMAIN]->(d) RETURN d.id ORDER BY d.order } AS domains,
               COLLECT { MATCH (m)-[:USES_SOURCE]->(s) RETURN s.id ORDER BY s.order } AS sources,
               COLLECT { MATCH (m)-[:PROVIDES_TYPE]->(t) RETURN t.id ORDER BY t.order } AS types,
               COLLECT { MATCH (m)-[:HAS_PRINCIPLE]->(p) RETURN {order: p.order, text: p.text}
                         ORDER BY p.order } AS principles
        ORDER BY id""")

    def in_order(ids: list[str], kind: str) -> list[str]:
        return sorted(ids, key=list(LISTS[kind]).index)

    assert models == sorted(
        ({**m, "domains": in_order(m["domains"], "domain"),
          "sources": in_order(m["sources"], "source"),
          "types": in_order(m["types"], "type")}
         for m in wanted["models"]), key=lambda m: str(m["id"]))


# --- No copies elsewhere ----------------------------------------------------------------------

def _modules() -> Iterator[Path]:
    for top in ("ecosystem", "web"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if path != ROOT / "ecosystem" / "vocabulary.py":
                yield path


def _strings(node: ast.AST) -> list[str] | None:
    """The elements of a literal tuple, list or set of text (a `Literal[...]` too), else None."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set) and node.elts and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return [e.value for e in node.elts]
    return None


def _dict_copy(node: ast.Dict, labels: Mapping[str, str]) -> bool:
    """A dict restates a list when it ranks, sizes or labels its codes as vocabulary does; a
    dict from each code to other text (a colour, an outcome) or to computed values is not a
    copy."""
    values = [ast.literal_eval(v) if _literal(v) else None for v in node.values]
    if any(v is None for v in values):
        return False
    if all(isinstance(v, str) for v in values):
        return bool(set(values) & set(labels.values()))
    return True


def _literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) or (
        isinstance(node, ast.Tuple) and all(isinstance(e, ast.Constant) for e in node.elts))


def _copies(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Literal collections that restate (nearly) a whole vocabulary list: a copy missing one
    code is how the lists drifted (ORUK's sectors lacked other_public)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            found = [k.value for k in node.keys if isinstance(k, ast.Constant)]
        else:
            found = _strings(node) or []
        if len(found) < 3 or not all(isinstance(s, str) for s in found):
            continue
        for kind, labels in LISTS.items():
            if not (set(found) <= set(labels) and len(set(found)) >= len(labels) - 1):
                continue
            if not isinstance(node, ast.Dict) or _dict_copy(node, labels):
                yield node.lineno, kind


# Labels too generic to say a list was copied ("Other", "Place", "Service", ...).
def _distinctive(text: str) -> bool:
    return len(text) >= 12 and " " in text


# Record kinds name columns and legends too ("Type of support"): only their dict is checked.
LABELS = {text: kind for kind, labels in LISTS.items() for text in labels.values()
          if _distinctive(text) and kind != "record_kind"}
# Vocabulary names that only vocabulary.py may assign.
NAMES = {n for n, v in vars(vocabulary).items() if n.isupper() and isinstance(
    v, tuple | dict | Mapping | int)}


def test_no_module_keeps_its_own_copy_of_a_list() -> None:
    problems = []
    for path in _modules():
        rel = path.relative_to(ROOT)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        problems += [f"{rel}:{line}: a copy of vocabulary's {kind} list"
                     for line, kind in _copies(tree)]
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in LABELS:
                problems.append(f"{rel}:{node.lineno}: {node.value!r} is vocabulary's "
                                f"{LABELS[node.value]} label: use vocabulary.label()")
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            problems += [f"{rel}:{node.lineno}: {t.id} is defined in vocabulary: import it"
                         for t in targets if isinstance(t, ast.Name) and t.id in NAMES]
    assert not problems, "\n".join(problems)


def test_the_copy_finder_finds_copies() -> None:
    drifted = ast.parse('SECTORS = ("nhs", "local_authority", "vcse", "private", "dwp")\n'
                        'X = Literal["any", "common", "severe"]\n'
                        'Y = {"strong": 0, "moderate": 1, "emerging": 2, "untested": 3}\n'
                        'DRAW = ["uc", "esa", "pip"]\n'
                        'OK = {"active": "active", "planned": "inactive", "suspended": "closed"}\n'
                        'LABELS = {"uc": "Universal Credit", "esa": "ESA", "pip": "PIP", '
                        '"jsa": "JSA", "pension": "Pension", "none": "None"}\n'
                        'AGES = {"16-17": (16, 17), "18-24": (18, 24), "25-34": (25, 34), '
                        '"35-44": (35, 44), "45-54": (45, 54), "55-64": (55, 64), '
                        '"65+": (65, 90)}\n')
    assert sorted(kind for _, kind in _copies(drifted)) == ["age_band", "benefit", "evidence",
                                                             "sector", "severity"]


AREA_CASE = re.compile(r"CASE a\.level((?:\s+WHEN '\w+' THEN \d+)+)\s+ELSE \d+ END")


@pytest.mark.parametrize("query", ["choices/areas", "keyworker/areas",
                                   "directory/map_filter_options"])
def test_area_lists_are_widest_first_in_the_vocabulary_order(query: str) -> None:
    """Every list of areas has one order: widest first (vocabulary.AREA_LEVELS), then name."""
    text = (ROOT / "cypher" / f"{query}.cypher").read_text(encoding="utf-8")
    case = AREA_CASE.search(text)
    assert case, text
    ranks = re.findall(r"WHEN '(\w+)' THEN (\d+)", case.group(1))
    assert [lvl for lvl, _ in ranks] == list(vocabulary.AREA_LEVELS)
    assert [int(r) for _, r in ranks] == list(range(len(vocabulary.AREA_LEVELS)))
    assert re.search(r"ORDER BY depth, (a\.)?name, (a\.)?id\b", text)


def test_every_list_of_areas_has_the_same_order(eco: Ecosystem) -> None:
    small_area(eco)
    commissioner = [a.id for a in choices.areas(eco.graph)]
    assert commissioner == [a.id for a in caseload.areas(eco.graph)]
    assert commissioner == [o.id for o in pages.map_filter_options(eco.graph)["area"]]
    assert commissioner == [ICB, PLACE1, PLACE2, ISLAND, N1, N2]  # widest first, then by name
