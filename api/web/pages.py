"""Page images of uploaded files for the report page, rendered on the server and cached on disk.

PDFs (text layer or scans) are rendered with pdfium; photos and TIFF pages with Pillow. A page is
rendered once per (file content, page, width) and kept as a PNG under the cache directory, so a
200-page document costs one render per page the reviewer actually scrolls to.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from pathlib import Path

DEFAULT_WIDTH = 1000
MAX_WIDTH = 2000
MIN_WIDTH = 200
IMAGE_FORMATS = frozenset({"png", "jpeg", "tiff", "bmp", "webp"})
_LOCK = threading.Lock()  # pdfium is not thread-safe


class PageNotFoundError(LookupError):
    """The file has no such page (or cannot be shown as pages)."""


def clamp_width(width: int) -> int:
    """The width actually rendered (requests are clamped, so the cache stays small)."""
    return max(MIN_WIDTH, min(MAX_WIDTH, width))


def cache_path(cache_dir: Path, sha256: str, page: int, width: int) -> Path:
    """Where the PNG of page ``page`` of the file with content hash ``sha256`` is kept."""
    digest = "".join(c for c in sha256.lower() if c in "0123456789abcdef") or "x"
    return cache_dir / digest[:2] / digest / f"{page}-{clamp_width(width)}.png"


def _render_pdf(data: bytes, page: int, width: int) -> bytes:
    import pypdfium2 as pdfium

    with _LOCK:
        pdf = pdfium.PdfDocument(data)
        try:
            if not 1 <= page <= len(pdf):
                raise PageNotFoundError(f"page {page} of {len(pdf)}")
            pdf_page = pdf[page - 1]
            try:
                scale = width / pdf_page.get_width()
                bitmap = pdf_page.render(scale=scale, may_draw_forms=True)
                image = bitmap.to_pil()
            finally:
                pdf_page.close()
        finally:
            pdf.close()
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=False, compress_level=3)
    return out.getvalue()


def _render_image(data: bytes, page: int, width: int) -> bytes:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as img:
        frames = getattr(img, "n_frames", 1)
        if not 1 <= page <= frames:
            raise PageNotFoundError(f"page {page} of {frames}")
        img.seek(page - 1)
        frame = ImageOps.exif_transpose(img.convert("RGB"))
        height = max(1, round(frame.height * width / frame.width))
        frame = frame.resize((width, height))
        out = io.BytesIO()
        frame.save(out, format="PNG", compress_level=3)
        return out.getvalue()


def render_page(data: bytes, fmt: str, page: int, width: int = DEFAULT_WIDTH, cache_dir: Path | None = None,
                sha256: str | None = None) -> bytes:
    """PNG of page ``page`` (1-based) of a file of format ``fmt``, ``width`` pixels wide (kept under ``cache_dir``)."""
    width = clamp_width(width)
    cached = None
    if cache_dir is not None:
        cached = cache_path(cache_dir, sha256 or hashlib.sha256(data).hexdigest(), page, width)
        if cached.is_file():
            return cached.read_bytes()
    if fmt == "pdf":
        png = _render_pdf(data, page, width)
    elif fmt in IMAGE_FORMATS:
        png = _render_image(data, page, width)
    else:
        raise PageNotFoundError(f"format {fmt} has no page images")
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(png)
        tmp.replace(cached)
    return png
