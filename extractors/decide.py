"""From unit verdicts to one status per clause, with the units that carry it as evidence.

A clause is present when some unit carries a substantive provision; the evidence is the best such
units (those scoring within ``keep`` of the best, at most ``max_evidence``). Otherwise it is weak
when some unit mentions it weakly (all weak units are quoted), and absent when none does; an
absent clause explains which mention-only contexts were set aside.
"""

from dataclasses import dataclass, field
from typing import Any

from extractors.pattern_store import CompiledClause
from extractors.rules import Hit, Prepared, UnitVerdict, negative_hits, satisfied
from extractors.units import Unit
from models.extraction import ClauseStatus

_RANK = {ClauseStatus.ABSENT: 0, ClauseStatus.WEAK: 1, ClauseStatus.PRESENT: 2}


@dataclass
class Outcome:
    """One clause's decision: status, evidence ranges and the reasons."""

    status: ClauseStatus
    verdicts: list[UnitVerdict] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # extra evidence (cells, signature labels)
    reasons: list[str] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.0


def stronger(a: ClauseStatus, b: ClauseStatus) -> ClauseStatus:
    """The stronger of two statuses (present > weak > absent)."""
    return a if _RANK[a] >= _RANK[b] else b


def where(unit: Unit) -> str:
    """How a unit is named in an explanation: its number, its form label, its section's title, or its offset."""
    if unit.label:
        return unit.label
    if unit.kind == "cell" and unit.title:
        return f"表格「{unit.title}」"
    if unit.context:
        return f"「{unit.context[-1]}」"
    return f"@{unit.start}"


def _quote(text: str, hit: Hit, limit: int = 24) -> str:
    words = text[hit.start : hit.end]
    return words if len(words) <= limit else words[: limit - 1] + "…"


def describe(verdict: UnitVerdict, text: str) -> str:
    """Explain one verdict: which cues fired, under which heading, in which unit."""
    parts = []
    if verdict.heading:
        parts.append(f"heading '{verdict.heading}'")
    names = dict.fromkeys(h.cue for h in verdict.hits)
    for name in names:
        hit = next(h for h in verdict.hits if h.cue == name)
        parts.append(f"pattern '{name}' ({_quote(text, hit)})")
    if not verdict.hits:
        parts.append("heading only, no substantive body")
    return f"{', '.join(parts)} in {where(verdict.unit)}"


def _partial_runs(verdicts: list[UnitVerdict], prepared: list[Prepared]) -> list[list[UnitVerdict]]:
    """Runs of adjacent units under the same heading that each carry part of a provision."""
    by_start = {v.unit.start: v for v in verdicts if v.status != ClauseStatus.PRESENT and v.raw}
    runs: list[list[UnitVerdict]] = [[]]
    for p in prepared:
        v = by_start.get(p.unit.start)
        if v is None or (runs[-1] and runs[-1][-1].unit.context != v.unit.context):
            runs.append([])
        if v is not None:
            runs[-1].append(v)
    return [run for run in runs if len(run) >= 2 and any(v.heading or v.in_context for v in run)]


def merged(clause: CompiledClause, verdicts: list[UnitVerdict], prepared: list[Prepared]) -> list[UnitVerdict]:
    """A provision split over adjacent articles or paragraphs (rights in one, duties in the next)."""
    thresholds = clause.spec.thresholds
    for run in _partial_runs(verdicts, prepared):
        hits = satisfied([h for v in run for h in v.raw], clause.substantive)
        score = sum({h.cue: h.weight for h in hits}.values()) + (thresholds.heading_bonus if hits else 0.0)
        if score >= thresholds.present:
            names = {h.cue for h in hits}
            parts = [v for v in run if any(h.cue in names for h in v.raw)]
            for v in parts:
                v.status, v.score, v.hits = ClauseStatus.PRESENT, score, [h for h in v.raw if h.cue in names]
            return parts
    return []


def select(clause: CompiledClause, verdicts: list[UnitVerdict],
           prepared: list[Prepared]) -> tuple[ClauseStatus, list[UnitVerdict]]:
    """Pick the status and the evidence units from all unit verdicts."""
    thresholds = clause.spec.thresholds
    present = [v for v in verdicts if v.status == ClauseStatus.PRESENT]
    if present:
        best = max(v.score for v in present)
        kept = sorted(present, key=lambda v: -v.score)
        kept = [v for v in kept if v.score >= best * thresholds.keep][: thresholds.max_evidence]
        return ClauseStatus.PRESENT, sorted(kept, key=lambda v: v.unit.start)
    split = merged(clause, verdicts, prepared)
    if split:
        return ClauseStatus.PRESENT, split
    weak = [v for v in verdicts if v.status == ClauseStatus.WEAK]
    if weak:
        return ClauseStatus.WEAK, weak[: thresholds.max_evidence]
    return ClauseStatus.ABSENT, []


def absent_reason(clause: CompiledClause, prepared: list[Prepared], text: str) -> str:
    """Why nothing counts: the mention-only contexts that were set aside, if any."""
    seen: dict[str, str] = {}
    for p in prepared:
        for hit in negative_hits(clause, p):
            seen.setdefault(hit.cue, f"{_quote(text, hit)} in {where(p.unit)}")
    what = clause.spec.description.split("：")[0]
    if not seen:
        return f"no provision on {what} found"
    mentions = "; ".join(f"{cue}: {place}" for cue, place in list(seen.items())[:3])
    return f"mentioned only in contexts that are not a provision ({mentions}); no {what}"


def decide(clause: CompiledClause, verdicts: list[UnitVerdict], prepared: list[Prepared], text: str) -> Outcome:
    """The generic decision for a clause (special handlers adjust it afterwards)."""
    status, chosen = select(clause, verdicts, prepared)
    if status == ClauseStatus.ABSENT:
        return Outcome(status, reasons=[absent_reason(clause, prepared, text)], confidence=0.8)
    reasons = [describe(v, text) for v in chosen]
    if status == ClauseStatus.PRESENT:
        confidence = min(0.95, 0.6 + 0.1 * max(v.score for v in chosen))
    else:
        confidence = 0.6
    return Outcome(status, chosen, reasons=reasons, confidence=round(confidence, 2))
