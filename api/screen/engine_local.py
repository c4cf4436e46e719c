"""The local engine: worker processes, one task at a time each, with a per-task timeout.

Each worker (``spawn``: no state shared with the parent) imports the pipeline and the checker once
(warm-up, off any clock), then takes tasks: a file (``Job``: ``api.pipeline.analyse_path``, or the
``target`` given as ``module:function``; the extraction comes back as JSON) or a submission to check
(``CheckJob``: the files' stored extractions; the report comes back as JSON). Checking in the pool
keeps the parent light: it only hands out tasks, records results and writes the workbook. The
parent waits on the pipes and fails a task alone when its worker overruns ``file_timeout`` (the
worker is killed) or dies (a crash in native code): a fresh worker takes its place. Workers ignore
Ctrl-C (the parent stops them) and exit when the parent's pipe closes, so a killed parent leaves no
workers behind. ``start`` spawns the workers early, so they warm up while the parent walks the inputs.
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

from api.screen.jobs import CheckContext, CheckDone, CheckJob, Job, OnResult, Tasks, brief_json, failure
from api.screen.settings import ScreenSettings

DEFAULT_TARGET = "api.pipeline:analyse_path"
READY = "ready"


def _resolve(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    func: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return func


def _warm_up() -> None:
    """Import the pipeline and the checker, load pattern files and checklists before the first task."""
    from api.pipeline import analyse_bytes, check_outcomes

    outcome = analyse_bytes("联盟协议\n第一条　本联盟名称为某某产业技术创新联盟。\n".encode(), "warm-up.txt")
    try:
        check_outcomes([outcome], "auto", date.today())
    except Exception:  # noqa: BLE001,S110 - a warm-up only; a real check reports its own failure
        pass


def check_task(job: CheckJob, context: CheckContext) -> CheckDone:
    """Check one submission from its files' stored results (in a worker).

    What goes back is the submission's workbook rows (``rows_of``), not the report: the parent then
    only appends rows, and never parses reports.
    """
    from api.screen.check import check_submission
    from api.screen.group import FileRecord, Submission
    from api.screen.rows import rows_of
    from models.extraction import Extraction

    files = [FileRecord(f.label, f.folder, f.root, Extraction.model_validate_json(f.extraction), f.text)
             for f in job.files]
    checked = check_submission(Submission(job.id, job.name, job.folder, files), context.jurisdiction,
                               date.fromisoformat(context.as_of), context.rule_sets)
    return CheckDone(job.index, rows_of(checked))


def worker_main(conn: Connection, target: str) -> None:
    """A worker's loop: a ``Job`` is answered with ``(key, extraction JSON, text, code, seconds, brief JSON)``, a
    ``CheckJob`` with a ``CheckDone``; a ``CheckContext`` is kept for the checks after it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    analyse = _resolve(target)
    _warm_up()
    try:
        conn.send(READY)
    except (BrokenPipeError, OSError):
        return
    context: CheckContext | None = None
    while True:
        try:
            job: Job | CheckJob | CheckContext | None = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        if isinstance(job, CheckContext):
            context = job
            continue
        message: object
        if isinstance(job, CheckJob):
            assert context is not None
            message = check_task(job, context)
        else:
            start = time.perf_counter()
            outcome = analyse(job.path, date.fromisoformat(job.as_of) if job.as_of else None, name=job.label)
            error = outcome.extraction.error
            message = (job.key, outcome.extraction.model_dump_json(), outcome.text, error.code if error else None,
                       time.perf_counter() - start, brief_json(outcome.extraction))
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
        self.job: Job | CheckJob | None = None
        self.ready = False
        self.context: CheckContext | None = None  # the check context this worker holds
        self.started = 0.0
        self.count = 0

    def give(self, job: Job | CheckJob, context: CheckContext | None) -> None:
        if isinstance(job, CheckJob) and self.context is not context:
            self.conn.send(context)
            self.context = context
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


class _FileTasks:
    """Files only (``LocalEngine.run``): each result goes to ``on_result``."""

    def __init__(self, jobs: Sequence[Job], on_result: OnResult) -> None:
        self.pending = deque(jobs)
        self.on_result = on_result

    def take(self) -> Job | CheckJob | None:
        return self.pending.popleft() if self.pending else None

    def finished(self) -> bool:
        return not self.pending

    def file_done(self, job: Job, extraction: str, text: str | None, code: str | None, seconds: float,
                  brief: str | None = None) -> None:
        self.on_result(job, extraction, text, code, seconds)

    def check_done(self, job: CheckJob, done: CheckDone) -> None:  # pragma: no cover - never given checks
        raise AssertionError("no checks were given")

    def tick(self) -> None:
        return None


class LocalEngine:
    """Run files (and checks) in ``workers`` processes; ``target`` is the analyse function (``module:function``)."""

    checks_in_workers = True

    def __init__(self, workers: int, settings: ScreenSettings | None = None, target: str = DEFAULT_TARGET) -> None:
        self.workers = max(1, workers)
        self.settings = settings or ScreenSettings()
        self.target = target
        self.ctx = mp.get_context("spawn")
        self.restarts = 0
        self._slots: list[_Slot] = []

    def start(self) -> None:
        """Spawn the workers now (they warm up while the caller prepares the work)."""
        while len(self._slots) < self.workers:
            self._slots.append(_Slot(self.ctx, self.target))

    def close(self) -> None:
        """Stop workers started by ``start`` and not used by a run."""
        slots, self._slots = self._slots, []
        for slot in slots:
            slot.stop(kill=slot.job is not None)

    def run(self, jobs: Sequence[Job], on_result: OnResult) -> None:
        """Analyse every job, calling ``on_result`` in this process as each file finishes."""
        if not jobs:
            self.close()
            return
        self.run_tasks(_FileTasks(jobs, on_result), size=len(jobs))

    def run_tasks(self, tasks: Tasks, context: CheckContext | None = None, size: int | None = None) -> None:
        """Run every task ``tasks`` hands out (files and checks) until it is finished; ``size``: at most that
        many workers are useful."""
        wanted = self.workers if size is None else max(1, min(self.workers, size))
        slots, self._slots = self._slots, []
        while len(slots) > wanted:
            slots.pop().stop()
        slots += [_Slot(self.ctx, self.target) for _ in range(wanted - len(slots))]
        try:
            while True:
                for index, slot in enumerate(slots):
                    if slot.ready and slot.job is None:
                        if slot.count >= self.settings.max_files_per_worker:
                            slot.stop()
                            slots[index] = slot = _Slot(self.ctx, self.target)
                            continue
                        task = tasks.take()
                        if task is None:
                            break
                        slot.give(task, context)
                if tasks.finished() and not any(s.job for s in slots):
                    return
                ready = wait([s.conn for s in slots if s.job is not None or not s.ready],
                             timeout=self.settings.poll_seconds)
                for index, slot in enumerate(slots):
                    if not slot.ready and slot.conn in ready:
                        self._started(slot)
                    elif slot.job is not None:
                        slots[index] = self._collect(slot, slot.conn in ready, tasks)
                tasks.tick()
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

    def _collect(self, slot: _Slot, ready: bool, tasks: Tasks) -> _Slot:
        job = slot.job
        assert job is not None
        elapsed = time.monotonic() - slot.started
        if ready:
            try:
                message = slot.conn.recv()
            except (EOFError, OSError):
                return self._replace(slot, tasks, "worker_crashed", exitcode=slot.proc.exitcode)
            slot.job, slot.count = None, slot.count + 1
            if isinstance(job, CheckJob):
                tasks.check_done(job, message)
            else:
                _key, extraction, text, code, seconds, brief = message
                tasks.file_done(job, extraction, text, code, seconds, brief)
            return slot
        if elapsed > self.settings.file_timeout:
            return self._replace(slot, tasks, "file_timeout", seconds=int(self.settings.file_timeout))
        if not slot.proc.is_alive():
            return self._replace(slot, tasks, "worker_crashed", exitcode=slot.proc.exitcode)
        return slot

    def _replace(self, slot: _Slot, tasks: Tasks, code: str, **detail: object) -> _Slot:
        job = slot.job
        assert job is not None
        elapsed = time.monotonic() - slot.started
        slot.stop(kill=True)
        if code == "worker_crashed":
            detail["exitcode"] = slot.proc.exitcode
        self.restarts += 1
        if isinstance(job, CheckJob):
            shown = ", ".join(f"{k}={v}" for k, v in detail.items())
            tasks.check_done(job, CheckDone(job.index, problem=f"{code} ({shown})"))
        else:
            tasks.file_done(job, failure(job, code, **detail), None, code, elapsed)
        return _Slot(self.ctx, self.target)
