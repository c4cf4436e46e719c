"""Jurisdiction detection: evidence, confidence, and a choice when unsure."""

from __future__ import annotations

from datetime import date
from typing import Any

from checklists.checker import check
from checklists.jurisdiction import detect_jurisdiction
from models.extraction import Extraction
from models.report import GapReport, MatrixReport
from tests.checklists.builders import clauses, document, licence, member

AS_OF = date(2026, 11, 21)


def _neutral(**kwargs: Any) -> Extraction:
    base: dict[str, Any] = {"alliance_name": "示例热管理系统产业技术创新战略联盟", "lead_address": None,
                               "member_list": [member("恒温示例有限公司", role="lead"), member("示例工程大学", "university")],
                               "lead_name": "恒温示例有限公司"}
    base.update(kwargs)
    return document(**base)


def test_name_and_lead_address_detect_weinan() -> None:
    detection = detect_jurisdiction([document()])
    assert detection.status == "detected" and detection.id == "weinan"
    assert detection.confidence >= 0.7
    kinds = {c.kind for c in detection.evidence}
    assert {"alliance_name", "lead_address"} <= kinds
    assert all(c.rule_set == "weinan" for c in detection.evidence)


def test_lead_licence_address_is_a_clue_of_its_own() -> None:
    doc = _neutral(alliance_name="甘肃省示例产业技术创新联盟")
    detection = detect_jurisdiction([doc, licence("恒温示例有限公司", address="甘肃省白银市白银区示例路168号")])
    assert detection.id == "gansu"
    assert "lead_license_address" in {c.kind for c in detection.evidence}


def test_cited_regulation_in_the_text_detects_the_jurisdiction() -> None:
    doc = _neutral()
    text = "第一条 根据《朔州市产业技术创新战略联盟管理办法（试行）》（朔科发〔2021〕5号），制定本协议。"
    detection = detect_jurisdiction([doc], {doc.file: text})
    assert detection.status == "detected" and detection.id == "shuozhou"
    title = next(c for c in detection.evidence if c.kind == "regulation_title")
    assert text[title.start : title.end] == title.quote


def test_cited_regulation_in_clause_evidence_without_texts() -> None:
    findings = clauses()
    findings[0].evidence[0] = findings[0].evidence[0].model_copy(
        update={"quote": "依据《湖南省关于推动产业技术创新战略联盟构建与发展的实施办法（试行）》", "end": findings[0].evidence[0].start
                + len("依据《湖南省关于推动产业技术创新战略联盟构建与发展的实施办法（试行）》")})
    detection = detect_jurisdiction([_neutral(clause_findings=findings)])
    assert detection.id == "hunan"


def test_no_clues_asks_for_a_choice_among_all() -> None:
    detection = detect_jurisdiction([_neutral()])
    assert detection.status == "needs_choice" and detection.id is None and detection.confidence == 0
    assert {c.id for c in detection.candidates} == {"gansu", "heilongjiang", "hunan", "shuozhou", "weinan"}
    assert "请选择" in detection.message


def test_conflicting_clues_ask_for_a_choice_between_them() -> None:
    doc = _neutral(alliance_name="黑龙江省示例产业技术创新联盟", lead_address="陕西省渭南市临渭区示例路1号")
    detection = detect_jurisdiction([doc])
    assert detection.status == "needs_choice"
    assert {c.id for c in detection.candidates} == {"heilongjiang", "weinan"}


def test_traditional_characters_are_read() -> None:
    doc = _neutral(alliance_name="黑龍江省寒地示例產業技術創新聯盟", lead_address="黑龍江省佳木斯市示例路1號")
    assert detect_jurisdiction([doc]).id == "heilongjiang"


def test_check_auto_uses_the_detection() -> None:
    report = check([document()], "auto", AS_OF)
    assert isinstance(report, GapReport) and report.jurisdiction == "weinan"
    assert report.detection is not None and report.detection.status == "detected"


def test_check_auto_when_unsure_returns_the_candidates_matrix() -> None:
    doc = _neutral(alliance_name="黑龙江省示例产业技术创新联盟", lead_address="陕西省渭南市临渭区示例路1号")
    report = check([doc], "auto", AS_OF)
    assert isinstance(report, MatrixReport) and report.jurisdiction == "auto"
    assert report.detection is not None and report.detection.status == "needs_choice"
    assert {r.jurisdiction for r in report.results} == {"heilongjiang", "weinan"}
