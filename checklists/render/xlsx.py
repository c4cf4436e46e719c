"""Spreadsheets for bulk screening: one sheet per submission (one row per item) plus a summary sheet.

A single report gives a summary sheet and one item sheet; a matrix report one item sheet per
jurisdiction and a 对照 sheet (basis × jurisdiction); a list of reports one item sheet per report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from checklists.render.rows import ITEM_COLUMNS, SUMMARY_COLUMNS, item_row, results_of, summary_rows
from checklists.settings import labels
from models.report import GapReport, MatrixReport

FILLS = {"satisfied": "D8F5D8", "weak": "FFF1B8", "missing": "FFD6D6", "needs_review": "ECDCFF",
         "not_applicable": "EEEEEE"}
_WIDTHS = {"requirement": 40, "reason": 50, "remedy": 50, "evidence": 60, "citation": 30, "id": 34}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
Reports = GapReport | MatrixReport | Sequence[GapReport | MatrixReport]


def _as_list(reports: Reports) -> list[GapReport | MatrixReport]:
    return [reports] if isinstance(reports, GapReport | MatrixReport) else list(reports)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (≤ 31 characters, no []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip("'") or "sheet"
    title = base[:31]
    n = 2
    while title in taken:
        suffix = f"~{n}"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


def _header(ws: Worksheet, columns: Sequence[tuple[str, str]]) -> None:
    ws.append([zh for _, zh in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3F3F3")
    ws.freeze_panes = "A2"
    for index, (key, _) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(key, 14)


def _items_sheet(ws: Worksheet, report: GapReport | MatrixReport, jurisdiction: str | None = None) -> None:
    _header(ws, ITEM_COLUMNS)
    status_col = [k for k, _ in ITEM_COLUMNS].index("status") + 1
    for result in results_of(report):
        if jurisdiction is not None and result.jurisdiction != jurisdiction:
            continue
        for item in result.items:
            row = item_row(item, result, report.submission)
            ws.append([row[k] for k, _ in ITEM_COLUMNS])
            line = ws.max_row
            for cell in ws[line]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            fill = FILLS.get(item.status)
            if fill:
                ws.cell(row=line, column=status_col).fill = PatternFill("solid", fgColor=fill)
                ws.cell(row=line, column=status_col + 1).fill = PatternFill("solid", fgColor=fill)


def _summary_sheet(ws: Worksheet, reports: Sequence[GapReport | MatrixReport]) -> None:
    _header(ws, SUMMARY_COLUMNS)
    for row in summary_rows(reports):
        ws.append([row[k] for k, _ in SUMMARY_COLUMNS])
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _matrix_sheet(ws: Worksheet, report: MatrixReport) -> None:
    ids = [r.jurisdiction for r in report.results]
    ws.append(["要求", "检查依据", *[r.rule_set.name_zh for r in report.results]])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in report.matrix:
        values = [row.label, row.basis] + [labels().status(row.cells[j].status) if j in row.cells else "" for j in ids]
        ws.append(values)
        for index, j in enumerate(ids, 3):
            if j in row.cells:
                ws.cell(row=ws.max_row, column=index).fill = PatternFill("solid", fgColor=FILLS[row.cells[j].status])
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 34
    ws.freeze_panes = "C2"


def build_workbook(reports: Reports) -> Workbook:
    """The workbook: 汇总 first, then the item sheets."""
    items = _as_list(reports)
    wb = Workbook()
    default = wb.active
    taken: set[str] = set()
    summary = wb.create_sheet(sheet_title("汇总", taken))
    if default is not None:
        wb.remove(default)
    _summary_sheet(summary, items)
    for report in items:
        if isinstance(report, MatrixReport):
            _matrix_sheet(wb.create_sheet(sheet_title(f"对照-{report.submission}", taken)), report)
            for result in report.results:
                ws = wb.create_sheet(sheet_title(f"{result.rule_set.name_zh}-{report.submission}", taken))
                _items_sheet(ws, report, result.jurisdiction)
        else:
            _items_sheet(wb.create_sheet(sheet_title(report.submission or report.jurisdiction, taken)), report)
    return wb


def write_xlsx(reports: Reports, path: Path | str) -> Path:
    """Write the workbook to ``path`` and return it."""
    out = Path(path)
    build_workbook(reports).save(out)
    return out
