"""Every normalization rule, with the exact offsets it maps back to."""

import pytest

from intake.normalize import normalize
from models.chinese import to_simplified


@pytest.mark.parametrize(
    ("raw", "expected", "to_raw"),
    [
        # full-width digits and percent → half-width; Chinese comma stays full-width
        ("到２０２５年，５５％", "到2025年，55%", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        ("ＡＢＣ（一）", "ABC（一）", [0, 1, 2, 3, 4, 5, 6]),
        # Kangxi radicals and CJK radical look-alikes → normal characters
        ("⽂件⼈员", "文件人员", [0, 1, 2, 3, 4]),
        ("⻅⻓", "见长", [0, 1, 2]),
        # CJK compatibility ideograph
        ("\uf900", "豈", [0, 1]),
        # letter-spaced label closed up, the separator after it kept
        ("名　　　　称　某某公司", "名称　某某公司", [0, 5, 6, 7, 8, 9, 10, 11]),
        ("第一章　总　　则", "第一章　总则", [0, 1, 2, 3, 4, 7, 8]),
        # a single stray space between CJK characters dropped
        ("甲 方 与乙 方", "甲方与乙方", [0, 2, 4, 5, 7, 8]),
        # a run of spaces between words shrinks to one; line-edge spaces go
        ("Zhang  San", "Zhang San", [0, 1, 2, 3, 4, 5, 7, 8, 9, 10]),
        ("  （副　本）  ", "（副本）", [2, 3, 5, 6, 9]),
        # zero-width characters, soft hyphen, CRLF
        ("a\u200bb\u00adc\r\nd", "abc\nd", [0, 2, 4, 6, 7, 8]),
        # a tab is a deliberate separator: it becomes the ideographic space
        ("第一条\t联盟名称", "第一条\u3000联盟名称", [0, 1, 2, 3, 4, 5, 6, 7, 8]),
        ("", "", [0]),
    ],
)
def test_normalize_text_and_offsets(raw: str, expected: str, to_raw: list[int]) -> None:
    norm = normalize(raw)
    assert norm.text == expected
    assert [norm.to_raw(i) for i in range(len(norm.text) + 1)] == to_raw


def test_ideographic_space_after_article_number_is_kept() -> None:
    assert normalize("第一条　联盟名称").text == "第一条　联盟名称"


def test_to_norm_maps_dropped_characters_forward() -> None:
    norm = normalize("甲 方")
    assert norm.to_norm(0) == 0
    assert norm.to_norm(1) == 1  # the dropped space maps to the next kept character
    assert norm.to_norm(2) == 1
    assert norm.to_norm(3) == 2


def test_every_kept_character_maps_back_to_the_same_character() -> None:
    raw = "第 5 条　联盟  由 ＡＢ 公司（甲方）牵头\r\n"
    norm = normalize(raw)
    for i, ch in enumerate(norm.text):
        source = raw[norm.to_raw(i)]
        assert ch == source or ch == source.translate({0xFF21: "A", 0xFF22: "B", ord("\r"): "\n"})


def test_simplified_matching_text_keeps_length() -> None:
    traditional = "第十條　知識產權歸屬「聯盟」"
    simplified = to_simplified(traditional)
    assert simplified == "第十条　知识产权归属「联盟」"
    assert len(simplified) == len(traditional)
