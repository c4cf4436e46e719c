"""GB 32100-2015 credit-code and GB 11714 organisation-code checks."""

import pytest

from extractors.uscc import (
    CHARSET,
    make_uscc,
    org_code_check_char,
    org_code_valid,
    uscc_check_char,
    uscc_shape_ok,
    uscc_valid,
)


def test_charset_leaves_out_confusable_letters() -> None:
    assert len(CHARSET) == 31
    assert not set("IOSVZ") & set(CHARSET)


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("91350100M000100Y4", "3"),  # the sample code printed in GB 32100 explanations
        ("51530000MJY123458", "F"),
        ("91330900MA2K7Q3C5", "K"),
    ],
)
def test_check_char(first17: str, check: str) -> None:
    assert uscc_check_char(first17) == check


@pytest.mark.parametrize(
    ("first8", "check"),
    [
        ("00000006", "X"),  # 6*2 = 12, 11 - 12 % 11 = 10 -> X
        ("00000000", "0"),  # 11 - 0 = 11 -> 0
        ("00000019", "0"),  # 1*4 + 9*2 = 22 -> 0
        ("MA2K7Q3C", "5"),  # letters count 10..35
    ],
)
def test_org_code_check_char(first8: str, check: str) -> None:
    assert org_code_check_char(first8) == check


def test_computed_code_is_valid() -> None:
    code = make_uscc("12510000", "45071234")
    assert len(code) == 18
    assert code == "125100004507123479"
    assert uscc_valid(code)
    assert org_code_valid(code)


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("91350100M000100Y43", True),
        ("91350100M000100Y44", False),  # wrong GB 32100 check character
        ("51530000MJY123458F", True),
        ("51530000MJY123459F", False),  # wrong organisation-code check (and so a wrong 18th)
        ("91350100M000100Y4", False),  # 17 characters
        ("91350100M000100YO3", False),  # O is outside the character set
        ("", False),
    ],
)
def test_uscc_valid(code: str, valid: bool) -> None:
    assert uscc_valid(code) is valid


def test_org_code_check_alone_can_fail() -> None:
    # a code whose 18th character fits its first 17 but whose organisation code does not check
    first17 = "91330900MA2K7Q3C4"
    code = first17 + uscc_check_char(first17)
    assert uscc_shape_ok(code)
    assert not org_code_valid(code)
    assert not uscc_valid(code)
