"""Service settings from the environment (prefix ``ALLIANCE_``) or defaults; every limit lives here."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Where data lives, how work is queued, and what the service accepts."""

    model_config = SettingsConfigDict(env_prefix="ALLIANCE_", extra="ignore")

    # storage
    data_dir: Path = Path("alliance-data")
    database_url: str = ""  # default: sqlite:///<data_dir>/alliance.db ; PostgreSQL: postgresql+psycopg://…
    blob_backend: Literal["local", "s3"] = "local"
    s3_bucket: str = ""
    s3_prefix: str = "blobs/"
    s3_endpoint_url: str = ""
    retention_days: int = 180
    sqlite_busy_timeout_ms: int = 30000

    # binding and access
    host: str = "127.0.0.1"
    auth_required: bool = False  # without a key: local single-user mode, only on 127.0.0.1
    rate_limit_per_second: float = 20.0
    rate_limit_burst: int = 200
    # browser sessions (the web pages): an API key exchanged for an HttpOnly cookie
    session_ttl_seconds: int = 8 * 3600
    session_secret: str = ""  # HMAC key of session cookies; default: <data_dir>/session-secret (made once)
    session_cookie_secure: bool = False  # Secure flag even on plain http (always set when the request is https)

    # upload limits
    max_upload_bytes: int = 200 * 1024 * 1024
    max_files_per_upload: int = 1000
    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 1000
    max_zip_entries: int = 2000
    max_zip_total_bytes: int = 1024 * 1024 * 1024
    max_zip_ratio: int = 200
    reject_pdf_active_content: bool = True

    # background work
    queue: Literal["db", "celery"] = "db"
    broker_url: str = "redis://127.0.0.1:6379/0"
    # Redis hands a task that was delivered but not acknowledged (acks_late: its worker died) to
    # another worker after this long. It bounds how long a killed Celery worker's job waits; a job
    # that simply runs longer is redelivered too, finds its lease held and retries until it is done,
    # so it is never run twice. Kept at least ``lease_seconds`` (above the retry countdown).
    visibility_timeout_seconds: float = 300.0
    lease_seconds: float = 60.0
    heartbeat_seconds: float = 5.0
    poll_seconds: float = 0.2
    worker_seen_seconds: float = 60.0
    doc_timeout_seconds: float = 300.0
    doc_memory_mb: int = 4096
    max_attempts: int = 3

    # progress streams
    sse_interval_seconds: float = 0.5
    sse_max_seconds: float = 3600.0

    def db_url(self) -> str:
        """The SQLAlchemy URL (SQLite under ``data_dir`` unless ``database_url`` is set)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'alliance.db').resolve()}"

    @property
    def local_mode(self) -> bool:
        """No key needed: only when bound to the loopback address and auth is not required."""
        return self.host == "127.0.0.1" and not self.auth_required


@cache
def get_settings() -> ServiceSettings:
    """The process-wide settings (read once)."""
    return ServiceSettings()
