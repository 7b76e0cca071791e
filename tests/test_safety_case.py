"""docs/clinical-safety.md keeps its promises: every test the hazard log names exists, every
hazard has its fields, ratings that agree with the document's matrix, and controls, and every
control names a test or says it is open."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.no_neo4j

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "clinical-safety.md"
REF = re.compile(r"tests/([\w/]+\.py)::(\w+)(?:\[[^\]]*\])?")
OPEN = re.compile(r"\bopen\b")
LIKELIHOOD = ("Very high", "High", "Medium", "Low", "Very low")
SEVERITY = ("Minor", "Significant", "Considerable", "Major", "Catastrophic")
FIELDS = ("Hazard", "Cause", "Effect", "Initial risk", "Residual risk", "Status")
RATING = re.compile(r"likelihood (.+?), severity (\w+): (\d)$")


def defined_tests(path: Path) -> set[str]:
    """Test functions of a file, module-level and in classes (parametrised: the base name)."""
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names |= {n.name for n in node.body
                      if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    return {n for n in names if n.startswith("test")}


def missing_tests(text: str, root: Path = ROOT) -> list[str]:
    missing = []
    for file, name in REF.findall(text):
        path = root / "tests" / file
        if not path.exists() or name not in defined_tests(path):
            missing.append(f"tests/{file}::{name}")
    return missing


def matrix(text: str) -> dict[tuple[str, str], int]:
    """The rating table in the document, by (likelihood, severity)."""
    out = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] in LIKELIHOOD and len(cells) == 6 and cells[1].isdigit():
            out.update({(cells[0], s): int(v) for s, v in zip(SEVERITY, cells[1:], strict=True)})
    return out


def hazards(text: str) -> dict[str, str]:
    parts = re.split(r"^### (H\d+)\. .*$", text, flags=re.M)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts) - 1, 2)}


def hazard_problems(text: str) -> list[str]:
    scores = matrix(text)
    problems = [] if len(scores) == 25 else ["the rating matrix is not 5 x 5"]
    for hid, body in hazards(text).items():
        fields = dict(re.findall(r"^- \*\*(.+?):\*\* (.+)$", body, flags=re.M))
        problems += [f"{hid}: no {f}" for f in FIELDS if not fields.get(f, "").strip()]
        for which in ("Initial risk", "Residual risk"):
            m = RATING.match(fields.get(which, ""))
            if not m:
                problems.append(f"{hid}: {which} is not 'likelihood L, severity S: N'")
            elif scores.get((m.group(1), m.group(2))) != int(m.group(3)):
                problems.append(f"{hid}: {which} does not agree with the matrix")
        controls = re.findall(rf"^\| (C{hid[1:]}\.\d+) (.+)$", body, flags=re.M)
        if not controls:
            problems.append(f"{hid}: no control")
        for cid, rest in controls:
            cells = [c.strip() for c in rest.rstrip().rstrip("|").split("|")]
            if len(cells) != 2 or not cells[0]:
                problems.append(f"{cid}: not a control and what verifies it")
            elif not (REF.search(cells[1]) or OPEN.search(cells[1])):
                problems.append(f"{cid}: names no test and is not marked open")
    return problems


def test_every_test_the_hazard_log_names_exists() -> None:
    text = DOC.read_text()
    assert len(REF.findall(text)) >= 30
    assert missing_tests(text) == []


def test_every_hazard_has_its_fields_ratings_and_controls() -> None:
    text = DOC.read_text()
    assert len(hazards(text)) >= 7
    assert hazard_problems(text) == []


def test_the_checks_find_what_is_wrong() -> None:
    good = DOC.read_text()
    assert missing_tests("`tests/test_safety_case.py::test_no_such_test`, "
                         "`tests/test_no_such_file.py::test_x`, "
                         "`tests/test_eligibility.py::test_an_unknown_answer_never_rules_a_"
                         "service_out[x]`") == [
        "tests/test_safety_case.py::test_no_such_test", "tests/test_no_such_file.py::test_x"]
    h1 = hazards(good)["H1"]
    no_controls = good.replace(h1, re.sub(r"^\| C1\..*$", "", h1, flags=re.M))
    bad_rating = good.replace("severity Significant: 3", "severity Significant: 1", 1)
    no_cause = good.replace("- **Cause:** ", "- Cause: ", 1)
    assert hazard_problems(good.replace(
        "`tests/test_analyses_options.py::test_options_unmet_and_age_reason`, "
        "`tests/test_analyses_options.py::test_options_no_services_at_all`", "nothing", 1)) == [
        "C4.1: names no test and is not marked open"]
    assert hazard_problems(no_controls) == ["H1: no control"]
    assert hazard_problems(bad_rating) == ["H1: Initial risk does not agree with the matrix"]
    assert hazard_problems(no_cause) == ["H1: no Cause"]
