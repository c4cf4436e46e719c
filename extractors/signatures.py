"""Signature slots: one per party on the signature page (or in a form's signature cell).

``signatory_role`` follows what the slot says: a name marked （授权代表） / （委托代理人） is
``authorized_rep``; an unmarked name is the unit's ``legal_rep`` unless the column or label only
asks for a 代表 (代表签字: ``unspecified``); a blank slot is ``unspecified`` unless its column
admits only the legal representative (法定代表人（签字）: ``legal_rep``). ``seal`` is True
when the text says a seal was applied (已盖章) or, on a scan, a seal impression lies over the
slot; ``signed`` when a name is written or handwriting lies on the slot's row (``sign_marks``).
"""


from extractors.label_fields import trim
from extractors.legal_reps import legal_reps
from extractors.member_text import contract_parties
from extractors.members import MembersResult, extract_members
from extractors.orgs import ends_like_org, name_key, same_org
from extractors.parties_config import signatures_config
from extractors.sign_marks import slot_marks
from extractors.sign_ocr import closest_name, restore_person
from extractors.sign_slots import raw_slots
from extractors.sign_tables import RawSlot, strip_seal_remark
from models import Document, MarkKind
from models.chinese import to_simplified
from models.extraction import Signature


def signatory_role(slot: RawSlot) -> str:
    """legal_rep / authorized_rep / unspecified for one slot."""
    if slot.marker == "authorized":
        return "authorized_rep"
    if slot.marker == "legal":
        return "legal_rep"
    if slot.name is not None or slot.written:
        if slot.admits == {"generic"}:
            return "unspecified"
        return "authorized_rep" if slot.admits == {"authorized"} else "legal_rep"
    if slot.admits == {"legal"}:
        return "legal_rep"
    return "authorized_rep" if slot.admits == {"authorized"} else "unspecified"


def _named_party(doc: Document, label: str) -> str | None:
    """The name a contract label stands for elsewhere in the text (甲方：X)."""
    for found, start, end in contract_parties(doc.match_text):
        if found == label:
            return doc.text[start:end]
    return None


def _ocr_party(slot: RawSlot, written_name: str, members: MembersResult | None) -> str | None:
    """A party read by OCR: the member it is a misreading of; else as read, if it reads as a unit."""
    names = [m.name for m in members.members] if members else []
    key = name_key(to_simplified(written_name))
    same = [n for n in names if same_org(key, name_key(to_simplified(n)))]
    if same:
        return min(same, key=lambda n: abs(len(n) - len(written_name)))  # 中X中心 read for X中心: X
    for read in dict.fromkeys((written_name, slot.read_party)):
        found = closest_name(read, names) if read else None
        if found:
            return found
    return written_name if ends_like_org(written_name) else None


def _party(doc: Document, slot: RawSlot, members: MembersResult | None, lone: bool) -> str | None:
    """The slot's party: its name, the unit a contract label names, or the lead unit when the slot
    says 牵头单位 / 理事长单位 — or says nothing and is the document's only unnamed signature."""
    if slot.party:
        start, end = trim(doc.text, *slot.party)
        written_name = strip_seal_remark(doc.text[start:end].replace("\n", ""))
        return _ocr_party(slot, written_name, members) if slot.ocr else written_name
    config = signatures_config()
    label = next((w for w in config.contract_parties if w in slot.label), None)
    if label:
        return _named_party(doc, label)
    lead = members.lead_unit if members else None
    if lead and (slot.label or lone):
        return lead.name
    return None


def _signature(doc: Document, slot: RawSlot, party: str, reps: dict[str, str]) -> Signature:
    name = doc.text[slot.name[0] : slot.name[1]] if slot.name else None
    marks = slot_marks(doc, slot)
    if slot.ocr and any(m.kind == MarkKind.INK for m in marks):
        slot.written = True  # handwriting on the row: signed, by whom the column admits
    role = signatory_role(slot)
    known = reps.get(name_key(to_simplified(party)))
    if slot.ocr and role == "legal_rep":
        if known and restore_person(name or slot.sign_text or None, known) == known:
            name = known
    elif known and name == known and slot.marker is None:
        role = "legal_rep"  # signed under 授权代表 / 代表 by the unit's own legal representative
    return Signature(
        party=party,
        signatory_role=role,
        signatory_name=name,
        signed=name is not None or slot.written or any(m.kind == MarkKind.INK for m in marks),
        seal=slot.sealed or any(m.kind == MarkKind.SEAL for m in marks),
        marks=marks,
        date=slot.date,
        evidence=[doc.span(s, e) for s, e in dict.fromkeys(slot.spans)],
    )


def _merge(signatures: list[Signature]) -> list[Signature]:
    """One entry per party: a signed slot wins over a blank one for the same party."""
    kept: list[tuple[str, Signature]] = []
    for sig in signatures:
        key = name_key(to_simplified(sig.party))
        index = next((i for i, (k, _) in enumerate(kept) if same_org(k, key)), None)
        if index is None:
            kept.append((key, sig))
        elif sig.signed and not kept[index][1].signed:
            kept[index] = (key, sig)
    return [sig for _, sig in kept]


def extract_signatures(doc: Document, members: MembersResult | None = None) -> list[Signature]:
    """The signature slots of ``doc``, one per party, in document order."""
    slots = raw_slots(doc)
    # OCR'd names, and names signed under a column that does not say 法定代表人, are checked
    # against the units' legal representatives
    check_names = any(s.ocr or (s.name and s.admits != {"legal"}) for s in slots)
    if members is None and (check_names or any(s.party is None for s in slots)):
        members = extract_members(doc)
    lone = all(s.party is None for s in slots)
    names = [m.name for m in members.members] if members else []
    reps = legal_reps(doc, names) if check_names else {}
    parties = [_party(doc, slot, members, lone) for slot in slots]
    by_row = _parties_by_row(slots, parties, names)
    signatures = []
    for slot, party in zip(slots, parties, strict=True):
        party = party or by_row.get(slot.ordinal or 0)
        if party:
            signatures.append(_signature(doc, slot, party, reps))
    return _merge(signatures)


def _parties_by_row(slots: list[RawSlot], parties: list[str | None], members: list[str]) -> dict[int, str]:
    """序号 → member, for scan rows whose unit name was lost, when the table's readable rows list
    the members in the member list's order (``row_order_min_rows`` rows, ``row_order_min_share``)."""
    if not any(s.party is None and s.ordinal for s in slots):
        return {}
    config = signatures_config()
    numbered = [(s.ordinal, p) for s, p in zip(slots, parties, strict=True) if s.ordinal and p]
    keys = [name_key(to_simplified(m)) for m in members]
    agree = sum(1 for n, p in numbered if n <= len(keys) and same_org(keys[n - 1], name_key(to_simplified(p))))
    if len(numbered) < config.row_order_min_rows or agree < config.row_order_min_share * len(numbered):
        return {}
    taken = {name_key(to_simplified(p)) for _, p in numbered}
    return {n: members[n - 1] for n in range(1, len(members) + 1) if keys[n - 1] not in taken}
