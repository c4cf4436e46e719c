"""Jurisdiction checklists: one validated YAML file per regulation (see README.md)."""

from checklists.loader import ChecklistError, get_rule_set, load_rule_sets, rule_set_warnings
from checklists.schema import Item, RuleSet

__all__ = ["ChecklistError", "Item", "RuleSet", "get_rule_set", "load_rule_sets", "rule_set_warnings"]
