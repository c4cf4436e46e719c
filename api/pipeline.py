"""Parse → extract → check: the one path every surface (CLI, HTTP service, screening) takes.

Bad input never raises out of here: a file that cannot be read becomes an ``Extraction`` with a
coded ``error`` and the rest of the submission goes on. A defect in our own code is caught per file
too and reported as ``internal_error``, so one hostile file cannot stop a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checklists.schema import RuleSet
from intake.bundle import BundleItem, expand_archive
from intake.ingest import parse_bytes
from intake.settings import IntakeSettings, default_settings
from models import Document, IntakeError
from models.extraction import Extraction
from models.report import GapReport, MatrixReport


@dataclass
class FileOutcome:
    """One file after intake and extraction. ``document`` is None when the file failed."""

    name: str
    extraction: Extraction
    document: Document | None = None

    @property
    def failed(self) -> bool:
        return self.extraction.error is not None

    @property
    def text(self) -> str | None:
        return self.document.text if self.document is not None else None


def parse_safely(data: bytes, name: str, settings: IntakeSettings | None = None, *,
                 converted: bytes | IntakeError | None = None) -> Document:
    """``parse_bytes``, with any defect of ours turned into a coded ``internal_error``."""
    try:
        if converted is None:
            return parse_bytes(data, name, settings)
        return parse_bytes(data, name, settings, converted=converted)
    except IntakeError:
        raise
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop a batch
        raise IntakeError("internal_error", name=name, reason=f"{type(exc).__name__}: {exc}") from exc


def analyse_bytes(data: bytes, name: str, as_of: date | None = None,
                  settings: IntakeSettings | None = None, file: str | None = None, *,
                  converted: bytes | IntakeError | None = None) -> FileOutcome:
    """Parse and extract one file; failures come back as an outcome with ``extraction.error``.

    ``name`` is the file name (it drives format hints and ``Document.file_name``); ``file`` is the
    label reports use for it (a path, an archive member), ``name`` by default. ``converted`` is a
    batch LibreOffice conversion done ahead (``analyse_items``).
    """
    from extractors.pipeline import extract_document

    label = file or name
    try:
        doc = parse_safely(data, name, settings, converted=converted)
    except IntakeError as error:
        return FileOutcome(label, Extraction(file=label, error=error.info()))
    try:
        extraction = extract_document(doc, label, as_of)
    except Exception as exc:  # noqa: BLE001 - same isolation for the extractors
        defect = IntakeError("internal_error", name=name, reason=f"{type(exc).__name__}: {exc}")
        return FileOutcome(label, Extraction(file=label, error=defect.info()), doc)
    return FileOutcome(label, extraction, doc)


def analyse_path(path: str | Path, as_of: date | None = None, settings: IntakeSettings | None = None,
                 name: str | None = None) -> FileOutcome:
    """``analyse_bytes`` on a file on disk; ``name`` defaults to the path as given."""
    label = name or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return FileOutcome(label, Extraction(file=label, error=IntakeError("file_not_found", name=label).info()))
    except IsADirectoryError:
        error = IntakeError("unsupported_format", name=label, format="directory")
        return FileOutcome(label, Extraction(file=label, error=error.info()))
    return analyse_bytes(data, Path(path).name, as_of, settings, file=label)


def analyse_items(items: Sequence[BundleItem], as_of: date | None = None,
                  settings: IntakeSettings | None = None) -> list[FileOutcome]:
    """Analyse the files of a bundle or a command line; legacy formats are converted in one batch."""
    from intake.backends.legacy import preconvert

    settings = settings or default_settings()
    readable = [(i.name, i.data) for i in items if i.data is not None]
    conversions = iter(preconvert(readable, settings))
    outcomes: list[FileOutcome] = []
    for item in items:
        if item.data is None:
            error = item.error or IntakeError("internal_error", name=item.label, reason="no data and no error")
            outcomes.append(FileOutcome(item.label, Extraction(file=item.label, error=error.info())))
        else:
            outcomes.append(analyse_bytes(item.data, item.name, as_of, settings, file=item.label,
                                          converted=next(conversions)))
    return outcomes


def analyse_bundle(data: bytes, name: str, as_of: date | None = None,
                   settings: IntakeSettings | None = None) -> list[FileOutcome]:
    """Analyse every file of a ZIP bundle; each entry succeeds or fails alone (``name!entry`` labels)."""
    return analyse_items(expand_archive(data, name, settings), as_of, settings)


def check_outcomes(outcomes: Sequence[FileOutcome], jurisdiction: str = "auto", as_of: date | None = None,
                   *, rule_sets: Mapping[str, RuleSet] | None = None,
                   name: str | None = None) -> GapReport | MatrixReport:
    """Check one submission's files. Raises ``KeyError`` for an unknown jurisdiction id."""
    from checklists.checker import check

    texts = {o.name: o.text for o in outcomes if o.text is not None}
    return check([o.extraction for o in outcomes], jurisdiction, as_of, texts=texts,
                 rule_sets=rule_sets, name=name)


def texts_of(outcomes: Iterable[FileOutcome]) -> dict[str, str]:
    """File name → normalized text, for renderers that show the documents."""
    return {o.name: o.text for o in outcomes if o.text is not None}
