"""kill -9 a Celery worker while it runs a job: Redis redelivers the task, the other worker claims the job
once its lease ran out, and the batch completes with every file recorded exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.service.app import create_app
from api.service.context import Service
from api.service.settings import ServiceSettings
from api.service.tables import Job, Report, Result, Submission, SubmissionFile
from tests.service.conftest import API, ROOT, charter, stop_process

CELERY = str(Path(sys.executable).with_name("celery"))
LEASE, VISIBILITY = 2.0, 3.0


def _batch_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("甲联盟/hold-章程.txt", charter(900))  # the job the test kills a worker in
        for n in range(5):
            z.writestr(f"甲联盟/文件{n}.txt", charter(910 + n))
            z.writestr(f"乙联盟/文件{n}.txt", charter(920 + n))
    return buffer.getvalue()


def _logs(tmp_path: Path) -> str:
    return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(tmp_path.glob("celery*.log")))


@pytest.fixture
def settings(tmp_path: Path, database_url: str, redis_url: str) -> ServiceSettings:
    return ServiceSettings(data_dir=tmp_path / "data", database_url=database_url, queue="celery", broker_url=redis_url)


@pytest.mark.slow
def test_worker_killed_mid_job_loses_nothing_and_repeats_nothing(tmp_path: Path, settings: ServiceSettings,
                                                                 service: Service) -> None:
    data_dir, database_url, redis_url, hold_dir = settings.data_dir, settings.database_url, settings.broker_url, tmp_path / "hold"
    hold_dir.mkdir()
    (hold_dir / "hold").touch()
    env = {**os.environ, "ALLIANCE_DATA_DIR": str(data_dir), "ALLIANCE_DATABASE_URL": database_url,
           "ALLIANCE_QUEUE": "celery", "ALLIANCE_BROKER_URL": redis_url, "ALLIANCE_LEASE_SECONDS": str(LEASE),
           "ALLIANCE_HEARTBEAT_SECONDS": "0.5", "ALLIANCE_VISIBILITY_TIMEOUT_SECONDS": str(VISIBILITY),
           "ALLIANCE_TEST_HOLD_DIR": str(hold_dir)}
    workers: dict[int, subprocess.Popen[bytes]] = {}
    for n in range(2):
        with (tmp_path / f"celery{n}.log").open("wb") as log:
            worker = subprocess.Popen([CELERY, "-A", "tests.service.celery_hold", "worker", "--pool", "solo",
                                       "-n", f"w{n}@%h", "--loglevel", "INFO"], env=env, cwd=ROOT,
                                      stdout=log, stderr=subprocess.STDOUT)
            workers[worker.pid] = worker
    try:
        with TestClient(create_app(service=service)) as client:
            body = client.post(f"{API}/submissions", files=[("files", ("batch.zip", _batch_zip(), "application/zip"))])
            assert body.status_code == 202
            batch_id = body.json()["batch_id"]
            deadline = time.monotonic() + 120
            while not (running := list(hold_dir.glob("running.*"))):  # a worker is inside the held job
                assert time.monotonic() < deadline, _logs(tmp_path)
                time.sleep(0.05)
            victim = int(running[0].suffix.lstrip("."))
            with service.db.session() as session:
                held = session.scalars(select(Job).where(Job.status == "running", Job.worker.like(f"%:{victim}"))).one()
            os.kill(victim, signal.SIGKILL)
            workers.pop(victim).wait()
            killed_at = time.monotonic()
            (hold_dir / "hold").unlink()  # the next run of the job goes through
            while True:
                batch = client.get(f"{API}/batches/{batch_id}").json()
                if all(s["status"] in ("done", "failed") for s in batch["submissions"]):
                    break
                assert time.monotonic() < deadline, _logs(tmp_path)
                time.sleep(0.2)
            recovered = time.monotonic() - killed_at
    finally:
        for w in workers.values():
            stop_process(w)

    assert batch["totals"] == {"done": 11, "failed": 0, "total": 11, "eta_seconds": 0.0}
    assert {s["status"] for s in batch["submissions"]} == {"done"}
    with service.db.session() as session:
        keys = Counter(session.scalars(select(Result.key)))
        file_keys = set(session.scalars(select(SubmissionFile.job_key)))
        attempts = {row.id: row.attempts for row in session.execute(select(Job.id, Job.attempts))}
        statuses = set(session.scalars(select(Job.status)))
        reports = Counter(session.scalars(select(Report.submission_id)))
        submissions = set(session.scalars(select(Submission.id)))
    assert set(keys) == file_keys and set(keys.values()) == {1}  # 0 lost, 0 recorded twice
    assert statuses == {"done"} and set(reports) == submissions and set(reports.values()) == {1}
    assert attempts.pop(held.id) == 2 and set(attempts.values()) == {1}  # only the killed job ran again

    runs = [line.split("\t") for line in (hold_dir / "analyses.log").read_text().splitlines()]
    finished = Counter(name for event, name, _pid in runs if event == "end")
    assert len(finished) == 11 and set(finished.values()) == {1}  # every analysis completed exactly once
    hold_runs = [(event, int(pid)) for event, name, pid in runs if name.endswith("hold-章程.txt")]
    assert hold_runs[0] == ("start", victim) and ("end", victim) not in hold_runs
    assert [e for e, _ in hold_runs] == ["start", "start", "end"]  # killed inside it, then run once more
    print(f"\n{settings.db_url().split(':')[0]}: 11 files, worker kill -9'd mid-job, batch done "
          f"{recovered:.1f}s later (lease {LEASE}s, visibility timeout {VISIBILITY}s)")
