"""Resume state: one SQLite file next to the workbook, written as soon as each file finishes.

``files`` holds the latest result per key (label + size + stamp + check date); ``log`` gets one row
every time a result is stored, so "each file processed exactly once" can be counted; ``runs`` one
row per invocation. WAL mode; results are committed in small batches (``record(..., commit=False)``
then ``flush``: the screening run commits every ``state_batch`` results or ``state_flush_seconds``,
whichever comes first, and on the way out). A run killed at any moment (Ctrl-C, kill -9) loses at
most the files in flight and the last uncommitted batch; those are analysed again by the next run,
which skips every key already stored. A file and its log row are committed together, so no key
is ever counted twice.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    key TEXT PRIMARY KEY, label TEXT NOT NULL, folder TEXT NOT NULL, root TEXT NOT NULL,
    failed INTEGER NOT NULL, error_code TEXT, extraction TEXT NOT NULL, text TEXT,
    seconds REAL, finished REAL NOT NULL, run INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY, key TEXT NOT NULL, run INTEGER NOT NULL,
                                finished REAL NOT NULL);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, started REAL NOT NULL, args TEXT NOT NULL);
"""


@dataclass(frozen=True)
class StoredFile:
    """One file's stored result (the extraction as JSON, the normalized text when it parsed)."""

    key: str
    label: str
    folder: str
    root: str
    failed: bool
    extraction: str
    text: str | None


class ScreenState:
    """The state database of one workbook."""

    def __init__(self, path: Path, args: str = "") -> None:
        self.path = path
        self.db = sqlite3.connect(path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        cursor = self.db.execute("INSERT INTO runs (started, args) VALUES (?, ?)", (time.time(), args))
        self.run = int(cursor.lastrowid or 0)
        self.db.commit()
        self.pending = 0
        self.oldest = 0.0  # monotonic time of the oldest uncommitted result

    def done(self, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` already have a result."""
        wanted = set(keys)
        return {k for (k,) in self.db.execute("SELECT key FROM files") if k in wanted}

    def record(self, key: str, label: str, folder: str, root: str, extraction_json: str, text: str | None,
               error_code: str | None, seconds: float | None = None, commit: bool = True) -> None:
        """Store one file's result; commit at once unless ``commit`` is False (then ``flush`` commits)."""
        now = time.time()
        try:
            self.db.execute(
                "INSERT OR REPLACE INTO files (key, label, folder, root, failed, error_code, extraction, text,"
                " seconds, finished, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, label, folder, root, int(error_code is not None), error_code, extraction_json, text, seconds,
                 now, self.run))
            self.db.execute("INSERT INTO log (key, run, finished) VALUES (?, ?, ?)", (key, self.run, now))
        except BaseException:
            self.db.rollback()
            self.pending = 0
            raise
        if not self.pending:
            self.oldest = time.monotonic()
        self.pending += 1
        if commit:
            self.flush()

    def due(self, batch: int, seconds: float) -> bool:
        """Whether uncommitted results should be committed now (``batch`` of them, or the oldest ``seconds`` old)."""
        return self.pending > 0 and (self.pending >= batch or time.monotonic() - self.oldest >= seconds)

    def flush(self) -> None:
        """Commit the results recorded so far."""
        if self.pending:
            self.db.commit()
            self.pending = 0

    def load(self, keys: Iterable[str]) -> list[StoredFile]:
        """The stored results of ``keys`` (the files of this walk), in label order."""
        wanted = set(keys)
        rows = self.db.execute("SELECT key, label, folder, root, failed, extraction, text FROM files ORDER BY label")
        return [StoredFile(k, lab, fo, ro, bool(fa), ex, tx) for k, lab, fo, ro, fa, ex, tx in rows if k in wanted]

    def close(self) -> None:
        """Commit what is pending and close the connection."""
        self.flush()
        self.db.close()


def state_path(out: Path, suffix: str) -> Path:
    """Where the state of the workbook ``out`` lives."""
    return out.with_name(out.name + suffix)
