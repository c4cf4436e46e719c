"""The Celery task body runs the same pipeline as the CLI (no broker needed for this)."""

import base64

from api.celery_app import ANALYSE_FILE, analyse_file, make_app

CHARTER = "某某产业技术创新战略联盟章程\n第一条　本联盟名称为某某产业技术创新战略联盟。\n第二条　联盟成果的知识产权归完成方所有。\n"


def test_task_is_registered_by_its_contract_name() -> None:
    app = make_app(broker="memory://", backend="cache+memory://")
    assert ANALYSE_FILE in app.tasks


def test_task_body_returns_the_extraction_and_text() -> None:
    result = analyse_file("charter.txt", base64.b64encode(CHARTER.encode()).decode(), "2026-01-01")
    extraction = result["extraction"]
    assert isinstance(extraction, dict)
    assert extraction["error"] is None
    assert extraction["kind"] == "charter"
    ip = next(c for c in extraction["clauses"] if c["type"] == "ip_ownership")
    assert ip["status"] == "present"
    assert "归完成方所有" in str(result["text"])


def test_bad_input_is_a_result_not_a_task_failure() -> None:
    result = analyse_file("empty.pdf", "", None)
    extraction = result["extraction"]
    assert isinstance(extraction, dict)
    assert extraction["error"]["code"] == "empty_file"
    assert result["text"] is None
