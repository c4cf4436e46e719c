"""Limits and defaults of bulk screening, from the environment (prefix ``ALLIANCE_SCREEN_``) or defaults."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class ScreenSettings(BaseSettings):
    """Override with environment variables, e.g. ``ALLIANCE_SCREEN_FILE_TIMEOUT=600``."""

    model_config = SettingsConfigDict(env_prefix="ALLIANCE_SCREEN_")

    # a file that takes longer than this is failed alone (its worker is killed and replaced)
    file_timeout: float = 300.0
    # a worker process is replaced after this many files (bounds slow leaks in native libraries)
    max_files_per_worker: int = 500
    # how long the parent waits for results before it looks at timeouts and dead workers again
    poll_seconds: float = 0.2
    # resume state: results are committed every this many files or this many seconds, whichever first
    state_batch: int = 64
    state_flush_seconds: float = 1.0
    # archives inside given folders nested deeper than this are refused (each archive's own limits
    # are intake's: INTAKE_ZIP_MAX_ENTRIES, INTAKE_ZIP_MAX_TOTAL_BYTES, INTAKE_ZIP_MAX_RATIO)
    max_archive_depth: int = 2
    # the state database sits next to the workbook: <out><state_suffix>
    state_suffix: str = ".state.sqlite"
    # Celery engine: tasks in flight per worker slot, and how long one task may take
    celery_inflight: int = 4
    celery_task_timeout: float = 600.0
    # the summary sheet lists this many most frequently missing requirements per jurisdiction
    top_missing: int = 10
    # generic endings removed before alliance names are compared (产业技术创新战略联盟 → the distinctive part)
    alliance_suffixes: list[str] = ["产业技术创新战略联盟", "产业技术创新联盟", "产学研协同创新联盟", "技术创新战略联盟",
                                    "技术创新联盟", "创新战略联盟", "创新联盟", "战略联盟", "联盟"]
