"""Expanding a ZIP archive into a scratch directory, through intake's bundle reader.

``intake.bundle.expand_archive`` does the safety work (GBK names, one nested level, traversal and
link names refused, entry-count, size and ratio limits counted on the bytes actually inflated);
this module writes the accepted members to disk so worker processes can read them by path.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from pathlib import Path

from api.screen.settings import ScreenSettings
from intake.bundle import expand_archive as expand_bundle
from models import IntakeError
from models.errors import ErrorInfo


@dataclass(frozen=True)
class Member:
    """One expanded member: ``name`` inside the archive (POSIX), ``path`` where it was written."""

    name: str
    path: Path
    size: int
    crc: int


@dataclass
class Expanded:
    """What an archive gave: its members on disk and the members (or the archive) it refused."""

    members: list[Member] = field(default_factory=list)
    refused: list[tuple[str, ErrorInfo]] = field(default_factory=list)


def expand_archive(archive: Path, label: str, dest: Path, settings: ScreenSettings) -> Expanded:
    """Expand ``archive`` (shown as ``label``) under ``dest``; never raises for a bad archive."""
    del settings  # the limits are intake's (INTAKE_ZIP_*), the same for every surface
    out = Expanded()
    try:
        data = archive.read_bytes()
    except OSError as exc:
        out.refused.append((label, IntakeError("corrupt_file", name=label, reason=str(exc)).info()))
        return out
    for index, item in enumerate(expand_bundle(data, label)):
        if item.error is not None or item.data is None:
            error = item.error or IntakeError("corrupt_file", name=item.label, reason="no content")
            out.refused.append((item.label, error.info()))
            continue
        inner = item.label[len(label) + 1:] if item.label.startswith(f"{label}!") else item.name
        target = dest / f"{index:05d}" / item.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.data)
        out.members.append(Member(inner, target, len(item.data), zlib.crc32(item.data)))
    return out


def is_archive(path: Path) -> bool:
    """A ZIP bundle (by name: a .docx is a ZIP too, but it is a document)."""
    return path.suffix.lower() == ".zip"
