"""Jurisdiction checklists as data (see README.md), the checker and the gap report."""

from checklists.checker import check, check_all, check_submission
from checklists.jurisdiction import detect_jurisdiction
from checklists.loader import ChecklistError, get_rule_set, load_rule_sets, rule_set_warnings
from checklists.schema import Item, RuleSet
from checklists.submission import Submission

__all__ = [
    "ChecklistError",
    "Item",
    "RuleSet",
    "Submission",
    "check",
    "check_all",
    "check_submission",
    "detect_jurisdiction",
    "get_rule_set",
    "load_rule_sets",
    "rule_set_warnings",
]
