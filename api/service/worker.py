"""Embedded workers: processes on this machine taking jobs from the database.

Each worker claims a job with a lease, renews it while the document is parsed in a sandboxed
child, records the result idempotently and takes the next. A killed worker's lease runs out and
another worker (or the same one, restarted) takes the job again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import time
from types import FrameType

from api.service.context import Service
from api.service.ids import new_id
from api.service.settings import ServiceSettings
from api.service.tables import Worker

log = logging.getLogger(__name__)
SWEEP_SECONDS = 10.0
PURGE_SECONDS = 3600.0


class _Stop:
    def __init__(self) -> None:
        self.flag = False

    def __call__(self, _signum: int, _frame: FrameType | None) -> None:
        self.flag = True


def heartbeat(service: Service, worker_id: str, kind: str = "db") -> None:
    """Record that a worker is alive."""
    with service.db.session() as session:
        row = session.get(Worker, worker_id)
        if row is None:
            session.add(Worker(id=worker_id, kind=kind, host=socket.gethostname(), pid=os.getpid(), last_seen=time.time()))
        else:
            row.last_seen = time.time()


def run_worker(settings: ServiceSettings, max_jobs: int | None = None, idle_exit: bool = False) -> int:
    """Take jobs until SIGTERM/SIGINT (or ``max_jobs``, or no work left with ``idle_exit``); jobs run."""
    from api.service.processing import run_one, sweep
    from api.service.sandbox import warm_up
    from api.service.submissions import purge

    stop = _Stop()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    service = Service(settings)
    warm_up()
    worker_id = f"{socket.gethostname()}:{os.getpid()}:{new_id()[:8]}"
    done = 0
    last_beat = last_sweep = last_purge = 0.0
    while not stop.flag and (max_jobs is None or done < max_jobs):
        now = time.monotonic()
        if now - last_beat >= settings.heartbeat_seconds:
            heartbeat(service, worker_id)
            last_beat = now
        if now - last_sweep >= SWEEP_SECONDS:
            sweep(service)
            last_sweep = now
        if now - last_purge >= PURGE_SECONDS:
            purge(service)
            last_purge = now
        if run_one(service, worker_id):
            done += 1
            continue
        if idle_exit:
            if not sweep(service):
                break
            continue
        time.sleep(settings.poll_seconds)
    return done


def _process_main(settings: ServiceSettings) -> None:
    logging.basicConfig(level=logging.INFO)
    run_worker(settings)


def start_workers(settings: ServiceSettings, count: int) -> list[multiprocessing.process.BaseProcess]:
    """Start ``count`` worker processes (spawned: a clean interpreter each)."""
    ctx = multiprocessing.get_context("spawn")
    processes: list[multiprocessing.process.BaseProcess] = []
    for _ in range(count):
        process = ctx.Process(target=_process_main, args=(settings,), daemon=False)
        process.start()
        processes.append(process)
    return processes


def stop_workers(processes: list[multiprocessing.process.BaseProcess], timeout: float = 10.0) -> None:
    """SIGTERM each worker, wait, then kill what is left."""
    for process in processes:
        if process.is_alive() and process.pid is not None:
            os.kill(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
