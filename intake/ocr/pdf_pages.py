"""OCR of the PDF pages that have no usable text layer (marked needs_ocr by the PDF backend).

Each page is rendered with pdfium (under the backend's lock: pdfium is not thread-safe), then
recognised outside the lock; with ``INTAKE_OCR_WORKERS`` > 1 the pages are recognised in worker
processes side by side.
"""

import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache

import numpy as np
import pypdfium2 as pdfium

from intake.backends.page_layout import PageResult
from intake.ocr.config import ocr_config
from intake.ocr.engine import engine, use_threads
from intake.ocr.layout import PlacedLine
from intake.ocr.page import ocr_page
from intake.settings import IntakeSettings
from models import PageStatus


def _render(data: bytes, index: int, lock: threading.Lock) -> np.ndarray:
    scale = float(ocr_config()["render"]["scale"])
    with lock:
        doc = pdfium.PdfDocument(data)
        try:
            page = doc[index]
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True)
                image = np.array(bitmap.to_numpy()[:, :, :3])
            finally:
                page.close()
        finally:
            doc.close()
    return image


def _ocr_one(image: np.ndarray, number: int) -> tuple[PageResult, list[PlacedLine]]:
    return ocr_page(image, number, 1.0 / float(ocr_config()["render"]["scale"]))


def _start_worker() -> None:
    use_threads(1)
    engine()  # the models load as the worker starts, side by side with the other workers


@cache
def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)


def warm_up(settings: IntakeSettings) -> None:
    """Start the OCR worker processes and load their models now rather than at the first scan
    (benchmarks, which count model loading as start-up, not as time per page)."""
    if settings.ocr_workers > 1:
        pool = _pool(settings.ocr_workers)
        for future in [pool.submit(int) for _ in range(settings.ocr_workers)]:
            future.result()


def _recognised(
    data: bytes, todo: list[PageResult], settings: IntakeSettings, lock: threading.Lock
) -> Iterator[tuple[PageResult, list[PlacedLine]]]:
    if settings.ocr_workers <= 1 or len(todo) < 2:
        for r in todo:
            yield _ocr_one(_render(data, r.page.number - 1, lock), r.page.number)
        return
    pool = _pool(settings.ocr_workers)
    futures = [pool.submit(_ocr_one, _render(data, r.page.number - 1, lock), r.page.number) for r in todo]
    for future in futures:
        yield future.result()


def ocr_needed_pages(data: bytes, results: list[PageResult], settings: IntakeSettings, lock: threading.Lock) -> None:
    """Replace each needs_ocr page of ``results`` by its OCR reading (in place)."""
    todo = [r for r in results if r.page.status == PageStatus.NEEDS_OCR]
    if not settings.ocr:
        return  # the pages stay needs_ocr, with their needs_ocr notice
    by_number = {r.page.number: i for i, r in enumerate(results)}
    for fresh, _ in _recognised(data, todo, settings, lock):
        i = by_number[fresh.page.number]
        old = results[i]
        kept = [n for n in old.notices if n.code != "needs_ocr"]
        fresh.page.width, fresh.page.height = old.page.width or fresh.page.width, old.page.height or fresh.page.height
        fresh.notices = kept + fresh.notices
        results[i] = fresh
