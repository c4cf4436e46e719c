"""Attributes of a finding, read from its evidence: labels whose regex matches, and captured values."""

from typing import Any

from extractors.pattern_store import CompiledClause
from models import Document


def span_dict(doc: Document, start: int, end: int) -> dict[str, Any]:
    """A JSON-ready evidence reference (page, start, end, quote)."""
    return doc.span(start, end).model_dump()


def labels_in(clause: CompiledClause, name: str, text: str) -> list[str]:
    """The labels of attribute ``name`` whose regex matches ``text`` (Simplified)."""
    return [label for label, rx in clause.attributes.get(name, ()) if rx.search(text)]


def read_attributes(clause: CompiledClause, doc: Document, ranges: list[tuple[int, int]]) -> dict[str, Any]:
    """Every labelled attribute and capture of the clause, over the evidence ``ranges``."""
    texts = [(s, doc.match_text[s:e]) for s, e in ranges]
    out: dict[str, Any] = {}
    for name in clause.attributes:
        out[name] = list(dict.fromkeys(label for _, text in texts for label in labels_in(clause, name, text)))
    for name, rx in clause.captures.items():
        found = (doc.text[s + m.start() : s + m.end()] for s, text in texts for m in rx.finditer(text))
        out[name] = list(dict.fromkeys(found))
    return out
