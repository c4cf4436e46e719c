"""Analyse one document in a child process with a memory limit (RLIMIT_AS) and a timeout.

A hostile file can crash, hang or bloat only the child: the parent kills it at the deadline and
records a coded failure (``processing_timeout``, ``memory_limit``, ``internal_error``). The parent
calls ``on_wait`` about once a second while it waits (the worker renews its lease there).
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from models import IntakeError

_CTX = multiprocessing.get_context("fork")


@dataclass
class Analysis:
    """What a file job records: the extraction (with ``error`` when it failed) and the document."""

    extraction_json: str
    document_json: str | None
    error: dict[str, Any] | None
    format: str | None
    pages: int | None
    ocr_pages: int | None


def analyse_data(data: bytes, name: str, max_pages: int, max_file_bytes: int, reject_active_pdf: bool) -> Analysis:
    """Screen, parse and extract in this process (the child's body; also used by tests)."""
    from api.pipeline import analyse_bytes
    from api.service.screen import screen
    from intake.settings import IntakeSettings
    from models.extraction import Extraction

    try:
        screen(data, name, reject_active_pdf)
    except IntakeError as error:
        return failure(name, error)
    settings = IntakeSettings(max_pages=max_pages, max_file_bytes=max_file_bytes)
    outcome = analyse_bytes(data, name, None, settings)
    error_info = outcome.extraction.error
    doc = outcome.document
    return Analysis(
        extraction_json=Extraction.model_dump_json(outcome.extraction),
        document_json=doc.model_dump_json() if doc is not None else None,
        error=error_info.model_dump(mode="json") if error_info is not None else None,
        format=doc.format.value if doc is not None else None,
        pages=doc.page_count if doc is not None else None,
        ocr_pages=sum(1 for p in doc.pages if p.ocr) if doc is not None else None,
    )


def warm_up() -> None:
    """Import the pipeline and load its data once in the parent, so every forked child starts warm."""
    analyse_data("第一条　本联盟名称为某某产业技术创新战略联盟。".encode(), "warm-up.txt", 10, 1 << 20, True)


def failure(name: str, error: IntakeError) -> Analysis:
    """An analysis that records ``error`` for the file."""
    from models.extraction import Extraction

    info = error.info()
    return Analysis(Extraction(file=name, error=info).model_dump_json(), None, info.model_dump(mode="json"),
                    None, None, None)


def _near_limit(memory: int) -> bool:
    """Whether this process's peak address space came close to ``memory`` (RLIMIT_AS).

    Allocation failures inside C extensions do not always surface as MemoryError (pdfium, numpy
    and the regex engine may raise SystemError or their own errors), so a failure in a child that
    reached 90 % of its limit is the limit at work.
    """
    if memory <= 0:
        return False
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return False
    for line in status.splitlines():
        if line.startswith("VmPeak:"):
            return int(line.split()[1]) * 1024 >= 0.9 * memory
    return False


def _child(conn: Connection, data: bytes, name: str, limits: dict[str, Any]) -> None:
    memory = int(limits["memory_mb"]) * 1024 * 1024
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        result: object = analyse_data(data, name, limits["max_pages"], limits["max_file_bytes"], limits["reject_active_pdf"])
        # the pipeline turns any exception into internal_error; a MemoryError here is the limit at work
        if isinstance(result, Analysis) and result.error and (
                str(result.error.get("detail", {}).get("reason", "")).startswith("MemoryError") or _near_limit(memory)):
            result = ("memory", None)
    except MemoryError:
        result = ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - report everything to the parent
        result = ("memory", None) if _near_limit(memory) else ("crash", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("memory", None))
    conn.close()


def analyse_isolated(data: bytes, name: str, *, timeout: float, memory_mb: int, max_pages: int,
                     max_file_bytes: int, reject_active_pdf: bool = True,
                     on_wait: Callable[[], None] | None = None) -> Analysis:
    """Run :func:`analyse_data` in a forked child; failures of the child become coded results."""
    limits = {"memory_mb": memory_mb, "max_pages": max_pages, "max_file_bytes": max_file_bytes,
              "reject_active_pdf": reject_active_pdf}
    receiver, sender = _CTX.Pipe(duplex=False)
    child = _CTX.Process(target=_child, args=(sender, data, name, limits), daemon=True)
    child.start()
    sender.close()
    deadline = time.monotonic() + timeout
    result: object = None
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return failure(name, IntakeError("processing_timeout", name=name, seconds=int(timeout)))
            if receiver.poll(min(1.0, remaining)):
                try:
                    result = receiver.recv()
                except EOFError:
                    result = None
                break
            if not child.is_alive() and not receiver.poll(0):
                break
            if on_wait is not None:
                on_wait()
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if isinstance(result, Analysis):
        return result
    if isinstance(result, tuple) and result[0] == "crash":
        return failure(name, IntakeError("internal_error", name=name, reason=str(result[1])))
    if isinstance(result, tuple) and result[0] == "memory" or child.exitcode in (-9, 1) and result is None:
        return failure(name, IntakeError("memory_limit", name=name, limit_mb=memory_mb))
    return failure(name, IntakeError("internal_error", name=name, reason=f"worker child exited with {child.exitcode}"))
