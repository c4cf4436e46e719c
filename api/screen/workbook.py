"""The screening workbook: 汇总 Summary, 申报 Submissions, 问题项 Items, 文件错误 File errors, 文件 Files.

Written in openpyxl's write-only mode (rows stream to disk; thousands of submissions stay cheap).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from statistics import mean
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from api.screen.check import Checked
from checklists.render.rows import citation_text, evidence_text, results_of
from checklists.settings import labels
from models.report import GapItem, RuleSetResult

SHEETS = {"summary": "汇总 Summary", "submissions": "申报 Submissions", "items": "问题项 Items",
          "errors": "文件错误 File errors", "files": "文件 Files"}
SUBMISSION_COLUMNS = [("申报 submission", 30), ("联盟名称 alliance", 34), ("文件夹 folder", 30), ("文件数 files", 8),
                      ("失败文件 failed files", 8), ("适用地区 jurisdiction", 16), ("结论 outcome", 10),
                      ("完整度 completeness", 10), ("符合 satisfied", 8), ("不充分 weak", 8), ("缺失 missing", 8),
                      ("需人工核对 needs review", 8), ("未满足的必备项 open mandatory items", 60)]
ITEM_COLUMNS = [("申报 submission", 30), ("适用地区 jurisdiction", 16), ("编号 item id", 28), ("要求 requirement", 40),
                ("状态 status", 10), ("性质 severity", 8), ("依据条款 citation", 30),
                ("证据或原因 evidence or reason", 60), ("修改建议 remedy", 50)]
ERROR_COLUMNS = [("文件 file", 50), ("申报 submission", 30), ("代码 code", 18), ("说明 message_zh", 50),
                 ("message_en", 50)]
FILE_COLUMNS = [("文件 file", 50), ("申报 submission", 30), ("类型 kind", 12), ("页数 pages", 8), ("状态 status", 14)]
OPEN = ("missing", "weak", "needs_review")


@dataclass
class ScreenInfo:
    """What the summary states about the run."""

    jurisdiction: str
    as_of: date


def _sheet(wb: Workbook, key: str, columns: Sequence[tuple[str, int]]) -> WriteOnlyWorksheet:
    ws: WriteOnlyWorksheet = wb.create_sheet(SHEETS[key])
    _widths(ws, [width for _title, width in columns])
    ws.freeze_panes = "A2"
    _bold_row(ws, [title for title, _ in columns])
    return ws


def _widths(ws: WriteOnlyWorksheet, widths: Sequence[int]) -> None:
    dimensions = ws.column_dimensions  # type: ignore[attr-defined]  # delegated to the sheet; not in the stubs
    for index, width in enumerate(widths, 1):
        dimensions[get_column_letter(index)].width = width


def _bold_row(ws: WriteOnlyWorksheet, values: Sequence[Any]) -> None:
    cells = []
    for value in values:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    ws.append(cells)


def _wrapped(ws: WriteOnlyWorksheet, values: Sequence[Any]) -> None:
    cells = []
    for value in values:
        cell = WriteOnlyCell(ws, value=value)
        if isinstance(value, str) and "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    ws.append(cells)


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


def _submissions_sheet(wb: Workbook, checked: Sequence[Checked]) -> None:
    ws = _sheet(wb, "submissions", SUBMISSION_COLUMNS)
    for c in checked:
        s = c.submission
        head = [s.id, s.name, s.folder, len(s.files), _failed_files(c)]
        if c.report is None:
            _wrapped(ws, [*head, "", f"检查失败 check failed: {c.problem}"])
            continue
        for result in results_of(c.report):
            summary = result.summary
            by = summary.by_status
            _wrapped(ws, [*head, _jurisdiction(result), labels().outcomes[summary.outcome].zh, summary.completeness,
                          by.get("satisfied", 0), by.get("weak", 0), by.get("missing", 0), by.get("needs_review", 0),
                          open_mandatory(result)])


def _items_sheet(wb: Workbook, checked: Sequence[Checked]) -> None:
    ws = _sheet(wb, "items", ITEM_COLUMNS)
    for c in checked:
        if c.report is None:
            continue
        for result in results_of(c.report):
            for item in result.items:
                if item.status in OPEN:
                    _wrapped(ws, [c.submission.id, _jurisdiction(result), item.id, item.requirement,
                                  labels().status(item.status), labels().severity(item.severity),
                                  citation_text(item), evidence_or_reason(item), item.remedy])


def _files_sheets(wb: Workbook, checked: Sequence[Checked]) -> None:
    errors = _sheet(wb, "errors", ERROR_COLUMNS)
    files = _sheet(wb, "files", FILE_COLUMNS)
    for c in checked:
        for f in c.submission.files:
            e = f.extraction
            status = "失败 failed" if e.error else "已读取 read"
            files.append([f.label, c.submission.id, e.kind.value if e.kind else "", e.pages, status])
            if e.error is not None:
                errors.append([f.label, c.submission.id, e.error.code, e.error.message_zh, e.error.message_en])


def _summary_sheet(wb: Workbook, checked: Sequence[Checked], info: ScreenInfo, top: int) -> None:
    ws: WriteOnlyWorksheet = wb.create_sheet(SHEETS["summary"], 0)
    _widths(ws, [24, 30, 50, 10, 10, 10, 12])
    results = [r for c in checked if c.report is not None for r in results_of(c.report)]
    scores = [r.summary.completeness for r in results if r.summary.completeness is not None]
    files = [f for c in checked for f in c.submission.files]
    _bold_row(ws, ["汇总 Summary", ""])
    ws.append(["申报数 submissions", len(checked)])
    ws.append(["文件数 files", len(files)])
    ws.append(["失败文件 failed files", sum(1 for f in files if f.extraction.error is not None)])
    ws.append(["检查失败的申报 submissions not checked", sum(1 for c in checked if c.report is None)])
    ws.append(["平均完整度 mean completeness", round(mean(scores), 4) if scores else None])
    ws.append(["适用地区 jurisdiction", info.jurisdiction])
    ws.append(["检查日期 as of", info.as_of.isoformat()])
    ws.append([])
    by_rule: dict[str, list[RuleSetResult]] = defaultdict(list)
    for result in results:
        by_rule[_jurisdiction(result)].append(result)
    _bold_row(ws, ["适用地区 jurisdiction", "编号 item id", "要求 requirement", "缺失 missing", "不充分 weak",
                   "申报数 submissions", "平均完整度 mean completeness"])
    for name, group in sorted(by_rule.items()):
        missing: Counter[str] = Counter()
        weak: Counter[str] = Counter()
        titles: dict[str, str] = {}
        for result in group:
            for item in result.items:
                titles[item.id] = item.requirement
                if item.status == "missing":
                    missing[item.id] += 1
                elif item.status == "weak":
                    weak[item.id] += 1
        group_scores = [r.summary.completeness for r in group if r.summary.completeness is not None]
        ranked = sorted(set(missing) | set(weak), key=lambda i: (-missing[i], -weak[i], i))[:top]
        for item_id in ranked:
            ws.append([name, item_id, titles[item_id], missing[item_id], weak[item_id], len(group),
                       round(mean(group_scores), 4) if group_scores else None])


def write_workbook(checked: Sequence[Checked], info: ScreenInfo, out: Path, top: int = 10) -> Path:
    """Write the screening workbook to ``out`` (through a temporary file, so a crash leaves the old one)."""
    wb = Workbook(write_only=True)
    _submissions_sheet(wb, checked)
    _items_sheet(wb, checked)
    _files_sheets(wb, checked)
    _summary_sheet(wb, checked, info, top)
    partial = out.with_name(out.name + ".partial")
    wb.save(partial)
    partial.replace(out)
    return out
