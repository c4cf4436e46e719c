"""Checks on a file's bytes before a parser sees them: polyglots and PDFs with active content."""

from __future__ import annotations

import re

from models import IntakeError

_MAGICS: tuple[tuple[str, bytes], ...] = (
    ("zip", b"PK\x03\x04"),
    ("ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ("png", b"\x89PNG\r\n\x1a\n"),
    ("jpeg", b"\xff\xd8\xff"),
    ("gif", b"GIF8"),
    ("elf", b"\x7fELF"),
    ("exe", b"MZ"),
    ("rtf", b"{\\rtf"),
)
# PDF names of scripts, actions that launch things, and attached files (also in #xx-escaped form)
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")
_PDF_HEAD = 1024


def _pdf_name_unescape(data: bytes) -> bytes:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)


def screen(data: bytes, name: str, reject_active_pdf: bool = True) -> None:
    """Raise ``IntakeError`` for a polyglot or (optionally) a PDF with scripts or embedded files."""
    pdf_at = data.find(b"%PDF-", 0, _PDF_HEAD)
    if pdf_at < 0:
        return
    others = [fmt for fmt, magic in _MAGICS if data.startswith(magic)]
    if pdf_at > 0 and others:
        raise IntakeError("polyglot_file", name=name, formats="+".join(["pdf", *others]))
    if b"PK\x03\x04" in data[-65536:] and b"PK\x05\x06" in data[-65536:]:
        raise IntakeError("polyglot_file", name=name, formats="pdf+zip")
    if not reject_active_pdf:
        return
    found = sorted({m.group(1).decode() for m in _ACTIVE.finditer(_pdf_name_unescape(data))})
    if found:
        raise IntakeError("pdf_active_content", name=name, reason=", ".join("/" + f for f in found))
