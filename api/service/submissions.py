"""Submissions and batches: create from an upload, look up (with access control), re-check, delete."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.service import audit, jobs
from api.service.auth import Principal
from api.service.context import Service
from api.service.ids import new_id, utcnow
from api.service.processing import queue_report_if_ready
from api.service.schemas import (
    BatchDetail,
    Created,
    FileInfo,
    Progress,
    SubmissionDetail,
    SubmissionList,
    SubmissionRef,
    SubmissionRow,
)
from api.service.tables import Batch, Job, Report, Result, Submission, SubmissionFile
from api.service.uploads import Upload
from api.service.versions import file_key
from models import IntakeError


def check_jurisdiction(service: Service, jurisdiction: str) -> None:
    """422 ``unknown_jurisdiction`` unless ``auto``, ``all`` or a known rule-set id."""
    if jurisdiction in ("auto", "all"):
        return
    known = service.rule_sets()
    if jurisdiction not in known:
        raise IntakeError("unknown_jurisdiction", id=jurisdiction, known=", ".join(["auto", "all", *sorted(known)]))


def create(service: Service, principal: Principal, upload: Upload) -> Created:
    """Store the files (once per content), record the submissions and queue their jobs."""
    check_jurisdiction(service, upload.jurisdiction)
    pipeline = service.pipeline
    now = utcnow()
    new_jobs: list[str] = []
    refs: list[SubmissionRef] = []
    stored = {name: service.store.put(data) for group in upload.groups for name, data in group.files}
    with service.db.session() as session:
        batch = Batch(id=new_id(), owner=principal.id, created_at=now)
        session.add(batch)
        for group in upload.groups:
            name = (upload.name if len(upload.groups) == 1 and upload.name else group.name)[:300]
            submission = Submission(id=new_id(), batch_id=batch.id, owner=principal.id, name=name,
                                    jurisdiction=upload.jurisdiction, status="queued", report_rev=1,
                                    as_of=upload.as_of.isoformat() if upload.as_of else None, created_at=now)
            session.add(submission)
            for position, (file_name, data) in enumerate(group.files):
                sha = stored[file_name]
                key = file_key(sha, pipeline)
                session.add(SubmissionFile(id=new_id(), submission_id=submission.id, position=position,
                                           name=file_name[:500], sha256=sha, size=len(data), job_key=key))
                job_id, created = jobs.enqueue(session, "file", key, {"sha256": sha, "name": file_name})
                if created:
                    new_jobs.append(job_id)
            session.flush()
            new_jobs.extend(queue_report_if_ready(session, submission))
            audit.record(session, principal, "create_submission", submission.id, submission.id)
            refs.append(SubmissionRef(id=submission.id, name=submission.name, status=submission.status))
    service.dispatch(new_jobs)
    return Created(batch_id=batch.id, submissions=refs)


def visible(session: Session, principal: Principal, submission_id: str) -> Submission:
    """The submission if the caller may see it; 404 otherwise (a foreign id looks like no id)."""
    submission = session.get(Submission, submission_id)
    if submission is None or not principal.can_see(submission):
        raise IntakeError("not_found", what="submission")
    return submission


def _visible_query(principal: Principal) -> Any:
    query = select(Submission)
    if principal.role == "applicant":
        query = query.where(Submission.owner == principal.id)
    elif principal.role == "reviewer":
        jurisdictions = sorted(principal.jurisdictions) or ["\x00"]
        query = query.where(func.coalesce(Submission.resolved_jurisdiction, Submission.jurisdiction).in_(jurisdictions))
    return query


def _files_state(session: Session, submission: Submission) -> tuple[list[SubmissionFile], dict[str, Result], dict[str, Job]]:
    files = list(session.scalars(select(SubmissionFile).where(SubmissionFile.submission_id == submission.id)
                                 .order_by(SubmissionFile.position)))
    keys = {f.job_key for f in files}
    results = {r.key: r for r in session.scalars(select(Result).where(Result.key.in_(keys)))}
    job_rows = {j.key: j for j in session.scalars(select(Job).where(Job.key.in_(keys)))}
    return files, results, job_rows


def _file_status(key: str, results: dict[str, Result], job_rows: dict[str, Job]) -> str:
    if key in results:
        return results[key].status
    job = job_rows.get(key)
    return "running" if job is not None and job.status == "running" and job.lease_until > time.time() else "queued"


def _latest_report(session: Session, submission: Submission) -> Report | None:
    return session.scalar(select(Report).where(Report.submission_id == submission.id, Report.rev == submission.report_rev))


def _progress(files: Sequence[SubmissionFile], results: dict[str, Result], since: datetime) -> Progress:
    done = sum(1 for f in files if f.job_key in results and results[f.job_key].status == "done")
    failed = sum(1 for f in files if f.job_key in results and results[f.job_key].status == "failed")
    total = len(files)
    return Progress(done=done, failed=failed, total=total, eta_seconds=_eta(done + failed, total, since))


def _eta(finished: int, total: int, since: datetime) -> float | None:
    if finished >= total:
        return 0.0
    if finished == 0:
        return None
    elapsed = (utcnow() - since).total_seconds()
    return round(elapsed / finished * (total - finished), 1)


def _row(session: Session, submission: Submission) -> SubmissionRow:
    files, results, _ = _files_state(session, submission)
    report = _latest_report(session, submission)
    return SubmissionRow(
        id=submission.id, name=submission.name, batch_id=submission.batch_id, status=submission.status,
        created_at=submission.created_at, jurisdiction=submission.jurisdiction,
        resolved_jurisdiction=submission.resolved_jurisdiction,
        completeness=report.completeness if report else None,
        missing_mandatory=report.missing_mandatory if report else None,
        file_count=len(files), failed_files=sum(1 for f in files if f.job_key in results and results[f.job_key].status == "failed"),
    )


def list_visible(service: Service, principal: Principal, batch_id: str | None, status: str | None) -> SubmissionList:
    """Submissions the caller may see, newest first, filtered by batch and status."""
    with service.db.session() as session:
        query = _visible_query(principal)
        if batch_id:
            query = query.where(Submission.batch_id == batch_id)
        if status:
            query = query.where(Submission.status == status)
        rows = [_row(session, s) for s in session.scalars(query.order_by(Submission.created_at.desc()).limit(1000))]
        audit.record(session, principal, "list_submissions", batch_id or "*")
    return SubmissionList(submissions=rows)


def detail(service: Service, principal: Principal, submission_id: str, audited: bool = True) -> SubmissionDetail:
    """One submission with files, progress and report state."""
    with service.db.session() as session:
        submission = visible(session, principal, submission_id)
        files, results, job_rows = _files_state(session, submission)
        report = _latest_report(session, submission)
        infos = []
        for f in files:
            result = results.get(f.job_key)
            infos.append(FileInfo(id=f.id, name=f.name, sha256=f.sha256, size=f.size,
                                  status=_file_status(f.job_key, results, job_rows),
                                  format=result.format if result else None,
                                  error=json.loads(result.error_json) if result and result.error_json else None,
                                  pages=result.pages if result else None, ocr_pages=result.ocr_pages if result else None))
        row = _row(session, submission)
        if audited:
            audit.record(session, principal, "read_submission", submission.id, submission.id)
        return SubmissionDetail(
            **row.model_dump(), as_of=date.fromisoformat(submission.as_of) if submission.as_of else None,
            progress=_progress(files, results, submission.created_at), files=infos,
            report_available=report is not None,
            checklist_version=report.checklist_version if report else None,
            rule_set_versions=json.loads(report.rule_set_versions) if report else {},
        )


def progress_event(service: Service, principal: Principal, submission_id: str) -> tuple[dict[str, Any], bool]:
    """The progress of a submission for the event stream, and whether it is finished."""
    info = detail(service, principal, submission_id, audited=False)
    return {**info.progress.model_dump(), "status": info.status}, info.status in ("done", "failed")


def recheck(service: Service, principal: Principal, submission_id: str, jurisdiction: str, as_of: date | None) -> SubmissionDetail:
    """Check again with another jurisdiction/date: a new report revision from the stored file results."""
    check_jurisdiction(service, jurisdiction)
    with service.db.session() as session:
        submission = visible(session, principal, submission_id)
        submission.jurisdiction = jurisdiction
        submission.as_of = as_of.isoformat() if as_of else None
        submission.report_rev += 1
        submission.status = "queued"
        submission.finished_at = None
        session.flush()
        created = queue_report_if_ready(session, submission)
        audit.record(session, principal, "recheck", submission.id, submission.id)
    service.dispatch(created)
    return detail(service, principal, submission_id, audited=False)


def file_for(session: Session, principal: Principal, submission_id: str, file_id: str) -> SubmissionFile:
    """A file of a visible submission (404 otherwise)."""
    visible(session, principal, submission_id)
    f = session.get(SubmissionFile, file_id)
    if f is None or f.submission_id != submission_id:
        raise IntakeError("not_found", what="file")
    return f


def document_json(service: Service, principal: Principal, submission_id: str, file_id: str) -> str:
    """The parsed Document of a file as JSON text (409 before parsing, 422 when the file failed)."""
    with service.db.session() as session:
        f = file_for(session, principal, submission_id, file_id)
        result = session.scalar(select(Result).where(Result.key == f.job_key))
        audit.record(session, principal, "read_document", f.id, submission_id)
        if result is None:
            raise IntakeError("document_not_ready", status="queued")
        if result.document_json is None:
            error = json.loads(result.error_json or "{}")
            raise IntakeError(error.get("code", "internal_error"), **(error.get("detail") or {"name": f.name, "reason": "?"}))
        return result.document_json


def content(service: Service, principal: Principal, submission_id: str, file_id: str) -> tuple[bytes, str, str]:
    """The original bytes of a file, its name and a content type."""
    from api.service.reporting import MEDIA_TYPES

    with service.db.session() as session:
        f = file_for(session, principal, submission_id, file_id)
        result = session.scalar(select(Result).where(Result.key == f.job_key))
        audit.record(session, principal, "read_content", f.id, submission_id)
        sha, name = f.sha256, f.name
    fmt = result.format if result is not None else None
    types = {"pdf": "application/pdf", "docx": MEDIA_TYPES["docx"], "text": "text/plain; charset=utf-8",
             "png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff"}
    return service.store.get(sha), name, types.get(fmt or "", "application/octet-stream")


def report(service: Service, principal: Principal, submission_id: str, fmt: str) -> bytes:
    """The stored report in one rendering (409 while not ready)."""
    from api.service import reporting

    with service.db.session() as session:
        submission = visible(session, principal, submission_id)
        row = _latest_report(session, submission)
        audit.record(session, principal, f"read_report_{fmt}", submission.id, submission.id)
        if row is None:
            raise IntakeError("report_not_ready", status=submission.status)
        files, results, _ = _files_state(session, submission)
        report_json, as_of = row.report_json, date.fromisoformat(row.as_of)
    loaded = reporting.load(report_json)
    texts = None
    if fmt == "html":
        texts = {o.name: o.text for o in reporting.outcomes_for(files, results, as_of) if o.text is not None}
    return reporting.render(loaded, fmt, texts)


def remove(service: Service, principal: Principal, submission_id: str) -> None:
    """Delete a submission, its reports, and blobs (with their results) no other submission uses."""
    with service.db.session() as session:
        submission = visible(session, principal, submission_id)
        audit.record(session, principal, "delete_submission", submission.id, submission.id)
        _delete(service, session, [submission])


def _delete(service: Service, session: Session, submissions: Sequence[Submission]) -> None:
    ids = [s.id for s in submissions]
    files = list(session.scalars(select(SubmissionFile).where(SubmissionFile.submission_id.in_(ids))))
    session.execute(delete(Report).where(Report.submission_id.in_(ids)))
    session.execute(delete(SubmissionFile).where(SubmissionFile.submission_id.in_(ids)))
    for sid in ids:
        session.execute(delete(Job).where(Job.key.like(f"report:{sid}:%")))
    batch_ids = {s.batch_id for s in submissions}
    for s in submissions:
        session.delete(s)
    session.flush()
    for batch_id in batch_ids:
        if session.scalar(select(func.count(Submission.id)).where(Submission.batch_id == batch_id)) == 0:
            session.execute(delete(Batch).where(Batch.id == batch_id))
    orphans = []
    for sha in {f.sha256 for f in files}:
        if session.scalar(select(func.count(SubmissionFile.id)).where(SubmissionFile.sha256 == sha)) == 0:
            orphans.append(sha)
            session.execute(delete(Result).where(Result.sha256 == sha))
            session.execute(delete(Job).where(Job.key.like(f"file:{sha}:%")))
    session.flush()
    for sha in orphans:
        service.store.delete(sha)


def purge(service: Service, now: datetime | None = None) -> int:
    """Delete submissions older than ``retention_days``; returns how many."""
    cutoff = (now or utcnow()) - timedelta(days=service.settings.retention_days)
    with service.db.session() as session:
        old = list(session.scalars(select(Submission).where(Submission.created_at < cutoff)))
        if old:
            _delete(service, session, old)
        return len(old)


def batch(service: Service, principal: Principal, batch_id: str) -> BatchDetail:
    """A batch's totals and its submissions visible to the caller (404 when none is)."""
    with service.db.session() as session:
        subs = list(session.scalars(_visible_query(principal).where(Submission.batch_id == batch_id)
                                    .order_by(Submission.created_at)))
        if not subs:
            raise IntakeError("not_found", what="batch")
        totals = Progress()
        for s in subs:
            files, results, _ = _files_state(session, s)
            p = _progress(files, results, s.created_at)
            totals.done += p.done
            totals.failed += p.failed
            totals.total += p.total
        created = min(s.created_at for s in subs)
        totals.eta_seconds = _eta(totals.done + totals.failed, totals.total, created)
        rows = [_row(session, s) for s in subs]
        audit.record(session, principal, "read_batch", batch_id)
    return BatchDetail(id=batch_id, created_at=created, totals=totals, eta_seconds=totals.eta_seconds, submissions=rows)


def batch_event(service: Service, principal: Principal, batch_id: str) -> tuple[dict[str, Any], bool]:
    """A batch's totals for the event stream, and whether every submission is finished."""
    info = batch(service, principal, batch_id)
    finished = all(s.status in ("done", "failed") for s in info.submissions)
    return {**info.totals.model_dump(), "submissions": len(info.submissions)}, finished


def export(service: Service, principal: Principal, batch_id: str, fmt: str) -> bytes:
    """Every stored report of a batch in one XLSX workbook or CSV."""
    from api.service import reporting

    info = batch(service, principal, batch_id)
    with service.db.session() as session:
        texts = []
        for row in info.submissions:
            submission = session.get(Submission, row.id)
            stored = _latest_report(session, submission) if submission else None
            if stored is not None:
                texts.append(stored.report_json)
        audit.record(session, principal, f"export_batch_{fmt}", batch_id)
    if not texts:
        raise IntakeError("report_not_ready", status="no report in this batch yet")
    return reporting.render_many([reporting.load(t) for t in texts], fmt)
