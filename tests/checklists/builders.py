"""Extraction objects built directly (no parsing), with invented organisation and person names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import count

from models.clauses import CLAUSE_KEYS
from models.extraction import ClauseFinding, ClauseStatus, Extraction, LeadUnit, License, Member, Signature
from models.span import Span

_offsets = count(0, 1000)


def span(quote: str, start: int | None = None, page: int = 1) -> Span:
    """A span holding ``quote`` (at a fresh offset unless given)."""
    begin = next(_offsets) if start is None else start
    return Span(page=page, start=begin, end=begin + len(quote), quote=quote)


def finding(key: str, status: str = "present", quote: str | None = None, confidence: float = 0.9,
            explanation: str = "") -> ClauseFinding:
    """One clause finding; present and weak ones carry a span."""
    evidence = [] if status == "absent" else [span(quote or f"关于{key}的约定条款")]
    return ClauseFinding(type=key, status=ClauseStatus(status), confidence=confidence, evidence=evidence,
                         explanation=explanation or f"{status}: test")


def clauses(present: Iterable[str] | None = None, weak: Iterable[str] = (), absent: Iterable[str] = (),
            weak_quote: str = "相关事项由成员另行约定") -> list[ClauseFinding]:
    """All 31 keys: ``weak`` and ``absent`` as named, the rest present (or only ``present`` when given)."""
    weak, absent = set(weak), set(absent)
    chosen = set(CLAUSE_KEYS) if present is None else set(present)
    out = []
    for key in CLAUSE_KEYS:
        if key in weak:
            out.append(finding(key, "weak", weak_quote))
        elif key in absent or key not in chosen:
            out.append(finding(key, "absent"))
        else:
            out.append(finding(key))
    return out


def member(name: str, type: str = "enterprise", role: str = "member", core: bool | None = None) -> Member:
    """A member with a span naming it."""
    return Member(name=name, type=type, role=role, core=core, evidence=[span(name)])


LEAD = "渭南秦岭示例新材料有限公司"
UNIVERSITY = "渭南示范理工大学"
INSTITUTE = "陕西示例材料研究院"


def members(n: int = 10, lead: str = LEAD, core: bool | None = None) -> list[Member]:
    """A lead enterprise, a university, an institute and enterprises up to ``n``."""
    out = [member(lead, role="lead", core=core), member(UNIVERSITY, "university", "vice", core),
           member(INSTITUTE, "institute", core=core)]
    out += [member(f"渭南示例第{i}号科技有限公司", core=core) for i in range(4, n + 1)]
    return out[:n]


def signatures(parties: Sequence[str], names: Sequence[str | None], role: str = "legal_rep") -> list[Signature]:
    """Signature slots, one per party."""
    return [Signature(party=p, signatory_role=role, signatory_name=n, signed=n is not None,
                      evidence=[span(p)]) for p, n in zip(parties, names, strict=True)]


def document(kind: str = "agreement", file: str | None = None, *, clause_findings: list[ClauseFinding] | None = None,
             member_list: list[Member] | None = None, core_member_count: int | None = None,
             total_member_count: int | None = None, alliance_name: str | None = "渭南市示例材料产业技术创新战略联盟",
             lead_address: str | None = "陕西省渭南市高新技术产业开发区示例路1号", lead_name: str | None = LEAD,
             signature_list: list[Signature] | None = None) -> Extraction:
    """An agreement / charter / application with every clause present unless ``clause_findings`` says otherwise."""
    return Extraction(
        file=file or f"{kind}.txt", kind=kind, pages=5,
        clauses=clauses() if clause_findings is None else clause_findings,
        members=members() if member_list is None else member_list,
        core_member_count=core_member_count, total_member_count=total_member_count,
        lead_unit=LeadUnit(name=lead_name, address=lead_address, evidence=[span(lead_address)] if lead_address else []),
        alliance_name=alliance_name, signatures=signature_list or [],
    )


def licence(name: str, file: str | None = None, *, legal_rep: str | None = "王示例",
            address: str | None = "陕西省渭南市高新技术产业开发区示例路1号", uscc: str | None = "91610500MA6YB2K792",
            uscc_valid: bool | None = True, valid_until: str | None = "长期", expired: bool | None = None,
            type: str = "营业执照") -> Extraction:
    """A licence document."""
    fields = {"name": name, "legal_rep": legal_rep, "address": address, "uscc": uscc, "valid_until": valid_until}
    evidence = {k: span(v) for k, v in fields.items() if v}
    lic = License(type=type, name=name, uscc=uscc, uscc_valid=uscc_valid, legal_rep=legal_rep, address=address,
                  valid_until=valid_until, expired=expired, evidence=evidence)
    return Extraction(file=file or f"licence-{name}.txt", kind="license", pages=1, clauses=clauses(present=()),
                      license=lic)


def other(file: str) -> Extraction:
    """A document of kind ``other``."""
    return Extraction(file=file, kind="other", pages=1, clauses=clauses(present=()))
