"""Limits and switches for intake, from the environment (prefix ``INTAKE_``) or defaults."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class IntakeSettings(BaseSettings):
    """What intake accepts. Override with environment variables, e.g. ``INTAKE_MAX_PAGES=800``."""

    model_config = SettingsConfigDict(env_prefix="INTAKE_")

    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 1000
    # A PDF page whose text layer has fewer CJK characters than this share of its letters, or
    # more (cid:NN)/private-use glyphs than this share, is marked needs_ocr.
    min_cjk_share: float = 0.2
    max_bad_glyph_share: float = 0.1
    # OCR of scanned PDF pages and images (RapidOCR, offline). ``INTAKE_OCR=false`` keeps scanned
    # pages as needs_ocr and refuses images. Thresholds live in ``intake/data/ocr.yaml``.
    ocr: bool = True
    # Pages OCR'd side by side in worker processes (1 = in this process).
    ocr_workers: int = 1
