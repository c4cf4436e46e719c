"""Reports: built from stored file results (no re-parsing), stored as JSON, rendered on request."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from api.pipeline import FileOutcome, check_outcomes
from api.service.context import Service
from api.service.tables import Result, SubmissionFile
from api.service.versions import checklist_version
from models import Document
from models.extraction import Extraction
from models.report import GapReport, MatrixReport

MEDIA_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _at_date(extraction: Extraction, as_of: date) -> Extraction:
    """Licence expiry judged on ``as_of`` (file results are stored independent of the date)."""
    lic = extraction.license
    if lic is None or not lic.valid_until:
        return extraction
    try:
        expired = date.fromisoformat(lic.valid_until) < as_of
    except ValueError:
        return extraction
    return extraction.model_copy(update={"license": lic.model_copy(update={"expired": expired})})


def outcomes_for(files: Sequence[SubmissionFile], results: Mapping[str, Result], as_of: date) -> list[FileOutcome]:
    """The submission's files as pipeline outcomes, named as the submission names them."""
    outcomes: list[FileOutcome] = []
    for f in files:
        result = results[f.job_key]
        extraction = Extraction.model_validate_json(result.extraction_json).model_copy(update={"file": f.name})
        doc = None
        if result.document_json is not None:
            doc = Document.model_validate_json(result.document_json).model_copy(update={"file_name": f.name})
        outcomes.append(FileOutcome(f.name, _at_date(extraction, as_of), doc))
    return outcomes


def build_report(service: Service, files: Sequence[SubmissionFile], results: Mapping[str, Result],
                 jurisdiction: str, as_of: date, name: str) -> tuple[dict[str, Any], str | None] | None:
    """Check the submission; the report row's fields and the resolved jurisdiction, or None if all failed."""
    outcomes = outcomes_for(files, results, as_of)
    if not outcomes or all(o.failed for o in outcomes):
        return None
    rule_sets = service.rule_sets()
    report = check_outcomes(outcomes, jurisdiction, as_of, rule_sets=rule_sets, name=name)
    if isinstance(report, GapReport):
        resolved: str | None = report.jurisdiction
        completeness = report.summary.completeness
        missing = _missing_mandatory(report)
        versions = {report.rule_set.id: report.rule_set.version}
    else:
        resolved = None
        completeness, missing = None, None
        versions = {r.rule_set.id: r.rule_set.version for r in report.results}
    row = {"jurisdiction": jurisdiction, "checklist_version": checklist_version(rule_sets),
           "rule_set_versions": json.dumps(versions), "completeness": completeness, "missing_mandatory": missing,
           "report_json": report.model_dump_json(), "created_at": _now()}
    return row, resolved


def _now() -> Any:
    from api.service.ids import utcnow

    return utcnow()


def _missing_mandatory(report: GapReport) -> int:
    return sum(1 for i in report.items if i.severity == "mandatory" and i.status == "missing")


def load(report_json: str) -> GapReport | MatrixReport:
    """A stored report back as a model."""
    from checklists.render.json import load_report

    return load_report(report_json)


def render(report: GapReport | MatrixReport, fmt: str, texts: Mapping[str, str] | None = None) -> bytes:
    """One rendering of a report as bytes (``MEDIA_TYPES`` gives the content type)."""
    from checklists.render import csv as csv_render
    from checklists.render import html
    from checklists.render import json as json_render

    if fmt == "json":
        return json_render.to_json(report).encode()
    if fmt == "html":
        return html.render_html(report, texts).encode()
    if fmt == "csv":
        return ("\ufeff" + csv_render.csv_text([report])).encode()
    if fmt == "xlsx":
        return render_many([report], "xlsx")
    from checklists.render import docx as docx_render
    from models import IntakeError

    if not isinstance(report, GapReport):
        raise IntakeError("invalid_request", reason="DOCX needs one jurisdiction; re-check with a jurisdiction id")
    buffer = io.BytesIO()
    docx_render.build_docx(report).save(buffer)
    return buffer.getvalue()


def render_many(reports: Sequence[GapReport | MatrixReport], fmt: str) -> bytes:
    """A whole batch: one workbook (summary + a sheet per submission) or one CSV."""
    from checklists.render import csv as csv_render
    from checklists.render import xlsx

    if fmt == "csv":
        return ("\ufeff" + csv_render.csv_text(list(reports))).encode()
    buffer = io.BytesIO()
    xlsx.build_workbook(list(reports)).save(buffer)
    return buffer.getvalue()
