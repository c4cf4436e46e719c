"""kill -9 an embedded worker in the middle of a 200-file batch, start it again: nothing lost, nothing twice."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.service.app import create_app
from api.service.context import Service
from api.service.settings import ServiceSettings
from api.service.tables import Job, Report, Result, Submission, SubmissionFile
from tests.service.conftest import API, charter

SUBMISSIONS, FILES_EACH = 20, 10
WORKERS = max(2, min(4, os.cpu_count() or 2))
CLI = str(Path(sys.executable).with_name("alliance-intake"))


def _env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "ALLIANCE_DATA_DIR": str(data_dir), "ALLIANCE_LEASE_SECONDS": "2",
            "ALLIANCE_HEARTBEAT_SECONDS": "0.5", "ALLIANCE_POLL_SECONDS": "0.05"}


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as handle:
        return subprocess.Popen([CLI, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=handle)


def _count(service: Service, model: type, *where: object) -> int:
    with service.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


@pytest.mark.slow
def test_killed_worker_loses_nothing_and_repeats_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    service = Service(ServiceSettings(data_dir=data_dir))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for s in range(SUBMISSIONS):
            for f in range(FILES_EACH):
                z.writestr(f"联盟{s:02d}/文件{f}.txt", charter(s * 100 + f))
    with TestClient(create_app(service=service)) as client:
        response = client.post(f"{API}/submissions", files=[("files", ("batch.zip", buffer.getvalue(), "application/zip"))])
    assert response.status_code == 202
    total = SUBMISSIONS * FILES_EACH
    assert _count(service, SubmissionFile) == total

    env, log = _env(data_dir), tmp_path / "workers.log"
    started = time.monotonic()
    workers = [_worker(env, log) for _ in range(WORKERS)]
    try:
        deadline = time.monotonic() + 120
        while _count(service, Result) < total // 4:
            assert time.monotonic() < deadline and workers[0].poll() is None, log.read_text()
            time.sleep(0.05)
        os.kill(workers[0].pid, signal.SIGKILL)  # mid-batch, mid-job
        workers[0].wait()
        killed_at = _count(service, Result)
        assert killed_at < total
        workers[0] = _worker(env, log)  # start it again
        while _count(service, Submission, Submission.status.in_(("done", "failed"))) < SUBMISSIONS:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        elapsed = time.monotonic() - started
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            try:
                w.wait(10)
            except subprocess.TimeoutExpired:
                w.kill()

    with service.db.session() as session:
        keys = list(session.scalars(select(Result.key)))
        attempts = list(session.scalars(select(Job.attempts).where(Job.kind == "file")))
        statuses = set(session.scalars(select(Job.status)))
        file_keys = set(session.scalars(select(SubmissionFile.job_key)))
        reports = list(session.scalars(select(Report.submission_id)))
    assert len(keys) == len(set(keys)) == total  # every file once: no loss, no duplicate
    assert set(keys) == file_keys
    assert statuses == {"done"}
    assert len(reports) == len(set(reports)) == SUBMISSIONS
    assert _count(service, Submission, Submission.status == "done") == SUBMISSIONS
    print(f"\n200-file batch with kill -9 after {killed_at} results: {elapsed:.1f}s; "
          f"jobs run more than once: {sum(1 for a in attempts if a > 1)} (recorded once)")
