"""Coloured handwriting over printed names: the regions under ink are read again without it."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from intake.ocr.config import ocr_config
from intake.ocr.engine import OcrBox, detect_boxes, recognise
from intake.ocr.ink import colour_ink_mask, ink_regions, reread_inked, without_ink
from tests.intake.ocr_images import FONT

NAVY = (25, 30, 95)


def _signed_page() -> Image.Image:
    """A signature row: a printed name crossed by navy strokes, and a blue heading nobody wrote on."""
    font = ImageFont.truetype(FONT, 30)
    image = Image.new("RGB", (900, 260), "white")
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "联盟成员单位签署页", font=font, fill=(30, 60, 200))
    draw.text((60, 150), "法定代表人：汤长青", font=font, fill=(0, 0, 0))
    ink = Image.new("L", image.size, 0)
    strokes = ImageDraw.Draw(ink)
    strokes.line([(262, 185), (285, 145), (305, 188), (330, 145), (350, 188), (372, 148)], fill=255, width=5)
    strokes.line([(255, 162), (380, 170)], fill=255, width=5)
    strokes.ellipse((258, 148, 300, 182), outline=255, width=4)
    pixels = np.asarray(image).astype(np.float32)
    alpha = np.asarray(ink).astype(np.float32)[..., None] / 255.0
    blended = pixels * (1 - alpha) + pixels * np.array(NAVY, np.float32) / 255.0 * alpha  # multiply
    return Image.fromarray(blended.clip(0, 255).astype(np.uint8))


def test_ink_mask_finds_navy_strokes_not_black_print_or_red() -> None:
    image = np.full((40, 120, 3), 255, np.uint8)
    image[10:14, 5:35] = NAVY
    image[10:14, 45:75] = (10, 10, 10)
    image[10:14, 85:115] = (215, 25, 35)
    mask = colour_ink_mask(image)
    assert mask[12, 20] == 255 and mask[12, 60] == 0 and mask[12, 100] == 0


def test_print_seen_through_ink_is_kept() -> None:
    image = np.full((10, 20, 3), 255, np.uint8)
    image[:, :10] = NAVY  # ink on paper
    image[:, 10:] = (3, 4, 12)  # ink over black print
    mask = np.full((10, 20), 255, np.uint8)
    clean = without_ink(image, mask)
    assert (clean[:, :10] == 255).all() and (clean[:, 10:] < 40).all()


def test_regions_grow_to_the_lines_they_touch() -> None:
    mask = np.zeros((100, 300), np.uint8)
    mask[40:60, 100:140] = 255
    line = OcrBox(quad=((20.0, 45.0), (250.0, 45.0), (250.0, 70.0), (20.0, 70.0)), text="x", score=0.9)
    far = OcrBox(quad=((20.0, 85.0), (250.0, 85.0), (250.0, 98.0), (20.0, 98.0)), text="y", score=0.9)
    [(x0, top, x1, bottom)] = ink_regions(mask, [line, far], 2.0)
    assert (x0, x1, bottom) == (20, 250, 70) and top <= 40  # the far line is not taken in


def test_page_without_colour_is_untouched() -> None:
    gray = np.full((50, 50, 3), 200, np.uint8)
    lines = [OcrBox(quad=((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)), text="a", score=0.5)]
    calls: list[int] = []
    assert reread_inked(gray, lines, 2.0, lambda im, rect: calls.append(1) or []) == lines
    assert calls == []


@pytest.mark.slow
def test_reread_recovers_the_name_and_keeps_the_blue_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ocr_config()["ink_reread"], "enabled", True)
    image = np.asarray(_signed_page())
    before = recognise(image, detect_boxes(image))
    after = reread_inked(image, before, 150 / 72)
    text = "".join(b.text for b in after)
    assert "汤长青" in text
    assert "签署页" in text  # blue print without handwriting over it stays

    old = "".join(b.text for b in before)
    assert "汤长青" not in old  # the strokes did hide the name


def test_each_ink_region_is_read_alone_and_nothing_read_keeps_the_old_lines() -> None:
    image = np.asarray(_signed_page())
    lines = [OcrBox(quad=((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)), text="甲", score=0.5)]
    asked: list[tuple[int, int, int, int]] = []
    assert reread_inked(image, lines, 150 / 72, lambda im, rect: asked.append(rect) or []) == lines
    mask = colour_ink_mask(image)
    ys, xs = np.nonzero(mask)
    assert asked, "the signature strokes make a region"
    assert all(x1 - x0 < image.shape[1] and y1 - y0 < image.shape[0] / 2 for x0, y0, x1, y1 in asked)
    assert min(r[0] for r in asked) < xs.min() and max(r[2] for r in asked) > xs.max()
