"""Licence checks: license_for_every_member, legal_rep_matches_license, license_valid."""

from __future__ import annotations

from datetime import date

from checklists.conditions.base import CheckContext, ConditionResult, article, join_names, review
from checklists.names import same_person
from checklists.schema import Item
from checklists.submission import LicenceRecord
from models.report import ItemEvidence


def _no_licences(item: Item, what: str) -> ConditionResult:
    """Without licences a conditional item (when licences are part of the submission) cannot arise."""
    if item.severity == "conditional":
        return ConditionResult("not_applicable", [], "申报材料未附营业执照或法人证书，本项不适用。")
    return ConditionResult("missing", [], f"未附营业执照或法人证书，无法确认{what}{article(item)}。")


def _field(record: LicenceRecord, key: str, label: str) -> list[ItemEvidence]:
    span = record.license.evidence.get(key)
    return [ItemEvidence.from_span(record.file, span, label)] if span is not None else []


def license_for_every_member(ctx: CheckContext, item: Item) -> ConditionResult:
    """Every member (merged across documents) has a licence in the submission (tolerant name match)."""
    sub = ctx.submission
    members = sub.members()
    if not members:
        return review("未能读出成员名单，无法核对是否附齐全部成员的证照，请人工核对。")
    licences = sub.licences()
    if not licences:
        return ConditionResult("missing", [], f"未附任何成员单位的营业执照或法人证书（应为全部 {len(members)} 家成员提供）"
                               f"{article(item)}。", {"members": len(members), "licences": 0})
    covered = [(m, sub.licence_for(m.name)) for m in members]
    lacking = [m.name for m, rec in covered if rec is None]
    evidence = [ev for _, rec in covered if rec is not None for ev in _field(rec, "name", f"证照：{rec.license.name}")]
    details: dict[str, str | int | float | bool | list[str] | None] = {
        "members": len(members), "licences": len(members) - len(lacking), "lacking": lacking,
    }
    if lacking:
        return ConditionResult("missing", evidence,
                               f"缺少以下成员单位的营业执照或法人证书：{join_names(lacking)}"
                               f"（已附 {len(members) - len(lacking)}/{len(members)} 家）{article(item)}。", details)
    if (item.condition_params or {}).get("sealed_copy"):
        return ConditionResult("needs_review", evidence,
                               f"已附全部 {len(members)} 家成员单位的证照；复印件是否加盖本单位公章无法自动核对，"
                               f"请人工确认{article(item)}。", details)
    return ConditionResult("satisfied", evidence, "", details)


def legal_rep_matches_license(ctx: CheckContext, item: Item) -> ConditionResult:
    """Each signatory named for a member equals the 法定代表人 on that member's licence."""
    sub = ctx.submission
    if not sub.licences():
        return _no_licences(item, "签署人是否为法定代表人")
    mismatched: list[str] = []
    unsure: list[str] = []
    unchecked: list[str] = []
    evidence: list[ItemEvidence] = []
    compared = 0
    for doc in sub.party_documents():
        for sig in doc.signatures:
            record = sub.licence_for(sig.party)
            if record is None or not record.license.legal_rep:
                unchecked.append(sig.party)
                continue
            rep = record.license.legal_rep
            sig_ev = [ItemEvidence.from_span(doc.file, s, f"签署：{sig.party}") for s in sig.evidence[:1]]
            if not sig.signatory_name:
                unsure.append(f"{sig.party}的签字栏未填写签字人")
                continue
            compared += 1
            if same_person(sig.signatory_name, rep):
                evidence.extend(sig_ev + _field(record, "legal_rep", f"证照法定代表人：{rep}"))
            elif sig.signatory_role == "legal_rep":
                mismatched.append(f"{sig.party}的签署人为{sig.signatory_name}，与其证照上的法定代表人{rep}不一致")
                evidence.extend(sig_ev + _field(record, "legal_rep", f"证照法定代表人：{rep}"))
            else:
                who = "授权代表" if sig.signatory_role == "authorized_rep" else "签字人"
                unsure.append(f"{sig.party}由{who}{sig.signatory_name}签署（证照法定代表人为{rep}），需附授权委托书")
    details: dict[str, str | int | float | bool | list[str] | None] = {"compared": compared, "unchecked": unchecked}
    if mismatched:
        return ConditionResult("missing", evidence, "；".join(mismatched + unsure) + article(item) + "。", details)
    if unsure:
        return ConditionResult("needs_review", evidence, "；".join(unsure) + "，请人工核对" + article(item) + "。", details)
    if compared == 0:
        return review("签署页上的单位与所附证照对不上，或未填写签字人，无法核对签署人是否为法定代表人，请人工核对"
                      f"{article(item)}。", evidence, compared=0, unchecked=unchecked)
    return ConditionResult("satisfied", evidence, "", details)


def _licence_problems(record: LicenceRecord, as_of: date) -> tuple[list[str], list[str]]:
    lic = record.license
    holder = lic.name or record.file
    problems: list[str] = []
    unsure: list[str] = []
    if lic.uscc is None:
        unsure.append(f"未读出{holder}的统一社会信用代码")
    elif lic.uscc_valid is False:
        problems.append(f"{holder}的统一社会信用代码 {lic.uscc} 校验位不正确，请核对是否抄录有误")
    elif lic.uscc_valid is None:
        unsure.append(f"{holder}的统一社会信用代码未经校验")
    expired = lic.expired
    if lic.valid_until == "长期":
        expired = False
    elif lic.valid_until:
        try:
            expired = date.fromisoformat(lic.valid_until) < as_of
        except ValueError:
            pass
    if expired:
        problems.append(f"{holder}的证照有效期至 {lic.valid_until}，截至 {as_of.isoformat()} 已过期")
    elif expired is None:
        unsure.append(f"未读出{holder}证照的有效期（营业期限）")
    return problems, unsure


def license_valid(ctx: CheckContext, item: Item) -> ConditionResult:
    """Licences in ``scope`` (lead | all_members) carry a valid credit code and are within their term."""
    sub = ctx.submission
    scope = (item.condition_params or {}).get("scope", "all_members")
    if not sub.licences():
        return _no_licences(item, "证照有效")
    records = sub.licences()
    if scope == "lead":
        lead = sub.lead()
        record = sub.licence_for(lead.name)
        if record is None and item.severity == "conditional":
            return ConditionResult("not_applicable", [], f"申报材料未附牵头单位{lead.name or ''}的证照，本项不适用。")
        if record is None:
            return ConditionResult("missing", [], f"未附牵头单位{lead.name or ''}的营业执照或法人证书，无法确认其证照有效"
                                   f"{article(item)}。")
        records = [record]
    problems: list[str] = []
    unsure: list[str] = []
    evidence: list[ItemEvidence] = []
    for record in records:
        p, u = _licence_problems(record, ctx.as_of)
        problems += p
        unsure += u
        evidence += _field(record, "uscc", "统一社会信用代码") + _field(record, "valid_until", "有效期")
    details: dict[str, str | int | float | bool | list[str] | None] = {
        "licences": len(records), "as_of": ctx.as_of.isoformat(),
    }
    if problems:
        return ConditionResult("missing", evidence, "；".join(problems + unsure) + article(item) + "。", details)
    if unsure:
        return ConditionResult("needs_review", evidence, "；".join(unsure) + "，请人工核对" + article(item) + "。", details)
    return ConditionResult("satisfied", evidence, "", details)
