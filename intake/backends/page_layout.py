"""Characters and ruling lines of a page → lines and tables; pages → blocks. Shared by the PDF
backend (characters from the text layer) and OCR (characters placed along recognised lines), so a
scan and a born-digital file of the same document go through the same layout rules.
"""

from dataclasses import dataclass, field

from intake.backends.pdf_chars import Char
from intake.backends.pdf_columns import build_lines, find_gutter, reading_order
from intake.backends.pdf_furniture import split_furniture
from intake.backends.pdf_lines import TextLine, group_rows, split_fragments
from intake.backends.pdf_objects import PageObjects
from intake.backends.pdf_paragraphs import Item, assign_margins, build_blocks, merge_continued_tables
from intake.backends.pdf_params import LayoutParams
from intake.backends.pdf_tables import PageTable, find_tables
from intake.raw import RawBlock, RawPage
from models import Mark, Notice


@dataclass
class PageResult:
    """One page as read: geometry and status, its body lines and tables, what to warn about."""

    page: RawPage
    lines: list[TextLine] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    gutter: float | None = None
    notices: list[Notice] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    load_failed: bool = False


def layout_chars(result: PageResult, chars: list[Char], objects: PageObjects, p: LayoutParams) -> None:
    """Fill ``result`` with the lines and tables of ``chars`` (top-left points) on its page."""
    number = result.page.number
    width, height = result.page.width or 0.0, result.page.height or 0.0
    result.tables, free = find_tables(objects, chars, number, p.tables, p.chars)
    rows = [split_fragments(row, p.chars) for row in group_rows(free, p.chars) if row]
    frags = [f for row in rows for f in row]
    result.gutter = find_gutter(frags, width, height, p.columns, p.furniture.band_share)
    result.lines = build_lines(rows, number, result.gutter, p.chars)
    if result.gutter is not None:
        result.notices.append(Notice.make("pdf_layout_two_columns", page=number))


def assemble_pages(
    results: list[PageResult], p: LayoutParams
) -> tuple[list[RawBlock], list[RawBlock], list[Notice]]:
    """Blocks, furniture (headers, footers, page numbers) and notices of all pages, in reading order."""
    pages = {r.page.number: r.lines for r in results}
    heights = {r.page.number: r.page.height or 0.0 for r in results}
    widths = {r.page.number: r.page.width or 0.0 for r in results}
    kept, furniture = split_furniture(pages, heights, p.furniture)
    assign_margins(kept, widths, p.paragraphs)
    stream: list[Item] = []
    for r in results:
        stream.extend(reading_order([*kept[r.page.number], *r.tables], r.gutter))
    blocks = build_blocks(merge_continued_tables(stream, p.tables), p.paragraphs)
    notices = [n for r in results for n in r.notices]
    return blocks, furniture, notices
