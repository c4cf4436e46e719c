"""A checked submission as workbook rows (申报 Submissions, 问题项 Items) and its share of the summary.

Computed and rendered as SpreadsheetML (``xlsx_stream.row_template``) where the submission is
checked (a screening worker), so the process writing the workbook only writes strings out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.screen.check import Checked
from api.screen.xlsx_stream import row_template
from checklists.render.rows import citation_text, evidence_text, results_of
from checklists.settings import labels
from models.report import GapItem, RuleSetResult

OPEN = ("missing", "weak", "needs_review")


def _jurisdiction(result: RuleSetResult) -> str:
    return f"{result.rule_set.name_zh}（{result.jurisdiction}）"


def open_mandatory(result: RuleSetResult) -> str:
    """The mandatory items not met, one per line: id, requirement and (when weak) 不充分."""
    lines = []
    for item in result.items:
        if item.severity == "mandatory" and item.status in ("missing", "weak"):
            mark = "" if item.status == "missing" else f"【{labels().status(item.status)}】"
            lines.append(f"{item.id} {item.requirement}{mark}")
    return "\n".join(lines)


def evidence_or_reason(item: GapItem) -> str:
    """The reason the item is open, then where the documents speak of it (file, page, quote)."""
    return "\n".join([item.reason, *(evidence_text(ev) for ev in item.evidence)]).strip()


def _failed_files(checked: Checked) -> int:
    return sum(1 for f in checked.submission.files if f.extraction.error is not None)


@dataclass(frozen=True)
class ResultTally:
    """What the summary sheet needs of one rule-set result: its jurisdiction, completeness and items."""

    jurisdiction: str
    completeness: float | None
    items: tuple[tuple[str, str, str], ...]  # (id, requirement, status)


@dataclass
class CheckedRows:
    """A checked submission as the workbook writes it: its 申报 and 问题项 rows (rendered, see
    ``row_template``; strings with line breaks wrapped) and its summary share.

    Computed where the submission was checked (a worker), so the writer only appends rows.
    """

    submissions: list[str]
    items: list[str]
    results: list[ResultTally]
    checked: bool


def _rendered(rows: list[list[Any]]) -> list[str]:
    return [row_template(values, None) for values in rows]


def rows_of(c: Checked) -> CheckedRows:
    """The rows and summary share of one checked submission."""
    s = c.submission
    head = [s.id, s.name, s.folder, len(s.files), _failed_files(c)]
    if c.report is None:
        return CheckedRows(_rendered([[*head, "", f"检查失败 check failed: {c.problem}"]]), [], [], False)
    submissions: list[list[Any]] = []
    items: list[list[Any]] = []
    results: list[ResultTally] = []
    for result in results_of(c.report):
        summary = result.summary
        by = summary.by_status
        name = _jurisdiction(result)
        submissions.append([*head, name, labels().outcomes[summary.outcome].zh, summary.completeness,
                            by.get("satisfied", 0), by.get("weak", 0), by.get("missing", 0),
                            by.get("needs_review", 0), open_mandatory(result)])
        results.append(ResultTally(name, summary.completeness,
                                   tuple((i.id, i.requirement, i.status) for i in result.items)))
    for result in results_of(c.report):
        name = _jurisdiction(result)
        for item in result.items:
            if item.status in OPEN:
                items.append([s.id, name, item.id, item.requirement, labels().status(item.status),
                              labels().severity(item.severity), citation_text(item), evidence_or_reason(item),
                              item.remedy])
    return CheckedRows(_rendered(submissions), _rendered(items), results, True)


