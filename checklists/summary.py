"""Counts, completeness and outcome of a list of judged items (formula in ``models/report.py``)."""

from __future__ import annotations

from collections.abc import Sequence

from models.report import ITEM_STATUSES, SEVERITIES, GapItem, Outcome, ReportSummary


def _outcome(items: Sequence[GapItem]) -> Outcome:
    binding = [i for i in items if i.severity in ("mandatory", "conditional")]
    if any(i.status in ("missing", "weak") and i.severity == "mandatory" for i in binding) or any(
        i.status == "missing" and i.severity == "conditional" for i in binding
    ):
        return "fail"
    if any(i.status == "needs_review" or (i.status == "weak" and i.severity == "conditional") for i in binding):
        return "review"
    return "pass"


def summarize(items: Sequence[GapItem]) -> ReportSummary:
    """Counts by status and by severity × status, the completeness scores and the outcome."""
    by_status = {s: sum(1 for i in items if i.status == s) for s in ITEM_STATUSES}
    by_severity = {sev: {s: sum(1 for i in items if i.severity == sev and i.status == s) for s in ITEM_STATUSES}
                   for sev in SEVERITIES}
    mandatory = by_severity["mandatory"]
    applicable = sum(n for s, n in mandatory.items() if s != "not_applicable")
    if applicable:
        score = mandatory["satisfied"] + 0.5 * mandatory["weak"]
        completeness: float | None = round(score / applicable, 3)
        completeness_max: float | None = round((score + mandatory["needs_review"]) / applicable, 3)
    else:
        completeness = completeness_max = None
    return ReportSummary(
        total=len(items),
        by_status=by_status,
        by_severity=by_severity,
        mandatory_applicable=applicable,
        completeness=completeness,
        completeness_max=completeness_max,
        outcome=_outcome(items),
    )
