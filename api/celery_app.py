"""The Celery application for scale-out workers (Redis broker), running the same code as local workers.

Start a worker on any machine that has the project installed and reaches the broker::

    ALLIANCE_BROKER_URL=redis://HOST:6379/0 .venv/bin/celery -A api.celery_app worker --concurrency 2

Task contract (other components send these by name, so they need not import this module):

``alliance.analyse_file(name, data_b64, as_of_iso) -> dict``
    parse and extract one file sent as base64; returns ``{"extraction": <Extraction JSON>,
    "text": <normalized text or None>}``. Bad input is a result with ``extraction.error``, never a
    task failure, so one broken file cannot poison a batch.
"""

from __future__ import annotations

import base64
import os
from datetime import date

from celery import Celery

BROKER_ENV = "ALLIANCE_BROKER_URL"
RESULT_ENV = "ALLIANCE_RESULT_BACKEND"
DEFAULT_BROKER = "redis://127.0.0.1:6379/0"
ANALYSE_FILE = "alliance.analyse_file"


def make_app(broker: str | None = None, backend: str | None = None) -> Celery:
    """A Celery app on ``broker`` (default: $ALLIANCE_BROKER_URL or local Redis)."""
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
    )
    celery.task(name=ANALYSE_FILE)(analyse_file)
    return celery


def analyse_file(name: str, data_b64: str, as_of_iso: str | None = None) -> dict[str, object]:
    """The body of ``alliance.analyse_file`` (plain function: testable without a broker)."""
    from api.pipeline import analyse_bytes

    as_of = date.fromisoformat(as_of_iso) if as_of_iso else None
    outcome = analyse_bytes(base64.b64decode(data_b64), name, as_of)
    return {"extraction": outcome.extraction.model_dump(mode="json"), "text": outcome.text}


app = make_app()
