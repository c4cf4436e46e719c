"""Seals on gray scans: found by their ring, not by colour; print, rules and handwriting are none."""

import cv2
import numpy as np
from PIL import Image, ImageDraw

from intake.ocr.config import ocr_config
from intake.ocr.gray_seals import RingTest, find_gray_seals, gray_seal_circles
from intake.ocr.marks import find_marks
from models import MarkKind
from tests.intake.ocr_images import gray_scan, page_image, red_seal, table_page

UNITS = [
    "单位名称（盖章）　　法定代表人（签字）",
    "稀土功能材料股份有限公司",
    "陇原理工大学",
    "甘肃省稀土新材料工程研究院",
    "金昌镍都合金材料有限公司",
]
POINTS_PER_PX = 0.5  # the pages are drawn at 144 dpi
SEALS = [((330, 290), 90), ((380, 520), 118)]  # 32 and 42 mm seals over the unit names of rows 2 and 4


def _scribble(draw: ImageDraw.ImageDraw, x: int, y: int, fill: tuple[int, int, int]) -> None:
    """A signature-like scrawl: a zigzag, a loop and a flourish."""
    draw.line([(x, y + 30), (x + 30, y - 10), (x + 55, y + 35), (x + 90, y - 5), (x + 120, y + 30)], fill=fill, width=4)
    draw.ellipse((x + 20, y - 20, x + 75, y + 35), outline=fill, width=3)
    draw.arc((x + 60, y - 25, x + 200, y + 40), 200, 340, fill=fill, width=4)
    draw.line([(x + 130, y + 25), (x + 230, y - 15)], fill=fill, width=3)


def _signed_table() -> Image.Image:
    image = table_page(UNITS)
    draw = ImageDraw.Draw(image)
    for row in range(1, len(UNITS)):
        _scribble(draw, 900, 60 + row * 110 + 50, (20, 20, 30) if row % 2 else (120, 120, 120))  # ink, pencil
    return image


def _centres(image: np.ndarray, points_per_px: float) -> list[tuple[float, float, float]]:
    return sorted((x * points_per_px, y * points_per_px, r * points_per_px)
                  for (x, y, r), _ in gray_seal_circles(image, points_per_px))


def test_gray_seals_over_a_signature_table_are_found_where_stamped() -> None:
    found = _centres(gray_scan(_signed_table(), SEALS), POINTS_PER_PX)
    assert len(found) == len(SEALS)
    for (x, y, r), ((sx, sy), sr) in zip(found, sorted(SEALS), strict=True):
        assert abs(x - sx * POINTS_PER_PX) <= 3 and abs(y - sy * POINTS_PER_PX) <= 3
        assert abs(r - sr * POINTS_PER_PX) <= 4  # the ring's middle: a 42 mm seal's ring is 1.4 mm wide


def test_gray_seal_is_found_at_another_resolution() -> None:
    page = gray_scan(_signed_table(), SEALS[:1])
    small = np.asarray(Image.fromarray(page).resize((page.shape[1] * 2 // 3, page.shape[0] * 2 // 3), Image.Resampling.LANCZOS))
    found = _centres(small, POINTS_PER_PX * 3 / 2)
    (sx, sy), _ = SEALS[0]
    assert len(found) == 1 and abs(found[0][0] - sx * POINTS_PER_PX) <= 4 and abs(found[0][1] - sy * POINTS_PER_PX) <= 4


def test_text_rules_and_handwriting_are_no_gray_seal() -> None:
    assert find_gray_seals(gray_scan(_signed_table()), 1, POINTS_PER_PX) == []
    assert find_gray_seals(gray_scan(page_image(width=1200)), 1, POINTS_PER_PX) == []
    assert find_gray_seals(np.asarray(page_image()), 1, POINTS_PER_PX) == []  # clean black text


def test_gray_seal_is_a_seal_mark_in_points() -> None:
    marks = find_marks(gray_scan(_signed_table(), SEALS[:1]), 2, POINTS_PER_PX, [])
    seals = [m for m in marks if m.kind == MarkKind.SEAL]
    assert len(seals) == 1 and seals[0].page == 2 and seals[0].score >= 0.8
    x0, top, x1, bottom = seals[0].bbox
    (sx, sy), radius = SEALS[0]
    assert abs((x0 + x1) / 2 - sx * POINTS_PER_PX) <= 3 and abs((top + bottom) / 2 - sy * POINTS_PER_PX) <= 3
    assert abs((x1 - x0) - 2 * radius * POINTS_PER_PX) <= 6


def test_no_circle_through_dense_print_is_supported_as_a_ring() -> None:
    """Every centre over a page of blurred gray print, every seal radius: the ring test stays far
    below a seal's support (the Hough transform proposes such circles on dense real pages)."""
    text = "联盟成员单位应当履行本协议约定的义务共同开展关键共性技术攻关联盟成果的知识产权归完成方所有"
    page = gray_scan(page_image([text[i % 10 : i % 10 + 24] for i in range(14)], size=24, width=1300))
    ring = RingTest(cv2.cvtColor(page, cv2.COLOR_RGB2GRAY), 1 / POINTS_PER_PX)
    xs, ys = np.meshgrid(np.arange(200, 1100, 9), np.arange(150, page.shape[0] - 150, 9))
    centres = np.stack([xs.ravel(), ys.ravel()], axis=1)
    support = max(ring.best(centres[i : i + 200], ring.rmin, ring.rmax)[1] for i in range(0, len(centres), 200))
    assert support < ocr_config()["marks"]["gray_min_ring"] - 0.15


def test_a_red_seal_is_found_once_not_again_as_a_gray_ring() -> None:
    image = page_image()
    red_seal(image, (700, 200), 90)
    seals = [m for m in find_marks(np.asarray(image), 1, POINTS_PER_PX, []) if m.kind == MarkKind.SEAL]
    assert len(seals) == 1
