"""Image backend: PNG, JPEG, TIFF (each frame a page), BMP, WebP — scans and phone photos, by OCR.

EXIF orientation is applied first (phone photos); the OCR page step then turns the page upright
(90/180/270°) and removes small skew. Page sizes are in points from the image's resolution tag
(or ``render.default_dpi``). Images with more pixels than ``limits.max_image_pixels`` are refused.
"""

import io
import warnings
from collections.abc import Iterator

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from intake.backends.page_layout import PageResult, assemble_pages
from intake.backends.pdf_params import layout_params
from intake.ocr.config import ocr_config
from intake.raw import RawDocument
from intake.settings import IntakeSettings
from models import Format, IntakeError

_FORMATS = {"PNG": Format.PNG, "JPEG": Format.JPEG, "MPO": Format.JPEG, "TIFF": Format.TIFF, "BMP": Format.BMP,
            "WEBP": Format.WEBP}


def _dpi(frame: Image.Image) -> float:
    value = frame.info.get("dpi")
    default = float(ocr_config()["render"]["default_dpi"])
    try:
        dpi = float(value[0]) if value else default
    except (TypeError, ValueError, IndexError):
        dpi = default
    return dpi if 50 <= dpi <= 1200 else default


def _frames(image: Image.Image, name: str, settings: IntakeSettings) -> Iterator[tuple[np.ndarray, float]]:
    """Each frame upright by EXIF, RGB, scaled to at most ``render.max_side_px``, with points per pixel."""
    limit = int(ocr_config()["render"]["max_side_px"])
    for index, frame in enumerate(ImageSequence.Iterator(image)):
        if index >= settings.max_pages:
            raise IntakeError("too_many_pages", name=name, pages=index + 1, limit=settings.max_pages)
        _check_pixels(frame, name)
        points_per_px = 72.0 / _dpi(frame)
        page = ImageOps.exif_transpose(frame).convert("RGB")
        factor = min(1.0, limit / max(page.size))
        if factor < 1.0:
            page = page.resize((max(int(page.width * factor), 1), max(int(page.height * factor), 1)),
                               Image.Resampling.LANCZOS)
            points_per_px /= factor
        yield np.asarray(page), points_per_px


def _check_pixels(frame: Image.Image, name: str) -> None:
    limit = int(ocr_config()["limits"]["max_image_pixels"])
    pixels = frame.width * frame.height
    if pixels > limit:
        raise IntakeError("image_too_large", name=name, pixels=pixels, limit=limit)


def _open(data: bytes, name: str) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = int(ocr_config()["limits"]["max_image_pixels"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise IntakeError("image_too_large", name=name, pixels="?", limit=Image.MAX_IMAGE_PIXELS) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise IntakeError("corrupt_file", name=name, reason=str(exc)[:200]) from exc
    return image


class ImageBackend:
    """Reads scanned pages and photos with OCR into the same model as a PDF."""

    name = "image-ocr-1"
    formats: tuple[Format, ...] = (Format.PNG, Format.JPEG, Format.TIFF, Format.BMP, Format.WEBP)

    def read(self, data: bytes, name: str, settings: IntakeSettings) -> RawDocument:
        """OCR every frame of the image; raises ``IntakeError`` for corrupt, huge or unreadable images."""
        from intake.ocr.page import ocr_page

        if not settings.ocr:
            raise IntakeError("ocr_unavailable", name=name, reason="INTAKE_OCR=false")
        image = _open(data, name)
        fmt = _FORMATS.get(str(image.format), Format.PNG)
        results: list[PageResult] = []
        try:
            for number, (pixels, points_per_px) in enumerate(_frames(image, name, settings), start=1):
                result, _ = ocr_page(pixels, number, points_per_px)
                results.append(result)
        except (OSError, ValueError, SyntaxError) as exc:
            raise IntakeError("corrupt_file", name=name, reason=str(exc)[:200]) from exc
        blocks, furniture, notices = assemble_pages(results, layout_params())
        return RawDocument(
            format=fmt,
            parser=f"{self.name} (rapidocr, Pillow {Image.__version__})",
            pages=[r.page for r in results],
            blocks=blocks,
            furniture=furniture,
            warnings=notices,
            marks=[m for r in results for m in r.marks],
            metadata={"page_count": len(results), "image_format": str(image.format)},
        )
