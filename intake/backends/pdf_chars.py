"""Characters of a PDF page from pdfium: text, loose box in top-left page coordinates, glyph checks."""

import ctypes
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_SKIPPED_GENERATED = frozenset("\r\n ")
_SPACE = re.compile(r"\s+")
# What pdfium reports for glyphs it could not map to Unicode: U+FFFD, NUL and control codes,
# private-use code points (the '(cid:NN)' of other tools).
_BAD = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003ffff]")
# Kangxi radicals and CJK radicals supplement: look-alikes that broken ToUnicode maps produce
# (⼈ for 人, ⽅ for 方).
_RADICAL = re.compile("[\u2f00-\u2fdf\u2e80-\u2eff]")


@dataclass(slots=True)
class Char:
    """One glyph: its text and box (x0, top, x1, bottom) in points, origin top-left."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


class PageFrame:
    """Maps pdfium's page space (origin bottom-left, unrotated) to top-left display coordinates."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.rotation = page.get_rotation() % 360
        box = pdfium_c.FS_RECTF()
        # The visible page (media box ∩ crop box, inherited from the page tree where needed).
        if pdfium_c.FPDF_GetPageBoundingBox(page.raw, ctypes.byref(box)):
            left, bottom, right, top = box.left, box.bottom, box.right, box.top
        else:
            w, h = page.get_size()  # as displayed, i.e. after rotation
            left, bottom, right, top = (0.0, 0.0, h, w) if self.rotation in (90, 270) else (0.0, 0.0, w, h)
        self.left, self.bottom, self.right, self.top = left, bottom, right, top
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Return the display position of page-space point (x, y)."""
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """Return ``(x0, top, x1, bottom)`` of a page-space rectangle."""
        if self.rotation == 0:
            return left - self.left, self.top - top, right - self.left, self.top - bottom
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _codes(tp: object, count: int) -> list[int]:
    """Unicode of every char index: one bulk call, or per char where UTF-16 does not line up."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(tp, 0, count, buffer)
    codes = list(buffer[:count])
    if written - 1 == count and not any(0xD800 <= c <= 0xDFFF for c in codes):
        return codes
    return [pdfium_c.FPDFText_GetUnicode(tp, i) for i in range(count)]


def read_chars(textpage: pdfium.PdfTextPage, frame: PageFrame) -> list[Char]:
    """Return the page's characters in content order, without pdfium's generated breaks and spaces."""
    tp = textpage.raw
    count = pdfium_c.FPDFText_CountChars(tp)
    if count <= 0:
        return []
    rect = pdfium_c.FS_RECTF()
    rect_p = ctypes.byref(rect)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    is_generated = pdfium_c.FPDFText_IsGenerated
    fast = frame.rotation == 0
    dx, dy = frame.left, frame.top
    chars: list[Char] = []
    for i, code in enumerate(_codes(tp, count)):
        text = chr(code)
        if text in _SKIPPED_GENERATED and (text != " " or is_generated(tp, i)):
            continue
        if not get_box(tp, i, rect_p):
            continue
        if fast:
            chars.append(Char(text, rect.left - dx, dy - rect.top, rect.right - dx, dy - rect.bottom))
        else:
            chars.append(Char(text, *frame.box(rect.left, rect.bottom, rect.right, rect.top)))
    return chars


def is_cjk(ch: str) -> bool:
    """Return whether ``ch`` is a CJK ideograph (unified, extension A, compatibility, or beyond BMP)."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003ffff"
    )


@dataclass
class GlyphStats:
    """Counts that tell whether a text layer is usable."""

    total: int = 0
    bad: int = 0
    letters: int = 0
    cjk: int = 0
    radicals: int = 0


def glyph_stats(chars: list[Char]) -> GlyphStats:
    """Count visible, unmapped, letter, CJK and radical characters."""
    text = "".join(c.text for c in chars)
    text = _SPACE.sub("", text)
    return GlyphStats(
        total=len(text),
        bad=len(_BAD.findall(text)),
        letters=sum(map(str.isalpha, text)),
        cjk=len(_CJK.findall(text)),
        radicals=len(_RADICAL.findall(text)),
    )
