"""Is an address inside a jurisdiction's region? Province prefixes and the rule set's ``region_names``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from checklists.schema import RuleSet
from checklists.settings import matching
from models.chinese import to_simplified

Placement = Literal["inside", "outside", "unknown"]
_COUNTRY = ("中华人民共和国", "中国")


@dataclass(frozen=True)
class RegionVerdict:
    """Where an address lies relative to a region: ``inside``, ``outside`` or ``unknown``, and why."""

    placement: Placement
    matched: str | None = None  # the region or province name that decided it
    province: str | None = None  # the province the address opens with, if any


@cache
def _province_aliases() -> list[tuple[str, str]]:
    """(alias, long name), longest alias first."""
    pairs = [(alias, names[0]) for names in matching().regions.provinces for alias in names]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def clean_address(address: str) -> str:
    """Simplified, no whitespace, without a leading 中国."""
    text = "".join(ch for ch in to_simplified(address) if not ch.isspace())
    for prefix in _COUNTRY:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def leading_province(address: str) -> tuple[str, int] | None:
    """``(long province name, characters used)`` when the address opens with a provincial-level name."""
    text = clean_address(address)
    for alias, long in _province_aliases():
        if text.startswith(alias):
            return long, len(alias)
    return None


def province_of_rule_set(rule_set: RuleSet) -> str | None:
    """The province the rule set's region lies in (itself for a province)."""
    name = rule_set.name_zh if rule_set.level == "province" else rule_set.parent_region
    if name is None:
        return None
    found = leading_province(name)
    return found[0] if found else name


def region_names_for(rule_set: RuleSet, region: str | None = None) -> list[str]:
    """The names that place an address in ``region`` (default: the rule set's own region), longest first."""
    if region is None or region == rule_set.name_zh or region in rule_set.region_names:
        names = [rule_set.name_zh, *rule_set.region_names]
    else:
        names = [region]
    return sorted(set(names), key=len, reverse=True)


def _opens_with(text: str, names: list[str]) -> str | None:
    window = matching().regions.head_window
    for name in names:
        pos = text.find(name)
        if 0 <= pos <= window:
            return name
    return None


def place_address(address: str, rule_set: RuleSet, region: str | None = None) -> RegionVerdict:
    """Whether ``address`` lies in ``region`` (default: the rule set's region).

    An address that opens with another province is outside; one that opens with the region's province
    and then one of its region names is inside; the same province followed by another city is outside
    for a city-level region; an address without a province that does not open with a region name is
    unknown (a person must look).
    """
    text = clean_address(address)
    names = region_names_for(rule_set, region)
    region_province = province_of_rule_set(rule_set)
    region_head = leading_province(region) if region else None
    target = region_head[0] if region_head else None
    province_level = target is not None or (region in (None, rule_set.name_zh) and rule_set.level == "province")
    wanted = target or region_province
    found = leading_province(text)
    rest = text
    if found is not None:
        province, used = found
        if wanted is not None and province != wanted:
            return RegionVerdict("outside", province, province)
        rest = text[used:]
        if province_level:
            return RegionVerdict("inside", province, province)
    hit = _opens_with(rest, names)
    if hit is not None:
        return RegionVerdict("inside", hit, found[0] if found else None)
    if found is not None:
        return RegionVerdict("outside", found[0], found[0])
    return RegionVerdict("unknown")


def mentions(text: str, rule_set: RuleSet, min_chars: int = 3) -> list[tuple[str, int]]:
    """``(name, offset)`` of the rule set's region names (at least ``min_chars`` long) in ``text``."""
    simplified = to_simplified(text)
    out: list[tuple[str, int]] = []
    taken: set[int] = set()
    for name in region_names_for(rule_set):
        if len(name) < min_chars:
            continue
        start = simplified.find(name)
        while start >= 0:
            if start not in taken:
                out.append((name, start))
                taken.update(range(start, start + len(name)))
            start = simplified.find(name, start + 1)
    return sorted(out, key=lambda m: m[1])
