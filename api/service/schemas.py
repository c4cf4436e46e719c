"""Response bodies of the API (pydantic), with examples for the OpenAPI document."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_ID = "3f1c1f4e-9a56-4c3e-8f7e-2b1d5f0c9a11"


class ErrorBody(BaseModel):
    """错误 / An error: stable code, Chinese and English message, detail."""

    code: str = Field(examples=["not_found"])
    message_zh: str = Field(examples=["未找到：submission"])
    message_en: str = Field(examples=["Not found: submission"])
    detail: dict[str, Any] = Field(default_factory=dict)


class ErrorResponse(BaseModel):
    """Every failure has this body."""

    error: ErrorBody


class SubmissionRef(BaseModel):
    """A created submission."""

    id: str = Field(examples=[_ID])
    name: str = Field(examples=["某某产业技术创新战略联盟"])
    status: str = Field(examples=["queued"])


class Created(BaseModel):
    """202 answer of an upload: the batch and its submissions (processing is queued)."""

    batch_id: str = Field(examples=[_ID])
    submissions: list[SubmissionRef]


class Progress(BaseModel):
    """Files done / failed / total and an estimate of the seconds left."""

    done: int = 0
    failed: int = 0
    total: int = 0
    eta_seconds: float | None = None


class FileInfo(BaseModel):
    """One file of a submission."""

    id: str
    name: str
    sha256: str
    size: int
    format: str | None = None
    status: str = Field(description="queued | running | done | failed")
    error: dict[str, Any] | None = None
    pages: int | None = None
    ocr_pages: int | None = None


class SubmissionRow(BaseModel):
    """A submission in a list."""

    id: str
    name: str
    batch_id: str
    status: str = Field(description="queued | running | done | failed")
    created_at: datetime
    jurisdiction: str
    resolved_jurisdiction: str | None = None
    completeness: float | None = None
    missing_mandatory: int | None = None
    file_count: int
    failed_files: int


class SubmissionList(BaseModel):
    """Submissions visible to the caller."""

    submissions: list[SubmissionRow]


class SubmissionDetail(SubmissionRow):
    """A submission with its files and progress."""

    as_of: date | None = None
    progress: Progress
    files: list[FileInfo]
    report_available: bool
    checklist_version: str | None = None
    rule_set_versions: dict[str, str] = Field(default_factory=dict)


class BatchDetail(BaseModel):
    """A batch: totals over its submissions' files."""

    id: str
    created_at: datetime
    totals: Progress
    eta_seconds: float | None = None
    submissions: list[SubmissionRow]


class CheckRequest(BaseModel):
    """Re-check with another jurisdiction or date (parsed files are re-used)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"jurisdiction": "gansu", "as_of": "2026-11-21"}]})

    jurisdiction: str = Field(default="auto", max_length=80, description="rule-set id, auto or all / 地区规则 id、auto 或 all")
    as_of: date | None = Field(default=None, description="check date / 检查日期")


class JurisdictionInfo(BaseModel):
    """A rule set."""

    id: str = Field(examples=["gansu"])
    name: str = Field(examples=["甘肃省"])
    region: str | None = None
    level: str
    version: str
    status: str = Field(description="in_force | draft | trial | lapsed")
    item_count: int
    title: str = ""
    warnings: list[str] = Field(default_factory=list)


class JurisdictionList(BaseModel):
    """Every rule set the service knows."""

    jurisdictions: list[JurisdictionInfo]


class JurisdictionItem(BaseModel):
    """One checklist item."""

    id: str
    requirement: str
    severity: str
    applies_to: str
    basis: list[str]
    article: str


class JurisdictionDetail(JurisdictionInfo):
    """A rule set with its items."""

    items: list[JurisdictionItem]


class Health(BaseModel):
    """Liveness / readiness."""

    status: str
    checks: dict[str, Any] = Field(default_factory=dict)
