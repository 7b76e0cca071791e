"""The local Neo4j server the project fetches and manages when no NEO4J_URI is given.

Neo4j Community 5.26 LTS is fetched once from Maven Central (the server assembly POM and its
runtime jars) into a user cache, then started on 127.0.0.1 with its data under the project's
data directory, authentication on and a generated password kept in a 0600 file.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ecosystem.config import Settings
from ecosystem.secure import open_private, private_dir

NEO4J_VERSION = "5.26.30"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.server.startup.Neo4jAdminBoot"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.ecosystem</groupId><artifactId>neo4j-fetch</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies><dependency>
    <groupId>org.neo4j.assembly</groupId><artifactId>neo4j-community-standalone</artifactId>
    <version>{version}</version><type>pom</type>
  </dependency></dependencies>
</project>
"""


class ServerError(RuntimeError):
    """The managed server could not be fetched, started or reached."""


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    uri: str | None
    pid: int | None
    home: Path


def cache_dir(base: Path | None = None) -> Path:
    """Where the jars are kept: under `base` (ECOSYSTEM_CACHE_DIR), else the user cache."""
    if base is None:  # XDG_CACHE_HOME is the desktop's setting, not ours: read here
        base = Path(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                    "ecosystem")
    return Path(base) / f"neo4j-{NEO4J_VERSION}"


def fetch(echo=print, cache: Path | None = None) -> Path:
    """Download the server jars once; later calls return the cached folder."""
    lib = cache_dir(cache) / "lib"
    if lib.is_dir() and any(lib.glob("neo4j-server-*.jar")):
        return lib
    if shutil.which("mvn") is None:
        raise ServerError(
            "Maven (mvn) is needed to fetch Neo4j the first time; install it or set NEO4J_URI")
    lib.parent.mkdir(parents=True, exist_ok=True)
    echo(f"Fetching Neo4j Community {NEO4J_VERSION} from Maven Central (once)...")
    with tempfile.TemporaryDirectory(dir=lib.parent) as tmp:
        (Path(tmp) / "pom.xml").write_text(_POM.format(version=NEO4J_VERSION))
        out = Path(tmp) / "lib"
        proc = subprocess.run(
            ["mvn", "-q", "-B", "dependency:copy-dependencies", "-DincludeScope=runtime",
             f"-DoutputDirectory={out}"],
            cwd=tmp, capture_output=True, text=True,
        )
        if proc.returncode != 0 or not any(out.glob("neo4j-server-*.jar")):
            output = (proc.stdout + proc.stderr)[-2000:]
            raise ServerError("fetching Neo4j with Maven failed:\n" + output)
        try:
            out.rename(lib)  # atomic: a half-fetched folder is never seen as the cache
        except OSError:
            if not lib.is_dir():
                raise
    return lib


class ManagedServer:
    """A Neo4j server whose home is `<data_dir>/neo4j`."""

    def __init__(self, data_dir: Path, port: int | None = None, heap: str = "1g",
                 pagecache: str = "512m", cache: Path | None = None) -> None:
        self.home = Path(data_dir) / "neo4j"
        self._port = port
        self.heap = heap
        self.pagecache = pagecache
        self.cache = cache

    @classmethod
    def from_settings(cls, settings: Settings, data_dir: Path | None = None) -> ManagedServer:
        """The server the settings describe, in `data_dir` (default: settings.data_dir)."""
        return cls(data_dir or settings.data_dir, port=settings.neo4j_port,
                   heap=settings.neo4j_heap, pagecache=settings.neo4j_pagecache,
                   cache=settings.cache_dir)

    # Files kept in the home folder
    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def pid_file(self) -> Path:
        return self.home / "neo4j.pid"

    @property
    def port_file(self) -> Path:
        return self.home / "bolt-port"

    @property
    def port(self) -> int:
        if self._port:
            return self._port
        if self.port_file.exists():
            return int(self.port_file.read_text().strip())
        port = _free_port()
        self._private_home()
        with open_private(self.port_file) as f:
            f.write(str(port))
        return port

    @property
    def uri(self) -> str:
        return f"neo4j://127.0.0.1:{self.port}"

    def password(self) -> str:
        return self.password_file.read_text().strip()

    def pid(self) -> int | None:
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except OSError:
            return None
        # The pid could have been reused by another program after a reboot.
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return pid
        return pid if MAIN_CLASS.encode() in cmdline else None

    def status(self) -> ServerStatus:
        pid = self.pid()
        running = pid is not None and _port_open(self.port)
        return ServerStatus(running, self.uri if running else None, pid, self.home)

    def _private_home(self) -> None:
        """The data folder and the server's home, 0700 (tightened if they were open)."""
        private_dir(self.home.parent)
        private_dir(self.home)

    def _write_conf(self) -> None:
        conf = private_dir(self.home / "conf")
        with open_private(conf / "neo4j.conf") as f:
            f.write("\n".join([
                "server.default_listen_address=127.0.0.1",
                f"server.bolt.listen_address=127.0.0.1:{self.port}",
                "server.http.enabled=false",
                "server.https.enabled=false",
                "dbms.usage_report.enabled=false",
                "dbms.security.auth_enabled=true",
                f"server.memory.heap.initial_size={self.heap}",
                f"server.memory.heap.max_size={self.heap}",
                f"server.memory.pagecache.size={self.pagecache}",
                "db.tx_log.rotation.retention_policy=1 files",
                "",
            ]))

    def java(self) -> str:
        """The java executable: JAVA_HOME's, else the one on PATH."""
        java_home = os.environ.get("JAVA_HOME")
        if java_home and (Path(java_home) / "bin" / "java").exists():
            return str(Path(java_home) / "bin" / "java")
        java = shutil.which("java")
        if not java:
            raise ServerError(
                "Java 17 or later is needed to run Neo4j; install it or set NEO4J_URI")
        return java

    def _ensure_password(self, lib: Path) -> None:
        if self.password_file.exists() and (self.home / "data" / "dbms").exists():
            return
        password = generate_password()
        env = dict(os.environ, NEO4J_HOME=str(self.home), NEO4J_CONF=str(self.home / "conf"))
        proc = subprocess.run(
            [self.java(), "-cp", f"{lib}/*", ADMIN_CLASS,
             "dbms", "set-initial-password", password],
            env=env, capture_output=True, text=True, umask=0o077,
        )
        if proc.returncode != 0:
            raise ServerError("setting the initial Neo4j password failed:\n" + proc.stderr[-2000:])
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(password + "\n")

    def start(self, timeout: float = 120.0, echo=print) -> str:
        """Start the server unless it is already running; return its URI."""
        st = self.status()
        if st.running:
            return self.uri
        if st.pid is not None:  # starting, or still stopping after stop(wait=False)
            try:
                self._wait(timeout, st.pid)
                return self.uri
            except _Exited:  # it was stopping: start a new one
                self.pid_file.unlink(missing_ok=True)
        lib = fetch(echo, self.cache)
        self._private_home()
        if _port_open(self.port):
            raise ServerError(
                f"port {self.port} is taken by another program; set ECOSYSTEM_NEO4J_PORT")
        self._write_conf()
        self._ensure_password(lib)
        private_dir(self.home / "logs")
        console = os.fdopen(os.open(self.home / "logs" / "console.log",
                                    os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")
        proc = subprocess.Popen(
            [self.java(), f"-Xmx{self.heap}", "-cp", f"{lib}/*", MAIN_CLASS,
             f"--home-dir={self.home}", f"--config-dir={self.home / 'conf'}"],
            stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
            umask=0o077,  # the store and transaction log hold person data and hashes
        )
        console.close()
        with open_private(self.pid_file) as f:
            f.write(str(proc.pid))
        self._wait(timeout, proc.pid)
        return self.uri

    def _wait(self, timeout: float, pid: int) -> None:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, ServiceUnavailable

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                raise _Exited(f"Neo4j exited while starting; see {self.home / 'logs'}")
            if _port_open(self.port):
                try:
                    with GraphDatabase.driver(self.uri, auth=("neo4j", self.password())) as d:
                        d.verify_connectivity()
                        return
                except (ServiceUnavailable, OSError):
                    pass
                except AuthError as e:
                    raise ServerError(f"Neo4j refused the stored password: {e.message}") from None
            time.sleep(0.5)
        raise ServerError(f"Neo4j did not answer within {timeout:.0f}s; see {self.home / 'logs'}")

    def stop(self, timeout: float = 60.0, wait: bool = True) -> bool:
        """Stop the server; the data stays. Returns False when it was not running."""
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        if not wait:
            return True
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.2)
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True


class _Exited(ServerError):
    """The process we waited for ended."""


def generate_password(length: int = 32) -> str:
    """Letters and digits only, starting with a letter: a password the admin tool can never
    read as an option (token_urlsafe's can start with `-`, and then `dbms set-initial-password`
    prints its usage instead)."""
    letters = string.ascii_letters
    alphabet = letters + string.digits
    return secrets.choice(letters) + "".join(secrets.choice(alphabet) for _ in range(length - 1))


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        return state != "Z"
    except OSError:
        return True


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.3)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
