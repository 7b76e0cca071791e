"""`python -m bench.load` (`make load`): a bounded load test of the web app on loopback.

Serves the app with gunicorn on 127.0.0.1 over the demo area (its own Neo4j in `.data/load`
unless NEO4J_URI is set), signs in N concurrent sessions (commissioners and key workers), and
has each fetch a mix of pages (the map, the overlaps and orphans pages, and key-worker
options for a random client) as fast as it can for a fixed time. Every request is bounded by a
timeout, the run by its duration; only 127.0.0.1 is contacted. Results go to
bench/results/load.json and load.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
NEEDS = ["housing", "money", "work", "connectedness", "family", "victimisation", "offending",
         "citizenship"]
PLACES = ["E06000901", "E06000902", "E06000903"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Session:
    def __init__(self, base: str, timeout: float) -> None:
        self.base = base
        self.timeout = timeout
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, Any]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))

    def _open(self, req: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(req, timeout=self.timeout) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, ""

    def token(self, path: str) -> str:
        status, html = self.get(path)
        m = TOKEN.search(html)
        if status != 200 or not m:
            raise RuntimeError(f"no form at {path} (HTTP {status})")
        return m.group(1)

    def sign_in(self, username: str, password: str) -> None:
        token = self.token("/sign-in")
        status, html = self.post("/sign-in", {"csrf_token": token, "username": username,
                                              "password": password})
        if status != 200 or "Sign out" not in html:
            raise RuntimeError(f"sign-in failed for {username} (HTTP {status})")


def _client(base: str, user: tuple[str, str, str], until: float, timeout: float,
            rng: random.Random, out: dict[str, list[tuple[float, int]]],
            lock: threading.Lock) -> None:
    name, password, role = user
    s = Session(base, timeout)
    s.sign_in(name, password)
    pages = ["map", "overlaps", "orphans", "options"] if role == "key_worker" else [
        "map", "overlaps", "orphans"]
    token = s.token("/key-worker/") if role == "key_worker" else ""
    while time.monotonic() < until:
        page = rng.choice(pages)
        t0 = time.perf_counter()
        if page == "map":
            status, _ = s.get("/")
        elif page == "overlaps":
            status, _ = s.get("/commissioner/overlaps")
        elif page == "orphans":
            status, _ = s.get("/commissioner/orphans")
        else:
            form = {"csrf_token": token, "area": rng.choice(PLACES),
                    "age": str(rng.randint(18, 70)), "needs": rng.sample(NEEDS, 2),
                    "severity": rng.choice(["any", "common", "severe"])}
            status, _ = s.post("/key-worker/options", form)
        ms = (time.perf_counter() - t0) * 1000
        with lock:
            out[page].append((ms, status))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    ap.add_argument("--threads", type=int, default=8, help="threads per worker")
    ap.add_argument("--timeout", type=float, default=30, help="per-request timeout (s)")
    args = ap.parse_args(argv)

    from ecosystem import Ecosystem, Settings
    from ecosystem.accounts import users
    from ecosystem.db.connect import connect
    from ecosystem.db.server import ManagedServer

    env = dict(os.environ)  # for gunicorn, with the settings below added
    server = None
    given = Settings.from_env(env)
    if not given.neo4j_uri:
        server = ManagedServer.from_settings(given, ROOT / ".data" / "load")
        env.update(NEO4J_URI=server.start(), NEO4J_USER="neo4j",
                   NEO4J_PASSWORD=server.password())
    env.setdefault("ECOSYSTEM_PSEUDONYM_KEY", secrets.token_urlsafe(24))
    env["ECOSYSTEM_SECRET_KEY"] = secrets.token_urlsafe(32)
    env["ECOSYSTEM_COOKIE_SECURE"] = "0"
    env["ECOSYSTEM_DATA_DIR"] = str(ROOT / ".data" / "load")
    settings = Settings.from_env(env)
    eco = Ecosystem(settings, connect(settings))
    print("loading the demo area...", file=sys.stderr)
    eco.load_demo()
    password = secrets.token_urlsafe(18)
    accounts = []
    for name, role in (("load-commissioner", users.COMMISSIONER),
                       ("load-keyworker", users.KEY_WORKER)):
        if users.get(eco.graph, name) is None:
            users.create(eco.graph, name, role, password, "bench.load")
        else:
            users.set_password(eco.graph, name, password, "bench.load")
        accounts.append((name, password, role))
    eco.close()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads),
         "--timeout", "60", "--log-level", "warning", "web.wsgi:app"],
        env=env, cwd=ROOT)
    results: dict[str, list[tuple[float, int]]] = defaultdict(list)
    failures: list[str] = []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/sign-in", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        lock = threading.Lock()
        until = time.monotonic() + args.seconds
        started = time.monotonic()

        def run(i: int) -> None:
            try:
                _client(base, accounts[i % 2], until, args.timeout, random.Random(i),
                        results, lock)
            except Exception as e:  # noqa: BLE001 - reported, not hidden
                failures.append(f"session {i}: {e}")

        threads = [threading.Thread(target=run, args=(i,)) for i in range(args.sessions)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.seconds + args.timeout + 30)
        elapsed = time.monotonic() - started
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(30)
        if server is not None:
            server.stop()

    report: dict[str, Any] = {
        "sessions": args.sessions, "seconds": args.seconds, "gunicorn_workers": args.workers,
        "threads_per_worker": args.threads, "session_failures": failures, "pages": {},
    }
    total = errors = 0
    for page, rows in sorted(results.items()):
        ms = [m for m, _ in rows]
        bad = sum(1 for _, st in rows if st != 200)
        total += len(rows)
        errors += bad
        report["pages"][page] = {"requests": len(rows), "errors": bad,
                                 "p50_ms": round(statistics.median(ms), 1),
                                 "p95_ms": round(_pct(ms, 0.95), 1),
                                 "max_ms": round(max(ms), 1)}
    report.update(requests=total, errors=errors + len(failures),
                  requests_per_second=round(total / elapsed, 1))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Load test", "",
        f"{args.sessions} concurrent signed-in sessions (half commissioners, half key workers) "
        f"for {args.seconds:.0f} s against gunicorn ({args.workers} workers x {args.threads} "
        "threads) on 127.0.0.1, demo area, 2-core machine. Command: `make load`.", "",
        f"Requests: {total}; errors: {errors}; session failures: {len(failures)}; "
        f"throughput: {report['requests_per_second']} requests/s.", "",
        "| page | requests | errors | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|---|",
    ]
    for page, r in report["pages"].items():
        lines.append(f"| {page} | {r['requests']} | {r['errors']} | {r['p50_ms']} | "
                     f"{r['p95_ms']} | {r['max_ms']} |")
    (RESULTS / "load.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if errors == 0 and not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
