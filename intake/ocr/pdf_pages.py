"""OCR of the PDF pages that have no usable text layer (marked needs_ocr by the PDF backend).

Each page is rendered with pdfium (under the backend's lock: pdfium is not thread-safe), then
recognised outside the lock; with ``INTAKE_OCR_WORKERS`` > 1 the pages are recognised in worker
processes side by side.
"""

import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from intake.backends.page_layout import PageResult
from intake.ocr.config import ocr_config, reread_config
from intake.ocr.engine import engine, use_threads
from intake.ocr.layout import PlacedLine
from intake.ocr.page import ocr_page
from intake.settings import IntakeSettings
from models import PageStatus


def _render(data: bytes | str, index: int, lock: threading.Lock, scale: float | None = None) -> np.ndarray:
    scale = scale or float(ocr_config()["render"]["scale"])
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


_WORKER_LOCK = threading.Lock()  # pdfium in a worker process (the backend's lock stays in the parent)


@dataclass(frozen=True)
class _SharperFromFile:
    """Renders a page of the PDF at ``path`` at the signatory names' scale (sent to workers)."""

    path: str
    index: int

    def __call__(self) -> np.ndarray:
        return _render(self.path, self.index, _WORKER_LOCK, _sharper_scale())


def _sharper_scale() -> float:
    return float(reread_config()["render_scale"])


def _ocr_one(image: np.ndarray, number: int, sharper: Callable[[], np.ndarray]) -> tuple[PageResult, list[PlacedLine]]:
    return ocr_page(image, number, 1.0 / float(ocr_config()["render"]["scale"]), sharper)


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
            index = r.page.number - 1
            sharper = partial(_render, data, index, lock, _sharper_scale())
            yield _ocr_one(_render(data, index, lock), r.page.number, sharper)
        return
    pool = _pool(settings.ocr_workers)
    with tempfile.TemporaryDirectory(prefix="intake-ocr-") as folder:
        path = Path(folder) / "source.pdf"
        path.write_bytes(data)  # the workers render signature cells from it again
        futures = [
            pool.submit(_ocr_one, _render(data, r.page.number - 1, lock), r.page.number,
                        _SharperFromFile(str(path), r.page.number - 1))
            for r in todo
        ]
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
