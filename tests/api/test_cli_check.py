"""The ``alliance-intake check`` command: formats, jurisdictions, bad input."""

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from docx import Document as DocxDocument

from api.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-agreement.txt"


def test_check_json_contract() -> None:
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "-j", "gansu", "--as-of", "2026-11-21",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["jurisdiction"] == "gansu"
    assert {"id", "version", "status", "warnings"} <= set(report["rule_set"])
    assert report["documents"][0]["file"] == str(EXAMPLE)
    item = report["items"][0]
    assert {"id", "requirement", "citation", "severity", "applies_to", "basis", "status", "evidence", "reason",
            "remedy"} <= set(item)
    statuses = {i["status"] for i in report["items"]}
    assert statuses <= {"satisfied", "weak", "missing", "not_applicable", "needs_review"}
    for i in report["items"]:
        if i["status"] == "satisfied":
            assert i["evidence"], f"{i['id']} satisfied without evidence"


def test_check_writes_docx_and_xlsx(tmp_path: Path) -> None:
    runner = CliRunner()
    docx_path, xlsx_path = tmp_path / "r.docx", tmp_path / "r.xlsx"
    assert runner.invoke(main, ["check", str(EXAMPLE), "-j", "hunan", "--format", "docx", "--out",
                                str(docx_path)]).exit_code == 0
    assert any("审查" in p.text for p in DocxDocument(str(docx_path)).paragraphs)
    assert runner.invoke(main, ["check", str(EXAMPLE), "-j", "all", "--format", "xlsx", "--out",
                                str(xlsx_path)]).exit_code == 0
    assert len(openpyxl.load_workbook(xlsx_path).sheetnames) >= 2


def test_check_unknown_jurisdiction_and_bad_file(tmp_path: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(main, ["check", str(EXAMPLE), "-j", "atlantis"])
    assert unknown.exit_code == 2 and "atlantis" in unknown.output
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    mixed = runner.invoke(main, ["check", str(EXAMPLE), str(empty), "-j", "weinan", "--format", "json"])
    assert mixed.exit_code == 2
    report = json.loads(mixed.stdout)
    assert [d.get("error", {}) and d["error"]["code"] for d in report["documents"]] == [None, "empty_file"]
