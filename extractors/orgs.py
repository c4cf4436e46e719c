"""Organisation names: recognition by suffix, member type, and a comparison key for deduplication.

All functions take Simplified text (``Document.match_text`` or a slice of it).
"""

import re
from functools import cache

from extractors.parties_config import MemberType, alternation, parties_config

_SPACE_RE = re.compile(r"[\s　]+")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）"})
_TRAILING_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]$")


def ends_like_org(name: str) -> bool:
    """True when ``name`` ends with an organisation suffix and is not a generic category word."""
    config = parties_config().organisations
    name = _TRAILING_PAREN_RE.sub("", name.strip())  # X研究所（东海）
    if len(name) < 4 or name in config.generic:
        return False
    return any(name.endswith(s) for s in config.suffixes)


def org_type(name: str) -> MemberType:
    """enterprise / university / institute / other, by the words of the name."""
    config = parties_config().organisations
    name = _TRAILING_PAREN_RE.sub("", name.strip())
    for rule in config.type_rules:
        if any(w in name for w in rule.contains) or any(name.endswith(w) for w in rule.endswith):
            return rule.type
    return config.default_type


def type_from_label(label: str) -> MemberType | None:
    """The member type a table cell such as 企业 / 高等院校 / 科研院所 states, or None."""
    labels = parties_config().organisations.type_labels
    label = _SPACE_RE.sub("", label)
    if label in labels:
        return labels[label]
    for word in sorted(labels, key=len, reverse=True):
        if word in label:
            return labels[word]
    return None


def name_key(name: str) -> str:
    """A key that is equal for written variants of one name (spaces, brackets, 有限责任公司)."""
    key = _SPACE_RE.sub("", name).translate(_BRACKETS)
    for variant, canonical in parties_config().organisations.equivalents.items():
        key = key.replace(variant, canonical)
    return key


def same_org(a: str, b: str) -> bool:
    """True when two keys name one organisation: equal, or one a short form of the other."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4 or short not in long_:
        return False
    return org_type(short) == org_type(long_) and ends_like_org(short) == ends_like_org(long_)


@cache
def _stop_re() -> re.Pattern[str]:
    stops = alternation(parties_config().organisations.value_stops)
    return re.compile(f"(?:{stops})(?:[（(][^（）()]{{0,8}}[）)])?[：:]")


def cut_at_label(text: str, start: int, end: int) -> int:
    """End of a value at ``start``, cut before a following ``label：`` (X住所：… glued by a PDF)."""
    found = _stop_re().search(text, start, end)
    return found.start() if found else end
