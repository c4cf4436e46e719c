"""The gap report: every checklist item of one jurisdiction against one submission.

This is a contract other tools consume (``models/schemas/gap_report.schema.json``); field names are
stable and ``schema_version`` changes when they do.

Item status:

- ``satisfied``: the requirement is met, and ``evidence`` shows where (never without evidence);
- ``weak``: the documents address it, but deferred (另行约定), vague or contradicted;
- ``missing``: looked for where it belongs and not found (or a condition that fails);
- ``not_applicable``: the item cannot arise for this submission (e.g. a licence check without licences);
- ``needs_review``: the service is not sure; a person must look (never reported as satisfied).

Completeness (``ReportSummary.completeness``), over the *mandatory* items that apply
(``A`` = mandatory items whose status is not ``not_applicable``)::

    completeness = (satisfied + 0.5 * weak) / A

``needs_review`` and ``missing`` count 0, so the score never assumes what was not verified;
``completeness_max`` counts ``needs_review`` as 1 (the score if every review turns out well).
Both are ``None`` when ``A`` is 0. Conditional and advisory items do not enter the score.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from models.extraction import Extraction
from models.span import Span

SCHEMA_VERSION = "1.0"

ItemStatus = Literal["satisfied", "weak", "missing", "not_applicable", "needs_review"]
ITEM_STATUSES: tuple[ItemStatus, ...] = ("satisfied", "weak", "missing", "not_applicable", "needs_review")
Severity = Literal["mandatory", "conditional", "advisory"]
SEVERITIES: tuple[Severity, ...] = ("mandatory", "conditional", "advisory")
AppliesTo = Literal["agreement", "charter", "either", "submission"]
Outcome = Literal["pass", "fail", "review"]


class ItemEvidence(BaseModel):
    """Where a finding stands: a span of one file's normalized text, or a file-level fact.

    ``page``/``start``/``end`` locate ``quote`` in the file's ``Document.text``; they are ``None`` when the
    extractor gave a value without a location (an alliance name, a submitted file). ``label`` says
    what the evidence shows (``ip_ownership``, ``营业执照·法定代表人``).
    """

    file: str
    page: int | None = Field(default=None, ge=1)
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    quote: str = ""
    label: str | None = None

    @classmethod
    def from_span(cls, file: str, span: Span, label: str | None = None) -> "ItemEvidence":
        """Evidence from an extractor's span."""
        return cls(file=file, page=span.page, start=span.start, end=span.end, quote=span.quote, label=label)

    @property
    def located(self) -> bool:
        """True when the evidence points at characters of a document."""
        return self.start is not None and self.end is not None


class ItemCitation(BaseModel):
    """The article an item comes from."""

    file: str = Field(description="the regulation's text file (checklists source_file)")
    article: str = Field(description="article label as written, e.g. 第六条（二）, 6.（2）")
    quote: str = Field(description="short exact quote of the regulation at that article")
    title: str = Field(default="", description="the regulation's title")
    document_number: str | None = None


class GapItem(BaseModel):
    """One checklist item, judged."""

    id: str
    requirement: str
    citation: ItemCitation
    severity: Severity
    applies_to: AppliesTo
    basis: list[str]
    status: ItemStatus
    evidence: list[ItemEvidence] = Field(default_factory=list)
    reason: str = Field(default="", description="why the item is not satisfied (Chinese, plain); empty when it is")
    remedy: str
    remedy_en: str | None = None
    when: str | None = Field(default=None, description="for conditional items: when the item applies (Chinese)")
    searched: list[str] = Field(default_factory=list, description="files the item was looked for in")
    details: dict[str, str | int | float | bool | list[str] | None] = Field(
        default_factory=dict, description="machine-readable facts behind the status (counts, names)"
    )


class RuleSetInfo(BaseModel):
    """The rule set applied, and its legal standing on ``as_of``."""

    id: str
    version: str
    status: str = Field(description="in_force | draft_for_comment | trial | lapsed")
    warnings: list[str] = Field(default_factory=list)
    name_zh: str = ""
    title: str = ""
    document_number: str | None = None
    issuer: str = ""
    source_file: str = ""


class JurisdictionClue(BaseModel):
    """One piece of evidence for a jurisdiction."""

    rule_set: str
    kind: str = Field(description="regulation_title | document_number | alliance_name | lead_license_address | "
                                   "lead_address | license_address | member_name | text_mention")
    file: str
    quote: str
    weight: float
    page: int | None = None
    start: int | None = None
    end: int | None = None


class JurisdictionCandidate(BaseModel):
    """A rule set the submission may belong to."""

    id: str
    name_zh: str
    score: float
    share: float = Field(description="score / sum of all scores")


class JurisdictionDetection(BaseModel):
    """Which jurisdiction the submission belongs to, how sure, and why."""

    status: Literal["detected", "needs_choice"]
    id: str | None = Field(default=None, description="the detected rule set id (None when a choice is needed)")
    confidence: float = Field(ge=0, le=1)
    evidence: list[JurisdictionClue] = Field(default_factory=list)
    candidates: list[JurisdictionCandidate] = Field(default_factory=list)
    message: str = ""


class ReportSummary(BaseModel):
    """Counts and scores (see the module docstring for the completeness formula)."""

    total: int
    by_status: dict[str, int]
    by_severity: dict[str, dict[str, int]]
    mandatory_applicable: int
    completeness: float | None
    completeness_max: float | None
    outcome: Outcome = Field(description="fail: a mandatory item missing/weak or a conditional item missing; "
                                         "review: otherwise a mandatory/conditional item needs review or is weak; "
                                         "pass: otherwise")
    formula: str = "completeness = (satisfied + 0.5 * weak) / mandatory items not not_applicable"


class RuleSetResult(BaseModel):
    """One rule set's items against a submission (a column of the matrix, or the body of a report)."""

    jurisdiction: str
    rule_set: RuleSetInfo
    items: list[GapItem]
    summary: ReportSummary
    warnings: list[str] = Field(default_factory=list)


class GapReport(RuleSetResult):
    """The gap report of one submission against one jurisdiction."""

    schema_version: str = SCHEMA_VERSION
    checker_version: str = ""
    submission: str = Field(default="", description="a label: the alliance name or the first file")
    alliance_name: str | None = None
    as_of: date
    detection: JurisdictionDetection | None = None
    documents: list[Extraction] = Field(default_factory=list)


class MatrixCell(BaseModel):
    """The items of one jurisdiction that rest on one basis entry, folded to the least favourable."""

    status: ItemStatus
    severity: Severity
    item_ids: list[str]


class MatrixRow(BaseModel):
    """One basis entry (a clause key or ``condition:<name>``) across jurisdictions."""

    basis: str
    label: str
    cells: dict[str, MatrixCell] = Field(description="rule set id -> cell; absent when not required there")


class MatrixReport(BaseModel):
    """Every requirement of every (or every candidate) jurisdiction against one submission."""

    schema_version: str = SCHEMA_VERSION
    checker_version: str = ""
    jurisdiction: Literal["all", "auto"] = "all"
    submission: str = ""
    alliance_name: str | None = None
    as_of: date
    detection: JurisdictionDetection | None = None
    documents: list[Extraction] = Field(default_factory=list)
    results: list[RuleSetResult]
    matrix: list[MatrixRow]
    warnings: list[str] = Field(default_factory=list)
