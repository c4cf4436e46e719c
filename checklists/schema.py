"""Pydantic models of a jurisdiction checklist file (``checklists/data/<id>.yaml``).

A file encodes one regulation as a :class:`RuleSet`: metadata about the text, the condition
parameters it states (member counts, where the lead unit must be registered, name format,
required materials) and the checklist :class:`Item` s, each citing the article it comes from.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from datetime import date
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from models.clauses import CLAUSE_KEYS

ConditionName = Literal[
    "min_core_members",
    "max_total_members",
    "lead_registered_in_jurisdiction",
    "member_composition",
    "name_format",
    "required_materials",
    "license_for_every_member",
    "legal_rep_matches_license",
    "license_valid",
]
CONDITION_NAMES: tuple[str, ...] = get_args(ConditionName)
CONDITION_PREFIX = "condition:"

AppliesTo = Literal["agreement", "charter", "either", "submission"]
Severity = Literal["mandatory", "conditional", "advisory"]
Status = Literal["in_force", "draft_for_comment", "trial", "lapsed"]
Level = Literal["province", "city"]
MemberType = Literal["enterprise", "university", "institute", "other"]
MaterialKind = Literal[
    "application",
    "agreement",
    "charter",
    "license",
    "feasibility_report",
    "recommendation",
    "supporting",
    "other",
]

_ID_RE = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Citation(_Strict):
    """Where an item comes from: the seed file, the article label and a short exact quote."""

    file: str = Field(min_length=1)
    article: str = Field(min_length=1, description="e.g. 第八条（五）, 二、（二）, 6.（2）")
    quote: str = Field(
        min_length=2, max_length=200, description="exact substring of the text at that article"
    )


class MemberComposition(_Strict):
    """Which kinds of members the alliance must have."""

    required_types: list[list[MemberType]] = Field(
        default_factory=list, description="each group: at least one member of one of these types"
    )
    independent_legal_persons: bool = False
    min_units: int = Field(default=2, ge=1)
    lead_type: MemberType | None = None
    enterprise_region: str | None = None


class RequiredMaterial(_Strict):
    """One document the submission must contain."""

    kind: MaterialKind
    name_zh: str = Field(min_length=1)
    article: str = Field(min_length=1)
    every_member: bool = False
    note: str | None = None


class Conditions(_Strict):
    """Condition parameters the regulation states (``None`` / empty where it states none)."""

    min_core_members: int | None = Field(default=None, ge=1)
    max_total_members: int | None = Field(default=None, ge=1)
    max_total_members_soft: bool = Field(default=False, description="True for 一般不超过 (as a rule)")
    lead_role: str | None = Field(default=None, description="the unit meant: 牵头单位 / 理事长单位")
    lead_region: str | None = None
    name_pattern: str | None = Field(default=None, description="regex the alliance name must match")
    member_composition: MemberComposition | None = None
    required_materials: list[RequiredMaterial] = Field(default_factory=list)

    @field_validator("name_pattern")
    @classmethod
    def _regex_compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"name_pattern is not a valid regular expression: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _min_le_max(self) -> Conditions:
        if (
            self.min_core_members
            and self.max_total_members
            and self.min_core_members > self.max_total_members
        ):
            raise ValueError("min_core_members is larger than max_total_members")
        return self


class Item(_Strict):
    """One requirement of the regulation, as the checker tests it."""

    id: str = Field(pattern=_ID_RE)
    requirement: str = Field(min_length=2)
    citation: Citation
    applies_to: AppliesTo
    severity: Severity
    basis: list[str] = Field(min_length=1)
    remedy: str = Field(min_length=2)
    remedy_en: str | None = None
    condition_params: dict[str, Any] | None = None
    note: str | None = None

    @field_validator("basis")
    @classmethod
    def _known_basis(cls, value: list[str]) -> list[str]:
        for entry in value:
            if entry.startswith(CONDITION_PREFIX):
                name = entry[len(CONDITION_PREFIX) :]
                if name not in CONDITION_NAMES:
                    raise ValueError(f"unknown condition {name!r}; known: {', '.join(CONDITION_NAMES)}")
            elif entry not in CLAUSE_KEYS:
                raise ValueError(
                    f"unknown clause key {entry!r}; known clause keys: {', '.join(CLAUSE_KEYS)}; "
                    f"or 'condition:<name>' with name in {', '.join(CONDITION_NAMES)}"
                )
        dupes = [k for k, n in Counter(value).items() if n > 1]
        if dupes:
            raise ValueError(f"basis lists {dupes} more than once")
        return value

    @property
    def clause_keys(self) -> list[str]:
        """The clause keys in ``basis`` (all of them must be present for the item to pass)."""
        return [b for b in self.basis if not b.startswith(CONDITION_PREFIX)]

    @property
    def conditions(self) -> list[str]:
        """The condition names in ``basis`` (without the ``condition:`` prefix)."""
        return [b[len(CONDITION_PREFIX) :] for b in self.basis if b.startswith(CONDITION_PREFIX)]


# Condition -> the Conditions field it needs (conditions without parameters are absent).
_NEEDS_PARAM: dict[str, str] = {
    "min_core_members": "min_core_members",
    "max_total_members": "max_total_members",
    "lead_registered_in_jurisdiction": "lead_region",
    "name_format": "name_pattern",
    "member_composition": "member_composition",
    "required_materials": "required_materials",
}


def _add_years(start: date, years: int) -> date:
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return date(year, start.month, day)


class RuleSet(_Strict):
    """One regulation, encoded: metadata, condition parameters and checklist items."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str = Field(min_length=1)
    name_en: str | None = None
    level: Level
    region_names: list[str] = Field(min_length=1)
    parent_region: str | None = None
    issuer: str = Field(min_length=1)
    document_number: str | None = None
    title: str = Field(min_length=1)
    source_file: str = Field(min_length=1)
    issued: date | None = None
    effective_from: date | None = None
    valid_years: int | None = Field(default=None, ge=1)
    expires: date | None = Field(default=None, description="last day the text is in force (inclusive)")
    status: Status
    version: str = Field(min_length=1)
    notes: str | None = None
    conditions: Conditions = Field(default_factory=Conditions)
    items: list[Item] = Field(min_length=1)

    _origin: str | None = PrivateAttr(default=None)

    @field_validator("region_names")
    @classmethod
    def _no_blank_regions(cls, value: list[str]) -> list[str]:
        if any(not name.strip() for name in value):
            raise ValueError("region_names contains an empty name")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> RuleSet:
        if self.valid_years is not None and self.effective_from is None:
            raise ValueError("valid_years needs effective_from")
        seen: set[str] = set()
        for item in self.items:
            if item.id in seen:
                raise ValueError(f"duplicate item id {item.id!r}")
            seen.add(item.id)
            if item.citation.file != self.source_file:
                raise ValueError(
                    f"item {item.id!r}: citation.file {item.citation.file!r} is not this rule set's "
                    f"source_file {self.source_file!r}"
                )
            self._check_condition_params(item)
        return self

    def _check_condition_params(self, item: Item) -> None:
        for name in item.conditions:
            field = _NEEDS_PARAM.get(name)
            if field is None or getattr(self.conditions, field) or (item.condition_params or {}):
                continue
            raise ValueError(
                f"item {item.id!r} uses condition:{name} but conditions.{field} is not set "
                "(set it, or give the item condition_params)"
            )
        kind = (item.condition_params or {}).get("kind")
        if "required_materials" in item.conditions and kind is not None:
            kinds = {m.kind for m in self.conditions.required_materials}
            if kind not in kinds:
                raise ValueError(
                    f"item {item.id!r}: condition_params.kind {kind!r} is not in conditions.required_materials "
                    f"({', '.join(sorted(kinds))})"
                )

    @property
    def in_force_until(self) -> date | None:
        """The last day the text is in force: ``expires``, else ``effective_from`` + ``valid_years``.

        A period counted in years ends on the corresponding day (民法典第二百零一条、第二百零三条):
        in force from 2021-05-28 for five years means in force through 2026-05-28.
        """
        if self.expires is not None:
            return self.expires
        if self.valid_years is not None and self.effective_from is not None:
            return _add_years(self.effective_from, self.valid_years)
        return None

    @property
    def origin(self) -> str | None:
        """The file this rule set was loaded from (set by the loader)."""
        return self._origin

    def item(self, item_id: str) -> Item:
        """Return the item with this id (KeyError naming the known ids otherwise)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"no item {item_id!r} in rule set {self.id!r}; known: {[i.id for i in self.items]}")
