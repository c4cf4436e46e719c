"""Layout thresholds of the PDF backend, read once from ``intake/data/pdf_layout.yaml``."""

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from models.data_files import load_yaml

_DATA = Path(__file__).resolve().parents[1] / "data" / "pdf_layout.yaml"


@dataclass(frozen=True)
class CharParams:
    """Characters to rows and fragments."""

    fake_bold_min_overlap: float
    same_row_min_overlap: float
    space_gap_em: float
    latin_space_gap_em: float
    fragment_gap_em: float


@dataclass(frozen=True)
class ParagraphParams:
    """Lines to paragraphs."""

    full_line_tol_em: float
    indent_tol_em: float
    max_line_gap_em: float
    min_size_ratio: float
    margin_window: float
    margin_min_share: float


@dataclass(frozen=True)
class FurnitureParams:
    """Headers, footers and page numbers."""

    band_share: float
    min_repeat_pages: int
    max_shift: float


@dataclass(frozen=True)
class ColumnParams:
    """Two-column detection."""

    search_from: float
    search_to: float
    min_lines: int
    min_width_share: float
    min_full_share: float
    max_spanning_share: float


@dataclass(frozen=True)
class TableParams:
    """Lattice tables from ruling lines."""

    max_rule_thickness: float
    min_rule_length: float
    snap: float
    min_row_height: float
    min_boundary_cover: float
    continuation_col_tol: float


@dataclass(frozen=True)
class OcrParams:
    """When a page has no usable text layer (beyond the shares in ``IntakeSettings``)."""

    min_letters: int
    image_page_share: float
    image_page_max_chars: int


@dataclass(frozen=True)
class LayoutParams:
    """All thresholds of the PDF backend."""

    chars: CharParams
    paragraphs: ParagraphParams
    furniture: FurnitureParams
    columns: ColumnParams
    tables: TableParams
    ocr: OcrParams


def _section(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    missing = names - set(data)
    if missing:
        raise KeyError(f"{_DATA.name}: {cls.__name__} lacks {sorted(missing)}")
    return cls(**{k: v for k, v in data.items() if k in names})


@cache
def layout_params() -> LayoutParams:
    """Return the thresholds (loaded once)."""
    raw: dict[str, dict[str, Any]] = load_yaml(_DATA)
    return LayoutParams(
        chars=_section(CharParams, raw["chars"]),
        paragraphs=_section(ParagraphParams, raw["paragraphs"]),
        furniture=_section(FurnitureParams, raw["furniture"]),
        columns=_section(ColumnParams, raw["columns"]),
        tables=_section(TableParams, raw["tables"]),
        ocr=_section(OcrParams, raw["ocr"]),
    )
