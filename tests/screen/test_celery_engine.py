"""``screen --engine celery`` against a real redis-server and one Celery worker (both started here)."""

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from api.screen.workbook import SHEETS
from tests.screen.helpers import BIN, ROOT, make_corpus

pytestmark = pytest.mark.slow
REDIS = shutil.which("redis-server")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def broker(tmp_path: Path) -> Iterator[dict[str, str]]:
    if REDIS is None:
        pytest.skip("redis-server is not installed (Debian package redis-server; scripts/install.sh installs it)")
    port = _free_port()
    redis = subprocess.Popen([REDIS, "--port", str(port), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
                             stdout=subprocess.DEVNULL, cwd=tmp_path)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    env = {**os.environ, "ALLIANCE_BROKER_URL": f"redis://127.0.0.1:{port}/0"}
    worker = subprocess.Popen([str(BIN / "celery"), "-A", "api.celery_app", "worker", "--concurrency", "1",
                               "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield env
    finally:
        for proc in (worker, redis):
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_celery_engine_screens_like_the_local_one(tmp_path: Path, broker: dict[str, str]) -> None:
    files = make_corpus(tmp_path / "in", 5, formats=("txt", "docx"))
    (tmp_path / "in" / "sub-0000" / "empty.pdf").write_bytes(b"")
    out = tmp_path / "celery.xlsx"
    run = subprocess.run([str(BIN / "alliance-intake"), "screen", str(tmp_path / "in"), "--out", str(out),
                          "--engine", "celery", "--workers", "1", "-j", "gansu", "--as-of", "2026-01-01"],
                         env=broker, capture_output=True, text=True, timeout=240)
    assert run.returncode == 2, run.stderr  # the empty file failed alone
    assert f"screened {len(files) + 1} files" in run.stdout
    wb = openpyxl.load_workbook(out, read_only=True)
    errors = list(wb[SHEETS["errors"]].iter_rows(min_row=2, values_only=True))
    listed = {r[0]: r[2] for r in wb[SHEETS["files"]].iter_rows(min_row=2, values_only=True)}
    submissions = list(wb[SHEETS["submissions"]].iter_rows(min_row=2, values_only=True))
    wb.close()
    assert [(Path(str(r[0])).name, r[2]) for r in errors] == [("empty.pdf", "empty_file")]
    assert set(listed) == {str(f) for f in files} | {str(tmp_path / "in" / "sub-0000" / "empty.pdf")}
    assert {listed[str(f)] for f in files if "agreement" in f.name} == {"agreement"}
    assert len(submissions) == len({f.parent for f in files})
