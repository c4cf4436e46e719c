"""Turn a page image upright before OCR: small skew, quarter turns (phone photos, pages scanned
sideways) and half turns.

The skew is the angle that makes the rows of ink sharpest (projection profile of a small copy:
a coarse search over the whole range, then finer ones). The straightened page's text lines are
detected once: mostly taller than wide means the page lies on its side (it is turned and done
again); upright or upside down is decided by the angle classifier on a few of the longest lines,
and a page turned by 180° keeps its detected lines, carried through the turn.
"""

import math
from dataclasses import dataclass

import cv2
import numpy as np

from intake.ocr.config import ocr_config
from intake.ocr.engine import detect_boxes, upside_down_votes

Quad = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Turn:
    """What was done to the image: clockwise quarter turns, then a rotation by ``skew`` degrees."""

    quarters: int = 0
    skew: float = 0.0

    @property
    def degrees(self) -> int:
        """The quarter turns in degrees (90, 180, 270), for notices."""
        return 90 * self.quarters


def _long_edge(quad: Quad) -> tuple[float, float]:
    """Length and angle (degrees, -90..90, y down) of the longer side of a detected box."""
    edges = [(quad[i], quad[(i + 1) % len(quad)]) for i in range(len(quad))]
    (x0, y0), (x1, y1) = max(edges, key=lambda e: math.dist(e[0], e[1]))
    angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
    if angle > 90:
        angle -= 180
    elif angle <= -90:
        angle += 180
    return math.dist((x0, y0), (x1, y1)), angle


def _rotate_quarters(image: np.ndarray, quarters: int) -> np.ndarray:
    codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return image if quarters % 4 == 0 else cv2.rotate(image, codes[quarters % 4])


def _sharpest(ink: np.ndarray, estimate: float, span: float, step: float) -> float:
    best, best_score = estimate, -1.0
    for k in range(-round(span / step), round(span / step) + 1):
        angle = estimate + k * step
        rows = deskew(ink, angle).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def page_skew(image: np.ndarray) -> float:
    """The angle (degrees) that makes the rows of ink sharpest (projection profile): searched over
    ± max_skew in coarse steps, then around the best in finer and finer ones."""
    cfg = ocr_config()["orientation"]
    side = int(cfg["skew_side_px"])
    h, w = image.shape[:2]
    factor = min(1.0, side / max(h, w))
    small = cv2.resize(image, (max(int(w * factor), 1), max(int(h * factor), 1)), interpolation=cv2.INTER_AREA)
    gray = small.max(axis=2) if small.ndim == 3 else small
    ink = np.where(gray < int(cfg["skew_ink_level"]), 1.0, 0.0).astype(np.float32)
    angle, span = 0.0, float(cfg["max_skew_deg"])
    for step in cfg["skew_steps_deg"]:
        angle = _sharpest(ink, angle, span, float(step))
        span = float(step)
    return angle


def _crop(image: np.ndarray, quad: Quad) -> np.ndarray:
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    h, w = image.shape[:2]
    x0, x1 = max(int(min(xs)), 0), min(int(max(xs)) + 1, w)
    y0, y1 = max(int(min(ys)), 0), min(int(max(ys)) + 1, h)
    return image[y0:y1, x0:x1]


def _upside_down(image: np.ndarray, quads: list[Quad]) -> bool:
    count = int(ocr_config()["orientation"]["probe_lines"])
    flat = [q for q in quads if abs(_long_edge(q)[1]) < 45]
    longest = sorted(flat, key=lambda q: -_long_edge(q)[0])[:count]
    crops = [c for c in (_crop(image, q) for q in longest) if c.size]
    if not crops:
        return False
    return upside_down_votes(crops) * 2 > len(crops)


def deskew(image: np.ndarray, angle: float) -> np.ndarray:
    """Rotate ``image`` by ``angle`` degrees (counter-clockwise on screen) about its centre, white fill."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    fill = (255, 255, 255) if image.ndim == 3 else 0
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def _half_turned(quads: list[Quad], w: int, h: int) -> list[Quad]:
    """``quads`` of a page turned by 180°: points mirrored, corners restarted at the new top left
    (the recogniser cuts a line out from its first corner), reading order reversed."""
    turned = [tuple((w - x, h - y) for x, y in q) for q in quads]
    return [q[2:] + q[:2] if len(q) == 4 else q for q in turned][::-1]


def _straightened(image: np.ndarray) -> tuple[np.ndarray, float]:
    cfg = ocr_config()["orientation"]
    skew = page_skew(image)
    if float(cfg["min_skew_deg"]) <= abs(skew) < float(cfg["max_skew_deg"]):
        return deskew(image, skew), skew
    return image, 0.0


def make_upright(image: np.ndarray) -> tuple[np.ndarray, Turn, list[Quad]]:
    """Return the page turned upright and deskewed, the turn applied, and its text lines
    (quadrilaterals in the upright page's pixels, in reading order)."""
    cfg = ocr_config()["orientation"]
    quarters = 0
    upright, skew = _straightened(image)
    quads = detect_boxes(upright)
    tall = sum(1 for q in quads if abs(_long_edge(q)[1]) >= 45)
    if quads and tall >= cfg["tall_share"] * len(quads):
        quarters = 1
        upright, skew = _straightened(_rotate_quarters(image, 1))
        quads = detect_boxes(upright)
    if _upside_down(upright, quads):
        quarters += 2
        upright = _rotate_quarters(upright, 2)
        h, w = upright.shape[:2]
        quads = _half_turned(quads, w, h)
    return upright, Turn(quarters=quarters % 4, skew=skew), quads
