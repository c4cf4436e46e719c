"""Running headers, footers and page numbers: lines in the top/bottom band kept out of the body text."""

import re

from intake.backends.pdf_lines import TextLine
from intake.backends.pdf_params import FurnitureParams
from intake.raw import RawBlock, RawLine
from models import BlockKind

_N = "0-9０-９一二三四五六七八九十百零〇"
_DASH = "-—–－―~～·•"
_PAGE_NUMBER = re.compile(
    rf"(?:第[{_N}]+页(?:[,，/／]?共[{_N}]+页)?"
    rf"|共[{_N}]+页[,，/／]?第[{_N}]+页"
    rf"|[{_DASH}]*[0-9０-９]+[{_DASH}]*"
    r"|[0-9０-９]+[/／][0-9０-９]+"
    r"|(?i:page)[0-9]+(?:(?i:of)[0-9]+)?"
    rf"|[{_N}]+页)"
)
_DIGITS = re.compile(r"[0-9０-９]+")


def is_page_number(text: str) -> bool:
    """Return whether ``text`` is only a page number (第1页共5页, - 1 -, 1/5, — 3 —, 3)."""
    return _PAGE_NUMBER.fullmatch("".join(text.split())) is not None


def _key(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


def _band(line: TextLine, height: float, share: float) -> BlockKind | None:
    if line.bottom <= share * height:
        return BlockKind.HEADER
    if line.top >= (1 - share) * height:
        return BlockKind.FOOTER
    return None


def _repeated(group: list[tuple[int, TextLine]], params: FurnitureParams) -> set[int]:
    """Return ids of lines whose text recurs at the same height on enough pages."""
    out: set[int] = set()
    for _, line in group:
        pages = {n for n, other in group if abs(other.top - line.top) <= params.max_shift}
        if len(pages) >= params.min_repeat_pages:
            out.add(id(line))
    return out


def split_furniture(
    pages: dict[int, list[TextLine]], heights: dict[int, float], params: FurnitureParams
) -> tuple[dict[int, list[TextLine]], list[RawBlock]]:
    """Remove headers, footers and page numbers from each page's lines; return them as blocks.

    A line is furniture when it lies in the top or bottom band of its page and either is a page
    number, or repeats (digits masked) at the same height on ``min_repeat_pages`` pages.
    """
    candidates: list[tuple[int, TextLine, BlockKind]] = []
    groups: dict[tuple[BlockKind, str], list[tuple[int, TextLine]]] = {}
    for number, lines in pages.items():
        for line in lines:
            kind = _band(line, heights[number], params.band_share)
            if kind is not None and line.text.strip():
                candidates.append((number, line, kind))
                groups.setdefault((kind, _key(line.text)), []).append((number, line))
    repeated: set[int] = set()
    for group in groups.values():
        repeated |= _repeated(group, params)
    furniture: list[RawBlock] = []
    removed: set[int] = set()
    for number, line, kind in candidates:
        if id(line) in repeated or is_page_number(line.text):
            removed.add(id(line))
            furniture.append(_block(number, line, kind))
    kept = {n: [ln for ln in lines if id(ln) not in removed] for n, lines in pages.items()}
    return kept, furniture


def _block(page: int, line: TextLine, kind: BlockKind) -> RawBlock:
    text = line.text.strip()
    raw_line = RawLine(page=page, start=0, end=len(text), bbox=line.bbox)
    return RawBlock(kind=kind, page=page, text=text, lines=[raw_line], bbox=line.bbox)
