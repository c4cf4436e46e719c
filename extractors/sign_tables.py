"""Signature tables: a header with the party column (单位名称（盖章）), the signatory column
(法定代表人或授权代表（签字）) and perhaps a date column; one slot per body row."""

import re
from dataclasses import dataclass, field

from extractors.cn_text import find_date, person_at
from extractors.member_tables import cell_grid, cell_text, header_word
from extractors.orgs import ends_like_org
from extractors.parties_config import signatures_config
from extractors.sign_ocr import damaged_marker, ocr_read, written
from models import Document, Table, TableCell

_IDEO_RE = re.compile(r"[\u3400-\u9fff]+")
_ORDINAL_RE = re.compile(r"\s*(\d{1,3})\s*")
_REMARK_RE = re.compile(r"[（(][^（）()]*[）)]")


@dataclass
class RawSlot:
    """A signature slot as written, before roles are decided.

    ``label`` is what names the party when no name is written (牵头单位, 甲方…); ``admits`` is what
    the signatory column or label asks for: a subset of {legal, authorized, generic}.
    """

    party: tuple[int, int] | None
    admits: frozenset[str]
    label: str = ""
    name: tuple[int, int] | None = None
    marker: str | None = None
    date: str | None = None
    sealed: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)
    ocr: bool = False  # read by OCR: names may be damaged (``sign_ocr``)
    written: bool = False  # something unreadable is written where the signatory signs
    read_party: str = ""  # on OCR pages: all the text of the party cell(s), pieces in any order
    ordinal: int | None = None  # the row's 序号, where its first column numbers the rows
    sign_text: str = ""  # on OCR pages: what was read in the signatory cell, when no name was


def strip_seal_remark(text: str) -> str:
    """A party cell without its seal remark: X（盖章） → X; X（北京）有限公司 stays whole."""
    cues = signatures_config().seal_label_cues + signatures_config().sign_cues
    return _REMARK_RE.sub(lambda m: "" if any(c in m.group(0) for c in cues) else m.group(0), text).strip()


def says_sealed(text: str) -> bool:
    """True when ``text`` says a seal was applied (已盖章…)."""
    return any(word in text for word in signatures_config().seal_done)


def admits(label: str) -> frozenset[str]:
    """What a signatory label admits: legal / authorized / generic (代表签字, 签字)."""
    config = signatures_config()
    kinds = set()
    rest = label
    for kind, words in (("legal", config.legal_words), ("authorized", config.authorized_words)):
        for word in sorted(words, key=len, reverse=True):
            if word in rest:
                kinds.add(kind)
                rest = rest.replace(word, "")
    if any(w in rest for w in config.generic_words) or not kinds:
        kinds.add("generic")
    return frozenset(kinds)


def name_and_marker(text: str, start: int, end: int) -> tuple[tuple[int, int] | None, str | None]:
    """The signatory name written in ``text[start:end]`` and its marker (authorized / legal)."""
    config = signatures_config()
    name = person_at(text, start, end, config.name_stops)
    if name is None:
        return None, None
    after = text[name[1] : end]
    for kind, markers in (("authorized", config.authorized_markers), ("legal", config.legal_markers)):
        if any(after.lstrip(" 　").startswith(f"（{m}）") or after.lstrip(" 　").startswith(f"({m})") for m in markers):
            return name, kind
    return name, None


Columns = tuple[int, list[tuple[int, frozenset[str]]], int | None]


def _columns(doc: Document, header: list[TableCell | None]) -> Columns | None:
    """Party column, signatory columns with what each admits, date column."""
    config = signatures_config()
    texts = [cell_text(doc, c) for c in header]
    heads = tuple(config.tables.party_headers)
    party = next((i for i, t in enumerate(texts) if header_word(t).endswith(heads)), None)
    if party is None:
        party = next((i for i, t in enumerate(texts) if any(q in t for q in config.seal_label_cues)), None)
    date = next((i for i, t in enumerate(texts) if header_word(t) in config.tables.date_headers), None)
    signs = [i for i, t in enumerate(texts) if i not in (party, date) and any(q in t for q in config.sign_cues)]
    if party is not None and not signs and (date is not None or any(q in texts[party] for q in config.seal_label_cues)):
        # 成员单位（印章） | 法定代表人／委托代理人 | 日期: a seal or date column makes a column headed
        # by a signatory role a signing column (a member list's 法定代表人 column has neither)
        roles = config.legal_words + config.authorized_words
        signs = [i for i, t in enumerate(texts) if i not in (party, date) and any(w in t for w in roles)]
    persons = [i for i in signs if admits(texts[i]) != {"generic"} or "签字" in texts[i] or "签名" in texts[i]]
    if party is None or not signs:
        return None
    return party, [(i, admits(texts[i])) for i in persons or signs], date


def _ocr_sign(doc: Document, slot: RawSlot, sign: TableCell) -> tuple[int, int] | None:
    """On an OCR page: a damaged authorized marker, and the name before it; or just the name."""
    config = signatures_config()
    text = doc.match_text[sign.start : sign.end]
    hit = damaged_marker(text, config.authorized_markers)
    end = sign.start + hit[0] if hit else sign.end
    name, marker = name_and_marker(doc.match_text, sign.start, end)
    if hit:
        slot.marker = "authorized"
    elif marker:
        slot.marker = marker
    cues = config.sign_cues + config.legal_words + config.authorized_words + config.generic_words
    slot.written = slot.written or hit is not None or written(text, cues)
    if name is None and not slot.sign_text:
        slot.sign_text = "".join(_IDEO_RE.findall(doc.match_text[sign.start : end]))
    return name


def _group_slot(doc: Document, rows: list[list[TableCell | None]], cols: Columns, wide: list[int]) -> RawSlot | None:
    """The slot of one body row (``rows``: the grid rows it spans; ``wide``: the columns under the
    party header): the first signatory column with a name decides what the slot admits."""
    party_col, sign_cols, date_col = cols
    row = rows[0]
    party = next((r[party_col] for r in rows if r[party_col] is not None and cell_text(doc, r[party_col])), None)
    first = row[0] if party_col != 0 else None
    number = _ORDINAL_RE.fullmatch(cell_text(doc, first)) if first is not None else None
    allowed = frozenset().union(*(kinds for _, kinds in sign_cols))
    if party is None:
        if first is None or number is None or not ocr_read(doc, first.start):
            return None
        # a scan row whose unit name OCR lost (a seal over it): the 序号 may still tell the unit
        slot = RawSlot(party=None, admits=allowed, spans=[(first.start, first.end)], ocr=True)
    else:
        ocr = ocr_read(doc, party.start)
        slot = RawSlot(party=(party.start, party.end), admits=allowed, spans=[(party.start, party.end)], ocr=ocr)
        if ocr:
            pieces = {id(c): c for r in rows for i in wide if (c := r[i]) is not None}
            slot.read_party = "".join(cell_text(doc, c) for c in sorted(pieces.values(), key=lambda c: (c.row, c.col)))
        elif not ends_like_org(strip_seal_remark(cell_text(doc, party))):
            return None
    slot.ordinal = int(number.group(1)) if number else None
    slot.sealed = says_sealed("".join(cell_text(doc, cell) for r in rows for cell in r))
    for col, kinds in sign_cols:
        for sign in {id(c): c for r in rows if (c := r[col]) is not None}.values():
            if slot.ocr:
                name = _ocr_sign(doc, slot, sign)
            else:
                name, slot.marker = name_and_marker(doc.match_text, sign.start, sign.end)
            if name or slot.written:
                slot.admits = kinds
                slot.spans.append((sign.start, sign.end))
            if name:
                slot.name = name
                break
        if slot.name:
            break
    date_cell = row[date_col] if date_col is not None else row[sign_cols[0][0]]
    if date_cell is not None:
        found = find_date(doc.match_text, date_cell.start, date_cell.end)
        slot.date = found[0] if found else None
        if date_col is not None:
            slot.spans.append((date_cell.start, date_cell.end))
    return slot


def _body_rows(grid: list[list[TableCell | None]]) -> list[list[list[TableCell | None]]]:
    """Grid rows grouped into table rows: rows whose first cell is one merged cell go together
    (on a scan, strokes across a row can split it into several grid rows)."""
    groups: list[list[list[TableCell | None]]] = []
    for row in grid:
        first = row[0] if row else None
        if groups and first is not None and first is groups[-1][0][0] and first.rowspan > 1:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _table_slots(doc: Document, table: Table) -> list[RawSlot]:
    grid = cell_grid(table)
    for r, header in enumerate(grid[:3]):
        cols = _columns(doc, header)
        if cols is None:
            continue
        wide = [i for i, cell in enumerate(header) if cell is not None and cell is header[cols[0]]] or [cols[0]]
        return [slot for rows in _body_rows(grid[r + 1 :]) if (slot := _group_slot(doc, rows, cols, wide))]
    return []


def is_signature_table(doc: Document, table: Table) -> bool:
    """Whether ``table`` is a signature table with at least two slots."""
    return len(_table_slots(doc, table)) >= 2


def signature_tables(doc: Document) -> list[tuple[Table, list[RawSlot]]]:
    """Each signature table of ``doc`` with its slots."""
    found = []
    for table in doc.tables:
        slots = _table_slots(doc, table)
        if slots:
            found.append((table, slots))
    return found
