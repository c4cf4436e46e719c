"""What the report page draws: each file's pages or text with the evidence of every item located on it.

A report's evidence points at ``[start, end)`` of a file's ``Document.text``. For documents with page
geometry (PDF with a text layer, OCR'd scans) each evidence becomes rectangles on page images, in
fractions of the page size (so the browser scales them with the image); for flowing formats (DOCX,
text) the text is cut into segments, each listing the evidence entries that cover it (no character
offsets reach the browser, whose strings count UTF-16 units, not code points).

Evidence is numbered in report order over all rule-set results (``ev`` = index), the same numbering
the item list uses, so a click on an item finds its highlights. An evidence entry whose quote does not
match the text at its offsets (a different parse) is not drawn, rather than drawn in the wrong place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from models.document import Document
from models.formats import Format
from models.report import GapItem, ItemEvidence

PAGED_FORMATS = frozenset({Format.PDF, Format.PNG, Format.JPEG, Format.TIFF, Format.BMP, Format.WEBP})
_RANK = {"missing": 0, "weak": 1, "needs_review": 2, "satisfied": 3, "not_applicable": 4}


@dataclass(frozen=True)
class Numbered:
    """One evidence entry of the report, with its running number and its item."""

    ev: int
    item: GapItem
    evidence: ItemEvidence


def number_evidence(items: Iterable[GapItem]) -> list[Numbered]:
    """Every evidence entry of ``items`` in report order, numbered from 0."""
    out: list[Numbered] = []
    for item in items:
        for evidence in item.evidence:
            out.append(Numbered(len(out), item, evidence))
    return out


def located_on(doc: Document, file: str, numbered: Sequence[Numbered]) -> list[Numbered]:
    """The evidence of ``file`` whose quote is ``doc.text`` at its offsets."""
    out = []
    for n in numbered:
        ev = n.evidence
        if ev.file != file or ev.start is None or ev.end is None:
            continue
        if 0 <= ev.start < ev.end <= len(doc.text) and doc.text[ev.start : ev.end] == ev.quote:
            out.append(n)
    return out


def is_paged(doc: Document) -> bool:
    """True when the file is shown as page images (PDF, scans, photos)."""
    return doc.format in PAGED_FORMATS


def page_boxes(doc: Document, marks: Sequence[Numbered]) -> list[dict[str, Any]]:
    """Highlight rectangles ``{ev, page, x, y, w, h}`` in fractions of the page size.

    From the document's lines (``Document.boxes_for``); where a span has no line geometry (a
    table cell, a page without a text layer), the boxes of the blocks it lies in.
    """
    sizes = {p.number: (p.width, p.height) for p in doc.pages}
    out: list[dict[str, Any]] = []
    for n in marks:
        start, end = n.evidence.start, n.evidence.end
        assert start is not None and end is not None
        boxes = doc.boxes_for(start, end)
        if not boxes:
            boxes = [(b.page, b.bbox) for b in doc.blocks_in(start, end) if b.bbox is not None]
        for page, (x0, top, x1, bottom) in boxes:
            width, height = sizes.get(page, (None, None))
            if not width or not height:
                continue
            out.append({"ev": n.ev, "page": page,
                        "x": round(x0 / width, 5), "y": round(top / height, 5),
                        "w": round(max(x1 - x0, 1.0) / width, 5), "h": round(max(bottom - top, 1.0) / height, 5)})
    return out


def text_segments(text: str, marks: Sequence[Numbered]) -> list[dict[str, Any]]:
    """``text`` cut at every evidence boundary: ``{t, ev: [...], st}`` (``st`` the worst status covering it)."""
    spans = [(n.evidence.start or 0, n.evidence.end or 0, n) for n in marks]
    bounds = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[dict[str, Any]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = [n for s, e, n in spans if s <= a and e >= b]
        segment: dict[str, Any] = {"t": text[a:b]}
        if covering:
            segment["ev"] = [n.ev for n in covering]
            segment["st"] = min((n.item.status for n in covering), key=lambda s: _RANK.get(s, 9))
        out.append(segment)
    return out


def page_list(doc: Document) -> list[dict[str, Any]]:
    """The pages of a paged document: number, size in points, how their text was read."""
    return [{"n": p.number, "w": p.width or 595.0, "h": p.height or 842.0, "status": str(p.status),
             "ocr": p.ocr} for p in doc.pages]


def file_view(doc: Document, file: str, numbered: Sequence[Numbered]) -> dict[str, Any]:
    """Everything the page needs to draw one file with its evidence."""
    marks = located_on(doc, file, numbered)
    view: dict[str, Any] = {"format": str(doc.format), "page_count": doc.page_count,
                            "located": [n.ev for n in marks]}
    if is_paged(doc) and doc.pages:
        view["mode"] = "pages"
        view["pages"] = page_list(doc)
        view["boxes"] = page_boxes(doc, marks)
    else:
        view["mode"] = "text"
        view["segments"] = text_segments(doc.text, marks)
    return view


def results_json(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The rule-set results of a report's JSON (the report itself, or a matrix's ``results``)."""
    return list(report["results"]) if "results" in report else [report]


def _file_key(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _match_file(label: str, files: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    for f in files:
        if f.get("name") == label:
            return f
    base = _file_key(label)
    for f in files:
        if _file_key(str(f.get("name", ""))) == base:
            return f
    return None


def _page_notes(doc: Document) -> dict[str, list[int]]:
    return {"ocr": [p.number for p in doc.pages if p.ocr],
            "needs_ocr": [p.number for p in doc.pages if p.status in ("needs_ocr", "failed") and not p.ocr]}


def build_view(report: dict[str, Any], files: Sequence[dict[str, Any]],
               documents: dict[str, dict[str, Any] | None]) -> dict[str, Any]:
    """The report page's data: the report, every evidence entry numbered and placed, each file's view.

    ``files`` are the submission's files as the service lists them (``id``, ``name``, ``format``,
    ``status``, ``error``); ``documents`` maps a file id to its ``Document`` JSON (None when the file
    has none: not parsed, or failed).
    """
    items = [GapItem.model_validate(i) for r in results_json(report) for i in r.get("items", [])]
    numbered = number_evidence(items)
    kinds = {str(e.get("file")): e.get("kind") for e in report.get("documents", [])}
    placed: dict[int, dict[str, Any]] = {}
    file_views: list[dict[str, Any]] = []
    labels_of: dict[str, list[str]] = {}
    for n in numbered:
        match = _match_file(n.evidence.file, files)
        if match is not None:
            labels_of.setdefault(str(match["id"]), [])
            if n.evidence.file not in labels_of[str(match["id"])]:
                labels_of[str(match["id"])].append(n.evidence.file)
    for f in files:
        fid = str(f["id"])
        entry: dict[str, Any] = {key: f.get(key) for key in ("id", "name", "format", "status", "error", "pages",
                                                             "ocr_pages")}
        label = next((lab for lab in kinds if _match_file(lab, [f]) is not None), None)
        entry["kind"] = kinds.get(label) if label else None
        raw = documents.get(fid)
        if raw is not None:
            doc = Document.model_validate(raw)
            views = [file_view(doc, lab, numbered) for lab in labels_of.get(fid, [str(f.get("name"))])]
            view = views[0]
            for extra in views[1:]:  # the same file cited under two labels: unlikely, but keep every mark
                view["located"] += extra["located"]
                view.get("boxes", []).extend(extra.get("boxes", []))
            entry["view"] = view
            entry["notes"] = _page_notes(doc)
            for ev in view["located"]:
                placed[ev] = {"file_id": fid}
        file_views.append(entry)
    evidence = []
    for n in numbered:
        match = _match_file(n.evidence.file, files)
        evidence.append({"ev": n.ev, "item": n.item.id, "file_id": str(match["id"]) if match else None,
                         "page": n.evidence.page, "located": n.ev in placed})
    return {"report": report, "evidence": evidence, "files": file_views, "basis_labels": basis_labels(items)}


def basis_labels(items: Iterable[GapItem]) -> dict[str, str]:
    """The Chinese name of every basis entry (clause key or ``condition:<name>``) of ``items``."""
    from checklists.settings import labels

    lab = labels()
    out: dict[str, str] = {}
    for item in items:
        for basis in item.basis:
            if basis.startswith("condition:"):
                out[basis] = lab.conditions.get(basis.split(":", 1)[1], basis)
            else:
                out[basis] = lab.clause(basis)
    return out
