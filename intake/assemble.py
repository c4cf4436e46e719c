"""Join a backend's raw blocks into one normalized text with exact offsets.

Paragraph blocks become one line each (a hard line break inside a paragraph stays a ``\\n``);
tables become one line per row, ``| cell | cell |``; headers and footers are kept out of the
text (as blocks with their own ``text``) so that a clause broken by a page break reads as one.
"""

from dataclasses import dataclass, field

from intake.normalize import Normalized, normalize
from intake.raw import RawBlock, RawDocument, RawLine, RawTable
from models import Block, BlockKind, Line, Page, Table, TableCell


@dataclass
class Assembled:
    """The text and everything that points into it, before structure is added."""

    text: str
    blocks: list[Block]
    tables: list[Table]
    lines: list[Line]
    pages: list[Page]
    furniture: list[Block] = field(default_factory=list)


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.lines: list[Line] = []

    def write(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def newline(self) -> None:
        if self.length:
            self.write("\n")

    def add_lines(self, raw_lines: list[RawLine], norm: Normalized, base: int) -> None:
        for line in raw_lines:
            if line.end <= line.start:
                continue
            start = norm.to_norm(line.start)
            end = norm.to_norm(line.end - 1) + 1 if line.end - 1 < norm.raw_length else len(norm.text)
            end = min(end, len(norm.text))
            if end > start:
                self.lines.append(Line(page=line.page, start=base + start, end=base + end, bbox=line.bbox))

    def paragraph(self, raw: RawBlock) -> None:
        norm = normalize(raw.text)
        if not norm.text.strip():
            return
        self.newline()
        start = self.write(norm.text)
        self.add_lines(raw.lines, norm, start)
        kind = raw.kind if raw.kind in (BlockKind.HEADING, BlockKind.TITLE, BlockKind.LIST_ITEM) else BlockKind.PARAGRAPH
        self.blocks.append(
            Block(
                id=len(self.blocks), kind=kind, page=raw.page, start=start, end=self.length,
                bbox=raw.bbox, level=raw.heading_level,
            )
        )

    def table(self, raw: RawBlock, table: RawTable) -> None:
        self.newline()
        table_id = len(self.tables)
        table_block = Block(id=len(self.blocks), kind=BlockKind.TABLE, page=raw.page, start=self.length, end=self.length,
                            bbox=raw.bbox, table_id=table_id)
        self.blocks.append(table_block)
        start = self.length
        by_row: dict[int, dict[int, int]] = {}
        for index, cell in enumerate(table.cells):
            by_row.setdefault(cell.row, {})[cell.col] = index
        cells: list[TableCell] = []
        for r in range(table.n_rows):
            if r:
                self.write("\n")
            self.write("|")
            for c in range(table.n_cols):
                self.write(" ")
                cell_index = by_row.get(r, {}).get(c)
                if cell_index is not None:
                    cells.append(self._cell(table, cell_index, table_id))
                self.write(" |")
        table_block.end = self.length
        self.tables.append(Table(id=table_id, page=raw.page, start=start, end=self.length, n_rows=table.n_rows,
                                 n_cols=table.n_cols, bbox=raw.bbox, cells=cells))

    def _cell(self, table: RawTable, index: int, table_id: int) -> TableCell:
        raw = table.cells[index]
        norm = normalize(raw.text.replace("\n", " "))
        start = self.write(norm.text)
        end = self.length
        self.add_lines(raw.lines, norm, start)
        self.blocks.append(Block(id=len(self.blocks), kind=BlockKind.TABLE_CELL, page=raw.page, start=start, end=end,
                                 bbox=raw.bbox, table_id=table_id, row=raw.row, col=raw.col,
                                 rowspan=raw.rowspan, colspan=raw.colspan))
        return TableCell(row=raw.row, col=raw.col, rowspan=raw.rowspan, colspan=raw.colspan, start=start, end=end,
                         page=raw.page, bbox=raw.bbox)


def _pages(raw: RawDocument, writer: _Writer, text_length: int) -> list[Page]:
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    spans = [(ln.page, ln.start, ln.end) for ln in writer.lines] or [
        (b.page, b.start, b.end) for b in writer.blocks
    ]
    for page, start, end in spans:
        first[page] = min(first.get(page, start), start)
        last[page] = max(last.get(page, end), end)
    pages: list[Page] = []
    cursor = 0
    for rp in raw.pages:
        start = max(first.get(rp.number, cursor), cursor)
        end = max(last.get(rp.number, start), start)
        pages.append(Page(number=rp.number, start=start, end=end, width=rp.width, height=rp.height,
                          status=rp.status, reason=rp.reason, ocr=rp.ocr))
        cursor = end
    if pages:
        pages[-1].end = text_length
    return pages


def assemble(raw: RawDocument) -> Assembled:
    """Normalize and concatenate the raw blocks of ``raw``."""
    writer = _Writer()
    for block in raw.blocks:
        if block.table is not None:
            writer.table(block, block.table)
        else:
            writer.paragraph(block)
    text = "".join(writer.parts)
    pages = _pages(raw, writer, len(text))
    furniture: list[Block] = []
    for block in raw.furniture:
        norm = normalize(block.text).text.strip()
        if not norm:
            continue
        at = next((p.start for p in pages if p.number == block.page), 0)
        furniture.append(Block(id=0, kind=block.kind, page=block.page, start=at, end=at, bbox=block.bbox, text=norm))
    return Assembled(text=text, blocks=writer.blocks, tables=writer.tables, lines=writer.lines, pages=pages,
                     furniture=furniture)
