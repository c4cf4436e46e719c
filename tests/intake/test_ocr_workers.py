"""OCR worker processes: started ahead of the first scan with their models loaded."""

import os

import pytest

from intake.ocr import engine as engine_module
from intake.ocr.pdf_pages import _pool, warm_up
from intake.settings import IntakeSettings


def _engine_state() -> tuple[int, bool]:
    return os.getpid(), engine_module._ENGINE is not None


@pytest.mark.slow
def test_warm_up_starts_every_worker_with_its_models_loaded() -> None:
    warm_up(IntakeSettings(ocr_workers=2))
    pool = _pool(2)
    states = [pool.submit(_engine_state).result() for _ in range(6)]
    assert all(loaded for _, loaded in states)
    assert all(pid != os.getpid() for pid, _ in states)


def test_warm_up_with_one_worker_starts_no_process() -> None:
    before = _pool.cache_info().currsize
    warm_up(IntakeSettings(ocr_workers=1))
    assert _pool.cache_info().currsize == before
