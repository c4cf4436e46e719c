"""Engine and sessions: SQLite (WAL, busy timeout, immediate transactions) or PostgreSQL by URL.

The schema is managed by the Alembic migrations shipped in ``api/service/migrations``;
:func:`migrate` runs ``upgrade head`` one process at a time, so several may start at once: under a
PostgreSQL advisory lock (held by the migration's transaction, so it also serialises processes on
different machines) or, for SQLite, a file lock beside the database.
"""

from __future__ import annotations

import fcntl
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from api.service.settings import ServiceSettings

MIGRATIONS = Path(__file__).with_name("migrations")
# the key of the PostgreSQL advisory lock ``migrate`` holds (any fixed 64-bit number; this one is named)
MIGRATION_LOCK_KEY = zlib.crc32(b"alliance-intake:migrate")


def make_engine(settings: ServiceSettings) -> Engine:
    """An engine for ``settings.db_url()``; SQLite connections get WAL and a busy timeout."""
    url = settings.db_url()
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": settings.sqlite_busy_timeout_ms / 1000})
    timeout = settings.sqlite_busy_timeout_ms

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # take the write lock up front: no SQLITE_BUSY on a read→write upgrade between processes
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class Database:
    """An engine plus its session factory."""

    def __init__(self, settings: ServiceSettings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        """Close pooled connections (call after fork)."""
        self.engine.dispose()


def _alembic_config(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", db.settings.db_url().replace("%", "%%"))
    return config


def migrate(db: Database) -> None:
    """``alembic upgrade head`` on the service database, one process at a time."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as connection:
            # released when this transaction (the whole upgrade) commits or rolls back
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            _upgrade(db, connection)
        return
    lock_dir = db.settings.data_dir
    lock_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_dir / ".migrate.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with db.engine.begin() as connection:
            _upgrade(db, connection)


def _upgrade(db: Database, connection: Connection) -> None:
    config = _alembic_config(db)
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def head_revision() -> str | None:
    """The newest migration shipped with the package."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def current_revision(db: Database) -> str | None:
    """The migration the database is at."""
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
