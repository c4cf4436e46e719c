"""Scale-out: a real Redis broker and two Celery worker processes run the service's jobs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.service.app import create_app
from api.service.context import Service
from api.service.settings import ServiceSettings
from tests.service.conftest import API, charter, stop_process

CELERY = str(Path(sys.executable).with_name("celery"))


@pytest.mark.slow
def test_celery_workers_process_a_batch(tmp_path: Path, redis_url: str) -> None:
    data_dir = tmp_path / "data"
    settings = ServiceSettings(data_dir=data_dir, queue="celery", broker_url=redis_url)
    service = Service(settings)
    env = {**os.environ, "ALLIANCE_DATA_DIR": str(data_dir), "ALLIANCE_QUEUE": "celery", "ALLIANCE_BROKER_URL": redis_url}
    workers = []
    for n in range(2):
        with (tmp_path / f"celery{n}.log").open("wb") as log:
            workers.append(subprocess.Popen([CELERY, "-A", "api.celery_app", "worker", "--pool", "solo",
                                             "-n", f"w{n}@%h", "--loglevel", "INFO"], env=env,
                                            stdout=log, stderr=subprocess.STDOUT))
    try:
        with TestClient(create_app(service=service)) as client:
            files = [("files", (f"{n}.txt", charter(n), "text/plain")) for n in range(6)]
            body = client.post(f"{API}/submissions", files=files, data={"jurisdiction": "gansu"}).json()
            deadline = time.monotonic() + 90
            while True:
                batch = client.get(f"{API}/batches/{body['batch_id']}").json()
                if all(s["status"] == "done" for s in batch["submissions"]):
                    break
                assert time.monotonic() < deadline, (tmp_path / "celery0.log").read_text()[-3000:]
                time.sleep(0.3)
            assert batch["totals"] == {"done": 6, "failed": 0, "total": 6, "eta_seconds": 0.0}
            sid = body["submissions"][0]["id"]
            assert client.get(f"{API}/submissions/{sid}/report").status_code == 200
            assert client.get(f"{API}/readyz").json()["checks"]["workers"]["seen"] == 2
        logs = "".join((tmp_path / f"celery{n}.log").read_text() for n in range(2))
        assert logs.count("alliance.run_job") >= 7  # six files and the report, run by the Celery workers
    finally:
        for w in workers:
            stop_process(w)
