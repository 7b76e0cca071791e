"""The bulk first load (`ecosystem bulk-import`) of a size, timed end to end.

Runs in its own child process (its peak memory is its own) on its own managed server in
.data/bench-bulk, which is wiped first: the bulk import needs an empty database and stops
and starts the server it loads.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path
from typing import Any

from ecosystem.config import Settings
from ecosystem.db.server import ManagedServer
from ecosystem.demo import scale as demo_scale
from ecosystem.importers.bulk import BulkTimings, bulk_import

from .run import BENCH_KEY, bench_settings, peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / ".data" / "bench-bulk"


def run(size: str, seed: int) -> dict[str, Any]:
    server = ManagedServer.from_settings(Settings.from_env(), DATA_DIR)
    server.stop()
    shutil.rmtree(DATA_DIR, ignore_errors=True)  # a fresh, empty database
    server = ManagedServer.from_settings(Settings.from_env(), DATA_DIR)
    res: dict[str, Any] = {"load_avg_start": [round(x, 2) for x in os.getloadavg()],
                           "heap": server.heap, "pagecache": server.pagecache}
    try:
        server.start()
        settings = bench_settings(server.uri, server.password(), data_dir=DATA_DIR)
        t = time.perf_counter()
        records = demo_scale.generate(size, seed, as_of=dt.date.today())
        res["generate_s"] = round(time.perf_counter() - t, 1)
        res["events"] = len(records["journey_events"])
        res["people"] = len(records["people"])
        timings = BulkTimings()
        t = time.perf_counter()
        report = bulk_import(server, settings, records, BENCH_KEY, source=f"bench {size}",
                             actor="bench", timings=timings)
        wall = time.perf_counter() - t
        if not report.ok:
            raise RuntimeError("bulk import refused: "
                               + "; ".join(str(i) for i in report.issues[:5]))
        res["wall_s"] = round(wall, 1)
        res["events_per_s"] = round(res["events"] / wall)
        res["phases_s"] = timings.phases
        res["peak_rss_mb"] = peak_rss_mb()
        res["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        server.stop()
    return res
