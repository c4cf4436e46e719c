"""kill -9 in the middle of a run, then run again: every file processed exactly once, the workbook complete."""

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest

from api.screen.workbook import SHEETS
from tests.screen.helpers import BIN, make_corpus

pytestmark = pytest.mark.slow


def _recorded(state: Path) -> int:
    if not state.exists():
        return 0
    try:
        db = sqlite3.connect(state, timeout=5)
        try:
            return int(db.execute("SELECT COUNT(*) FROM files").fetchone()[0])
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0


def test_killed_run_resumes_without_redoing_or_losing_a_file(tmp_path: Path) -> None:
    files = make_corpus(tmp_path / "in", 60)
    out = tmp_path / "results.xlsx"
    state = tmp_path / "results.xlsx.state.sqlite"
    command = [str(BIN / "alliance-intake"), "screen", str(tmp_path / "in"), "--out", str(out), "-j", "gansu",
               "--workers", "1", "--as-of", "2026-01-01"]
    # small state batches, so the kill lands between commits (the default batches 64 results)
    env = {**os.environ, "ALLIANCE_SCREEN_STATE_BATCH": "2", "ALLIANCE_SCREEN_STATE_FLUSH_SECONDS": "0.05"}
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while _recorded(state) < 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    at_kill = _recorded(state)
    assert 3 <= at_kill < len(files), "the first run should have been killed part-way"
    assert not out.exists()
    second = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert second.returncode == 0, second.stderr
    assert f"{len(files) - at_kill} analysed" in second.stdout or f"{at_kill} from state" in second.stdout
    db = sqlite3.connect(state)
    per_key = db.execute("SELECT key, COUNT(*) FROM log GROUP BY key").fetchall()
    runs = db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    db.close()
    assert len(per_key) == len(files)
    assert {count for _key, count in per_key} == {1}
    assert runs == 2
    wb = openpyxl.load_workbook(out, read_only=True)
    listed = [r[0] for r in wb[SHEETS["files"]].iter_rows(min_row=2, values_only=True)]
    submissions = list(wb[SHEETS["submissions"]].iter_rows(min_row=2, values_only=True))
    wb.close()
    assert sorted(listed) == sorted(str(f) for f in files)
    assert len(submissions) == len({f.parent for f in files})
