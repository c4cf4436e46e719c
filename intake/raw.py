"""What a format backend hands to the assembler: text as extracted, before normalization.

Backends know their format; the assembler (``intake.assemble``) knows offsets, normalization and
structure. Offsets in this module are into the block's own raw ``text``.
"""

from dataclasses import dataclass, field

from models import BBox, BlockKind, Format, Mark, Notice, PageStatus


@dataclass
class RawLine:
    """A visual line: ``text[start:end]`` of its block sits at ``bbox`` on ``page``."""

    page: int
    start: int
    end: int
    bbox: BBox


@dataclass
class RawCell:
    """A table cell at grid position (row, col), merged over rowspan x colspan."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    page: int = 1
    bbox: BBox | None = None
    lines: list[RawLine] = field(default_factory=list)


@dataclass
class RawTable:
    """A table as a grid of cells; each merged cell is listed once."""

    n_rows: int
    n_cols: int
    cells: list[RawCell]


@dataclass
class RawBlock:
    """A paragraph, table, header or footer as the backend read it.

    ``kind`` is a hint from the format (a Word heading style, a table, a page header); the
    structure pass decides articles, list items, titles and signature blocks from the text.
    ``text`` may hold ``\\n`` for hard line breaks inside one paragraph.
    """

    kind: BlockKind
    page: int
    text: str = ""
    lines: list[RawLine] = field(default_factory=list)
    bbox: BBox | None = None
    table: RawTable | None = None
    heading_level: int | None = None
    style: str | None = None


@dataclass
class RawPage:
    """Page geometry and how well its text could be read."""

    number: int
    width: float | None = None
    height: float | None = None
    status: PageStatus = PageStatus.OK
    reason: str | None = None
    ocr: bool = False


@dataclass
class RawDocument:
    """Everything a backend extracted from one file."""

    format: Format
    parser: str
    pages: list[RawPage]
    blocks: list[RawBlock]
    furniture: list[RawBlock] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    metadata: dict[str, object] = field(default_factory=dict)
