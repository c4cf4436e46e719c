"""The ``alliance-intake extract`` command and its JSON contract."""

import json
from pathlib import Path

from click.testing import CliRunner

from api.cli import main
from models.clauses import CLAUSE_KEYS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-agreement.txt"


def test_extract_jsonl_contract(tmp_path: Path) -> None:
    missing = tmp_path / "gone.pdf"
    result = CliRunner().invoke(main, ["extract", str(EXAMPLE), str(missing), "--format", "jsonl",
                                       "--as-of", "2026-11-21"])
    assert result.exit_code == 2
    good, bad = (json.loads(line) for line in result.stdout.splitlines())
    assert good["file"] == str(EXAMPLE)
    assert good["kind"] == "agreement"
    assert [c["type"] for c in good["clauses"]] == list(CLAUSE_KEYS)
    statuses = {c["type"]: c["status"] for c in good["clauses"]}
    assert statuses["ip_ownership"] == "present"
    assert statuses["benefit_distribution"] == "present"
    assert statuses["task_division"] == "present"
    ip = next(c for c in good["clauses"] if c["type"] == "ip_ownership")
    quote = ip["evidence"][0]["quote"]
    assert "归完成方所有" in quote
    for key in ("members", "core_member_count", "total_member_count", "lead_unit", "signatures", "license",
                "warnings", "pages"):
        assert key in good
    assert {m["name"] for m in good["members"]} >= {"示例传感科技有限公司", "示例理工大学"}
    assert bad == {"file": str(missing), "error": bad["error"]}
    assert bad["error"]["code"] == "file_not_found"


def test_extract_table_renders(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(EXAMPLE), "--format", "table"])
    assert result.exit_code == 0
    assert "知识产权归属" in result.output and "sample-agreement.txt" in result.output
