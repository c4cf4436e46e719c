"""The checker: clause items by document kind, folding, conditional items, summary, matrix, contract."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from checklists.checker import check, check_all, check_submission
from checklists.loader import builtin_rule_sets, get_rule_set
from checklists.schema import RuleSet
from checklists.summary import summarize
from models.clauses import CLAUSE_KEYS
from models.errors import ErrorInfo
from models.extraction import ClauseStatus, Extraction
from models.report import GapItem, GapReport, MatrixReport
from tests.checklists.builders import clauses, document, finding, licence, members, signatures

AS_OF = date(2026, 11, 21)
ALL_SETS = list(builtin_rule_sets().values())


def item(report: GapReport, item_id: str) -> GapItem:
    return next(i for i in report.items if i.id == item_id)


def _present_in_scope(report: GapReport, gap: GapItem, docs: list[Extraction]) -> bool:
    kinds = {"agreement": {"agreement"}, "charter": {"charter"}, "either": {"agreement", "charter"}}.get(gap.applies_to)
    scope = [d for d in docs if d.error is None and (kinds is None or (d.kind and d.kind.value in kinds))]
    return all(any(f.type == key and f.status == ClauseStatus.PRESENT for d in scope for f in d.clauses)
               for key in gap.basis if not key.startswith("condition:"))


# ---- false assurance -----------------------------------------------------------------------------
@pytest.mark.parametrize("rule_set", ALL_SETS, ids=lambda rs: rs.id)
def test_nothing_is_satisfied_when_every_clause_is_absent(rule_set: RuleSet) -> None:
    docs = [document(kind, clause_findings=clauses(present=())) for kind in ("agreement", "charter", "application")]
    report = check_submission(docs, rule_set, AS_OF)
    for gap in report.items:
        if any(not b.startswith("condition:") for b in gap.basis):
            assert gap.status != "satisfied", gap.id


@pytest.mark.parametrize("seed", range(40))
def test_satisfied_only_where_every_basis_clause_is_present(seed: int) -> None:
    rng = random.Random(seed)
    statuses = ["present", "weak", "absent"]
    docs = []
    for kind in rng.sample(["agreement", "charter", "application"], rng.randint(1, 3)):
        findings = [finding(k, rng.choice(statuses), confidence=rng.choice([0.3, 0.9])) for k in CLAUSE_KEYS]
        docs.append(document(kind, clause_findings=rng.sample(findings, rng.randint(20, 31))))
    rule_set = rng.choice(ALL_SETS)
    report = check_submission(docs, rule_set, AS_OF)
    for gap in report.items:
        if gap.status == "satisfied":
            assert gap.evidence, gap.id
            assert _present_in_scope(report, gap, docs), gap.id


# ---- clause items --------------------------------------------------------------------------------
def test_complete_agreement_satisfies_the_weinan_agreement_items() -> None:
    report = check_submission([document(core_member_count=10)], get_rule_set("weinan"), AS_OF)
    agreement_items = [i for i in report.items if i.applies_to in ("agreement", "either")]
    assert agreement_items and all(i.status == "satisfied" for i in agreement_items if i.severity != "conditional")
    gap = item(report, "weinan.agreement.ip_ownership")
    assert gap.evidence[0].file == "agreement.txt" and gap.evidence[0].quote and gap.evidence[0].start is not None


def test_weak_clause_is_weak_with_a_plain_reason() -> None:
    docs = [document(clause_findings=clauses(weak=["ip_ownership"]))]
    gap = item(check_submission(docs, get_rule_set("weinan"), AS_OF), "weinan.agreement.ip_ownership")
    assert gap.status == "weak" and "另行约定" in gap.reason and gap.evidence


def test_absent_clause_is_missing_and_says_where_it_was_looked_for() -> None:
    docs = [document(clause_findings=clauses(absent=["breach_liability"]), file="协议.pdf")]
    gap = item(check_submission(docs, get_rule_set("weinan"), AS_OF), "weinan.agreement.breach_liability")
    assert gap.status == "missing" and "协议.pdf" in gap.reason and "违约责任" in gap.reason
    assert gap.searched == ["协议.pdf"] and not gap.evidence


def test_clause_in_the_wrong_document_kind_does_not_count() -> None:
    docs = [document(clause_findings=clauses(absent=["ip_ownership"])), document("charter")]
    gap = item(check_submission(docs, get_rule_set("weinan"), AS_OF), "weinan.agreement.ip_ownership")
    assert gap.status == "missing"


def test_either_takes_the_best_of_agreement_and_charter() -> None:
    docs = [document(clause_findings=clauses(weak=["council"])), document("charter")]
    gap = item(check_submission(docs, get_rule_set("weinan"), AS_OF), "weinan.either.council")
    assert gap.status == "satisfied" and gap.evidence[0].file == "charter.txt"


def test_missing_document_kind() -> None:
    report = check_submission([document()], get_rule_set("gansu"), AS_OF)
    gap = item(report, "gansu.charter.org_structure")
    assert gap.status == "missing" and "未提交联盟章程" in gap.reason
    assert item(report, "gansu.charter.government_fund_supervision").status == "needs_review"


def test_all_basis_keys_must_be_satisfied() -> None:
    rule_set = get_rule_set("heilongjiang")
    docs = [document(clause_findings=clauses(weak=["legal_rep_signature"]))]
    assert item(check_submission(docs, rule_set, AS_OF), "heilongjiang.either.legal_rep_signature").status == "weak"
    docs = [document(clause_findings=clauses(absent=["member_signature"]))]
    assert item(check_submission(docs, rule_set, AS_OF), "heilongjiang.either.legal_rep_signature").status == "missing"


def test_conditional_clause_items() -> None:
    rule_set = get_rule_set("weinan")
    absent = check_submission([document(clause_findings=clauses(absent=["fund_supervision"]))], rule_set, AS_OF)
    gap = item(absent, "weinan.either.government_fund_supervision")
    assert gap.status == "needs_review" and "政府资助" in gap.reason and gap.when
    present = check_submission([document()], rule_set, AS_OF)
    assert item(present, "weinan.either.government_fund_supervision").status == "satisfied"


def test_untrusted_findings_need_review() -> None:
    rule_set = get_rule_set("weinan")
    findings = clauses()
    findings[CLAUSE_KEYS.index("ip_ownership")] = finding("ip_ownership", confidence=0.2)
    gap = item(check_submission([document(clause_findings=findings)], rule_set, AS_OF), "weinan.agreement.ip_ownership")
    assert gap.status == "needs_review"
    findings[CLAUSE_KEYS.index("ip_ownership")] = finding("ip_ownership").model_copy(update={"evidence": []})
    gap = item(check_submission([document(clause_findings=findings)], rule_set, AS_OF), "weinan.agreement.ip_ownership")
    assert gap.status == "needs_review"
    findings = [f for f in clauses() if f.type != "ip_ownership"]  # the extractor gave no verdict
    gap = item(check_submission([document(clause_findings=findings)], rule_set, AS_OF), "weinan.agreement.ip_ownership")
    assert gap.status == "needs_review"
    findings = clauses(absent=["ip_ownership"])
    findings[CLAUSE_KEYS.index("ip_ownership")] = finding("ip_ownership", "absent", confidence=0.2)
    gap = item(check_submission([document(clause_findings=findings)], rule_set, AS_OF), "weinan.agreement.ip_ownership")
    assert gap.status == "needs_review"


def test_unreadable_document_is_a_warning_and_not_a_missing_document() -> None:
    broken = Extraction(file="扫描件.pdf", error=ErrorInfo(code="encrypted_pdf", message_zh="文件已加密",
                                                           message_en="encrypted", http_status=422))
    report = check_submission([broken], get_rule_set("weinan"), AS_OF)
    assert any("扫描件.pdf" in w for w in report.warnings)
    assert item(report, "weinan.agreement.ip_ownership").status == "needs_review"
    assert item(report, "weinan.submission.agreement").status == "needs_review"


def test_condition_items_in_the_report() -> None:
    docs = [document(member_list=members(12), core_member_count=9)]
    report = check_submission(docs, get_rule_set("weinan"), AS_OF)
    gap = item(report, "weinan.submission.min_core_members")
    assert gap.status == "missing" and gap.reason.startswith("核心成员 9 家") and gap.details["required"] == 10
    assert gap.citation.article == "6.（2）" and gap.citation.title == "渭南市产业技术创新战略联盟管理办法"


# ---- summary -------------------------------------------------------------------------------------
def test_summary_counts_and_completeness() -> None:
    report = check_submission([document(core_member_count=10)], get_rule_set("weinan"), AS_OF)
    s = report.summary
    assert s.total == len(report.items) == sum(s.by_status.values())
    assert sum(sum(v.values()) for v in s.by_severity.values()) == s.total
    m = s.by_severity["mandatory"]
    applicable = sum(m.values()) - m["not_applicable"]
    assert s.mandatory_applicable == applicable
    assert s.completeness == round((m["satisfied"] + 0.5 * m["weak"]) / applicable, 3)
    assert s.completeness_max == round((m["satisfied"] + 0.5 * m["weak"] + m["needs_review"]) / applicable, 3)


def test_outcome() -> None:
    base = check_submission([document()], get_rule_set("weinan"), AS_OF).items
    satisfied = [i.model_copy(update={"status": "satisfied"}) for i in base]
    assert summarize(satisfied).outcome == "pass"
    reviewed = [satisfied[0].model_copy(update={"status": "needs_review"}), *satisfied[1:]]
    assert summarize(reviewed).outcome == "review"
    first_mandatory = next(n for n, i in enumerate(satisfied) if i.severity == "mandatory")
    weak = list(satisfied)
    weak[first_mandatory] = weak[first_mandatory].model_copy(update={"status": "weak"})
    assert summarize(weak).outcome == "fail"
    assert summarize([]).completeness is None


# ---- matrix and dispatch -------------------------------------------------------------------------
def test_check_all_is_a_matrix_of_every_rule_set() -> None:
    matrix = check_all([document()], as_of=AS_OF)
    assert {r.jurisdiction for r in matrix.results} == {rs.id for rs in ALL_SETS}
    row = next(r for r in matrix.matrix if r.basis == "ip_ownership")
    assert row.cells["weinan"].status == "satisfied" and row.label
    row = next(r for r in matrix.matrix if r.basis == "condition:name_format")
    assert set(row.cells) == {"heilongjiang"} and row.cells["heilongjiang"].status == "missing"
    assert matrix.documents and matrix.jurisdiction == "all"


def test_check_dispatch() -> None:
    assert isinstance(check([document()], "weinan", AS_OF), GapReport)
    assert isinstance(check([document()], "all", AS_OF), MatrixReport)
    with pytest.raises(KeyError, match="known"):
        check([document()], "atlantis", AS_OF)


def test_rule_set_warnings_are_reported() -> None:
    report = check_submission([document()], get_rule_set("shuozhou"), AS_OF)
    assert any("期满" in w for w in report.rule_set.warnings)
    assert report.rule_set.status == "trial" and report.rule_set.version


# ---- JSON contract -------------------------------------------------------------------------------
def test_json_contract_field_names() -> None:
    agreement = document(signature_list=signatures(["渭南秦岭示例新材料有限公司"], ["王示例"]))
    report = check_submission([agreement, licence("渭南秦岭示例新材料有限公司")], get_rule_set("weinan"), AS_OF)
    data = json.loads(report.model_dump_json())
    assert {"jurisdiction", "rule_set", "documents", "items", "summary"} <= set(data)
    assert {"id", "version", "status", "warnings"} <= set(data["rule_set"])
    for entry in data["items"]:
        assert {"id", "requirement", "citation", "severity", "applies_to", "basis", "status", "evidence", "reason",
                "remedy"} <= set(entry)
        for ev in entry["evidence"]:
            assert {"file", "page", "start", "end", "quote"} <= set(ev)
    assert data["documents"][0]["file"] == "agreement.txt" and data["documents"][0]["clauses"]
    assert data["schema_version"] and data["as_of"] == "2026-11-21"
