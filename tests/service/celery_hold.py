"""The Celery app for the kill-a-worker test: api.celery_app with an observable, holdable analysis.

Start a worker with ``celery -A tests.service.celery_hold worker`` and ``ALLIANCE_TEST_HOLD_DIR``
set. Every analysis appends ``start|end <TAB> name <TAB> pid`` to ``analyses.log`` there; a file whose name
(its last part) starts with ``hold`` waits, before its analysis, while the file ``hold`` exists (renewing its lease
as a long parse does), after writing ``running.<pid>`` — so the test knows which worker to kill and
that the worker is inside the job.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import api.service.processing as processing
from api.celery_app import app
from api.service.sandbox import Analysis

HOLD_DIR = Path(os.environ["ALLIANCE_TEST_HOLD_DIR"])
_analyse = processing.analyse_isolated


def _note(event: str, name: str) -> None:
    with (HOLD_DIR / "analyses.log").open("a") as log:
        log.write(f"{event}\t{name}\t{os.getpid()}\n")


def analyse_observed(data: bytes, name: str, *, on_wait: Callable[[], None] | None = None, **limits: Any) -> Analysis:
    """The real analysis, noted in ``analyses.log``; held while ``hold`` exists for ``hold*`` names."""
    _note("start", name)
    if Path(name).name.startswith("hold") and (HOLD_DIR / "hold").exists():
        (HOLD_DIR / f"running.{os.getpid()}").write_text(name)
        while (HOLD_DIR / "hold").exists():
            time.sleep(0.05)
            if on_wait is not None:
                on_wait()
    analysis = _analyse(data, name, on_wait=on_wait, **limits)
    _note("end", name)
    return analysis


processing.analyse_isolated = analyse_observed  # type: ignore[assignment]
__all__ = ["app"]
