"""Run-in signature blocks and signature cells of forms, as slots.

The anchors of ``sign_anchors`` are read in document order. A party anchor opens a slot; a
signatory anchor fills the oldest slot still waiting for one, a date anchor the oldest slot still
waiting for a date; a date written right after a signatory's name belongs to it. A date that
fills the newest slot closes its block: a later signatory is not that slot's. A seal cue with
neither a name nor a label that stands for a unit (推荐单位意见 | （盖章）) is no party.
"""

from extractors.cn_text import find_date, line_bounds
from extractors.parties_config import signatures_config
from extractors.sign_anchors import Anchor, anchors
from extractors.sign_noisy import noisy_sign_anchors
from extractors.sign_tables import RawSlot, admits, name_and_marker, says_sealed
from models import Document


def _row_label(text: str, pos: int) -> str:
    line_start, line_end = line_bounds(text, pos)
    line = text[line_start:line_end]
    if not line.startswith("|"):
        return ""
    return line[1:].split("|", 1)[0].strip()


def _stand_in(text: str, anchor: Anchor) -> str:
    """The label that names the party when no name is written, or ''."""
    config = signatures_config()
    for label in (anchor.label, _row_label(text, anchor.start)):
        if any(word in label for word in config.lead_labels + config.contract_parties):
            return label
    return ""


def _fill_sign(text: str, slot: RawSlot, anchor: Anchor, next_start: int) -> None:
    line_end = min(line_bounds(text, anchor.end)[1], next_start)
    cell_end = text.find("|", anchor.end, line_end)
    stop = line_end if cell_end == -1 else cell_end
    slot.admits = admits(anchor.label)
    slot.name, slot.marker = name_and_marker(text, anchor.end, stop)
    slot.spans.append((anchor.start, slot.name[1] if slot.name else anchor.end))
    if slot.date is None:
        _take_date(text, slot, slot.name[1] if slot.name else anchor.end, stop)


def _take_date(text: str, slot: RawSlot, start: int, stop: int) -> bool:
    """Give ``slot`` the first date written in ``text[start:stop]``; False when there is none."""
    dated = find_date(text, start, stop)
    if dated:
        slot.date = dated[0]
        slot.spans.append((dated[1], dated[2]))
    return dated is not None


def _fill_date(text: str, slot: RawSlot, anchor: Anchor, next_start: int) -> None:
    line_end = min(line_bounds(text, anchor.end)[1], next_start)
    dated = find_date(text, anchor.end, line_end)
    slot.date = dated[0] if dated else None
    slot.spans.append((anchor.start, dated[2] if dated else anchor.end))


def _new_slot(text: str, anchor: Anchor) -> RawSlot | None:
    label = "" if anchor.value else _stand_in(text, anchor)
    if anchor.value is None and not label:
        return None
    end = anchor.value[1] if anchor.value else anchor.end
    return RawSlot(party=anchor.value, admits=frozenset({"generic"}), label=label, spans=[(anchor.start, end)])


def _orphan_slot(text: str, anchor: Anchor, slots: list[RawSlot], want_date: list[RawSlot]) -> RawSlot:
    """A slot for a signatory line that no party line precedes (party from its row label, or the lead)."""
    slot = RawSlot(party=None, admits=frozenset({"generic"}), label=_stand_in(text, anchor))
    slots.append(slot)
    want_date.append(slot)
    return slot


def _names_signed_slot(text: str, anchor: Anchor, signed_line: tuple[int, RawSlot] | None, next_start: int,
                      want_date: list[RawSlot]) -> bool:
    """A party written after the signatory on the same line names that signatory's slot when it had
    none (| 法定代表人签字 | 龙某　申请单位（盖章）　2025年7月3日 |); its date may follow."""
    if signed_line is None or signed_line[0] != line_bounds(text, anchor.start)[0]:
        return False
    slot = signed_line[1]
    named = _new_slot(text, anchor)
    if slot.party is not None or slot.label or named is None:
        return False
    slot.party, slot.label = named.party, named.label
    slot.spans.extend(named.spans)
    slot.sealed = slot.sealed or says_sealed(text[anchor.start : next_start])
    stop = min(line_bounds(text, anchor.end)[1], next_start)
    if slot.date is None and _take_date(text, slot, anchor.end, stop) and slot in want_date:
        want_date.remove(slot)
    return True


def block_slots(doc: Document, start: int, end: int, parts: list[tuple[int, int]]) -> list[RawSlot]:
    """Slots of the run-in blocks and form cells in ``text[start:end]`` (``parts``: signature parts).

    A party known only by a label (牵头单位（盖章）) counts when someone signs for it or when a
    signature part lists it; a bare 理事长单位（盖章） in a clause is no slot."""
    text = doc.match_text
    stream = anchors(text, start, end, parts)
    stream = sorted(stream + noisy_sign_anchors(doc, stream, end), key=lambda a: a.start)
    slots: list[RawSlot] = []
    want_sign: list[RawSlot] = []
    want_date: list[RawSlot] = []
    placed: list[RawSlot] = []  # slots someone signs, or that a signature part lists
    signed_line: tuple[int, RawSlot] | None = None  # line start of the last signatory and its slot
    for i, anchor in enumerate(stream):
        next_start = stream[i + 1].start if i + 1 < len(stream) else end
        sealed = says_sealed(text[anchor.start : next_start])
        if anchor.kind == "party":
            if _names_signed_slot(text, anchor, signed_line, next_start, want_date):
                continue
            slot = _new_slot(text, anchor)
            if slot:
                if anchor.in_part:
                    placed.append(slot)
                slot.sealed = sealed
                slots.append(slot)
                want_sign.append(slot)
                want_date.append(slot)
        elif anchor.kind == "sign":
            slot = want_sign.pop(0) if want_sign else _orphan_slot(text, anchor, slots, want_date)
            placed.append(slot)
            _fill_sign(text, slot, anchor, next_start)
            slot.sealed = slot.sealed or sealed
            if slot.date is not None and slot in want_date:
                want_date.remove(slot)
            signed_line = (line_bounds(text, anchor.start)[0], slot)
        elif anchor.kind == "date" and want_date:
            here = line_bounds(text, anchor.start)[0]
            on_sign_line = signed_line is not None and signed_line[0] == here and signed_line[1] in want_date
            slot = signed_line[1] if signed_line and on_sign_line else want_date[0]  # 代表（签字）：X　日期：Y
            want_date.remove(slot)
            _fill_date(text, slot, anchor, next_start)
            if slot in want_sign and slot is slots[-1]:
                want_sign.remove(slot)  # its block is closed: the next signatory is the next party's
    return [slot for slot in slots if slot.party or slot in placed]
