"""What engines receive (one job per file, one check job per submission) and hand back (callbacks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from models import IntakeError
from models.extraction import Extraction

if TYPE_CHECKING:
    from api.screen.rows import CheckedRows


@dataclass(frozen=True)
class Job:
    """Analyse the file at ``path``; ``label`` is its name in reports."""

    key: str
    path: str
    label: str
    as_of: str | None  # ISO date


# on_result(job, extraction JSON, normalized text or None, error code or None, seconds)
OnResult = Callable[[Job, str, str | None, str | None, float], None]


def brief_json(extraction: Extraction) -> str:
    """The part of an extraction the screening parent reads (grouping, the file rows): no clauses, no
    signatures. A tenth of the JSON, so a sixth of the time to read it back in the process every
    result passes through; checks read the whole extraction."""
    return extraction.model_copy(update={"clauses": [], "signatures": []}).model_dump_json()


def failure(job: Job, code: str, **detail: object) -> str:
    """The extraction JSON of a file that failed outside intake (timed out, killed its worker)."""
    error = IntakeError(code, name=job.label, **detail).info()
    return Extraction(file=job.label, error=error).model_dump_json()


@dataclass(frozen=True)
class CheckContext:
    """What every check of a run shares: sent to each worker once (``rule_sets`` None: the defaults)."""

    jurisdiction: str
    as_of: str  # ISO date
    rule_sets: Any = None  # Mapping[str, RuleSet] | None (kept loose: this module stays light to import)


@dataclass(frozen=True)
class CheckFile:
    """One file of a submission to check: its stored extraction (JSON) and normalized text."""

    label: str
    folder: str
    root: str
    extraction: str
    text: str | None


@dataclass(frozen=True)
class CheckJob:
    """Check submission number ``index`` (its files' stored results) against the run's ``CheckContext``."""

    index: int
    id: str
    name: str
    folder: str
    files: tuple[CheckFile, ...]


@dataclass(frozen=True)
class CheckDone:
    """A check's outcome: the submission's workbook rows (``None`` with ``problem`` when the task itself failed)."""

    index: int
    rows: CheckedRows | None = None
    problem: str = ""


class Tasks(Protocol):
    """A source of work for an engine that runs files and checks in the same worker pool.

    ``take`` gives the next task (None: nothing to do right now); ``finished`` says no task will
    ever come again; results come back through ``file_done`` (with ``brief_json`` of the extraction when
    the worker made it) and ``check_done`` (in the parent);
    ``tick`` is called every time the engine has looked at its workers.
    """

    def take(self) -> Job | CheckJob | None: ...

    def finished(self) -> bool: ...

    def file_done(self, job: Job, extraction: str, text: str | None, code: str | None, seconds: float,
                  brief: str | None = None) -> None: ...

    def check_done(self, job: CheckJob, done: CheckDone) -> None: ...

    def tick(self) -> None: ...
