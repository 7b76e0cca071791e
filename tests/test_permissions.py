"""Files that hold person data, hashes or keys are private to the user running the tool:
folders 0700, files 0600, the managed Neo4j run with umask 077 (issue 16 §2)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecosystem import Ecosystem, Settings
from ecosystem.db import server as server_mod
from ecosystem.db.server import ManagedServer


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture(autouse=True)
def _lax_umask() -> Iterator[None]:
    """A usual umask (022): the code must not rely on the user's."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_data_folder_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    Settings(data_dir=data).resolve_pseudonym_key()
    assert mode(data) == 0o700 and mode(data / "pseudonym.key") == 0o600


def test_an_existing_open_data_folder_is_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    Settings(data_dir=data).resolve_pseudonym_key()
    assert mode(data) == 0o700


def test_web_secret_key_folder_is_private(tmp_path: Path) -> None:
    from web.access import secret_key

    data = tmp_path / "web-data"
    secret_key(Settings(data_dir=data))
    assert mode(data) == 0o700 and mode(data / "web-secret.key") == 0o600


def test_managed_neo4j_runs_with_umask_077_in_a_private_home(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    class Stop(Exception):
        pass

    def popen(*args: Any, **kwargs: Any) -> None:
        seen.update(kwargs)
        raise Stop

    lib = tmp_path / "lib"
    lib.mkdir()
    monkeypatch.setattr(server_mod, "fetch", lambda echo=print, cache=None: lib)
    monkeypatch.setattr(server_mod, "_port_open", lambda port: False)
    monkeypatch.setattr(ManagedServer, "_ensure_password", lambda self, lib: None)
    monkeypatch.setattr(ManagedServer, "java", lambda self: "java")
    monkeypatch.setattr(server_mod.subprocess, "Popen", popen)
    data = tmp_path / "data"
    server = ManagedServer(data, port=7999)
    with pytest.raises(Stop):
        server.start()
    assert seen.get("umask") == 0o077
    assert mode(data) == 0o700 and mode(server.home) == 0o700
    assert mode(server.home / "conf" / "neo4j.conf") == 0o600


def test_export_folder_and_files_are_private(eco: Ecosystem, tmp_path: Path) -> None:
    out = tmp_path / "backup"
    eco.export(out)
    assert mode(out) == 0o700
    files = sorted(out.iterdir())
    assert files and all(mode(f) == 0o600 for f in files), [(f.name, oct(mode(f))) for f in files]


def test_cli_export_is_private(eco: Ecosystem, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ecosystem.cli import cli

    s = eco.settings
    env = {"NEO4J_URI": s.neo4j_uri or "", "NEO4J_USER": s.neo4j_user,
           "NEO4J_PASSWORD": s.neo4j_password or "",
           "ECOSYSTEM_PSEUDONYM_KEY": "permissions-test-key: 51c0e2a9d4b87f36",
           "ECOSYSTEM_DATA_DIR": str(tmp_path / "data")}
    out = tmp_path / "exported"
    r = CliRunner().invoke(cli, ["export", str(out)], env=env)
    assert r.exit_code == 0, r.output
    assert mode(out) == 0o700 and all(mode(f) == 0o600 for f in out.iterdir())


def test_an_existing_export_folder_or_a_sticky_one_is_not_changed(eco: Ecosystem,
                                                                 tmp_path: Path) -> None:
    from ecosystem.secure import private_dir

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    eco.export(shared)
    assert mode(shared) == 0o755 and all(mode(f) == 0o600 for f in shared.iterdir())
    sticky = tmp_path / "tmp-like"
    sticky.mkdir()
    os.chmod(sticky, 0o1777)
    private_dir(sticky)  # a data folder pointed at a /tmp-like folder: never locked
    assert mode(sticky) == 0o1777
