"""The bulk first load (`ecosystem bulk-import`) of a size, timed end to end.

The size is first written to a folder of CSV files (`demo_scale.write_folder`, streamed, in a
child process so its memory is not counted), then loaded from that folder as
`ecosystem bulk-import` loads it, in this process (its peak memory is the load's own), on its
own managed server in .data/bench-bulk, which is wiped first: the bulk import needs an empty
database and stops and starts the server it loads. Then, if asked, an incremental import of
new events into the loaded map, online (`ecosystem import`), on the server as the load left
it, then as many again once the server has warmed up as `ecosystem serve` warms it (a map in
use is imported into on a warm server).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ecosystem import Ecosystem, exports, warmup
from ecosystem.config import Settings
from ecosystem.db.connect import connect
from ecosystem.db.server import ADMIN_CLASS, ManagedServer, fetch
from ecosystem.demo import scale as demo_scale
from ecosystem.importers.bulk import BulkTimings, bulk_import
from ecosystem.importers.schema import ENTITY_BY_NAME, columns

from .run import BENCH_KEY, bench_settings, peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / ".data" / "bench-bulk"
INCREMENTAL_EVENTS = 100_000
LOADED = "loaded.json"  # in a kept map's folder: what was loaded, and how it went
NEW_EVENTS = "new-events.csv"  # ... and the events of its incremental import, not yet imported
NEW_EVENTS_WARM = "new-events-warm.csv"  # ... and of the one after the warm start


def run(size: str, seed: int, incremental: int = INCREMENTAL_EVENTS,
        data_dir: Path = DATA_DIR, keep: bool = False) -> dict[str, Any]:
    """`keep`: leave the loaded map in `data_dir` (server stopped) for measuring its pages,
    with the result in `data_dir`/loaded.json; otherwise it is wiped at the next run."""
    server = ManagedServer.from_settings(Settings.from_env(), data_dir)
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)  # a fresh, empty database
    server = ManagedServer.from_settings(Settings.from_env(), data_dir)
    folder = data_dir / "input"
    res: dict[str, Any] = {"load_avg_start": [round(x, 2) for x in os.getloadavg()],
                           "heap": server.heap, "pagecache": server.pagecache,
                           "size": size, "seed": seed, "as_of": dt.date.today().isoformat()}
    try:
        t = time.perf_counter()
        with ProcessPoolExecutor(1) as pool:
            counts = pool.submit(demo_scale.write_folder, size, folder, seed,
                                 dt.date.today()).result()
        res["generate_s"] = round(time.perf_counter() - t, 1)
        res["events"], res["people"] = counts["journey_events"], counts["people"]
        res["input_mb"] = round(_disk_mb(folder))
        server.start()
        settings = bench_settings(server.uri, server.password(), data_dir=data_dir)
        timings = BulkTimings()
        disk = _DiskWatch(server.home)
        t = time.perf_counter()
        with disk:
            report = bulk_import(server, settings, folder, BENCH_KEY, source=f"bench {size}",
                                 actor="bench", timings=timings)
        wall = time.perf_counter() - t
        if not report.ok:
            raise RuntimeError("bulk import refused: "
                               + "; ".join(str(i) for i in report.issues[:5]))
        res["wall_s"] = round(wall, 1)
        res["events_per_s"] = round(res["events"] / wall)
        res["phases_s"] = timings.phases
        res["peak_rss_mb"] = peak_rss_mb()
        res["peak_work_disk_mb"] = round(disk.peak_mb)
        admin = timings.phases.get("admin import", 0.0)
        schema = timings.phases.get("init (schema)", 0.0)
        res["admin_import_s"], res["schema_s"] = admin, schema
        # What the tool itself takes: everything but Neo4j's importer and its index build.
        res["own_share_s"] = round(wall - admin - schema, 1)
        # Of which Python's own work (the rest is the server stopping, starting, finishing).
        res["python_s"] = round(sum(timings.phases.get(p, 0.0)
                                    for p in ("read+validate+spool", "write csv")), 1)
        if incremental and keep:  # timed when the kept map is measured (incremental())
            _save_new_events(folder, incremental, data_dir / NEW_EVENTS)
            _save_new_events(folder, incremental, data_dir / NEW_EVENTS_WARM, incremental)
        elif incremental:
            rows = _new_events(folder, 2 * incremental)
            n = min(incremental, len(rows) // 2)  # a small size has fewer events than asked
            res["incremental"] = _incremental(server, rows[:n], data_dir)
            res["incremental_warm"] = _incremental(server, rows[n:2 * n], data_dir,
                                                   warm_first=True)
        res["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    res["store"] = store_size(server)
    if keep:
        (data_dir / LOADED).write_text(json.dumps(res, indent=2, default=str))
    return res


def kept(data_dir: Path, size: str, seed: int) -> dict[str, Any] | None:
    """The result of an earlier `run(..., keep=True)` of this size and seed, if its map is
    still there (so a run can measure a map loaded earlier; its events are dated from the
    day in `as_of`, which the measuring child is given to make the same catalogue)."""
    try:
        res: dict[str, Any] = json.loads((data_dir / LOADED).read_text())
    except (OSError, ValueError):
        return None
    same = (res.get("size"), res.get("seed")) == (size, seed)
    return res if same and res.get("as_of") else None


def store_size(server: ManagedServer) -> dict[str, Any]:
    """The database's size on disk (store files, and transaction logs apart), and what
    `neo4j-admin server memory-recommendation` advises for this machine and that store."""
    data = server.home / "data"
    out: dict[str, Any] = {
        "store_mb": round(_disk_mb(data / "databases" / "neo4j")),
        "tx_logs_mb": round(_disk_mb(data / "transactions" / "neo4j")),
    }
    lib = fetch(cache=server.cache)
    env = dict(os.environ, NEO4J_HOME=str(server.home), NEO4J_CONF=str(server.home / "conf"))
    proc = subprocess.run([server.java(), "-cp", f"{lib}/*", ADMIN_CLASS, "server",
                           "memory-recommendation"], env=env, capture_output=True, text=True)
    advice = {k.strip(): v.strip() for line in proc.stdout.splitlines()
              if line.startswith("server.memory") and "=" in line
              for k, _, v in [line.partition("=")]}
    out["recommended"] = advice or {"error": (proc.stderr or proc.stdout)[-300:]}
    return out


def _new_events(folder: Path, n: int, skip: int = 0) -> list[dict[str, str]]:
    """`n` new events for people already in the map: the rows of the file after the first
    `skip`, again, under new ids."""
    with open(folder / "journey_events.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = []
        for i, row in enumerate(reader):
            if i < skip:
                continue
            rows.append({**row, "event_ref": "NEW-" + row["event_ref"]})
            if len(rows) >= n:
                break
    return rows


def _save_new_events(folder: Path, n: int, path: Path, skip: int = 0) -> None:
    rows = _new_events(folder, n, skip)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)


def later_new_events(loaded: dict[str, Any], n: int, path: Path) -> None:
    """For a kept map measured again: `n` more new events, for people no earlier incremental
    import of it touched (the generator's rows after the ones those took, as the map's seed
    and day make them, under new ids), so each import costs what the first did."""
    done = int(loaded.get("incremental_rounds", 1))
    size, seed, as_of = loaded["size"], loaded["seed"], dt.date.fromisoformat(loaded["as_of"])
    cols = columns(ENTITY_BY_NAME["journey_events"])
    skip, rows = done * n, []
    stream = demo_scale.journeys(size, demo_scale.catalogue(size, seed, as_of), seed, as_of)
    for _, events in stream:
        # whole people only, as the first import took them
        if skip > 0:
            skip -= len(events)
            continue
        rows += [[f"NEW{done}-{e['event_ref']}" if c == "event_ref" else e.get(c)
                  for c in cols] for e in events]
        if len(rows) >= n:
            break
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerow(cols)
        exports.write_csv(f, rows[:n])
    loaded["incremental_rounds"] = done + 1


def incremental(server: ManagedServer, data_dir: Path, name: str = NEW_EVENTS,
                warm_first: bool = False) -> dict[str, Any]:
    """The incremental import of a kept map (run(keep=True)): its new events (`name`),
    imported online into the running `server`, timed then (so in the same run as the other
    sizes')."""
    with open(data_dir / name, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return _incremental(server, rows, data_dir, warm_first)


def _incremental(server: ManagedServer, rows: list[dict[str, str]], data_dir: Path,
                 warm_first: bool = False) -> dict[str, Any]:
    """The new events imported online: their people's journeys are rebuilt. `warm_first`:
    after the warm start's reads (the stores and indexes into the page cache), timed apart."""
    settings = bench_settings(server.uri, server.password(), data_dir=data_dir)
    eco = Ecosystem(settings, connect(settings))
    warmed: dict[str, Any] = {}
    try:
        if warm_first:
            t = time.perf_counter()
            warmup.prime(eco.graph)
            warmed["warm_start_s"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()
        report = eco.import_tables({"journey_events": rows}, source="bench incremental",
                                   actor="bench")
        wall = time.perf_counter() - t
    finally:
        eco.close()
    if not report.ok:
        raise RuntimeError("incremental import refused: "
                           + "; ".join(str(i) for i in report.issues[:5]))
    return {"events": len(rows), "wall_s": round(wall, 1),
            "events_per_s": round(len(rows) / wall), **warmed}


def _disk_mb(path: Path) -> float:
    total = 0
    for dirpath, _, names in os.walk(path):
        for name in names:
            try:
                total += os.stat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass  # removed while counted
    return total / 1024 / 1024


class _DiskWatch:
    """The most disk the bulk import's work folders (bulk-* in the server's home) took,
    looked at every two seconds."""

    def __init__(self, home: Path) -> None:
        self.home, self.peak_mb = home, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(2.0):
            now = sum(_disk_mb(p) for p in self.home.glob("bulk-*"))
            self.peak_mb = max(self.peak_mb, now)

    def __enter__(self) -> _DiskWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
