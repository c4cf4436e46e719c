"""Build ZIP archives for tests: legacy (GBK) entry names, links, flags, forged sizes."""

import io
import struct
import zipfile
from dataclasses import dataclass


class _RawNameInfo(zipfile.ZipInfo):
    """An entry whose stored name is given as bytes, without the UTF-8 flag (as WinRAR on GBK Windows)."""

    raw_name: bytes = b""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 - zipfile's hook
        return self.raw_name, self.flag_bits & ~0x800


@dataclass
class Entry:
    name: str
    data: bytes
    encoding: str | None = None  # store the name in this encoding without the UTF-8 flag
    symlink: bool = False
    encrypted_flag: bool = False
    stored: bool = False


def make_zip(entries: list[Entry]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for e in entries:
            if e.encoding:
                info: zipfile.ZipInfo = _RawNameInfo(e.name)
                info.raw_name = e.name.encode(e.encoding)  # type: ignore[attr-defined]
            else:
                info = zipfile.ZipInfo(e.name)
            info.compress_type = zipfile.ZIP_STORED if e.stored else zipfile.ZIP_DEFLATED
            if e.symlink:
                info.external_attr = 0o120777 << 16
            z.writestr(info, e.data)
    data = buf.getvalue()
    for e in entries:
        if e.encrypted_flag:
            data = _flag_encrypted(data, e.name.encode(e.encoding or "utf-8"))
    return data


def _flag_encrypted(data: bytes, name: bytes) -> bytes:
    """Set the 'encrypted' bit of entry ``name`` (zipfile cannot write encrypted entries)."""
    out = bytearray(data)
    start = 0
    while (i := out.find(b"PK\x01\x02", start)) >= 0:
        length = struct.unpack_from("<H", out, i + 28)[0]
        if bytes(out[i + 46 : i + 46 + length]) == name:
            out[i + 8] |= 1
            local = struct.unpack_from("<I", out, i + 42)[0]
            out[local + 6] |= 1
        start = i + 4
    return bytes(out)


def files(mapping: dict[str, bytes]) -> bytes:
    return make_zip([Entry(name, data) for name, data in mapping.items()])


def forge_sizes(data: bytes, declared: int) -> bytes:
    """Rewrite every central-directory and local header to declare ``declared`` unpacked bytes."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (i := out.find(sig, start)) >= 0:
            struct.pack_into("<I", out, i + offset, declared)
            start = i + 4
    return bytes(out)
