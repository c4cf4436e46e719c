"""Document kind from the title and content; commercial contracts are never alliance agreements."""

import pytest

from extractors.clauses import classify_kind
from intake import parse_bytes
from models.extraction import DocumentKind

IP_CLAUSE = "第四条　本合同履行中产生的专利申请权归甲方所有。\n"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("测试产业技术创新联盟协议书\n第一条　本协议由下列各方共同订立。\n", DocumentKind.AGREEMENT),
        ("测试产业技术创新战略联盟章程\n第一条　本章程经成员大会通过。\n", DocumentKind.CHARTER),
        ("附件2\n测试联盟组建申请表\n| 联盟名称 | 测试联盟 |\n| 牵头单位 | 甲光电科技有限公司 |\n", DocumentKind.APPLICATION),
        ("营业执照\n统一社会信用代码　91320500MA1XXXXX0X\n名称　甲光电科技有限公司\n", DocumentKind.LICENSE),
        ("设备买卖合同\n甲方（买方）：甲光电科技有限公司\n乙方（卖方）：乙设备有限公司\n" + IP_CLAUSE, DocumentKind.OTHER),
        ("技术开发（委托）合同\n委托方（甲方）：甲光电科技有限公司\n受托方（乙方）：乙理工大学\n" + IP_CLAUSE, DocumentKind.OTHER),
        ("原材料采购合同\n本合同由双方协商订立。\n" + IP_CLAUSE, DocumentKind.OTHER),
        ("会议纪要\n与会各方就合作事宜交换了意见。\n", DocumentKind.OTHER),
    ],
    ids=["agreement", "charter", "application", "license", "sales", "tech-development", "purchase", "unknown"],
)
def test_classify_kind(text: str, kind: DocumentKind) -> None:
    assert classify_kind(parse_bytes(text.encode("utf-8"), "x.txt")) == kind
