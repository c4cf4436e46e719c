"""Expanding a ZIP archive safely, into a scratch directory.

This is the one function to swap for ``intake/bundle.py`` once that exists: it returns the members
as files on disk with labels, and the members it refused as coded errors. Safety: names that
climb out (``..``, absolute, drive letters) are refused, and the member count, each member's size
and the expanded total are capped (``ScreenSettings``); sizes are counted while copying, so a
member lying about its size cannot run past the cap.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from api.screen.settings import ScreenSettings
from models import IntakeError
from models.errors import ErrorInfo

_UTF8_FLAG = 0x800
_CHUNK = 1024 * 1024


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


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; names written without the UTF-8 flag by Chinese Windows tools are GBK."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def _unsafe(name: str) -> str | None:
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if ".." in path.parts:
        return "path leaves the archive"
    return None


def _copy_capped(source: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limit: int) -> int:
    written = 0
    with source.open(info) as src, target.open("wb") as dst:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > limit:
                raise OverflowError(written)
            dst.write(chunk)
    return written


def expand_zip(archive: Path, label: str, dest: Path, settings: ScreenSettings) -> Expanded:
    """Expand ``archive`` (shown as ``label``) under ``dest``; never raises for a bad archive."""
    out = Expanded()
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if len(infos) > settings.max_archive_members:
                reason = f"{len(infos)} members, limit {settings.max_archive_members}"
                out.refused.append((label, IntakeError("archive_unsafe", name=label, reason=reason).info()))
                return out
            total = 0
            for index, info in enumerate(infos):
                name = member_name(info)
                shown = f"{label}!{name}"
                if PurePosixPath(name).name.startswith(".") or name.startswith("__MACOSX/"):
                    continue
                if (why := _unsafe(name)) is not None:
                    out.refused.append((shown, IntakeError("archive_unsafe", name=shown, reason=why).info()))
                    continue
                limit = min(settings.max_member_bytes, settings.max_archive_bytes - total)
                target = dest / f"{index:05d}" / PurePosixPath(name).name
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    size = _copy_capped(zf, info, target, limit)
                except OverflowError:
                    shutil.rmtree(target.parent, ignore_errors=True)
                    error = IntakeError("file_too_large", name=shown, size=info.file_size, limit=limit)
                    out.refused.append((shown, error.info()))
                    continue
                total += size
                out.members.append(Member(name, target, size, info.CRC))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        out.refused.append((label, IntakeError("corrupt_file", name=label, reason=f"{type(exc).__name__}: {exc}").info()))
    return out


# The swap point for intake/bundle.py.
expand_archive = expand_zip


def is_archive(path: Path) -> bool:
    """A ZIP bundle (by name: a .docx is a ZIP too, but it is a document)."""
    return path.suffix.lower() == ".zip"
