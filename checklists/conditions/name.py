"""name_format: the alliance's name matches the rule set's ``name_pattern``."""

from __future__ import annotations

import re

from checklists.conditions.base import CheckContext, ConditionResult, article, review
from checklists.schema import Item
from checklists.settings import labels
from checklists.submission import kind_of
from models.chinese import to_simplified
from models.report import ItemEvidence

_QUOTED = re.compile(r"“([^”]+)”")
_NOISE = "《》“”\"「」 　\t\n"


def _clean(name: str) -> str:
    return "".join(ch for ch in to_simplified(name) if ch not in _NOISE)


def _shown_format(item: Item, pattern: str) -> str:
    for text in (item.requirement, item.citation.quote):
        found = _QUOTED.search(text)
        if found:
            return found.group(1)
    return pattern


def name_format(ctx: CheckContext, item: Item) -> ConditionResult:
    """Every stated alliance name matches ``name_pattern``; differing names are pointed out."""
    pattern = (item.condition_params or {}).get("name_pattern") or ctx.rule_set.conditions.name_pattern
    if not pattern:
        return review("办法未规定联盟名称格式，无法自动判断。")
    names = ctx.submission.alliance_names()
    shown = _shown_format(item, pattern)
    if not names:
        return review(f"未能从申报文件中读出联盟名称，请人工核对名称是否为“{shown}”{article(item)}。")
    kinds = {e.file: kind_of(e) for e in ctx.submission.extractions}
    evidence = [ItemEvidence(file=f, quote=n, label="联盟名称") for f, n in names]
    wrong = [(f, n) for f, n in names if not re.search(pattern, _clean(n))]
    distinct = sorted({_clean(n) for _, n in names})
    details: dict[str, str | int | float | bool | list[str] | None] = {"names": distinct, "format": shown}
    differ = "；各文件中的联盟名称不一致（" + "、".join(distinct) + "）" if len(distinct) > 1 else ""
    if not wrong:
        if differ:
            return ConditionResult("needs_review", evidence, differ.lstrip("；") + "，请统一" + article(item) + "。",
                                   details)
        return ConditionResult("satisfied", evidence, "", details)
    listed = "、".join(f"“{n}”（{labels().kind(kinds.get(f))} {f}）" for f, n in wrong)
    return ConditionResult("missing", evidence,
                           f"联盟名称{listed}不符合“{shown}”的格式要求{article(item)}{differ}。", details)
