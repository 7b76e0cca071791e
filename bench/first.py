"""The first request to each page after a restart, as a visitor meets it: in a fresh Python
process (`python -m bench.first SPEC OUT`, started by bench/run.py right after restarting
the bench Neo4j), the app is made as `ecosystem serve` makes it, with or without the warm
start; once it would say it is ready, each page's first GET is timed once."""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from ecosystem import Ecosystem, Settings

from .run import bench_settings


def measure(settings: Settings, warm: bool, urls: dict[str, str]) -> dict[str, Any]:
    """{"ready_s": seconds from start until serve would say it is ready, "pages": {rule: ms}}."""
    t = time.perf_counter()
    from web import create_app, warming  # the import is part of starting, as in serve

    from .run import _sign_in

    eco = Ecosystem.open(dataclasses.replace(settings, warm_start=warm))
    try:
        eco.ping()
        app = create_app(eco.settings, eco)
        warming.wait(app)
        ready = time.perf_counter() - t
        client = app.test_client()
        _sign_in(eco, client)
        pages: dict[str, Any] = {}
        for rule, url in urls.items():
            t = time.perf_counter()
            status = client.get(url).status_code
            pages[rule] = round((time.perf_counter() - t) * 1000, 1)
            if status != 200:
                pages[rule] = {"ms": pages[rule], "status": status}
        return {"ready_s": round(ready, 1), "warmed_pages": len(warming.state(app).pages),
                "pages": pages}
    finally:
        eco.close()


def main(argv: list[str]) -> int:
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    spec = json.loads(Path(argv[0]).read_text())
    env = Settings.from_env()  # NEO4J_URI, _USER, _PASSWORD from the bench
    settings = bench_settings(env.neo4j_uri or "", env.neo4j_password or "", env.neo4j_user,
                              Path(spec["data_dir"]))
    result = measure(settings, spec["warm"], spec["urls"])
    Path(argv[1]).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
