"""One document in, one ``Extraction`` out: kind, 31 clauses, parties, signatures, licence."""

from datetime import date

from extractors.clauses import classify_kind, extract_clauses
from extractors.license import extract_license
from extractors.members import extract_members
from extractors.signatures import extract_signatures
from models import Document
from models.extraction import DocumentKind, Extraction

EXTRACTOR_VERSION = "extractors.v1"


def extract_document(doc: Document, file: str, as_of: date | None = None) -> Extraction:
    """Run every extractor over ``doc``; ``file`` is the path as the caller gave it."""
    as_of = as_of or date.today()
    kind = classify_kind(doc)
    license_ = extract_license(doc, as_of) if kind in (DocumentKind.LICENSE, DocumentKind.OTHER) else None
    is_party_document = kind in (DocumentKind.AGREEMENT, DocumentKind.CHARTER, DocumentKind.APPLICATION)
    parties = extract_members(doc) if is_party_document else None
    return Extraction(
        file=file,
        kind=kind,
        pages=doc.page_count,
        clauses=extract_clauses(doc),
        members=parties.members if parties else [],
        core_member_count=parties.core_member_count if parties else None,
        total_member_count=parties.total_member_count if parties else None,
        lead_unit=parties.lead_unit if parties else None,
        alliance_name=parties.alliance_name if parties else None,
        signatures=extract_signatures(doc, parties) if is_party_document else [],
        license=license_,
        warnings=list(doc.warnings),
        extractor_version=EXTRACTOR_VERSION,
    )
