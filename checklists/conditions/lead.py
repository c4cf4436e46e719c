"""lead_registered_in_jurisdiction: the lead unit is registered in the jurisdiction's region."""

from __future__ import annotations

from checklists.conditions.base import CheckContext, ConditionResult, article, review
from checklists.regions import place_address
from checklists.schema import Item


def lead_registered_in_jurisdiction(ctx: CheckContext, item: Item) -> ConditionResult:
    """The lead's address (its licence when the submission holds it, else the documents) lies in ``lead_region``."""
    conditions = ctx.rule_set.conditions
    region = (item.condition_params or {}).get("lead_region") or conditions.lead_region or ctx.rule_set.name_zh
    role = conditions.lead_role or "牵头单位"
    lead = ctx.submission.lead()
    who = f"{role}{lead.name or ''}"
    if lead.name is None and lead.address is None:
        return review(f"未能确定{role}及其注册地址，请人工核对其是否在{region}内注册{article(item)}。")
    if lead.address is None:
        return review(f"未找到{who}的注册地址（未附其营业执照或法人证书，文件中也未写明住所），"
                      f"请核对其是否在{region}内注册{article(item)}。", lead=lead.name)
    source = "其营业执照（法人证书）所载住所" if lead.address_source == "license" else "申报文件所载地址"
    details: dict[str, str | int | float | bool | list[str] | None] = {
        "lead": lead.name, "address": lead.address, "address_source": lead.address_source, "file": lead.file,
    }
    if lead.address_source == "license" and lead.document_address and lead.document_address != lead.address:
        details["document_address"] = lead.document_address
    verdict = place_address(lead.address, ctx.rule_set, region)
    evidence = list(lead.evidence)
    if verdict.placement == "inside":
        return ConditionResult("satisfied", evidence, "", details)
    if verdict.placement == "outside":
        reason = (f"{who}的住所为“{lead.address}”（依据：{source}），不在{region}内{article(item)}。")
        if lead.address_source == "document":
            reason += "未附该单位营业执照，住所以营业执照为准。"
        return ConditionResult("missing", evidence, reason, details)
    return ConditionResult("needs_review", evidence,
                           f"{who}的住所“{lead.address}”（依据：{source}）未写明省、市，无法判断是否在{region}内，"
                           f"请人工核对{article(item)}。", details)
