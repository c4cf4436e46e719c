"""Tabular form of reports (one row per item; one summary row per report), shared by XLSX, CSV and DOCX."""

from __future__ import annotations

from collections.abc import Sequence

from checklists.settings import labels
from models.report import GapItem, GapReport, ItemEvidence, MatrixReport, RuleSetResult

# (key, Chinese header) of an item row, in column order.
ITEM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("submission", "申报联盟"),
    ("jurisdiction", "适用地区"),
    ("rule_set_version", "规则版本"),
    ("id", "编号"),
    ("requirement", "要求"),
    ("citation", "依据条款"),
    ("severity", "性质"),
    ("applies_to", "适用文件"),
    ("basis", "检查依据"),
    ("status", "状态"),
    ("status_zh", "状态（中文）"),
    ("reason", "问题说明"),
    ("remedy", "修改建议"),
    ("evidence", "证据"),
    ("searched", "检查的文件"),
)
SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("submission", "申报联盟"),
    ("jurisdiction", "适用地区"),
    ("rule_set", "管理办法"),
    ("rule_set_version", "规则版本"),
    ("outcome", "结论"),
    ("completeness", "完整度"),
    ("completeness_max", "完整度（核对后上限）"),
    ("total", "项目数"),
    ("satisfied", "符合"),
    ("weak", "不充分"),
    ("missing", "缺失"),
    ("needs_review", "需人工核对"),
    ("not_applicable", "不适用"),
    ("mandatory_open", "未满足的必备项"),
    ("warnings", "提示"),
)
_QUOTE_CHARS = 80


def citation_text(item: GapItem) -> str:
    """《title》article."""
    title = f"《{item.citation.title}》" if item.citation.title else item.citation.file
    return f"{title}{item.citation.article}"


def evidence_text(ev: ItemEvidence, limit: int = _QUOTE_CHARS) -> str:
    """One evidence entry as a line: file, page, offsets, quote."""
    where = ev.file
    if ev.page is not None:
        where += f" 第{ev.page}页"
    if ev.start is not None and ev.end is not None:
        where += f" [{ev.start}–{ev.end}]"
    quote = ev.quote if len(ev.quote) <= limit else ev.quote[: limit - 1] + "…"
    body = f"“{quote}”" if quote else (ev.label or "")
    return f"{where}：{body}" if body else where


def item_row(item: GapItem, result: RuleSetResult, submission: str) -> dict[str, str]:
    """One item as a row of strings, keyed by ``ITEM_COLUMNS``."""
    lab = labels()
    return {
        "submission": submission,
        "jurisdiction": f"{result.rule_set.name_zh}（{result.jurisdiction}）",
        "rule_set_version": result.rule_set.version,
        "id": item.id,
        "requirement": item.requirement,
        "citation": citation_text(item),
        "severity": lab.severity(item.severity),
        "applies_to": lab.applies_to[item.applies_to].zh,
        "basis": ", ".join(item.basis),
        "status": item.status,
        "status_zh": lab.status(item.status),
        "reason": item.reason,
        "remedy": item.remedy,
        "evidence": "\n".join(evidence_text(ev) for ev in item.evidence),
        "searched": ", ".join(item.searched),
    }


def results_of(report: GapReport | MatrixReport) -> list[RuleSetResult]:
    """The rule-set results of a report (one for a GapReport, one per jurisdiction for a matrix)."""
    return list(report.results) if isinstance(report, MatrixReport) else [report]


def item_rows(report: GapReport | MatrixReport) -> list[dict[str, str]]:
    """Every item of a report as rows."""
    return [item_row(i, r, report.submission) for r in results_of(report) for i in r.items]


def summary_row(result: RuleSetResult, submission: str) -> dict[str, str | int | float | None]:
    """One rule-set result as a summary row, keyed by ``SUMMARY_COLUMNS``."""
    s = result.summary
    open_mandatory = [i.id for i in result.items if i.severity == "mandatory" and i.status in ("missing", "weak")]
    return {
        "submission": submission,
        "jurisdiction": f"{result.rule_set.name_zh}（{result.jurisdiction}）",
        "rule_set": result.rule_set.title,
        "rule_set_version": result.rule_set.version,
        "outcome": labels().outcomes[s.outcome].zh,
        "completeness": s.completeness,
        "completeness_max": s.completeness_max,
        "total": s.total,
        **{status: s.by_status.get(status, 0) for status in ("satisfied", "weak", "missing", "needs_review",
                                                             "not_applicable")},
        "mandatory_open": len(open_mandatory),
        "warnings": "\n".join(result.rule_set.warnings + result.warnings),
    }


def summary_rows(reports: Sequence[GapReport | MatrixReport]) -> list[dict[str, str | int | float | None]]:
    """One summary row per rule-set result of every report."""
    return [summary_row(r, rep.submission) for rep in reports for r in results_of(rep)]
