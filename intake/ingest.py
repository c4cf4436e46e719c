"""The intake entry points: bytes or a path in, a normalized ``Document`` out."""

import hashlib
from collections.abc import Sequence
from pathlib import Path

from intake.assemble import assemble
from intake.backends.registry import BUNDLE, backend_for
from intake.detect import detect_format
from intake.settings import IntakeSettings, default_settings
from intake.structure import build_outline
from models import Document, IntakeError, Notice
from models.chinese import to_simplified


def parse_bytes(data: bytes, name: str, settings: IntakeSettings | None = None, *,
                converted: bytes | IntakeError | None = None) -> Document:
    """Parse one file's bytes. Raises ``IntakeError`` for bad input (empty, corrupt, encrypted…).

    ``converted`` is the LibreOffice conversion of a legacy file done ahead in a batch
    (``parse_many``); without it a legacy file is converted on its own.
    """
    settings = settings or default_settings()
    if not data:
        raise IntakeError("empty_file", name=name)
    if len(data) > settings.max_file_bytes:
        raise IntakeError("file_too_large", name=name, size=len(data), limit=settings.max_file_bytes)
    detection = detect_format(data, name)
    if detection.format == BUNDLE:
        raise IntakeError("archive_is_bundle", name=name)
    backend = backend_for(detection.format)
    if backend is None:
        raise IntakeError("unsupported_format", name=name, format=detection.format.value)
    if isinstance(converted, IntakeError):
        raise converted
    if converted is not None:
        from intake.backends.legacy import read_converted

        raw = read_converted(detection.format, converted, name, settings)
    else:
        raw = backend.read(data, name, settings)
    if len(raw.pages) > settings.max_pages:
        raise IntakeError("too_many_pages", name=name, pages=len(raw.pages), limit=settings.max_pages)
    assembled = assemble(raw)
    match_text = to_simplified(assembled.text)
    outline = build_outline(assembled.text, match_text, assembled.blocks)
    blocks = assembled.blocks + assembled.furniture
    for index, block in enumerate(blocks):
        block.id = index
    warnings: list[Notice] = [*detection.warnings, *raw.warnings]
    doc = Document(
        file_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        format=raw.format,
        parser=raw.parser,
        page_count=len(raw.pages),
        text=assembled.text,
        pages=assembled.pages,
        blocks=blocks,
        tables=assembled.tables,
        outline=outline,
        lines=assembled.lines,
        marks=raw.marks,
        warnings=warnings,
        metadata=dict(raw.metadata),
    )
    doc.__dict__["match_text"] = match_text
    return doc


def parse_many(items: Sequence[tuple[str, bytes]],
               settings: IntakeSettings | None = None) -> list[Document | IntakeError]:
    """Parse several ``(name, bytes)`` files; legacy formats are converted in one LibreOffice call.

    Each file succeeds or fails alone: the result holds its ``Document`` or its ``IntakeError``.
    """
    from intake.backends.legacy import preconvert

    settings = settings or default_settings()
    out: list[Document | IntakeError] = []
    for (name, data), converted in zip(items, preconvert(items, settings), strict=True):
        try:
            out.append(parse_bytes(data, name, settings, converted=converted))
        except IntakeError as error:
            out.append(error)
    return out


def parse_path(path: str | Path, settings: IntakeSettings | None = None) -> Document:
    """Parse the file at ``path``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IntakeError("file_not_found", name=str(path)) from exc
    except IsADirectoryError as exc:
        raise IntakeError("unsupported_format", name=str(path), format="directory") from exc
    return parse_bytes(data, path.name, settings)

