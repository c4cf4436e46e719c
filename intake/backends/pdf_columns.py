"""Columns and reading order: a vertical gutter splits two-column pages; order follows geometry."""

from bisect import bisect_right
from collections.abc import Sequence
from typing import Protocol, TypeVar

from intake.backends.pdf_lines import Fragment, TextLine, make_line
from intake.backends.pdf_params import CharParams, ColumnParams

SPANNING, LEFT, RIGHT = 0, 1, 2


class Placed(Protocol):
    """Anything with a page position: text lines and tables."""

    @property
    def bbox(self) -> tuple[float, float, float, float]: ...


T = TypeVar("T", bound=Placed)


def _body(frags: list[Fragment], height: float, band: float) -> list[Fragment]:
    lo, hi = band * height, (1 - band) * height
    return [f for f in frags if f.bottom > lo and f.top < hi]


def _emptiest_x(frags: list[Fragment], width: float, params: ColumnParams) -> float | None:
    """Return the middle of the widest run of x positions crossed by the fewest fragments."""
    size = int(width) + 2
    diff = [0] * (size + 1)
    for f in frags:
        a, b = max(int(f.x0) + 1, 0), min(int(f.x1), size)
        if a < b:
            diff[a] += 1
            diff[b] -= 1
    lo, hi = int(params.search_from * width), int(params.search_to * width)
    cover, running = [], 0
    for x in range(hi + 1):
        running += diff[x]
        if x >= lo:
            cover.append(running)
    if not cover:
        return None
    least = min(cover)
    best_len = run = 0
    best_mid = None
    for i, v in enumerate(cover + [least + 1]):
        if v == least:
            run += 1
            continue
        if run > best_len:
            best_len, best_mid = run, lo + i - (run + 1) / 2
        run = 0
    return best_mid


def _columns_look_real(left: list[Fragment], right: list[Fragment], params: ColumnParams) -> bool:
    lx0, lx1 = min(f.x0 for f in left), max(f.x1 for f in left)
    rx0, rx1 = min(f.x0 for f in right), max(f.x1 for f in right)
    span = max(rx1, lx1) - min(lx0, rx0)
    if min(lx1 - lx0, rx1 - rx0) < params.min_width_share * span:
        return False
    ltop, lbottom = min(f.top for f in left), max(f.bottom for f in left)
    rtop, rbottom = min(f.top for f in right), max(f.bottom for f in right)
    overlap = min(lbottom, rbottom) - max(ltop, rtop)
    if overlap < 0.5 * min(lbottom - ltop, rbottom - rtop):
        return False
    full = sum(1 for f in left if f.x1 >= lx1 - 1.5 * f.em)
    return full >= params.min_full_share * len(left)


def find_gutter(
    frags: list[Fragment], width: float, height: float, params: ColumnParams, band: float
) -> float | None:
    """Return the x of the gutter of a two-column page, or None for a single column."""
    body = _body(frags, height, band)
    if len(body) < 2 * params.min_lines:
        return None
    x = _emptiest_x(body, width, params)
    if x is None:
        return None
    left = [f for f in body if f.x1 <= x]
    right = [f for f in body if f.x0 >= x]
    spanning = len(body) - len(left) - len(right)
    if min(len(left), len(right)) < params.min_lines:
        return None
    if spanning > params.max_spanning_share * (len(left) + len(right)):
        return None
    return x if _columns_look_real(left, right, params) else None


def column_of(x0: float, x1: float, gutter: float | None) -> int:
    """Return LEFT, RIGHT or SPANNING for a horizontal extent."""
    if gutter is None:
        return SPANNING
    if x1 <= gutter:
        return LEFT
    if x0 >= gutter:
        return RIGHT
    return SPANNING


def build_lines(
    rows: list[list[Fragment]], page: int, gutter: float | None, params: CharParams
) -> list[TextLine]:
    """Merge the fragments of each row into lines, one per column."""
    lines: list[TextLine] = []
    for row in rows:
        by_column: dict[int, list[Fragment]] = {}
        for f in row:
            by_column.setdefault(column_of(f.x0, f.x1, gutter), []).append(f)
        for column, frags in sorted(by_column.items()):
            line = make_line(frags, page, params)
            line.column = column
            lines.append(line)
    return lines


def reading_order(items: Sequence[T], gutter: float | None) -> list[T]:
    """Sort lines and tables of one page: top to bottom; on two columns left column, then right."""
    if gutter is None:
        return sorted(items, key=lambda it: (it.bbox[1], it.bbox[0]))
    columns = [column_of(it.bbox[0], it.bbox[2], gutter) for it in items]
    spanning_tops = sorted(it.bbox[1] for it, col in zip(items, columns, strict=True) if col == SPANNING)

    def key(pair: tuple[T, int]) -> tuple[int, int, float, float]:
        it, col = pair
        section = bisect_right(spanning_tops, it.bbox[1])
        return (section, col, it.bbox[1], it.bbox[0])

    return [it for it, _ in sorted(zip(items, columns, strict=True), key=key)]
