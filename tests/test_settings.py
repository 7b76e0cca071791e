"""Settings: the one reader of the environment, and the README's table of it held true."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from ecosystem.analyses.suppression import Disclosure
from ecosystem.config import DEFAULT_DATA_DIR, Settings

pytestmark = pytest.mark.no_neo4j

ROOT = Path(__file__).resolve().parent.parent
OURS = re.compile(r"^(ECOSYSTEM|NEO4J)_[A-Z0-9_]+$")


def read_variables() -> set[str]:
    """Every ECOSYSTEM_*/NEO4J_* name config.py mentions (from_env and the data-dir default)."""
    tree = ast.parse((ROOT / "ecosystem" / "config.py").read_text())
    return {n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and OURS.match(n.value)}


def readme_table() -> dict[str, str]:
    """variable -> its default cell, from the README's Configuration table."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    table: dict[str, str] = {}
    for row in rows:
        name, _meaning, default = (c.strip() for c in row.strip("|").split(" | "))
        names = re.findall(r"`([A-Z0-9_]+)`", name)
        assert len(names) == 1, f"one variable a row: {row}"
        assert names[0] not in table, f"{names[0]} is in the table twice"
        table[names[0]] = default
    return table


def field_of(variable: str) -> str:
    """The Settings field a variable sets: the one that changes when only it is set."""
    # Keys must be long and random (Settings refuses weak ones); other variables take a
    # number other than their default.
    values = ["f7Kq2-Lm9xZ0-pW4rT8v-Bn3cY6h-Jd1sG5"] if variable.endswith("_KEY") else ["1", "3"]
    for value in values:
        changed = [f.name for f in dataclasses.fields(Settings)
                   if getattr(Settings.from_env({variable: value}), f.name)
                   != getattr(Settings.from_env({}), f.name)]
        if changed:
            break
    assert len(changed) == 1, (variable, changed)
    return changed[0]


def shown(value: object) -> str:
    if isinstance(value, bool):  # as the variable is written: 1 or 0
        return str(int(value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def test_readme_lists_exactly_the_variables_settings_reads() -> None:
    assert set(readme_table()) == read_variables()


def test_every_variable_sets_one_field_and_every_field_has_a_variable() -> None:
    fields = {field_of(v) for v in read_variables()}
    assert fields == {f.name for f in dataclasses.fields(Settings)}


def test_readme_defaults_are_the_real_ones() -> None:
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    for variable, cell in readme_table().items():
        f = fields[field_of(variable)]
        if f.default is dataclasses.MISSING:  # a default_factory: the data folder
            assert cell == f"`./{DEFAULT_DATA_DIR.relative_to(Path.cwd())}`", (variable, cell)
        elif f.default is None:  # described in words: a random key, a free port, ...
            assert cell and not re.fullmatch(r"`[^`]*`", cell), (variable, cell)
        else:
            assert re.match(rf"`{re.escape(shown(f.default))}`( |$)", cell), (
                variable, cell, f.default)


def test_from_env_with_nothing_set_gives_the_dataclass_defaults() -> None:
    empty = Settings.from_env({})
    assert dataclasses.replace(empty, data_dir=DEFAULT_DATA_DIR.resolve()) == \
        dataclasses.replace(Settings(), data_dir=DEFAULT_DATA_DIR.resolve())
    assert empty.data_dir == DEFAULT_DATA_DIR.resolve()


@pytest.mark.parametrize("value, secure", [
    ("0", False), ("off", False), ("No", False), ("1", True), ("true", True), ("on", True),
    ("", None), ("maybe", None)])
def test_cookie_secure_values(value: str, secure: bool | None) -> None:
    assert Settings.from_env({"ECOSYSTEM_COOKIE_SECURE": value}).cookie_secure is secure


def test_readme_says_what_suppression_does() -> None:
    settings = Settings()
    policy = Disclosure(settings.suppression_threshold, settings.suppression_rounding)
    threshold = settings.suppression_threshold
    assert [n for n in range(threshold + 2) if policy.count(n).suppressed] == \
        list(range(1, threshold + 1))
    assert policy.count(threshold + 1).value % settings.suppression_rounding == 0
    lines = (ROOT / "README.md").read_text().splitlines()
    cell = [line for line in lines if line.startswith("| `ECOSYSTEM_SUPPRESSION_THRESHOLD`")]
    assert "from 1 to this are suppressed" in cell[0] and "zero is shown" in cell[0]
    rounding = [line for line in lines if line.startswith("| `ECOSYSTEM_SUPPRESSION_ROUNDING`")]
    assert "rounded to the nearest this" in rounding[0]


def environment_reads(source: str, label: str) -> list[str]:
    """`os.environ.get("X")`, `os.environ["X"]`, `"X" in os.environ`, `os.getenv("X")` for
    our names X, as `label:line X`. Setting a variable (for a child process) is not reading."""
    def is_environ(n: ast.AST) -> bool:
        return (isinstance(n, ast.Attribute) and n.attr == "environ") or \
            (isinstance(n, ast.Name) and n.id == "environ")

    def ours(n: ast.AST | None) -> str | None:
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and OURS.match(n.value):
            return n.value
        return None

    found = []
    for n in ast.walk(ast.parse(source)):
        name = None
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.args:
            if (n.func.attr in {"get", "pop"} and is_environ(n.func.value)) or \
                    n.func.attr == "getenv":
                name = ours(n.args[0])
        elif isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Load) and is_environ(n.value):
            name = ours(n.slice)
        elif isinstance(n, ast.Compare) and any(is_environ(c) for c in n.comparators):
            name = ours(n.left)
        if name:
            found.append(f"{label}:{n.lineno} {name}")
    return found


def test_the_detector_finds_reads_and_not_writes() -> None:
    sample = ('import os\nfrom os import environ\nos.environ.get("ECOSYSTEM_A")\n'
              'os.environ["NEO4J_B"]\n"ECOSYSTEM_C" in os.environ\n'
              'os.getenv("ECOSYSTEM_D")\nenviron.get("NEO4J_E", "x")\n'
              'os.environ.setdefault("ECOSYSTEM_F", "1")\nos.environ["NEO4J_G"] = "1"\n'
              'os.environ.get("HOME")\n')
    assert environment_reads(sample, "s") == [
        "s:3 ECOSYSTEM_A", "s:4 NEO4J_B", "s:5 ECOSYSTEM_C", "s:6 ECOSYSTEM_D", "s:7 NEO4J_E"]


def test_only_config_reads_the_environment() -> None:
    config = ROOT / "ecosystem" / "config.py"
    reads = [r for folder in ("ecosystem", "web", "bench")
             for path in sorted((ROOT / folder).rglob("*.py")) if path != config
             for r in environment_reads(path.read_text(), str(path.relative_to(ROOT)))]
    assert reads == [], "read these in ecosystem/config.py (Settings.from_env) instead"
