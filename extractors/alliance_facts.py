"""Facts about the alliance around its members: its name, the lead unit's address, stated counts."""

import re
from functools import cache

from extractors.cn_text import cn_number
from extractors.label_fields import FieldValue, first_field, table_fields, trim
from extractors.orgs import cut_at_label
from extractors.parties_config import alternation, longest_first, parties_config
from models import Document

_NUMBER_RE = re.compile(r"[0-9]+|[一二三四五六七八九十两]+")


@cache
def _address_re() -> re.Pattern[str]:
    labels = alternation(parties_config().lead_address.labels)
    return re.compile(f"(?P<label>{labels})(?:(?:为|是)[：:]?|[：:])(?P<value>[^。；;，,（）()\\n|]+)")


def alliance_name(doc: Document) -> tuple[str, int, int] | None:
    """The alliance's name ``(name, start, end)`` from a 联盟名称 field or clause, else the title."""
    config = parties_config()
    field = first_field(doc, config.fields.alliance_name)
    if field:
        return doc.text[field.start : field.end], field.start, field.end
    for pattern in config.alliance_name.patterns:
        found = re.search(pattern, doc.match_text)
        if found:
            start, end = found.span("name")
            return doc.text[start:end], start, end
    return _title_name(doc)


def _title_name(doc: Document) -> tuple[str, int, int] | None:
    """The title up to its last 联盟, without an opening such as 关于组建."""
    config = parties_config().alliance_name
    titles = [b for b in doc.blocks if b.kind == "title"]
    if not titles:
        return None
    start, end = trim(doc.text, titles[0].start, titles[0].end)
    title = doc.match_text[start:end]
    prefix = next((p for p in longest_first(config.title_prefixes) if title.startswith(p)), "")
    last = title.rfind(config.title_must_end_with)
    if last <= len(prefix):
        return None
    end = start + last + len(config.title_must_end_with)
    start += len(prefix)
    return doc.text[start:end], start, end


def _looks_like_address(value: str) -> bool:
    markers = parties_config().lead_address.markers
    return sum(1 for m in markers if m in value) >= 2


def _near_lead(text: str, label_start: int, value_end: int, lead_names: list[str]) -> bool:
    """The lead's name stands shortly before the label on its line, or on the line above when the
    label opens its own line (甲方：X／住所：Y), or right after the address in its sentence
    (联盟办公地址：Y，即牵头单位X所在地 / 常设地址：Y（X内）)."""
    window = parties_config().lead_address.window
    after = re.match(r"[^。；;\n]{0,40}", text[value_end:])
    if after and any(name in after.group(0) for name in lead_names):
        return True
    line_start = text.rfind("\n", 0, label_start) + 1
    if not text[line_start:label_start].strip(" 　"):
        line_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
    before = text[max(line_start, label_start - window) : label_start]
    for word, role in parties_config().roles.words.items():
        if role != "lead":
            before = before.replace(word, "")  # 副理事长单位 holds 理事长单位
    return any(name in before for name in lead_names)


def _form_addresses(doc: Document, lead_names: list[str]) -> list[FieldValue]:
    """Address cells of a form that also names the lead (牵头单位 | X … 单位地址 | Y)."""
    config = parties_config().fields
    leads = [f for f in table_fields(doc, config.lead) if doc.match_text[f.start : f.end] in lead_names]
    if not leads:
        return []
    return [f for f in table_fields(doc, config.address) if _looks_like_address(doc.match_text[f.start : f.end])]


def lead_address(doc: Document, lead_names: list[str]) -> tuple[int, int] | None:
    """``[start, end)`` of the lead unit's address: a label right after the lead's name (or after
    理事长单位 / 牵头单位), or a form cell."""
    text = doc.match_text
    roles = parties_config().roles.words
    lead_names = lead_names + [word for word, role in roles.items() if role == "lead"]
    for found in _address_re().finditer(text):
        value_start, value_end = found.span("value")
        start, end = trim(doc.text, value_start, cut_at_label(text, value_start, value_end))
        if _looks_like_address(text[start:end]) and _near_lead(text, found.start(), value_end, lead_names):
            return start, end
    forms = _form_addresses(doc, lead_names)
    return (forms[0].start, forms[0].end) if forms else None


def _first_number(value: str) -> int | None:
    found = _NUMBER_RE.search(value)
    return cn_number(found.group(0)) if found else None


def stated_count(doc: Document, which: str) -> tuple[int, int, int] | None:
    """A count the document states, ``(n, start, end)``: ``which`` is ``core`` or ``total``."""
    config = parties_config()
    labels = config.fields.core_count if which == "core" else config.fields.total_count
    field = first_field(doc, labels)
    if field:
        n = _first_number(doc.match_text[field.start : field.end])
        if n is not None:
            return n, field.start, field.end
    patterns = config.counts.core if which == "core" else config.counts.total
    for pattern in patterns:
        found = re.search(pattern, doc.match_text)
        n = cn_number(found.group("n")) if found else None
        if found and n is not None:
            return n, found.start(), found.end()
    return None
