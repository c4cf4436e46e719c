"""Signatory names under handwriting, read again cell by cell from a sharper render.

A signature written over a printed name makes OCR drop the name or garble it, most of all its
first character. For each cell of a signature table's signatory column (``name_regions``) the cell
is cut from the page rendered again at ``render_scale``, coloured ink is removed as in
``intake.ocr.ink``, table rules are whitened, and the one text band the print is in (the window of
one glyph height holding the most ink) is recognised alone; the name is decoded with a surname
first (``name_decode``). The reading replaces the cell's lines unless they already hold a name
read with confidence. Only signature pages pay: a page without a signatory column header costs
one scan of its lines.
"""

from collections.abc import Callable
from statistics import median

import cv2
import numpy as np

from intake.ocr.config import reread_config
from intake.ocr.engine import OcrBox
from intake.ocr.ink import centre_in, colour_ink_mask, without_ink
from intake.ocr.long_strokes import without_long_strokes
from intake.ocr.name_decode import DecodeRules, NameReading, decode_name, surnames
from intake.ocr.name_regions import Rect, run_in_names, signatory_cells
from intake.ocr.rec_probs import charset, line_probabilities, timesteps_per_px

# The upright page again, sharper: the image and its pixels per page-image pixel.
Sharper = Callable[[], tuple[np.ndarray, float]]


def _rules() -> DecodeRules:
    d = reread_config()["decode"]
    return DecodeRules(int(d["min_chars"]), int(d["max_given"]), float(d["min_surname_prob"]),
                       float(d["gap_pitches"]), tuple(d["marker_hints"]), float(d["uncommon_given_weight"]),
                       float(d["surname_rank_offset"]))


def _without_rules(crop: np.ndarray, ink: np.ndarray, length: int) -> np.ndarray:
    """Ink minus the straight horizontal and vertical runs at least ``length`` long (table rules)."""
    rules = np.zeros_like(ink)
    for kernel in ((length, 1), (1, length)):
        rules |= cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    rules = cv2.dilate(rules, np.ones((3, 3), np.uint8))
    crop[rules > 0] = 255
    return cv2.bitwise_and(ink, cv2.bitwise_not(rules))


def _text_rows(crop: np.ndarray, glyph: int) -> tuple[np.ndarray, int] | None:
    """The cell's ink (rules whitened in the image, in place) and the top of its densest glyph-high band."""
    cfg = reread_config()
    gray = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop
    ink = np.where(gray < cfg["ink_level"], 255, 0).astype(np.uint8)
    ink = _without_rules(crop, ink, max(int(cfg["rule_glyphs"] * glyph), 8))
    profile = (ink > 0).sum(axis=1).astype(np.float64)
    if profile.sum() == 0 or len(profile) < glyph:
        return None
    return ink, int(np.argmax(np.convolve(profile, np.ones(glyph), "valid")))


def _bands(crop: np.ndarray, glyph: int) -> list[tuple[np.ndarray, Rect]]:
    """Text-band cuts of a cell image to recognise: the densest band, padded differently, from the
    cell as it is or with its pen-like strokes painted out (``band_variants``)."""
    cfg = reread_config()
    found = _text_rows(crop, glyph)
    if found is None:
        return []
    ink, top = found
    columns = np.flatnonzero((ink[top : top + glyph] > 0).any(axis=0))
    erased: np.ndarray | None = None
    cuts = []
    for shift, pad_share, erase in cfg["band_variants"]:
        start, pad = top + int(shift * glyph), int(pad_share * glyph)
        y0, y1 = max(start - pad, 0), min(start + glyph + pad, crop.shape[0])
        x0, x1 = max(int(columns[0]) - pad, 0), min(int(columns[-1]) + pad + 1, crop.shape[1])
        if y1 - y0 < glyph:
            continue
        if erase and erased is None:
            erased = without_long_strokes(crop, glyph, cfg["long_strokes"])
        source = erased if erase and erased is not None else crop
        cuts.append((source[y0:y1, x0:x1], (x0, y0, x1, y1)))
    return cuts


def _clean_cell(big: np.ndarray, cell: Rect, factor: float) -> tuple[np.ndarray, int, int]:
    """The cell cut from the sharper page, coloured ink removed; and its origin there."""
    x0, y0, x1, y1 = (int(v * factor) for v in cell)
    x0, y0 = max(x0, 0), max(y0, 0)
    crop = np.ascontiguousarray(big[y0:y1, x0:x1])
    if crop.ndim == 3 and crop.size:
        mask = colour_ink_mask(crop)
        if mask.any():
            crop = without_ink(crop, mask)
    return crop, x0, y0


def _read_cell(big: np.ndarray, cell: Rect, factor: float, glyph: int) -> tuple[NameReading, Rect] | None:
    """The name the cell's bands agree on most (their scores summed), and where (page pixels)."""
    crop, x0, y0 = _clean_cell(big, cell, factor)
    if crop.size == 0:
        return None
    votes: dict[str, float] = {}
    best: dict[str, tuple[NameReading, Rect]] = {}
    for band, (bx0, by0, bx1, by1) in _bands(crop, glyph):
        probs = line_probabilities(band)
        reading = decode_name(probs, charset(), glyph * timesteps_per_px(band, probs), _rules())
        if reading is None:
            continue
        votes[reading.name] = votes.get(reading.name, 0.0) + reading.score
        if reading.name not in best or reading.score > best[reading.name][0].score:
            rect = (int((x0 + bx0) / factor), int((y0 + by0) / factor), int((x0 + bx1) / factor),
                    int((y0 + by1) / factor))
            best[reading.name] = (reading, rect)
        if max(votes.values()) >= reread_config()["enough_votes"]:
            break  # the cuts agree: the others would only cost time
    if not votes:
        return None
    return best[max(votes, key=lambda name: votes[name])]


def _confident_name(old: list[OcrBox]) -> bool:
    """True when the cell's lines already open with a surname and were read with confidence."""
    keep = float(reread_config()["keep_score"])
    return any(b.text.strip()[:1] in surnames() and b.score >= keep for b in old)


def _reread_cells(lines: list[OcrBox], cells: list[Rect], read: Callable[[Rect], tuple[NameReading, Rect] | None]
                  ) -> list[OcrBox]:
    out = list(lines)
    for cell in cells:
        old = [b for b in out if centre_in(b, cell)]
        if _confident_name(old):
            continue
        found = read(cell)
        if found is None or found[0].score < reread_config()["min_score"]:
            continue
        reading, (x0, y0, x1, y1) = found
        quad = ((float(x0), float(y0)), (float(x1), float(y0)), (float(x1), float(y1)), (float(x0), float(y1)))
        gone = {id(b) for b in old}
        at = next((i for i, b in enumerate(out) if id(b) in gone), len(out))
        out = [b for b in out if id(b) not in gone]
        out.insert(min(at, len(out)), OcrBox(quad=quad, text=reading.text, score=reading.score))
    return out


def _reread_run_in(lines: list[OcrBox], read: Callable[[Rect], tuple[NameReading, Rect] | None]) -> list[OcrBox]:
    out = list(lines)
    keep = float(reread_config()["keep_score"])
    for index, start, region in run_in_names(lines, reread_config()):
        box = out[index]
        if box.text[start : start + 1] in surnames() and box.score >= keep:
            continue
        found = read(region)
        if found is None or found[0].score < reread_config()["min_score"]:
            continue
        out[index] = OcrBox(quad=box.quad, text=box.text[:start] + found[0].text, score=min(box.score, found[0].score))
    return out


def reread_names(image: np.ndarray, lines: list[OcrBox], sharper: Sharper | None) -> list[OcrBox]:
    """``lines`` with the signatory names of signature tables and of run-in signatory labels read
    again (see the module docstring)."""
    cfg = reread_config()
    if not cfg["enabled"] or not lines:
        return lines
    cells = signatory_cells(lines, image, cfg)
    run_in = run_in_names(lines, cfg)
    if not cells and not run_in:
        return lines
    big, factor = sharper() if sharper else (image, 1.0)
    glyph = max(int(cfg["glyph_share"] * median(b.rect[3] - b.rect[1] for b in lines) * factor), 8)

    def read(rect: Rect) -> tuple[NameReading, Rect] | None:
        return _read_cell(big, rect, factor, glyph)

    return _reread_run_in(_reread_cells(lines, cells, read), read)


def upright_sharper(render: Callable[[], np.ndarray], quarters: int, skew: float, shape: tuple[int, ...]) -> Sharper:
    """A ``Sharper`` from a renderer of the page as scanned: turned and deskewed as the page was."""
    from intake.ocr.orient import deskew

    def sharper() -> tuple[np.ndarray, float]:
        image = render()
        codes = {1: cv2.ROTATE_90_CLOCKWISE, 2: cv2.ROTATE_180, 3: cv2.ROTATE_90_COUNTERCLOCKWISE}
        if quarters % 4:
            image = cv2.rotate(image, codes[quarters % 4])
        if skew:
            image = deskew(image, skew)
        return image, image.shape[1] / shape[1]

    return sharper
