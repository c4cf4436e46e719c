"""The signature clauses: the signing clause in the text and the signature page.

legal_rep_signature is present when the signing clause or the page requires the members' legal
representatives (法定代表人（签字） column); a page or clause naming only 代表 / 签字盖章 is weak.
member_signature is present when the page lists at least two parties, weak when it lists one
(or sends the others to an attached page) or when only a clause says everyone signs.
"""

import re
from dataclasses import dataclass
from functools import cache

from extractors.decide import Outcome, stronger
from extractors.pattern_schema import SignaturePage
from extractors.pattern_store import CompiledClause
from extractors.rules import UnitVerdict, judge_unit, prepare
from extractors.units import Units
from models import Document, Table
from models.extraction import ClauseStatus

_LABEL_MAX = 30
_COLON = re.compile(r"[：:]")
_GAP = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class _Page:
    title: re.Pattern[str]
    label: re.Pattern[str]
    strong: re.Pattern[str]
    weak: re.Pattern[str] | None
    party: re.Pattern[str]
    min_parties: int


@cache
def _compiled(page: SignaturePage) -> _Page:
    return _Page(
        re.compile(page.title), re.compile(page.label), re.compile(page.strong),
        re.compile(page.weak) if page.weak else None, re.compile(page.party), page.min_parties,
    )


@dataclass(frozen=True)
class Label:
    """A signing label of the page: a column head or the part of a run-in line before the colon."""

    start: int
    end: int
    text: str


def page_labels(doc: Document, units: Units, title: re.Pattern[str] | None = None) -> list[Label]:
    """Column heads of the signature tables and run-in labels of the signature lines (not the title line)."""
    labels = []
    for table in units.signature_tables:
        labels += [Label(c.start, c.end, doc.match_text[c.start : c.end]) for c in table.cells if c.row == 0]
    for unit in units.signature:
        line = doc.match_text[unit.start : unit.end]
        if title is not None and title.search(line):
            continue
        labels += _runin_labels(line, unit.start)
    return labels


def _runin_labels(line: str, offset: int) -> list[Label]:
    """The labels of a run-in signing line: the text before each colon (甲方（盖章）：X　代表（签字）：).

    The first label starts the line; a later one starts after the gap that ends the previous value.
    """
    colons = list(_COLON.finditer(line))
    if not colons:
        return [Label(offset, offset + len(line), line)] if len(line) <= _LABEL_MAX else []
    out, pos = [], 0
    for m in colons:
        start = pos
        if pos:
            gaps = list(_GAP.finditer(line, pos, m.start()))
            if not gaps:
                pos = m.end()
                continue
            start = gaps[-1].end()
        if 0 < m.start() - start <= _LABEL_MAX:
            out.append(Label(offset + start, offset + m.start(), line[start : m.start()]))
        pos = m.end()
    return out


def _table_parties(doc: Document, table: Table, party: re.Pattern[str]) -> int:
    grid = table.grid(doc.match_text)
    cols = [i for i, head in enumerate(grid[0]) if party.search(head)]
    col = cols[0] if cols else min(1, len(grid[0]) - 1)
    return sum(1 for row in grid[1:] if row[col].strip(" _　"))


def count_parties(doc: Document, units: Units, page: _Page) -> int:
    """How many parties the page lists: filled name cells, or seal slots (（盖章）) on the signing lines."""
    in_tables = sum(_table_parties(doc, t, page.party) for t in units.signature_tables)
    lines = (doc.match_text[u.start : u.end] for u in units.signature)
    return in_tables + sum(len(page.strong.findall(line)) for line in lines if "。" not in line)


def _first_distinct(labels: list[Label]) -> list[tuple[int, int]]:
    seen: dict[str, tuple[int, int]] = {}
    for lb in labels:
        seen.setdefault(lb.text.strip(), (lb.start, lb.end))
    return list(seen.values())


def _titles(doc: Document, units: Units, page: _Page) -> list[tuple[int, int]]:
    return [(u.start, u.end) for u in units.signature
            if page.title.search(doc.match_text[u.start : u.end]) and "无正文" not in doc.match_text[u.start : u.end]]


def _page_verdicts(clause: CompiledClause, doc: Document, units: Units, breaks: re.Pattern[str]) -> list[UnitVerdict]:
    found = (judge_unit(clause, prepare(u, doc.match_text, breaks)) for u in units.signature)
    return [v for v in found if v is not None]


def legal_rep(clause: CompiledClause, outcome: Outcome, doc: Document, units: Units) -> Outcome:
    """Combine the signing clause (``outcome``) with the page's signing columns."""
    assert clause.spec.signature_page is not None
    page = _compiled(clause.spec.signature_page)
    labels = [lb for lb in page_labels(doc, units, page.title) if page.label.search(lb.text)]
    strong = [lb for lb in labels if page.strong.search(lb.text)]
    weak = [lb for lb in labels if page.weak and page.weak.search(lb.text)] if not strong else []
    page_status = ClauseStatus.PRESENT if strong else ClauseStatus.WEAK if weak else ClauseStatus.ABSENT
    status = stronger(outcome.status, page_status)
    if status == ClauseStatus.ABSENT:
        return outcome
    spans = _first_distinct(strong or weak) if page_status == status else []
    verdicts = outcome.verdicts if outcome.status == status else []
    reasons = [f"signature page column '{doc.text[s:e]}'" for s, e in spans] + (outcome.reasons if verdicts else [])
    confidence = 0.9 if status == ClauseStatus.PRESENT else 0.65
    return Outcome(status, verdicts, spans, reasons, confidence=confidence)


def members(clause: CompiledClause, outcome: Outcome, doc: Document, units: Units, breaks: re.Pattern[str]) -> Outcome:
    """The page lists the parties (present), one party or 见附页 (weak); a clause alone is weak."""
    assert clause.spec.signature_page is not None
    page = _compiled(clause.spec.signature_page)
    labels = page_labels(doc, units, page.title)
    if not labels and not units.signature_tables:
        if outcome.status == ClauseStatus.ABSENT:
            return outcome
        reasons = [*outcome.reasons, "no signature page lists the parties"]
        return Outcome(ClauseStatus.WEAK, outcome.verdicts, reasons=reasons, confidence=0.55)
    parties = count_parties(doc, units, page)
    party_labels = _first_distinct([lb for lb in labels if page.strong.search(lb.text)])[:1]
    spans = _titles(doc, units, page)[:1] + party_labels
    if not spans and units.signature_tables:  # a signature table with no page title: its header row
        table = units.signature_tables[0]
        header_end = doc.match_text.find("\n", table.start, table.end)
        spans = [(table.start, table.end if header_end == -1 else header_end)]
    if parties >= page.min_parties:
        return Outcome(ClauseStatus.PRESENT, spans=spans, confidence=0.9,
                       reasons=[f"signature page lists {parties} parties"])
    elsewhere = _page_verdicts(clause, doc, units, breaks)
    weak_spans = [(v.unit.start, v.unit.end) for v in elsewhere if v.status == ClauseStatus.WEAK] or spans
    return Outcome(ClauseStatus.WEAK, spans=weak_spans, confidence=0.65,
                   reasons=[f"signature page lists {parties} part{'y' if parties == 1 else 'ies'} only"])
