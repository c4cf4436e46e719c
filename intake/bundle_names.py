"""Entry names of a bundle: decoding legacy (GBK) names, junk to skip, names that are unsafe."""

import re
import struct
import zipfile
import zlib
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from intake.safe_zip import UTF8_FLAG
from models.data_files import load_yaml

_DATA = Path(__file__).with_name("data") / "bundle.yaml"
_UNICODE_PATH_EXTRA = 0x7075  # Info-ZIP Unicode Path: version, CRC-32 of the stored name, UTF-8 name
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_S_IFMT, _S_IFLNK = 0o170000, 0o120000


@cache
def bundle_params() -> dict[str, Any]:
    """Junk names and name encodings (``intake/data/bundle.yaml``), loaded once."""
    data: dict[str, Any] = load_yaml(_DATA)
    return data


def _unicode_path(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    extra = info.extra
    i = 0
    while i + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, i)
        body = extra[i + 4 : i + 4 + size]
        if kind == _UNICODE_PATH_EXTRA and len(body) > 5 and body[0] == 1:
            if struct.unpack_from("<I", body, 1)[0] == zlib.crc32(raw):
                try:
                    return body[5:].decode("utf-8")
                except UnicodeDecodeError:
                    return None
        i += 4 + size
    return None


def decode_name(info: zipfile.ZipInfo) -> str:
    """The entry's real name: UTF-8 when flagged, else the Unicode Path field, UTF-8 or GBK bytes."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    try:
        raw = info.orig_filename.encode("cp437")  # zipfile decoded the stored bytes as CP437
    except UnicodeEncodeError:
        return info.filename
    unicode_path = _unicode_path(info, raw)
    if unicode_path:
        return unicode_path
    if raw.isascii():
        return info.filename
    for encoding in bundle_params()["legacy_name_encodings"]:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def is_junk(name: str) -> bool:
    """Whether ``name`` (a path inside the bundle) is operating-system or editor clutter."""
    p = bundle_params()
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if any(part in p["junk_folders"] for part in parts[:-1]):
        return True
    base = parts[-1] if parts else ""
    return base in p["junk_names"] or base.startswith(tuple(p["junk_prefixes"]))


def unsafe_reason(name: str, info: zipfile.ZipInfo | None = None) -> str | None:
    """Why an entry must not be opened (a path leaving the archive, a link), or None."""
    path = name.replace("\\", "/")
    if path.startswith("/"):
        return "absolute path"
    if _DRIVE.match(path):
        return "drive letter in the path"
    if ".." in path.split("/"):
        return "the path leaves the archive (..)"
    if _CONTROL.search(path):
        return "control characters in the name"
    if info is not None and (info.external_attr >> 16) & _S_IFMT == _S_IFLNK:
        return "symbolic link"
    return None


def base_name(name: str) -> str:
    """The file name at the end of an entry path."""
    return PurePosixPath(name.replace("\\", "/")).name or name
