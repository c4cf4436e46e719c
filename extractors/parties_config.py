"""Schemas and loaders of the party data files: ``data/parties.yaml``, ``signatures.yaml``, ``license.yaml``.

Every file is validated by a pydantic model when first loaded; a bad file raises
``pydantic.ValidationError`` naming the offending key.
"""

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from models.data_files import load_yaml_text

DATA = Path(__file__).with_name("data")

MemberType = Literal["enterprise", "university", "institute", "other"]
Role = Literal["lead", "vice", "member", "secretariat"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        re.compile(pattern)
    return patterns


class TypeRule(_Strict):
    type: MemberType
    contains: list[str] = Field(default_factory=list)
    endswith: list[str] = Field(default_factory=list)


class Organisations(_Strict):
    suffixes: list[str] = Field(min_length=1)
    generic: list[str]
    type_rules: list[TypeRule]
    default_type: MemberType
    type_labels: dict[str, MemberType]
    value_stops: list[str]
    equivalents: dict[str, str]


class Roles(_Strict):
    words: dict[str, Role]
    table_values: dict[str, Role]
    precedence: list[Role]
    secretariat_bodies: list[str]
    secretariat_verbs: list[str]
    lead_verbs: list[str]
    skip_after_role: list[str]
    count_after_role: str
    skip_before_role: list[str]
    name_followers: list[str]
    party_aliases: list[str]
    alias_pattern: str

    _check = field_validator("alias_pattern", "count_after_role")(lambda v: _regexes([v])[0])


class Core(_Strict):
    core_words: list[str]
    general_words: list[str]
    yes_values: list[str]
    no_values: list[str]


class MemberLists(_Strict):
    cues: list[str]
    vertical_cue_words: list[str]
    vertical_line_endings: list[str]
    item_marker: str
    caption_endings: list[str]
    separators: list[str]
    conjunctions: list[str]
    leading: list[str]
    trailing: list[str]

    _check_cues = field_validator("cues", "trailing")(_regexes)
    _check_marker = field_validator("item_marker")(lambda v: _regexes([v])[0])


class Tables(_Strict):
    name_headers: list[str]
    person_headers: list[str]
    min_column_share: float = Field(gt=0, le=1)


class Fields(_Strict):
    alliance_name: list[str]
    lead: list[str]
    address: list[str]
    total_count: list[str]
    core_count: list[str]


class AllianceName(_Strict):
    patterns: list[str]
    title_prefixes: list[str]
    title_must_end_with: str

    _check = field_validator("patterns")(_regexes)


class LeadAddress(_Strict):
    labels: list[str]
    window: int = Field(gt=0)
    markers: list[str]


class Counts(_Strict):
    total: list[str]
    core: list[str]

    _check = field_validator("total", "core")(_regexes)


class PartiesConfig(_Strict):
    """``data/parties.yaml``."""

    version: int
    organisations: Organisations
    roles: Roles
    core: Core
    member_lists: MemberLists
    tables: Tables
    fields: Fields
    alliance_name: AllianceName
    lead_address: LeadAddress
    counts: Counts


class SignatureTables(_Strict):
    party_headers: list[str]
    date_headers: list[str]


class SignaturesConfig(_Strict):
    """``data/signatures.yaml``."""

    version: int
    tables: SignatureTables
    seal_label_cues: list[str]
    sign_cues: list[str]
    legal_words: list[str]
    authorized_words: list[str]
    generic_words: list[str]
    authorized_markers: list[str]
    legal_markers: list[str]
    contract_parties: list[str]
    party_name_labels: list[str]
    plain_sign_labels: list[str]
    name_stops: list[str]
    seal_done: list[str]
    noisy_label_max_distance: float = Field(ge=0, lt=1)
    row_order_min_rows: int = Field(ge=1)
    row_order_min_share: float = Field(gt=0, le=1)
    date_labels: list[str]
    lead_labels: list[str]


class LicenseLabels(_Strict):
    uscc: list[str]
    name: list[str]
    legal_rep: list[str]
    address: list[str]
    established: list[str]
    term: list[str]


class LicenseConfig(_Strict):
    """``data/license.yaml``."""

    version: int
    certificates: dict[str, list[str]]
    title_lines: int = Field(gt=0)
    min_fields: int = Field(ge=1)
    labels: LicenseLabels
    other_labels: list[str]
    perpetual: list[str]
    ocr_fixes: dict[str, str]


def _load(name: str) -> object:
    with (DATA / name).open(encoding="utf-8") as handle:
        return load_yaml_text(handle.read())


@cache
def parties_config() -> PartiesConfig:
    """The validated ``data/parties.yaml``."""
    return PartiesConfig.model_validate(_load("parties.yaml"))


@cache
def signatures_config() -> SignaturesConfig:
    """The validated ``data/signatures.yaml``."""
    return SignaturesConfig.model_validate(_load("signatures.yaml"))


@cache
def license_config() -> LicenseConfig:
    """The validated ``data/license.yaml``."""
    return LicenseConfig.model_validate(_load("license.yaml"))


def longest_first(words: Iterable[str]) -> list[str]:
    """Words sorted longest first, for alternations that must prefer the longer match."""
    return sorted(words, key=len, reverse=True)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, each escaped."""
    return "|".join(re.escape(w) for w in longest_first(words))
