"""The service on both databases: SQLite (the default) and PostgreSQL (a throw-away cluster, tests/service/postgres.py).

Each test here runs once per database: migrations to head (concurrent starts), the job claim and its
lease (concurrent claimers), embedded worker processes taking a batch to its reports, and a
representative set of the API tests (imported from test_api, so they run again with this module's
``settings``).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text, update

from api.service import jobs
from api.service.context import Service
from api.service.db import Database, current_revision, head_revision
from api.service.settings import ServiceSettings
from api.service.tables import Job, Report, Result, SubmissionFile
from api.service.worker import start_workers, stop_workers
from tests.service.conftest import API, charter

# the same tests as in test_api, collected again here: they run against SQLite and PostgreSQL
from tests.service.test_api import (  # noqa: F401
    test_failed_file_does_not_stop_the_submission,
    test_readyz_sees_workers_and_audit_log_records_reads,
    test_recheck_reuses_parsed_files,
    test_same_file_twice_is_stored_and_parsed_once,
    test_upload_is_queued_then_processed_into_every_report_format,
    test_zip_of_folders_is_a_batch,
)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> ServiceSettings:
    return ServiceSettings(data_dir=tmp_path / "data", database_url=database_url, doc_timeout_seconds=60,
                           rate_limit_per_second=1000, rate_limit_burst=10000, sse_interval_seconds=0.05)


MIGRATE = ("import sys; from pathlib import Path; from api.service.db import Database, migrate; "
           "from api.service.settings import ServiceSettings; "
           "migrate(Database(ServiceSettings(data_dir=Path(sys.argv[1]), database_url=sys.argv[2])))")


def test_concurrent_starts_migrate_once_to_head(settings: ServiceSettings, tmp_path: Path) -> None:
    # four processes start at once. PostgreSQL: each has its own data dir, as on separate machines,
    # so only the advisory lock keeps them apart; SQLite: they share the database's directory and file lock
    def data_dir(n: int) -> Path:
        return tmp_path / f"node{n}" if settings.database_url else settings.data_dir

    processes = [subprocess.Popen([sys.executable, "-c", MIGRATE, str(data_dir(n)), settings.database_url],
                                  stderr=subprocess.PIPE) for n in range(4)]
    failures = [p.stderr.read().decode() for p in processes if p.wait(120) != 0 and p.stderr is not None]
    for p in processes:
        if p.stderr is not None:
            p.stderr.close()
    assert failures == []
    db = Database(settings)
    assert current_revision(db) == head_revision() is not None
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
    db.dispose()


def _enqueue(service: Service, count: int) -> list[str]:
    with service.db.session() as session:
        return [jobs.enqueue(session, "file", f"k{n}", {"n": n})[0] for n in range(count)]


def test_claim_lease_expiry_and_requeue(service: Service) -> None:
    first, second = _enqueue(service, 2)
    with service.db.session() as session:
        a = jobs.claim(session, "w1", 60)
    with service.db.session() as session:
        b = jobs.claim(session, "w2", 60)
    with service.db.session() as session:
        assert jobs.claim(session, "w3", 60) is None  # both leased
        assert jobs.claim(session, "w3", 60, job_id=first) is None  # a held job is not taken by id either
    assert a is not None and b is not None and {a.id, b.id} == {first, second}
    assert a.claim_token and a.attempts == 1 and a.worker == "w1"

    with service.db.session() as session:  # w1 dies: its lease runs out
        session.execute(update(Job).where(Job.id == a.id).values(lease_until=time.time() - 1))
    with service.db.session() as session:
        again = jobs.claim(session, "w3", 60)
    assert again is not None and again.id == a.id and again.attempts == 2 and again.claim_token != a.claim_token
    with service.db.session() as session:
        assert not jobs.renew(session, a.id, a.claim_token, 60)  # the old holder lost it
        assert again.claim_token is not None and jobs.renew(session, a.id, again.claim_token, 60)
        jobs.requeue(session, a.id)  # a failure that may pass
    with service.db.session() as session:
        retried = jobs.claim(session, "w1", 60, job_id=a.id)
        assert retried is not None and retried.attempts == 3
        jobs.finish(session, a.id)
    with service.db.session() as session:
        assert jobs.claim(session, "w1", 60, job_id=a.id) is None
        assert session.scalar(select(Job.status).where(Job.id == a.id)) == "done"


def test_concurrent_claimers_each_take_different_jobs(service: Service) -> None:
    ids = _enqueue(service, 40)
    claimed: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def claimer(n: int) -> None:
        start.wait()
        while True:
            with service.db.session() as session:
                job = jobs.claim(session, f"w{n}", 60)
            if job is None:
                return
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=claimer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == sorted(ids)  # every job claimed, none twice
    with service.db.session() as session:
        assert set(session.scalars(select(Job.attempts))) == {1}


def test_a_claim_in_flight_does_not_block_the_next_claimer(service: Service, settings: ServiceSettings) -> None:
    if not settings.database_url:
        pytest.skip("SQLite write transactions are serial (BEGIN IMMEDIATE): no second claim is ever in flight")
    oldest, newer = _enqueue(service, 2)
    with service.db.sessions() as holding, service.db.sessions() as other:
        first = jobs.claim(holding, "w1", 60)  # not committed: its row stays locked
        assert first is not None and first.id == oldest
        # without SKIP LOCKED this claim would wait on that row lock (and fail after lock_timeout)
        other.execute(text("SET LOCAL lock_timeout = '10s'"))
        second = jobs.claim(other, "w2", 60)
        assert second is not None and second.id == newer
        other.commit()
        holding.commit()


@pytest.mark.slow
def test_embedded_worker_processes_take_a_batch_to_its_reports(client: TestClient, service: Service,
                                                             settings: ServiceSettings) -> None:
    files = [("files", (f"{n}.txt", charter(500 + n), "text/plain")) for n in range(12)]
    body = client.post(f"{API}/submissions", files=files, data={"jurisdiction": "gansu"}).json()
    sid = body["submissions"][0]["id"]
    workers = start_workers(settings.model_copy(update={"poll_seconds": 0.05}), 3)
    try:
        deadline = time.monotonic() + 120
        while client.get(f"{API}/submissions/{sid}").json()["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline and all(w.is_alive() for w in workers)
            time.sleep(0.1)
    finally:
        stop_workers(workers)
    detail = client.get(f"{API}/submissions/{sid}").json()
    assert detail["status"] == "done" and detail["progress"]["done"] == 12 and detail["progress"]["failed"] == 0
    assert client.get(f"{API}/submissions/{sid}/report").json()["jurisdiction"] == "gansu"
    with service.db.session() as session:
        keys = Counter(session.scalars(select(Result.key)))
        file_keys = set(session.scalars(select(SubmissionFile.job_key)))
        claims = Counter(session.scalars(select(Job.attempts)))
        workers_used = set(session.scalars(select(Job.worker).where(Job.kind == "file")))
        assert session.scalar(select(func.count(Report.id))) == 1
    assert set(keys) == file_keys and set(keys.values()) == {1}
    assert claims == Counter({1: 13})  # 12 files and the report, each claimed once
    print(f"\n{settings.db_url().split(':')[0]}: 12 files, {len(workers_used)} worker processes took file jobs")
