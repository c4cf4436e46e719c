"""What engines receive (one job per file) and hand back (a callback per finished file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from models import IntakeError
from models.extraction import Extraction


@dataclass(frozen=True)
class Job:
    """Analyse the file at ``path``; ``label`` is its name in reports."""

    key: str
    path: str
    label: str
    as_of: str | None  # ISO date


# on_result(job, extraction JSON, normalized text or None, error code or None, seconds)
OnResult = Callable[[Job, str, str | None, str | None, float], None]


def failure(job: Job, code: str, **detail: object) -> str:
    """The extraction JSON of a file that failed outside intake (timed out, killed its worker)."""
    error = IntakeError(code, name=job.label, **detail).info()
    return Extraction(file=job.label, error=error).model_dump_json()
