"""Reading an upload: the multipart body streamed under a size limit, names checked, ZIPs opened safely.

Upload-level problems raise a coded ``IntakeError`` (the route answers 4xx): a body over the limit
(413 as soon as the limit is passed, or at once from Content-Length), an empty upload, a wrong
content type, a traversal name, a zip bomb. Problems with one file's content are not found here:
they fail that file later, while the rest of the batch goes on.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from api.service.settings import ServiceSettings
from intake.bundle import expand_archive
from intake.detect import detect_format
from intake.settings import IntakeSettings
from models import Format, IntakeError

_BAD_NAME = re.compile(r"[\x00-\x1f]")


@dataclass
class Group:
    """The files of one submission."""

    name: str
    files: list[tuple[str, bytes]] = field(default_factory=list)


@dataclass
class Upload:
    """A parsed upload: one group per submission, and the form fields."""

    groups: list[Group]
    jurisdiction: str = "auto"
    as_of: date | None = None
    name: str | None = None


def check_name(name: str) -> str:
    """A file name as given, refused when it is a path that climbs out or is absolute."""
    clean = name.replace("\\", "/")
    if _BAD_NAME.search(clean) or clean.startswith("/") or re.match(r"^[A-Za-z]:", clean):
        raise IntakeError("unsafe_file_name", name=name[:200])
    parts = PurePosixPath(clean).parts
    if any(p == ".." for p in parts):
        raise IntakeError("unsafe_file_name", name=name[:200])
    return clean.strip("/")


async def _limited(request: Request, limit: int) -> AsyncGenerator[bytes, None]:
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise IntakeError("upload_too_large", limit=limit)
        yield chunk


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


async def read_upload(request: Request, settings: ServiceSettings) -> Upload:
    """Stream and parse the multipart body of ``POST /submissions``."""
    ctype = request.headers.get("content-type", "")
    if not ctype.lower().startswith("multipart/form-data"):
        raise IntakeError("unsupported_media_type", content_type=ctype[:100] or "none", expected="multipart/form-data")
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > settings.max_upload_bytes:
        raise IntakeError("upload_too_large", limit=settings.max_upload_bytes)
    if length == "0":
        raise IntakeError("empty_upload")
    parser = MultiPartParser(request.headers, _limited(request, settings.max_upload_bytes),
                             max_files=settings.max_files_per_upload, max_fields=50)
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise IntakeError("invalid_request", reason=exc.message) from exc
    try:
        uploads = [v for k, v in form.multi_items() if k in ("files", "files[]") and isinstance(v, UploadFile)]
        files: list[tuple[str, bytes]] = []
        for index, upload in enumerate(uploads):
            name = check_name(upload.filename or f"file-{index + 1}") or f"file-{index + 1}"
            files.append((name, await upload.read()))
        fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    finally:
        await form.close()
    return _assemble(files, fields, settings)


def _assemble(files: list[tuple[str, bytes]], fields: dict[str, str], settings: ServiceSettings) -> Upload:
    if not files:
        raise IntakeError("empty_upload")
    as_of = None
    if _text(fields.get("as_of")):
        try:
            as_of = date.fromisoformat(fields["as_of"].strip())
        except ValueError:
            raise IntakeError("invalid_request", reason="as_of must be a date YYYY-MM-DD") from None
    jurisdiction = _text(fields.get("jurisdiction")) or "auto"
    groups = split_groups(files, settings)
    name = _text(fields.get("name"))
    count = sum(len(g.files) for g in groups)
    if count > settings.max_files_per_upload:
        raise IntakeError("too_many_files", count=count, limit=settings.max_files_per_upload)
    return Upload(groups, jurisdiction[:80], as_of, name[:300] if name else None)


def is_plain_zip(data: bytes, name: str) -> bool:
    """A ZIP archive (not a DOCX/XLSX/ODT, which are ZIPs too)."""
    return data[:4] == b"PK\x03\x04" and detect_format(data, name).format == Format.ZIP


def split_groups(files: list[tuple[str, bytes]], settings: ServiceSettings) -> list[Group]:
    """One submission, or — for a single ZIP of top-level folders — one submission per folder."""
    if len(files) == 1 and is_plain_zip(files[0][1], files[0][0]):
        zip_name, data = files[0]
        members = expand_zip(data, zip_name, settings)
        tops = {PurePosixPath(n).parts[0] for n, _ in members}
        foldered = all(len(PurePosixPath(n).parts) > 1 for n, _ in members)
        if members and foldered and len(tops) > 1:
            groups = {top: Group(top) for top in sorted(tops)}
            for n, d in members:
                groups[PurePosixPath(n).parts[0]].files.append((n, d))
            return list(groups.values())
        label = next(iter(tops)) if members and foldered else PurePosixPath(zip_name).stem
        return [Group(label, members)]
    out: list[tuple[str, bytes]] = []
    for name, data in files:
        out.extend(expand_zip(data, name, settings) if is_plain_zip(data, name) else [(name, data)])
    return [Group(PurePosixPath(files[0][0]).stem, out)]


def expand_zip(data: bytes, zip_name: str, settings: ServiceSettings) -> list[tuple[str, bytes]]:
    """The files of a ZIP, read by intake's bundle reader with the service's limits.

    Over HTTP a hostile archive is refused as a whole (a coded 4xx for the upload): the first
    entry the reader refused (traversal or link name, encrypted entry, bomb, too many entries)
    is raised.
    """
    limits = IntakeSettings(zip_max_entries=settings.max_zip_entries,
                            zip_max_total_bytes=settings.max_zip_total_bytes, zip_max_ratio=settings.max_zip_ratio)
    out: list[tuple[str, bytes]] = []
    for item in expand_archive(data, zip_name, limits):
        if item.error is not None or item.data is None:
            raise item.error or IntakeError("corrupt_file", name=item.label, reason="no content")
        inner = item.label[len(zip_name) + 1:] if item.label.startswith(f"{zip_name}!") else item.name
        out.append((check_name(inner), item.data))
    if not out:
        raise IntakeError("empty_upload")
    return out
