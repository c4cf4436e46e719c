"""Characters to rows, fragments and visual lines: geometry only, never content-stream order.

A *row* is every character at one height of the page; a *fragment* is a run of a row without a
wide gap; a *line* is the fragments of one row that belong to the same column.
"""

import re
from dataclasses import dataclass

from intake.backends.pdf_chars import Char, is_cjk
from intake.backends.pdf_params import CharParams

# Characters that are "Latin-like" for spacing: a gap between two of them is a word space.
_LATIN_EXTRA = frozenset("%&+-./:=@_#$'\"(),;!?<>")
_STRIP = " \t\u3000\u00a0"
_NUM = "一二三四五六七八九十百千零〇两0-9０-９"
# Starts of structural units: 第X条/章/节, 一、, （一）, (1), 1. 1、 1． 1）, ①, ⑴, bullets, 【, 附件.
_MARKER = re.compile(
    rf"第[{_NUM}]+(?:条|條|章|节|節|编|編|部分|款)"
    r"|[一二三四五六七八九十百]+、"
    rf"|[（(][{_NUM}]+[）)]"
    r"|[0-9０-９]+(?:[.．、](?![0-9０-９])|[)）])"
    r"|[\u2460-\u249b\u3251-\u325f]"
    r"|[●○■□◆◇•▪►]"
    r"|【|附件|附表|附录"
)
_REFERENCE = re.compile(rf"第[{_NUM}]+(?:条|條|章|节|節|编|編|部分|款)(?=[^\s\u3000【〔：:、，,.．])")


@dataclass(slots=True)
class Fragment:
    """A run of characters of one row with no wide gap."""

    chars: list[Char]
    x0: float
    top: float
    x1: float
    bottom: float
    em: float


@dataclass(slots=True)
class TextLine:
    """A visual line of body text on one page, in top-left coordinates.

    ``em`` is the font size estimate; ``starts`` the x of each further fragment (a value after a
    wide gap, where a hanging continuation may align); ``column`` is 0 (single or spanning), 1
    (left) or 2 (right); ``left``/``right`` are the text margins of that column, set later.
    """

    page: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    em: float
    starts: tuple[float, ...] = ()
    column: int = 0
    left: float = 0.0
    right: float = 0.0

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """Return ``(x0, top, x1, bottom)``."""
        return (self.x0, self.top, self.x1, self.bottom)


def row_em(chars: list[Char]) -> float:
    """Font size estimate: median box height of the CJK characters (Latin fonts have other boxes)."""
    heights = sorted([c.bottom - c.top for c in chars if is_cjk(c.text)])
    if not heights:
        heights = sorted([c.bottom - c.top for c in chars if not c.text.isspace()])
    if not heights:
        return 1.0
    return max(heights[len(heights) // 2], 1.0)


def _is_duplicate(a: Char, b: Char, min_iou: float) -> bool:
    """Return whether ``b`` redraws glyph ``a`` with a small offset ('fake bold')."""
    if a.text != b.text:
        return False
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w <= 0 or h <= 0:
        return False
    inter = w * h
    union = (a.x1 - a.x0) * (a.bottom - a.top) + (b.x1 - b.x0) * (b.bottom - b.top) - inter
    return union > 0 and inter >= min_iou * union


def _dedupe(row: list[Char], min_iou: float) -> list[Char]:
    kept: list[Char] = []
    for c in row:
        if kept and _is_duplicate(kept[-1], c, min_iou):
            continue
        kept.append(c)
    return kept


def group_rows(chars: list[Char], params: CharParams) -> list[list[Char]]:
    """Group characters into rows (top to bottom), each sorted left to right, fake bold removed.

    A character joins the current row when it overlaps the row's first character vertically by
    ``same_row_min_overlap`` of the smaller height (characters come sorted by vertical centre).
    """
    share = params.same_row_min_overlap
    rows: list[list[Char]] = []
    current: list[Char] = []
    ref_top = ref_bottom = ref_h = 0.0
    for c in sorted(chars, key=lambda c: c.top + c.bottom):
        if current:
            h = c.bottom - c.top
            overlap = min(c.bottom, ref_bottom) - max(c.top, ref_top)
            if h > 0 and ref_h > 0:
                same = overlap >= share * min(h, ref_h)
            else:
                same = ref_top <= (c.top + c.bottom) / 2 <= ref_bottom
            if same:
                current.append(c)
                continue
            rows.append(current)
        current = [c]
        ref_top, ref_bottom, ref_h = c.top, c.bottom, c.bottom - c.top
    if current:
        rows.append(current)
    for row in rows:
        row.sort(key=lambda c: c.x0)
    return [_dedupe(row, params.fake_bold_min_overlap) for row in rows]


def _trim(chars: list[Char]) -> list[Char]:
    start, end = 0, len(chars)
    while start < end and chars[start].text in _STRIP:
        start += 1
    while end > start and chars[end - 1].text in _STRIP:
        end -= 1
    return chars[start:end]


def _fragment(chars: list[Char], em: float) -> Fragment | None:
    chars = _trim(chars)
    if not chars:
        return None
    top = min([c.top for c in chars])
    bottom = max([c.bottom for c in chars])
    return Fragment(chars, chars[0].x0, top, max([c.x1 for c in chars]), bottom, em)


def split_fragments(row: list[Char], params: CharParams) -> list[Fragment]:
    """Split a row at gaps wider than ``fragment_gap_em``."""
    em = row_em(row)
    limit = params.fragment_gap_em * em
    pieces: list[list[Char]] = [[row[0]]]
    for prev, c in zip(row, row[1:], strict=False):
        if c.x0 - prev.x1 > limit:
            pieces.append([c])
        else:
            pieces[-1].append(c)
    frags = [_fragment(p, em) for p in pieces]
    return [f for f in frags if f is not None]


def is_latin(ch: str) -> bool:
    """Return whether ``ch`` takes word spaces (ASCII letters, digits, Latin punctuation)."""
    return ch.isascii() and (ch.isalnum() or ch in _LATIN_EXTRA)


def chars_text(chars: list[Char], em: float, params: CharParams) -> str:
    """Join characters left to right, turning wide gaps and real spaces into one space."""
    parts: list[str] = []
    prev: Char | None = None
    for c in chars:
        if c.text == " ":
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        if prev is not None and parts and parts[-1] != " ":
            both_latin = is_latin(prev.text) and is_latin(c.text)
            gap = (params.latin_space_gap_em if both_latin else params.space_gap_em) * em
            if c.x0 - prev.x1 > gap and c.text not in _STRIP and prev.text not in _STRIP:
                parts.append(" ")
        parts.append(c.text)
        prev = c
    return "".join(parts).strip(_STRIP)


def make_line(frags: list[Fragment], page: int, params: CharParams) -> TextLine:
    """Build one visual line from fragments of a row (left to right)."""
    chars: list[Char] = []
    for f in frags:
        if chars:
            chars.append(Char(" ", chars[-1].x1, f.top, f.x0, f.bottom))
        chars.extend(f.chars)
    em = frags[0].em
    return TextLine(
        page=page,
        text=chars_text(chars, em, params),
        x0=frags[0].x0,
        top=min(f.top for f in frags),
        x1=max(f.x1 for f in frags),
        bottom=max(f.bottom for f in frags),
        em=em,
        starts=tuple(f.x0 for f in frags[1:]),
    )


def starts_with_marker(text: str) -> bool:
    """Return whether ``text`` opens with a structural marker (article, chapter, list item, annex)."""
    return _MARKER.match(text) is not None


def starts_with_reference(text: str) -> bool:
    """Return whether ``text`` opens with 第X条/部分… run on into text (本协议第十二条规定…).

    A heading puts a space, 【 or punctuation after the number; a wrapped line of a sentence
    that cites an article does not.
    """
    return _REFERENCE.match(text) is not None


def join_wrapped(left: str, right: str) -> str:
    """Return the separator between two wrapped lines: none for CJK, a space between Latin words."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if is_cjk(a) or is_cjk(b):
        return ""
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return " "
    if a in ",;:.!?)" and b.isascii() and b.isalnum():
        return " "
    return ""
