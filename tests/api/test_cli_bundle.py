"""The CLI over a ZIP bundle: its entries are the files, labelled ``archive.zip!folder/name``."""

import json
from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from tests.intake.zip_maker import Entry, make_zip

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-agreement.txt"


def _bundle(tmp_path: Path) -> Path:
    archive = tmp_path / "申报材料.zip"
    archive.write_bytes(make_zip([
        Entry("材料/联盟协议书.txt", EXAMPLE.read_bytes(), encoding="gbk"),
        Entry("__MACOSX/材料/._联盟协议书.txt", b"\x00\x05\x16\x07"),
        Entry("../逃逸.txt", b"x"),
        Entry("材料/空文件.txt", b""),
    ]))
    return archive


def test_extract_over_a_zip_treats_its_entries_as_files(tmp_path: Path) -> None:
    archive = _bundle(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(archive), "--format", "jsonl", "--as-of", "2026-11-21"])
    assert result.exit_code == 2  # two entries fail, each alone
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in records] == [f"{archive}!材料/联盟协议书.txt", f"{archive}!../逃逸.txt",
                                            f"{archive}!材料/空文件.txt"]
    assert records[0]["kind"] == "agreement"
    assert [r.get("error", {}).get("code") for r in records[1:]] == ["archive_unsafe", "empty_file"]


def test_check_over_a_zip_reports_every_entry(tmp_path: Path) -> None:
    archive = _bundle(tmp_path)
    result = CliRunner().invoke(main, ["check", str(archive), "-j", "gansu", "--as-of", "2026-11-21",
                                       "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    files = [d["file"] for d in report["documents"]]
    assert files[0] == f"{archive}!材料/联盟协议书.txt"
    assert report["documents"][0].get("error") is None
    assert any(i["status"] == "satisfied" for i in report["items"])
    assert "archive_unsafe" in result.stderr


def test_parse_over_a_zip_and_a_plain_file(tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    archive.write_bytes(make_zip([Entry("a.txt", EXAMPLE.read_bytes()), Entry("b.txt", EXAMPLE.read_bytes())]))
    result = CliRunner().invoke(main, ["parse", str(archive), str(EXAMPLE), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in records] == [f"{archive}!a.txt", f"{archive}!b.txt", str(EXAMPLE)]
    assert records[0]["file_name"] == "a.txt"
