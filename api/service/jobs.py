"""The job queue in the database: enqueue by unique key, claim with a lease, renew, finish.

A job whose lease expired (its worker was killed) is claimable again. Claiming picks a candidate
with ``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL: concurrent workers each get a different job
instead of queueing on the same row; SQLite has no row locks and needs none, its write transactions
are serial) and takes it with one UPDATE guarded by the job's state, so two workers never both win
the same claim.
"""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.service.ids import new_id, utcnow
from api.service.tables import Job


def enqueue(session: Session, kind: str, key: str, payload: dict[str, Any]) -> tuple[str, bool]:
    """Add a job unless one with ``key`` exists; return ``(job id, created)``."""
    existing = session.scalar(select(Job).where(Job.key == key))
    if existing is not None:
        return existing.id, False
    job = Job(id=new_id(), kind=kind, key=key, payload=json.dumps(payload), status="queued", lease_until=0.0,
              attempts=0, created_at=utcnow())
    try:
        with session.begin_nested():
            session.add(job)
    except IntegrityError:
        found = session.scalar(select(Job).where(Job.key == key))
        assert found is not None
        return found.id, False
    return job.id, True


def _claimable(now: float) -> Any:
    return or_(Job.status == "queued", (Job.status == "running") & (Job.lease_until < now))


def claim(session: Session, worker: str, lease_seconds: float, job_id: str | None = None) -> Job | None:
    """Claim the oldest claimable job (or ``job_id``); None when there is none."""
    now = time.time()
    query = select(Job.id).where(_claimable(now))
    if job_id is None:
        query = query.order_by(Job.kind.desc(), Job.created_at).limit(1)
    else:
        query = query.where(Job.id == job_id)
    # rendered only where the dialect supports it (PostgreSQL, MySQL 8); SQLite drops the clause
    candidate = session.scalar(query.with_for_update(skip_locked=True))
    if candidate is None:
        return None
    token = new_id()
    result = session.execute(
        update(Job)
        .where(Job.id == candidate, _claimable(now))
        .values(status="running", lease_until=now + lease_seconds, claim_token=token, worker=worker,
                attempts=Job.attempts + 1, started_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return None
    session.expire_all()
    return session.scalar(select(Job).where(Job.id == candidate, Job.claim_token == token))


def renew(session: Session, job_id: str, token: str, lease_seconds: float) -> bool:
    """Extend the lease of a job we still hold."""
    result = session.execute(
        update(Job).where(Job.id == job_id, Job.claim_token == token, Job.status == "running")
        .values(lease_until=time.time() + lease_seconds)
        .execution_options(synchronize_session=False)
    )
    return getattr(result, "rowcount", 0) == 1


def finish(session: Session, job_id: str, status: str = "done", error: str | None = None) -> None:
    """Mark a job done or failed (whoever holds it: the result is already recorded idempotently)."""
    session.execute(
        update(Job).where(Job.id == job_id)
        .values(status=status, error=error, finished_at=utcnow(), lease_until=0.0)
        .execution_options(synchronize_session=False)
    )


def requeue(session: Session, job_id: str) -> None:
    """Put a job back in the queue (after a failure that may pass)."""
    session.execute(update(Job).where(Job.id == job_id).values(status="queued", lease_until=0.0, claim_token=None)
                    .execution_options(synchronize_session=False))
