"""Bundles: one submission's files as a ZIP, a directory, or several paths, expanded into items.

Each item is a file to parse, labelled where it came from (``archive.zip!folder/name.docx``),
holding its bytes or the coded error that file alone fails with: an unsafe name (``..``,
absolute, drive letter, a link), an encrypted entry, an entry over the size or ratio limits, a
damaged entry. A ZIP inside the bundle is opened too (``bundle_max_depth`` levels), within the
same unpacked-bytes budget. macOS and Windows clutter (``__MACOSX/``, ``.DS_Store``…) is skipped.
A ZIP that is a document package (DOCX, OFD, ODT…) is a file, not a bundle.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from intake.bundle_names import base_name, decode_name, is_junk, unsafe_reason
from intake.detect import detect_format
from intake.safe_zip import SafeZip, UnpackBudget
from intake.settings import IntakeSettings, default_settings
from models import Format, IntakeError


@dataclass
class BundleItem:
    """One file of a submission: ``label`` for reports, ``name`` (its file name) for parsing."""

    label: str
    name: str
    data: bytes | None = None
    error: IntakeError | None = None


def is_bundle(data: bytes, name: str) -> bool:
    """Whether ``data`` is a ZIP of files rather than a document that happens to be a ZIP."""
    try:
        return detect_format(data, name).format == Format.ZIP
    except IntakeError:
        return False


def _failed(label: str, error: IntakeError) -> BundleItem:
    return BundleItem(label, base_name(label.rsplit("!", 1)[-1]), error=error)


def expand_archive(data: bytes, label: str, settings: IntakeSettings | None = None, *, depth: int = 0,
                   budget: UnpackBudget | None = None) -> list[BundleItem]:
    """The files inside the ZIP ``data`` (labelled ``label!entry``), each with its bytes or its error."""
    settings = settings or default_settings()
    budget = budget or UnpackBudget(settings.zip_max_total_bytes)
    try:
        archive = SafeZip(data, label, settings, budget)
    except IntakeError as error:
        return [_failed(label, error)]
    items: list[BundleItem] = []
    for info in archive.infos:
        entry = decode_name(info)
        if info.is_dir() or is_junk(entry):
            continue
        entry_label = f"{label}!{entry}"
        reason = unsafe_reason(entry, info)
        if reason is not None:
            items.append(_failed(entry_label, IntakeError("archive_unsafe", name=entry_label, reason=reason)))
            continue
        try:
            content = archive.read(info, entry)
        except IntakeError as error:
            items.append(_failed(entry_label, error))
            continue
        if not is_bundle(content, entry):
            items.append(BundleItem(entry_label, base_name(entry), content))
        elif depth >= settings.bundle_max_depth:
            reason = f"archives nested more than {settings.bundle_max_depth} level(s) deep"
            items.append(_failed(entry_label, IntakeError("archive_unsafe", name=entry_label, reason=reason)))
        else:
            items.extend(expand_archive(content, entry_label, settings, depth=depth + 1, budget=budget))
    return items


def _read_file(path: Path, label: str, settings: IntakeSettings) -> list[BundleItem]:
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise IntakeError("file_too_large", name=label, size=size, limit=settings.max_file_bytes)
        data = path.read_bytes()
    except FileNotFoundError:
        return [_failed(label, IntakeError("file_not_found", name=label))]
    except IsADirectoryError:
        return [_failed(label, IntakeError("unsupported_format", name=label, format="directory"))]
    except IntakeError as error:
        return [_failed(label, error)]
    if is_bundle(data, path.name):
        return expand_archive(data, label, settings)
    return [BundleItem(label, path.name, data)]


def expand_inputs(paths: Iterable[str | Path], settings: IntakeSettings | None = None) -> Iterator[BundleItem]:
    """Files, directories (recursively) and ZIP bundles given on a command line, as items in order."""
    settings = settings or default_settings()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = file.relative_to(path).as_posix()
                if not file.name.startswith(".") and not is_junk(relative):
                    yield from _read_file(file, str(file), settings)
        else:
            yield from _read_file(path, str(given), settings)
