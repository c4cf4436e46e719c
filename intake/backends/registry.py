"""Which backend reads which format. Backends are imported lazily: a text file never loads pdfium."""

from importlib import import_module

from intake.backends.base import Backend
from models import Format

# format -> "module:Class"
BACKENDS: dict[Format, str] = {
    Format.PDF: "intake.backends.pdf:PdfBackend",
    Format.DOCX: "intake.backends.docx:DocxBackend",
    Format.TEXT: "intake.backends.text:TextBackend",
    Format.DOC: "intake.backends.legacy:LegacyOfficeBackend",
    Format.WPS: "intake.backends.legacy:LegacyOfficeBackend",
    Format.RTF: "intake.backends.legacy:LegacyOfficeBackend",
    Format.ODT: "intake.backends.legacy:LegacyOfficeBackend",
    Format.OFD: "intake.backends.ofd:OfdBackend",
    Format.PNG: "intake.backends.image:ImageBackend",
    Format.JPEG: "intake.backends.image:ImageBackend",
    Format.TIFF: "intake.backends.image:ImageBackend",
    Format.BMP: "intake.backends.image:ImageBackend",
    Format.WEBP: "intake.backends.image:ImageBackend",
}

# A ZIP that is no document package is a bundle of files: ``intake.bundle`` opens it, not a backend.
BUNDLE: Format = Format.ZIP

_cache: dict[Format, Backend] = {}


def backend_for(fmt: Format) -> Backend | None:
    """Return the backend instance for ``fmt``, or None when no backend reads it."""
    if fmt not in BACKENDS:
        return None
    if fmt not in _cache:
        module_name, class_name = BACKENDS[fmt].split(":")
        _cache[fmt] = getattr(import_module(module_name), class_name)()
    return _cache[fmt]
