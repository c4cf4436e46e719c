"""What the extractors find in one document: clauses, members, signatures, licence fields.

The field names follow the CLI contract of ``alliance-intake extract`` (other tools consume it).
"""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from models.document import Mark
from models.errors import ErrorInfo, Notice
from models.span import Span


class ClauseStatus(StrEnum):
    """How well a document provides a clause."""

    PRESENT = "present"  # a substantive provision
    WEAK = "weak"  # mentioned but deferred (另行约定), vague, a bare principle, or contradicted
    ABSENT = "absent"


class DocumentKind(StrEnum):
    """What kind of filing a document is."""

    AGREEMENT = "agreement"
    CHARTER = "charter"
    LICENSE = "license"
    APPLICATION = "application"
    OTHER = "other"


class ClauseFinding(BaseModel):
    """One clause key's verdict for a document, with the words that carry it."""

    type: str = Field(description="a clause key of models.clauses.CLAUSE_KEYS")
    status: ClauseStatus
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[Span] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    explanation: str = Field(default="", description="which cue fired: heading, pattern, model, table")


class Member(BaseModel):
    """A party of the alliance."""

    name: str
    type: str = Field(description="enterprise | university | institute | other")
    role: str = Field(description="lead | vice | member | secretariat")
    core: bool | None = Field(default=None, description="核心成员 where the document distinguishes")
    evidence: list[Span] = Field(default_factory=list)


class LeadUnit(BaseModel):
    """The lead unit (理事长单位 / 牵头单位) and its registered address, where stated."""

    name: str | None = None
    address: str | None = None
    evidence: list[Span] = Field(default_factory=list)


class Signature(BaseModel):
    """A signature slot on the signature page (or in a form's signature cell)."""

    party: str
    signatory_role: str = Field(description="legal_rep | authorized_rep | unspecified")
    signatory_name: str | None = None
    signed: bool = False
    seal: bool = False
    date: str | None = Field(default=None, description="YYYY-MM-DD")
    evidence: list[Span] = Field(default_factory=list)
    marks: list[Mark] = Field(default_factory=list, description="seals and handwriting seen on a scan")


class License(BaseModel):
    """Fields of a 营业执照 / 事业单位法人证书 / 社会团体法人登记证书."""

    type: str
    name: str | None = None
    uscc: str | None = None
    uscc_valid: bool | None = None
    legal_rep: str | None = None
    address: str | None = None
    established: str | None = None
    valid_until: str | None = Field(default=None, description="YYYY-MM-DD or 长期")
    expired: bool | None = None
    evidence: dict[str, Span] = Field(default_factory=dict)


class Extraction(BaseModel):
    """Everything extracted from one document (one line of ``extract --format jsonl``)."""

    file: str
    kind: DocumentKind | None = None
    pages: int = 0
    clauses: list[ClauseFinding] = Field(default_factory=list)
    members: list[Member] = Field(default_factory=list)
    core_member_count: int | None = None
    total_member_count: int | None = None
    lead_unit: LeadUnit | None = None
    alliance_name: str | None = None
    signatures: list[Signature] = Field(default_factory=list)
    license: License | None = None
    warnings: list[Notice] = Field(default_factory=list)
    error: ErrorInfo | None = None
    extractor_version: str = ""
