"""OCR thresholds and choices, read once from ``intake/data/ocr.yaml``, ``ocr_punct.yaml`` and
``name_reread.yaml``."""

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_DATA = Path(__file__).resolve().parents[1] / "data"


@cache
def ocr_config() -> dict[str, dict[str, Any]]:
    """Return the sections of ``ocr.yaml`` (engine, render, orientation, quality, tables, limits)."""
    data: dict[str, dict[str, Any]] = yaml.safe_load((_DATA / "ocr.yaml").read_text(encoding="utf-8"))
    return data


@cache
def punct_config() -> dict[str, Any]:
    """Return ``ocr_punct.yaml``: ASCII → full-width punctuation maps and their contexts."""
    data: dict[str, Any] = yaml.safe_load((_DATA / "ocr_punct.yaml").read_text(encoding="utf-8"))
    return data


@cache
def reread_config() -> dict[str, Any]:
    """Return ``name_reread.yaml``: the signatory-name re-read on scans (``intake.ocr.name_reread``)."""
    data: dict[str, Any] = yaml.safe_load((_DATA / "name_reread.yaml").read_text(encoding="utf-8"))
    return data
