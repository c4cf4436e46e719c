"""Extractions built from the corpus gold labels (``../shared/corpus/gold``): what a perfect extractor
would produce. Spans are found by searching the exact quotes in the document's .txt (page 1)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from models.extraction import ClauseFinding, Extraction, LeadUnit, License, Member, Signature
from models.span import Span
from tests.corpus import read_source

CORPUS_AS_OF = date(2026, 11, 21)
# Documents of one alliance, filed together (corpus README, "Cross-document links").
SUBMISSIONS: dict[str, list[str]] = {
    "dev-001": ["dev-001", "dev-021"],
    "dev-005": ["dev-005", "dev-022"],
    "dev-006": ["dev-006", "dev-027"],
    "dev-007": ["dev-007", "dev-025", "dev-028"],
    "dev-009": ["dev-009", "dev-024"],
    "dev-013": ["dev-013", "dev-026"],
    "dev-015": ["dev-015", "dev-023"],
}
_LINKED = {d for docs in SUBMISSIONS.values() for d in docs}


def submission_groups(corpus: Path) -> dict[str, list[str]]:
    """Every corpus document in exactly one submission."""
    ids = sorted(p.name.removesuffix(".gold.json") for p in (corpus / "gold").glob("*.gold.json"))
    groups = dict(SUBMISSIONS)
    groups.update({i: [i] for i in ids if i not in _LINKED})
    return groups


def _span(text: str, quote: str | None, last: bool = False) -> list[Span]:
    if not quote:
        return []
    start = text.rfind(quote) if last else text.find(quote)
    return [Span(page=1, start=start, end=start + len(quote), quote=quote)] if start >= 0 else []


def _licence(gold: dict[str, Any], text: str) -> License:
    lic = gold["license"]
    until = lic.get("valid_until")
    expired = None if until is None else (False if until == "长期" else date.fromisoformat(until) < CORPUS_AS_OF)
    evidence = {k: s[0] for k in ("name", "uscc", "legal_rep", "address") if (s := _span(text, lic.get(k)))}
    return License(type=lic["type"], name=lic.get("name"), uscc=lic.get("uscc"), uscc_valid=lic.get("uscc_valid"),
                   legal_rep=lic.get("legal_rep"), address=lic.get("address"), established=lic.get("established"),
                   valid_until=until, expired=expired, evidence=evidence)


def gold_extraction(corpus: Path, doc_id: str) -> Extraction:
    """The Extraction a perfect extractor would return for ``doc_id``."""
    gold = json.loads((corpus / "gold" / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
    text = read_source(doc_id, corpus)
    clauses = []
    for key, value in gold["clauses"].items():
        spans = [s for q in value.get("quotes", []) for s in _span(text, q)]
        clauses.append(ClauseFinding(type=key, status=value["status"], confidence=0.9 if spans else 0.8,
                                     evidence=spans, explanation=value.get("why", "gold")))
    members = [Member(name=m["name"], type=m["type"], role=m["role"], evidence=_span(text, m["name"]))
               for m in gold["members"]]
    lead = next((m for m in gold["members"] if m["role"] == "lead"), None)
    lead_unit = None
    if lead is not None or gold["lead_unit_address"]:
        lead_unit = LeadUnit(name=lead["name"] if lead else None, address=gold["lead_unit_address"],
                             evidence=_span(text, gold["lead_unit_address"]))
    signatures = [Signature(party=s["party"], signatory_role=s["signatory_role"], signatory_name=s["signatory_name"],
                            signed=s["signed"], seal=s["seal"], date=s["date"], evidence=_span(text, s["party"], True))
                  for s in gold["signatures"]]
    return Extraction(
        file=f"{doc_id}.txt", kind=gold["kind"], pages=1, clauses=clauses, members=members,
        core_member_count=gold["core_member_count"], total_member_count=len(members) or None, lead_unit=lead_unit,
        alliance_name=gold["alliance_name"], signatures=signatures,
        license=_licence(gold, text) if gold["license"] else None,
    )


def gold_jurisdiction(corpus: Path, doc_id: str) -> str | None:
    gold = json.loads((corpus / "gold" / f"{doc_id}.gold.json").read_text(encoding="utf-8"))
    jurisdiction: str | None = gold["jurisdiction"]
    return jurisdiction
