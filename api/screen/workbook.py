"""The screening workbook: 汇总 Summary, 申报 Submissions, 问题项 Items, 文件错误 File errors, 文件 Files.

Written with ``xlsx_stream`` (rows stream to disk as text; thousands of submissions stay cheap for
the process that writes them, which is the one handing out work to the screening workers).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from statistics import mean

from api.screen.check import Checked
from api.screen.group import Submission
from api.screen.rows import OPEN, CheckedRows, ResultTally, evidence_or_reason, open_mandatory, rows_of
from api.screen.xlsx_stream import BOLD, Sheet, Workbook

__all__ = ["OPEN", "SHEETS", "CheckedRows", "ResultTally", "ScreenInfo", "WorkbookWriter", "evidence_or_reason",
           "open_mandatory", "rows_of", "write_workbook"]

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


@dataclass
class ScreenInfo:
    """What the summary states about the run."""

    jurisdiction: str
    as_of: date


def _sheet(wb: Workbook, key: str, columns: Sequence[tuple[str, int]]) -> Sheet:
    ws = wb.add_sheet(SHEETS[key], [width for _title, width in columns])
    ws.append([title for title, _ in columns], BOLD)
    return ws


def _file_rows(errors: Sheet, files: Sheet, submission: Submission) -> None:
    for f in submission.files:
        e = f.extraction
        status = "失败 failed" if e.error else "已读取 read"
        files.append([f.label, submission.id, e.kind.value if e.kind else "", e.pages, status])
        if e.error is not None:
            errors.append([f.label, submission.id, e.error.code, e.error.message_zh, e.error.message_en])


@dataclass
class _Tally:
    """What the summary sheet needs of every submission written (not the submissions themselves)."""

    submissions: int = 0
    files: int = 0
    failed_files: int = 0
    not_checked: int = 0
    results: list[ResultTally] = field(default_factory=list)

    @property
    def scores(self) -> list[float]:
        return [r.completeness for r in self.results if r.completeness is not None]


def _summary_sheet(wb: Workbook, tally: _Tally, info: ScreenInfo, top: int) -> Sheet:
    ws = wb.add_sheet(SHEETS["summary"], [24, 30, 50, 10, 10, 10, 12], freeze_header=False)
    scores = tally.scores
    ws.append(["汇总 Summary", ""], BOLD)
    ws.append(["申报数 submissions", tally.submissions])
    ws.append(["文件数 files", tally.files])
    ws.append(["失败文件 failed files", tally.failed_files])
    ws.append(["检查失败的申报 submissions not checked", tally.not_checked])
    ws.append(["平均完整度 mean completeness", round(mean(scores), 4) if scores else None])
    ws.append(["适用地区 jurisdiction", info.jurisdiction])
    ws.append(["检查日期 as of", info.as_of.isoformat()])
    ws.append([])
    by_rule: dict[str, list[ResultTally]] = defaultdict(list)
    for result in tally.results:
        by_rule[result.jurisdiction].append(result)
    ws.append(["适用地区 jurisdiction", "编号 item id", "要求 requirement", "缺失 missing", "不充分 weak",
               "申报数 submissions", "平均完整度 mean completeness"], BOLD)
    for name, group in sorted(by_rule.items()):
        missing: Counter[str] = Counter()
        weak: Counter[str] = Counter()
        titles: dict[str, str] = {}
        for result in group:
            for item_id, requirement, status in result.items:
                titles[item_id] = requirement
                if status == "missing":
                    missing[item_id] += 1
                elif status == "weak":
                    weak[item_id] += 1
        group_scores = [r.completeness for r in group if r.completeness is not None]
        ranked = sorted(set(missing) | set(weak), key=lambda i: (-missing[i], -weak[i], i))[:top]
        for item_id in ranked:
            ws.append([name, item_id, titles[item_id], missing[item_id], weak[item_id], len(group),
                       round(mean(group_scores), 4) if group_scores else None])
    return ws


class WorkbookWriter:
    """The workbook written as submissions are checked (``add`` in submission order), the summary on ``close``.

    Each sheet streams its rows to disk (write-only mode), so the rows of a submission are written
    while others are still being analysed; only what the summary needs is kept.
    """

    def __init__(self, out: Path, info: ScreenInfo, top: int = 10) -> None:
        self.out, self.info, self.top = out, info, top
        self.wb = Workbook()
        self.submissions = _sheet(self.wb, "submissions", SUBMISSION_COLUMNS)
        self.items = _sheet(self.wb, "items", ITEM_COLUMNS)
        self.errors = _sheet(self.wb, "errors", ERROR_COLUMNS)
        self.files = _sheet(self.wb, "files", FILE_COLUMNS)
        self.tally = _Tally()

    def add(self, checked: Checked) -> None:
        """Write one checked submission's rows (call in submission order)."""
        self.add_rows(checked.submission, rows_of(checked))

    def add_rows(self, submission: Submission, rows: CheckedRows) -> None:
        """Write one submission's rows computed elsewhere (``rows_of``), in submission order."""
        for row in rows.submissions:
            self.submissions.append_row(row)
        for row in rows.items:
            self.items.append_row(row)
        _file_rows(self.errors, self.files, submission)
        t = self.tally
        t.submissions += 1
        t.files += len(submission.files)
        t.failed_files += sum(1 for f in submission.files if f.extraction.error is not None)
        if not rows.checked:
            t.not_checked += 1
        t.results.extend(rows.results)

    def mean_completeness(self) -> float | None:
        """The mean completeness over every rule-set result written so far."""
        scores = self.tally.scores
        return sum(scores) / len(scores) if scores else None

    def discard(self) -> None:
        """Drop what was streamed so far (the run failed; the old workbook stays)."""
        self.wb.close()

    def close(self) -> Path:
        """Add the summary sheet and save (through a temporary file, so a crash leaves the old workbook)."""
        summary = _summary_sheet(self.wb, self.tally, self.info, self.top)
        partial = self.out.with_name(self.out.name + ".partial")
        try:
            self.wb.save(partial, [summary, self.submissions, self.items, self.errors, self.files])
        finally:
            self.wb.close()
        partial.replace(self.out)
        return self.out


def write_workbook(checked: Sequence[Checked], info: ScreenInfo, out: Path, top: int = 10) -> Path:
    """Write the screening workbook to ``out`` (through a temporary file, so a crash leaves the old one)."""
    writer = WorkbookWriter(out, info, top)
    for c in checked:
        writer.add(c)
    return writer.close()
