"""Handwriting in coloured ink over printed text: found by colour, read again without it.

Signatures are written over the printed signatory names, and OCR garbles or drops those names.
Printed text is black or gray; ink (blue, green…) has chroma. Pixels of non-red chroma are
grouped into regions, each grown to the OCR lines it touches; the page is recognised once more
from a copy where those pixels are removed (print seen through the ink, dark in every channel,
is kept) — each region on its own, detected at the page's detection scale — and a region's new
lines replace its old ones when they hold more characters read with confidence. Lines outside the regions never change. Seal red is not taken for ink (seals have their own mask in
``intake.ocr.marks``), so a page with seals but no handwriting costs nothing more. Pages without
colour (gray scans) are left as they are: there ink and print cannot be told apart by colour.
"""

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from intake.ocr.config import ocr_config
from intake.ocr.engine import OcrBox, detect_boxes, recognise

Rect = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, end exclusive
ReadRegion = Callable[[np.ndarray, Rect], list[OcrBox]]


def colour_ink_mask(image: np.ndarray) -> np.ndarray:
    """Pixels (255) of coloured, non-red ink: the leading channel above the second by more than
    the threshold, grown into fainter neighbours (hysteresis), seal-red hues left out."""
    cfg = ocr_config()["ink_reread"]
    if image.ndim != 3:
        return np.zeros(image.shape[:2], np.uint8)
    r, g, b = cv2.split(np.ascontiguousarray(image))
    top = cv2.max(cv2.max(r, g), b)
    second = cv2.max(cv2.min(r, g), cv2.min(cv2.max(r, g), b))  # the median channel
    chroma = cv2.subtract(top, second)
    weak = chroma > cfg["weak_chroma"]
    if not weak.any():
        return np.zeros(image.shape[:2], np.uint8)  # a gray page: nothing to do
    hue = cv2.cvtColor(image, cv2.COLOR_RGB2HSV)[..., 0]
    weak &= (hue > cfg["red_hue"]) & (hue < 180 - cfg["red_hue"])
    strong = (weak & (chroma > cfg["strong_chroma"])).astype(np.uint8)
    weak = weak.astype(np.uint8)
    near = cv2.dilate(strong, np.ones((3, 3), np.uint8))
    return np.where((strong > 0) | ((weak > 0) & (near > 0)), 255, 0).astype(np.uint8)


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _union(a: Rect, b: Rect) -> Rect:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _line_rect(box: OcrBox) -> Rect:
    x0, y0, x1, y1 = box.rect
    return int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1))


def ink_regions(mask: np.ndarray, lines: list[OcrBox], px_per_pt: float) -> list[Rect]:
    """Groups of ink strokes big enough to be writing, each grown to the lines it touches."""
    cfg = ocr_config()["ink_reread"]
    join = max(int(cfg["join_pt"] * px_per_pt), 1)
    joined = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * join + 1, join + 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    min_px = (cfg["min_ink_pt"] * px_per_pt) ** 2
    regions: list[Rect] = []
    for x, y, w, h, _ in stats[1:count]:
        rect: Rect = (int(x), int(y), int(x + w), int(y + h))
        if int(np.count_nonzero(mask[rect[1] : rect[3], rect[0] : rect[2]])) < min_px:
            continue  # specks of JPEG colour noise
        for box in lines:
            if _overlaps(rect, _line_rect(box)):
                rect = _union(rect, _line_rect(box))
        regions.append(rect)
    return _merged(regions)


def _merged(rects: list[Rect]) -> list[Rect]:
    out: list[Rect] = []
    for rect in sorted(rects):
        for i, kept in enumerate(out):
            if _overlaps(rect, kept):
                out[i] = _union(rect, kept)
                break
        else:
            out.append(rect)
    return out if len(out) == len(rects) else _merged(out)


def without_ink(image: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """A copy of ``image`` with the ink pixels removed (painted white or inpainted)."""
    cfg = ocr_config()["ink_reread"]
    if cfg["remove"] == "inpaint":
        return cv2.inpaint(image, mask, int(cfg["inpaint_radius"]), cv2.INPAINT_TELEA)
    clean = image.copy()
    brightest = image.max(axis=2)
    clean[(mask > 0) & (brightest >= cfg["print_level"])] = 255
    under = (mask > 0) & (brightest < cfg["print_level"])
    clean[under] = brightest[under][:, None]  # print under the ink: kept, as gray
    return clean


def read_region(image: np.ndarray, rect: Rect) -> list[OcrBox]:
    """The text lines of ``image`` within ``rect``: detected on the region scaled as the whole page
    is for detection (at full resolution the detector splits and merges lines differently),
    recognised at full resolution."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = max(rect[0], 0), max(rect[1], 0), min(rect[2], w), min(rect[3], h)
    if x1 <= x0 or y1 <= y0:
        return []
    crop = image[y0:y1, x0:x1]
    factor = min(1.0, float(ocr_config()["engine"]["det_limit_side_len"]) / max(h, w))
    small = crop if factor >= 1.0 else cv2.resize(
        crop, (max(round(crop.shape[1] * factor), 1), max(round(crop.shape[0] * factor), 1)),
        interpolation=cv2.INTER_AREA)
    quads = [tuple((x / factor + x0, y / factor + y0) for x, y in q) for q in detect_boxes(small)]
    return recognise(image, quads)


@dataclass(frozen=True)
class _Region:
    rect: Rect
    old: list[OcrBox]
    new: list[OcrBox]


def centre_in(box: OcrBox, rect: Rect) -> bool:
    """Whether the middle of ``box`` lies in ``rect``."""
    x0, y0, x1, y1 = box.rect
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return rect[0] <= cx < rect[2] and rect[1] <= cy < rect[3]


def _confidence(lines: list[OcrBox]) -> float:
    """Characters a group of lines is expected to have read right: length times score, summed."""
    return sum(b.score * len(b.text.strip()) for b in lines)


def reread_inked(
    image: np.ndarray, lines: list[OcrBox], px_per_pt: float, read: ReadRegion = read_region
) -> list[OcrBox]:
    """``lines`` of ``image`` with those under coloured ink read again without the ink."""
    cfg = ocr_config()["ink_reread"]
    if not cfg["enabled"] or image.ndim != 3:
        return lines
    mask = colour_ink_mask(image)
    regions = ink_regions(mask, lines, px_per_pt)
    if not regions:
        return lines
    clean = without_ink(image, mask)
    pad = round(float(cfg["region_pad_pt"]) * px_per_pt)
    groups = []
    for r in regions:
        fresh = read(clean, (r[0] - pad, r[1] - pad, r[2] + pad, r[3] + pad))
        groups.append(_Region(r, [b for b in lines if centre_in(b, r)], [b for b in fresh if centre_in(b, r)]))
    replaced: dict[int, list[OcrBox]] = {}
    added: list[OcrBox] = []
    for group in groups:
        if group.new and _confidence(group.new) >= _confidence(group.old) - cfg["score_slack"]:
            replaced.update({id(b): [] for b in group.old})
            if group.old:
                replaced[id(group.old[0])] = group.new  # the new lines take the old ones' place
            else:
                added.extend(group.new)
    out: list[OcrBox] = []
    for box in lines:
        out.extend(replaced.get(id(box), [box]))
    return out + added

