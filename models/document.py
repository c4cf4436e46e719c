"""The normalized document every layer shares.

One string, ``Document.text``, holds the normalized text of the whole document. Everything else
(pages, blocks, tables, outline nodes, lines, evidence spans) points into it with ``[start, end)``
character offsets. Geometry is in PDF points with the origin at the top-left of the page
(``x0, top, x1, bottom``), for formats that have a page geometry.
"""

from bisect import bisect_right
from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from models.errors import Notice
from models.formats import Format
from models.span import Span

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in PDF points, origin at the top-left corner of the page."""


class BlockKind(StrEnum):
    """What a block is, structurally."""

    TITLE = "title"
    HEADING = "heading"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    TABLE_CELL = "table_cell"
    SIGNATURE_BLOCK = "signature_block"
    HEADER = "header"
    FOOTER = "footer"


class PageStatus(StrEnum):
    """How well a page's text could be read."""

    OK = "ok"
    EMPTY = "empty"
    NEEDS_OCR = "needs_ocr"
    FAILED = "failed"


class Page(BaseModel):
    """One page (1-based ``number``) and the range of ``Document.text`` it holds."""

    number: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    width: float | None = Field(default=None, description="points; None where the format has no pages")
    height: float | None = None
    status: PageStatus = PageStatus.OK
    reason: str | None = Field(default=None, description="why the status is not ok")
    ocr: bool = Field(default=False, description="text of this page was read by OCR")


class Line(BaseModel):
    """A visual line of a page: where a stretch of text sits on the original."""

    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    bbox: BBox


class MarkKind(StrEnum):
    """What a non-text mark on a scanned page looks like."""

    SEAL = "seal"
    INK = "ink"


class Mark(BaseModel):
    """A seal impression or handwriting-like ink found on a scanned page (not text)."""

    kind: MarkKind
    page: int = Field(ge=1)
    bbox: BBox
    score: float = Field(ge=0.0, le=1.0, description="how sure the detector is (0..1)")


class Block(BaseModel):
    """A structural unit: paragraph, heading, article head, list item, table, cell, header, footer."""

    id: int = Field(ge=0)
    kind: BlockKind
    page: int = Field(ge=1, description="page the block starts on")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    bbox: BBox | None = Field(default=None, description="on the start page, where the format has geometry")
    outline_path: list[str] = Field(default_factory=list, description="e.g. ['第三章', '第十二条']")
    level: int | None = Field(default=None, description="heading level, 1 = chapter")
    text: str | None = Field(
        default=None, description="only for headers and footers, which are kept out of the flowing text"
    )
    table_id: int | None = None
    row: int | None = None
    col: int | None = None
    rowspan: int = 1
    colspan: int = 1


class TableCell(BaseModel):
    """A cell of a table. A merged cell appears once, at its top-left grid position."""

    row: int = Field(ge=0)
    col: int = Field(ge=0)
    rowspan: int = Field(default=1, ge=1)
    colspan: int = Field(default=1, ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int = Field(ge=1)
    bbox: BBox | None = None


class Table(BaseModel):
    """A table, written into ``Document.text`` one row per line as ``| cell | cell |``."""

    id: int = Field(ge=0)
    page: int = Field(ge=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    n_rows: int = Field(ge=0)
    n_cols: int = Field(ge=0)
    bbox: BBox | None = None
    cells: list[TableCell] = Field(default_factory=list)

    def row_texts(self, text: str) -> list[list[str]]:
        """Return each row's cell texts, a merged cell only where it starts."""
        rows: list[list[str]] = [[] for _ in range(self.n_rows)]
        for cell in sorted(self.cells, key=lambda c: (c.row, c.col)):
            rows[cell.row].append(text[cell.start : cell.end])
        return rows

    def grid(self, text: str) -> list[list[str]]:
        """Return the cell texts as rows x columns (merged cells repeated over their span)."""
        rows = [["" for _ in range(self.n_cols)] for _ in range(self.n_rows)]
        for cell in self.cells:
            value = text[cell.start : cell.end]
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    rows[r][c] = value
        return rows


class OutlineNode(BaseModel):
    """A node of the outline tree: chapter, section, article, item, annex, preamble, signature part."""

    kind: str = Field(description="title | preamble | chapter | section | article | item | annex | signature")
    label: str = Field(description="the number as written, e.g. 第十二条, （三）, 附件1")
    number: int | None = Field(default=None, description="the number as an integer, where it has one")
    title: str | None = None
    page: int = Field(ge=1)
    start: int = Field(ge=0, description="start of the heading line")
    end: int = Field(ge=0, description="end of the node's whole content, children included")
    block_id: int | None = None
    children: list["OutlineNode"] = Field(default_factory=list)

    def walk(self) -> "list[OutlineNode]":
        """Return this node and all descendants in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


class Document(BaseModel):
    """A parsed, normalized document."""

    model_config = ConfigDict(ignored_types=(cached_property,))

    schema_version: str = "1"
    file_name: str
    sha256: str
    size_bytes: int = Field(ge=0)
    format: Format
    parser: str = Field(description="backend that read the file, with its version")
    page_count: int = Field(ge=0)
    text: str = Field(description="normalized full text; every offset points into it")
    pages: list[Page] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    outline: list[OutlineNode] = Field(default_factory=list)
    lines: list[Line] = Field(default_factory=list)
    marks: list[Mark] = Field(default_factory=list, description="seals and handwriting on scanned pages")
    warnings: list[Notice] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)

    def span(self, start: int, end: int) -> Span:
        """Return the evidence span for ``text[start:end]``."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside text of length {len(self.text)}")
        return Span(page=self.page_at(start), start=start, end=end, quote=self.text[start:end])

    @cached_property
    def _page_starts(self) -> list[int]:
        return [p.start for p in self.pages]

    def page_at(self, offset: int) -> int:
        """Return the 1-based page that holds character ``offset``."""
        if not self.pages:
            return 1
        i = bisect_right(self._page_starts, offset) - 1
        return self.pages[max(i, 0)].number

    @cached_property
    def match_text(self) -> str:
        """Simplified-Chinese form of ``text``, same length and offsets, for matching only."""
        from models.chinese import to_simplified

        return to_simplified(self.text)

    def boxes_for(self, start: int, end: int) -> list[tuple[int, BBox]]:
        """Return ``(page, bbox)`` rectangles covering ``text[start:end]`` on the original pages.

        Within a line, the x-range is interpolated by character position (exact for the
        fixed-width CJK text these documents are set in, close for mixed text).
        """
        boxes: list[tuple[int, BBox]] = []
        for line in self.lines:
            if line.end <= start or line.start >= end or line.end <= line.start:
                continue
            x0, top, x1, bottom = line.bbox
            width = (x1 - x0) / (line.end - line.start)
            a = max(start, line.start) - line.start
            b = min(end, line.end) - line.start
            boxes.append((line.page, (x0 + a * width, top, x0 + b * width, bottom)))
        return boxes

    def blocks_in(self, start: int, end: int) -> list[Block]:
        """Return the blocks overlapping ``[start, end)``."""
        return [b for b in self.blocks if b.start < end and b.end > start]
