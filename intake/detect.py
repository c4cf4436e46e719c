"""Detect a file's format from its content; the name only adds a warning when it disagrees."""

import io
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from intake.decode import looks_like_text
from models import Format, IntakeError, Notice
from models.data_files import load_yaml

_TABLE = Path(__file__).with_name("data") / "formats.yaml"


@cache
def _table() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(_TABLE)
    for sig in data["signatures"]:
        sig["magic"] = sig["magic"].encode("latin-1")
    return data


@dataclass
class Detection:
    """The detected format and any warnings about the file's name."""

    format: Format
    warnings: list[Notice] = field(default_factory=list)


def _by_signature(data: bytes) -> str | None:
    for sig in _table()["signatures"]:
        magic: bytes = sig["magic"]
        if "search" in sig:
            if magic in data[: sig["search"]]:
                return str(sig["format"])
        elif data[sig["offset"] : sig["offset"] + len(magic)] == magic:
            if sig["format"] == "webp" and not data.startswith(b"RIFF"):
                continue
            return str(sig["format"])
    return None


def _inside_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for rule in _table()["zip_members"]:
                if "member" in rule and rule["member"] in names:
                    return str(rule["format"])
                if "mimetype" in rule and "mimetype" in names:
                    if archive.read("mimetype")[:100].decode("ascii", "replace").strip() == rule["mimetype"]:
                        return str(rule["format"])
    except (zipfile.BadZipFile, OSError, EOFError):
        return "zip"  # a damaged archive; the backend reports it
    return "zip"


def _inside_ole(data: bytes) -> str:
    head = data[: 1 << 20]
    for rule in _table()["ole_streams"]:
        if rule["stream"].encode("utf-16-le") in head:
            return str(rule["format"])
    return "ole"


def _from_extension(name: str) -> Format | None:
    ext = PurePath(name).suffix.lower().lstrip(".")
    for fmt, extensions in _table()["extensions"].items():
        if ext in extensions:
            return Format(fmt)
    return None


def detect_format(data: bytes, name: str) -> Detection:
    """Return the format of ``data``; ``name`` is used only to warn about a misleading extension."""
    kind = _by_signature(data)
    if kind == "zip":
        kind = _inside_zip(data)
    elif kind == "ole":
        kind = _inside_ole(data)
        if kind == "encrypted_office":
            raise IntakeError("encrypted_office", name=name)
        if kind == "doc" and _from_extension(name) == Format.WPS:
            kind = "wps"
    elif kind is None:
        kind = "text" if looks_like_text(data) else "unknown"
    fmt = Format(kind)
    detection = Detection(fmt)
    expected = _from_extension(name)
    if expected is not None and expected != fmt and fmt != Format.UNKNOWN:
        ext = PurePath(name).suffix.lower()
        detection.warnings.append(Notice.make("format_mismatch", extension=ext, format=fmt.value))
    return detection
