"""The parties of an alliance: members with type, role and core flag, counts, the lead unit and its
address, the alliance's name.

Sources, merged in this order: member tables, run-in lists, the lead cell of a form; roles are then
read around the known names (X为理事长单位, 秘书处设在X…). The parties of the signature page join
the list last (they are members too, and sometimes the only full roll).
"""

import re
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from extractors.alliance_facts import alliance_name, lead_address, stated_count
from extractors.label_fields import first_field, trim
from extractors.member_mentions import names_near_roles
from extractors.member_roles import role_mentions
from extractors.member_tables import table_members
from extractors.member_text import contract_parties, run_in_members
from extractors.orgs import ends_like_org, name_key, org_type, same_org
from extractors.parties_config import MemberType, Role, parties_config
from extractors.sign_ocr import closest_name
from extractors.sign_slots import raw_slots
from extractors.sign_tables import strip_seal_remark
from models import Document
from models.extraction import LeadUnit, Member


class MembersResult(BaseModel):
    """What :func:`extract_members` finds."""

    members: list[Member] = Field(default_factory=list)
    core_member_count: int | None = None
    total_member_count: int | None = None
    lead_unit: LeadUnit | None = None
    alliance_name: str | None = None


@dataclass
class _Draft:
    start: int
    end: int
    type: MemberType | None = None
    core: bool | None = None
    roles: list[tuple[Role, tuple[int, int]]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)


class _Drafts:
    """Members found so far, merged by name (full and short forms, 有限公司 / 有限责任公司); the
    name first found (tables, then lists) is the one reported."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.items: list[tuple[str, _Draft]] = []

    def add(self, start: int, end: int, evidence: bool = True) -> _Draft:
        """The draft for the name at ``[start, end)``; ``evidence`` keeps the span as evidence when
        the name is already known."""
        start, end = trim(self.doc.text, start, end)
        written = self.doc.match_text[start:end]
        key = name_key(written)
        for other_key, draft in self.items:
            # the substring test first: same_org needs one key inside the other, and the C-level
            # ``in`` keeps a list of thousands of members from costing seconds
            if (key in other_key or other_key in key) and same_org(key, other_key):
                draft.variants.append(written)
                if evidence:
                    draft.spans.append((start, end))
                return draft
        draft = _Draft(start=start, end=end, spans=[(start, end)], variants=[written])
        self.items.append((key, draft))
        return draft

    def drafts(self) -> list[_Draft]:
        return [draft for _, draft in self.items]


def _collect(doc: Document, drafts: _Drafts) -> None:
    for row in table_members(doc):
        draft = drafts.add(row.start, row.end)
        draft.type = draft.type or row.type
        if row.role and row.role_cell:
            draft.roles.append((row.role, (row.role_cell.start, row.role_cell.end)))
        if row.core is not None and row.core_cell:
            draft.core = row.core
            draft.spans.append((row.core_cell.start, row.core_cell.end))
    tables = [(t.start, t.end) for t in doc.tables]
    for item in run_in_members(doc, tables):
        draft = drafts.add(item.start, item.end)
        if item.role and item.role_span:
            draft.roles.append((item.role, item.role_span))
        if item.core is not None:
            draft.core = item.core
    for label, start, end in contract_parties(doc.match_text):
        drafts.add(start, end).variants.append(label)
    lead = first_field(doc, parties_config().fields.lead)
    if lead and ends_like_org(doc.match_text[lead.start : lead.end]):
        drafts.add(lead.start, lead.end).roles.append(("lead", (lead.start, lead.end)))
    for start, end in names_near_roles(doc.match_text, tables):
        drafts.add(start, end, evidence=False)


def _signing_parties(doc: Document, drafts: _Drafts) -> None:
    """Parties named on the signature page are members too (a page may list the only full roll).
    A party read by OCR counts only when it reads as a unit and is no misreading of one known."""
    for slot in raw_slots(doc):
        if not slot.party:
            continue
        if slot.ocr:
            start, end = trim(doc.text, *slot.party)
            written = strip_seal_remark(doc.match_text[start:end].replace("\n", ""))
            known = [key for key, _ in drafts.items]
            key = name_key(written)
            if any(same_org(key, k) for k in known):
                pass
            elif not ends_like_org(written) or closest_name(written, known) or closest_name(slot.read_party, known):
                continue
        drafts.add(*slot.party, evidence=not drafts.items)


def _alias_sites(text: str) -> dict[int, str]:
    """Where a short-name definition starts (（以下简称“Y”）) → the short name Y."""
    pattern = re.compile(parties_config().roles.alias_pattern)
    return {m.start(): m.group("alias") for m in pattern.finditer(text)}


def _aliases(text: str, name: str, sites: dict[int, str]) -> list[str]:
    """Short names defined right after ``name``: X（以下简称“Y”）."""
    return [alias for at, alias in sites.items() if text.endswith(name, 0, at)]


def _attach_roles(doc: Document, drafts: list[_Draft]) -> None:
    names: list[str] = []
    owners: list[_Draft] = []
    sites = _alias_sites(doc.match_text)
    for draft in drafts:
        variants = list(draft.variants)
        variants += [a for v in variants for a in _aliases(doc.match_text, v, sites)]
        for variant in dict.fromkeys(variants):
            names.append(variant)
            owners.append(draft)
    for mention in role_mentions(doc.match_text, names, []):
        owners[mention.index].roles.append((mention.role, (mention.start, mention.end)))


def _role(draft: _Draft) -> tuple[Role, tuple[int, int] | None]:
    precedence = parties_config().roles.precedence
    if not draft.roles:
        return "member", None
    return min(draft.roles, key=lambda r: precedence.index(r[0]))


def _member(doc: Document, draft: _Draft, distinguishes_core: bool) -> Member:
    name = doc.text[draft.start : draft.end].replace("\n", "")
    role, role_span = _role(draft)
    spans = [*draft.spans, *([role_span] if role_span else [])]
    evidence = [doc.span(s, e) for s, e in dict.fromkeys(spans)]
    core = bool(draft.core) if distinguishes_core else None
    return Member(
        name=name,
        type=draft.type or org_type(doc.match_text[draft.start : draft.end]),
        role=role,
        core=core,
        evidence=evidence,
    )


def _lead_unit(doc: Document, members: list[Member], drafts: list[_Draft]) -> LeadUnit | None:
    for member, draft in zip(members, drafts, strict=True):
        if member.role == "lead":
            address = lead_address(doc, list(dict.fromkeys(draft.variants)))
            evidence = list(member.evidence)
            if address:
                evidence.append(doc.span(*address))
            text = doc.text[address[0] : address[1]] if address else None
            return LeadUnit(name=member.name, address=text, evidence=evidence)
    return None


def _core_count(doc: Document, members: list[Member]) -> int | None:
    if any(m.core for m in members):
        return sum(1 for m in members if m.core)
    stated = stated_count(doc, "core")
    if stated:
        return stated[0]
    return len(members) or None


def extract_members(doc: Document) -> MembersResult:
    """Members, counts, lead unit and alliance name of ``doc`` (empty for a licence)."""
    drafts = _Drafts(doc)
    _collect(doc, drafts)
    _signing_parties(doc, drafts)
    found = drafts.drafts()
    _attach_roles(doc, found)
    distinguishes_core = any(d.core is not None for d in found)
    members = [_member(doc, d, distinguishes_core) for d in found]
    total = stated_count(doc, "total")
    name = alliance_name(doc)
    return MembersResult(
        members=members,
        core_member_count=_core_count(doc, members),
        total_member_count=len(members) or (total[0] if total else None),
        lead_unit=_lead_unit(doc, members, found),
        alliance_name=name[0] if name else None,
    )
