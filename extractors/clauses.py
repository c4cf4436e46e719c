"""Public entry points: ``extract_clauses(doc)`` (all 31 clause keys, always) and ``classify_kind(doc)``.

Each clause key is judged unit by unit by the rule engine (``rules.py``) with its pattern file,
decided by ``decide.py``, then adjusted by a handler where the clause needs more than patterns:
task tables (``tasks.py``), the signature page (``signing.py``), ownership exceptions and
contradictions (``ownership.py``). Every finding carries evidence spans and an explanation.
"""

from collections.abc import Callable

from extractors import ownership, signing, tasks
from extractors.attributes import read_attributes
from extractors.decide import Outcome, decide
from extractors.kind import classify_kind
from extractors.pattern_store import CompiledClause, PatternSet, load_patterns
from extractors.rules import UnitVerdict, judge_unit, prepare
from extractors.units import Units, build_units
from models import Document, PageStatus, Span
from models.clauses import CLAUSE_KEYS
from models.extraction import ClauseFinding, ClauseStatus

__all__ = ["classify_kind", "extract_clauses"]

Handler = Callable[[CompiledClause, Outcome, list[UnitVerdict], Document, Units, PatternSet], Outcome]

_HANDLERS: dict[str, Handler] = {
    "task_division": lambda c, o, v, d, u, p: tasks.apply(o, d, u),
    "legal_rep_signature": lambda c, o, v, d, u, p: signing.legal_rep(c, o, d, u),
    "member_signature": lambda c, o, v, d, u, p: signing.members(c, o, d, u, p.sentence_breaks),
    "ip_ownership": lambda c, o, v, d, u, p: ownership.apply(c, o, v, u.body, d),
}


def _trim_cell(verdict: UnitVerdict, doc: Document, patterns: PatternSet) -> tuple[int, int]:
    """A form cell holding several provisions is quoted only from its first to its last matching sentence."""
    unit = verdict.unit
    if unit.kind != "cell" or not verdict.hits:
        return unit.start, unit.end
    text = doc.match_text[unit.start : unit.end]
    bounds = [0] + [m.end() for m in patterns.sentence_breaks.finditer(text)] + [len(text)]
    first = max(b for b in bounds if b <= min(h.start for h in verdict.hits) - unit.start)
    last = min(b for b in bounds if b >= max(h.end for h in verdict.hits) - unit.start)
    while last > first and text[last - 1].isspace():
        last -= 1
    return unit.start + first, unit.start + last


def _evidence(outcome: Outcome, doc: Document, patterns: PatternSet) -> list[Span]:
    ranges = {_trim_cell(v, doc, patterns) for v in outcome.verdicts} | set(outcome.spans)
    return [doc.span(s, e) for s, e in sorted(ranges) if e > s]


def _unread(doc: Document) -> tuple[int, int]:
    """Pages whose text could not be read (image-only pages awaiting OCR, failed pages), and all pages."""
    bad = sum(p.status in (PageStatus.NEEDS_OCR, PageStatus.FAILED) for p in doc.pages)
    return bad, len(doc.pages)


def _finding(key: str, clause: CompiledClause, outcome: Outcome, doc: Document, patterns: PatternSet) -> ClauseFinding:
    evidence = _evidence(outcome, doc, patterns) if outcome.status != ClauseStatus.ABSENT else []
    attributes = dict(outcome.attributes)
    if evidence and (clause.attributes or clause.captures):
        attributes = {**read_attributes(clause, doc, [(s.start, s.end) for s in evidence]), **attributes}
    reasons, confidence = list(outcome.reasons), outcome.confidence
    bad, pages = _unread(doc)
    if bad and outcome.status == ClauseStatus.ABSENT:
        reasons.append(f"{bad} of {pages} pages could not be read (need OCR), so the absence is unverified")
        confidence = round(confidence * (1 - bad / pages), 2)
    explanation = f"{outcome.status.value}: " + "; ".join(reasons)
    return ClauseFinding(type=key, status=outcome.status, confidence=confidence, evidence=evidence,
                         attributes=attributes, explanation=explanation)


def extract_clauses(doc: Document) -> list[ClauseFinding]:
    """Judge every clause key of ``models.clauses.CLAUSE_KEYS`` on ``doc``, in that order."""
    patterns = load_patterns()
    units = build_units(doc)
    prepared = [prepare(u, doc.match_text, patterns.sentence_breaks) for u in units.body]
    findings = []
    for key in CLAUSE_KEYS:
        clause = patterns.clauses[key]
        verdicts = [v for p in prepared if (v := judge_unit(clause, p))]
        outcome = decide(clause, verdicts, prepared, doc.text)
        handler = _HANDLERS.get(key)
        if handler is not None:
            outcome = handler(clause, outcome, verdicts, doc, units, patterns)
        findings.append(_finding(key, clause, outcome, doc, patterns))
    return findings
