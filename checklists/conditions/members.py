"""Member counts and composition: min_core_members, max_total_members, member_composition."""

from __future__ import annotations

from collections.abc import Sequence

from checklists.conditions.base import CheckContext, ConditionResult, Details, article, join_names, review
from checklists.names import is_branch, normalize_org
from checklists.regions import place_address
from checklists.schema import Item, MemberComposition
from checklists.settings import labels, matching
from checklists.submission import MergedMember, kind_of
from models.extraction import Extraction, Member
from models.report import ItemEvidence

_MAX_MEMBER_EVIDENCE = 20
_TYPE_ZH = {"enterprise": "企业", "university": "高校", "institute": "科研院所", "other": "其他组织"}


def _doc(e: Extraction) -> str:
    return f"{labels().kind(kind_of(e))}（{e.file}）"


def _count_evidence(e: Extraction, members: list[Member], label: str, count: int) -> list[ItemEvidence]:
    spans = [ItemEvidence.from_span(e.file, m.evidence[0], m.name) for m in members if m.evidence]
    if spans:
        return spans[:_MAX_MEMBER_EVIDENCE]
    return [ItemEvidence(file=e.file, label=f"{label} {count} 家（文件所载）")]


def _core_counts(ctx: CheckContext) -> list[tuple[Extraction, int, list[ItemEvidence]]]:
    """Per party document: the core-member count (all founding members where none are designated)."""
    out = []
    for e in ctx.submission.party_documents():
        designated = [m for m in e.members if m.core]
        counted = designated if any(m.core is not None for m in e.members) else list(e.members)
        count = e.core_member_count if e.core_member_count is not None else (len(counted) if e.members else None)
        if count is not None:
            out.append((e, count, _count_evidence(e, counted, "核心成员", count)))
    return out


def _total_counts(ctx: CheckContext) -> list[tuple[Extraction, int, list[ItemEvidence]]]:
    out = []
    for e in ctx.submission.party_documents():
        count = e.total_member_count if e.total_member_count is not None else (len(e.members) if e.members else None)
        if count is not None:
            out.append((e, count, _count_evidence(e, list(e.members), "成员", count)))
    return out


def _per_doc(counts: list[tuple[Extraction, int, list[ItemEvidence]]]) -> str:
    return "、".join(f"{_doc(e)} {n} 家" for e, n, _ in counts)


def min_core_members(ctx: CheckContext, item: Item) -> ConditionResult:
    """Core members (all founding members where none are designated) ≥ the rule set's minimum."""
    minimum = (item.condition_params or {}).get("min_core_members") or ctx.rule_set.conditions.min_core_members
    counts = _core_counts(ctx)
    if minimum is None:
        return review("办法未规定核心成员的最低数量，无法自动判断。")
    if not counts:
        return review("未能从协议、章程或申请表中读出核心成员名单或数量，请人工核对核心成员是否不少于"
                      f" {minimum} 家{article(item)}。", required=minimum)
    values = [n for _, n, _ in counts]
    evidence = [ev for _, _, evs in counts for ev in evs]
    details: Details = {"core_members": min(values), "required": minimum, "per_document": _per_doc(counts)}
    region = ctx.rule_set.name_zh
    if all(n >= minimum for n in values):
        return ConditionResult("satisfied", evidence, "", details)
    if all(n < minimum for n in values):
        where = "" if len(counts) == 1 else f"（{_per_doc(counts)}）"
        reason = f"核心成员 {min(values)} 家{where}，少于{region}要求的 {minimum} 家{article(item)}。"
        return ConditionResult("missing", evidence, reason, details)
    return ConditionResult("needs_review", evidence,
                           f"各文件所列核心成员数不一致：{_per_doc(counts)}；{region}要求不少于 {minimum} 家"
                           f"{article(item)}，请核对并统一各文件。", details)


def max_total_members(ctx: CheckContext, item: Item) -> ConditionResult:
    """All members ≤ the rule set's maximum (一般不超过 when the limit is soft)."""
    conditions = ctx.rule_set.conditions
    maximum = conditions.max_total_members
    counts = _total_counts(ctx)
    if maximum is None:
        return review("办法未规定成员总数上限，无法自动判断。")
    limit = f"“一般不超过 {maximum} 家”" if conditions.max_total_members_soft else f"不超过 {maximum} 家"
    if not counts:
        return review(f"未能读出成员名单或成员总数，请人工核对成员总数是否{limit}{article(item)}。", limit=maximum)
    values = [n for _, n, _ in counts]
    evidence = [ev for _, _, evs in counts for ev in evs]
    details: Details = {"total_members": max(values), "limit": maximum, "per_document": _per_doc(counts)}
    if all(n <= maximum for n in values):
        return ConditionResult("satisfied", evidence, "", details)
    if all(n > maximum for n in values):
        extra = "；确需超过的，请在申请中说明理由" if conditions.max_total_members_soft else ""
        return ConditionResult("missing", evidence,
                               f"成员共 {max(values)} 家，超过{ctx.rule_set.name_zh}{limit}的要求{article(item)}{extra}。",
                               details)
    return ConditionResult("needs_review", evidence,
                           f"各文件所列成员总数不一致：{_per_doc(counts)}；要求{limit}{article(item)}。", details)


def _type_zh(types: Sequence[str]) -> str:
    return "或".join(_TYPE_ZH.get(t, t) for t in types)


def _composition(ctx: CheckContext, item: Item, params: MemberComposition) -> ConditionResult:
    members = ctx.submission.members()
    if not members:
        return review("未能读出成员名单，无法核对成员构成，请人工核对。")
    problems: list[str] = []
    unsure: list[str] = []
    evidence: list[ItemEvidence] = []
    unknown = [m.name for m in members if m.type not in _TYPE_ZH or m.type == "other"]
    if len(members) < params.min_units:
        problems.append(f"成员仅 {len(members)} 家，少于 {params.min_units} 家")
    for group in params.required_types:
        found = [m for m in members if m.type in group]
        if found:
            evidence.extend(found[0].evidence(f"{_type_zh(group)}：{found[0].name}"))
        elif unknown:
            unsure.append(f"未识别出{_type_zh(group)}成员（{join_names(unknown)} 的类型无法判断）")
        else:
            problems.append(f"成员中没有{_type_zh(group)}")
    if params.lead_type:
        _check_lead_type(ctx, params.lead_type, problems, unsure, evidence)
    if params.independent_legal_persons:
        branches = [m.name for m in members if is_branch(m.name)]
        if branches:
            unsure.append(f"{join_names(branches)} 的名称显示为分支机构，可能不是独立法人")
    if params.enterprise_region:
        _check_enterprise_region(ctx, params.enterprise_region, members, problems, unsure, evidence)
    details: Details = {"members": len(members), "types": ", ".join(sorted({m.type for m in members}))}
    if problems:
        return ConditionResult("missing", evidence, "；".join(problems + unsure) + article(item) + "。", details)
    if unsure:
        return ConditionResult("needs_review", evidence, "；".join(unsure) + "，请人工核对" + article(item) + "。",
                               details)
    return ConditionResult("satisfied", evidence, "", details)


def _check_lead_type(ctx: CheckContext, lead_type: str, problems: list[str], unsure: list[str],
                     evidence: list[ItemEvidence]) -> None:
    lead = ctx.submission.lead_member()
    role = ctx.rule_set.conditions.lead_role or "牵头单位"
    if lead is None:
        unsure.append(f"未能确定{role}，无法核对其类型")
    elif lead.type == lead_type:
        evidence.extend(lead.evidence(f"{role}：{lead.name}"))
    elif lead.type == "other":
        unsure.append(f"{role}{lead.name}的类型无法判断（应为{_type_zh([lead_type])}）")
    else:
        problems.append(f"{role}{lead.name}为{_type_zh([lead.type])}，办法要求由{_type_zh([lead_type])}牵头")


def _check_enterprise_region(ctx: CheckContext, region: str, members: list[MergedMember], problems: list[str],
                             unsure: list[str], evidence: list[ItemEvidence]) -> None:
    enterprises = [m for m in members if m.type == "enterprise"]
    verdicts = []
    for m in enterprises:
        record = ctx.submission.licence_for(m.name)
        if record is not None and record.license.address:
            verdicts.append((m, place_address(record.license.address, ctx.rule_set, region).placement))
        elif any(normalize_org(m.name).startswith(n) for n in ctx.rule_set.region_names if len(n) >= 2):
            verdicts.append((m, "inside"))
        else:
            verdicts.append((m, "unknown"))
    inside = [m for m, v in verdicts if v == "inside"]
    if inside:
        evidence.extend(inside[0].evidence(f"{region}企业：{inside[0].name}"))
    elif enterprises and all(v == "outside" for _, v in verdicts):
        problems.append(f"企业成员均不在{region}内")
    else:
        unsure.append(f"无法确认企业成员中有{region}内的企业")


def _encouraged(ctx: CheckContext, item: Item, kinds: list[str]) -> ConditionResult:
    members = ctx.submission.members()
    if not members:
        return review("未能读出成员名单，无法核对。")
    keywords = matching().member_kinds
    found = [(kind, m) for kind in kinds for m in members
             if any(word in normalize_org(m.name) for word in keywords.get(kind, []))]
    if found:
        evidence = [ev for kind, m in found for ev in m.evidence(f"{kind}：{m.name}")]
        return ConditionResult("satisfied", evidence, "", {"found": [m.name for _, m in found]})
    return ConditionResult("missing", [], f"成员中未发现{'、'.join(kinds)}等单位（办法鼓励其加入，非强制）"
                           f"{article(item)}。", {})


def _lead_profile(ctx: CheckContext, item: Item, lead_type: str | None, region: str | None) -> ConditionResult:
    problems: list[str] = []
    unsure: list[str] = []
    evidence: list[ItemEvidence] = []
    if lead_type:
        _check_lead_type(ctx, lead_type, problems, unsure, evidence)
    if region:
        lead = ctx.submission.lead()
        placement = place_address(lead.address, ctx.rule_set, region).placement if lead.address else "unknown"
        if placement == "inside":
            evidence.extend(lead.evidence)
        elif placement == "outside":
            problems.append(f"牵头单位住所“{lead.address}”不在{region}内")
        else:
            unsure.append(f"无法确认牵头单位是否在{region}内")
    if problems:
        return ConditionResult("missing", evidence, "；".join(problems + unsure) + article(item) + "。")
    if unsure:
        return ConditionResult("needs_review", evidence, "；".join(unsure) + "，请人工核对" + article(item) + "。")
    return ConditionResult("satisfied", evidence)


def member_composition(ctx: CheckContext, item: Item) -> ConditionResult:
    """Member types cover every required group; lead type; legal persons; local enterprises.

    An item's ``condition_params`` narrow the check: ``encouraged_types`` (are such members present?),
    ``lead_type`` / ``lead_region`` (is the lead of that type, in that region?).
    """
    params = item.condition_params or {}
    if params.get("encouraged_types"):
        return _encouraged(ctx, item, list(params["encouraged_types"]))
    if params.get("lead_type") or params.get("lead_region"):
        return _lead_profile(ctx, item, params.get("lead_type"), params.get("lead_region"))
    composition = ctx.rule_set.conditions.member_composition
    if composition is None:
        return review("办法未规定成员构成，无法自动判断。")
    return _composition(ctx, item, composition)
