"""Seal impressions on pages without colour: rings of mid-gray ink (the red seal of a gray scan).

A red seal scanned in gray is a ring of ink lighter than printed text and darker than paper, with
a star and a rim of characters inside, often stamped over text and table rules. Gray alone does not
tell it from print (blurred text is as gray), so the seal is found by its shape: circle centres
come from a Hough transform of the page at a reduced scale, and each is then verified on the
full-resolution page by the ring itself — at (nearly) every point of the circle the page has a
thin dark line across the radius with lighter page on both sides within a few points, and that
holds on one radius much more than on the radii around it (print gives the same support on every
radius). Sizes are in points, so the settings hold at any render scale; all are in
``ocr.yaml`` (``marks: gray_*``).
"""

import cv2
import numpy as np

from intake.ocr.config import ocr_config
from models import Mark, MarkKind

Circle = tuple[int, int, int]  # centre x, centre y, radius (pixels)


class RingTest:
    """The ring test at one page resolution: pixel sizes from the configured point sizes."""

    def __init__(self, gray: np.ndarray, px_per_pt: float) -> None:
        cfg = ocr_config()["marks"]
        self.tol = max(round(cfg["gray_ring_tolerance_pt"] * px_per_pt), 1)
        self.gap = (max(round(cfg["gray_gap_pt"][0] * px_per_pt), self.tol + 1),
                    max(round(cfg["gray_gap_pt"][1] * px_per_pt), self.tol + 2))
        self.off = (max(round(cfg["gray_off_radius_pt"][0] * px_per_pt), 1),
                    max(round(cfg["gray_off_radius_pt"][1] * px_per_pt), 2))
        self.contrast = int(cfg["gray_contrast"])
        self.rmin = max(round(cfg["gray_min_radius_pt"] * px_per_pt), 2)
        self.rmax = max(round(cfg["gray_max_radius_pt"] * px_per_pt), self.rmin + 1)
        # every radius a test can look at, as offsets into the page padded by the largest of them
        self.pad = self.gap[1] + self.tol
        self.first = self.rmin - self.off[1] - self.pad
        last = self.rmax + self.off[1] + self.pad
        border = last + 1
        self.page = cv2.copyMakeBorder(gray, border, border, border, border, cv2.BORDER_REPLICATE)
        self.border, self.width = border, self.page.shape[1]
        angles = np.linspace(0, 2 * np.pi, int(cfg["gray_ring_samples"]), endpoint=False)
        radii = np.arange(self.first, last + 1, dtype=np.float64)[:, None]
        dx, dy = np.rint(radii * np.cos(angles)).astype(np.intp), np.rint(radii * np.sin(angles)).astype(np.intp)
        self.offsets = dy * self.width + dx  # (radius - first, angle)

    def support(self, centres: np.ndarray, r0: int, r1: int) -> np.ndarray:
        """Share of the circle's points that look like ring, per centre (rows) and radius r0..r1."""
        tol, (g0, g1), pad = self.tol, self.gap, self.pad
        h, w = self.page.shape[0] - 2 * self.border, self.width - 2 * self.border
        x, y = np.clip(centres[:, 0], 0, w - 1), np.clip(centres[:, 1], 0, h - 1)  # a centre on the page
        at = (y + self.border) * self.width + x + self.border
        rows = self.offsets[r0 - pad - self.first : r1 + pad + 1 - self.first]
        polar = self.page.ravel().take(at[:, None, None] + rows[None]).astype(np.int16)  # (K, R, N)
        windows = np.lib.stride_tricks.sliding_window_view
        ring = windows(polar, 2 * tol + 1, axis=1).min(axis=-1)  # darkest within ± tol: index i ↔ radius i + tol
        light = windows(polar, g1 - g0 + 1, axis=1).max(axis=-1)  # lightest of i .. i + g1 - g0
        n = r1 - r0 + 1
        core = ring[:, pad - tol : pad - tol + n]
        outside = light[:, pad + g0 : pad + g0 + n]
        inside = light[:, pad - g1 : pad - g1 + n]
        hit = core + self.contrast <= np.minimum(outside, inside)
        result: np.ndarray = hit.mean(axis=2)
        return result

    def best(self, centres: np.ndarray, r0: int, r1: int) -> tuple[int, float, float, int]:
        """Of ``centres``, the one whose best radius in r0..r1 has the most support: its index,
        support, peak (support less the median support of the radii around) and radius."""
        lo, hi = self.off
        scores = self.support(centres, r0 - hi, r1 + hi)
        inner = scores[:, hi : scores.shape[1] - hi]
        k, i = np.unravel_index(int(np.argmax(inner)), inner.shape)
        j = int(i) + hi
        around = np.concatenate([scores[k, j - hi : j - lo + 1], scores[k, j + lo : j + hi + 1]])
        value = float(scores[k, j])
        return int(k), value, value - float(np.median(around)), r0 + int(i)

    def refine(self, x: int, y: int, screen: float, strides: list[int], steps: int) -> tuple[float, float, Circle]:
        """Support, peak and circle after moving the centre to where the ring is best supported (the
        Hough centre of overlapping seals can be 10 px off): hill-climbing by each stride in turn."""
        _, value, peak, r = self.best(np.array([[x, y]]), self.rmin, self.rmax)
        if value < screen:
            return value, peak, (x, y, r)
        moves = np.array([(dx, dy) for dy in (-1, 0, 1) for dx in (-1, 0, 1)])
        low, high = self.rmin, self.rmax
        for stride in strides:
            for _ in range(steps):
                k, v, p, q = self.best(moves * stride + (x, y), low, high)
                if v <= value:
                    break
                value, peak, r = v, p, q
                x, y = x + int(moves[k, 0]) * stride, y + int(moves[k, 1]) * stride
            low, high = max(r - stride * 2, self.rmin), min(r + stride * 2, self.rmax)  # the radius is settled
        return value, peak, (x, y, r)


def same_seal(circle: tuple[float, float, float], kept: tuple[float, float, float]) -> bool:
    """A circle centred on a kept one, or an inner ring of it."""
    (cx, cy, r), (a, b, q) = circle, kept
    distance = float(np.hypot(cx - a, cy - b))
    return distance < 0.6 * max(r, q) or (r < 0.75 * q and distance < q)


def gray_seal_circles(image: np.ndarray, points_per_px: float) -> list[tuple[Circle, float]]:
    """Seal rings on ``image`` (RGB or gray) in pixels, with their ring support."""
    cfg = ocr_config()["marks"]
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    px_per_pt = 1.0 / points_per_px
    ring = RingTest(gray, px_per_pt)
    if min(gray.shape) < ring.rmin:
        return []
    scale = min(float(cfg["gray_hough_px_per_pt"]) / px_per_pt, 1.0)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    blur = int(cfg["gray_hough_blur_px"])
    small = cv2.GaussianBlur(small, (blur, blur), 0)
    found = cv2.HoughCircles(small, cv2.HOUGH_GRADIENT, dp=1, minDist=max(ring.rmin * scale / 2, 1.0),
                             param1=float(cfg["gray_hough_edge"]), param2=float(cfg["gray_hough_votes"]),
                             minRadius=max(int(ring.rmin * scale), 1), maxRadius=int(np.ceil(ring.rmax * scale)))
    if found is None:
        return []
    screen, steps = float(cfg["gray_screen"]), int(cfg["gray_refine_steps"])
    strides = [max(round(pt * px_per_pt), 1) for pt in cfg["gray_refine_strides_pt"]]
    checked = [ring.refine(round(float(x) / scale), round(float(y) / scale), screen, strides, steps)
               for x, y, _ in found[0]]
    checked.sort(key=lambda c: -c[0])
    kept: list[tuple[Circle, float]] = []
    for value, peak, circle in checked:
        if value < cfg["gray_min_ring"] or peak < cfg["gray_min_peak"]:
            continue
        if not any(same_seal(circle, other) for other, _ in kept):
            kept.append((circle, value))
    return kept


def find_gray_seals(image: np.ndarray, number: int, points_per_px: float) -> list[Mark]:
    """Round seal impressions found by their ring alone (no colour needed)."""
    marks = []
    for (x, y, r), value in gray_seal_circles(image, points_per_px):
        bbox = (max(x - r, 0) * points_per_px, max(y - r, 0) * points_per_px,
                (x + r) * points_per_px, (y + r) * points_per_px)
        marks.append(Mark(kind=MarkKind.SEAL, page=number, bbox=bbox, score=round(min(value, 1.0), 3)))
    return marks
