"""统一社会信用代码 (unified social credit code) checks.

GB 32100-2015: 18 characters over the 31-character set ``0-9 A-H J-N P-R T U W-Y`` (no I O S V
Z); the 18th is a check character over the first 17 with weights 3^i mod 31. Characters 9-17
are the GB 11714 organisation code, whose 9th character checks its first 8 (weights
3,7,9,10,5,8,4,2 mod 11; 10 is written X).
"""

import re

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_VALUE = {ch: i for i, ch in enumerate(CHARSET)}
_SHAPE_RE = re.compile(f"[{CHARSET}]{{18}}")


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """The GB 11714 check character of an organisation code's first 8 characters."""
    total = sum(int(ch, 36) * w for ch, w in zip(first8, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_shape_ok(code: str) -> bool:
    """18 characters, all from the code's character set."""
    return _SHAPE_RE.fullmatch(code) is not None


def org_code_valid(code: str) -> bool:
    """The embedded 9-character organisation code (characters 9-17) carries a valid check."""
    org = code[8:17]
    if not re.fullmatch(r"[0-9A-Z]{8}[0-9X]", org):
        return False
    return org_code_check_char(org[:8]) == org[8]


def uscc_valid(code: str) -> bool:
    """GB 32100 check character and GB 11714 organisation-code check both hold."""
    if not uscc_shape_ok(code):
        return False
    return uscc_check_char(code[:17]) == code[17] and org_code_valid(code)


def make_uscc(prefix8: str, org8: str) -> str:
    """A valid code from the first 8 characters and an organisation code's first 8 (for tests)."""
    org = org8 + org_code_check_char(org8)
    first17 = prefix8 + org
    return first17 + uscc_check_char(first17)
