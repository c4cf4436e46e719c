"""CSV for bulk screening: one row per item (all reports in one file, told apart by the first columns).

Written as UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from checklists.render.rows import ITEM_COLUMNS, SUMMARY_COLUMNS, item_rows, summary_rows
from models.report import GapReport, MatrixReport

Reports = GapReport | MatrixReport | Sequence[GapReport | MatrixReport]


def _as_list(reports: Reports) -> list[GapReport | MatrixReport]:
    return [reports] if isinstance(reports, GapReport | MatrixReport) else list(reports)


def csv_text(reports: Reports, header: str = "key") -> str:
    """Item rows as CSV text; ``header`` ``key`` (machine names, default) or ``zh`` (Chinese headers)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([k if header == "key" else zh for k, zh in ITEM_COLUMNS])
    for report in _as_list(reports):
        for row in item_rows(report):
            writer.writerow([row[k] for k, _ in ITEM_COLUMNS])
    return buffer.getvalue()


def summary_csv_text(reports: Reports, header: str = "key") -> str:
    """One summary row per report (per jurisdiction for a matrix)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([k if header == "key" else zh for k, zh in SUMMARY_COLUMNS])
    for row in summary_rows(_as_list(reports)):
        writer.writerow(["" if row[k] is None else row[k] for k, _ in SUMMARY_COLUMNS])
    return buffer.getvalue()


def write_csv(reports: Reports, path: Path | str, header: str = "key") -> Path:
    """Write the item rows to ``path`` (UTF-8 with BOM) and return it."""
    out = Path(path)
    out.write_text(csv_text(reports, header), encoding="utf-8-sig")
    return out


def write_summary_csv(reports: Reports, path: Path | str, header: str = "key") -> Path:
    """Write the summary rows to ``path`` (UTF-8 with BOM) and return it."""
    out = Path(path)
    out.write_text(summary_csv_text(reports, header), encoding="utf-8-sig")
    return out
