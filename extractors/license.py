"""Licence fields of 营业执照 / 事业单位法人证书 / 社会团体法人登记证书.

A document is a licence when one of the certificate titles stands alone on one of its first lines
and enough labelled fields follow. Labels and values may be separated by a colon, a space, an
ideographic space or nothing (名称白银…), or sit in ``label | value`` table cells.
"""

import re
from datetime import date

from extractors.cn_text import parse_date
from extractors.label_fields import FieldValue, segmented_fields, table_fields, trim
from extractors.parties_config import LicenseLabels, license_config
from extractors.uscc import uscc_valid
from models import Document
from models.extraction import License

_SPACE_RE = re.compile(r"[\s　]+")
_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]")
_TERM_SPLIT_RE = re.compile(r"至|到|—|－|~|～")


def certificate_type(doc: Document) -> tuple[str, int, int] | None:
    """``(type, start, end)`` of the certificate title among the first lines, or None."""
    config = license_config()
    pos = 0
    lines_seen = 0
    for line in doc.match_text.split("\n"):
        bare = _PAREN_RE.sub("", _SPACE_RE.sub("", line))
        if bare:
            lines_seen += 1
            for cert, titles in config.certificates.items():
                if bare in titles:
                    start, end = trim(doc.text, pos, pos + len(line))
                    return cert, start, end
        if lines_seen >= config.title_lines:
            break
        pos += len(line) + 1
    return None


def clean_uscc(value: str) -> str | None:
    """The 18-character code in ``value``: spaces dropped, unambiguous OCR slips mended."""
    fixes = license_config().ocr_fixes
    chars = [fixes.get(ch, ch) for ch in _SPACE_RE.sub("", value).upper()]
    code = re.match(r"[0-9A-Z]{18}", "".join(chars))
    return code.group(0) if code else None


def _valid_until(doc: Document, term: FieldValue) -> str | None:
    value = doc.match_text[term.start : term.end]
    parts = _TERM_SPLIT_RE.split(value)
    end_part = parts[-1] if len(parts) > 1 else value
    if any(word in end_part for word in license_config().perpetual):
        return "长期"
    return parse_date(end_part)


def _expired(valid_until: str | None, as_of: date) -> bool | None:
    if valid_until is None:
        return None
    if valid_until == "长期":
        return False
    return date.fromisoformat(valid_until) < as_of


def _fields(doc: Document) -> dict[str, FieldValue]:
    """Table cells first (label | value), then labelled running text."""
    config = license_config()
    wanted = {key: getattr(config.labels, key) for key in LicenseLabels.model_fields}
    found = segmented_fields(doc, wanted, config.other_labels)
    for key, labels in wanted.items():
        cells = table_fields(doc, labels)
        if cells:
            found[key] = cells[0]
    return found


def extract_license(doc: Document, as_of: date) -> License | None:
    """The licence fields of ``doc``, or None when ``doc`` is not a licence."""
    cert = certificate_type(doc)
    if cert is None:
        return None
    fields = _fields(doc)
    if len(fields) < license_config().min_fields:
        return None

    def text(key: str) -> str | None:
        field = fields.get(key)
        return doc.text[field.start : field.end] if field else None

    uscc = clean_uscc(text("uscc") or "")
    valid_until = _valid_until(doc, fields["term"]) if "term" in fields else None
    established = fields.get("established")
    evidence = {key: doc.span(f.start, f.end) for key, f in fields.items()}
    evidence["type"] = doc.span(cert[1], cert[2])
    if "term" in evidence:
        evidence["valid_until"] = evidence.pop("term")
    return License(
        type=cert[0],
        name=text("name"),
        uscc=uscc,
        uscc_valid=uscc_valid(uscc) if uscc else None,
        legal_rep=text("legal_rep"),
        address=text("address"),
        established=parse_date(doc.match_text[established.start : established.end]) if established else None,
        valid_until=valid_until,
        expired=_expired(valid_until, as_of),
        evidence=evidence,
    )
