"""A throw-away PostgreSQL cluster for the tests: initdb + pg_ctl in a temporary directory, on a free port.

The server binaries come from Debian's ``postgresql`` package (``/usr/lib/postgresql/<major>/bin``,
installed by scripts/install.sh). PostgreSQL refuses to run as root, so as root the cluster belongs
to the ``postgres`` user (``runuser -u postgres --``, directory chowned to it); otherwise it runs as
the current user. The unix socket lives in the temporary directory; clients connect over TCP on
127.0.0.1 with trust authentication (nothing leaves the machine, the cluster is deleted afterwards).
A cluster whose test process died without its teardown (killed) is stopped by the next session.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

SUPERUSER = "postgres"


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<major>/bin`` holding initdb, pg_ctl and postgres."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/postgres")
             if (p.parent / "initdb").exists() and (p.parent / "pg_ctl").exists()]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, default=None)


def why_not() -> str | None:
    """Why a cluster cannot be started here (None when it can)."""
    if find_bindir() is None:
        return "PostgreSQL server binaries are not installed (/usr/lib/postgresql/*/bin; scripts/install.sh installs them)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is not installed"
    return None


class Cluster:
    """One running PostgreSQL server; :meth:`create_database` gives each test its own database."""

    def __init__(self, port: int) -> None:
        bindir = find_bindir()
        assert bindir is not None
        self.bindir, self.port = bindir, port
        # not under pytest's tmp dir: that is private to the current user, the postgres user must enter this one
        self.root = Path(tempfile.mkdtemp(prefix="alliance-pg-"))
        self.data, self.log = self.root / "data", self.root / "server.log"
        self._as_root = os.geteuid() == 0
        (self.root / "owner.pid").write_text(str(os.getpid()))
        if self._as_root:
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_root else []
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stdout}{done.stderr}\n{log}")

    def start(self) -> None:
        """initdb, then start the server and wait until it accepts connections (``pg_ctl -w``)."""
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C", "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")

    def stop(self) -> None:
        """Stop the server (immediate shutdown: nothing to keep) and delete the cluster."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    @classmethod
    def stop_orphans(cls) -> None:
        """Stop and delete the clusters of test processes that are gone (killed before their teardown)."""
        for owner in Path(tempfile.gettempdir()).glob("alliance-pg-*/owner.pid"):
            try:
                pid = int(owner.read_text())
                os.kill(pid, 0)
                continue  # its process is alive: not ours to stop
            except ProcessLookupError:
                pass
            except (OSError, ValueError):
                continue
            orphan = cls.__new__(cls)
            orphan.bindir, orphan.port, orphan.root = find_bindir() or Path("/nonexistent"), 0, owner.parent
            orphan.data, orphan.log, orphan._as_root = owner.parent / "data", owner.parent / "server.log", os.geteuid() == 0
            try:
                orphan.stop()
            except RuntimeError:
                pass

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database``."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)
