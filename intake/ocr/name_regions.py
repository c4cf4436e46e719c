"""Where a scanned signature table's signatory names are: one cell per row of its signatory column.

The column is found from its header (a line naming the signatory, 法定代表人或授权代表（签字）, with
other header cells beside it on the same row); its rows from the lines of the other columns below
it (party names, dates), which handwriting does not cover. A row's cell spans the column between
its neighbours' text and reaches a little above and below the row's lines; rows end at a line
that crosses the column or at a gap much wider than the row pitch. A name under a signature may
not have been detected at all, so the cells do not depend on what OCR read inside the column.
"""

from dataclasses import dataclass
from statistics import median
from typing import Any

import cv2
import numpy as np

from intake.ocr.engine import OcrBox

Rect = tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels


@dataclass(frozen=True)
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _boxes(lines: list[OcrBox]) -> list[_Box]:
    return [_Box(*ln.rect, ln.text, ln.score) for ln in lines]


def _same_row(a: _Box, b: _Box) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _column(header: _Box, boxes: list[_Box], slack: float) -> tuple[float, float] | None:
    """The column's x-range from the header cells beside the header, or None without any."""
    row = [b for b in boxes if b is not header and _same_row(b, header)]
    left = [b.x1 for b in row if b.x1 <= header.x0 + slack]
    right = [b.x0 for b in row if b.x0 >= header.x1 - slack]
    if not left and not right:
        return None  # a label in running text, not a table header
    return (max(left) if left else header.x0 - slack, min(right) if right else header.x1 + slack)


def _row_groups(header: _Box, column: tuple[float, float], boxes: list[_Box], cfg: dict[str, Any]) -> list[list[_Box]]:
    """The lines of the other columns below the header, grouped by row, until the table ends."""
    x0, x1 = column
    below = sorted((b for b in boxes if b.y0 > header.y1 - 1 and b is not header), key=lambda b: b.y0)
    groups: list[list[_Box]] = []
    for box in below:
        if box.x0 < x0 and box.x1 > x1:
            break  # a line across the column: the table is over
        inside = x0 <= (box.x0 + box.x1) / 2 <= x1
        if inside or box.score < cfg["anchor_min_score"]:
            continue
        if groups and any(_same_row(box, b) for b in groups[-1]):
            groups[-1].append(box)
            continue
        if len(groups) >= 2:
            pitch = median(g[0].cy - f[0].cy for f, g in zip(groups, groups[1:], strict=False))
            if box.cy - groups[-1][0].cy > cfg["max_row_gap"] * pitch:
                break
        groups.append([box])
    return groups


def _narrowed(header: _Box, column: tuple[float, float], groups: list[list[_Box]]) -> tuple[float, float]:
    """The column between the body text of its neighbours (party names run wider than their header)."""
    centre = (header.x0 + header.x1) / 2
    anchors = [b for g in groups for b in g]
    left = [b.x1 for b in anchors if b.x1 < centre]
    right = [b.x0 for b in anchors if b.x0 > centre]
    return max([column[0], *left]), min([column[1], *right])


def _inside(box: _Box, cells: list[Rect]) -> bool:
    cx = (box.x0 + box.x1) / 2
    return any(c[0] <= cx <= c[2] and c[1] <= box.cy <= c[3] for c in cells)


def _rule_rows(image: np.ndarray, x0: int, x1: int, top: int, bottom: int, level: int, share: float) -> list[int]:
    """Rows of the horizontal rules across (``share`` of) the column's strip of the page image."""
    strip = image[max(top, 0) : bottom, max(x0, 0) : x1]
    if strip.size == 0:
        return []
    gray = cv2.cvtColor(strip, cv2.COLOR_RGB2GRAY) if strip.ndim == 3 else strip
    ink = cv2.morphologyEx(np.where(gray < level, 255, 0).astype(np.uint8), cv2.MORPH_CLOSE, np.ones((1, 5), np.uint8))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(int((x1 - x0) * share), 8), 1))
    rows = np.flatnonzero(cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel).any(axis=1))
    starts = [int(r) for i, r in enumerate(rows) if i == 0 or r > rows[i - 1] + 1]
    return [max(top, 0) + r for r in starts]


def _ruled_cells(image: np.ndarray, column: tuple[float, float], header: _Box, groups: list[list[_Box]],
                 cfg: dict[str, Any]) -> list[Rect]:
    """Cells between the horizontal rules that hold a row's lines (none when the table has no rules)."""
    x0, x1 = int(column[0]), int(column[1]) + 1
    bottom = int(max(b.y1 for b in groups[-1]) + (header.y1 - header.y0) * 2)
    rules = _rule_rows(image, x0, x1, int(header.cy), bottom, int(cfg["rule_level"]), float(cfg["rule_share"]))
    cells = []
    for upper, lower in zip(rules, rules[1:], strict=False):
        if any(upper < b.cy < lower for g in groups for b in g):
            cells.append((x0, upper, x1, lower))
    return cells


def _banded_cells(column: tuple[float, float], header: _Box, groups: list[list[_Box]], margin: float) -> list[Rect]:
    """Cells around each row's lines, for tables without rules."""
    bands = [(min(b.y0 for b in g), max(b.y1 for b in g)) for g in groups]
    cells = []
    for i, (top, bottom) in enumerate(bands):
        upper = (bands[i - 1][1] + top) / 2 if i else header.y1
        lower = (bottom + bands[i + 1][0]) / 2 if i + 1 < len(bands) else bottom + margin
        y0, y1 = max(top - margin, upper), min(bottom + margin, lower)
        cells.append((int(column[0]), int(y0), int(column[1]) + 1, int(y1) + 1))
    return cells


def signatory_cells(lines: list[OcrBox], image: np.ndarray, cfg: dict[str, Any]) -> list[Rect]:
    """Cells where a signature table's signatory names are written, top to bottom."""
    boxes = _boxes(lines)
    if not boxes:
        return []
    height = median(b.y1 - b.y0 for b in boxes)
    cells: list[Rect] = []
    for header in sorted(boxes, key=lambda b: b.y0):
        if not any(word in header.text for word in cfg["column_words"]) or _inside(header, cells):
            continue  # not a header, or a name cell of a table already found (贺铁军（授权代表）)
        column = _column(header, boxes, height)
        if column is None:
            continue
        groups = _row_groups(header, column, boxes, cfg)
        if not groups:
            continue
        column = _narrowed(header, column, groups)
        cells.extend(_ruled_cells(image, column, header, groups, cfg)
                     or _banded_cells(column, header, groups, cfg["row_margin_lines"] * height))
    return cells


def run_in_names(lines: list[OcrBox], cfg: dict[str, Any]) -> list[tuple[int, int, Rect]]:
    """Names after a signatory label in running text (代表签字：沈红梅): the line's index, where its
    name starts in its text, and the region from there to a little past the line's end."""
    boxes = _boxes(lines)
    if not boxes:
        return []
    height = median(b.y1 - b.y0 for b in boxes)
    found = []
    for i, box in enumerate(boxes):
        colon = max(box.text.rfind("："), box.text.rfind(":"))
        label = box.text[:colon].rstrip("（()） 签字名章")
        rest = len(box.text) - colon - 1
        if colon < 1 or not 0 < rest <= cfg["run_in_max_chars"]:
            continue  # no colon, nothing after it, or a sentence (负责人：由牵头单位指派…)
        if not any(label.endswith(word) for word in cfg["column_words"]) or any(w in label for w in cfg["run_in_stops"]):
            continue  # not a signatory label; or the party or date line (单位名称（盖章）：…)
        # the box runs on under the signature: the label's width is counted in ems from its left
        start = box.x0 + (colon + 0.5) * cfg["glyph_share"] * height
        margin = cfg["row_margin_lines"] * height
        rect = (int(start), int(box.y0 - margin / 2), int(box.x1 + cfg["run_in_extra_lines"] * height),
                int(box.y1 + margin / 2))
        found.append((i, colon + 1, rect))
    return found
