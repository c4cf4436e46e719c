"""The database schema (SQLAlchemy 2). Changes go through a migration in ``migrations/versions``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of the service tables."""


class ApiKey(Base):
    """An API key, stored as the sha256 of the key; ``jurisdictions`` (comma-separated) for reviewers."""

    __tablename__ = "api_keys"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    jurisdictions: Mapped[str] = mapped_column(Text, default="")
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked: Mapped[int] = mapped_column(Integer, default=0)


class Batch(Base):
    """One upload: one or more submissions."""

    __tablename__ = "batches"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Submission(Base):
    """One alliance's files, checked against a jurisdiction."""

    __tablename__ = "submissions"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("batches.id", ondelete="CASCADE"), index=True)
    owner: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(300))
    jurisdiction: Mapped[str] = mapped_column(String(80))  # as requested: id | auto | all
    resolved_jurisdiction: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    as_of: Mapped[str | None] = mapped_column(String(10), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    report_rev: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class SubmissionFile(Base):
    """A file of a submission; its bytes are the blob ``sha256``."""

    __tablename__ = "submission_files"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    job_key: Mapped[str] = mapped_column(String(200), index=True)


class Result(Base):
    """The outcome of parsing and extracting one blob with one pipeline version (unique ``key``)."""

    __tablename__ = "results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))  # done | failed
    error_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    extraction_json: Mapped[str] = mapped_column(Text)
    document_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    format: Mapped[str | None] = mapped_column(String(40), nullable=True)
    pages: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ocr_pages: Mapped[int | None] = mapped_column(Integer, nullable=True)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Job(Base):
    """A unit of background work (``file`` or ``report``), claimed with a lease."""

    __tablename__ = "jobs"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[str] = mapped_column(Text, default="{}")
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued | running | done | failed
    lease_until: Mapped[float] = mapped_column(Float, default=0.0)
    claim_token: Mapped[str | None] = mapped_column(String(40), nullable=True)
    worker: Mapped[str | None] = mapped_column(String(80), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = (Index("ix_jobs_status_lease", "status", "lease_until"),)


class Report(Base):
    """A stored gap report with the checklist version that produced it."""

    __tablename__ = "reports"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    rev: Mapped[int] = mapped_column(Integer)
    jurisdiction: Mapped[str] = mapped_column(String(80))
    as_of: Mapped[str] = mapped_column(String(10))
    checklist_version: Mapped[str] = mapped_column(String(80))
    rule_set_versions: Mapped[str] = mapped_column(Text, default="{}")
    completeness: Mapped[float | None] = mapped_column(Float, nullable=True)
    missing_mandatory: Mapped[int | None] = mapped_column(Integer, nullable=True)
    report_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("submission_id", "rev", name="uq_reports_submission_rev"),)


class AuditEntry(Base):
    """Who read or wrote what, when."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200))
    submission_id: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)


class Worker(Base):
    """A worker's heartbeat."""

    __tablename__ = "workers"
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    last_seen: Mapped[float] = mapped_column(Float)
