"""Limits and switches for intake, from the environment (prefix ``INTAKE_``) or defaults."""

from functools import cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class IntakeSettings(BaseSettings):
    """What intake accepts. Override with environment variables, e.g. ``INTAKE_MAX_PAGES=800``."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_", frozen=True)

    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 1000
    # A PDF page whose text layer has fewer CJK characters than this share of its letters, or
    # more (cid:NN)/private-use glyphs than this share, is marked needs_ocr.
    min_cjk_share: float = 0.2
    max_bad_glyph_share: float = 0.1

    # Legacy word-processing files (.doc, .wps, .rtf, .odt) go through LibreOffice headless.
    # The executable (a name on PATH or a path), the time one call may take (a batch of N files
    # gets the start-up allowance once plus the per-file allowance N times) and the address-space
    # limit of the converter process.
    soffice_command: str = "soffice"
    soffice_startup_seconds: float = 60.0
    soffice_seconds_per_file: float = 60.0
    soffice_memory_mb: int = 3072
    soffice_max_batch: int = 50  # files per soffice call; larger batches are split

    # ZIP containers (bundles of documents, OFD packages): entries, unpacked bytes, and the
    # compression ratio above which an entry larger than ``zip_ratio_min_bytes`` is a bomb.
    zip_max_entries: int = 1000
    zip_max_total_bytes: int = 500 * 1024 * 1024
    zip_max_ratio: float = 200.0
    zip_ratio_min_bytes: int = 1024 * 1024
    bundle_max_depth: int = 1  # a ZIP inside a ZIP is opened; one further level is refused

    # OCR of scanned PDF pages and images (RapidOCR, offline). ``INTAKE_OCR=false`` keeps scanned
    # pages as needs_ocr and refuses images. Thresholds live in ``intake/data/ocr.yaml``.
    ocr: bool = True
    # Pages OCR'd side by side in worker processes (1 = in this process).
    ocr_workers: int = 1


@cache
def default_settings() -> IntakeSettings:
    """The settings from the environment, read once per process (reading them costs milliseconds,
    as much as parsing a small file). Callers with other limits pass their own ``IntakeSettings``;
    after changing the environment in-process, call ``default_settings.cache_clear()``."""
    return IntakeSettings()
