"""The Celery application for scale-out workers (Redis broker), running the same code as local workers.

Start a worker on any machine that has the project installed and reaches the broker::

    ALLIANCE_BROKER_URL=redis://HOST:6379/0 .venv/bin/celery -A api.celery_app worker --concurrency 2

Task contract (other components send these by name, so they need not import this module):

``alliance.analyse_file(name, data_b64, as_of_iso) -> dict``
    parse and extract one file sent as base64; returns ``{"extraction": <Extraction JSON>,
    "text": <normalized text or None>}``. Bad input is a result with ``extraction.error``, never a
    task failure, so one broken file cannot poison a batch.

``alliance.run_job(job_id) -> bool``
    the service's per-file (and per-report) job: the same code the embedded database workers run
    (``api.service.processing.run_one``), claimed with a lease in the service database, recorded
    idempotently. The worker needs the service settings (``ALLIANCE_DATABASE_URL``, blob store).

A worker killed mid-task (kill -9, a lost machine) never acknowledges it (``task_acks_late``), so
Redis hands the task to another worker after ``ALLIANCE_VISIBILITY_TIMEOUT_SECONDS`` (checked every
``visibility/10`` seconds, at most 10 s); by then the job's lease in the database has run out and the
job is claimed again. A redelivered task whose job is still leased (it only ran long) retries after
half a lease, so no job runs twice at once, and results are recorded once per key.
"""

from __future__ import annotations

import base64
import os
from datetime import date
from typing import Any

from celery import Celery

BROKER_ENV = "ALLIANCE_BROKER_URL"
RESULT_ENV = "ALLIANCE_RESULT_BACKEND"
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
ANALYSE_FILE = "alliance.analyse_file"
RUN_JOB = "alliance.run_job"


def transport_options(visibility_timeout: float, lease_seconds: float) -> dict[str, float]:
    """Redis transport options: redeliver unacknowledged tasks after ``visibility_timeout`` (≥ the lease)."""
    visibility = max(visibility_timeout, lease_seconds)
    return {"visibility_timeout": visibility,
            # how often a worker looks for tasks to redeliver (kombu's default is every ~100 s)
            "unacked_restore_interval": max(1.0, min(10.0, visibility / 10)), "unacked_restore_throttle": 1}


def make_app(broker: str | None = None, backend: str | None = None) -> Celery:
    """A Celery app on ``broker`` (default: $ALLIANCE_BROKER_URL or local Redis)."""
    from api.service.settings import get_settings

    settings = get_settings()
    broker = broker or os.environ.get(BROKER_ENV, DEFAULT_BROKER)
    backend = backend or os.environ.get(RESULT_ENV, broker)
    celery = Celery("alliance_intake", broker=broker, backend=backend)
    celery.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # a task is acknowledged only after it ran: a worker killed mid-task leaves it queued
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        result_expires=24 * 3600,
        broker_connection_retry_on_startup=True,
        broker_transport_options=transport_options(settings.visibility_timeout_seconds, settings.lease_seconds),
    )
    celery.task(name=ANALYSE_FILE)(analyse_file)
    celery.task(name=RUN_JOB, bind=True, max_retries=None)(run_job)
    return celery


def analyse_file(name: str, data_b64: str, as_of_iso: str | None = None) -> dict[str, object]:
    """The body of ``alliance.analyse_file`` (plain function: testable without a broker)."""
    from api.pipeline import analyse_bytes

    as_of = date.fromisoformat(as_of_iso) if as_of_iso else None
    outcome = analyse_bytes(base64.b64decode(data_b64), name, as_of)
    return {"extraction": outcome.extraction.model_dump(mode="json"), "text": outcome.text}


_SERVICE: list[object] = []


def run_job(task: Any, job_id: str) -> bool:
    """The body of ``alliance.run_job``: run one service job; retried later while another worker holds it."""
    import socket

    from api.service.context import Service
    from api.service.processing import job_state, run_one
    from api.service.settings import ServiceSettings

    if not _SERVICE:
        _SERVICE.append(Service(ServiceSettings()))
    service = _SERVICE[0]
    assert isinstance(service, Service)
    worker = f"celery:{socket.gethostname()}:{os.getpid()}"
    if run_one(service, worker, job_id):
        return True
    if job_state(service, job_id) == "running":  # leased by a worker that may have died: try after the lease
        raise task.retry(countdown=max(1.0, service.settings.lease_seconds / 2))
    return False


app = make_app()
