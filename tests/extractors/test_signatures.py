"""Signature slots: tables, run-in blocks, form cells (documents written for these tests)."""

import pytest

from extractors.cn_text import parse_date
from extractors.signatures import extract_signatures
from intake import parse_bytes
from models import Document
from models.extraction import Signature


def _doc(text: str) -> Document:
    return parse_bytes(text.encode("utf-8"), "x.txt")


def _rows(signatures: list[Signature]) -> list[tuple[str, str, str | None, bool, bool, str | None]]:
    return [(s.party, s.signatory_role, s.signatory_name, s.signed, s.seal, s.date) for s in signatures]


TABLE_DOC = """青岩茶业产业技术创新联盟协议
第九条　本协议经各成员单位法定代表人或其授权代表签字并加盖公章后生效。
（以下无正文，为协议签署页）
青岩茶业产业技术创新联盟签署页
| 序号 | 单位名称（盖章） | 法定代表人或授权代表（签字） | 日期 |
| 1 | 青岩茶业股份有限公司 | 石梦溪 | 2024年3月18日 |
| 2 | 黔南农业大学 | 韦嘉木（授权代表） | 2024.3.19 |
| 3 | 青岩茶叶研究所 | ________ | ____年__月__日 |
"""


def test_signature_table_with_authorized_rep_and_blank() -> None:
    doc = _doc(TABLE_DOC)
    signatures = extract_signatures(doc)
    assert _rows(signatures) == [
        ("青岩茶业股份有限公司", "legal_rep", "石梦溪", True, False, "2024-03-18"),
        ("黔南农业大学", "authorized_rep", "韦嘉木", True, False, "2024-03-19"),
        ("青岩茶叶研究所", "unspecified", None, False, False, None),
    ]
    party, name, when = signatures[1].evidence
    start = doc.text.index("黔南农业大学")
    assert (party.start, party.end, party.quote) == (start, start + 6, "黔南农业大学")
    assert name.quote == "韦嘉木（授权代表）"
    assert when.quote == "2024.3.19"


def test_blank_column_that_admits_only_the_legal_rep() -> None:
    text = TABLE_DOC.replace("法定代表人或授权代表（签字）", "法定代表人（签字）")
    assert _rows(extract_signatures(_doc(text)))[2] == ("青岩茶叶研究所", "legal_rep", None, False, False, None)


def test_column_of_representatives_gives_unspecified() -> None:
    text = TABLE_DOC.replace("法定代表人或授权代表（签字）", "代表签字")
    roles = [s.signatory_role for s in extract_signatures(_doc(text))]
    assert roles == ["unspecified", "authorized_rep", "unspecified"]  # a marked name keeps its mark


def test_separate_legal_and_agent_columns() -> None:
    text = """某某联盟签署页
| 单位（盖章） | 法定代表人（签字） | 委托代理人（签字） | 日期 |
| 北辰氢能科技有限公司 | 许明哲 |  | 2024年6月1日 |
| 华岳理工大学 |  | 陶然 | 2024年6月2日 |
| 北辰市氢能研究中心 |  |  |  |
"""
    assert _rows(extract_signatures(_doc(text))) == [
        ("北辰氢能科技有限公司", "legal_rep", "许明哲", True, False, "2024-06-01"),
        ("华岳理工大学", "authorized_rep", "陶然", True, False, "2024-06-02"),
        ("北辰市氢能研究中心", "unspecified", None, False, False, None),
    ]


def test_run_in_blocks() -> None:
    text = """海川装备产业技术创新联盟签署页
单位名称（盖章）：海川重工装备有限公司
代表签字：苗青山
日期：2025年1月10日

单位名称（盖章）：海川理工学院
法定代表人（签字）：________
日期：______年____月____日

单位名称（盖章）：海川焊接技术研究院
法定代表人或授权代表（签字）：原野（委托代理人）
签署日期：２０２５年１月１２日
"""
    assert _rows(extract_signatures(_doc(text))) == [
        ("海川重工装备有限公司", "unspecified", "苗青山", True, False, "2025-01-10"),
        ("海川理工学院", "legal_rep", None, False, False, None),
        ("海川焊接技术研究院", "authorized_rep", "原野", True, False, "2025-01-12"),
    ]


def test_signature_lines_opening_with_the_unit() -> None:
    text = """汉江渔业产业技术创新联盟章程签字页
成员单位代表签字：
汉江水产科技有限公司　　代表：龚青禾　　2025年7月8日
汉中农林职业学院　　代表：
汉江渔业研究所    代表：邹启明    2025年7月9日
"""
    assert _rows(extract_signatures(_doc(text))) == [
        ("汉江水产科技有限公司", "unspecified", "龚青禾", True, False, "2025-07-08"),
        ("汉中农林职业学院", "unspecified", None, False, False, None),
        ("汉江渔业研究所", "unspecified", "邹启明", True, False, "2025-07-09"),
    ]


def test_a_signing_date_column_is_no_signatory_column() -> None:
    text = """汉江渔业产业技术创新联盟协议签署表
| 序号 | 成员单位（公章） | 法定代表人（签字） | 签字日期 |
| 1 | 汉江水产科技有限公司 | 龚青禾 | 2025年9月9日 |
| 2 | 汉中农林职业学院 |  |  |
"""
    assert [r[1] for r in _rows(extract_signatures(_doc(text)))] == ["legal_rep", "legal_rep"]


def test_contract_parties_side_by_side() -> None:
    text = """星澜海洋装备产业技术创新联盟合作协议
甲方：星澜海工装备股份有限公司
乙方：东瀛海事大学
丙方：浙东海洋工程研究院有限公司
第一条　甲方为联盟理事长单位。
（本页无正文，为签署页）
甲方（盖章）：星澜海工装备股份有限公司　　乙方（盖章）：东瀛海事大学
法定代表人（签字）：韦成章　　法定代表人（签字）：高远（委托代理人）
日期：2024.5.8　　日期：2024.5.9
丙方（盖章）：
法定代表人（签字）：钱慕白（已盖章）
日期：二〇二四年五月十一日
"""
    assert _rows(extract_signatures(_doc(text))) == [
        ("星澜海工装备股份有限公司", "legal_rep", "韦成章", True, False, "2024-05-08"),
        ("东瀛海事大学", "authorized_rep", "高远", True, False, "2024-05-09"),
        ("浙东海洋工程研究院有限公司", "legal_rep", "钱慕白", True, True, "2024-05-11"),
    ]


def test_form_signature_cell_stands_for_the_lead() -> None:
    text = """某某产业技术创新联盟组建申请表
| 联盟名称 | 汾河酿造产业技术创新战略联盟 |
| 牵头单位 | 汾河酿造股份有限公司 |
| 推荐单位意见 | 同意推荐。（盖章）2024年9月21日 |
| 牵头单位意见 | 同意牵头组建。　牵头单位（盖章）　法定代表人（签字）：晋安邦　2024年9月20日 |
| 主管部门意见 | （盖章）　年　月　日 |
"""
    assert _rows(extract_signatures(_doc(text))) == [
        ("汾河酿造股份有限公司", "legal_rep", "晋安邦", True, False, "2024-09-20"),
    ]


def test_form_row_labelled_for_the_signatory_then_the_applicant() -> None:
    text = """某某产业技术创新联盟备案申请表
| 联盟名称 | 沅江芦苇新材料产业技术创新联盟 |
| 申请单位 | 沅江芦苇新材料股份有限公司 |
| 法定代表人签字 | 屈望舒　　申请单位（盖章）　　2025年8月4日 |
| 推荐单位意见 | （盖章）　　年　月　日 |
"""
    assert _rows(extract_signatures(_doc(text))) == [
        ("沅江芦苇新材料股份有限公司", "legal_rep", "屈望舒", True, False, "2025-08-04"),
    ]


def test_no_signature_page() -> None:
    text = "某某联盟章程\n第一条　本章程由理事长单位（盖章）确认后，经成员大会表决通过之日起生效。\n"
    assert extract_signatures(_doc(text)) == []


def test_traditional_signature_table() -> None:
    text = """澄海電子產業技術創新聯盟簽署頁
| 單位名稱（蓋章） | 法定代表人或授權代表（簽字） | 日期 |
| 澄海微電子股份有限公司 | 賀秀蘭 | 2023年11月30日 |
"""
    assert _rows(extract_signatures(_doc(text))) == [
        ("澄海微電子股份有限公司", "legal_rep", "賀秀蘭", True, False, "2023-11-30"),
    ]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024年3月18日", "2024-03-18"),
        ("2024.3.18", "2024-03-18"),
        ("2024-03-18", "2024-03-18"),
        ("2024/3/18", "2024-03-18"),
        ("２０２４年３月１８日", "2024-03-18"),
        ("二〇二四年三月十八日", "2024-03-18"),
        ("____年__月__日", None),
        ("2024年2月30日", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


ROLE_HEADER_DOC = """松岭菌业产业技术创新联盟协议
第一条　成员单位为松岭菌业有限公司（理事长单位；法定代表人：柯远山）、北溪农林学院、西岭菌种研究所。
第十条　本协议由各成员单位法定代表人或者委托代理人签署。
各成员单位签署：
| 成员单位（印章） | 法定代表人／委托代理人 | 日期 |
| 松岭菌业有限公司 | 柯远山 | 2025年4月2日 |
| 北溪农林学院 | 白若溪（委托代理人） | 2025年4月3日 |
| 西岭菌种研究所 |  |  |
"""


def test_a_seal_column_makes_a_role_headed_column_the_signing_column() -> None:
    assert _rows(extract_signatures(_doc(ROLE_HEADER_DOC))) == [
        ("松岭菌业有限公司", "legal_rep", "柯远山", True, False, "2025-04-02"),
        ("北溪农林学院", "authorized_rep", "白若溪", True, False, "2025-04-03"),
        ("西岭菌种研究所", "unspecified", None, False, False, None),
    ]


MEMBER_TABLE_ONLY = """| 单位名称 | 法定代表人 | 单位地址 |
| 松岭菌业有限公司 | 柯远山 | 松岭市林海路1号 |
| 北溪农林学院 | 闻书白 | 北溪市学府路2号 |
"""


def test_a_member_table_with_a_legal_rep_column_is_no_signature_table() -> None:
    assert extract_signatures(_doc(MEMBER_TABLE_ONLY)) == []


AUTHORISED_COLUMN_DOC = """松岭菌业产业技术创新联盟协议
第二条　理事长单位：松岭菌业有限公司（核心成员；法定代表人：柯远山）；副理事长单位：北溪农林学院（核心成员；法定代表人：闻书白）
第九条　本协议由各成员单位法定代表人或其授权代表签字并加盖公章后生效。
（以下为签署页）
单位名称（公章）　　　　　　授权代表（签字）　　签署日期
松岭菌业有限公司　　　　　　柯远山　　　　　　2025年4月2日
北溪农林学院　　　　　　　　蓝小舟　　　　　　2025年4月2日
"""


def test_the_units_own_legal_rep_signing_under_authorised_is_legal_rep() -> None:
    assert _rows(extract_signatures(_doc(AUTHORISED_COLUMN_DOC))) == [
        ("松岭菌业有限公司", "legal_rep", "柯远山", True, False, "2025-04-02"),
        ("北溪农林学院", "authorized_rep", "蓝小舟", True, False, "2025-04-02"),
    ]


RUN_IN_SEAL_MARK_DOC = """松岭菌业产业技术创新联盟协议
第九条　本协议经各方法定代表人签字后生效。
各方签章：
松岭菌业有限公司（章）　法定代表人：柯远山　2025年4月2日
北溪农林学院（章）　法定代表人：＿＿＿＿　＿＿年＿＿月＿＿日
"""


def test_run_in_lines_with_a_seal_mark_after_the_unit() -> None:
    assert _rows(extract_signatures(_doc(RUN_IN_SEAL_MARK_DOC))) == [
        ("松岭菌业有限公司", "legal_rep", "柯远山", True, False, "2025-04-02"),
        ("北溪农林学院", "legal_rep", None, False, False, None),
    ]


SAME_LINE_DATES_DOC = """松岭菌业产业技术创新联盟章程
第三十条　本章程由各成员单位代表签字后生效。
（以下为签字页）
单位（盖章）：松岭菌业有限公司
代表（签字）：柯远山　　日期：2025年4月2日

单位（盖章）：北溪农林学院
代表（签字）：　　　　　日期：

单位（盖章）：西岭菌种研究所
代表（签字）：蓝小舟　　日期：2025年4月5日
"""


def test_a_date_on_the_signatory_line_belongs_to_that_slot() -> None:
    assert _rows(extract_signatures(_doc(SAME_LINE_DATES_DOC))) == [
        ("松岭菌业有限公司", "unspecified", "柯远山", True, False, "2025-04-02"),
        ("北溪农林学院", "unspecified", None, False, False, None),
        ("西岭菌种研究所", "unspecified", "蓝小舟", True, False, "2025-04-05"),
    ]
