"""OFD backend (GB/T 33190, China's fixed-layout format): our own reader, the PDF layout pipeline.

``ofd_package`` finds the pages, ``ofd_page`` turns each page's text objects and paths into
character boxes and ruling lines (points, origin top-left); from there the PDF backend's
geometry does the rest: rows and lines, lattice tables, two columns, headers and footers,
paragraphs joined across lines and pages. A page that cannot be read fails alone.
"""

import zlib
from xml.etree.ElementTree import Element

from intake.backends.ofd_package import MM_TO_PT, OfdPackage, Pages, local, page_size, pages_of
from intake.backends.ofd_page import read_page
from intake.backends.page_layout import PageResult, assemble_pages, layout_chars
from intake.backends.pdf_params import LayoutParams, layout_params
from intake.raw import RawDocument, RawPage
from intake.settings import IntakeSettings
from models import Format, IntakeError, Notice, PageStatus

_BAD_INPUT = (ValueError, KeyError, IndexError, OverflowError, zlib.error, EOFError, OSError)


def _roots(pkg: OfdPackage, path: str, pages: Pages) -> tuple[Element, list[Element]]:
    page = pkg.xml(path)
    if page is None:
        raise ValueError(f"page part {path} is missing")
    roots: list[Element] = []
    for ref in (c for c in page if local(c.tag) == "Template"):
        template = pages.templates.get(ref.get("TemplateID", ""))
        root = pkg.xml(template) if template else None
        if root is not None:
            roots.append(root)
    return page, [*roots, page]


def _layout(result: PageResult, pkg: OfdPackage, path: str, pages: Pages, p: LayoutParams) -> None:
    page, roots = _roots(pkg, path, pages)
    width, height = page_size(page) or pages.default_size
    result.page.width, result.page.height = width * MM_TO_PT, height * MM_TO_PT
    content = read_page(roots, p.tables)
    number = result.page.number
    if not any(not c.text.isspace() for c in content.chars):
        result.page.status = PageStatus.NEEDS_OCR if content.objects.images else PageStatus.EMPTY
        result.page.reason = "image only, no text" if content.objects.images else "blank page"
        if content.objects.images:
            result.notices.append(Notice.make("needs_ocr", page=number, reason=result.page.reason))
        return
    layout_chars(result, content.chars, content.objects, p)


def _read_page(pkg: OfdPackage, number: int, path: str, pages: Pages, p: LayoutParams) -> PageResult:
    result = PageResult(RawPage(number=number))
    try:
        _layout(result, pkg, path, pages, p)
    except IntakeError:
        raise  # an unsafe part (DOCTYPE, bomb) refuses the whole file
    except (*_BAD_INPUT, RecursionError) as exc:
        reason = f"{type(exc).__name__}: {exc}"[:200]
        result.page.status, result.page.reason = PageStatus.FAILED, reason
        result.lines, result.tables, result.gutter = [], [], None
        result.notices = [Notice.make("page_failed", page=number, reason=reason)]
    return result


class OfdBackend:
    """Reads OFD documents: text with positions, ruled tables, page sizes from PhysicalBox."""

    name: str = "ofd-1"
    formats: tuple[Format, ...] = (Format.OFD,)

    def read(self, data: bytes, name: str, settings: IntakeSettings) -> RawDocument:
        """Extract the raw blocks of an OFD file; raises ``IntakeError`` for unsafe or corrupt files."""
        try:
            return self._read(data, name, settings)
        except IntakeError:
            raise
        except RecursionError as exc:
            raise IntakeError("corrupt_file", name=name, reason="content nested too deeply") from exc
        except _BAD_INPUT as exc:
            raise IntakeError("corrupt_file", name=name, reason=f"{type(exc).__name__}: {exc}") from exc

    def _read(self, data: bytes, name: str, settings: IntakeSettings) -> RawDocument:
        pkg = OfdPackage(data, name, settings)
        doc_path, document = pkg.document()
        pages = pages_of(doc_path, document)
        if not pages.contents:
            raise pkg.corrupt("the document has no pages")
        if len(pages.contents) > settings.max_pages:
            raise IntakeError("too_many_pages", name=name, pages=len(pages.contents), limit=settings.max_pages)
        params = layout_params()
        results = [_read_page(pkg, i + 1, path, pages, params) for i, path in enumerate(pages.contents)]
        blocks, furniture, notices = assemble_pages(results, params)
        metadata: dict[str, object] = {"page_count": len(results)}
        title = pkg.title()
        if title:
            metadata["title"] = title
        return RawDocument(format=Format.OFD, parser=self.name, pages=[r.page for r in results], blocks=blocks,
                           furniture=furniture, warnings=notices, metadata=metadata)
