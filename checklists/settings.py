"""The checker's data: thresholds and normalisation rules (``config/matching.yaml``) and the Chinese
wording of statuses, kinds, clauses and conditions (``config/labels.yaml``), validated at load."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from models.clauses import CLAUSE_KEYS
from models.data_files import load_yaml

CONFIG_DIR = Path(__file__).with_name("config")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClauseThresholds(_Strict):
    """When a clause finding is trusted."""

    present_min_confidence: float = Field(ge=0, le=1)
    absent_min_confidence: float = Field(ge=0, le=1)
    max_evidence: int = Field(ge=1)


class NameRules(_Strict):
    """Organisation-name normalisation and matching."""

    replacements: list[tuple[str, str]]
    strip_chars: str
    legal_suffixes: list[str]
    min_short_name_chars: int = Field(ge=2)
    fuzzy_ratio: float = Field(ge=50, le=100)
    non_legal_person_endings: list[str]


class PeopleRules(_Strict):
    """Person-name normalisation (signatory vs legal representative)."""

    strip_chars: str
    noise_words: list[str]


class RegionRules(_Strict):
    """Provincial-level names and how far into an address a region name may start."""

    provinces: list[list[str]] = Field(min_length=1)
    head_window: int = Field(ge=0)


class MaterialRules(_Strict):
    """How required materials are recognised among the submitted documents."""

    kinds: dict[str, list[str]]
    name_words: dict[str, str]
    file_keywords: dict[str, list[str]]
    may_be_inside: dict[str, list[str]]


class JurisdictionRules(_Strict):
    """Clue weights and decision thresholds of jurisdiction detection."""

    weights: dict[str, float]
    max_member_score: float = Field(gt=0)
    max_text_score: float = Field(gt=0)
    min_confidence: float = Field(gt=0, le=1)
    min_score: float = Field(ge=0)
    candidate_share: float = Field(ge=0, le=1)
    max_candidates: int = Field(ge=1)


class Matching(_Strict):
    """``config/matching.yaml``."""

    version: str
    clauses: ClauseThresholds
    names: NameRules
    people: PeopleRules
    regions: RegionRules
    materials: MaterialRules
    member_kinds: dict[str, list[str]]
    jurisdiction: JurisdictionRules


class Label(_Strict):
    """A word in Chinese and English."""

    zh: str
    en: str


class WeakCue(_Strict):
    """A word that makes a clause weak and the plain explanation for the applicant."""

    cue: str
    zh: str


class Labels(_Strict):
    """``config/labels.yaml``."""

    statuses: dict[str, Label]
    severities: dict[str, Label]
    applies_to: dict[str, Label]
    kinds: dict[str, Label]
    outcomes: dict[str, Label]
    clauses: dict[str, str]
    conditions: dict[str, str]
    when: dict[str, str]
    weak_cues: list[WeakCue]

    def clause(self, key: str) -> str:
        """The Chinese label of a clause key (the key itself when unknown)."""
        return self.clauses.get(key, key)

    def kind(self, kind: str | None) -> str:
        """The Chinese name of a document or material kind."""
        return self.kinds[kind].zh if kind in self.kinds else (kind or "未识别类型的文件")

    def status(self, status: str) -> str:
        """The Chinese name of an item status."""
        return self.statuses[status].zh if status in self.statuses else status

    def severity(self, severity: str) -> str:
        """The Chinese name of a severity."""
        return self.severities[severity].zh if severity in self.severities else severity

    def when_zh(self, when: str | None) -> str | None:
        """The Chinese form of a conditional item's ``when``."""
        return None if when is None else self.when.get(when, when)


def _load(name: str) -> object:
    return load_yaml(CONFIG_DIR / name)


@cache
def matching() -> Matching:
    """The matching configuration (loaded once)."""
    return Matching.model_validate(_load("matching.yaml"))


@cache
def labels() -> Labels:
    """The label configuration (loaded once); every clause key must have a label."""
    result = Labels.model_validate(_load("labels.yaml"))
    missing = [k for k in CLAUSE_KEYS if k not in result.clauses]
    if missing:
        raise ValueError(f"config/labels.yaml: clauses lacks labels for {missing}")
    return result
