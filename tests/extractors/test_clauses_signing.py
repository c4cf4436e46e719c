"""legal_rep_signature and member_signature: the signing clause and the signature page."""

import pytest

from extractors.clauses import extract_clauses
from intake import parse_bytes
from models.extraction import ClauseFinding

TABLE_PAGE = (
    "测试产业技术创新联盟协议书\n"
    "第一条　本协议经各成员单位法定代表人签字并加盖公章后生效。\n"
    "（以下无正文）\n"
    "测试联盟签署页\n"
    "| 成员单位（盖章） | 法定代表人（签字） | 日期 |\n"
    "| 甲光电科技有限公司 | 王明 | 2025年3月1日 |\n"
    "| 乙理工大学 | 李华 | 2025年3月1日 |\n"
)
REPRESENTATIVES_ONLY = (
    "测试产业技术创新联盟协议书\n"
    "第一条　本协议自各方签章之日起生效。\n"
    "（以下无正文）\n"
    "签字页\n"
    "甲光电科技有限公司（盖章）\n"
    "代表签字：王明\n"
    "乙理工大学（盖章）\n"
    "代表签字：李华\n"
)
ONE_PARTY = (
    "测试产业技术创新联盟协议书\n"
    "第一条　本协议自全体成员单位法定代表人签署之日起生效。\n"
    "（以下无正文）\n"
    "签署页\n"
    "牵头单位（盖章）：甲光电科技有限公司\n"
    "法定代表人（签字）：王明\n"
    "其余成员单位的签章见附页。\n"
)
ADOPTED_BY_VOTE = "测试产业技术创新联盟章程\n第一条　本章程经成员大会表决通过之日起生效。\n"
CLAUSE_ONLY = "测试产业技术创新联盟协议书\n第一条　本协议由全体成员单位法定代表人共同签署后生效。\n"

Spans = list[tuple[int, int, str]]


def _findings(text: str) -> dict[str, ClauseFinding]:
    doc = parse_bytes(text.encode("utf-8"), "x.txt")
    assert doc.text.rstrip("\n") == text.rstrip("\n")
    return {f.type: f for f in extract_clauses(doc) if f.type in ("legal_rep_signature", "member_signature")}


@pytest.mark.parametrize(
    ("text", "legal_rep", "legal_rep_spans", "members", "member_spans"),
    [
        (
            TABLE_PAGE,
            "present", [(18, 43, "本协议经各成员单位法定代表人签字并加盖公章后生效。"), (73, 82, "法定代表人（签字）")],
            "present", [(52, 59, "测试联盟签署页"), (62, 70, "成员单位（盖章）")],
        ),
        (
            REPRESENTATIVES_ONLY,
            "weak", [(18, 32, "本协议自各方签章之日起生效。"), (59, 63, "代表签字")],
            "present", [(41, 44, "签字页"), (45, 58, "甲光电科技有限公司（盖章）")],
        ),
        (
            ONE_PARTY,
            "present", [(18, 41, "本协议自全体成员单位法定代表人签署之日起生效。"), (73, 82, "法定代表人（签字）")],
            "weak", [(86, 99, "其余成员单位的签章见附页。")],
        ),
        (ADOPTED_BY_VOTE, "absent", [], "absent", []),
        (
            CLAUSE_ONLY,
            "present", [(18, 41, "本协议由全体成员单位法定代表人共同签署后生效。")],
            "weak", [(18, 41, "本协议由全体成员单位法定代表人共同签署后生效。")],
        ),
    ],
    ids=["table-page", "representatives-only", "one-party", "adopted-by-vote", "clause-without-page"],
)
def test_signature_clauses(text: str, legal_rep: str, legal_rep_spans: Spans, members: str, member_spans: Spans) -> None:
    found = _findings(text)
    rep, mem = found["legal_rep_signature"], found["member_signature"]
    assert (rep.status.value, mem.status.value) == (legal_rep, members), (rep.explanation, mem.explanation)
    assert [(e.start, e.end, e.quote) for e in rep.evidence] == legal_rep_spans
    assert [(e.start, e.end, e.quote) for e in mem.evidence] == member_spans


def test_form_declaration_is_not_a_signing_clause() -> None:
    """An application form's own 法定代表人（签字） line is the applicant's, not the members' signing."""
    form = (
        "联盟组建申请表\n"
        "申报单位（盖章）：甲光电科技有限公司\n"
        "| 联盟名称 | 测试产业技术创新联盟 |\n"
        "| 技术创新目标 | 三年内研制样机2台，能耗降低20%。 |\n"
        "法定代表人（签字）：王明\n"
    )
    found = _findings(form)
    assert found["legal_rep_signature"].status.value == "absent"
    assert found["member_signature"].status.value == "absent"


def test_runin_line_with_two_slots_gives_both_labels() -> None:
    from extractors.signing import _runin_labels

    line = "甲方（盖章）：甲公司　　代表（签字）："
    labels = [(lb.start, lb.end, lb.text) for lb in _runin_labels(line, 100)]
    assert labels == [(100, 106, "甲方（盖章）"), (112, 118, "代表（签字）")]
    assert [lb.text for lb in _runin_labels("甲公司（盖章）　法定代表人（签字）：", 0)] == ["甲公司（盖章）　法定代表人（签字）"]
