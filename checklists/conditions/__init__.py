"""Condition checks (``basis: ["condition:<name>"]``), one function per condition, registered in one table.

Each takes a :class:`CheckContext` (submission, rule set, date) and the item, and returns a
:class:`ConditionResult` (status, evidence, reason in plain Chinese, facts). Missing data gives
``needs_review``, never ``satisfied``.
"""

from checklists.conditions.base import CheckContext, Condition, ConditionResult
from checklists.conditions.lead import lead_registered_in_jurisdiction
from checklists.conditions.licences import legal_rep_matches_license, license_for_every_member, license_valid
from checklists.conditions.materials import required_materials
from checklists.conditions.members import max_total_members, member_composition, min_core_members
from checklists.conditions.name import name_format

CONDITIONS: dict[str, Condition] = {
    "min_core_members": min_core_members,
    "max_total_members": max_total_members,
    "lead_registered_in_jurisdiction": lead_registered_in_jurisdiction,
    "member_composition": member_composition,
    "name_format": name_format,
    "required_materials": required_materials,
    "license_for_every_member": license_for_every_member,
    "legal_rep_matches_license": legal_rep_matches_license,
    "license_valid": license_valid,
}

__all__ = ["CONDITIONS", "CheckContext", "Condition", "ConditionResult"]
