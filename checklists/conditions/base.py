"""What every condition check receives and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from checklists.schema import Item, RuleSet
from checklists.submission import Submission
from models.report import ItemEvidence, ItemStatus

Details = dict[str, str | int | float | bool | list[str] | None]


@dataclass(frozen=True)
class CheckContext:
    """The submission, the rule set and the date the check is made on."""

    submission: Submission
    rule_set: RuleSet
    as_of: date


@dataclass
class ConditionResult:
    """A condition's verdict: status, evidence, plain-Chinese reason (empty when satisfied), facts."""

    status: ItemStatus
    evidence: list[ItemEvidence] = field(default_factory=list)
    reason: str = ""
    details: Details = field(default_factory=dict)


Condition = Callable[[CheckContext, Item], ConditionResult]


def article(item: Item) -> str:
    """The item's article in brackets, for reasons: （第六条（一））."""
    return f"（{item.citation.article}）"


def region_label(ctx: CheckContext) -> str:
    """The jurisdiction's name as used in reasons (渭南市)."""
    return ctx.rule_set.name_zh


def review(reason: str, evidence: list[ItemEvidence] | None = None, **details: str | int | float | bool | list[str] | None) -> ConditionResult:
    """A needs_review result."""
    return ConditionResult("needs_review", evidence or [], reason, dict(details))


def join_names(names: list[str], limit: int = 8) -> str:
    """Names joined with 、, shortened after ``limit``."""
    shown = "、".join(names[:limit])
    return shown + (f"等 {len(names)} 家" if len(names) > limit else "")
