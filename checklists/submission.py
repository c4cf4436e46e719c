"""A submission: the extractions of the files one alliance files together, and helpers over them.

Documents are looked up by kind; members are merged across the agreement, charter and application
(names matched tolerantly, see ``names.py``); the lead unit and its address come from the documents
and, when the submission holds the lead's licence, from that licence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from checklists.names import normalize_org, same_org
from models.extraction import DocumentKind, Extraction, License, Member
from models.report import ItemEvidence

# Where members, counts and the lead are read from, most authoritative first.
PARTY_KINDS: tuple[DocumentKind, ...] = (DocumentKind.AGREEMENT, DocumentKind.CHARTER, DocumentKind.APPLICATION)


def kind_of(extraction: Extraction) -> str:
    """The document kind as a string (``other`` when the extractor could not tell)."""
    return extraction.kind.value if extraction.kind is not None else DocumentKind.OTHER.value


@dataclass
class MergedMember:
    """One organisation as it appears across the documents."""

    name: str
    type: str
    role: str
    core: bool | None
    sources: list[tuple[str, Member]] = field(default_factory=list)

    def evidence(self, label: str | None = None) -> list[ItemEvidence]:
        """The spans naming this member, one per file."""
        out: list[ItemEvidence] = []
        seen: set[str] = set()
        for file, member in self.sources:
            if member.evidence and file not in seen:
                seen.add(file)
                out.append(ItemEvidence.from_span(file, member.evidence[0], label or self.name))
        return out


@dataclass(frozen=True)
class LeadInfo:
    """The lead unit: its name, its address and where the address comes from."""

    name: str | None
    address: str | None
    address_source: Literal["license", "document"] | None
    file: str | None  # the file the address was read from
    evidence: tuple[ItemEvidence, ...] = ()
    document_address: str | None = None  # the address the documents state, kept when the licence differs
    document_file: str | None = None


@dataclass(frozen=True)
class LicenceRecord:
    """A licence in the submission."""

    file: str
    license: License
    extraction: Extraction


class Submission:
    """The extractions of one alliance's files, checked together."""

    def __init__(self, extractions: Iterable[Extraction], name: str | None = None) -> None:
        self.extractions: tuple[Extraction, ...] = tuple(extractions)
        self.readable: tuple[Extraction, ...] = tuple(e for e in self.extractions if e.error is None)
        self.name = name or self.alliance_name() or (self.extractions[0].file if self.extractions else "")
        self._members: list[MergedMember] | None = None

    # ---- documents ----------------------------------------------------------------------------
    def files(self) -> list[str]:
        """Every file of the submission, in order."""
        return [e.file for e in self.extractions]

    def of_kind(self, *kinds: str | DocumentKind) -> list[Extraction]:
        """The readable documents of these kinds (``other`` also matches documents of no kind)."""
        wanted = {k.value if isinstance(k, DocumentKind) else k for k in kinds}
        return [e for e in self.readable if kind_of(e) in wanted]

    def failed(self) -> list[Extraction]:
        """Documents the extractors could not process."""
        return [e for e in self.extractions if e.error is not None]

    def party_documents(self) -> list[Extraction]:
        """Agreement, charter and application documents, most authoritative first."""
        return [e for kind in PARTY_KINDS for e in self.of_kind(kind)]

    # ---- alliance -----------------------------------------------------------------------------
    def alliance_names(self) -> list[tuple[str, str]]:
        """``(file, name)`` for every document that states the alliance's name."""
        return [(e.file, e.alliance_name) for e in self.party_documents() if e.alliance_name]

    def alliance_name(self) -> str | None:
        """The alliance's name as the most authoritative document states it."""
        names = self.alliance_names()
        return names[0][1] if names else None

    # ---- members ------------------------------------------------------------------------------
    def members(self) -> list[MergedMember]:
        """Members across documents, merged by tolerant name matching (first document's wording kept)."""
        if self._members is None:
            self._members = self._merge_members()
        return list(self._members)

    def _merge_members(self) -> list[MergedMember]:
        merged: list[MergedMember] = []
        for extraction in self.party_documents():
            for member in extraction.members:
                found = next((m for m in merged if same_org(m.name, member.name)), None)
                if found is None:
                    merged.append(MergedMember(member.name, member.type, member.role, member.core,
                                               [(extraction.file, member)]))
                    continue
                found.sources.append((extraction.file, member))
                if found.type == "other" and member.type != "other":
                    found.type = member.type
                if member.role == "lead" and found.role != "lead":
                    found.role = "lead"
                if found.core is None:
                    found.core = member.core
        return merged

    # ---- licences -----------------------------------------------------------------------------
    def licences(self) -> list[LicenceRecord]:
        """Every readable licence of the submission."""
        return [LicenceRecord(e.file, e.license, e) for e in self.readable if e.license is not None]

    def licence_for(self, name: str | None) -> LicenceRecord | None:
        """The licence whose holder is ``name`` (tolerant matching), or None."""
        if not name:
            return None
        exact = [r for r in self.licences() if r.license.name and normalize_org(r.license.name) == normalize_org(name)]
        if exact:
            return exact[0]
        return next((r for r in self.licences() if same_org(r.license.name, name)), None)

    # ---- lead unit ----------------------------------------------------------------------------
    def lead_names(self) -> list[tuple[str, str]]:
        """``(file, name)`` of the lead unit as each document states it."""
        out: list[tuple[str, str]] = []
        for extraction in self.party_documents():
            if extraction.lead_unit is not None and extraction.lead_unit.name:
                out.append((extraction.file, extraction.lead_unit.name))
                continue
            lead = next((m for m in extraction.members if m.role == "lead"), None)
            if lead is not None:
                out.append((extraction.file, lead.name))
        return out

    def lead(self) -> LeadInfo:
        """The lead unit; its address from its licence when the submission holds it, else from the documents."""
        names = self.lead_names()
        name = names[0][1] if names else None
        doc_address, doc_file, doc_evidence = self._document_lead_address()
        record = self.licence_for(name)
        if record is not None and record.license.address:
            span = record.license.evidence.get("address")
            label = f"{record.license.type}·住所"
            evidence = (ItemEvidence.from_span(record.file, span, label) if span
                        else ItemEvidence(file=record.file, quote=record.license.address, label=label),)
            return LeadInfo(name, record.license.address, "license", record.file, evidence, doc_address, doc_file)
        if doc_address is not None:
            return LeadInfo(name, doc_address, "document", doc_file, doc_evidence, doc_address, doc_file)
        return LeadInfo(name, None, None, None)

    def _document_lead_address(self) -> tuple[str | None, str | None, tuple[ItemEvidence, ...]]:
        for extraction in self.party_documents():
            lead = extraction.lead_unit
            if lead is not None and lead.address:
                evidence = tuple(ItemEvidence.from_span(extraction.file, s, "牵头单位地址") for s in lead.evidence)
                if not evidence:
                    evidence = (ItemEvidence(file=extraction.file, quote=lead.address, label="牵头单位地址"),)
                return lead.address, extraction.file, evidence
        return None, None, ()

    def lead_member(self) -> MergedMember | None:
        """The merged member that is the lead unit."""
        names = self.lead_names()
        members = self.members()
        if names:
            found = next((m for m in members if same_org(m.name, names[0][1])), None)
            if found is not None:
                return found
        return next((m for m in members if m.role == "lead"), None)


def kinds_present(extractions: Sequence[Extraction]) -> list[str]:
    """The distinct kinds of readable documents, in order of appearance."""
    out: list[str] = []
    for e in extractions:
        if e.error is None and kind_of(e) not in out:
            out.append(kind_of(e))
    return out
