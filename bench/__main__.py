"""`python -m bench [--sizes S,M]`: the benchmark suite (`make bench`; not part of the tests).

Uses its own Neo4j (`.data/bench`, started here and stopped afterwards) unless NEO4J_URI is
set. Each size runs in a child process so its peak memory is its own; results are merged into
bench/results/results.json (earlier sizes kept) and written out as bench/results/results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DATA_DIR = ROOT / ".data" / "bench"
# Defaults for the bench's own server; override with the environment variables.
DEFAULT_HEAP = "2g"
DEFAULT_PAGECACHE = "2g"
SIZES = ("S", "M", "L", "XL")
# Too big to import online in full: loaded with the bulk first load only, then measured.
BULK_ONLY = ("XL",)
XL_DIR = ROOT / ".data" / "bench-xl"  # the XL map, kept until the next XL load
# XL's store (about 10x L's) gets a bigger page cache: set for the XL server alone.
XL_MEMORY = {"ECOSYSTEM_NEO4J_HEAP": "4g", "ECOSYSTEM_NEO4J_PAGECACHE": "12g"}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    ap.add_argument("--sizes", default="S,M",
                    help="comma-separated: S, M, L (L takes long), XL (loaded with the bulk "
                         "load only; about an hour)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--baseline-rows", type=int, default=20_000,
                    help="events in the sample imported both row by row and batched")
    ap.add_argument("--calls", type=int, default=200, help="calls of options and route")
    ap.add_argument("--full-calls", type=int, default=10,
                    help="calls of each whole-area analysis")
    ap.add_argument("--page-calls", type=int, default=20, help="GETs of each web page")
    ap.add_argument("--keep-server", action="store_true", help="leave the bench Neo4j running")
    ap.add_argument("--no-bulk", action="store_true",
                    help="skip timing the bulk first load (`ecosystem bulk-import`)")
    ap.add_argument("--bulk-only", action="store_true",
                    help="time only the bulk first load (always so for XL); other results of "
                         "the size are kept from earlier runs")
    ap.add_argument("--incremental-events", type=int, default=100_000,
                    help="new events imported online into the bulk-loaded map (0: none)")
    ap.add_argument("--reuse-xl", action="store_true",
                    help="measure the XL map loaded earlier (in .data/bench-xl; its events "
                         "are dated from the day it was loaded) instead of loading it "
                         "again; its load's figures are kept")
    ap.add_argument("--report", action="store_true",
                    help="only rewrite results.md from results.json")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # child process: run this size only
    ap.add_argument("--bulk-one", help=argparse.SUPPRESS)  # child: bulk load this size
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--restartable", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--data-dir", help=argparse.SUPPRESS)  # child: the server's folder
    ap.add_argument("--keep", action="store_true", help=argparse.SUPPRESS)  # bulk child
    ap.add_argument("--uri", help=argparse.SUPPRESS)
    ap.add_argument("--as-of", help=argparse.SUPPRESS)  # child: the day its map was made for
    args = ap.parse_args(argv)
    if args.one:
        return _child(args)
    if args.bulk_one:
        from . import bulk

        res = bulk.run(args.bulk_one, args.seed, args.incremental_events,
                       Path(args.data_dir) if args.data_dir else bulk.DATA_DIR, args.keep)
        Path(args.out).write_text(json.dumps(res, default=str))
        return 0
    if args.report:
        saved = json.loads((RESULTS / "results.json").read_text())
        (RESULTS / "results.md").write_text(_markdown(saved))
        print((RESULTS / "results.md").read_text())
        return 0

    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    bad = [s for s in sizes if s not in SIZES]
    if bad:
        ap.error(f"unknown size(s): {', '.join(bad)}")
    sizes = [s for s in SIZES if s in sizes]  # XL last: it stops the bench's server
    os.environ.setdefault("ECOSYSTEM_NEO4J_HEAP", DEFAULT_HEAP)
    os.environ.setdefault("ECOSYSTEM_NEO4J_PAGECACHE", DEFAULT_PAGECACHE)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "results.json"
    results: dict[str, Any] = json.loads(path.read_text()) if path.exists() else {}
    results.setdefault("sizes", {})
    results["machine"] = _machine()
    if args.bulk_only or all(s in BULK_ONLY for s in sizes):
        # The bulk load runs on a server of its own: the bench's server is not needed.
        uri, password, user, server = "", "", "neo4j", None
        results.setdefault("neo4j", {})
    else:
        results["neo4j"], uri, password, user, server = _server()
    env = dict(os.environ, NEO4J_URI=uri, NEO4J_USER=user, NEO4J_PASSWORD=password)
    try:
        for size in sizes:
            if size in BULK_ONLY:
                if server is not None:  # the XL server gets the machine's memory
                    log("stopping the bench Neo4j for XL")
                    server.stop()
                    server = None
                if not _xl(args, results, path):
                    return 1
                continue
            if args.bulk_only:
                if args.no_bulk:
                    ap.error("--no-bulk leaves nothing to measure with --bulk-only")
                results["sizes"].setdefault(size, {})["bulk"] = _bulk(
                    size, args.seed, args.incremental_events)
                _save(results, path)
                continue
            out = RESULTS / f".{size}.json"
            cmd = [sys.executable, "-m", "bench", "--one", size, "--out", str(out),
                   "--seed", str(args.seed), "--baseline-rows", str(args.baseline_rows),
                   "--calls", str(args.calls), "--full-calls", str(args.full_calls),
                   "--page-calls", str(args.page_calls)]
            if server is not None or results["neo4j"].get("managed"):
                cmd.append("--restartable")  # the child may restart it (first requests)
            log(f"size {size}: starting")
            proc = subprocess.run(cmd, cwd=ROOT, env=env)
            if not out.exists():
                log(f"size {size}: failed (exit {proc.returncode}), nothing measured")
                return 1
            earlier_bulk = results["sizes"].get(size, {}).get("bulk")
            results["sizes"][size] = json.loads(out.read_text())
            out.unlink()
            if args.no_bulk and earlier_bulk:  # kept, with its own date and load average
                results["sizes"][size]["bulk"] = earlier_bulk
            if proc.returncode != 0:
                results["sizes"][size]["incomplete"] = f"the run stopped (exit {proc.returncode})"
                log(f"size {size}: failed (exit {proc.returncode}); keeping what was measured")
            if not args.no_bulk:
                results["sizes"][size]["bulk"] = _bulk(size, args.seed, args.incremental_events)
            _save(results, path)
    finally:
        if server is not None and not args.keep_server:
            log("stopping the bench Neo4j")
            server.stop()
    print((RESULTS / "results.md").read_text())
    return 0


def _save(results: dict[str, Any], path: Path) -> None:
    results["sizes"] = {k: results["sizes"][k] for k in SIZES if k in results["sizes"]}
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    (RESULTS / "results.md").write_text(_markdown(results))
    log(f"written to {path}")


def _xl(args: argparse.Namespace, results: dict[str, Any], path: Path) -> bool:
    """XL: the bulk first load into .data/bench-xl (or the one kept from earlier today, with
    --reuse-xl), then, unless --bulk-only, the analyses and pages measured on that map as for
    the other sizes, in a child process, on its own server with XL_MEMORY."""
    from ecosystem import Settings
    from ecosystem.db.server import ManagedServer

    from . import bulk

    size = "XL"
    loaded = bulk.kept(XL_DIR, size, args.seed) if args.reuse_xl else None
    if loaded is not None:
        log(f"size {size}: measuring the map loaded at {XL_DIR} for {loaded['as_of']}")
    else:
        loaded = _bulk(size, args.seed, args.incremental_events, XL_DIR)
        if "error" in loaded:
            results["sizes"].setdefault(size, {})["bulk"] = loaded
            _save(results, path)
            return False
    if args.bulk_only:
        results["sizes"].setdefault(size, {})["bulk"] = loaded
        _save(results, path)
        return True
    os.environ.update(XL_MEMORY)  # the server's settings, here and in the child
    server = ManagedServer.from_settings(Settings.from_env(), XL_DIR)
    server.start()
    out = RESULTS / f".{size}.json"
    env = dict(os.environ, NEO4J_URI=server.uri, NEO4J_USER="neo4j",
               NEO4J_PASSWORD=server.password())
    try:
        if args.incremental_events:
            if not (XL_DIR / bulk.NEW_EVENTS).exists():  # imported by an earlier run
                log(f"size {size}: making {args.incremental_events} more new events")
                bulk.later_new_events(loaded, args.incremental_events,
                                      XL_DIR / bulk.NEW_EVENTS)
            log(f"size {size}: incremental import of new events")
            loaded["incremental"] = {**bulk.incremental(server, XL_DIR),
                                     "load_avg": [round(x, 2) for x in os.getloadavg()]}
            (XL_DIR / bulk.NEW_EVENTS).unlink()
            log(f"size {size}: {loaded['incremental']['events_per_s']} new events/s")
            if not (XL_DIR / bulk.NEW_EVENTS_WARM).exists():
                bulk.later_new_events(loaded, args.incremental_events,
                                      XL_DIR / bulk.NEW_EVENTS_WARM)
            log(f"size {size}: warm start, then incremental import of as many again")
            loaded["incremental_warm"] = {
                **bulk.incremental(server, XL_DIR, bulk.NEW_EVENTS_WARM, warm_first=True),
                "load_avg": [round(x, 2) for x in os.getloadavg()]}
            (XL_DIR / bulk.NEW_EVENTS_WARM).unlink()
            (XL_DIR / bulk.LOADED).write_text(json.dumps(loaded, indent=2, default=str))
            log(f"size {size}: {loaded['incremental_warm']['events_per_s']} new events/s "
                "after the warm start")
        log(f"size {size}: measuring (heap {server.heap}, page cache {server.pagecache})")
        proc = subprocess.run(
            [sys.executable, "-m", "bench", "--one", size, "--out", str(out), "--measure-only",
             "--data-dir", str(XL_DIR), "--restartable", "--seed", str(args.seed),
             "--calls", str(args.calls), "--full-calls", str(args.full_calls),
             "--page-calls", str(args.page_calls), "--as-of", str(loaded["as_of"])],
            cwd=ROOT, env=env)
    finally:
        server.stop()
    if not out.exists():
        log(f"size {size}: failed (exit {proc.returncode}), nothing measured")
        return False
    measured = json.loads(out.read_text())
    out.unlink()
    if proc.returncode != 0:
        measured["incomplete"] = f"the run stopped (exit {proc.returncode})"
    measured["neo4j"] = {"heap": server.heap, "pagecache": server.pagecache}
    results["sizes"][size] = {**measured, "bulk": loaded}
    _save(results, path)
    return proc.returncode == 0


def _bulk(size: str, seed: int, incremental: int, keep_in: Path | None = None
          ) -> dict[str, Any]:
    """Time the bulk first load of `size` in a child process of its own (`keep_in`: into
    that folder, the map kept there)."""
    out = RESULTS / f".{size}-bulk.json"
    log(f"size {size}: bulk first load")
    cmd = [sys.executable, "-m", "bench", "--bulk-one", size, "--out", str(out),
           "--seed", str(seed), "--incremental-events", str(incremental)]
    if keep_in is not None:
        cmd += ["--data-dir", str(keep_in), "--keep"]
    env = dict(os.environ, **(XL_MEMORY if size in BULK_ONLY else {}))
    proc = subprocess.run(cmd, cwd=ROOT, env=env)
    if proc.returncode != 0 or not out.exists():
        return {"error": f"the bulk run stopped (exit {proc.returncode})"}
    res: dict[str, Any] = json.loads(out.read_text())
    out.unlink()
    log(f"size {size}: bulk {res.get('events_per_s')} events/s")
    return res


def _server() -> tuple[dict[str, Any], str, str, str, Any]:
    """(settings to report, uri, password, user, server we started or None)."""
    from ecosystem import Settings

    settings = Settings.from_env()
    if settings.neo4j_uri:
        return ({"managed": False, "uri": settings.neo4j_uri,
                 "heap": "as configured on that server", "pagecache": "as configured"},
                settings.neo4j_uri, settings.neo4j_password or "", settings.neo4j_user, None)
    from ecosystem.db.server import NEO4J_VERSION, ManagedServer

    server = ManagedServer.from_settings(settings, DATA_DIR)
    was_running = server.status().running
    log(f"bench Neo4j in {server.home} (heap {server.heap}, page cache {server.pagecache})"
        + (", already running: its own settings apply" if was_running else ""))
    server.start()
    conf = (server.home / "conf" / "neo4j.conf").read_text().splitlines()
    setting = {k: v for k, _, v in (line.partition("=") for line in conf) if v}
    info = {"managed": True, "version": NEO4J_VERSION, "data_dir": str(DATA_DIR.relative_to(ROOT)),
            "heap": setting.get("server.memory.heap.max_size"),
            "pagecache": setting.get("server.memory.pagecache.size")}
    return info, server.uri, server.password(), "neo4j", (None if was_running else server)


def _machine() -> dict[str, Any]:
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "memory_gb": mem, "python": platform.python_version(),
            "platform": platform.platform(), "run_at": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                     time.gmtime())}


def _child(args: argparse.Namespace) -> int:
    import logging

    from ecosystem import Ecosystem, Settings
    from ecosystem.db.connect import connect

    from .run import Bench, Options, bench_settings

    logging.getLogger("neo4j").setLevel(logging.ERROR)  # no query notifications in the log
    env = Settings.from_env()  # the parent sets NEO4J_URI, _USER and _PASSWORD
    data_dir = Path(args.data_dir) if args.data_dir else DATA_DIR
    settings = bench_settings(env.neo4j_uri or "", env.neo4j_password or "", env.neo4j_user,
                              data_dir)
    opts = Options(args.one, args.seed, args.baseline_rows, args.calls, args.full_calls,
                   args.page_calls,
                   as_of=dt.date.fromisoformat(args.as_of) if args.as_of else None)
    eco = Ecosystem(settings, connect(settings))
    out = Path(args.out)

    def save(result: dict[str, Any]) -> None:
        out.write_text(json.dumps(result, indent=2, default=str))

    restart = None
    if args.restartable:
        from ecosystem.db.server import ManagedServer

        server = ManagedServer.from_settings(env, data_dir)

        def restart() -> None:
            server.stop()
            server.start()
    try:
        eco.graph.ping()
        bench = Bench(eco, opts, log, restart)
        save(bench.run_measure(save) if args.measure_only else bench.run_all(save))
    finally:
        eco.close()
    return 0


# --- The Markdown report ----------------------------------------------------------------------

def _markdown(results: dict[str, Any]) -> str:
    sizes = results["sizes"]
    names = list(sizes)
    m, n4 = results["machine"], results["neo4j"]
    where = f"managed, {n4.get('data_dir')}" if n4.get("managed") else n4.get("uri")
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {m['cpus']} CPUs, {m['memory_gb']} GB RAM, Python {m['python']}; "
        f"Neo4j {n4.get('version', '?')} ({where}), "
        f"heap {n4.get('heap')}, page cache {n4.get('pagecache')}. Last run {m['run_at']}.",
        "Each size's column shows when it was measured (sizes may come from different runs).",
        *[f"**Size {s} is incomplete: {sizes[s]['incomplete']}.**" for s in names
          if sizes[s].get("incomplete")],
        "",
        "## Data",
        "",
        _table(["", *names], [
            ["measured at", *(sizes[s].get("as_of", "") for s in names)],
            *[[label, *(_fmt(sizes[s].get("import", {}).get("counts", {}).get(lbl)) for s in names)]
              for label, lbl in (("services", "Service"), ("providers", "Provider"),
                                 ("commissioners", "Commissioner"), ("contracts", "Contract"),
                                 ("cohorts", "Cohort"), ("people", "Person"),
                                 ("journey events", "Event"))],
        ]),
        "",
        "## Import",
        "",
        _table(["", *names], [
            [label, *(_fmt(sizes[s].get("import", {}).get(k)) for s in names)]
            for label, k in (
                ("catalogue rows", "catalogue_rows"), ("catalogue import (s)", "catalogue_s"),
                ("people import (people/s)", "people_per_s"),
                ("sample events (both ways)", "sample_events"),
                ("row by row, one MERGE per row (events/s)", "row_by_row_events_per_s"),
                ("batched importer, same sample (events/s)", "batched_sample_events_per_s"),
                ("speed-up on the sample (×)", "speedup_sample"),
                ("batched importer, all events (events/s)", "events_per_s"),
                ("all events import (s)", "events_s"),
                ("speed-up, all events vs row by row (×)", "speedup_full"),
            )]),
        "",
        "Where the batched importer's time goes on the sample (s): "
        "records to tables / validate / plan (pseudonymise, hash) / write (driver, Neo4j, "
        "journey rebuild):",
        "",
        _table(["", *names], [
            [k, *(_fmt(sizes[s].get("import", {}).get("batched_sample_phases_s", {}).get(k))
                  for s in names)] for k in ("tables", "validate", "plan", "write")]),
        "",
        "Bulk first load (`ecosystem bulk-import` into an empty database on its own managed "
        "server, `bench/bulk.py`), end to end, and where its time goes (s):",
        "",
        _table(["", *names], [
            [label, *(_fmt(sizes[s].get("bulk", {}).get(k)) for s in names)]
            for label, k in (("events (and their people)", "events"),
                             ("generate the CSV folder (s)", "generate_s"),
                             ("CSV folder (MB)", "input_mb"), ("wall (s)", "wall_s"),
                             ("events/s, end to end", "events_per_s"),
                             ("Neo4j's offline importer (s)", "admin_import_s"),
                             ("schema and index build (s)", "schema_s"),
                             ("the tool's own share (s)", "own_share_s"),
                             ("… of which Python reading, checking, writing (s)", "python_s"),
                             ("peak RSS of its process (MB)", "peak_rss_mb"),
                             ("peak disk of its work folder (MB)", "peak_work_disk_mb"))]
            + [[label, *(_fmt(sizes[s].get("bulk", {}).get("incremental", {}).get(k))
                         for s in names)]
               for label, k in (("then online: new events imported", "events"),
                                ("then online: new events/s", "events_per_s"))]
            + [[label, *(_fmt(sizes[s].get("bulk", {}).get("incremental_warm", {}).get(k))
                         for s in names)]
               for label, k in (("then the warm start (s)", "warm_start_s"),
                                ("then as many again, new events/s", "events_per_s"))]
            + [[f"phase: {ph}", *(_fmt(sizes[s].get("bulk", {}).get("phases_s", {}).get(ph))
                                  for s in names)]
               for ph in _bulk_phases(sizes)]),
        "",
        "## Analyses: p50 / p95 ms (calls; first, cold call ms)",
        "",
        "One cold call and one warm-up call are made before the timed calls and not counted.",
        "",
    ]
    analyses = sorted({a for s in names for a in sizes[s].get("analyses", {})},
                      key=lambda a: _ORDER.get(a, 99))
    rows = [[a, *(_cell(sizes[s].get("analyses", {}).get(a)) for s in names)]
            for a in analyses]
    lines += [_table(["", *names], rows), ""]
    present = {s: ", ".join(sizes[s].get("analyses_present", [])) for s in names}
    lines += [f"Analyses found: {present[names[-1]] if names else ''}. What-if was not "
              "measured unless listed above.", "",
              "## Web pages: server time p50 / p95 ms with the Flask test client (calls; mean "
              "size)", ""]
    pages = sorted({p for s in names for p in sizes[s].get("pages", {})})
    rows = [[f"`{p}`", *(_cell(sizes[s].get("pages", {}).get(p), kb=True) for s in names)]
            for p in pages]
    lines += [_table(["", *names], rows), ""]
    bad = [f"- {s}: `{p}`: {', '.join(v['not_ok'])}" for s in names
           for p, v in sizes[s].get("pages", {}).items() if v.get("not_ok")]
    signed = {sizes[s].get("pages_signed_in_as") for s in names}
    skipped = sorted({p for s in names for p in sizes[s].get("pages_skipped", [])})
    lines += [f"Pages fetched signed in as: {', '.join(str(x) for x in signed)}. "
              f"Skipped (arguments the bench cannot fill): "
              f"{', '.join(f'`{p}`' for p in skipped) or 'none'}.", ""]
    if bad:
        lines += ["Responses other than 200:", "", *bad, ""]
    lines += _first_requests(sizes)
    lines += ["## Memory and time", "",
              _table(["", *names], [
                  ["peak RSS of the Python process (MB)",
                   *(_fmt(sizes[s].get("peak_rss_mb")) for s in names)],
                  ["wall time of the size's run (s)",
                   *(_fmt(sizes[s].get("wall_s")) for s in names)],
                  ["driver parameter packing", *(str(sizes[s].get("driver_packstream", "—"))
                                                 for s in names)],
                  ["load average (1, 5, 15 min) at start",
                   *(str(sizes[s].get("load_avg_start", "—")) for s in names)],
                  ["load average at end", *(str(sizes[s].get("load_avg_end", "—"))
                                            for s in names)],
                  ["Neo4j heap / page cache of the measured server",
                   *(_memory(sizes[s], n4) for s in names)],
                  ["store on disk after the bulk load (MB; transaction logs apart)",
                   *(_fmt(sizes[s].get("bulk", {}).get("store", {}).get("store_mb"))
                     for s in names)],
                  ["neo4j-admin's advice for this machine (heap / page cache)",
                   *(_advice(sizes[s]) for s in names)],
                  ["home map: grouped (nodes it would have ungrouped; page KB)",
                   *(_map(sizes[s]) for s in names)],
              ]), ""]
    return "\n".join(lines)


def _memory(size: dict[str, Any], bench: dict[str, Any]) -> str:
    n4 = size.get("neo4j") or bench
    return f"{n4.get('heap', '—')} / {n4.get('pagecache', '—')}"


def _advice(size: dict[str, Any]) -> str:
    rec = size.get("bulk", {}).get("store", {}).get("recommended", {})
    heap, cache = rec.get("server.memory.heap.max_size"), rec.get("server.memory.pagecache.size")
    return f"{heap} / {cache}" if heap and cache else "—"


def _map(size: dict[str, Any]) -> str:
    m = size.get("map")
    if not m:
        return "—"
    return (f"yes ({_fmt(m['nodes_ungrouped'])}; {m['kb']})" if m["grouped"]
            else f"no ({m['kb']})")


def _first_requests(sizes: dict[str, Any]) -> list[str]:
    """The table "first request after a restart": each page's first GET in a fresh process
    just after Neo4j restarted, without and with the warm start, and × its warm p95."""
    names = [s for s in sizes if isinstance(sizes[s].get("first_requests", {}).get("warm"), dict)
             and "pages" in sizes[s]["first_requests"]["warm"]]
    if not names:
        return []

    def ms(v: Any) -> float | None:
        return v if isinstance(v, (int, float)) else (v or {}).get("ms")

    def cell(s: str, page: str, mode: str) -> str:
        first = ms(sizes[s]["first_requests"].get(mode, {}).get("pages", {}).get(page))
        p95 = sizes[s].get("pages", {}).get(page, {}).get("p95_ms")
        if first is None:
            return "—"
        return f"{_fmt(first)} ({first / p95:.1f}×)" if p95 else _fmt(first)

    pages = sorted({p for s in names for p in sizes[s]["first_requests"]["warm"]["pages"]})
    header = ["", *(f"{s} {m}" for s in names for m in ("no warm start", "warm start"))]
    rows = [["ready after (s)", *(_fmt(sizes[s]["first_requests"].get(m, {}).get("ready_s"))
                                  for s in names for m in ("cold", "warm"))]]
    rows += [[f"`{p}`", *(cell(s, p, m) for s in names for m in ("cold", "warm"))]
             for p in pages]
    worst = [["worst × warm p95", *(_worst(sizes[s], m) for s in names
                                    for m in ("cold", "warm"))]]
    return ["## First request after a restart, ms, and × warm p95", "",
            "Neo4j restarted, then a fresh process makes the app as `ecosystem serve` does "
            "and, once it would say it is ready, times each page's first GET once "
            "(`bench/first.py`). Target: at most 2× the warm p95 above.", "",
            _table(header, rows + worst), ""]


def _worst(size: dict[str, Any], mode: str) -> str:
    firsts = size["first_requests"].get(mode, {}).get("pages", {})
    ratios = []
    for page, v in firsts.items():
        first = v if isinstance(v, (int, float)) else v.get("ms")
        p95 = size.get("pages", {}).get(page, {}).get("p95_ms")
        if first is not None and p95:
            ratios.append((first / p95, page))
    if not ratios:
        return "—"
    r, page = max(ratios)
    return f"{r:.1f}× (`{page}`)"


def _bulk_phases(sizes: dict[str, Any]) -> list[str]:
    seen: list[str] = []
    for s in sizes.values():
        seen += [p for p in s.get("bulk", {}).get("phases_s", {}) if p not in seen]
    return seen


_ORDER = {"options": 0, "route": 1, "overlaps": 2, "orphans": 3, "overlaps+orphans": 4,
          "overlaps+orphans as served": 4.5,
          "coverage": 5, "funding": 6, "what-if": 7}


def _cell(a: dict[str, Any] | None, kb: bool = False) -> str:
    if not a:
        return "—"
    if a.get("error"):
        return f"failed: {a['error'][:60]}"
    extra = f"{a.get('mean_kb')} KB" if kb else f"cold {_fmt(a.get('cold_ms'))}"
    return f"{_fmt(a.get('p50_ms'))} / {_fmt(a.get('p95_ms'))} ({a.get('n')}; {extra})"


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.1f}" if v < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
