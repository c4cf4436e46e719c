"""PDF backend: pdfium characters and paths → lines, paragraphs, lattice tables, headers and footers.

Pages are read one by one (a page that fails is marked FAILED and the others go on); headers,
footers, paragraph joins across page breaks and tables continued on the next page are decided
over the whole document afterwards.
"""

import re
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from intake.backends.page_layout import PageResult, assemble_pages, layout_chars
from intake.backends.pdf_chars import Char, PageFrame, glyph_stats, read_chars
from intake.backends.pdf_objects import PageObjects, page_objects
from intake.backends.pdf_params import LayoutParams, layout_params
from intake.raw import RawDocument, RawPage
from intake.settings import IntakeSettings
from models import Format, IntakeError, Notice, PageStatus

# pdfium is not thread-safe: one document at a time per process.
_PDFIUM_LOCK = threading.Lock()
_EOF_WINDOW = 1024
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_METADATA_KEYS = {
    "Title": "title",
    "Author": "author",
    "Subject": "subject",
    "Keywords": "keywords",
    "Creator": "creator",
    "Producer": "producer",
    "CreationDate": "creation_date",
    "ModDate": "mod_date",
}


_PageResult = PageResult


def _has_eof(data: bytes) -> bool:
    return b"%%EOF" in data[-_EOF_WINDOW:]


def _looks_truncated(data: bytes) -> bool:
    """A PDF cut short: real objects at the start, no end-of-file marker at the end."""
    return not _has_eof(data) and _OBJECT.search(data[:65536]) is not None


def _open(data: bytes, name: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise IntakeError("encrypted_pdf", name=name) from exc
        if _looks_truncated(data):
            raise IntakeError("truncated_file", name=name) from exc
        raise IntakeError("corrupt_file", name=name, reason=str(exc)) from exc


def _metadata(doc: pdfium.PdfDocument, page_count: int) -> dict[str, object]:
    meta: dict[str, object] = {"page_count": page_count}
    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        return meta
    for key, value in info.items():
        if key in _METADATA_KEYS and str(value).strip():
            meta[_METADATA_KEYS[key]] = str(value).strip()
    return meta


def _image_share(objects: PageObjects, width: float, height: float) -> float:
    area = 0.0
    for x0, top, x1, bottom in objects.images:
        w = min(x1, width) - max(x0, 0.0)
        h = min(bottom, height) - max(top, 0.0)
        area += max(w, 0.0) * max(h, 0.0)
    return min(area / (width * height), 1.0) if width > 0 and height > 0 else 0.0


def _classify(
    chars: list[Char],
    objects: PageObjects,
    size: tuple[float, float],
    settings: IntakeSettings,
    p: LayoutParams,
) -> tuple[PageStatus, str | None]:
    """Decide whether the page's text layer is usable."""
    stats = glyph_stats(chars)
    if stats.total == 0 and objects.images:
        return PageStatus.NEEDS_OCR, "image only, no text layer"
    if stats.total == 0:
        return PageStatus.EMPTY, "blank page"
    if stats.bad > settings.max_bad_glyph_share * stats.total:
        return PageStatus.NEEDS_OCR, f"{stats.bad} of {stats.total} glyphs have no Unicode mapping"
    # A few radical look-alikes are repaired by normalization (data/radicals.tsv); many mean a
    # broken ToUnicode map that probably garbles other characters too.
    if stats.radicals > settings.max_bad_glyph_share * max(stats.letters + stats.radicals, 1):
        return PageStatus.NEEDS_OCR, f"{stats.radicals} radical look-alikes (broken ToUnicode map)"
    if stats.letters >= p.ocr.min_letters and stats.cjk < settings.min_cjk_share * stats.letters:
        return PageStatus.NEEDS_OCR, f"only {stats.cjk} Chinese characters among {stats.letters} letters"
    share = _image_share(objects, *size)
    if stats.total <= p.ocr.image_page_max_chars and share >= p.ocr.image_page_share:
        return PageStatus.NEEDS_OCR, "page is an image with little text"
    return PageStatus.OK, None


def _layout(result: _PageResult, page: pdfium.PdfPage, settings: IntakeSettings, p: LayoutParams) -> None:
    """Fill ``result`` with the page's status, lines and tables."""
    number = result.page.number
    frame = PageFrame(page)
    result.page.width, result.page.height = frame.width, frame.height
    textpage = page.get_textpage()
    try:
        chars = read_chars(textpage, frame)
    finally:
        textpage.close()
    objects = page_objects(page, frame, p.tables)
    status, reason = _classify(chars, objects, (frame.width, frame.height), settings, p)
    result.page.status, result.page.reason = status, reason
    if status == PageStatus.NEEDS_OCR:
        result.notices.append(Notice.make("needs_ocr", page=number, reason=reason))
    if status != PageStatus.OK:
        return
    layout_chars(result, chars, objects, p)


def _read_page(doc: pdfium.PdfDocument, index: int, settings: IntakeSettings, p: LayoutParams) -> _PageResult:
    result = _PageResult(RawPage(number=index + 1))
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        result.load_failed = True
        _fail(result, f"page could not be loaded: {exc}")
        return result
    try:
        _layout(result, page, settings, p)
    except Exception as exc:  # one bad page must not sink the document
        _fail(result, f"{type(exc).__name__}: {exc}")
    finally:
        page.close()
    return result


def _fail(result: _PageResult, reason: str) -> None:
    result.page.status, result.page.reason = PageStatus.FAILED, reason[:200]
    result.lines, result.tables, result.gutter = [], [], None
    result.notices = [Notice.make("page_failed", page=result.page.number, reason=reason[:200])]


class PdfBackend:
    """Reads text PDFs with pdfium: paragraphs, lattice tables, furniture, OCR flags per page."""

    name = "pdfium-5"
    formats: tuple[Format, ...] = (Format.PDF,)

    def read(self, data: bytes, name: str, settings: IntakeSettings) -> RawDocument:
        """Extract the raw blocks of a PDF; raises ``IntakeError`` for encrypted, corrupt or cut files."""
        params = layout_params()
        with _PDFIUM_LOCK:
            doc = _open(bytes(data), name)
            try:
                count = len(doc)
                if count > settings.max_pages:
                    raise IntakeError("too_many_pages", name=name, pages=count, limit=settings.max_pages)
                if count == 0:
                    code = "truncated_file" if _looks_truncated(data) else "corrupt_file"
                    raise IntakeError(code, name=name, reason="the PDF has no pages")
                metadata = _metadata(doc, count)
                results = [_read_page(doc, i, settings, params) for i in range(count)]
            finally:
                doc.close()
        if not _has_eof(data) and any(r.load_failed for r in results):
            raise IntakeError("truncated_file", name=name)
        if any(r.page.status == PageStatus.NEEDS_OCR for r in results):
            from intake.ocr.pdf_pages import ocr_needed_pages

            ocr_needed_pages(bytes(data), results, settings, _PDFIUM_LOCK)
        blocks, furniture, notices = assemble_pages(results, params)
        return RawDocument(
            format=Format.PDF,
            parser=f"{self.name} (pypdfium2 {pdfium.version.PYPDFIUM_INFO})",
            pages=[r.page for r in results],
            blocks=blocks,
            furniture=furniture,
            warnings=notices,
            marks=[m for r in results for m in r.marks],
            metadata=metadata,
        )
