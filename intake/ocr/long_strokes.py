"""Pen strokes longer or more slanted than print, painted out of a signatory cell.

A signature is drawn in long, smooth strokes; print is made of short ones, mostly level or upright
and never longer than a character. The straight pieces of a cell's strokes are found with OpenCV's
line segment detector (LSD): a piece longer than ``long_glyphs`` character heights, or slanted
(between ``slant_deg`` and 90 − ``slant_deg`` degrees) and longer than ``slant_glyphs``, is painted
white ``width_glyphs`` wide. The print it crossed loses a little, which the recogniser forgives
more readily than the stroke.
"""

import math
from typing import Any

import cv2
import numpy as np


def _is_pen(x0: float, y0: float, x1: float, y1: float, glyph: int, cfg: dict[str, Any]) -> bool:
    length = math.hypot(x1 - x0, y1 - y0)
    angle = abs(math.degrees(math.atan2(y1 - y0, x1 - x0))) % 180
    angle = min(angle, 180 - angle)  # 0 level .. 90 upright
    slanted = cfg["slant_deg"] < angle < 90 - cfg["slant_deg"]
    return length > cfg["long_glyphs"] * glyph or (slanted and length > cfg["slant_glyphs"] * glyph)


def without_long_strokes(image: np.ndarray, glyph: int, cfg: dict[str, Any]) -> np.ndarray:
    """A copy of an RGB cell image with its pen-like straight strokes painted white."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    segments = cv2.createLineSegmentDetector().detect(gray)[0]
    out = image.copy()
    if segments is None:
        return out
    width = max(int(round(cfg["width_glyphs"] * glyph)), 1)
    white = (255, 255, 255) if image.ndim == 3 else 255
    for x0, y0, x1, y1 in segments.reshape(-1, 4):
        if _is_pen(float(x0), float(y0), float(x1), float(y1), glyph, cfg):
            cv2.line(out, (int(x0), int(y0)), (int(x1), int(y1)), white, width)
    return out
