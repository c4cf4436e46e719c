"""One screening run: walk → analyse what the state lacks → group → check → workbook, as a pipeline.

A submission folder is checked as soon as its last file is analysed (the loose files of the roots
once they are all analysed, since they are grouped by what was found in them), and its rows are
written to the workbook as soon as every submission before it is written. With an engine that can
run checks (``LocalEngine``: ``run_tasks``) the checks run in its worker pool, so the parent only
hands out work, commits results in batches and streams rows; with any other engine (a plain
``engine(jobs, on_result)`` callable, Celery) the files are analysed there and checked here.
"""

from __future__ import annotations

import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from api.screen.check import Checked, check_submission
from api.screen.group import FileRecord, Submission, folder_submission, loose_submissions
from api.screen.jobs import CheckContext, CheckDone, CheckFile, CheckJob, Job, OnResult, Tasks
from api.screen.rows import CheckedRows, rows_of
from api.screen.settings import ScreenSettings
from api.screen.state import ScreenState, StoredFile, state_path
from api.screen.walk import walk_inputs
from api.screen.workbook import ScreenInfo, WorkbookWriter
from checklists.schema import RuleSet
from models.extraction import Extraction

Engine = Callable[[Sequence[Job], OnResult], None]


class PoolEngine(Protocol):
    """An engine that runs files and checks in one pool (``LocalEngine``)."""

    def run_tasks(self, tasks: Tasks, context: CheckContext | None = None, size: int | None = None) -> None: ...


@dataclass
class ScreenResult:
    """What a run did: counts for the summary line."""

    files: int
    analysed: int
    resumed: int
    failed: int
    submissions: int
    mean_completeness: float | None
    seconds: float
    workbook: Path
    state: Path


@contextmanager
def _progress(total: int, done: int, show: bool) -> Iterator[Callable[[], None]]:
    """A rich progress bar (files, rate, ETA) when ``show``; the callback advances it by one file."""
    if not show:
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    start, count = time.monotonic(), 0
    with Progress(*columns) as bar:
        task = bar.add_task("files", total=total, completed=done, rate="")

        def advance() -> None:
            nonlocal count
            count += 1
            rate = count / max(time.monotonic() - start, 1e-9)
            bar.update(task, advance=1, rate=f"{rate:.1f} files/s")

        yield advance


@dataclass(frozen=True)
class _Entry:
    key: str
    label: str
    folder: str
    root: str


class _Screening:
    """The run's bookkeeping (``Tasks`` for a pool engine): files to analyse, submissions to check, rows to write."""

    def __init__(self, entries: Sequence[_Entry], jobs: Sequence[Job], state: ScreenState, settings: ScreenSettings,
                 writer: WorkbookWriter, advance: Callable[[], None]) -> None:
        self.entries = {e.key: e for e in entries}
        self.jobs = deque(jobs)
        self.checks: deque[CheckJob] = deque()
        self.state, self.settings, self.writer, self.advance = state, settings, writer, advance
        self.records: dict[str, FileRecord] = {}
        self.payload: dict[str, tuple[str, str | None]] = {}  # key -> (extraction JSON, text) until it is checked
        self.folders: dict[str, list[str]] = {}  # folder -> keys, folders and keys in label order
        self.loose: dict[str, list[str]] = {}  # root -> keys of its loose files
        for e in sorted(entries, key=lambda e: e.label):
            (self.folders.setdefault(e.folder, []) if e.folder else self.loose.setdefault(e.root, [])).append(e.key)
        self.index = {folder: i for i, folder in enumerate(self.folders)}
        self.waiting = {folder: len(keys) for folder, keys in self.folders.items()}
        self.loose_waiting = sum(len(keys) for keys in self.loose.values())
        self.loose_built = False
        self.submissions: dict[int, Submission] = {}
        self.finished_checks: dict[int, CheckedRows | None] = {}
        self.written = 0
        self.total: int | None = None  # submissions, once the loose files are grouped
        if not self.loose_waiting:
            self._loose_ready()

    # files -------------------------------------------------------------------------------------
    def arrive(self, key: str, extraction: str, text: str | None, brief: str | None = None) -> None:
        """A file's result is known (stored earlier or just analysed); ``brief``: ``brief_json`` of it,
        all grouping and the file rows read (the whole extraction goes to the check as JSON)."""
        e = self.entries[key]
        if key in self.records:
            return
        self.records[key] = FileRecord(e.label, e.folder, e.root, Extraction.model_validate_json(brief or extraction))
        self.payload[key] = (extraction, text)
        if e.folder:
            self.waiting[e.folder] -= 1
            if not self.waiting[e.folder]:
                self._folder_ready(e.folder)
        else:
            self.loose_waiting -= 1
            if not self.loose_waiting:
                self._loose_ready()

    def settle(self) -> None:
        """Group what is left (files the engine never reported are left out, as they are not in the state)."""
        for folder, count in self.waiting.items():
            if count:
                self.waiting[folder] = 0
                self._folder_ready(folder)
        if not self.loose_built:
            self._loose_ready()

    def _members(self, keys: Sequence[str]) -> list[str]:
        return [k for k in keys if k in self.records]

    def _queue(self, index: int, submission: Submission, keys: Sequence[str]) -> None:
        self.submissions[index] = submission
        files = []
        for key, f in zip(keys, submission.files, strict=True):
            extraction, text = self.payload.pop(key)
            files.append(CheckFile(f.label, f.folder, f.root, extraction, text))
        self.checks.append(CheckJob(index, submission.id, submission.name, submission.folder, tuple(files)))

    def _folder_ready(self, folder: str) -> None:
        keys = self._members(self.folders[folder])
        if not keys:
            self._finish(self.index[folder], None)
            return
        self._queue(self.index[folder], folder_submission(folder, [self.records[k] for k in keys]), keys)

    def _loose_ready(self) -> None:
        self.loose_built = True
        by_root = {root: self._members(keys) for root, keys in self.loose.items()}
        loose = {root: [self.records[k] for k in keys] for root, keys in by_root.items() if keys}
        key_of = {id(self.records[k]): k for keys in by_root.values() for k in keys}
        subs = loose_submissions(loose, self.settings.alliance_suffixes, set(self.folders))
        self.total = len(self.folders) + len(subs)
        for offset, sub in enumerate(subs):
            self._queue(len(self.folders) + offset, sub, [key_of[id(f)] for f in sub.files])
        self._flush_rows()

    # checks ------------------------------------------------------------------------------------
    def _finish(self, index: int, rows: CheckedRows | None) -> None:
        self.finished_checks[index] = rows
        self._flush_rows()

    def _flush_rows(self) -> None:
        while self.written in self.finished_checks:
            rows = self.finished_checks.pop(self.written)
            if rows is not None:
                self.writer.add_rows(self.submissions.pop(self.written), rows)
            self.written += 1

    def check_here(self, rule_sets: Mapping[str, RuleSet] | None, jurisdiction: str, as_of: date) -> None:
        """Check the queued submissions in this process (engines that only analyse files)."""
        while self.checks:
            job = self.checks.popleft()
            sub = self.submissions[job.index]
            files = [FileRecord(f.label, f.folder, f.root, Extraction.model_validate_json(c.extraction), c.text)
                     for f, c in zip(sub.files, job.files, strict=True)]  # the whole extraction, as workers check
            checked = check_submission(Submission(sub.id, sub.name, sub.folder, files), jurisdiction, as_of, rule_sets)
            self._finish(job.index, rows_of(Checked(sub, checked.report, checked.problem)))

    # Tasks -------------------------------------------------------------------------------------
    def take(self) -> Job | CheckJob | None:
        if self.checks:  # a check first: its rows can be written while files are still analysed
            return self.checks.popleft()
        return self.jobs.popleft() if self.jobs else None

    def finished(self) -> bool:
        return not self.jobs and not self.checks and self.loose_built and not any(self.waiting.values())

    def file_done(self, job: Job, extraction: str, text: str | None, code: str | None, seconds: float,
                  brief: str | None = None) -> None:
        e = self.entries[job.key]
        self.state.record(job.key, e.label, e.folder, e.root, extraction, text, code, seconds, commit=False)
        self.tick()
        self.advance()
        self.arrive(job.key, extraction, text, brief)

    def check_done(self, job: CheckJob, done: CheckDone) -> None:
        if done.rows is None:  # the worker died or overran on this submission
            done = CheckDone(job.index, rows_of(Checked(self.submissions[job.index], None, done.problem)))
        self._finish(job.index, done.rows)

    def tick(self) -> None:
        if self.state.due(self.settings.state_batch, self.settings.state_flush_seconds):
            self.state.flush()


def _call(engine: object, method: str) -> None:
    """``engine.method()`` when the engine has it (``LocalEngine.start``/``close``)."""
    func = getattr(engine, method, None)
    if callable(func):
        func()


def run_screen(inputs: Sequence[str], out: Path, jurisdiction: str, as_of: date, engine: Engine | PoolEngine,
               rule_sets: Mapping[str, RuleSet] | None = None, settings: ScreenSettings | None = None,
               show_progress: bool = False) -> ScreenResult:
    """Screen ``inputs`` into the workbook ``out``, resuming from (and recording into) its state file."""
    settings = settings or ScreenSettings()
    start = time.monotonic()
    _call(engine, "start")  # a pool's workers warm up while this process walks the inputs
    state_file = state_path(out, settings.state_suffix)
    state = ScreenState(state_file, args=" ".join([*inputs, jurisdiction, as_of.isoformat()]))
    as_iso = as_of.isoformat()
    side_files = [out, state_file, out.with_name(out.name + ".partial"),
                  *(state_file.with_name(state_file.name + s) for s in ("-wal", "-shm", "-journal"))]
    writer = WorkbookWriter(out, ScreenInfo(jurisdiction, as_of), settings.top_missing)
    try:
        with tempfile.TemporaryDirectory(prefix="alliance-screen-") as scratch:
            walk = walk_inputs(inputs, Path(scratch), settings, exclude=side_files)
            entries = [_Entry(f.key(as_iso), f.label, f.folder, f.root) for f in walk.files]
            entries += [_Entry(r.key(as_iso), r.label, r.folder, r.root) for r in walk.refused]
            done = state.done(e.key for e in entries)
            for refused in walk.refused:
                if refused.key(as_iso) not in done:
                    extraction = Extraction(file=refused.label, error=refused.error)
                    state.record(refused.key(as_iso), refused.label, refused.folder, refused.root,
                                 extraction.model_dump_json(), None, refused.error.code)
            stored: list[StoredFile] = state.load(e.key for e in entries)
            have = {s.key for s in stored}
            jobs = [Job(k, str(f.path), f.label, as_iso) for f in walk.files if (k := f.key(as_iso)) not in have]
            jobs = list({j.key: j for j in jobs}.values())
            with _progress(len(walk.files), len(walk.files) - len(jobs), show_progress) as advance:
                screening = _Screening(entries, jobs, state, settings, writer, advance)
                for s in stored:
                    screening.arrive(s.key, s.extraction, s.text)
                del stored
                if hasattr(engine, "run_tasks"):
                    context = CheckContext(jurisdiction, as_iso, rule_sets)
                    engine.run_tasks(screening, context, size=len(jobs) + len(screening.checks) + 1)
                    screening.settle()
                    screening.check_here(rule_sets, jurisdiction, as_of)  # whatever the pool left (nothing)
                else:
                    engine(list(screening.jobs), screening.file_done)
                    screening.jobs.clear()
                    screening.settle()
                    state.flush()
                    screening.check_here(rule_sets, jurisdiction, as_of)
        state.flush()
    except BaseException:
        writer.discard()
        _call(engine, "close")  # workers started for this run and not used by it
        raise
    finally:
        state.close()
    writer.close()
    records = screening.records.values()
    return ScreenResult(
        files=len(records), analysed=len(jobs), resumed=len(records) - len(jobs),
        failed=sum(1 for r in records if r.extraction.error is not None), submissions=screening.total or 0,
        mean_completeness=writer.mean_completeness(), seconds=time.monotonic() - start,
        workbook=out, state=state_file,
    )
