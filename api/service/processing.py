"""The work itself: a file job parses one blob (in a sandboxed child), a report job checks a submission.

Both are idempotent. A file result is recorded under a unique key (sha256 + pipeline version): a
second run of a finished key records nothing. A report is unique per (submission, revision).
"""

from __future__ import annotations

import json
import logging
import time
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.service import jobs
from api.service.context import Service
from api.service.ids import new_id, utcnow
from api.service.sandbox import analyse_isolated
from api.service.tables import Job, Report, Result, Submission, SubmissionFile

log = logging.getLogger(__name__)


def run_one(service: Service, worker: str, job_id: str | None = None) -> bool:
    """Claim one job (``job_id`` or the oldest) and run it; False when nothing was claimable."""
    settings = service.settings
    with service.db.session() as session:
        job = jobs.claim(session, worker, settings.lease_seconds, job_id)
    if job is None:
        return False
    try:
        if job.kind == "file":
            _run_file(service, job)
        else:
            _run_report(service, job)
    except Exception as exc:  # noqa: BLE001 - a defect fails the job, not the worker
        log.exception("job %s failed", job.id)
        _job_failed(service, job, f"{type(exc).__name__}: {exc}")
    return True


def _job_failed(service: Service, job: Job, reason: str) -> None:
    with service.db.session() as session:
        if job.attempts < service.settings.max_attempts:
            jobs.requeue(session, job.id)
            return
        jobs.finish(session, job.id, "failed", reason)
        if job.kind == "file":
            _record_failure(session, job, reason)
        if job.kind == "report":
            sid = json.loads(job.payload)["submission_id"]
            submission = session.get(Submission, sid)
            if submission is not None:
                submission.status = "failed"
                submission.finished_at = utcnow()


def _record_failure(session: Session, job: Job, reason: str) -> None:
    from api.service.sandbox import failure
    from models import IntakeError

    payload = json.loads(job.payload)
    analysis = failure(payload["name"], IntakeError("internal_error", name=payload["name"], reason=reason))
    if session.scalar(select(Result.id).where(Result.key == job.key)) is None:
        session.add(Result(key=job.key, sha256=payload["sha256"], status="failed",
                           error_json=json.dumps(analysis.error, ensure_ascii=False),
                           extraction_json=analysis.extraction_json, created_at=utcnow()))
        session.flush()
        advance(session, [job.key])


def _run_file(service: Service, job: Job) -> None:
    payload = json.loads(job.payload)
    with service.db.session() as session:
        done = session.scalar(select(Result.id).where(Result.key == job.key)) is not None
    if not done:
        _analyse_and_record(service, job, payload["sha256"], payload["name"])
    with service.db.session() as session:
        jobs.finish(session, job.id)
        new_jobs = advance(session, [job.key])
    service.dispatch(new_jobs)


def _analyse_and_record(service: Service, job: Job, sha256: str, name: str) -> None:
    settings = service.settings
    data = service.store.get(sha256)
    last = [time.monotonic()]

    def heartbeat() -> None:
        if time.monotonic() - last[0] >= settings.heartbeat_seconds and job.claim_token:
            with service.db.session() as s:
                jobs.renew(s, job.id, job.claim_token, settings.lease_seconds)
            last[0] = time.monotonic()

    started = time.monotonic()
    analysis = analyse_isolated(data, name, timeout=settings.doc_timeout_seconds, memory_mb=settings.doc_memory_mb,
                                max_pages=settings.max_pages, max_file_bytes=settings.max_file_bytes,
                                reject_active_pdf=settings.reject_pdf_active_content, on_wait=heartbeat)
    result = Result(key=job.key, sha256=sha256, status="failed" if analysis.error else "done",
                    error_json=json.dumps(analysis.error, ensure_ascii=False) if analysis.error else None,
                    extraction_json=analysis.extraction_json, document_json=analysis.document_json,
                    format=analysis.format, pages=analysis.pages, ocr_pages=analysis.ocr_pages,
                    seconds=time.monotonic() - started, created_at=utcnow())
    try:
        with service.db.session() as session:
            session.add(result)
    except IntegrityError:
        pass  # another worker recorded this key first: a re-run is a no-op


def advance(session: Session, keys: list[str]) -> list[str]:
    """Queue the report job of every unfinished submission whose files all have results."""
    sids = set(session.scalars(select(SubmissionFile.submission_id).where(SubmissionFile.job_key.in_(keys))))
    created: list[str] = []
    for sid in sids:
        submission = session.get(Submission, sid)
        if submission is None or submission.status in ("done", "failed"):
            continue
        created.extend(queue_report_if_ready(session, submission))
    return created


def queue_report_if_ready(session: Session, submission: Submission) -> list[str]:
    """Queue the submission's report job when every file has a result; mark it running meanwhile."""
    keys = list(session.scalars(select(SubmissionFile.job_key).where(SubmissionFile.submission_id == submission.id)))
    have = session.scalar(select(func.count(Result.id)).where(Result.key.in_(set(keys)))) or 0
    if have and submission.status == "queued":
        submission.status = "running"
    if have < len(set(keys)):
        return []
    job_id, created = jobs.enqueue(session, "report", f"report:{submission.id}:{submission.report_rev}",
                                   {"submission_id": submission.id, "rev": submission.report_rev})
    return [job_id] if created else []


def _run_report(service: Service, job: Job) -> None:
    payload = json.loads(job.payload)
    sid, rev = payload["submission_id"], payload["rev"]
    with service.db.session() as session:
        submission = session.get(Submission, sid)
        exists = session.scalar(select(Report.id).where(Report.submission_id == sid, Report.rev == rev))
        if submission is None or exists is not None or submission.report_rev != rev:
            jobs.finish(session, job.id)
            return
        files = list(session.scalars(select(SubmissionFile).where(SubmissionFile.submission_id == sid)
                                     .order_by(SubmissionFile.position)))
        results = {r.key: r for r in session.scalars(select(Result).where(Result.key.in_({f.job_key for f in files})))}
        jurisdiction, as_of_text, name = submission.jurisdiction, submission.as_of, submission.name
    from api.service.reporting import build_report

    as_of = date.fromisoformat(as_of_text) if as_of_text else date.today()
    built = build_report(service, files, results, jurisdiction, as_of, name)
    with service.db.session() as session:
        submission = session.get(Submission, sid)
        if submission is None:
            jobs.finish(session, job.id)
            return
        if built is None:
            submission.status = "failed"
        else:
            report, resolved = built
            try:
                with session.begin_nested():
                    session.add(Report(id=new_id(), submission_id=sid, rev=rev, as_of=as_of.isoformat(), **report))
            except IntegrityError:
                pass
            submission.resolved_jurisdiction = resolved
            submission.status = "done"
        submission.finished_at = utcnow()
        jobs.finish(session, job.id)


def job_state(service: Service, job_id: str) -> str | None:
    """A job's status (None when it does not exist)."""
    with service.db.session() as session:
        return session.scalar(select(Job.status).where(Job.id == job_id))


def sweep(service: Service) -> list[str]:
    """Queue report jobs a killed worker may have left unqueued (idempotent; run now and then)."""
    with service.db.session() as session:
        pending = list(session.scalars(select(Submission).where(Submission.status.in_(("queued", "running")))))
        created: list[str] = []
        for submission in pending:
            created.extend(queue_report_if_ready(session, submission))
    service.dispatch(created)
    return created
