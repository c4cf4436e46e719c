"""Lines to paragraphs: margins, wrap detection, joining across line, column and page breaks."""

from collections.abc import Iterable

from intake.backends.pdf_columns import SPANNING
from intake.backends.pdf_lines import (
    TextLine,
    is_latin,
    join_wrapped,
    starts_with_marker,
    starts_with_reference,
)
from intake.backends.pdf_params import ParagraphParams, TableParams
from intake.backends.pdf_tables import PageTable, continues, merge, repeats_header, without_header
from intake.raw import RawBlock, RawLine
from models import BlockKind

Item = TextLine | PageTable
# Punctuation that may hang past the right margin; lines ending with it do not define the margin.
_HANGING = frozenset("，。、；：？！”’）》」』】〕,.;:?!)")
# Punctuation that may not start a line: it stays with the character before it (kinsoku).
_NO_LINE_START = frozenset("，。、；：？！”’）》」』】〕,.;:?!)")
# Punctuation that may not end a line: it goes down with the character after it.
_NO_LINE_END = frozenset("（《「『【〔“‘(")
_LATIN_CHAR_EM = 0.55  # average width of a Latin letter or digit against the font size


def _popular_edge(values: list[float], window: float, need: float, largest: bool) -> float:
    """Return the smallest (or largest) value that at least ``need`` values lie within ``window`` of."""
    ordered = sorted(values, reverse=largest)
    j = 0
    for i, v in enumerate(ordered):
        j = max(j, i)
        while j + 1 < len(ordered) and abs(ordered[j + 1] - v) <= window:
            j += 1
        if j - i + 1 >= need:
            return v
    return ordered[0]


def margins(lines: list[TextLine], params: ParagraphParams) -> tuple[float, float]:
    """Return the (left, right) text margins of a group of lines."""
    need = max(2.0, params.margin_min_share * len(lines))
    left = _popular_edge([ln.x0 for ln in lines], params.margin_window, need, largest=False)
    ends = [ln.x1 for ln in lines if ln.text and ln.text[-1] not in _HANGING] or [ln.x1 for ln in lines]
    need_r = max(2.0, params.margin_min_share * len(ends))
    right = _popular_edge(ends, params.margin_window, need_r, largest=True)
    return left, max(right, left)


def assign_margins(
    pages: dict[int, list[TextLine]], widths: dict[int, float], params: ParagraphParams
) -> None:
    """Set ``left``/``right`` of every line: per column on two-column pages, else per page width."""
    groups: dict[tuple[int, int], list[TextLine]] = {}
    for number, lines in pages.items():
        for line in lines:
            key = (number, line.column) if line.column != SPANNING else (-1, round(widths[number]))
            groups.setdefault(key, []).append(line)
    for lines in groups.values():
        left, right = margins(lines, params)
        for line in lines:
            line.left, line.right = left, right


def _leading_group_em(text: str) -> float:
    """Width (in em) of what a renderer cannot split at the start of ``text``.

    One CJK character or one Latin word, with opening punctuation before it and closing
    punctuation after it (``盟”）。`` moves down as one piece).
    """
    n, i = len(text), 0
    while i < n and text[i] in _NO_LINE_END:
        i += 1
    width = float(i)
    if i < n and is_latin(text[i]):
        j = i
        while j < n and is_latin(text[j]) and text[j] not in _NO_LINE_START:
            j += 1
        width += _LATIN_CHAR_EM * (j - i)
        i = j
    elif i < n:
        width += 1.0
        i += 1
    while i < n and text[i] in _NO_LINE_START:
        width += 1.0
        i += 1
    return width


def _wraps_before(prev: TextLine, line: TextLine, params: ParagraphParams) -> bool:
    """Return whether ``prev`` stops where a wrap would: the start of ``line`` would not have fit.

    ``full_line_tol_em`` is the room left that still counts as full for a one-character start.
    """
    room = prev.right - prev.x1
    group = max(_leading_group_em(line.text), 1.0)
    return room < (group - 1.0 + params.full_line_tol_em) * prev.em


def _is_centered(line: TextLine, tol: float) -> bool:
    return abs((line.x0 + line.x1) - (line.left + line.right)) / 2 <= tol


def _x_continues(cur: list[TextLine], line: TextLine, params: ParagraphParams) -> bool:
    prev = cur[-1]
    tol = params.indent_tol_em * line.em
    if len(cur) >= 2:
        return abs(line.x0 - cur[1].x0) <= tol
    if abs(line.x0 - line.left) <= tol or any(abs(line.x0 - s) <= tol for s in prev.starts):
        return True
    return _is_centered(prev, tol) and _is_centered(line, tol)


def _continues(cur: list[TextLine], line: TextLine, params: ParagraphParams) -> bool:
    """Return whether ``line`` wraps on from the paragraph ``cur``."""
    prev = cur[-1]
    if starts_with_marker(line.text) and not starts_with_reference(line.text):
        return False
    if not _wraps_before(prev, line, params):
        return False
    if min(prev.em, line.em) < params.min_size_ratio * max(prev.em, line.em):
        return False
    if line.page == prev.page and line.column == prev.column:
        if line.top <= prev.top or line.top - prev.bottom > params.max_line_gap_em * line.em:
            return False
    elif line.page not in (prev.page, prev.page + 1):
        return False
    return _x_continues(cur, line, params)


def paragraph_block(lines: list[TextLine]) -> RawBlock:
    """Join the lines of one paragraph into a block (no separator between CJK wraps)."""
    text = ""
    raw_lines: list[RawLine] = []
    for line in lines:
        piece = line.text
        if text:
            text += join_wrapped(text, piece)
        raw_lines.append(RawLine(page=line.page, start=len(text), end=len(text) + len(piece), bbox=line.bbox))
        text += piece
    first = [ln for ln in lines if ln.page == lines[0].page]
    bbox = (
        min(ln.x0 for ln in first),
        min(ln.top for ln in first),
        max(ln.x1 for ln in first),
        max(ln.bottom for ln in first),
    )
    return RawBlock(kind=BlockKind.PARAGRAPH, page=lines[0].page, text=text, lines=raw_lines, bbox=bbox)


def table_block(table: PageTable) -> RawBlock:
    """Wrap a (possibly merged) table as a block."""
    return RawBlock(kind=BlockKind.TABLE, page=table.page, bbox=table.bbox, table=table.table)


def merge_continued_tables(stream: Iterable[Item], params: TableParams) -> list[Item]:
    """Merge a table continued at the top of the next page into the one before.

    A header row repeated on the continuation page is dropped; a row cut by the page break is
    joined back together.
    """
    out: list[Item] = []
    for item in stream:
        prev = out[-1] if out else None
        if isinstance(item, PageTable) and isinstance(prev, PageTable) and continues(prev, item, params):
            rest = without_header(item) if repeats_header(prev, item) else item
            out[-1] = merge(prev, rest)
        else:
            out.append(item)
    return out


def build_blocks(stream: list[Item], params: ParagraphParams) -> list[RawBlock]:
    """Turn the ordered lines and tables of the whole document into blocks."""
    blocks: list[RawBlock] = []
    cur: list[TextLine] = []
    for item in stream:
        if isinstance(item, PageTable):
            if cur:
                blocks.append(paragraph_block(cur))
                cur = []
            blocks.append(table_block(item))
        elif cur and _continues(cur, item, params):
            cur.append(item)
        else:
            if cur:
                blocks.append(paragraph_block(cur))
            cur = [item]
    if cur:
        blocks.append(paragraph_block(cur))
    return blocks
