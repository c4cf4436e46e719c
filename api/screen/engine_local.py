"""The local engine: worker processes, one file at a time each, with a per-file timeout.

Each worker (``spawn``: no state shared with the parent) runs ``api.pipeline.analyse_path`` (or the
``target`` given as ``module:function``) on one file and sends back the extraction as JSON. The
parent hands out files, waits on the pipes, and fails a file alone when its worker overruns
``file_timeout`` (the worker is killed) or dies (a crash in native code): a fresh worker takes its
place. Workers ignore Ctrl-C (the parent stops them) and exit when the parent's pipe closes, so a
killed parent leaves no workers behind.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from datetime import date
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from api.screen.jobs import Job, OnResult, failure
from api.screen.settings import ScreenSettings

DEFAULT_TARGET = "api.pipeline:analyse_path"
READY = "ready"


def _resolve(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    func: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return func


def _warm_up() -> None:
    """Import the pipeline and load its pattern files before the first file (not on its timeout clock)."""
    from api.pipeline import analyse_bytes

    analyse_bytes("联盟协议\n第一条　本联盟名称为某某产业技术创新联盟。\n".encode(), "warm-up.txt")


def worker_main(conn: Connection, target: str) -> None:
    """A worker's loop: receive a job, analyse the file, send ``(key, extraction JSON, text, code, seconds)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    analyse = _resolve(target)
    _warm_up()
    try:
        conn.send(READY)
    except (BrokenPipeError, OSError):
        return
    while True:
        try:
            job: Job | None = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        start = time.perf_counter()
        outcome = analyse(job.path, date.fromisoformat(job.as_of) if job.as_of else None, name=job.label)
        error = outcome.extraction.error
        message = (job.key, outcome.extraction.model_dump_json(), outcome.text, error.code if error else None,
                   time.perf_counter() - start)
        try:
            conn.send(message)
        except (BrokenPipeError, OSError):
            return


class _Slot:
    def __init__(self, ctx: Any, target: str) -> None:
        self.conn, child = ctx.Pipe()
        self.proc: BaseProcess = ctx.Process(target=worker_main, args=(child, target), daemon=True)
        self.proc.start()
        child.close()
        self.job: Job | None = None
        self.ready = False
        self.started = 0.0
        self.count = 0

    def give(self, job: Job) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send(job)

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()


class LocalEngine:
    """Analyse files in ``workers`` processes; ``target`` is the analyse function (``module:function``)."""

    def __init__(self, workers: int, settings: ScreenSettings | None = None, target: str = DEFAULT_TARGET) -> None:
        self.workers = max(1, workers)
        self.settings = settings or ScreenSettings()
        self.target = target
        self.ctx = mp.get_context("spawn")
        self.restarts = 0

    def run(self, jobs: Sequence[Job], on_result: OnResult) -> None:
        """Analyse every job, calling ``on_result`` in this process as each file finishes."""
        pending = deque(jobs)
        slots = [_Slot(self.ctx, self.target) for _ in range(min(self.workers, len(pending)))]
        try:
            while pending or any(s.job for s in slots):
                for index, slot in enumerate(slots):
                    if slot.ready and slot.job is None and pending:
                        if slot.count >= self.settings.max_files_per_worker:
                            slot.stop()
                            slots[index] = slot = _Slot(self.ctx, self.target)
                            continue
                        slot.give(pending.popleft())
                ready = wait([s.conn for s in slots if s.job is not None or not s.ready],
                             timeout=self.settings.poll_seconds)
                for index, slot in enumerate(slots):
                    if not slot.ready and slot.conn in ready:
                        self._started(slot)
                    elif slot.job is not None:
                        slots[index] = self._collect(slot, slot.conn in ready, on_result)
        finally:
            for slot in slots:
                slot.stop(kill=slot.job is not None)

    def _started(self, slot: _Slot) -> None:
        try:
            message = slot.conn.recv()
        except (EOFError, OSError):
            message = None
        if message != READY:
            raise RuntimeError(f"a screening worker failed to start (exit code {slot.proc.exitcode})")
        slot.ready = True

    def _collect(self, slot: _Slot, ready: bool, on_result: OnResult) -> _Slot:
        job = slot.job
        assert job is not None
        elapsed = time.monotonic() - slot.started
        if ready:
            try:
                _key, extraction, text, code, seconds = slot.conn.recv()
            except (EOFError, OSError):
                return self._replace(slot, on_result, "worker_crashed", exitcode=slot.proc.exitcode)
            slot.job, slot.count = None, slot.count + 1
            on_result(job, extraction, text, code, seconds)
            return slot
        if elapsed > self.settings.file_timeout:
            return self._replace(slot, on_result, "file_timeout", seconds=int(self.settings.file_timeout))
        if not slot.proc.is_alive():
            return self._replace(slot, on_result, "worker_crashed", exitcode=slot.proc.exitcode)
        return slot

    def _replace(self, slot: _Slot, on_result: OnResult, code: str, **detail: object) -> _Slot:
        job = slot.job
        assert job is not None
        elapsed = time.monotonic() - slot.started
        slot.stop(kill=True)
        if code == "worker_crashed":
            detail["exitcode"] = slot.proc.exitcode
        self.restarts += 1
        on_result(job, failure(job, code, **detail), None, code, elapsed)
        return _Slot(self.ctx, self.target)
