"""Clause items: look for each basis key in the documents whose kind carries the item.

``agreement`` → agreements, ``charter`` → charters, ``either`` → agreements and charters,
``submission`` → every readable document except licences. For one key the best finding wins (present > weak >
absent); an item with several keys is as good as its worst key.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checklists.schema import Item
from checklists.settings import labels, matching
from checklists.submission import Submission, kind_of
from models.chinese import to_simplified
from models.extraction import ClauseFinding, ClauseStatus, Extraction
from models.report import ItemEvidence, ItemStatus

SCOPE: dict[str, tuple[str, ...] | None] = {
    "agreement": ("agreement",),
    "charter": ("charter",),
    "either": ("agreement", "charter"),
    "submission": None,  # every readable document but licences (which carry no clauses)
}
WORST_FIRST: dict[ItemStatus, int] = {"missing": 0, "weak": 1, "needs_review": 2, "satisfied": 3, "not_applicable": 4}


@dataclass
class Verdict:
    """The status of one key (or of a whole item), with evidence and a reason."""

    status: ItemStatus
    evidence: list[ItemEvidence] = field(default_factory=list)
    reason: str = ""
    details: dict[str, str | int | float | bool | list[str] | None] = field(default_factory=dict)


def scope_documents(submission: Submission, applies_to: str) -> list[Extraction]:
    """The readable documents an item with ``applies_to`` is looked for in."""
    kinds = SCOPE[applies_to]
    if kinds is None:
        return [e for e in submission.readable if kind_of(e) != "license"]
    return submission.of_kind(*kinds)


def _where(docs: list[Extraction]) -> str:
    return "、".join(f"{labels().kind(kind_of(e))}（{e.file}）" for e in docs)


def _evidence(pairs: list[tuple[Extraction, ClauseFinding]], key: str) -> list[ItemEvidence]:
    limit = matching().clauses.max_evidence
    ranked = sorted(pairs, key=lambda p: -p[1].confidence)
    return [ItemEvidence.from_span(e.file, s, key) for e, f in ranked for s in f.evidence][:limit]


def weak_reason(pairs: list[tuple[Extraction, ClauseFinding]], key: str) -> str:
    """Plain Chinese for a weak clause: which cue made it weak, in which document."""
    quotes = to_simplified(" ".join(s.quote for _, f in pairs for s in f.evidence))
    cue = next((c.zh for c in labels().weak_cues if c.cue in quotes), "只有原则性或不确定的表述，没有可执行的约定")
    return f"{_where([e for e, _ in pairs])}中关于“{labels().clause(key)}”的约定不够明确：{cue}"


def judge_key(docs: list[Extraction], key: str) -> Verdict:
    """One clause key across ``docs``."""
    thresholds = matching().clauses
    label = labels().clause(key)
    pairs = [(e, f) for e in docs for f in e.clauses if f.type == key]
    present = [(e, f) for e, f in pairs if f.status == ClauseStatus.PRESENT]
    trusted = [(e, f) for e, f in present if f.confidence >= thresholds.present_min_confidence and f.evidence]
    if trusted:
        return Verdict("satisfied", _evidence(trusted, key))
    if present:
        return Verdict("needs_review", _evidence(present, key),
                       f"{_where([e for e, _ in present])}中可能有关于“{label}”的约定，但识别把握不大或缺少原文位置，请人工核对",
                       {"explanation": present[0][1].explanation})
    weak = [(e, f) for e, f in pairs if f.status == ClauseStatus.WEAK]
    if weak:
        return Verdict("weak", _evidence(weak, key), weak_reason(weak, key), {"explanation": weak[0][1].explanation})
    unjudged = [e for e in docs if not any(f.type == key for f in e.clauses)]
    unsure = [e for e, f in pairs if f.confidence < thresholds.absent_min_confidence]
    if unjudged or unsure:
        return Verdict("needs_review", [], f"{_where(unjudged + unsure)}中是否有关于“{label}”的约定未能确定，请人工核对")
    both = "均" if len(docs) > 1 else ""
    return Verdict("missing", [], f"在{_where(docs)}中{both}未找到关于“{label}”的约定")


def _absent_document(item: Item, submission: Submission) -> Verdict:
    wanted = labels().applies_to[item.applies_to].zh if item.applies_to != "submission" else "协议、章程或申请表"
    if submission.failed():
        files = "、".join(e.file for e in submission.failed())
        return Verdict("needs_review", [], f"未识别出{wanted}；文件 {files} 无法读取，其中可能包含，请人工核对")
    return Verdict("missing", [], f"未提交{wanted}（该项要求在{wanted}中载明）")


def fold(verdicts: list[Verdict]) -> Verdict:
    """Several verdicts as one: the worst status, all evidence, the reasons of the parts that fall short."""
    applicable = [v for v in verdicts if v.status != "not_applicable"] or verdicts
    worst = min(applicable, key=lambda v: WORST_FIRST[v.status])
    reasons = [v.reason.rstrip("。") for v in applicable if v.status != "satisfied" and v.reason]
    details: dict[str, str | int | float | bool | list[str] | None] = {}
    for v in applicable:
        details.update(v.details)
    return Verdict(worst.status, [ev for v in applicable for ev in v.evidence],
                   "；".join(reasons) + ("。" if reasons else ""), details)


def judge_clauses(item: Item, submission: Submission) -> Verdict:
    """The clause part of an item (all its clause keys must be satisfied)."""
    docs = scope_documents(submission, item.applies_to)
    if not docs:
        verdict = _absent_document(item, submission)
    else:
        verdict = fold([judge_key(docs, key) for key in item.clause_keys])
    if item.severity != "conditional":
        return verdict
    when = labels().when_zh((item.condition_params or {}).get("when")) or "特定情形下"
    if verdict.status == "missing":
        return Verdict("needs_review", [], f"{verdict.reason.rstrip('。')}；该项仅在{when}时适用，如属于这种情况须补充。",
                       verdict.details)
    if verdict.status == "weak":
        verdict.reason = f"{verdict.reason.rstrip('。')}（该项在{when}时适用）。"
    return verdict
