"""Members, counts, lead unit and alliance name (documents written for these tests, invented names)."""

import pytest
from pydantic import ValidationError

from extractors.members import MembersResult, extract_members
from extractors.orgs import org_type
from extractors.parties_config import PartiesConfig, parties_config
from intake import parse_bytes
from models import Document


def _doc(text: str) -> Document:
    return parse_bytes(text.encode("utf-8"), "x.txt")


def _summary(result: MembersResult) -> list[tuple[str, str, str, bool | None]]:
    return [(m.name, m.type, m.role, m.core) for m in result.members]


TABLE_DOC = """青川新材料产业技术创新战略联盟协议书
第一条　联盟名称：青川新材料产业技术创新战略联盟（以下简称“联盟”）。
第二条　联盟发起成员单位名单如下：
| 序号 | 单位名称 | 单位性质 | 联盟职务 | 法定代表人 |
| 1 | 青川碳纤维股份有限公司 | 企业 | 理事长单位 | 郎世宁 |
| 2 | 川北理工大学 | 高等院校 | 副理事长单位 | 柏青 |
| 3 | 青川复合材料研究院 | 科研院所 | 秘书长单位 | 詹远 |
| 4 | 剑阁织造有限责任公司 | 企业 | 理事单位 | 蒲红 |
| 5 | 青川市新材料检测中心 | 其他组织 | 理事单位 | 苟平 |
理事长单位青川碳纤维股份有限公司，注册地址：四川省青川市经开区碳谷路1号。
第三条　剑阁织造有限公司负责织物预成型体的试制。
"""


def test_member_table() -> None:
    doc = _doc(TABLE_DOC)
    result = extract_members(doc)
    assert _summary(result) == [
        ("青川碳纤维股份有限公司", "enterprise", "lead", None),
        ("川北理工大学", "university", "vice", None),
        ("青川复合材料研究院", "institute", "secretariat", None),
        ("剑阁织造有限责任公司", "enterprise", "member", None),  # and 剑阁织造有限公司 is the same unit
        ("青川市新材料检测中心", "other", "member", None),
    ]
    assert (result.core_member_count, result.total_member_count) == (5, 5)
    assert result.alliance_name == "青川新材料产业技术创新战略联盟"
    lead = result.lead_unit
    assert lead is not None and lead.name == "青川碳纤维股份有限公司"
    assert lead.address == "四川省青川市经开区碳谷路1号"
    first = result.members[0].evidence[0]
    start = doc.text.index("青川碳纤维股份有限公司")
    assert (first.start, first.end, first.quote) == (start, start + 11, "青川碳纤维股份有限公司")
    assert result.members[0].evidence[1].quote == "理事长单位"  # the role cell
    assert lead.evidence[-1].quote == "四川省青川市经开区碳谷路1号"


RUN_IN_DOC = """渭川果业产业技术创新联盟协议
第五条　联盟现有成员单位6家，其中核心成员单位4家，一般成员单位2家。
核心成员单位（4家）：渭川果业集团有限公司、秦岭农林科技学院、渭川市果树研究所、塬上苹果专业合作社；一般成员单位（2家）：渭川冷链物流有限公司和渭川包装印务有限公司。
其中，渭川果业集团有限公司为理事长单位，秦岭农林科技学院、渭川市果树研究所为副理事长单位。
联盟秘书处是联盟的执行机构，挂靠渭川冷链物流有限公司，负责日常工作。
联盟住所设在理事长单位渭川果业集团有限公司，地址：陕西省渭川市果乡大道66号。
"""


def test_run_in_lists_with_core_and_roles() -> None:
    result = extract_members(_doc(RUN_IN_DOC))
    assert _summary(result) == [
        ("渭川果业集团有限公司", "enterprise", "lead", True),
        ("秦岭农林科技学院", "university", "vice", True),
        ("渭川市果树研究所", "institute", "vice", True),
        ("塬上苹果专业合作社", "other", "member", True),
        ("渭川冷链物流有限公司", "enterprise", "secretariat", False),
        ("渭川包装印务有限公司", "enterprise", "member", False),
    ]
    assert (result.core_member_count, result.total_member_count) == (4, 6)
    assert result.lead_unit is not None and result.lead_unit.address == "陕西省渭川市果乡大道66号"
    assert result.alliance_name == "渭川果业产业技术创新联盟"


def test_role_block_and_stated_core_count() -> None:
    text = """东岭光电产业技术创新联盟章程
第六条　联盟成员单位为：东岭光电科技股份有限公司、岭南光学研究院有限公司、东岭职业技术学院和东岭光电检测中心有限公司，共4家。
第七条　理事长单位：东岭光电科技股份有限公司；副理事长单位：岭南光学研究院有限公司、东岭职业技术学院。
第八条　联盟核心成员单位3家。
"""
    result = extract_members(_doc(text))
    assert _summary(result) == [
        ("东岭光电科技股份有限公司", "enterprise", "lead", None),
        ("岭南光学研究院有限公司", "institute", "vice", None),
        ("东岭职业技术学院", "university", "vice", None),
        ("东岭光电检测中心有限公司", "enterprise", "member", None),
    ]
    assert result.core_member_count == 3  # stated; the list does not mark core members


def test_offices_held_by_units_and_a_core_count_after_the_list() -> None:
    text = """汾渭储能材料产业技术创新联盟章程
第七条　联盟首批成员单位为汾渭锂能科技有限公司、河东工学院、汾渭市储能材料研究所、平阳电池隔膜有限公司，以上三家为核心成员单位；蒲州铝箔有限公司为一般成员单位。
第十二条　理事会设理事长一名，由汾渭锂能科技有限公司担任；副理事长两名，由河东工学院和汾渭市储能材料研究所担任。理事长主持理事会工作。
"""
    result = extract_members(_doc(text))
    roles = {m.name: m.role for m in result.members}
    assert roles == {"汾渭锂能科技有限公司": "lead", "河东工学院": "vice", "汾渭市储能材料研究所": "vice",
                     "平阳电池隔膜有限公司": "member", "蒲州铝箔有限公司": "member"}
    assert (result.core_member_count, result.total_member_count) == (3, 5)


def test_role_opening_a_task_cell() -> None:
    text = """陇南中药材产业技术创新联盟组建申请表
| 序号 | 单位名称 | 单位性质 | 承担任务 |
| 1 | 陇南药业股份有限公司 | 企业 | 理事长单位，组织道地药材标准化种植示范 |
| 2 | 陇南师范学院 | 高校 | 副理事长单位，承担药效成分检测方法研究 |
| 3 | 宕昌药源种植有限公司 | 企业 | 提供种苗繁育基地 |
| 4 | 武都中药饮片有限公司 | 企业 | 承担饮片炮制工艺改进 |
"""
    result = extract_members(_doc(text))
    assert [(m.name, m.role) for m in result.members] == [
        ("陇南药业股份有限公司", "lead"), ("陇南师范学院", "vice"),
        ("宕昌药源种植有限公司", "member"), ("武都中药饮片有限公司", "member"),
    ]
    vice = result.members[1]
    assert any(e.quote == "副理事长单位，承担药效成分检测方法研究" for e in vice.evidence)


def test_traditional_text() -> None:
    text = """澄海電子產業技術創新聯盟協議
第一條　本聯盟全稱為澄海電子產業技術創新聯盟（以下簡稱「聯盟」）。
第二條　聯盟發起成員單位為：澄海微電子股份有限公司、閩東科技大學、澄海電子研究所。
其中，澄海微電子股份有限公司為理事長單位，閩東科技大學為副理事長單位。
聯盟秘書處設在澄海電子研究所。
"""
    result = extract_members(_doc(text))
    assert _summary(result) == [
        ("澄海微電子股份有限公司", "enterprise", "lead", None),
        ("閩東科技大學", "university", "vice", None),
        ("澄海電子研究所", "institute", "secretariat", None),
    ]
    assert result.alliance_name == "澄海電子產業技術創新聯盟"


def test_vertical_list_and_task_items() -> None:
    text = """北湾海藻产业技术创新联盟章程
第四条　联盟由下列单位共同发起成立：
（一）北湾海藻生物科技有限公司（理事长单位）；
（二）黄海海洋大学（副理事长单位）；
（三）北湾市海洋渔业研究院。
第五条　各成员单位的任务分工如下：
1、北湾海藻生物科技有限公司：作为理事长单位，牵头海藻多糖提取技术攻关；
2、黄海海洋大学：负责藻种选育的基础研究。
"""
    result = extract_members(_doc(text))
    assert _summary(result) == [
        ("北湾海藻生物科技有限公司", "enterprise", "lead", None),
        ("黄海海洋大学", "university", "vice", None),
        ("北湾市海洋渔业研究院", "institute", "member", None),
    ]


def test_contract_parties_and_aliases() -> None:
    text = """云杉木业产业技术创新联盟合作协议
甲方：云杉木业集团有限公司
住所：贵州省云杉市林城路8号
乙方：黔林农业大学（以下简称“黔林农大”）
丙方：云杉市林业科学研究所
第一条　甲方为联盟理事长单位，黔林农大为联盟副理事长单位。
第二条　联盟办公室设在丙方。
"""
    result = extract_members(_doc(text))
    assert _summary(result) == [
        ("云杉木业集团有限公司", "enterprise", "lead", None),
        ("黔林农业大学", "university", "vice", None),
        ("云杉市林业科学研究所", "institute", "secretariat", None),
    ]
    assert result.lead_unit is not None and result.lead_unit.address == "贵州省云杉市林城路8号"


def test_application_form() -> None:
    text = """产业技术创新战略联盟认定申请表
| 联盟名称 | 汾河酿造产业技术创新战略联盟 | 成立时间 | 2023年5月 |
| 牵头单位 | 汾河酿造股份有限公司 |  |  |
| 单位地址 | 山西省汾河市酒都大道9号 |  |  |
| 成员单位总数 | 4家 | 核心成员单位数 | 3家 |
联盟成员单位名单
| 序号 | 单位 | 类型 | 角色 | 是否核心成员 |
| 1 | 汾河酿造股份有限公司 | 企业 | 理事长 | 是 |
| 2 | 晋中食品工程学院 | 高校 | 副理事长 | 是 |
| 3 | 汾河酿造技术研究所 | 科研院所 | 理事 | 是 |
| 4 | 汾河高粱种植专业合作社 | 其他 | 会员 | 否 |
"""
    result = extract_members(_doc(text))
    assert _summary(result) == [
        ("汾河酿造股份有限公司", "enterprise", "lead", True),
        ("晋中食品工程学院", "university", "vice", True),
        ("汾河酿造技术研究所", "institute", "member", True),
        ("汾河高粱种植专业合作社", "other", "member", False),
    ]
    assert (result.core_member_count, result.total_member_count) == (3, 4)
    assert result.alliance_name == "汾河酿造产业技术创新战略联盟"
    assert result.lead_unit is not None and result.lead_unit.address == "山西省汾河市酒都大道9号"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("某某汽车技术研究院有限公司", "institute"),
        ("某某产品检测中心有限公司", "enterprise"),
        ("某某轨道工程职业学院", "university"),
        ("某某工程技术研究中心", "institute"),
        ("某某市氢能装备创新中心", "institute"),
        ("某某市科技金融服务中心", "other"),
        ("某某农民专业合作社联合社", "other"),
        ("某某农村商业银行股份有限公司", "enterprise"),
        ("某某产业促进会", "other"),
    ],
)
def test_org_type_by_suffix(name: str, kind: str) -> None:
    assert org_type(name) == kind


def test_licence_has_no_members() -> None:
    result = extract_members(_doc("营业执照\n名称　某某有限公司\n法定代表人　某某\n"))
    assert result.members == [] and result.lead_unit is None and result.core_member_count is None


def test_clause_words_are_not_members() -> None:
    text = """某某产业技术创新联盟章程
第三条　联盟成员单位包括：企业、高等院校、科研院所、行业协会等。
第四条　专家委员会由以下专家组成：甘霖（某某大学教授）、伍岳（某某研究院研究员）。
"""
    assert extract_members(_doc(text)).members == []


def test_shipped_party_data_validates_and_broken_data_fails() -> None:
    raw = parties_config().model_dump()
    raw["roles"]["words"]["理事长单位"] = "chair"  # not a role
    with pytest.raises(ValidationError):
        PartiesConfig.model_validate(raw)


def test_list_under_a_caption_line_without_colon() -> None:
    doc = _doc("松原生物基材料产业技术创新联盟章程\n第一条　本联盟由下列单位发起。\n附：发起会员单位名单\n"
               "1．松原玉米化工股份有限公司（理事长单位）\n2．吉中农业大学（副理事长单位）\n"
               "3．扶余秸秆综合利用合作社\n4．前郭生物降解材料有限公司\n")
    assert _summary(extract_members(doc)) == [
        ("松原玉米化工股份有限公司", "enterprise", "lead", None),
        ("吉中农业大学", "university", "vice", None),
        ("扶余秸秆综合利用合作社", "other", "member", None),
        ("前郭生物降解材料有限公司", "enterprise", "member", None),
    ]


def test_names_next_to_role_words_without_a_list() -> None:
    doc = _doc("松原生物基材料产业技术创新联盟章程\n"
               "第十条　理事长由理事长单位松原玉米化工股份有限公司推荐的人选担任，副理事长单位为吉中农业大学和松原生物质研究院。\n"
               "第十一条　成员名录见附件。\n")
    assert {(m.name, m.role) for m in extract_members(doc).members} == {
        ("松原玉米化工股份有限公司", "lead"), ("吉中农业大学", "vice"), ("松原生物质研究院", "vice")}
