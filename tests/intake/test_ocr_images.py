"""OCR of images and image-only PDFs, offline, into the same model as born-digital files."""

import io
import socket
import sysconfig
import urllib.request
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image
from rapidfuzz.distance import Levenshtein

from intake import parse_bytes
from intake.ocr.engine import model_dir
from intake.settings import IntakeSettings
from models import Format, IntakeError, PageStatus
from tests.corpus import squash
from tests.intake.ocr_images import LINES, encoded, page_image

pytestmark = pytest.mark.slow
EXPECTED = squash("".join(LINES))


def _cer(text: str) -> float:
    return Levenshtein.distance(EXPECTED, squash(text)) / len(EXPECTED)


def test_models_ship_inside_site_packages() -> None:
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    models = sorted(model_dir().glob("*.onnx"))
    assert models and all(site in m.resolve().parents for m in models)


def test_ocr_uses_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    doc = parse_bytes(encoded(page_image(), "PNG"), "page.png")
    assert _cer(doc.text) <= 0.02


def test_png_reads_known_text_with_structure() -> None:
    doc = parse_bytes(encoded(page_image(), "PNG"), "page.png")
    assert doc.format == Format.PNG and doc.page_count == 1
    assert doc.pages[0].ocr and doc.pages[0].status == PageStatus.OK
    assert _cer(doc.text) <= 0.02
    assert "（一）" in doc.text and "联盟名称：" in doc.text
    assert [n.label for n in doc.outline if n.kind == "article"][:2] == ["第一条", "第二条"]
    assert doc.lines and all(line.page == 1 for line in doc.lines)
    assert doc.boxes_for(0, 4)


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_rotated_page_is_turned_upright(degrees: int) -> None:
    image = page_image().rotate(degrees, expand=True, fillcolor="white")
    doc = parse_bytes(encoded(image, "PNG"), "turned.png")
    assert _cer(doc.text) <= 0.05
    assert any(w.code == "ocr_rotated" for w in doc.warnings)


def test_exif_rotated_jpeg_is_read_upright() -> None:
    image = page_image().rotate(90, expand=True, fillcolor="white")  # stored sideways ...
    exif = Image.Exif()
    exif[0x0112] = 6  # ... with "rotate 90° clockwise to view" in EXIF, as phones do
    data = encoded(image, "JPEG", quality=92, exif=exif.tobytes())
    doc = parse_bytes(data, "photo.jpg")
    assert doc.format == Format.JPEG
    assert _cer(doc.text) <= 0.05
    assert not any(w.code == "ocr_rotated" for w in doc.warnings)


def test_multipage_tiff_gives_pages() -> None:
    first, second = page_image(LINES[:2]), page_image(LINES[2:])
    buf = io.BytesIO()
    first.save(buf, format="TIFF", save_all=True, append_images=[second])
    doc = parse_bytes(buf.getvalue(), "scan.tif")
    assert doc.format == Format.TIFF and doc.page_count == 2
    assert all(p.ocr for p in doc.pages)
    assert "知识产权" in doc.text[doc.pages[1].start : doc.pages[1].end]


def test_decompression_bomb_is_refused() -> None:
    big = Image.new("1", (12000, 12000), 1)
    with pytest.raises(IntakeError) as info:
        parse_bytes(encoded(big, "PNG"), "bomb.png")
    assert info.value.code == "image_too_large"


def test_corrupt_image_is_a_coded_error() -> None:
    data = encoded(page_image(), "PNG")[:200]
    with pytest.raises(IntakeError) as info:
        parse_bytes(data, "cut.png")
    assert info.value.code in {"corrupt_file", "truncated_file"}


def test_ocr_off_refuses_images() -> None:
    with pytest.raises(IntakeError) as info:
        parse_bytes(encoded(page_image(), "PNG"), "page.png", IntakeSettings(ocr=False))
    assert info.value.code == "ocr_unavailable"


def test_image_only_pdf_becomes_ocr_pages() -> None:
    image = page_image()
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(encoded(image, "PNG")), x=0, y=0, w=595)
    doc = parse_bytes(bytes(pdf.output()), "scan.pdf")
    page = doc.pages[0]
    assert page.ocr and page.status == PageStatus.OK
    assert _cer(doc.text) <= 0.02
    assert doc.lines
    x0, top, x1, bottom = doc.lines[0].bbox
    assert 0 <= x0 < x1 <= 595 and 0 <= top < bottom <= 842
    first = doc.boxes_for(0, 3)[0][1]
    assert first[1] < 100  # the first line is at the top of the page, top-left origin
