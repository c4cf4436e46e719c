"""Full-width punctuation restored on OCR text, only in Chinese context."""

import pytest

from intake.ocr.punct import restore_punct


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("联盟名称:稀土联盟(以下简称\"联盟\").", "联盟名称：稀土联盟（以下简称“联盟”）。"),
        ("(一)共同开展技术攻关;", "（一）共同开展技术攻关；"),
        ("单位名称(盖章):", "单位名称（盖章）："),
        ("是否同意?同意!", "是否同意？同意！"),
        ("比例为1.5,其中", "比例为1.5，其中"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("10:30", "10:30"),
        ("(1) abc, def.", "(1) abc, def."),
        ("如下(1)", "如下（1）"),
        ("供货;(3)2026年", "供货；（3）2026年"),
    ],
)
def test_restore_punct(ocr: str, expected: str) -> None:
    assert restore_punct(ocr) == expected


def test_length_is_kept() -> None:
    text = "第一条 联盟名称:甘肃省(以下简称\"联盟\")."
    assert len(restore_punct(text)) == len(text)
