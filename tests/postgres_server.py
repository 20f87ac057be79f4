"""A private, throwaway PostgreSQL cluster for the tests: initdb + pg_ctl into a temp folder.

Started once per session on 127.0.0.1 (a free port) and stopped at the end. Run as root (as
in CI containers), the server runs as the `postgres` system user, which refuses root. A
machine without PostgreSQL gets Debian's `postgresql` package through tests/tools.py first;
if the server still cannot start, the tests that need it fail with the reason (never skip).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from faces_backend.store.postgres import connect_postgres, migrate_postgres

SERVER_USER = "postgres"
START_TIMEOUT_S = 30
TEMPLATE = "faces_migrated"


class PostgresUnavailable(RuntimeError):
    """The test cluster cannot be made or started; the message says why and what to install."""


def postgres_bin() -> Path | None:
    """Return the newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl, if any."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda found: int(Path(found).parent.parent.name.split(".")[0]),
    )
    return Path(candidates[-1]).parent if candidates else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", SERVER_USER, "--", *command]
    return ["su", SERVER_USER, "-s", "/bin/sh", "-c", " ".join(command)]


def _free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True)
    if done.returncode != 0:
        raise PostgresUnavailable(f"{what} failed ({done.returncode}): {done.stderr.strip()}")


@dataclass
class PostgresServer:
    """A running test cluster: its address, and fresh databases on demand."""

    bin_dir: Path
    data_dir: Path
    port: int
    durable: bool = False  # fsync as in production (benchmarks); tests need no crash safety
    statement_stats: bool = False  # load pg_stat_statements (the benchmarks count statements)
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _shared: str | None = None

    def url(self, database: str = "postgres") -> str:
        """Return the URL of one database of the cluster."""
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, *, migrated: bool = True) -> str:
        """Create an empty (or already migrated) database of its own; return its URL."""
        name = f"t{next(self._numbers)}"
        template = TEMPLATE if migrated else "template0"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE {template} STRATEGY FILE_COPY')
        return self.url(name)

    def emptied_database(self) -> str:
        """Return the URL of the shared migrated test database, every table emptied first.

        Cheaper than a new database per test (a TRUNCATE, not a copy of the template); only
        one test uses it at a time, and its apps are closed before the next one empties it.
        """
        if self._shared is None:
            self._shared = self.new_database()
        with psycopg.connect(self._shared, autocommit=True) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename != 'faces_schema'"
                )
            ]
            conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        return self._shared

    def stop(self) -> None:
        """Stop the server (fast shutdown: sessions end, committed data stays)."""
        pg_ctl = str(self.bin_dir / "pg_ctl")
        _run([pg_ctl, "-D", str(self.data_dir), "-m", "fast", "-w", "stop"], "pg_ctl stop")

    def start(self) -> None:
        """Start the server on its port, waiting until it accepts connections."""
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data_dir} "
        options += "-c max_connections=200"
        if self.statement_stats:
            options += " -c shared_preload_libraries=pg_stat_statements"
        if not self.durable:
            # A throwaway cluster: nothing to keep across a power loss, so no fsync.
            options += " -c fsync=off -c full_page_writes=off"
        command = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-w"]
        command += ["-t", str(START_TIMEOUT_S), "-o", options]
        command += ["-l", str(self.data_dir / "server.log"), "start"]
        _run(command, "pg_ctl start")


@contextmanager
def running_postgres(
    *, durable: bool = False, statement_stats: bool = False
) -> Iterator[PostgresServer]:
    """Make, start and finally stop and delete a private cluster with a migrated template."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise PostgresUnavailable(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl). "
            "Install it with: sudo apt-get install -y postgresql (uv run invoke test does)."
        )
    base = Path(tempfile.mkdtemp(prefix="faces-pg-"))
    data_dir = base / "data"
    data_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, SERVER_USER)
        shutil.chown(data_dir, SERVER_USER)
    try:
        initdb = [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", SERVER_USER]
        initdb += ["--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]
        _run(initdb, "initdb")
        server = PostgresServer(bin_dir, data_dir, _free_port(), durable, statement_stats)
        server.start()
        try:
            with psycopg.connect(server.url(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {TEMPLATE}")
            with closing(connect_postgres(server.url(TEMPLATE))) as template:
                migrate_postgres(template)
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(base, ignore_errors=True)
