"""Lattice tables: ruling lines to grids, grids to cells (with row/column spans), characters to cells."""

from bisect import bisect_right
from dataclasses import dataclass, replace

from intake.backends.pdf_chars import Char
from intake.backends.pdf_lines import chars_text, group_rows, join_wrapped, row_em, starts_with_marker
from intake.backends.pdf_objects import PageObjects, Rule
from intake.backends.pdf_params import CharParams, TableParams
from intake.raw import RawCell, RawLine, RawTable
from models import BBox


@dataclass
class PageTable:
    """A table found on a page; ``end_page`` differs from ``page`` once a continuation is merged."""

    page: int
    bbox: BBox
    xs: list[float]
    table: RawTable
    end_page: int = 0

    def __post_init__(self) -> None:
        self.end_page = self.end_page or self.page


def _merge_rules(rules: list[Rule], snap: float) -> list[Rule]:
    """Join collinear rules that touch or overlap."""
    out: list[Rule] = []
    ordered = sorted(rules, key=lambda r: r.pos)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1].pos - ordered[i].pos <= snap:
            j += 1
        bucket = sorted(ordered[i : j + 1], key=lambda r: r.start)
        pos = sum(r.pos for r in bucket) / len(bucket)
        cur = Rule(pos, bucket[0].start, bucket[0].end)
        for r in bucket[1:]:
            if r.start <= cur.end + snap:
                cur.end = max(cur.end, r.end)
            else:
                out.append(cur)
                cur = Rule(pos, r.start, r.end)
        out.append(cur)
        i = j + 1
    return out


def _components(hs: list[Rule], vs: list[Rule], snap: float) -> list[tuple[list[Rule], list[Rule]]]:
    """Group rules that cross or touch each other into candidate tables."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if v.start - snap <= h.pos <= v.end + snap and h.start - snap <= v.pos <= h.end + snap:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def _covered(rules: list[Rule], a: float, b: float) -> float:
    if b <= a:
        return 1.0
    return sum(max(0.0, min(r.end, b) - max(r.start, a)) for r in rules) / (b - a)


class _Grid:
    """Grid lines of one table and which cell edges carry a rule."""

    def __init__(self, hs: list[Rule], vs: list[Rule], params: TableParams) -> None:
        self.params = params
        self.xs = _cluster([v.pos for v in vs] + self._ends(hs, vs), params.min_row_height)
        self.ys = _cluster([h.pos for h in hs] + self._ends(vs, hs), params.min_row_height)
        near = max(params.snap, params.min_row_height)
        self.v_at = [[v for v in vs if abs(v.pos - x) <= near] for x in self.xs]
        self.h_at = [[h for h in hs if abs(h.pos - y) <= near] for y in self.ys]

    def _ends(self, along: list[Rule], across: list[Rule]) -> list[float]:
        """Outer edges implied by rule ends when the table has no outer border across them."""
        lo, hi = min(r.start for r in along), max(r.end for r in along)
        positions = [r.pos for r in across]
        snap = self.params.snap
        return [p for p in (lo, hi) if all(abs(p - q) > snap for q in positions)]

    def v_edge(self, k: int, r: int) -> bool:
        return _covered(self.v_at[k], self.ys[r], self.ys[r + 1]) >= self.params.min_boundary_cover

    def h_edge(self, r: int, c: int) -> bool:
        return _covered(self.h_at[r], self.xs[c], self.xs[c + 1]) >= self.params.min_boundary_cover

    def spans(self) -> list[tuple[int, int, int, int]]:
        """Return merged cells as (row, col, rowspan, colspan), row-major."""
        n_rows, n_cols = len(self.ys) - 1, len(self.xs) - 1
        taken = [[False] * n_cols for _ in range(n_rows)]
        cells = []
        for r in range(n_rows):
            for c in range(n_cols):
                if taken[r][c]:
                    continue
                cs = 1
                while c + cs < n_cols and not taken[r][c + cs] and not self.v_edge(c + cs, r):
                    cs += 1
                rs = 1
                while r + rs < n_rows and not any(
                    taken[r + rs][cc] or self.h_edge(r + rs, cc) for cc in range(c, c + cs)
                ):
                    rs += 1
                for rr in range(r, r + rs):
                    for cc in range(c, c + cs):
                        taken[rr][cc] = True
                cells.append((r, c, rs, cs))
        return cells


def _cell_text(chars: list[Char], page: int, params: CharParams) -> tuple[str, list[RawLine]]:
    text = ""
    lines: list[RawLine] = []
    for row in group_rows(chars, params):
        piece = chars_text(row, row_em(row), params)
        if not piece:
            continue
        if text:
            text += "\n" if starts_with_marker(piece) else join_wrapped(text, piece)
        bbox = (row[0].x0, min(c.top for c in row), max(c.x1 for c in row), max(c.bottom for c in row))
        lines.append(RawLine(page=page, start=len(text), end=len(text) + len(piece), bbox=bbox))
        text += piece
    return text, lines


def _build(grid: _Grid, chars: list[Char], page: int, params: CharParams) -> PageTable:
    xs, ys = grid.xs, grid.ys
    spans = grid.spans()
    owner = [[0] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for i, (r, c, rs, cs) in enumerate(spans):
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                owner[rr][cc] = i
    buckets: list[list[Char]] = [[] for _ in spans]
    for ch in chars:
        r = min(max(bisect_right(ys, (ch.top + ch.bottom) / 2) - 1, 0), len(ys) - 2)
        c = min(max(bisect_right(xs, (ch.x0 + ch.x1) / 2) - 1, 0), len(xs) - 2)
        buckets[owner[r][c]].append(ch)
    cells = []
    for (r, c, rs, cs), bucket in zip(spans, buckets, strict=True):
        text, lines = _cell_text(bucket, page, params)
        bbox = (xs[c], ys[r], xs[c + cs], ys[r + rs])
        cells.append(
            RawCell(row=r, col=c, text=text, rowspan=rs, colspan=cs, page=page, bbox=bbox, lines=lines)
        )
    table = RawTable(n_rows=len(ys) - 1, n_cols=len(xs) - 1, cells=cells)
    return PageTable(page=page, bbox=(xs[0], ys[0], xs[-1], ys[-1]), xs=list(xs), table=table)


def find_tables(
    objects: PageObjects, chars: list[Char], page: int, tparams: TableParams, cparams: CharParams
) -> tuple[list[PageTable], list[Char]]:
    """Return the page's lattice tables and the characters outside them."""
    hs = _merge_rules(objects.horizontal, tparams.snap)
    vs = _merge_rules(objects.vertical, tparams.snap)
    if len(hs) < 2 or len(vs) < 2:
        return [], chars
    grids = [_Grid(h, v, tparams) for h, v in _components(hs, vs, tparams.snap)]
    # One column is a frame or a boxed paragraph, not a table.
    grids = [g for g in grids if len(g.xs) >= 3 and len(g.ys) >= 2]
    if not grids:
        return [], chars
    inside: list[list[Char]] = [[] for _ in grids]
    rest: list[Char] = []
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for i, g in enumerate(grids):
            if g.xs[0] <= cx <= g.xs[-1] and g.ys[0] <= cy <= g.ys[-1]:
                inside[i].append(ch)
                break
        else:
            rest.append(ch)
    tables = [_build(g, cs, page, cparams) for g, cs in zip(grids, inside, strict=True)]
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0])), rest


def _first_row(table: RawTable) -> list[str]:
    return ["".join(c.text.split()) for c in sorted(table.cells, key=lambda c: c.col) if c.row == 0]


def continues(prev: PageTable, nxt: PageTable, params: TableParams) -> bool:
    """Return whether ``nxt`` (first on its page) continues ``prev`` (last on the page before)."""
    if nxt.page != prev.end_page + 1 or len(prev.xs) != len(nxt.xs):
        return False
    return all(abs(a - b) <= params.continuation_col_tol for a, b in zip(prev.xs, nxt.xs, strict=True))


def repeats_header(prev: PageTable, nxt: PageTable) -> bool:
    """Return whether ``nxt`` starts with the same row as ``prev`` (a header repeated per page)."""
    return _first_row(prev.table) == _first_row(nxt.table)


def _row(table: RawTable, row: int) -> dict[int, RawCell]:
    """Cells covering ``row``, by starting column."""
    return {c.col: c for c in table.cells if c.row <= row < c.row + c.rowspan}


def _split_row(prev: PageTable, nxt: PageTable) -> dict[int, RawCell] | None:
    """Return the last-row cells of ``prev`` when ``nxt`` starts with the rest of that row.

    A row broken by the page break leaves its first cell (the row number, the unit name) on the
    first page: the continuation has an empty first cell, text elsewhere, and the same cell layout.
    """
    last = _row(prev.table, prev.table.n_rows - 1)
    first = {c.col: c for c in nxt.table.cells if c.row == 0}
    if set(first) != set(last) or any(c.rowspan > 1 for c in first.values()):
        return None
    if any(first[k].colspan != last[k].colspan for k in first):
        return None
    head, rest = first.get(0), [c for k, c in first.items() if k != 0]
    if head is None or head.text or not last[0].text or not any(c.text for c in rest):
        return None
    return last


def _append_cell(cell: RawCell, more: RawCell) -> None:
    if not more.text:
        return
    sep = join_wrapped(cell.text, more.text) if cell.text else ""
    offset = len(cell.text) + len(sep)
    cell.lines = cell.lines + [replace(ln, start=ln.start + offset, end=ln.end + offset) for ln in more.lines]
    cell.text = cell.text + sep + more.text


def without_header(table: PageTable) -> PageTable:
    """Return ``table`` without its first row (a header repeated on a continuation page)."""
    if any(c.row == 0 and c.rowspan > 1 for c in table.table.cells):
        return table
    cells = [replace(c, row=c.row - 1) for c in table.table.cells if c.row > 0]
    raw = RawTable(n_rows=table.table.n_rows - 1, n_cols=table.table.n_cols, cells=cells)
    return replace(table, table=raw)


def merge(prev: PageTable, nxt: PageTable) -> PageTable:
    """Append the rows of ``nxt`` to ``prev``, re-joining a row the page break cut in two."""
    shift = prev.table.n_rows
    cells = list(prev.table.cells)
    incoming = nxt.table.cells
    last = _split_row(prev, nxt)
    if last is not None:
        for c in incoming:
            if c.row == 0:
                _append_cell(last[c.col], c)
        incoming = [c for c in incoming if c.row > 0]
        shift -= 1
    cells += [replace(c, row=c.row + shift) for c in incoming]
    table = RawTable(n_rows=shift + nxt.table.n_rows, n_cols=prev.table.n_cols, cells=cells)
    return PageTable(page=prev.page, bbox=prev.bbox, xs=nxt.xs, table=table, end_page=nxt.page)
