"""ZIP containers read within limits: entry count, unpacked bytes, compression ratio, encryption.

Declared sizes are checked before anything is inflated, and the bytes actually inflated are
counted while reading (a forged header cannot smuggle more past the limits). Used by the OFD
backend (an OFD file is a ZIP of XML) and by bundles (``intake.bundle``).
"""

import io
import zipfile
import zlib

from intake.settings import IntakeSettings
from models import IntakeError

_CHUNK = 1 << 16
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
                ValueError)
ENCRYPTED_FLAG = 0x1
UTF8_FLAG = 0x800


class UnpackBudget:
    """Bytes still allowed to be inflated; archives nested in one another share one budget."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.left = total


class SafeZip:
    """An open ZIP whose entries are inflated only within ``settings``' limits.

    ``name`` labels the archive in errors; an entry's errors are labelled ``name!entry``.
    """

    def __init__(self, data: bytes, name: str, settings: IntakeSettings, budget: UnpackBudget | None = None) -> None:
        self.name, self.settings = name, settings
        self.budget = budget or UnpackBudget(settings.zip_max_total_bytes)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except _READ_ERRORS as exc:
            raise IntakeError("corrupt_file", name=name, reason=f"not a readable ZIP archive: {exc}") from exc
        if len(infos) > settings.zip_max_entries:
            raise IntakeError("archive_too_large", name=name,
                              reason=f"{len(infos)} entries, limit {settings.zip_max_entries}")
        declared = sum(i.file_size for i in infos)
        if declared > self.budget.left:
            raise IntakeError("archive_too_large", name=name,
                              reason=f"{declared} bytes unpacked, limit {self.budget.total}")
        self.infos = infos
        self._by_path = {_key(i.filename): i for i in infos}

    def label(self, entry: str) -> str:
        return f"{self.name}!{entry}"

    def _room(self) -> int:
        return min(self.settings.max_file_bytes, self.budget.left)

    def _too_big(self, info: zipfile.ZipInfo, entry: str, size: int) -> IntakeError:
        if self.budget.left < self.settings.max_file_bytes:
            return IntakeError("archive_too_large", name=self.name,
                               reason=f"more than {self.budget.total} bytes unpacked")
        return IntakeError("file_too_large", name=self.label(entry), size=size, limit=self.settings.max_file_bytes)

    def _bomb(self, info: zipfile.ZipInfo, size: int) -> bool:
        big = size >= self.settings.zip_ratio_min_bytes
        return big and size > self.settings.zip_max_ratio * max(info.compress_size, 1)

    def read(self, info: zipfile.ZipInfo, entry: str | None = None) -> bytes:
        """Inflate one entry; raises a coded error for an encrypted, oversized, bomb or damaged entry."""
        entry = entry or info.filename
        if info.flag_bits & ENCRYPTED_FLAG:
            raise IntakeError("encrypted_archive", name=self.label(entry))
        room = self._room()
        if info.file_size > room:
            raise self._too_big(info, entry, info.file_size)
        if self._bomb(info, info.file_size):
            raise IntakeError("archive_unsafe", name=self.label(entry),
                              reason=f"compression ratio above {self.settings.zip_max_ratio:g}")
        parts: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as handle:
                while chunk := handle.read(_CHUNK):
                    size += len(chunk)
                    if size > room:
                        raise self._too_big(info, entry, size)
                    if self._bomb(info, size):
                        raise IntakeError("archive_unsafe", name=self.label(entry),
                                          reason=f"compression ratio above {self.settings.zip_max_ratio:g}")
                    parts.append(chunk)
        except IntakeError:
            raise
        except _READ_ERRORS as exc:
            raise IntakeError("corrupt_file", name=self.label(entry), reason=f"{type(exc).__name__}: {exc}") from exc
        finally:
            self.budget.left -= size
        return b"".join(parts)

    def find(self, path: str) -> zipfile.ZipInfo | None:
        """The entry at ``path`` (case-insensitive, backslashes and a leading slash tolerated)."""
        return self._by_path.get(_key(path))


def _key(path: str) -> str:
    return path.replace("\\", "/").lstrip("/").lower()
