"""Seal impressions and handwriting found on scanned pages (``Document.marks``), related to slots.

A seal counts for a slot when it overlaps the slot's text (the party name, the signatory line) on
its page, grown by ``seal_reach`` points; handwriting when it lies on the height of the slot's
lines, to the right of where the slot's text starts, within ``ink_reach`` points above or below.
"""

from extractors.sign_tables import RawSlot
from models import Document, Mark, MarkKind

BBox = tuple[float, float, float, float]
_SEAL_REACH = 12.0  # points
_INK_REACH = 8.0


def _slot_boxes(doc: Document, slot: RawSlot) -> list[tuple[int, BBox]]:
    return [box for start, end in slot.spans for box in doc.boxes_for(start, end)]


def _overlaps(a: BBox, b: BBox, reach: float) -> bool:
    return a[0] - reach < b[2] and b[0] < a[2] + reach and a[1] - reach < b[3] and b[1] < a[3] + reach


def slot_marks(doc: Document, slot: RawSlot) -> list[Mark]:
    """The marks that belong to ``slot`` (seals over its text, ink on its row)."""
    if not doc.marks:
        return []
    boxes = _slot_boxes(doc, slot)
    found: list[Mark] = []
    for mark in doc.marks:
        on_page = [b for page, b in boxes if page == mark.page]
        if not on_page:
            continue
        if mark.kind == MarkKind.SEAL and any(_overlaps(b, mark.bbox, _SEAL_REACH) for b in on_page):
            found.append(mark)
        elif mark.kind == MarkKind.INK:
            top = min(b[1] for b in on_page) - _INK_REACH
            bottom = max(b[3] for b in on_page) + _INK_REACH
            left = min(b[0] for b in on_page)
            middle = (mark.bbox[1] + mark.bbox[3]) / 2
            if top <= middle <= bottom and mark.bbox[2] > left:
                found.append(mark)
    return found
