"""required_materials: the submission holds the document a jurisdiction asks for."""

from __future__ import annotations

from checklists.conditions.base import CheckContext, ConditionResult, article, review
from checklists.schema import Item, RequiredMaterial
from checklists.settings import labels, matching
from checklists.submission import kind_of
from models.extraction import Extraction
from models.report import ItemEvidence, ItemStatus

_ORDER: dict[ItemStatus, int] = {"missing": 0, "weak": 1, "needs_review": 2, "not_applicable": 3, "satisfied": 4}


def accepted_kinds(material: RequiredMaterial) -> list[str]:
    """Document kinds that supply ``material``: the configured ones plus those its name mentions."""
    rules = matching().materials
    kinds = list(rules.kinds.get(material.kind, []))
    for word, kind in rules.name_words.items():
        if word in material.name_zh and kind not in kinds:
            kinds.append(kind)
    return kinds


def _by_file_name(docs: list[Extraction], kind: str) -> list[Extraction]:
    words = [w.lower() for w in matching().materials.file_keywords.get(kind, [])]
    return [e for e in docs if any(w in e.file.lower() for w in words)]


def _file_evidence(docs: list[Extraction], how: str) -> list[ItemEvidence]:
    return [ItemEvidence(file=e.file, label=f"已提交：{how}") for e in docs]


def _submitted(ctx: CheckContext) -> str:
    docs = ctx.submission.extractions
    if not docs:
        return "本次未提交任何文件"
    return "本次提交的文件：" + "、".join(f"{labels().kind(kind_of(e))} {e.file}" for e in docs)


def check_material(ctx: CheckContext, item: Item, material: RequiredMaterial) -> ConditionResult:
    """Is ``material`` in the submission? By extracted kind, then by file name among unclassified files."""
    sub = ctx.submission
    name = f"{material.name_zh}（{material.article}）"
    kinds = accepted_kinds(material)
    docs = sub.of_kind(*kinds) if kinds else []
    if docs:
        return ConditionResult("satisfied", _file_evidence(docs, labels().kind(kind_of(docs[0]))), "",
                               {"material": material.kind, "files": [e.file for e in docs]})
    unclassified = sub.of_kind("other")
    named = _by_file_name(unclassified, material.kind)
    if named:
        return ConditionResult("satisfied", _file_evidence(named, f"{labels().kind(material.kind)}（据文件名）"), "",
                               {"material": material.kind, "files": [e.file for e in named]})
    hosts = sub.of_kind(*matching().materials.may_be_inside.get(material.kind, []))
    if hosts:
        where = "、".join(f"{labels().kind(kind_of(e))} {e.file}" for e in hosts)
        return review(f"未单独提交{name}；{where} 中可能有相应栏目，请核对是否已填写完整并签章。",
                      _file_evidence(hosts, labels().kind(kind_of(hosts[0]))), material=material.kind)
    if unclassified or sub.failed():
        unclear = [e.file for e in unclassified] + [e.file for e in sub.failed()]
        return review(f"未识别出{name}；文件 {'、'.join(unclear)} 的类型无法判断或无法读取，请核对其中是否有该材料。",
                      material=material.kind)
    return ConditionResult("missing", [], f"未提交{name}。{_submitted(ctx)}。", {"material": material.kind})


def required_materials(ctx: CheckContext, item: Item) -> ConditionResult:
    """The material of ``condition_params.kind`` (or, without a kind, every required material)."""
    materials = ctx.rule_set.conditions.required_materials
    kind = (item.condition_params or {}).get("kind")
    chosen = [m for m in materials if m.kind == kind] if kind else list(materials)
    if not chosen:
        return review(f"办法未列出该项材料（{kind}），请人工核对{article(item)}。")
    results = [check_material(ctx, item, m) for m in chosen]
    worst = min(results, key=lambda r: _ORDER[r.status])
    if len(results) == 1:
        return worst
    evidence = [ev for r in results for ev in r.evidence]
    reason = "；".join(r.reason.rstrip("。") for r in results if r.reason)
    return ConditionResult(worst.status, evidence, reason + ("。" if reason else ""), {})
