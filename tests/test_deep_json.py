"""Deeply nested JSON is a problem report naming the file, never a RecursionError (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ecosystem import Ecosystem
from ecosystem.cli import cli
from ecosystem.importers.readers import read_path
from ecosystem.oruk.reader import read_feed

STRONG_KEY = "deep-json-test-key: 7f3a9c1e5b2d8046"


def _deep(tmp_path: Path, depth: int, name: str = "deep.json") -> Path:
    p = tmp_path / name
    p.write_text('{"services": [{"id": "s", "name": ' + "[" * depth + "]" * depth + "}]}")
    return p


@pytest.mark.parametrize("depth", [500, 100_000])
def test_readers_report_deep_nesting(tmp_path: Path, depth: int) -> None:
    p = _deep(tmp_path, depth)
    tables, issues = read_path(p)
    assert tables == {} and issues and "deep.json" in str(issues[0])
    assert "nested" in issues[0].message
    feed = read_feed(p)
    assert feed.services == [] and feed.issues and "nested" in feed.issues[0].message
    assert feed.issues[0].origin == "deep.json"


def test_ordinary_nesting_is_read(tmp_path: Path) -> None:
    p = tmp_path / "ok.json"
    p.write_text('{"services": [{"id": "s", "name": "x", "extra": [[["fine"]]]}]}')
    feed = read_feed(p)
    assert feed.issues == [] and len(feed.services) == 1


def test_cli_imports_report_deep_json(eco: Ecosystem, tmp_path: Path) -> None:
    s = eco.settings
    env = {"NEO4J_URI": s.neo4j_uri or "", "NEO4J_USER": s.neo4j_user,
           "NEO4J_PASSWORD": s.neo4j_password or "", "ECOSYSTEM_PSEUDONYM_KEY": STRONG_KEY,
           "ECOSYSTEM_DATA_DIR": str(tmp_path)}
    p = _deep(tmp_path, 100_000)
    for args in (["import", str(p)], ["import-oruk", str(p), "--area", "E06000999"]):
        r = CliRunner().invoke(cli, args, env=env)
        assert r.exit_code == 1, (args, r.output, r.exception)
        assert not isinstance(r.exception, RecursionError)
        assert "deep.json" in r.output and "nested" in r.output
