"""The traps: a strong title over a weak body, an exception far from its rule, a provision split
over two articles, a task table, contradicting articles, mention-only negatives, Traditional text."""

from extractors.clauses import extract_clauses
from intake import parse_bytes
from models.extraction import ClauseFinding


def _finding(text: str, key: str) -> ClauseFinding:
    doc = parse_bytes(text.encode("utf-8"), "x.txt")
    assert doc.text.rstrip("\n") == text.rstrip("\n")
    return next(f for f in extract_clauses(doc) if f.type == key)


def _spans(finding: ClauseFinding) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.quote) for e in finding.evidence]


def test_strong_heading_with_deferred_body_is_weak() -> None:
    text = "测试产业技术创新联盟协议书\n第八条　收益分配\n联盟成果转化收益如何分配，由各方另行协商。\n"
    found = _finding(text, "benefit_distribution")
    assert found.status.value == "weak"
    assert _spans(found) == [(23, 44, "联盟成果转化收益如何分配，由各方另行协商。")]
    assert "heading '收益分配'" in found.explanation and "deferral" in found.explanation


def test_exception_far_from_rule_stays_present_with_its_own_evidence() -> None:
    text = (
        "测试产业技术创新联盟章程\n"
        "第五条　联盟项目形成的成果及其知识产权归完成单位所有，但第十二条另有约定的除外。\n"
        "第六条　成员单位应当遵守本章程。\n"
        "第十二条　利用财政资金形成的知识产权，不适用归完成单位所有的规定，由项目承担各方共同所有。\n"
    )
    found = _finding(text, "ip_ownership")
    assert found.status.value == "present"
    exception = "利用财政资金形成的知识产权，不适用归完成单位所有的规定，由项目承担各方共同所有。"
    assert _spans(found) == [(17, 53, "联盟项目形成的成果及其知识产权归完成单位所有，但第十二条另有约定的除外。"), (76, 116, exception)]
    assert found.attributes["exceptions"] == [
        {"text": exception, "evidence": {"page": 1, "start": 76, "end": 116, "quote": exception}}
    ]
    assert found.attributes["rules"] == ["归完成方", "共有"]
    assert "政府资助项目成果" in found.attributes["scope"]
    assert {s["rule"] for s in found.attributes["rule_sources"]} == {"归完成方", "共有"}


def test_provision_split_over_two_articles() -> None:
    text = (
        "测试产业技术创新联盟协议书\n第三章　成员的权利和义务\n"
        "第七条　成员单位有权参加联盟会议，有权使用联盟公共平台。\n"
        "第八条　成员单位应当按期缴纳会费，不得损害联盟利益。\n"
    )
    found = _finding(text, "member_rights_duties")
    assert found.status.value == "present"
    assert _spans(found) == [
        (31, 55, "成员单位有权参加联盟会议，有权使用联盟公共平台。"),
        (60, 82, "成员单位应当按期缴纳会费，不得损害联盟利益。"),
    ]


def test_task_division_given_only_as_a_table() -> None:
    text = (
        "测试产业技术创新联盟协议书\n第四条　各成员的任务分工见下表：\n"
        "| 序号 | 成员单位 | 承担任务 |\n| 1 | 甲光电科技有限公司 | 负责样机研制与中试 |\n| 2 | 乙理工大学 | 负责基础理论研究 |\n"
        "第五条　成员单位应当遵守本协议。\n"
    )
    found = _finding(text, "task_division")
    assert found.status.value == "present"
    assert _spans(found) == [(18, 30, "各成员的任务分工见下表："), (70, 79, "负责样机研制与中试"), (96, 104, "负责基础理论研究")]
    assert found.attributes["table"] == [
        {"member": "甲光电科技有限公司", "task": "负责样机研制与中试"},
        {"member": "乙理工大学", "task": "负责基础理论研究"},
    ]


def test_task_division_as_a_list_gives_member_task_pairs() -> None:
    text = "测试产业技术创新联盟协议书\n第四条　分工如下：\n1.甲光电科技有限公司：负责样机研制；\n2.乙理工大学负责基础研究。\n"
    found = _finding(text, "task_division")
    assert found.status.value == "present"
    assert found.attributes["table"] == [
        {"member": "甲光电科技有限公司", "task": "负责样机研制"},
        {"member": "乙理工大学", "task": "负责基础研究"},
    ]


def test_contradicting_ownership_articles_are_weak() -> None:
    text = (
        "测试产业技术创新联盟章程\n第九条　联盟项目产生的知识产权归联盟所有。\n第十条　成员单位应当遵守本章程。\n"
        "第十一条　联盟项目产生的知识产权归完成单位所有。\n"
    )
    found = _finding(text, "ip_ownership")
    assert found.status.value == "weak"
    assert _spans(found) == [(17, 34, "联盟项目产生的知识产权归联盟所有。"), (57, 76, "联盟项目产生的知识产权归完成单位所有。")]
    assert found.explanation.startswith("weak: contradicted: 第九条")


NEGATIVES = (
    "测试产业技术创新联盟章程\n"
    "第一条　联盟以培育自主知识产权、推动行业进步为宗旨。\n"
    "第二条　联盟的主要任务是组织开展关键技术联合攻关，推动科技成果转化。\n"
    "第三条　联盟经费只能用于联盟活动，不得在成员单位中分配。\n"
)


def test_mention_only_contexts_leave_the_clause_absent() -> None:
    ownership = _finding(NEGATIVES, "ip_ownership")
    benefit = _finding(NEGATIVES, "benefit_distribution")
    org_form = _finding(NEGATIVES, "innovation_org_form")
    assert (ownership.status.value, benefit.status.value, org_form.status.value) == ("absent", "absent", "absent")
    assert "培育自主知识产权" in ownership.explanation
    assert "推动科技成果转化" in benefit.explanation and "不得在成员单位中分配" in benefit.explanation
    assert "联合攻关" in org_form.explanation
    assert ownership.evidence == benefit.evidence == org_form.evidence == []
    assert _finding(NEGATIVES, "fund_management").status.value == "present"


def test_traditional_characters_are_matched_and_quoted_as_written() -> None:
    text = "測試產業技術創新聯盟協議書\n第一條　聯盟項目產生的知識產權歸完成單位所有。\n第二條　成果轉化淨收益按各方投入比例分配。\n"
    ownership = _finding(text, "ip_ownership")
    benefit = _finding(text, "benefit_distribution")
    assert _spans(ownership) == [(18, 37, "聯盟項目產生的知識產權歸完成單位所有。")]
    assert _spans(benefit) == [(42, 59, "成果轉化淨收益按各方投入比例分配。")]
    assert benefit.attributes["mechanism"] == ["按投入比例"]


def test_bracket_titles_and_numbers_are_not_quoted() -> None:
    text = "测试产业技术创新联盟章程\n第二十条　【收益分配】成果转化收益的百分之六十归完成方，其余按出资比例分配。\n"
    found = _finding(text, "benefit_distribution")
    assert _spans(found) == [(24, 51, "成果转化收益的百分之六十归完成方，其余按出资比例分配。")]
    assert found.attributes["ratios"] == ["百分之六十"]


def test_exception_cited_as_part_and_item() -> None:
    text = (
        "测试产业技术创新联盟协议书\n一、知识产权\n"
        "（一）成果归属。联盟项目成果归完成方所有，但本协议第二部分第（一）项另有约定的除外。\n"
        "二、附则\n（一）财政资助成果。利用财政资金形成的成果，不适用归完成方所有的规定，由各参加单位共同所有。\n"
    )
    found = _finding(text, "ip_ownership")
    exception = "利用财政资金形成的成果，不适用归完成方所有的规定，由各参加单位共同所有。"
    assert found.status.value == "present"
    assert _spans(found) == [(29, 63, "联盟项目成果归完成方所有，但本协议第二部分第（一）项另有约定的除外。"), (79, 115, exception)]
    assert [e["evidence"]["start"] for e in found.attributes["exceptions"]] == [79]
