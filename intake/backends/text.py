"""Plain text: one paragraph per line, form feeds as page breaks, tables as in ``text_tables``."""

from intake.backends.text_tables import Rows, aligned_table, bar_table, pipe_table
from intake.decode import decode_text
from intake.raw import RawBlock, RawCell, RawDocument, RawPage, RawTable
from intake.settings import IntakeSettings
from models import BlockKind, Format, Notice

_FINDERS = (pipe_table, bar_table, aligned_table)


def _table_block(grid: Rows, page: int) -> RawBlock:
    n_cols = max(len(r) for r in grid)
    cells = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            # a short row's last cell spans the rest (forms mix 4-cell and 2-cell rows)
            span = n_cols - c if c == len(row) - 1 else 1
            cells.append(RawCell(row=r, col=c, text=text, page=page, colspan=span))
    return RawBlock(kind=BlockKind.TABLE, page=page, table=RawTable(n_rows=len(grid), n_cols=n_cols, cells=cells))


def _page_blocks(lines: list[str], page: int) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    i = 0
    while i < len(lines):
        found = next((t for t in (finder(lines, i) for finder in _FINDERS) if t is not None), None)
        if found is not None:
            rows, i = found
            blocks.append(_table_block(rows, page))
            continue
        if lines[i].strip():
            blocks.append(RawBlock(kind=BlockKind.PARAGRAPH, page=page, text=lines[i]))
        i += 1
    return blocks


def _blocks(text: str) -> tuple[list[RawBlock], int]:
    blocks: list[RawBlock] = []
    pages = text.split("\f")
    for index, page_text in enumerate(pages):
        blocks.extend(_page_blocks(page_text.splitlines(), index + 1))
    return blocks, len(pages)


class TextBackend:
    """Reads plain text in any of the encodings Chinese offices produce."""

    name = "text-1"
    formats = (Format.TEXT,)

    def read(self, data: bytes, name: str, settings: IntakeSettings) -> RawDocument:
        """Decode and split ``data`` into paragraph and table blocks."""
        text, encoding = decode_text(data, name)
        blocks, pages = _blocks(text)
        warnings = [] if encoding in ("utf-8", "utf-8-sig") else [Notice.make("text_encoding", encoding=encoding)]
        return RawDocument(
            format=Format.TEXT,
            parser=self.name,
            pages=[RawPage(number=n) for n in range(1, pages + 1)],
            blocks=blocks,
            warnings=warnings,
            metadata={"encoding": encoding},
        )
