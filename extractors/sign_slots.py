"""All signature slots of a document as written: signature tables, then run-in blocks and form
cells in the text between them (inside a signature part, plain labels such as 法定代表人： and
甲方： count too)."""

from extractors.sign_blocks import block_slots
from extractors.sign_tables import RawSlot, signature_tables
from models import Document


def signature_parts(doc: Document) -> list[tuple[int, int]]:
    """``[start, end)`` of the signature parts the outline found (签署页…)."""
    return sorted((n.start, n.end) for root in doc.outline for n in root.walk() if n.kind == "signature")


def _outside(doc: Document, tables: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of text between signature tables."""
    bounds = [0, *[x for start, end in sorted(tables) for x in (start, end)], len(doc.text)]
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2) if bounds[i] < bounds[i + 1]]


def raw_slots(doc: Document) -> list[RawSlot]:
    """Every slot, in document order of where it starts."""
    found = signature_tables(doc)
    slots = [slot for _, table_slots in found for slot in table_slots]
    parts = signature_parts(doc)
    for start, end in _outside(doc, [(table.start, table.end) for table, _ in found]):
        slots.extend(block_slots(doc, start, end, parts))
    return sorted(slots, key=lambda s: s.spans[0][0] if s.spans else 0)
