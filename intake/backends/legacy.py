"""Legacy word-processing formats (.doc, .wps, .rtf, .odt): LibreOffice converts, DocxBackend reads.

``Document.format`` stays what the file is (doc, wps, rtf, odt); ``parser`` says both steps
(``libreoffice+docx-ooxml-1``). ``preconvert`` converts the legacy files of a batch with one
soffice call, so a submission of twenty .doc files pays the converter's start-up once.
"""

from collections.abc import Sequence

from intake.backends.docx import DocxBackend
from intake.detect import detect_format
from intake.libreoffice import ConversionJob, Converted, convert_many, convert_one
from intake.raw import RawDocument
from intake.settings import IntakeSettings
from models import Format, IntakeError, Notice

CONVERTED_FORMATS: frozenset[Format] = frozenset({Format.DOC, Format.WPS, Format.RTF, Format.ODT})


def read_converted(fmt: Format, docx: bytes, name: str, settings: IntakeSettings) -> RawDocument:
    """Read the DOCX LibreOffice made of a ``fmt`` file as that file's raw document."""
    raw = DocxBackend().read(docx, name, settings)
    raw.format = fmt
    raw.parser = f"libreoffice+{raw.parser}"
    raw.warnings.insert(0, Notice.make("converted_by_libreoffice", format=fmt.value))
    raw.metadata["converted_from"] = fmt.value
    return raw


class LegacyOfficeBackend:
    """Reads .doc, .wps, .rtf and .odt through a LibreOffice conversion to DOCX."""

    name: str = "libreoffice"
    formats: tuple[Format, ...] = tuple(sorted(CONVERTED_FORMATS))

    def read(self, data: bytes, name: str, settings: IntakeSettings) -> RawDocument:
        """Convert ``data`` (one file) and read the result."""
        fmt = detect_format(data, name).format
        docx = convert_one(ConversionJob(name, data, fmt.value), settings)
        return read_converted(fmt, docx, name, settings)


def preconvert(items: Sequence[tuple[str, bytes]], settings: IntakeSettings) -> list[Converted | None]:
    """Convert the legacy files among ``(name, bytes)`` items in one batch; None for the others.

    Files that are empty, too large or undetectable are left to ``parse_bytes`` to report.
    """
    jobs: list[ConversionJob] = []
    where: list[int] = []
    for index, (name, data) in enumerate(items):
        if not data or len(data) > settings.max_file_bytes:
            continue
        try:
            fmt = detect_format(data, name).format
        except IntakeError:
            continue
        if fmt in CONVERTED_FORMATS:
            jobs.append(ConversionJob(name, data, fmt.value))
            where.append(index)
    out: list[Converted | None] = [None] * len(items)
    for index, result in zip(where, convert_many(jobs, settings), strict=True):
        out[index] = result
    return out
