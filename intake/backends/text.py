"""Plain text: one paragraph per line, form feeds as page breaks, ``| a | b |`` lines as tables."""

import re

from intake.decode import decode_text
from intake.raw import RawBlock, RawCell, RawDocument, RawPage, RawTable
from intake.settings import IntakeSettings
from models import BlockKind, Format, Notice

_TABLE_ROW_RE = re.compile(r"^\s*\|(.*)\|\s*$")
_RULE_ROW_RE = re.compile(r"^\s*\|?[\s:|\-+]+\|?\s*$")


def _table_block(rows: list[str], page: int) -> RawBlock:
    grid = [[cell.strip() for cell in row.split("|")] for row in rows]
    n_cols = max(len(r) for r in grid)
    cells = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            # a short row's last cell spans the rest (forms mix 4-cell and 2-cell rows)
            span = n_cols - c if c == len(row) - 1 else 1
            cells.append(RawCell(row=r, col=c, text=text, page=page, colspan=span))
    return RawBlock(kind=BlockKind.TABLE, page=page, table=RawTable(n_rows=len(grid), n_cols=n_cols, cells=cells))


def _blocks(text: str) -> tuple[list[RawBlock], int]:
    blocks: list[RawBlock] = []
    page = 1
    table_rows: list[str] = []
    for page_index, page_text in enumerate(text.split("\f")):
        page = page_index + 1
        for line in page_text.splitlines():
            row = _TABLE_ROW_RE.match(line)
            if row:
                if not _RULE_ROW_RE.match(line):
                    table_rows.append(row.group(1))
                continue
            if table_rows:
                blocks.append(_table_block(table_rows, page))
                table_rows = []
            if line.strip():
                blocks.append(RawBlock(kind=BlockKind.PARAGRAPH, page=page, text=line))
        if table_rows:
            blocks.append(_table_block(table_rows, page))
            table_rows = []
    return blocks, page


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
