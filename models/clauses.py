"""The clause vocabulary: the one place that lists the 31 clause keys."""

from typing import Final

CLAUSE_KEYS: Final[tuple[str, ...]] = (
    "innovation_goal",
    "long_term_goals",
    "task_division",
    "member_rights_duties",
    "legal_rep_signature",
    "member_signature",
    "org_structure",
    "decision_mechanism",
    "council",
    "expert_committee",
    "secretariat",
    "dedicated_staff",
    "external_liability",
    "fund_raising",
    "fund_management",
    "fund_supervision",
    "management_rules",
    "ip_ownership",
    "ip_licensing",
    "benefit_distribution",
    "result_sharing",
    "innovation_org_form",
    "breach_liability",
    "open_membership",
    "member_exit",
    "diffusion_obligation",
    "in_province_licensing",
    "ip_on_dissolution_or_exit",
    "dissolution",
    "confidentiality",
    "dispute_resolution",
)

HEADLINE_CLAUSES: Final[tuple[str, ...]] = (
    "ip_ownership",
    "benefit_distribution",
    "legal_rep_signature",
    "task_division",
    "diffusion_obligation",
)
