"""Checking each submission from the stored extractions (no document is parsed again).

This is ``api.pipeline.check_outcomes`` without ``FileOutcome``: the state keeps each file's
extraction and normalized text, which is all the checker reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from api.screen.group import Submission
from checklists.schema import RuleSet
from models.report import GapReport, MatrixReport


@dataclass
class Checked:
    """A submission and its report (``None`` with ``problem`` when the checker failed on it)."""

    submission: Submission
    report: GapReport | MatrixReport | None
    problem: str = ""


def check_submission(submission: Submission, jurisdiction: str, as_of: date,
                     rule_sets: Mapping[str, RuleSet] | None) -> Checked:
    """Check one submission; a defect in the checker fails this submission alone."""
    from checklists.checker import check

    texts = {f.label: f.text for f in submission.files if f.text is not None}
    try:
        report = check([f.extraction for f in submission.files], jurisdiction, as_of, texts=texts,
                       rule_sets=rule_sets, name=submission.name)
    except Exception as exc:  # noqa: BLE001 - one submission's failure must not lose the workbook
        return Checked(submission, None, f"{type(exc).__name__}: {exc}")
    return Checked(submission, report)


def check_all(submissions: Sequence[Submission], jurisdiction: str, as_of: date,
              rule_sets: Mapping[str, RuleSet] | None) -> list[Checked]:
    """Every submission, in order."""
    return [check_submission(s, jurisdiction, as_of, rule_sets) for s in submissions]
