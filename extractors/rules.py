"""The rule engine: judge one unit against one clause's compiled patterns.

A unit's Simplified text is masked where a negative (mention-only) context matches, cut into
sentences, and every cue runs sentence by sentence, subject to its requirements (a topic term in
the sentence or the unit, the unit's own title, or its chapter title). Substantive cue weights
add up (each cue once); a title naming the clause adds a bonus. A unit reaching the clause's
``present`` threshold carries a substantive provision; otherwise a weak cue (deferral, a bare
principle, vague wording) or a clause title over a thin body makes it weak.
"""

import re
from dataclasses import dataclass, field

from extractors.headings import best_heading
from extractors.literals import may_match
from extractors.pattern_store import CompiledClause, CompiledCue
from extractors.units import Unit
from models.extraction import ClauseStatus

MASK = "□"


@dataclass(frozen=True)
class Hit:
    """A cue that fired, with the absolute offsets of the words it matched."""

    cue: str
    start: int
    end: int
    weight: float


@dataclass
class UnitVerdict:
    """How one unit provides one clause (ABSENT with ``raw`` hits: a partial provision)."""

    unit: Unit
    status: ClauseStatus
    score: float
    hits: list[Hit] = field(default_factory=list)
    heading: str = ""
    raw: list[Hit] = field(default_factory=list)  # every substantive match, before min_count
    in_context: bool = False  # the chapter / section title names the clause


@dataclass(frozen=True)
class Prepared:
    """A unit with its Simplified text and sentence bounds, computed once for all clauses."""

    unit: Unit
    text: str
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Context:
    text: str
    offset: int
    sentences: tuple[tuple[int, int], ...]
    topic_in_unit: bool
    heading: str
    in_context: bool


def prepare(unit: Unit, match_text: str, breaks: re.Pattern[str]) -> Prepared:
    """Cut a unit's text into sentences (each keeps its closing punctuation)."""
    text = match_text[unit.start : unit.end]
    out, start = [], 0
    for m in breaks.finditer(text):
        if m.end() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return Prepared(unit, text, tuple(out))


def _mask(text: str, offset: int, negatives: tuple[CompiledCue, ...]) -> tuple[str, list[Hit]]:
    hits: list[Hit] = []
    chars: list[str] | None = None
    for cue in negatives:
        if not may_match(cue.prefilter, text):
            continue
        for m in cue.rx.finditer(text):
            if m.end() > m.start():
                hits.append(Hit(cue.name, offset + m.start(), offset + m.end(), cue.weight))
                chars = chars if chars is not None else list(text)
                chars[m.start() : m.end()] = MASK * (m.end() - m.start())
    return ("".join(chars) if chars is not None else text), hits


def _allowed(cue: CompiledCue, ctx: _Context, topic: bool) -> bool:
    if not cue.requires:
        return True
    return (
        ("topic" in cue.requires and topic)
        or ("unit_topic" in cue.requires and ctx.topic_in_unit)
        or ("heading" in cue.requires and bool(ctx.heading))
        or ("context" in cue.requires and (bool(ctx.heading) or ctx.in_context))
    )


def _run(cues: tuple[CompiledCue, ...], ctx: _Context, clause: CompiledClause) -> list[Hit]:
    """Every match of every cue whose requirements hold in its sentence."""
    hits: list[Hit] = []
    topics: list[bool] | None = None
    for cue in cues:
        if not may_match(cue.prefilter, ctx.text) or (not cue.anchored and cue.rx.search(ctx.text) is None):
            continue
        if topics is None:
            rx = clause.topic
            if rx is None or not may_match(clause.topic_prefilter, ctx.text):
                topics = [False] * len(ctx.sentences)
            else:
                topics = [rx.search(ctx.text, s, e) is not None for s, e in ctx.sentences]
        for (s, e), topic in zip(ctx.sentences, topics, strict=True):
            if _allowed(cue, ctx, topic):
                sentence = ctx.text[s:e]
                hits += [Hit(cue.name, ctx.offset + s + m.start(), ctx.offset + s + m.end(), cue.weight)
                         for m in cue.rx.finditer(sentence)]
    return hits


def satisfied(hits: list[Hit], cues: tuple[CompiledCue, ...]) -> list[Hit]:
    """The hits of the cues matched at least ``min_count`` times."""
    counts: dict[str, int] = {}
    for h in hits:
        counts[h.cue] = counts.get(h.cue, 0) + 1
    enough = {c.name for c in cues if counts.get(c.name, 0) >= c.min_count}
    return [h for h in hits if h.cue in enough]


def _score(hits: list[Hit]) -> float:
    return sum({h.cue: h.weight for h in hits}.values())


def _context(clause: CompiledClause, prepared: Prepared, text: str) -> _Context:
    spec, unit = clause.spec, prepared.unit
    cues = tuple(spec.headings)
    own = best_heading(unit.title, cues, spec.heading_min_ratio)
    chapter = any(best_heading(t, cues, spec.heading_min_ratio) for t in unit.context)
    topic = (clause.topic is not None and may_match(clause.topic_prefilter, text)
             and clause.topic.search(text) is not None)
    return _Context(text, unit.start, prepared.sentences, topic, own[0] if own else "", chapter)


def _overlapping(hits: list[Hit], weak: list[Hit]) -> list[Hit]:
    """Drop substantive hits lying inside words a weak cue reads as weak (重大事项由成员单位协商决定)."""
    return [h for h in hits if not any(w.start <= h.start and h.end <= w.end for w in weak)]


def judge_unit(clause: CompiledClause, prepared: Prepared) -> UnitVerdict | None:
    """Return the unit's verdict for the clause, or None when the unit does not touch it."""
    unit = prepared.unit
    gate = clause.gate
    if gate is not None and (not may_match(clause.gate_prefilter, prepared.text) or gate.search(prepared.text) is None) and not (
        clause.spec.heading_only_weak and best_heading(unit.title, tuple(clause.spec.headings), clause.spec.heading_min_ratio)
    ):
        return None
    text, _ = _mask(prepared.text, unit.start, clause.negative)
    ctx = _context(clause, prepared, text)
    thresholds = clause.spec.thresholds
    weak = satisfied(_run(clause.weak, ctx, clause), clause.weak)
    raw = _overlapping(_run(clause.substantive, ctx, clause), weak)
    hits = satisfied(raw, clause.substantive)
    score = _score(hits)
    if hits and ctx.heading:
        score += thresholds.heading_bonus
    verdict = UnitVerdict(unit, ClauseStatus.ABSENT, score, hits, ctx.heading, raw, ctx.in_context)
    if score >= thresholds.present:
        verdict.status = ClauseStatus.PRESENT
    elif weak:
        verdict.status, verdict.score, verdict.hits = ClauseStatus.WEAK, _score(weak), weak
    elif ctx.heading and clause.spec.heading_only_weak:
        verdict.status = ClauseStatus.WEAK
    elif not raw:
        return None
    return verdict


def negative_hits(clause: CompiledClause, prepared: Prepared) -> list[Hit]:
    """The mention-only contexts found in a unit (for explaining an absent clause)."""
    return _mask(prepared.text, prepared.unit.start, clause.negative)[1]
