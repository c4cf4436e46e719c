"""Tolerant organisation and person names; addresses placed in regions."""

from __future__ import annotations

import pytest

from checklists.loader import get_rule_set
from checklists.names import best_org_match, is_branch, normalize_org, same_org, same_person
from checklists.regions import place_address


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("渭南秦创示例制造技术有限责任公司", "渭南秦创示例制造技术有限公司"),
        ("白银陇耀示例材料股份有限公司", "白银陇耀示例材料有限公司"),
        ("北京示例（集团）有限公司", "北京示例集团有限公司"),
        ("澄明精密示例光學股份有限公司", "澄明精密示例光学股份有限公司"),
        ("北京雪域示例冰雪装备有限公司", "雪域示例"),
        ("湘江 示例 工程大学", "湘江示例工程大学"),
        ("黑龙江省寒地示例新材料技术研究所", "黑龙江省寒地示例新材料技朮研究所"),  # one misread character
    ],
)
def test_same_organisation(a: str, b: str) -> None:
    assert same_org(a, b) and same_org(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("黑龙江冰雪示例投资基金管理有限公司", "黑龙江冰雪示例运动装备技术研究院"),
        ("渭南示例第4号科技有限公司", "渭南示例第5号科技有限公司"),
        ("示例电力有限公司第一分公司", "示例电力有限公司第二分公司"),
        ("恒温示例有限公司", "恒温示范有限公司"),
        ("示例电力有限公司", "示例电力有限公司富平分公司"),  # the shared 有限公司 must not make them alike
        ("示例", "示例大学"),  # too short to count as a short name
        ("", "示例大学"),
    ],
)
def test_different_organisations(a: str, b: str) -> None:
    assert not same_org(a, b)


def test_normalize_and_best_match() -> None:
    assert normalize_org(" 示例（集团）股份有限公司 ") == "示例集团有限公司"
    assert best_org_match("示例科技有限责任公司", ["别的有限公司", "示例科技有限公司"]) == "示例科技有限公司"
    assert best_org_match("毫不相干研究所", ["示例科技有限公司"]) is None
    assert is_branch("示例电力有限公司富平分公司") and not is_branch("示例电力有限公司")


def test_person_names() -> None:
    assert same_person("王 示例", "王示例") and same_person("王示例（签字）", "王示例")
    assert same_person("劉示例", "刘示例")
    assert not same_person("张伟", "张玮") and not same_person(None, "张伟")


@pytest.mark.parametrize(
    ("rule_set", "address", "placement"),
    [
        ("weinan", "陕西省渭南市高新技术产业开发区崇业路22号", "inside"),
        ("weinan", "渭南市临渭区示例路1号", "inside"),
        ("weinan", "陕西省富平县庄里镇示例大道9号", "inside"),
        ("weinan", "中国陕西省渭南市示例路1号", "inside"),
        ("weinan", "陕西省西安市雁塔区示例路9号", "outside"),
        ("weinan", "北京市海淀区示例东路18号", "outside"),
        ("weinan", "高新区示例路1号", "unknown"),
        ("heilongjiang", "黑龙江省哈尔滨市南岗区学府路352号", "inside"),
        ("heilongjiang", "哈尔滨市南岗区示例街1号", "inside"),
        ("heilongjiang", "北京市海淀区大庆路1号", "outside"),
        ("heilongjiang", "黑龍江省鶴崗市示例路1號", "inside"),
        ("shuozhou", "山西省太原市小店区长治路299号", "outside"),
        ("shuozhou", "山西省朔州市朔城区开发北路９６号", "inside"),
        ("shuozhou", "山西省怀仁市示例工业园区", "inside"),
        ("gansu", "甘肃省白银市白银区银光路168号", "inside"),
        ("hunan", "江苏省常州市武进区示例路218号", "outside"),
    ],
)
def test_place_address(rule_set: str, address: str, placement: str) -> None:
    assert place_address(address, get_rule_set(rule_set)).placement == placement
