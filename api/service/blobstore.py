"""Content-addressed storage of uploaded files: the same bytes are stored once, under their sha256.

``LocalBlobStore`` (default) keeps files under ``<data_dir>/blobs/ab/cd/<sha256>``; ``S3BlobStore``
uses any S3-compatible service (``pip install boto3``; ``ALLIANCE_BLOB_BACKEND=s3``).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol

from api.service.settings import ServiceSettings


class BlobStore(Protocol):
    """What the service needs from a blob store."""

    def put(self, data: bytes) -> str:
        """Store ``data`` (idempotent) and return its sha256."""
        ...

    def get(self, sha256: str) -> bytes:
        """The bytes of a stored blob (``KeyError`` when absent)."""
        ...

    def exists(self, sha256: str) -> bool:
        """Whether the blob is stored."""
        ...

    def delete(self, sha256: str) -> None:
        """Remove a blob (no error when absent)."""
        ...

    def writable(self) -> bool:
        """Whether a write would succeed now (for readiness)."""
        ...


def _check(sha256: str) -> str:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise KeyError(sha256)
    return sha256


class LocalBlobStore:
    """Blobs as files under ``root``; writes are atomic (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, sha256: str) -> Path:
        sha256 = _check(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        path = self._path(sha256)
        if path.exists():
            return sha256
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha256

    def get(self, sha256: str) -> bytes:
        try:
            return self._path(sha256).read_bytes()
        except FileNotFoundError:
            raise KeyError(sha256) from None

    def exists(self, sha256: str) -> bool:
        try:
            return self._path(sha256).exists()
        except KeyError:
            return False

    def delete(self, sha256: str) -> None:
        self._path(sha256).unlink(missing_ok=True)

    def writable(self) -> bool:
        try:
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".probe-"):
                return True
        except OSError:
            return False


class S3BlobStore:
    """Blobs in an S3-compatible bucket (boto3 is an optional dependency)."""

    def __init__(self, bucket: str, prefix: str = "blobs/", endpoint_url: str | None = None) -> None:
        import boto3  # type: ignore[import-not-found]

        self.client: Any = boto3.client("s3", endpoint_url=endpoint_url or None)
        self.bucket = bucket
        self.prefix = prefix

    def _key(self, sha256: str) -> str:
        return f"{self.prefix}{_check(sha256)}"

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        if not self.exists(sha256):
            self.client.put_object(Bucket=self.bucket, Key=self._key(sha256), Body=data)
        return sha256

    def get(self, sha256: str) -> bytes:
        try:
            body = self.client.get_object(Bucket=self.bucket, Key=self._key(sha256))["Body"]
        except Exception as exc:  # noqa: BLE001 - botocore's NoSuchKey is dynamic
            raise KeyError(sha256) from exc
        return bytes(body.read())

    def exists(self, sha256: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(sha256))
        except Exception:  # noqa: BLE001
            return False
        return True

    def delete(self, sha256: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._key(sha256))

    def writable(self) -> bool:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except Exception:  # noqa: BLE001
            return False
        return True


def make_store(settings: ServiceSettings) -> BlobStore:
    """The configured blob store."""
    if settings.blob_backend == "s3":
        return S3BlobStore(settings.s3_bucket, settings.s3_prefix, settings.s3_endpoint_url or None)
    return LocalBlobStore(settings.data_dir / "blobs")
