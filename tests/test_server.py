from ecosystem import Ecosystem, reference
from ecosystem.config import Settings
from ecosystem.graph import DatabaseUnavailable, Graph


def test_reference_data_loaded(eco: Ecosystem) -> None:
    counts = eco.counts()
    assert counts["Domain"] == 8
    assert counts["Source"] == 5
    assert counts["SupportType"] == 5
    assert counts["Model"] == len(reference.MODELS)
    assert counts["Principle"] == 8 + 7


def test_init_is_idempotent(eco: Ecosystem) -> None:
    before = eco.counts()
    eco.init()
    eco.init()
    assert eco.counts() == before


def test_unreachable_database_is_a_clear_error(tmp_path) -> None:
    settings = Settings.from_env({"NEO4J_URI": "neo4j://127.0.0.1:1", "NEO4J_PASSWORD": "x",
                                  "ECOSYSTEM_DATA_DIR": str(tmp_path)})
    g = Graph.connect(settings)
    try:
        try:
            g.ping()
        except DatabaseUnavailable as e:
            assert "cannot be reached" in str(e)
        else:
            raise AssertionError("ping should fail")
    finally:
        g.close()
