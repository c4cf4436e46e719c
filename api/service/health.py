"""Readiness: database reachable, store writable, migrations at head, workers seen recently."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import func, select, text

from api.service.context import Service
from api.service.db import current_revision, head_revision
from api.service.tables import Worker


def _workers_seen(service: Service) -> tuple[bool, Any]:
    if service.settings.queue == "celery":
        from api.celery_app import make_app

        try:
            replies = make_app(broker=service.settings.broker_url).control.ping(timeout=1.0)
        except Exception as exc:  # noqa: BLE001 - the broker may be down
            return False, f"broker: {type(exc).__name__}"
        return bool(replies), len(replies)
    cutoff = time.time() - service.settings.worker_seen_seconds
    with service.db.session() as session:
        seen = session.scalar(select(func.count(Worker.id)).where(Worker.last_seen >= cutoff)) or 0
    return seen > 0, seen


def readiness(service: Service) -> tuple[bool, dict[str, Any]]:
    """Whether the service can take work, and each check's result."""
    checks: dict[str, Any] = {}
    try:
        with service.db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = True
        revision, head = current_revision(service.db), head_revision()
        checks["migrations"] = {"current": revision, "head": head, "ok": revision == head}
    except Exception as exc:  # noqa: BLE001 - report, never raise
        checks["database"] = f"{type(exc).__name__}"
        checks["migrations"] = {"ok": False}
    checks["store_writable"] = service.store.writable()
    ok_workers, workers = _workers_seen(service) if checks["database"] is True else (False, 0)
    checks["workers"] = {"ok": ok_workers, "seen": workers}
    ready = checks["database"] is True and checks["migrations"]["ok"] and checks["store_writable"] and ok_workers
    return bool(ready), checks
