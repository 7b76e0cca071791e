import pytest

from ecosystem import Ecosystem, vocabulary
from ecosystem.config import Settings
from ecosystem.db.connect import connect
from ecosystem.db.graph import DatabaseUnavailable


def test_reference_data_loaded(eco: Ecosystem) -> None:
    counts = eco.counts()
    assert counts["Domain"] == 8
    assert counts["Source"] == 5
    assert counts["SupportType"] == 5
    assert counts["Model"] == len(vocabulary.MODELS)
    assert counts["Principle"] == 8 + 7


def test_init_is_idempotent(eco: Ecosystem) -> None:
    before = eco.counts()
    eco.init()
    eco.init()
    assert eco.counts() == before


@pytest.mark.no_neo4j
def test_unreachable_database_is_a_clear_error(tmp_path) -> None:
    settings = Settings.from_env({"NEO4J_URI": "neo4j://127.0.0.1:1", "NEO4J_PASSWORD": "x",
                                  "ECOSYSTEM_DATA_DIR": str(tmp_path)})
    g = connect(settings)
    try:
        try:
            g.ping()
        except DatabaseUnavailable as e:
            assert "cannot be reached" in str(e)
        else:
            raise AssertionError("ping should fail")
    finally:
        g.close()


def test_managed_server_lifecycle(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """start twice is harmless, the password file is private, stop keeps the data."""
    import stat

    from ecosystem.core import Ecosystem
    from ecosystem.db.server import ManagedServer

    server = ManagedServer(tmp_path, heap="256m")
    try:
        uri = server.start()
        assert server.start() == uri  # already running: nothing happens
        assert stat.S_IMODE(server.password_file.stat().st_mode) == 0o600
        # The store and transaction log are the owner's only (umask 077, a 0700 home).
        assert stat.S_IMODE(server.home.stat().st_mode) == 0o700
        opened = [str(p) for p in server.home.rglob("*")
                  if stat.S_IMODE(p.stat().st_mode) & 0o077]
        assert not opened, opened[:5]
        settings = Settings.from_env({"NEO4J_URI": uri, "NEO4J_PASSWORD": server.password(),
                                      "ECOSYSTEM_DATA_DIR": str(tmp_path)})
        with Ecosystem(settings, connect(settings)) as eco:
            eco.init()
        assert server.stop() is True
        assert not server.status().running
        assert server.stop() is False
        server.start()
        with Ecosystem(settings, connect(settings)) as eco:
            assert eco.counts()["Domain"] == 8  # the data survived the restart
        # A start while the last stop is still under way (as when one test run follows
        # another at once) waits for it and starts again, instead of failing.
        server.stop(wait=False)
        assert server.start() == server.uri and server.status().running
    finally:
        server.stop(wait=False)  # nothing to keep: don't wait for the checkpoint
