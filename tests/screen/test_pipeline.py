"""The pipelined run: checks in the worker pool, rows streamed, state committed in batches."""

import sqlite3
from pathlib import Path

import openpyxl

from api.screen.engine_local import LocalEngine
from api.screen.run import run_screen
from api.screen.settings import ScreenSettings
from api.screen.state import ScreenState
from tests.screen.helpers import AS_OF, inline_engine, make_corpus


def _sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    out = {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    wb.close()
    return out


def test_pool_checks_write_the_same_workbook_as_checking_here(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    make_corpus(corpus / "folders", 3)
    make_corpus(corpus / "flat", 4, flat=True)
    for f in list((corpus / "flat").iterdir()):
        f.rename(corpus / f.name)  # loose files of the root, beside its submission folders
    (corpus / "flat").rmdir()
    (corpus / "folders" / "sub-0001" / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj broken")
    settings = ScreenSettings(state_batch=3)
    here = run_screen([str(corpus)], tmp_path / "here.xlsx", "auto", AS_OF, inline_engine, settings=settings)
    pool = run_screen([str(corpus)], tmp_path / "pool.xlsx", "auto", AS_OF, LocalEngine(2, settings),
                      settings=settings)
    assert (pool.files, pool.submissions, pool.failed) == (here.files, here.submissions, here.failed)
    assert pool.mean_completeness == here.mean_completeness
    assert _sheets(tmp_path / "pool.xlsx") == _sheets(tmp_path / "here.xlsx")
    again = run_screen([str(corpus)], tmp_path / "pool.xlsx", "auto", AS_OF, LocalEngine(2, settings),
                       settings=settings)  # everything from the state: checked in the pool all the same
    assert (again.analysed, again.resumed) == (0, here.files)
    assert _sheets(tmp_path / "pool.xlsx") == _sheets(tmp_path / "here.xlsx")


def test_batched_results_are_committed_together_with_their_log_rows(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    state = ScreenState(path)
    for n in range(3):
        state.record(f"k{n}", f"f{n}", "", "", "{}", None, None, commit=False)
    assert state.due(3, 60) and not state.due(4, 60)
    reader = sqlite3.connect(path)

    def count(table: str) -> int:
        return int(reader.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608 - a test

    assert count("files") == count("log") == 0  # nothing visible before the commit
    state.flush()
    assert count("files") == count("log") == 3
    state.record("k3", "f3", "", "", "{}", None, None, commit=False)
    state.close()  # closing commits what is pending
    assert count("files") == count("log") == 4
    reader.close()
