"""Tolerant matching of organisation and person names.

Names on a member list, a signature page and a licence differ in small ways: 有限责任公司 vs 有限公司,
股份, brackets, spaces, Traditional characters, or a short name (远航智造) for the full one
(某市远航智造装备有限公司). Rules and thresholds are in ``config/matching.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rapidfuzz import fuzz

from checklists.settings import matching
from models.chinese import to_simplified

_NUMBERS = re.compile(r"[0-9一二三四五六七八九十百千〇零]+")


@cache
def normalize_org(name: str) -> str:
    """The comparable form of an organisation name: Simplified, no spaces or brackets, 有限公司 forms unified."""
    rules = matching().names
    text = to_simplified(name)
    text = "".join(ch for ch in text if ch not in rules.strip_chars and not ch.isspace())
    for old, new in rules.replacements:
        text = text.replace(old, new)
    return text


def org_core(name: str) -> str:
    """The distinctive part of a normalised name: the legal-form ending removed (北京某科技有限公司 -> 北京某科技)."""
    norm = normalize_org(name)
    for suffix in sorted(matching().names.legal_suffixes, key=len, reverse=True):
        if norm.endswith(suffix) and len(norm) > len(suffix):
            return norm[: -len(suffix)]
    return norm


def org_similarity(a: str, b: str) -> float:
    """0–100: 100 for the same normalised name or a short name contained in the full one, else the fuzz.ratio
    of the distinctive parts (the shared legal-form ending would inflate it); 0 when their numbers differ."""
    na, nb = normalize_org(a), normalize_org(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 100.0
    if is_branch(na) != is_branch(nb):
        return 0.0  # a branch (分公司) is not its parent company
    ca, cb = org_core(a), org_core(b)
    short, full = (ca, nb) if len(ca) <= len(cb) else (cb, na)
    if len(short) >= matching().names.min_short_name_chars and short in full:
        return 100.0
    if _NUMBERS.findall(na) != _NUMBERS.findall(nb):
        return 0.0  # 第一分公司 vs 第二分公司: never the same by fuzzy matching
    return float(fuzz.ratio(ca, cb))


def same_org(a: str | None, b: str | None) -> bool:
    """True when ``a`` and ``b`` name the same organisation (tolerantly)."""
    if not a or not b:
        return False
    return org_similarity(a, b) >= matching().names.fuzzy_ratio


def best_org_match(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate naming the same organisation as ``name`` (the most similar one), or None."""
    scored = [(org_similarity(name, c), c) for c in candidates]
    scored = [(s, c) for s, c in scored if s >= matching().names.fuzzy_ratio]
    return max(scored, key=lambda sc: sc[0])[1] if scored else None


def is_branch(name: str) -> bool:
    """True for a name ending like a branch or internal unit (分公司, 事业部): not an independent legal person."""
    norm = normalize_org(name)
    return any(norm.endswith(e) for e in matching().names.non_legal_person_endings)


def normalize_person(name: str) -> str:
    """The comparable form of a person's name: Simplified, without spaces, brackets and 签字-type words."""
    rules = matching().people
    text = to_simplified(name)
    for word in rules.noise_words:
        text = text.replace(word, "")
    return "".join(ch for ch in text if ch not in rules.strip_chars and not ch.isspace() and ch not in ":：")


def same_person(a: str | None, b: str | None) -> bool:
    """True when two person names are the same after normalisation (no fuzzy matching: 张伟 ≠ 张玮)."""
    if not a or not b:
        return False
    na, nb = normalize_person(a), normalize_person(b)
    return bool(na) and na == nb
