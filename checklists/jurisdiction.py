"""Which jurisdiction a submission belongs to: clues from names, addresses and cited regulations.

Each clue adds its weight (``config/matching.yaml`` → ``jurisdiction.weights``) to the rule sets whose
region it names; the confidence is the best rule set's share of all scores. Below the thresholds
the detection asks for a choice among the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from checklists.loader import load_rule_sets
from checklists.names import normalize_org
from checklists.regions import mentions, place_address, region_names_for
from checklists.schema import RuleSet
from checklists.settings import matching
from checklists.submission import Submission
from models.chinese import to_simplified
from models.extraction import Extraction
from models.report import JurisdictionCandidate, JurisdictionClue, JurisdictionDetection

_TRAILING_NOTE = re.compile(r"（[^（）]*）$")
_MAX_TEXT_CLUES = 3


def _titles(rule_set: RuleSet) -> list[str]:
    short = _TRAILING_NOTE.sub("", rule_set.title)
    return [rule_set.title] + ([short] if short != rule_set.title else [])


def _clue(rule_set: RuleSet, kind: str, file: str, quote: str, start: int | None = None) -> JurisdictionClue:
    weight = matching().jurisdiction.weights.get(kind, 0.0)
    end = start + len(quote) if start is not None else None
    return JurisdictionClue(rule_set=rule_set.id, kind=kind, file=file, quote=quote, weight=weight, start=start, end=end)


def _regulation_clues(rule_set: RuleSet, sources: Mapping[str, str]) -> list[JurisdictionClue]:
    out = []
    for file, text in sources.items():
        for title in _titles(rule_set):
            pos = text.find(title)
            if pos >= 0:
                out.append(_clue(rule_set, "regulation_title", file, title, pos))
                break
        if rule_set.document_number:
            pos = text.find(to_simplified(rule_set.document_number))
            if pos >= 0:
                out.append(_clue(rule_set, "document_number", file, rule_set.document_number, pos))
    return out


def _place_clues(rule_set: RuleSet, submission: Submission) -> list[JurisdictionClue]:
    out = []
    for file, name in submission.alliance_names():
        if place_address(name, rule_set).placement == "inside":
            out.append(_clue(rule_set, "alliance_name", file, name))
    lead = submission.lead()
    if lead.address and lead.file and place_address(lead.address, rule_set).placement == "inside":
        kind = "lead_license_address" if lead.address_source == "license" else "lead_address"
        out.append(_clue(rule_set, kind, lead.file, lead.address))
    for record in submission.licences():
        address = record.license.address
        if address and address != lead.address and place_address(address, rule_set).placement == "inside":
            out.append(_clue(rule_set, "license_address", record.file, address))
    return out


def _member_clues(rule_set: RuleSet, submission: Submission) -> list[JurisdictionClue]:
    names = [n for n in region_names_for(rule_set) if len(n) >= 2]
    out = []
    for member in submission.members():
        if any(normalize_org(member.name).startswith(n) for n in names):
            out.append(_clue(rule_set, "member_name", member.sources[0][0], member.name))
    return out


def _text_clues(rule_set: RuleSet, sources: Mapping[str, str]) -> list[JurisdictionClue]:
    out = []
    for file, text in sources.items():
        out += [_clue(rule_set, "text_mention", file, name, pos) for name, pos in mentions(text, rule_set)]
    return out


def _score(clues: list[JurisdictionClue]) -> float:
    rules = matching().jurisdiction
    members = sum(c.weight for c in clues if c.kind == "member_name")
    texts = sum(c.weight for c in clues if c.kind == "text_mention")
    rest = sum(c.weight for c in clues if c.kind not in ("member_name", "text_mention"))
    return rest + min(members, rules.max_member_score) + min(texts, rules.max_text_score)


def _shown(clues: list[JurisdictionClue]) -> list[JurisdictionClue]:
    """All clues but the repetitive ones (member names, text mentions) capped per kind."""
    out: list[JurisdictionClue] = []
    for clue in sorted(clues, key=lambda c: -c.weight):
        same = sum(1 for c in out if c.kind == clue.kind and c.rule_set == clue.rule_set)
        if clue.kind not in ("member_name", "text_mention") or same < _MAX_TEXT_CLUES:
            out.append(clue)
    return out


def _sources(extractions: Sequence[Extraction], texts: Mapping[str, str] | None) -> dict[str, str]:
    """Text to search for cited regulations: the documents' texts, else the evidence quotes."""
    if texts:
        return {file: to_simplified(text) for file, text in texts.items()}
    return {e.file: to_simplified("\n".join(s.quote for f in e.clauses for s in f.evidence)) for e in extractions}


def detect_jurisdiction(
    extractions: Sequence[Extraction],
    texts: Mapping[str, str] | None = None,
    rule_sets: Iterable[RuleSet] | None = None,
) -> JurisdictionDetection:
    """The jurisdiction of a submission with its evidence and confidence, or the candidates to choose from."""
    rules = matching().jurisdiction
    sets = list(rule_sets) if rule_sets is not None else list(load_rule_sets().values())
    submission = Submission(extractions)
    sources = _sources(extractions, texts)
    clues = {rs.id: _regulation_clues(rs, sources) + _place_clues(rs, submission) + _member_clues(rs, submission)
             + (_text_clues(rs, sources) if texts else []) for rs in sets}
    scores = {rs.id: _score(clues[rs.id]) for rs in sets}
    total = sum(scores.values())
    ranked = sorted(sets, key=lambda rs: -scores[rs.id])
    if not ranked or total == 0:
        candidates = [JurisdictionCandidate(id=rs.id, name_zh=rs.name_zh, score=0.0, share=0.0) for rs in sets]
        return JurisdictionDetection(status="needs_choice", confidence=0.0, candidates=candidates,
                                     message="未在文件中发现可判断适用地区的线索（名称、地址或所引管理办法），请选择适用的管理办法。")
    best = ranked[0]
    confidence = round(scores[best.id] / total, 3)
    evidence = _shown([c for rs in ranked for c in clues[rs.id]])
    candidates = [JurisdictionCandidate(id=rs.id, name_zh=rs.name_zh, score=round(scores[rs.id], 3),
                                        share=round(scores[rs.id] / total, 3))
                  for rs in ranked if scores[rs.id] > 0 and scores[rs.id] >= rules.candidate_share * scores[best.id]]
    candidates = candidates[: rules.max_candidates]
    if confidence >= rules.min_confidence and scores[best.id] >= rules.min_score:
        return JurisdictionDetection(status="detected", id=best.id, confidence=confidence, evidence=evidence,
                                     candidates=candidates,
                                     message=f"根据名称、地址和所引管理办法判断适用{best.name_zh}的规定（置信度 {confidence:.2f}）。")
    names = "、".join(f"{c.name_zh}（{c.share:.0%}）" for c in candidates)
    return JurisdictionDetection(status="needs_choice", confidence=confidence, evidence=evidence, candidates=candidates,
                                 message=f"线索不足以确定适用地区，请从候选中选择：{names}。")
