"""OCR lines → the characters and ruling lines the PDF layout works on.

A recognised line becomes characters placed along its box (CJK one em wide, Latin letters and
digits narrower), in PDF points with the origin top-left; table rules are found in the image with
a morphological opening. ``intake.backends.page_layout`` then builds lines, paragraphs and tables
exactly as for a born-digital page.
"""

from dataclasses import dataclass

import cv2
import numpy as np

from intake.backends.pdf_chars import Char
from intake.backends.pdf_objects import PageObjects, Rule
from intake.ocr.config import ocr_config
from intake.ocr.engine import OcrBox
from intake.ocr.punct import is_chinese, restore_punct

_NARROW_EM = 0.55  # width of a Latin letter, digit or ASCII mark against a CJK character


@dataclass(frozen=True)
class PlacedLine:
    """A recognised line in page points: text (punctuation restored), box and score."""

    text: str
    bbox: tuple[float, float, float, float]
    score: float


def _weight(ch: str) -> float:
    return 1.0 if is_chinese(ch) or ord(ch) > 0x2E80 else _NARROW_EM


def place_lines(boxes: list[OcrBox], points_per_px: float) -> list[PlacedLine]:
    """Recognised lines in points, punctuation restored."""
    out = []
    for box in boxes:
        text = restore_punct(box.text.strip())
        if not text:
            continue
        x0, top, x1, bottom = (v * points_per_px for v in box.rect)
        out.append(PlacedLine(text=text, bbox=(x0, top, x1, bottom), score=box.score))
    return out


def line_chars(line: PlacedLine) -> list[Char]:
    """Characters spread along the line's box; their height is the glyph size, not the box's.

    A detected box is padded around the glyphs; the em is estimated from the advance of the
    characters (for CJK text the advance is the font size) and capped by the box height.
    """
    x0, top, x1, bottom = line.bbox
    text = line.text
    weights = [_weight(ch) for ch in text]
    total = sum(weights) or 1.0
    advance = (x1 - x0) / total
    em = min(advance, (bottom - top) * 0.9)
    middle = (top + bottom) / 2
    chars: list[Char] = []
    x = x0
    for ch, w in zip(text, weights, strict=True):
        step = w * advance
        if not ch.isspace():
            chars.append(Char(text=ch, x0=x, top=middle - em / 2, x1=x + step, bottom=middle + em / 2))
        x += step
    return chars


def _runs(mask: np.ndarray, kernel: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    contours, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    rects: list[tuple[int, int, int, int]] = []
    for c in contours:
        x, y, w, h = cv2.boundingRect(c)
        rects.append((int(x), int(y), int(w), int(h)))
    return rects


def ink_mask(image: np.ndarray) -> np.ndarray:
    """Dark pixels (255) of an RGB image: judged on the brightest channel, so red seals are not ink."""
    level = int(ocr_config()["tables"]["ink_level"])
    brightest = image.max(axis=2) if image.ndim == 3 else image
    return np.where(brightest < level, 255, 0).astype(np.uint8)


def find_rules(image: np.ndarray, points_per_px: float) -> PageObjects:
    """Horizontal and vertical ruling lines of the page image, in points."""
    cfg = ocr_config()["tables"]
    mask = ink_mask(image)
    h, w = mask.shape
    thick = float(cfg["max_thickness_pt"]) / points_per_px
    objects = PageObjects()
    for x, y, rw, rh in _runs(mask, (max(int(w * cfg["min_rule_share"]), 8), 1)):
        if rh <= thick:
            pos = (y + rh / 2) * points_per_px
            objects.horizontal.append(Rule(pos=pos, start=x * points_per_px, end=(x + rw) * points_per_px))
    for x, y, rw, rh in _runs(mask, (1, max(int(h * cfg["min_rule_share"]), 8))):
        if rw <= thick:
            pos = (x + rw / 2) * points_per_px
            objects.vertical.append(Rule(pos=pos, start=y * points_per_px, end=(y + rh) * points_per_px))
    return objects
