"""Check a submission against a jurisdiction's rule set and produce the gap report.

``check_submission`` judges every item of one rule set; ``check_all`` every rule set (the matrix);
``check`` resolves ``jurisdiction`` (an id, ``auto`` or ``all``) first. Status rules (README):
clause items take the best finding in the documents of their kind; condition items call the
condition table; an item is as good as its worst part; ``satisfied`` without evidence becomes
``needs_review``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from checklists.clause_items import Verdict, fold, judge_clauses, scope_documents
from checklists.conditions import CONDITIONS, CheckContext
from checklists.jurisdiction import detect_jurisdiction
from checklists.loader import load_rule_sets, rule_set_warnings
from checklists.matrix import build_matrix
from checklists.schema import Item, RuleSet
from checklists.settings import labels
from checklists.submission import Submission
from checklists.summary import summarize
from models.extraction import Extraction
from models.report import (
    GapItem,
    GapReport,
    ItemCitation,
    JurisdictionDetection,
    MatrixReport,
    RuleSetInfo,
    RuleSetResult,
)

CHECKER_VERSION = "checker.v1"

__all__ = ["CHECKER_VERSION", "check", "check_all", "check_submission", "detect_jurisdiction", "judge_item"]


def rule_set_info(rule_set: RuleSet, as_of: date) -> RuleSetInfo:
    """The rule set's identity and its legal standing on ``as_of``."""
    return RuleSetInfo(
        id=rule_set.id, version=rule_set.version, status=rule_set.status,
        warnings=rule_set_warnings(rule_set, as_of), name_zh=rule_set.name_zh, title=rule_set.title,
        document_number=rule_set.document_number, issuer=rule_set.issuer, source_file=rule_set.source_file,
    )


def judge_item(item: Item, ctx: CheckContext) -> GapItem:
    """One item: its clause keys and its conditions, folded; never satisfied without evidence."""
    parts: list[Verdict] = []
    if item.clause_keys:
        parts.append(judge_clauses(item, ctx.submission))
    for name in item.conditions:
        result = CONDITIONS[name](ctx, item)
        parts.append(Verdict(result.status, result.evidence, result.reason, result.details))
    verdict = fold(parts)
    if verdict.status == "satisfied" and not verdict.evidence:
        verdict = Verdict("needs_review", [], "未找到可核对的证据，请人工核对。", verdict.details)
    rule_set = ctx.rule_set
    return GapItem(
        id=item.id,
        requirement=item.requirement,
        citation=ItemCitation(file=item.citation.file, article=item.citation.article, quote=item.citation.quote,
                              title=rule_set.title, document_number=rule_set.document_number),
        severity=item.severity,
        applies_to=item.applies_to,
        basis=list(item.basis),
        status=verdict.status,
        evidence=verdict.evidence,
        reason="" if verdict.status == "satisfied" else verdict.reason,
        remedy=item.remedy,
        remedy_en=item.remedy_en,
        when=labels().when_zh((item.condition_params or {}).get("when")),
        searched=[e.file for e in scope_documents(ctx.submission, item.applies_to)],
        details=verdict.details,
    )


def _submission_warnings(submission: Submission) -> list[str]:
    out = []
    for e in submission.failed():
        message = e.error.message_zh if e.error is not None else ""
        out.append(f"文件 {e.file} 无法处理（{message}），其中的内容未参与检查，相关项目可能需人工核对。")
    for e in submission.readable:
        if e.kind is None:
            out.append(f"文件 {e.file} 的类型未能识别，仅作为“其他材料”参与检查。")
    return out


def _result(submission: Submission, rule_set: RuleSet, as_of: date) -> RuleSetResult:
    ctx = CheckContext(submission, rule_set, as_of)
    items = [judge_item(item, ctx) for item in rule_set.items]
    return RuleSetResult(jurisdiction=rule_set.id, rule_set=rule_set_info(rule_set, as_of), items=items,
                         summary=summarize(items), warnings=_submission_warnings(submission))


def check_submission(
    extractions: Iterable[Extraction],
    rule_set: RuleSet,
    as_of: date | None = None,
    *,
    name: str | None = None,
    detection: JurisdictionDetection | None = None,
) -> GapReport:
    """The gap report of one alliance's documents against ``rule_set`` on ``as_of`` (default today)."""
    as_of = as_of or date.today()
    submission = Submission(extractions, name)
    result = _result(submission, rule_set, as_of)
    return GapReport(
        **result.model_dump(), checker_version=CHECKER_VERSION, submission=submission.name,
        alliance_name=submission.alliance_name(), as_of=as_of, detection=detection,
        documents=list(submission.extractions),
    )


def check_all(
    extractions: Iterable[Extraction],
    rule_sets: Iterable[RuleSet] | None = None,
    as_of: date | None = None,
    *,
    name: str | None = None,
    detection: JurisdictionDetection | None = None,
) -> MatrixReport:
    """Every item of every rule set (default: all loaded) against the submission, plus the matrix."""
    as_of = as_of or date.today()
    submission = Submission(extractions, name)
    sets = list(rule_sets) if rule_sets is not None else list(load_rule_sets().values())
    results = [_result(submission, rs, as_of) for rs in sets]
    return MatrixReport(
        checker_version=CHECKER_VERSION, jurisdiction="all" if detection is None else "auto",
        submission=submission.name, alliance_name=submission.alliance_name(), as_of=as_of, detection=detection,
        documents=list(submission.extractions), results=results, matrix=build_matrix(results),
        warnings=_submission_warnings(submission),
    )


def check(
    extractions: Sequence[Extraction],
    jurisdiction: str = "auto",
    as_of: date | None = None,
    *,
    texts: Mapping[str, str] | None = None,
    rule_sets: Mapping[str, RuleSet] | None = None,
    name: str | None = None,
) -> GapReport | MatrixReport:
    """Check against a rule set id, ``all`` (the matrix) or ``auto``.

    ``auto`` detects the jurisdiction (``texts``: file → ``Document.text`` sharpens it); when the
    detection needs a choice, the result is a matrix over the candidates with ``detection.status ==
    "needs_choice"``, so the caller can ask which one applies.
    """
    sets = dict(rule_sets) if rule_sets is not None else load_rule_sets()
    if jurisdiction == "all":
        return check_all(extractions, sets.values(), as_of, name=name)
    if jurisdiction != "auto":
        if jurisdiction not in sets:
            raise KeyError(f"unknown jurisdiction {jurisdiction!r}; known: {', '.join(sorted(sets))}, auto, all")
        return check_submission(extractions, sets[jurisdiction], as_of, name=name)
    detection = detect_jurisdiction(extractions, texts, sets.values())
    if detection.status == "detected" and detection.id is not None:
        return check_submission(extractions, sets[detection.id], as_of, name=name, detection=detection)
    candidates = [sets[c.id] for c in detection.candidates if c.id in sets] or list(sets.values())
    return check_all(extractions, candidates, as_of, name=name, detection=detection)
