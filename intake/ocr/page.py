"""One page image → a laid-out ``PageResult``: turned upright, recognised, characters placed,
tables found, seals and ink located, weak recognition reported."""

from collections.abc import Callable
from statistics import mean

import numpy as np

from intake.backends.page_layout import PageResult, layout_chars
from intake.backends.pdf_params import layout_params
from intake.ocr.config import ocr_config
from intake.ocr.engine import recognise
from intake.ocr.ink import reread_inked
from intake.ocr.layout import PlacedLine, find_rules, line_chars, place_lines
from intake.ocr.name_reread import reread_names, upright_sharper
from intake.ocr.orient import make_upright
from intake.raw import RawPage
from models import Notice, PageStatus


def _quality(number: int, lines: list[PlacedLine]) -> list[Notice]:
    cfg = ocr_config()["quality"]
    if not lines:
        return []
    low = [ln for ln in lines if ln.score < cfg["low_confidence"]]
    average = mean(ln.score for ln in lines)
    if len(low) >= cfg["page_low_lines"] or average < cfg["page_low_mean"]:
        return [Notice.make("ocr_low_confidence", page=number, count=len(low), mean=f"{average:.2f}")]
    return []


def ocr_page(
    image: np.ndarray, number: int, points_per_px: float, sharper: Callable[[], np.ndarray] | None = None
) -> tuple[PageResult, list[PlacedLine]]:
    """OCR an RGB page image; page size and boxes are in points (``points_per_px`` per pixel).
    ``sharper`` renders the page again at a higher resolution, for the signatory names."""
    from intake.ocr.marks import find_marks

    upright, turn, quads = make_upright(image)
    h, w = upright.shape[:2]
    page = RawPage(number=number, width=w * points_per_px, height=h * points_per_px,
                   status=PageStatus.OK, ocr=True)
    result = PageResult(page)
    lines = reread_inked(upright, recognise(upright, quads), 1.0 / points_per_px)
    again = upright_sharper(sharper, turn.quarters, turn.skew, upright.shape) if sharper else None
    placed = place_lines(reread_names(upright, lines, again), points_per_px)
    if turn.quarters:
        result.notices.append(Notice.make("ocr_rotated", page=number, degrees=turn.degrees))
    chars = [ch for line in placed for ch in line_chars(line)]
    if not chars:
        page.status, page.reason = PageStatus.EMPTY, "no text found by OCR"
    layout_chars(result, chars, find_rules(upright, points_per_px), layout_params())
    result.notices.extend(_quality(number, placed))
    result.marks = find_marks(upright, number, points_per_px, [ln.bbox for ln in placed])
    return result, placed
