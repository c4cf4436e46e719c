"""Seal impressions and handwriting-like ink on a scanned page.

A seal is a roughly round or oval blob of saturated red (HSV mask, closed, contours); on a page
where no red seal is found (gray scans, faded or photocopied seals) it is a ring of mid-gray ink
(``gray_seals``). Handwriting is dark ink that OCR did not read as text: strokes left after the
recognised text boxes and the table rules are removed. Both are reported as ``Mark``s in page points; the signature extractor
relates them to the signature slots.
"""

import cv2
import numpy as np

from intake.ocr.config import ocr_config
from intake.ocr.gray_seals import find_gray_seals, same_seal
from intake.ocr.layout import ink_mask
from models import Mark, MarkKind

Box = tuple[float, float, float, float]


def red_mask(image: np.ndarray) -> np.ndarray:
    """Pixels of seal red (255) in an RGB image."""
    cfg = ocr_config()["marks"]
    hsv = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = (hue <= cfg["red_hue"]) | (hue >= 180 - cfg["red_hue"])
    keep = red & (sat >= cfg["red_min_saturation"]) & (val >= cfg["red_min_value"])
    return np.where(keep, 255, 0).astype(np.uint8)


def find_seals(image: np.ndarray, number: int, points_per_px: float) -> list[Mark]:
    """Round or oval red impressions."""
    cfg = ocr_config()["marks"]
    mask = red_mask(image)
    if not mask.any():
        return []
    size = max(int(cfg["seal_min_pt"] / points_per_px / 4), 3)
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    marks: list[Mark] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        w_pt, h_pt = w * points_per_px, h * points_per_px
        if min(w_pt, h_pt) < cfg["seal_min_pt"]:
            continue
        if max(w_pt, h_pt) > cfg["seal_max_pt"] or max(w, h) > cfg["seal_max_aspect"] * min(w, h):
            marks.extend(_circles(mask, (x, y, w, h), number, points_per_px))  # overlapping seals
            continue
        fill = float((mask[y : y + h, x : x + w] > 0).mean())
        if fill < cfg["seal_min_fill"]:
            continue
        (_, _), (ew, eh), _ = cv2.fitEllipse(contour) if len(contour) >= 5 else ((0, 0), (w, h), 0)
        area = cv2.contourArea(contour)
        roundness = min(area / max(np.pi * ew * eh / 4, 1.0), 1.0)
        score = round(float(min(1.0, 0.5 + 0.5 * roundness)), 3)
        bbox = (x * points_per_px, y * points_per_px, (x + w) * points_per_px, (y + h) * points_per_px)
        marks.append(Mark(kind=MarkKind.SEAL, page=number, bbox=bbox, score=score))
    return marks


def _ring_support(mask: np.ndarray, cx: float, cy: float, r: float) -> float:
    """Share of points on the circle that are red (a seal's outer ring is drawn all round)."""
    angles = np.linspace(0, 2 * np.pi, 72, endpoint=False)
    xs = np.clip((cx + r * np.cos(angles)).astype(int), 0, mask.shape[1] - 1)
    ys = np.clip((cy + r * np.sin(angles)).astype(int), 0, mask.shape[0] - 1)
    return float((mask[ys, xs] > 0).mean())


def _circles(mask: np.ndarray, rect: tuple[int, int, int, int], number: int, points_per_px: float) -> list[Mark]:
    """Round seals inside a red area where several impressions overlap (Hough circles)."""
    cfg = ocr_config()["marks"]
    x, y, w, h = rect
    region = cv2.GaussianBlur(mask[y : y + h, x : x + w], (5, 5), 0)
    low = int(cfg["seal_min_pt"] / points_per_px / 2)
    high = int(cfg["seal_max_pt"] / points_per_px / 2)
    found = cv2.HoughCircles(region, cv2.HOUGH_GRADIENT, dp=1.5, minDist=low * 2, param1=100, param2=40,
                             minRadius=low, maxRadius=high)
    if found is None:
        return []
    ring = cv2.dilate(mask[y : y + h, x : x + w], np.ones((5, 5), np.uint8))
    kept: list[tuple[float, float, float]] = []
    for cx, cy, r in found[0]:
        if any(same_seal((float(cx), float(cy), float(r)), other) for other in kept):
            continue
        if _ring_support(ring, float(cx), float(cy), float(r)) >= cfg["seal_min_ring"]:
            kept.append((float(cx), float(cy), float(r)))
    marks = []
    for cx, cy, r in kept:
        x0, y0 = max(x + cx - r, 0), max(y + cy - r, 0)
        bbox = (x0 * points_per_px, y0 * points_per_px, (x + cx + r) * points_per_px, (y + cy + r) * points_per_px)
        marks.append(Mark(kind=MarkKind.SEAL, page=number, bbox=bbox, score=0.7))
    return marks


def find_ink(image: np.ndarray, number: int, points_per_px: float, text_boxes: list[Box]) -> list[Mark]:
    """Dark strokes outside recognised text and table rules: signatures and scribbles."""
    cfg = ocr_config()["marks"]
    mask = ink_mask(image)
    margin = cfg["text_margin_pt"] / points_per_px
    for x0, top, x1, bottom in text_boxes:
        a, b = int(x0 / points_per_px - margin), int(top / points_per_px - margin)
        c, d = int(x1 / points_per_px + margin) + 1, int(bottom / points_per_px + margin) + 1
        mask[max(b, 0) : d, max(a, 0) : c] = 0
    h, w = mask.shape
    for kernel in ((max(w // 25, 8), 1), (1, max(h // 25, 8))):  # table rules and frames
        rules = cv2.morphologyEx(mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        mask[rules > 0] = 0
    joined = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 5)))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    marks: list[Mark] = []
    for contour in contours:
        x, y, bw, bh = cv2.boundingRect(contour)
        if bw * points_per_px < cfg["ink_min_width_pt"]:
            continue
        if not cfg["ink_min_height_pt"] <= bh * points_per_px <= cfg["ink_max_height_pt"]:
            continue
        fill = float((mask[y : y + bh, x : x + bw] > 0).mean())
        if fill > cfg["ink_max_fill"] or fill == 0.0:
            continue
        score = round(float(min(1.0, bw * points_per_px / 60.0)), 3)
        bbox = (x * points_per_px, y * points_per_px, (x + bw) * points_per_px, (y + bh) * points_per_px)
        marks.append(Mark(kind=MarkKind.INK, page=number, bbox=bbox, score=score))
    return marks


def find_marks(image: np.ndarray, number: int, points_per_px: float, text_boxes: list[Box]) -> list[Mark]:
    """Seal impressions and handwriting-like ink on the page: red seals, else seal rings in gray."""
    seals = find_seals(image, number, points_per_px) or find_gray_seals(image, number, points_per_px)
    return seals + find_ink(image, number, points_per_px, text_boxes)
