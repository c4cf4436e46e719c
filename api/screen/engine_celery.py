"""The Celery engine: the same per-file work on Celery workers (``alliance.analyse_file``), checked locally.

Files travel as base64 (the task contract of ``api/celery_app.py``); the broker is
``$ALLIANCE_BROKER_URL``. At most ``slots × celery_inflight`` files are in the broker at once, so a
large batch never sits in Redis as a whole. A task that does not finish within
``celery_task_timeout`` is revoked and its file fails alone (``file_timeout``).
"""

from __future__ import annotations

import base64
import time
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from api.screen.jobs import Job, OnResult, failure
from api.screen.settings import ScreenSettings


class CeleryEngine:
    """Send each file to ``alliance.analyse_file`` and collect the results as they come."""

    def __init__(self, slots: int, settings: ScreenSettings | None = None, app: Any = None) -> None:
        self.settings = settings or ScreenSettings()
        self.window = max(1, slots) * self.settings.celery_inflight
        self.app = app

    def _app(self) -> Any:
        if self.app is None:
            from api.celery_app import make_app

            self.app = make_app()
        return self.app

    def _send(self, job: Job) -> Any:
        from api.celery_app import ANALYSE_FILE

        data = base64.b64encode(Path(job.path).read_bytes()).decode("ascii")
        return self._app().send_task(ANALYSE_FILE, args=[Path(job.path).name, data, job.as_of])

    def run(self, jobs: Sequence[Job], on_result: OnResult) -> None:
        """Analyse every job on the Celery workers, calling ``on_result`` here as each file finishes."""
        from models.extraction import Extraction

        pending = deque(jobs)
        inflight: dict[str, tuple[Job, Any, float]] = {}
        try:
            while pending or inflight:
                while pending and len(inflight) < self.window:
                    job = pending.popleft()
                    try:
                        inflight[job.key] = (job, self._send(job), time.monotonic())
                    except OSError:
                        on_result(job, failure(job, "file_not_found"), None, "file_not_found", 0.0)
                for key, (job, result, sent) in list(inflight.items()):
                    elapsed = time.monotonic() - sent
                    if result.ready():
                        del inflight[key]
                        value = result.get(propagate=False)
                        result.forget()
                        if not isinstance(value, dict):
                            on_result(job, failure(job, "internal_error", reason=repr(value)), None, "internal_error",
                                      elapsed)
                            continue
                        extraction = Extraction.model_validate(value["extraction"])
                        extraction.file = job.label  # the task knows the file by its base name only
                        code = extraction.error.code if extraction.error else None
                        on_result(job, extraction.model_dump_json(), value.get("text"), code, elapsed)
                    elif elapsed > self.settings.celery_task_timeout:
                        del inflight[key]
                        result.revoke()
                        seconds = int(self.settings.celery_task_timeout)
                        on_result(job, failure(job, "file_timeout", seconds=seconds), None, "file_timeout", elapsed)
                if inflight:
                    time.sleep(self.settings.poll_seconds)
        finally:
            for _job, result, _sent in inflight.values():
                result.revoke()
