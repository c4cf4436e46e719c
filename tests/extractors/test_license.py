"""Licence fields: 营业执照, 事业单位法人证书, 社会团体法人登记证书 (invented units and codes)."""

from datetime import date

import pytest
from pydantic import ValidationError

from extractors.license import clean_uscc, extract_license
from extractors.parties_config import LicenseConfig, license_config
from intake import parse_bytes
from models import Document

AS_OF = date(2026, 11, 1)


def _doc(text: str) -> Document:
    return parse_bytes(text.encode("utf-8"), "x.txt")


BUSINESS = """营　业　执　照
（副　　本）
统一社会信用代码　91350100M000100Y43
名　　　　称　青禾精密仪器有限公司
类　　　　型　有限责任公司（自然人投资或控股）
法定代表人　岑立新
注册资本　伍佰万元整
成立日期　2012年06月01日
营业期限　2012年06月01日至长期
住　　　　所　福建省榕城市鼓楼区青禾路18号
经营范围　精密仪器的研发、生产和销售。
登记机关　榕城市市场监督管理局
"""


def test_business_licence_fields_and_evidence() -> None:
    doc = _doc(BUSINESS)
    lic = extract_license(doc, AS_OF)
    assert lic is not None
    assert lic.model_dump(exclude={"evidence"}) == {
        "type": "营业执照",
        "name": "青禾精密仪器有限公司",
        "uscc": "91350100M000100Y43",
        "uscc_valid": True,
        "legal_rep": "岑立新",
        "address": "福建省榕城市鼓楼区青禾路18号",
        "established": "2012-06-01",
        "valid_until": "长期",
        "expired": False,
    }
    name = lic.evidence["name"]
    assert (name.start, name.end) == (doc.text.index("青禾精密仪器有限公司"), doc.text.index("青禾精密仪器有限公司") + 10)
    assert name.quote == "青禾精密仪器有限公司"
    assert lic.evidence["type"].quote == "营业执照"
    assert lic.evidence["valid_until"].quote == "2012年06月01日至长期"
    assert lic.evidence["uscc"].quote == "91350100M000100Y43"


def test_wrong_check_character_is_reported() -> None:
    lic = extract_license(_doc(BUSINESS.replace("M000100Y43", "M000100Y44")), AS_OF)
    assert lic is not None and lic.uscc == "91350100M000100Y44" and lic.uscc_valid is False


def test_expired_business_licence() -> None:
    text = BUSINESS.replace("2012年06月01日至长期", "2012年06月01日至2025年05月31日")
    lic = extract_license(_doc(text), AS_OF)
    assert lic is not None
    assert lic.valid_until == "2025-05-31"
    assert lic.expired is True
    assert extract_license(_doc(text), date(2025, 5, 1)).expired is False  # type: ignore[union-attr]


def test_public_institution_certificate() -> None:
    text = """事业单位法人证书
统一社会信用代码　125100004507123479
名　　称　蜀南农业机械研究所
宗旨和业务范围　开展农业机械研究，促进科技发展。
住　　所　四川省蜀南市翠屏区农科路5号
法定代表人　辜明远
开办资金　￥860万元
举办单位　蜀南市农业农村局
有效期　自2023年01月10日至2028年01月10日
"""
    lic = extract_license(_doc(text), AS_OF)
    assert lic is not None
    assert (lic.type, lic.name, lic.legal_rep) == ("事业单位法人证书", "蜀南农业机械研究所", "辜明远")
    assert (lic.established, lic.valid_until, lic.expired, lic.uscc_valid) == (None, "2028-01-10", False, True)


def test_social_organisation_labels_glued_in_running_text() -> None:
    # a PDF text layer may run the lines together; labels still split the values
    text = (
        "社会团体法人登记证书\n"
        "统一社会信用代码：5153 0000 MJY1 2345 8F名称：滇西咖啡产业促进会住所：云南省滇西市澜江路9号"
        "法定代表人：和丽君\n业务范围：行业服务有效期限：自2021年03月01日至2026年02月28日\n"
    )
    lic = extract_license(_doc(text), AS_OF)
    assert lic is not None
    assert lic.type == "社会团体法人登记证书"
    assert (lic.uscc, lic.uscc_valid) == ("51530000MJY123458F", True)
    assert (lic.name, lic.address, lic.legal_rep) == ("滇西咖啡产业促进会", "云南省滇西市澜江路9号", "和丽君")
    assert (lic.valid_until, lic.expired) == ("2026-02-28", True)


def test_label_value_table() -> None:
    text = "营业执照\n| 统一社会信用代码 | 91350100M000100Y43 |\n| 名称 | 青禾精密仪器有限公司 |\n| 营业期限 | 长期 |\n"
    lic = extract_license(_doc(text), AS_OF)
    assert lic is not None and lic.name == "青禾精密仪器有限公司" and lic.valid_until == "长期"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("9135 0100 M000 100Y 43", "91350100M000100Y43"),
        ("91350100M0OO100Y43", "91350100M000100Y43"),  # O read for 0: O is never in a code
        ("91350100m000100y43（1-1）", "91350100M000100Y43"),
        ("9135010", None),
    ],
)
def test_clean_uscc(value: str, code: str | None) -> None:
    assert clean_uscc(value) == code


def test_agreement_is_not_a_licence() -> None:
    text = "某某产业技术创新联盟协议\n第一条　新成员须提交营业执照复印件。\n统一社会信用代码：91350100M000100Y43\n"
    assert extract_license(_doc(text), AS_OF) is None


def test_shipped_licence_data_validates_and_broken_data_fails() -> None:
    assert license_config().min_fields >= 1
    raw = license_config().model_dump()
    raw["title_lines"] = 0
    with pytest.raises(ValidationError):
        LicenseConfig.model_validate(raw)
