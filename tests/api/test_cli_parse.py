"""The ``alliance-intake parse`` and ``schema`` commands."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import api.cli
import api.pipeline
from api.cli import main
from models.schema import EXPORTED, SCHEMA_DIR, schema_text

CHARTER = "某联盟章程\n第一章　总则\n第一条　本联盟名称为某联盟。\n第二条　成员应当遵守章程。\n"


def test_parse_outline_and_jsonl(tmp_path: Path) -> None:
    good = tmp_path / "charter.txt"
    good.write_text(CHARTER, encoding="utf-8")
    runner = CliRunner()
    outline = runner.invoke(main, ["parse", str(good)])
    assert outline.exit_code == 0
    assert "第一章 总则" in outline.output and "  第二条" in outline.output
    jsonl = runner.invoke(main, ["parse", str(good), "--format", "jsonl"])
    record = json.loads(jsonl.output.strip())
    assert record["file"] == str(good)
    assert record["format"] == "text"
    assert record["text"].startswith("某联盟章程")


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text(CHARTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(empty), str(tmp_path / "missing.docx"), str(good),
                                       "--format", "jsonl"])
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("error", {}).get("code") for r in records] == ["empty_file", "file_not_found", None]
    assert records[0]["error"]["message_zh"] and records[0]["error"]["message_en"]
    assert "Traceback" not in result.output


def test_parse_json_lists_many_files(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(CHARTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert [r["file_name"] for r in json.loads(result.output)] == ["a.txt", "b.txt"]


def test_committed_json_schemas_are_current() -> None:
    for name, model in EXPORTED.items():
        committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(model), f"run: alliance-intake schema --out {SCHEMA_DIR}"


def test_schema_command_prints_document_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "Document"


def test_a_defect_fails_one_file_with_a_coded_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    good = tmp_path / "good.txt"
    good.write_text(CHARTER, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(CHARTER, encoding="utf-8")
    real = api.pipeline.parse_bytes

    def flaky(data: bytes, name: str, settings: object = None) -> object:
        if name == "bad.txt":
            raise RuntimeError("boom")
        return real(data, name, settings)

    monkeypatch.setattr(api.pipeline, "parse_bytes", flaky)
    result = CliRunner().invoke(main, ["parse", str(bad), str(good), "--format", "jsonl"])
    assert result.exit_code == 2
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["error"]["code"] == "internal_error"
    assert "boom" in records[0]["error"]["message_en"]
    assert records[1]["file_name"] == "good.txt"
