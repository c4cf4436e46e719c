"""Seal impressions and handwriting on generated scans become marks, and signatures use them."""

import numpy as np
import pytest
from PIL import ImageDraw

from intake import parse_bytes
from intake.ocr.marks import find_seals
from models import MarkKind
from tests.intake.ocr_images import encoded, page_image, red_seal


def test_red_round_stamp_is_a_seal() -> None:
    image = page_image()
    red_seal(image, (700, 200), 90)
    seals = find_seals(np.asarray(image), 1, 0.5)
    assert len(seals) == 1
    x0, top, x1, bottom = seals[0].bbox
    assert abs((x0 + x1) / 2 - 350) < 10 and abs((top + bottom) / 2 - 100) < 10


def test_black_text_is_no_seal() -> None:
    assert find_seals(np.asarray(page_image()), 1, 0.5) == []


@pytest.mark.slow
def test_seal_and_scribble_on_a_signature_page_are_marks() -> None:
    image = page_image(["甲方（盖章）：稀土功能材料股份有限公司", "法定代表人（签字）：", "日期：2024年3月18日"], width=1200)
    red_seal(image, (420, 75), 70)
    draw = ImageDraw.Draw(image)
    draw.line([(380, 140), (420, 120), (450, 150), (500, 118), (540, 145)], fill=(20, 20, 30), width=4)
    doc = parse_bytes(encoded(image, "PNG"), "signed.png")
    kinds = {m.kind for m in doc.marks}
    assert kinds == {MarkKind.SEAL, MarkKind.INK}
    assert all(m.page == 1 for m in doc.marks)
