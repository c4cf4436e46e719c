"""Pydantic models of the clause pattern files (``extractors/patterns/*.yaml``).

Every file is validated when it is loaded; a broken file raises ``PatternFileError`` naming the
file and the offending field, so a typo in a regex never turns into a silent miss.
"""

import re
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from models.clauses import CLAUSE_KEYS
from models.data_files import load_yaml

Requirement = Literal["topic", "unit_topic", "heading", "context"]
M = TypeVar("M", bound=BaseModel)


class PatternFileError(ValueError):
    """A pattern file could not be read or does not follow the schema."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"pattern file {path.name}: {detail}")
        self.path = path
        self.detail = detail


def _check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regex {value!r}: {exc}") from exc
    return value


class Cue(BaseModel):
    """A named regular expression over the Simplified matching text of one sentence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    regex: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0.0, le=2.0)
    requires: list[Requirement] = Field(
        default_factory=list,
        description=(
            "any one suffices (none listed: always): topic = a topic term in the same sentence; unit_topic = "
            "anywhere in the unit; heading = the unit's own title names the clause; context = own or chapter title"
        ),
    )
    min_count: int = Field(default=1, ge=1, le=20, description="matches in the unit needed for the cue to count")

    _check = field_validator("regex")(_check_regex)


class Label(BaseModel):
    """An attribute value: ``label`` is reported when ``regex`` matches the evidence text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=1)
    regex: str = Field(min_length=1)

    _check = field_validator("regex")(_check_regex)


class Thresholds(BaseModel):
    """Unit scores: ``present`` for a substantive provision; evidence keeps units within ``keep`` of the best."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    present: float = Field(default=1.0, gt=0.0)
    heading_bonus: float = Field(default=0.5, ge=0.0, le=1.0)
    keep: float = Field(default=0.6, gt=0.0, le=1.0)
    max_evidence: int = Field(default=4, ge=1, le=12)


class SignaturePage(BaseModel):
    """How a clause reads the signature page: its title, its signing labels (column heads or run-in labels)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(description="regex of the page title line (签署页)")
    label: str = Field(description="regex a label must match to count for this clause")
    strong: str = Field(description="regex of a label that makes the clause present (法定代表人)")
    weak: str | None = Field(default=None, description="regex of a label that makes it only weak (代表签字)")
    party: str = Field(description="regex of the party-name column or label (单位名称（盖章）)")
    min_parties: int = Field(default=2, ge=1, description="parties the page must list for present")

    _check = field_validator("title", "label", "strong", "party")(_check_regex)

    @field_validator("weak")
    @classmethod
    def _weak_regex(cls, value: str | None) -> str | None:
        return None if value is None else _check_regex(value)


class ClauseSpec(BaseModel):
    """The patterns of one clause key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    version: int = Field(ge=1)
    description: str = Field(min_length=1)
    headings: list[str] = Field(min_length=1, description="article / chapter / form-label titles naming the clause")
    heading_min_ratio: int = Field(default=82, ge=50, le=100)
    topic: list[str] = Field(default_factory=list, description="regexes putting a sentence on the clause's topic")
    substantive: list[Cue] = Field(min_length=1)
    weak: list[Cue] = Field(default_factory=list, description="clause-specific weak wordings")
    common_weak: list[str] = Field(
        default_factory=list, description="names of _common.yaml weak cues that apply (need topic or heading)"
    )
    negative: list[Cue] = Field(default_factory=list, description="mention-only contexts, masked before matching")
    heading_only_weak: bool = Field(
        default=False, description="an article titled with the clause but with no substantive body is weak (vague)"
    )
    thresholds: Thresholds = Field(default_factory=Thresholds)
    attributes: dict[str, list[Label]] = Field(default_factory=dict)
    captures: dict[str, str] = Field(default_factory=dict, description="attribute -> regex whose matches are listed")
    conflicts: list[tuple[str, str]] = Field(
        default_factory=list, description="pairs of `rules` attribute labels that contradict when two articles state them"
    )
    signature_page: SignaturePage | None = None
    exception_cue: str | None = Field(default=None, description="regex marking an exception to a rule (另有约定的除外)")

    @field_validator("key")
    @classmethod
    def _known_key(cls, value: str) -> str:
        if value not in CLAUSE_KEYS:
            raise ValueError(f"unknown clause key {value!r}; known keys: {', '.join(CLAUSE_KEYS)}")
        return value

    @field_validator("topic")
    @classmethod
    def _topic_regexes(cls, value: list[str]) -> list[str]:
        return [_check_regex(v) for v in value]

    @field_validator("captures")
    @classmethod
    def _capture_regexes(cls, value: dict[str, str]) -> dict[str, str]:
        return {k: _check_regex(v) for k, v in value.items()}

    @field_validator("exception_cue")
    @classmethod
    def _exception_regex(cls, value: str | None) -> str | None:
        return None if value is None else _check_regex(value)

    @model_validator(mode="after")
    def _conflicts_name_rules(self) -> "ClauseSpec":
        known = {label.label for label in self.attributes.get("rules", [])}
        for pair in self.conflicts:
            unknown = [p for p in pair if p not in known]
            if unknown:
                raise ValueError(f"conflict label {unknown[0]!r} is not a label of attributes.rules")
        return self

    @model_validator(mode="after")
    def _topic_when_required(self) -> "ClauseSpec":
        cues = [*self.substantive, *self.weak]
        if any({"topic", "unit_topic"} & set(c.requires) for c in cues) and not self.topic:
            raise ValueError("a cue requires a topic term but the file lists no topic")
        return self


class CommonSpec(BaseModel):
    """Cross-clause cues (``_common.yaml``): deferral, reference to state rules, vague wording, negation."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    weak: list[Cue] = Field(min_length=1)
    sentence_breaks: str = Field(min_length=1, description="regex of characters that end a sentence")

    _check = field_validator("sentence_breaks")(_check_regex)


class KindRule(BaseModel):
    """A document-kind cue: a regex on the title (first lines) or on the body."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["agreement", "charter", "license", "application", "other"]
    name: str
    regex: str
    where: Literal["title", "head", "body"] = "title"
    weight: float = Field(default=1.0, gt=0.0)

    _check = field_validator("regex")(_check_regex)


class KindSpec(BaseModel):
    """Document-kind patterns (``_kind.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    head_chars: int = Field(default=200, ge=20, description="how much of the text counts as the head")
    rules: list[KindRule] = Field(min_length=1)


def read_yaml(path: Path) -> object:
    """Read a YAML file, turning read and syntax errors into ``PatternFileError``."""
    try:
        return load_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise PatternFileError(path, f"cannot read: {exc}") from exc


def validate_file(path: Path, model: type[M]) -> M:
    """Load ``path`` and validate it against ``model``; errors name the file and the field."""
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise PatternFileError(path, f"field {where}: {first['msg']}") from exc
