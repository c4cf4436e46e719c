"""Each condition with passing and failing submissions built by hand (invented names)."""

from __future__ import annotations

from datetime import date

import pytest

from checklists.conditions import CONDITIONS, CheckContext, ConditionResult
from checklists.loader import get_rule_set
from checklists.schema import CONDITION_NAMES
from checklists.submission import Submission
from models.extraction import Extraction
from tests.checklists.builders import (
    INSTITUTE,
    LEAD,
    UNIVERSITY,
    document,
    licence,
    member,
    members,
    other,
    signatures,
)

AS_OF = date(2026, 11, 21)


def run(item_id: str, docs: list[Extraction], as_of: date = AS_OF) -> ConditionResult:
    rule_set = get_rule_set(item_id.split(".")[0])
    item = rule_set.item(item_id)
    (name,) = item.conditions
    result = CONDITIONS[name](CheckContext(Submission(docs), rule_set, as_of), item)
    if result.status == "satisfied":
        assert result.evidence, f"{item_id}: satisfied without evidence"
    else:
        assert result.reason, f"{item_id}: {result.status} without a reason"
    return result


def test_every_condition_has_a_check() -> None:
    assert set(CONDITIONS) == set(CONDITION_NAMES)


# ---- min_core_members ----------------------------------------------------------------------------
def test_min_core_members_at_threshold_passes() -> None:
    assert run("weinan.submission.min_core_members", [document(core_member_count=10)]).status == "satisfied"


def test_weinan_nine_core_members_fail_with_a_specific_reason() -> None:
    result = run("weinan.submission.min_core_members", [document(member_list=members(12), core_member_count=9)])
    assert result.status == "missing"
    assert "核心成员 9 家" in result.reason and "10 家" in result.reason and "6.（2）" in result.reason
    assert result.details["core_members"] == 9


def test_core_flags_are_counted_when_no_count_is_stated() -> None:
    listed = [member(f"渭南示例{i}有限公司", core=i < 6) for i in range(12)]
    assert run("shuozhou.submission.min_core_members", [document(member_list=listed)]).status == "satisfied"
    listed = [member(f"渭南示例{i}有限公司", core=i < 5) for i in range(12)]
    assert run("shuozhou.submission.min_core_members", [document(member_list=listed)]).status == "missing"


def test_all_founding_members_count_when_none_are_designated() -> None:
    assert run("weinan.submission.min_core_members", [document(member_list=members(10))]).status == "satisfied"


def test_documents_disagreeing_on_core_members_need_review() -> None:
    docs = [document(core_member_count=10), document("application", core_member_count=9)]
    result = run("weinan.submission.min_core_members", docs)
    assert result.status == "needs_review" and "不一致" in result.reason


def test_no_member_data_needs_review() -> None:
    result = run("weinan.submission.min_core_members", [document(member_list=[])])
    assert result.status == "needs_review"


# ---- max_total_members ---------------------------------------------------------------------------
def test_max_total_members() -> None:
    assert run("shuozhou.submission.max_total_members", [document(member_list=members(15))]).status == "satisfied"
    result = run("shuozhou.submission.max_total_members", [document(member_list=members(16))])
    assert result.status == "missing" and "16" in result.reason and "一般不超过 15 家" in result.reason


# ---- lead_registered_in_jurisdiction -------------------------------------------------------------
def test_lead_registered_in_the_city_passes_and_says_which_source() -> None:
    result = run("weinan.submission.lead_in_jurisdiction", [document()])
    assert result.status == "satisfied" and result.details["address_source"] == "document"
    result = run("weinan.submission.lead_in_jurisdiction", [document(), licence(LEAD)])
    assert result.status == "satisfied" and result.details["address_source"] == "license"


def test_lead_registered_elsewhere_fails() -> None:
    result = run("heilongjiang.submission.lead_in_jurisdiction",
                 [document(lead_address="北京市海淀区示例东路18号")])
    assert result.status == "missing"
    assert "北京市海淀区示例东路18号" in result.reason and "黑龙江省" in result.reason and "申报文件所载地址" in result.reason


def test_the_licence_address_overrides_the_documents() -> None:
    docs = [document(), licence(LEAD, address="陕西省西安市雁塔区示例路9号")]
    result = run("weinan.submission.lead_in_jurisdiction", docs)
    assert result.status == "missing" and "营业执照" in result.reason
    assert result.details["document_address"] == "陕西省渭南市高新技术产业开发区示例路1号"


def test_lead_address_in_a_district_of_the_city_passes() -> None:
    result = run("weinan.submission.lead_in_jurisdiction", [document(lead_address="富平县庄里镇示例大道9号")])
    assert result.status == "satisfied"
    result = run("heilongjiang.submission.lead_in_jurisdiction", [document(lead_address="哈尔滨市南岗区示例街1号")])
    assert result.status == "satisfied"


def test_lead_address_without_province_or_city_needs_review() -> None:
    result = run("weinan.submission.lead_in_jurisdiction", [document(lead_address="高新区示例路1号")])
    assert result.status == "needs_review"
    result = run("weinan.submission.lead_in_jurisdiction", [document(lead_address=None)])
    assert result.status == "needs_review"


# ---- member_composition --------------------------------------------------------------------------
def test_member_composition_passes_with_enterprise_and_university() -> None:
    assert run("weinan.submission.member_composition", [document()]).status == "satisfied"


def test_member_composition_fails_without_university_or_institute() -> None:
    only_companies = [member(LEAD, role="lead")] + [member(f"渭南示例{i}有限公司") for i in range(5)]
    result = run("weinan.submission.member_composition", [document(member_list=only_companies)])
    assert result.status == "missing" and "高校或科研院所" in result.reason


def test_member_composition_fails_when_a_university_leads_in_weinan() -> None:
    listed = [member(UNIVERSITY, "university", "lead"), member(LEAD), member(INSTITUTE, "institute")]
    result = run("weinan.submission.member_composition", [document(member_list=listed, lead_name=UNIVERSITY)])
    assert result.status == "missing" and "企业牵头" in result.reason


def test_branches_need_review_as_legal_persons() -> None:
    listed = members(5) + [member("渭南示例电力有限公司富平分公司")]
    result = run("weinan.submission.member_composition", [document(member_list=listed)])
    assert result.status == "needs_review" and "分支机构" in result.reason


def test_shuozhou_needs_a_local_enterprise() -> None:
    listed = [member("朔州示例固废利用有限公司", role="lead"), member("晋北示例理工学院", "university")]
    docs = [document(member_list=listed, lead_name="朔州示例固废利用有限公司")]
    assert run("shuozhou.submission.member_composition", docs).status == "satisfied"
    listed = [member("太原示例乳业有限公司", role="lead"), member("晋北示例理工学院", "university")]
    docs = [document(member_list=listed, lead_name="太原示例乳业有限公司"),
            licence("太原示例乳业有限公司", address="山西省太原市小店区示例路299号")]
    result = run("shuozhou.submission.member_composition", docs)
    assert result.status == "missing" and "朔州市" in result.reason


def test_encouraged_service_members() -> None:
    result = run("shuozhou.submission.service_members_encouraged", [document()])
    assert result.status == "missing" and "非强制" in result.reason
    listed = members(5) + [member("朔州示例科技小额贷款有限公司")]
    assert run("shuozhou.submission.service_members_encouraged", [document(member_list=listed)]).status == "satisfied"


def test_heilongjiang_prefers_an_in_province_enterprise_lead() -> None:
    docs = [document(lead_address="黑龙江省佳木斯市前进区示例路89号")]
    assert run("heilongjiang.submission.lead_enterprise_encouraged", docs).status == "satisfied"
    docs = [document(lead_address="北京市海淀区示例东路18号")]
    assert run("heilongjiang.submission.lead_enterprise_encouraged", docs).status == "missing"


# ---- name_format ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["黑龙江省寒地示例产业技术创新联盟", "黑龍江省寒地示例產業技術創新聯盟", "“黑龙江省寒地示例产业技术创新联盟”"])
def test_heilongjiang_name_format_passes(name: str) -> None:
    assert run("heilongjiang.submission.name_format", [document(alliance_name=name)]).status == "satisfied"


@pytest.mark.parametrize("name", ["龙江冰雪示例产学研协同创新联盟", "黑龙江省寒地示例产业技术创新战略联盟", "寒地示例产业技术创新联盟"])
def test_heilongjiang_misnamed_alliance_fails(name: str) -> None:
    result = run("heilongjiang.submission.name_format", [document(alliance_name=name)])
    assert result.status == "missing" and name in result.reason and "黑龙江省***产业技术创新联盟" in result.reason


def test_name_format_without_a_name_or_with_differing_names_needs_review() -> None:
    assert run("heilongjiang.submission.name_format", [document(alliance_name=None)]).status == "needs_review"
    docs = [document(alliance_name="黑龙江省寒地示例产业技术创新联盟"),
            document("charter", alliance_name="黑龙江省寒地稻米示例产业技术创新联盟")]
    result = run("heilongjiang.submission.name_format", docs)
    assert result.status == "needs_review" and "不一致" in result.reason


# ---- required_materials --------------------------------------------------------------------------
def test_required_material_present_by_kind() -> None:
    assert run("weinan.submission.application_form", [document(), document("application")]).status == "satisfied"


def test_required_material_missing_names_what_was_submitted() -> None:
    result = run("weinan.submission.application_form", [document(file="协议.docx")])
    assert result.status == "missing" and "未提交" in result.reason and "协议.docx" in result.reason


def test_recommendation_inside_the_application_needs_review() -> None:
    result = run("weinan.submission.recommendation", [document(), document("application")])
    assert result.status == "needs_review"
    assert run("weinan.submission.recommendation", [document()]).status == "missing"


def test_material_found_by_file_name_among_unclassified_documents() -> None:
    docs = [document(), other("湖南示例联盟组建可行性报告.pdf")]
    assert run("hunan.submission.feasibility_report", docs).status == "satisfied"
    result = run("hunan.submission.feasibility_report", [document(), other("scan-0001.pdf")])
    assert result.status == "needs_review" and "scan-0001.pdf" in result.reason


def test_heilongjiang_charter_or_agreement() -> None:
    assert run("heilongjiang.submission.charter", [document("agreement")]).status == "satisfied"
    assert run("gansu.submission.charter", [document("agreement")]).status == "missing"


# ---- license_for_every_member --------------------------------------------------------------------
def _all_licences(listed: list) -> list[Extraction]:
    return [licence(m.name) for m in listed]


def test_licence_for_every_member_with_tolerant_names() -> None:
    listed = members(4)
    docs = [document(member_list=listed)] + _all_licences(listed)
    docs[-1] = licence(listed[-1].name.replace("有限公司", "有限责任公司"))
    assert run("shuozhou.submission.license_for_every_member", docs).status == "needs_review"  # sealed copies


def test_licence_missing_for_a_member_fails() -> None:
    listed = members(4)
    docs = [document(member_list=listed)] + _all_licences(listed[:3])
    result = run("shuozhou.submission.license_for_every_member", docs)
    assert result.status == "missing" and listed[3].name in result.reason and "3/4" in result.reason
    result = run("shuozhou.submission.license_for_every_member", [document(member_list=listed)])
    assert result.status == "missing" and "未附任何" in result.reason


# ---- legal_rep_matches_license -------------------------------------------------------------------
def _signed(names: list[str | None], role: str = "legal_rep") -> list[Extraction]:
    parties = [LEAD, UNIVERSITY]
    agreement = document(member_list=members(3), signature_list=signatures(parties, names, role))
    return [agreement, licence(LEAD, legal_rep="王示例"), licence(UNIVERSITY, legal_rep="李示范", type="事业单位法人证书")]


def test_signatories_match_the_licences() -> None:
    assert run("gansu.submission.legal_rep_matches_license", _signed(["王示例", "李 示范"])).status == "satisfied"


def test_a_different_legal_representative_fails() -> None:
    result = run("gansu.submission.legal_rep_matches_license", _signed(["王示例", "赵别人"]))
    assert result.status == "missing" and "赵别人" in result.reason and "李示范" in result.reason


def test_an_authorized_signatory_needs_review() -> None:
    result = run("gansu.submission.legal_rep_matches_license", _signed(["张代理", "李示范"], "authorized_rep"))
    assert result.status == "needs_review" and "授权委托书" in result.reason


def test_blank_signatures_need_review_and_no_licences_is_not_applicable() -> None:
    assert run("gansu.submission.legal_rep_matches_license", _signed([None, None])).status == "needs_review"
    result = run("gansu.submission.legal_rep_matches_license", [document()])
    assert result.status == "not_applicable"


# ---- license_valid -------------------------------------------------------------------------------
def test_valid_licences_pass() -> None:
    docs = [document(), licence(LEAD), licence(UNIVERSITY, valid_until="2029-03-05")]
    assert run("weinan.submission.license_valid", docs).status == "satisfied"


def test_wrong_check_character_fails() -> None:
    result = run("weinan.submission.license_valid", [document(), licence(LEAD, uscc_valid=False)])
    assert result.status == "missing" and "校验位" in result.reason


def test_expired_licence_fails_on_the_check_date() -> None:
    docs = [document(), licence(LEAD, valid_until="2025-08-14", expired=False)]
    result = run("shuozhou.submission.license_valid", docs)
    assert result.status == "missing" and "2025-08-14" in result.reason
    assert run("shuozhou.submission.license_valid", docs, as_of=date(2025, 1, 1)).status == "satisfied"


def test_unknown_term_needs_review() -> None:
    result = run("weinan.submission.license_valid", [document(), licence(LEAD, valid_until=None)])
    assert result.status == "needs_review"


def test_licence_scope_and_absence() -> None:
    assert run("weinan.submission.license_valid", [document()]).status == "not_applicable"  # conditional
    assert run("shuozhou.submission.license_valid", [document()]).status == "missing"  # mandatory
    docs = [document(), licence(UNIVERSITY, uscc_valid=False)]
    assert run("heilongjiang.submission.lead_license_valid", docs).status == "not_applicable"  # only the lead's
    docs = [document(), licence(LEAD), licence(UNIVERSITY, uscc_valid=False)]
    assert run("heilongjiang.submission.lead_license_valid", docs).status == "satisfied"
