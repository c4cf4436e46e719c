"""Evidence spans of a report marked up in a document's text (HTML), by offsets into ``Document.text``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from models.report import GapItem, ItemEvidence

_RANK = {"missing": 0, "weak": 1, "needs_review": 2, "satisfied": 3, "not_applicable": 4}


@dataclass(frozen=True)
class Mark:
    """One evidence span to highlight."""

    anchor: str  # element id, target of the item list's links
    start: int
    end: int
    item_id: str
    status: str


def anchor_for(n: int) -> str:
    """The element id of the ``n``-th evidence entry of a report."""
    return f"ev-{n}"


def number_evidence(items: Sequence[GapItem]) -> list[tuple[GapItem, ItemEvidence, str]]:
    """Every evidence entry of ``items`` with its anchor id, in report order."""
    out: list[tuple[GapItem, ItemEvidence, str]] = []
    for item in items:
        for ev in item.evidence:
            out.append((item, ev, anchor_for(len(out))))
    return out


def marks_for(file: str, text: str, numbered: Sequence[tuple[GapItem, ItemEvidence, str]]) -> list[Mark]:
    """The located evidence of ``file`` whose quote matches ``text`` at its offsets (others are not marked)."""
    out = []
    for item, ev, anchor in numbered:
        if ev.file != file or ev.start is None or ev.end is None:
            continue
        if 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.quote:
            out.append(Mark(anchor, ev.start, ev.end, item.id, item.status))
    return out


def highlighted(text: str, marks: Sequence[Mark]) -> str:
    """``text`` as escaped HTML with every mark wrapped in ``<mark>`` (overlaps merged) and anchored."""
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    parts: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        parts += [f'<span class="anchor" id="{m.anchor}"></span>' for m in starts.get(a, [])]
        chunk = escape(text[a:b])
        covering = [m for m in marks if m.start <= a and m.end >= b]
        if covering:
            worst = min(covering, key=lambda m: _RANK.get(m.status, 9)).status
            ids = escape(" ".join(sorted({m.item_id for m in covering})), quote=True)
            parts.append(f'<mark class="st-{worst}" title="{ids}">{chunk}</mark>')
        else:
            parts.append(chunk)
    return "".join(parts)
