"""Load, validate and compile the pattern files once (``extractors/patterns``)."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.literals import Literals, prefilter, required, union
from extractors.pattern_schema import (
    ClauseSpec,
    CommonSpec,
    Cue,
    KindSpec,
    PatternFileError,
    Requirement,
    validate_file,
)
from models.clauses import CLAUSE_KEYS

PATTERN_DIR = Path(__file__).resolve().parent / "patterns"


@dataclass(frozen=True)
class CompiledCue:
    """A cue ready to run."""

    name: str
    rx: re.Pattern[str]
    weight: float
    requires: frozenset[Requirement]
    min_count: int
    anchored: bool  # has ^ or $: can only be tried sentence by sentence
    literals: Literals | None = None  # one of these is in every match (``literals.required``)
    prefilter: re.Pattern[str] | None = None  # a text it does not match cannot match ``rx`` either


@dataclass(frozen=True)
class CompiledClause:
    """One clause key's compiled patterns."""

    spec: ClauseSpec
    topic: re.Pattern[str] | None
    substantive: tuple[CompiledCue, ...]
    weak: tuple[CompiledCue, ...]
    negative: tuple[CompiledCue, ...]
    attributes: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    captures: dict[str, re.Pattern[str]]
    exception_cue: re.Pattern[str] | None
    gate: re.Pattern[str] | None  # any cue could match (None: some cue is anchored, always try)
    gate_prefilter: re.Pattern[str] | None = None  # a text it does not match cannot pass the gate
    topic_prefilter: re.Pattern[str] | None = None  # nor match the topic

    @property
    def key(self) -> str:
        """The clause key."""
        return self.spec.key


@dataclass(frozen=True)
class PatternSet:
    """Every pattern file of a directory, validated and compiled."""

    clauses: dict[str, CompiledClause]
    sentence_breaks: re.Pattern[str]
    kind: KindSpec


_ANCHOR = re.compile(r"(?<!\[)\^|(?<!\\)\$")


def _compile(cue: Cue) -> CompiledCue:
    anchored = _ANCHOR.search(cue.regex) is not None
    literals = required(cue.regex)
    return CompiledCue(cue.name, re.compile(cue.regex), cue.weight, frozenset(cue.requires), cue.min_count, anchored,
                       literals, prefilter(literals))


def _compile_clause(spec: ClauseSpec, common: dict[str, Cue], path: Path) -> CompiledClause:
    missing = [name for name in spec.common_weak if name not in common]
    if missing:
        raise PatternFileError(path, f"field common_weak: unknown cue {missing[0]!r}; known: {', '.join(common)}")
    topic = re.compile("|".join(f"(?:{t})" for t in spec.topic)) if spec.topic else None
    weak = [*spec.weak, *(common[name] for name in spec.common_weak)]
    cues = [_compile(c) for c in [*spec.substantive, *weak]]
    gate = None if any(c.anchored for c in cues) else re.compile("|".join(f"(?:{c.rx.pattern})" for c in cues))
    return CompiledClause(
        spec=spec,
        topic=topic,
        substantive=tuple(_compile(c) for c in spec.substantive),
        weak=tuple(_compile(c) for c in weak),
        negative=tuple(_compile(c) for c in spec.negative),
        attributes={
            name: tuple((label.label, re.compile(label.regex)) for label in labels)
            for name, labels in spec.attributes.items()
        },
        captures={name: re.compile(regex) for name, regex in spec.captures.items()},
        exception_cue=re.compile(spec.exception_cue) if spec.exception_cue else None,
        gate=gate,
        gate_prefilter=prefilter(union([c.literals for c in cues])) if gate is not None else None,
        topic_prefilter=prefilter(required(topic.pattern)) if topic is not None else None,
    )


def load_clause_file(path: Path, common: dict[str, Cue]) -> CompiledClause:
    """Validate and compile one clause file; its name must be its key."""
    spec = validate_file(path, ClauseSpec)
    if spec.key != path.stem:
        raise PatternFileError(path, f"field key: {spec.key!r} does not match the file name")
    return _compile_clause(spec, common, path)


@cache
def load_patterns(directory: Path = PATTERN_DIR) -> PatternSet:
    """Load every pattern file of ``directory`` (one per clause key, plus _common and _kind)."""
    common = validate_file(directory / "_common.yaml", CommonSpec)
    common_cues = {cue.name: cue for cue in common.weak}
    clauses: dict[str, CompiledClause] = {}
    for key in CLAUSE_KEYS:
        path = directory / f"{key}.yaml"
        if not path.is_file():
            raise PatternFileError(path, "missing: every clause key needs a pattern file")
        clauses[key] = load_clause_file(path, common_cues)
    kind = validate_file(directory / "_kind.yaml", KindSpec)
    return PatternSet(clauses=clauses, sentence_breaks=re.compile(common.sentence_breaks), kind=kind)
