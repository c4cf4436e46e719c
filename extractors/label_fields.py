"""Labelled fields: ``label | value`` table cells and ``label：value`` lines (forms, licences)."""

import re
from dataclasses import dataclass

from extractors.member_tables import cell_grid, cell_text, header_word
from extractors.parties_config import longest_first
from models import Document

_LABEL_TAIL = "：:　 "


@dataclass
class FieldValue:
    """The value of a labelled field: ``label`` as listed, ``[start, end)`` in ``Document.text``."""

    label: str
    start: int
    end: int


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without surrounding spaces."""
    while start < end and text[start] in " 　\n":
        start += 1
    while end > start and text[end - 1] in " 　\n":
        end -= 1
    return start, end


def _label_of(cell: str, labels: list[str]) -> str | None:
    word = header_word(cell.strip(_LABEL_TAIL))
    return word if word in labels else None


def table_fields(doc: Document, labels: list[str]) -> list[FieldValue]:
    """``label | value`` pairs: a cell whose text is a label and the next cell to its right."""
    found = []
    for table in doc.tables:
        grid = cell_grid(table)
        for row in grid:
            for c, cell in enumerate(row[:-1]):
                label = _label_of(cell_text(doc, cell), labels)
                value = next((v for v in row[c + 1 :] if v is not None and v is not cell), None)
                if label and value is not None and cell_text(doc, value):
                    start, end = trim(doc.text, value.start, value.end)
                    found.append(FieldValue(label, start, end))
    return found


def line_fields(doc: Document, labels: list[str]) -> list[FieldValue]:
    """``label：value`` at the start of a line."""
    alternatives = "|".join(re.escape(w) for w in longest_first(labels))
    pattern = re.compile(f"^[　 ]*(?P<label>{alternatives})[　 ]*[：:][　 ]*(?P<value>[^\\n|]+)$", re.MULTILINE)
    found = []
    for match in pattern.finditer(doc.match_text):
        start, end = trim(doc.text, match.start("value"), match.end("value"))
        if end > start:
            found.append(FieldValue(match.group("label"), start, end))
    return found


def first_field(doc: Document, labels: list[str]) -> FieldValue | None:
    """The first field (in document order) carrying one of ``labels``, preferring earlier labels."""
    candidates = table_fields(doc, labels) + line_fields(doc, labels)
    if not candidates:
        return None
    rank = {label: i for i, label in enumerate(labels)}
    return min(candidates, key=lambda f: (rank[f.label], f.start))


def segmented_fields(doc: Document, wanted: dict[str, list[str]], others: list[str]) -> dict[str, FieldValue]:
    """The first value of each wanted field in running text, for documents that are all labels
    (licences): a label opens a line or is followed by a colon, and its value runs to the line's
    end or to the next label — so 名称X住所：Y read from a PDF still splits."""
    owner = {label: key for key, labels in wanted.items() for label in labels}
    alternatives = "|".join(re.escape(w) for w in longest_first([*owner, *others]))
    pattern = re.compile(f"(?P<label>{alternatives})(?P<sep>[：:　 ]*)")
    text = doc.match_text
    marks = []
    for match in pattern.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not text[line_start : match.start()].strip(" 　") or re.search("[：:]", match.group("sep")):
            marks.append(match)
    found: dict[str, FieldValue] = {}
    for i, match in enumerate(marks):
        key = owner.get(match.group("label"))
        if key is None or key in found:
            continue
        line_end = text.find("\n", match.end())
        stop = len(text) if line_end == -1 else line_end
        if i + 1 < len(marks):
            stop = min(stop, marks[i + 1].start())
        start, end = trim(doc.text, match.end(), stop)
        if end > start:
            found[key] = FieldValue(match.group("label"), start, end)
    return found
