"""The JSON rendering: the contract other tools consume (schema in ``models/schemas/gap_report.schema.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from models.report import GapReport, MatrixReport


def to_json(report: GapReport | MatrixReport, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8, Chinese unescaped)."""
    return report.model_dump_json(indent=indent) + "\n"


def to_dict(report: GapReport | MatrixReport) -> dict[str, Any]:
    """The report as JSON-ready Python data."""
    return report.model_dump(mode="json")


def write_json(report: GapReport | MatrixReport, path: Path | str) -> Path:
    """Write the report to ``path`` and return it."""
    out = Path(path)
    out.write_text(to_json(report), encoding="utf-8")
    return out


def load_report(text: str) -> GapReport | MatrixReport:
    """Read a report back: a matrix when it has ``results``, else a gap report."""
    data = json.loads(text)
    if isinstance(data, dict) and "results" in data:
        return MatrixReport.model_validate(data)
    return GapReport.model_validate(data)


def gap_report_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`GapReport`."""
    return GapReport.model_json_schema()
