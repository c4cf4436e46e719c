"""IP ownership across articles: exceptions far from their rule, and contradictions.

An ownership rule may carry an exception whose text sits in another article (……归完成方所有，但
第四十三条另有约定的除外); the exception is kept as an attribute with its own evidence and the
clause stays present. Two articles that vest the same results in different holders (归联盟所有
in one, 归完成单位所有 in another) with no exception linking them make the clause weak.
"""

import re
from typing import Any

from extractors.attributes import labels_in, span_dict
from extractors.decide import Outcome, where
from extractors.pattern_store import CompiledClause
from extractors.rules import UnitVerdict
from extractors.units import Unit
from models import Document
from models.extraction import ClauseStatus

_EXCLUDED_RULE = re.compile(r"不适用[^。；，]{0,24}规定")  # names the rule it sets aside
_REFERENCE = re.compile(
    r"第(?P<n>[一二三四五六七八九十百零〇两\d]+)(?P<what>条|部分|章)(?:第?[（(](?P<item>[一二三四五六七八九十\d]+)[）)]项)?"
)


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}


def _number(text: str) -> int | None:
    """第四十三条 → 43: Chinese numerals below a thousand, or Arabic digits."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def _referenced(match: re.Match[str], units: list[Unit]) -> Unit | None:
    """The unit a reference such as 第四十三条 or 第十二部分第（一）项 points to."""
    n = _number(match.group("n"))
    if match.group("what") == "条":
        return next((u for u in units if u.number == n and u.label.endswith(("条", "條"))), None)
    item = _number(match.group("item")) if match.group("item") else None
    for unit in units:
        if unit.number == item and any(_number(re.sub(r"[、．.第章\s]", "", p)) == n for p in unit.path):
            return unit
    return None


def _exceptions(present: list[UnitVerdict], units: list[Unit], doc: Document, cue: re.Pattern[str]) -> list[Unit]:
    """Units holding an exception to an ownership rule: referenced by number, or saying 不适用."""
    found: dict[int, Unit] = {}
    for v in present:
        text = doc.match_text[v.unit.start : v.unit.end]
        if cue.search(text):
            targets = (_referenced(m, units) for m in _REFERENCE.finditer(text))
            found.update({t.start: t for t in targets if t is not None and t != v.unit})
        if _EXCLUDED_RULE.search(text):
            found.setdefault(v.unit.start, v.unit)
    return sorted(found.values(), key=lambda u: u.start)


class _Rules:
    """The ownership rules and scopes each unit states (the rule an exception sets aside is not one)."""

    def __init__(self, clause: CompiledClause, doc: Document) -> None:
        self.clause, self.doc = clause, doc

    def labels(self, name: str, unit: Unit) -> set[str]:
        text = _EXCLUDED_RULE.sub("", self.doc.match_text[unit.start : unit.end])
        return set(labels_in(self.clause, name, text))

    def conflict(self, present: list[UnitVerdict], marked: set[int]) -> tuple[UnitVerdict, UnitVerdict] | None:
        plain = [v for v in present if v.unit.start not in marked]
        for a, b in self.clause.spec.conflicts:
            with_a = [v for v in plain if a in self.labels("rules", v.unit) and b not in self.labels("rules", v.unit)]
            with_b = [v for v in plain if b in self.labels("rules", v.unit) and a not in self.labels("rules", v.unit)]
            for va in with_a:
                for vb in with_b:
                    sa, sb = self.labels("scope", va.unit), self.labels("scope", vb.unit)
                    if not sa or not sb or sa & sb:
                        return (va, vb) if va.unit.start < vb.unit.start else (vb, va)
        return None


def _contradicted(rules: _Rules, pair: tuple[UnitVerdict, UnitVerdict]) -> Outcome:
    a, b = pair
    ra, rb = ("/".join(sorted(rules.labels("rules", v.unit))) for v in pair)
    reason = f"contradicted: {where(a.unit)} says {ra}, {where(b.unit)} says {rb}, with no precedence between them"
    return Outcome(ClauseStatus.WEAK, [a, b], reasons=[reason], confidence=0.7)


def apply(clause: CompiledClause, outcome: Outcome, verdicts: list[UnitVerdict], units: list[Unit],
          doc: Document) -> Outcome:
    """Attach exceptions (with their own evidence), detect contradictions, tie each rule to its article."""
    present = [v for v in verdicts if v.status == ClauseStatus.PRESENT]
    cue = clause.exception_cue
    exceptions = _exceptions(present, units, doc, cue) if cue is not None else []
    marked = {u.start for u in exceptions}
    marked |= {v.unit.start for v in present if cue is not None and cue.search(doc.match_text[v.unit.start : v.unit.end])}
    rules = _Rules(clause, doc)
    pair = rules.conflict(present, marked)
    if pair is not None:
        outcome = _contradicted(rules, pair)
    elif exceptions:
        chosen = {v.unit.start for v in outcome.verdicts}
        extra = [v for v in present if v.unit.start in marked and v.unit.start not in chosen]
        outcome.verdicts = sorted([*outcome.verdicts, *extra], key=lambda v: v.unit.start)
        outcome.reasons.append("exception kept as an attribute: " + ", ".join(where(u) for u in exceptions))
    attributes: dict[str, Any] = {
        "exceptions": [{"text": doc.text[u.start : u.end], "evidence": span_dict(doc, u.start, u.end)} for u in exceptions],
        "rule_sources": [
            {"rule": label, "evidence": span_dict(doc, v.unit.start, v.unit.end)}
            for v in outcome.verdicts for label in sorted(rules.labels("rules", v.unit))
        ],
    }
    outcome.attributes.update(attributes)
    return outcome
