"""One screening run: walk → analyse what the state lacks → group → check → workbook."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from api.screen.check import check_all
from api.screen.group import FileRecord, group_submissions
from api.screen.jobs import Job, OnResult
from api.screen.settings import ScreenSettings
from api.screen.state import ScreenState, state_path
from api.screen.walk import walk_inputs
from api.screen.workbook import ScreenInfo, write_workbook
from checklists.render.rows import results_of
from checklists.schema import RuleSet
from models.extraction import Extraction

Engine = Callable[[Sequence[Job], OnResult], None]


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


def run_screen(inputs: Sequence[str], out: Path, jurisdiction: str, as_of: date, engine: Engine,
               rule_sets: Mapping[str, RuleSet] | None = None, settings: ScreenSettings | None = None,
               show_progress: bool = False) -> ScreenResult:
    """Screen ``inputs`` into the workbook ``out``, resuming from (and recording into) its state file."""
    settings = settings or ScreenSettings()
    start = time.monotonic()
    state_file = state_path(out, settings.state_suffix)
    state = ScreenState(state_file, args=" ".join([*inputs, jurisdiction, as_of.isoformat()]))
    as_iso = as_of.isoformat()
    side_files = [out, state_file, out.with_name(out.name + ".partial"),
                  *(state_file.with_name(state_file.name + s) for s in ("-wal", "-shm", "-journal"))]
    try:
        with tempfile.TemporaryDirectory(prefix="alliance-screen-") as scratch:
            walk = walk_inputs(inputs, Path(scratch), settings, exclude=side_files)
            keys = [f.key(as_iso) for f in walk.files] + [r.key(as_iso) for r in walk.refused]
            done = state.done(keys)
            for refused in walk.refused:
                if refused.key(as_iso) not in done:
                    extraction = Extraction(file=refused.label, error=refused.error)
                    state.record(refused.key(as_iso), refused.label, refused.folder, refused.root,
                                 extraction.model_dump_json(), None, refused.error.code)
            where = {f.key(as_iso): f for f in walk.files}
            jobs = [Job(k, str(f.path), f.label, as_iso) for k, f in where.items() if k not in done]
            with _progress(len(walk.files), len(walk.files) - len(jobs), show_progress) as advance:

                def on_result(job: Job, extraction: str, text: str | None, code: str | None, seconds: float) -> None:
                    f = where[job.key]
                    state.record(job.key, f.label, f.folder, f.root, extraction, text, code, seconds)
                    advance()

                engine(jobs, on_result)
        stored = state.load(keys)
    finally:
        state.close()
    records = [FileRecord(s.label, s.folder, s.root, Extraction.model_validate_json(s.extraction), s.text)
               for s in stored]
    submissions = group_submissions(records, settings.alliance_suffixes)
    checked = check_all(submissions, jurisdiction, as_of, rule_sets)
    write_workbook(checked, ScreenInfo(jurisdiction, as_of), out, settings.top_missing)
    scores = [r.summary.completeness for c in checked if c.report is not None for r in results_of(c.report)
              if r.summary.completeness is not None]
    return ScreenResult(
        files=len(records), analysed=len(jobs), resumed=len(records) - len(jobs),
        failed=sum(1 for r in records if r.extraction.error is not None), submissions=len(submissions),
        mean_completeness=sum(scores) / len(scores) if scores else None, seconds=time.monotonic() - start,
        workbook=out, state=state_file,
    )
