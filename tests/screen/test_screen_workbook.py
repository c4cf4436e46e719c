"""``alliance-intake screen`` over generated submissions: the workbook's sheets and rows."""

import sqlite3
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from api.cli import main
from api.screen.run import run_screen
from api.screen.workbook import SHEETS
from tests.screen.helpers import AS_OF, inline_engine, make_corpus


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    rows = [tuple(r) for r in wb[SHEETS[sheet]].iter_rows(values_only=True)]
    wb.close()
    return rows


def test_screen_writes_every_sheet_with_one_row_per_submission(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    files = make_corpus(corpus, 6)
    broken = corpus / "sub-0000" / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj broken")
    out = tmp_path / "results.xlsx"
    result = CliRunner().invoke(main, ["screen", str(corpus), "--out", str(out), "-j", "gansu", "--workers", "2",
                                       "--as-of", "2026-01-01"])
    assert result.exit_code == 2, result.output  # a file failed
    assert "screened 7 files" in result.output and "1 failed" in result.output
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames == list(SHEETS.values())
    wb.close()
    folders = sorted({p.parent.name for p in files})
    submissions = _rows(out, "submissions")[1:]
    assert sorted(str(r[0]).rsplit("/", 1)[-1] for r in submissions) == folders
    assert all(r[5] == "甘肃省（gansu）" for r in submissions)
    first = next(r for r in submissions if str(r[0]).endswith("sub-0000"))
    assert first[4] == 1 and str(first[1]).endswith("联盟")  # one failed file; named after the alliance
    assert all(isinstance(r[7], float) and 0 <= r[7] <= 1 for r in submissions)
    assert all(r[8] + r[9] + r[10] > 0 for r in submissions)  # type: ignore[operator]
    errors = _rows(out, "errors")[1:]
    assert len(errors) == 1 and str(errors[0][0]).endswith("broken.pdf") and errors[0][2] in ("corrupt_file", "truncated_file")
    assert errors[0][3] and errors[0][4]
    items = _rows(out, "items")[1:]
    assert items and {r[4] for r in items} <= {"缺失", "不充分", "需人工核对"}
    assert all(r[6] and r[8] for r in items)  # citation and remedy
    summary = {r[0]: r[1] for r in _rows(out, "summary")[:9] if r and r[0]}
    assert summary["申报数 submissions"] == len(folders)
    assert summary["文件数 files"] == 7 and summary["失败文件 failed files"] == 1
    assert isinstance(summary["平均完整度 mean completeness"], float)
    assert any(r and r[0] == "甘肃省（gansu）" and str(r[1]).startswith("gansu.") for r in _rows(out, "summary"))
    state = sqlite3.connect(tmp_path / "results.xlsx.state.sqlite")
    assert state.execute("SELECT COUNT(*) FROM files").fetchone()[0] == 7
    state.close()


def test_loose_files_are_grouped_by_alliance_name(tmp_path: Path) -> None:
    corpus = tmp_path / "flat"
    files = make_corpus(corpus, 8, flat=True)
    agreements = [p for p in files if "agreement" in p.name]
    result = run_screen([str(corpus)], tmp_path / "r.xlsx", "auto", AS_OF, inline_engine)
    assert result.files == len(files)
    # one submission per alliance: each licence joined the agreement of its lead unit
    assert result.submissions == len(agreements)
    rows = _rows(tmp_path / "r.xlsx", "files")[1:]
    by_file = {Path(str(r[0])).name: r[1] for r in rows}
    for licence in (p for p in files if "licence" in p.name):
        prefix = licence.name.split("-")[0]
        assert by_file[licence.name] == by_file[f"{prefix}-agreement.txt"]


def test_zip_of_folders_is_one_submission_per_folder(tmp_path: Path) -> None:
    import zipfile

    corpus = tmp_path / "in"
    files = make_corpus(corpus, 4)
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        for f in files:
            zf.write(f, f.relative_to(corpus).as_posix())
        zf.writestr("../escape.txt", "不应被解压")
    result = run_screen([str(bundle)], tmp_path / "z.xlsx", "gansu", AS_OF, inline_engine)
    assert result.submissions == len({f.parent for f in files}) + 1  # the refused member stands alone
    errors = _rows(tmp_path / "z.xlsx", "errors")[1:]
    assert [(str(r[0]).endswith("!../escape.txt"), r[2]) for r in errors] == [(True, "archive_unsafe")]
    assert not (tmp_path / "escape.txt").exists()
