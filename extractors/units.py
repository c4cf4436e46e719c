"""Cut a ``Document`` into article-level units: the pieces clauses are judged and quoted on.

A unit is an article (第X条, or an item such as （一） at article level) with its sub-items, a
paragraph outside any article, or the value cell of a label | value form row. Its ``start`` is
where the quotable text begins: after the article number and its title (第X条　【标题】,
第X条（标题）, （一）标题。), so evidence never carries the number. Tables are cut out of articles; header
tables (member lists, task tables, signature tables) are read by their own handlers.
"""

import re
from dataclasses import dataclass, field

from extractors.sign_tables import is_signature_table
from models import BlockKind, Document, OutlineNode, Table

_SKIP_BLOCKS = (BlockKind.TABLE, BlockKind.TABLE_CELL, BlockKind.HEADER, BlockKind.FOOTER)
_SEPARATOR = re.compile(r"[\s\u3000、：:.．]*")
_AFTER_TITLE = re.compile(r"[】\]）]?[\s\u3000。．.：:]*")
_TITLE_OPENERS = "【（"  # 第X条　【标题】 / 第X条（标题）
_DECIMAL_LABEL = re.compile(r"(\d{1,2}(?:[.．]\d{1,2})+)[\s\u3000]*")
_SECTION_LINE = re.compile(r"^(?:第[一二三四五六七八九十百\d]+(?:部分|编|篇)|[一二三四五六七八九十]+[、．.])?[\s\u3000]*[^。；;，,：:]{2,20}$")
_NOTE_LINE = re.compile(r"^[（(].*[）)]$")  # （本页无正文）: a note, not a section title
_HEADER_WORDS = re.compile(r"序号|名称|单位|姓名|职务|类型|性质|类别|任务|签字|签章|盖章|日期")


@dataclass(frozen=True)
class Unit:
    """A quotable stretch of the document with the titles that frame it."""

    start: int
    end: int
    kind: str  # article | paragraph | cell | signature
    title: str = ""  # the unit's own title (article title, form label), as written
    context: tuple[str, ...] = ()  # titles of the enclosing chapters / sections
    label: str = ""  # the number as written: 第十二条, （三）
    number: int | None = None
    path: tuple[str, ...] = ()  # labels of the enclosing chapters / items: ('十二、',)


@dataclass
class Units:
    """All units of a document, in document order, plus the signature part."""

    body: list[Unit] = field(default_factory=list)
    signature: list[Unit] = field(default_factory=list)
    header_tables: list[Table] = field(default_factory=list)
    signature_tables: list[Table] = field(default_factory=list)


def _segments(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Contiguous runs of text blocks in ``[start, end)``, split where a table sits."""
    runs: list[tuple[int, int]] = []
    for block in doc.blocks_in(start, end):
        if block.kind in _SKIP_BLOCKS:
            runs.append((-1, -1))
            continue
        s, e = max(block.start, start), min(block.end, end)
        if runs and runs[-1][0] >= 0 and not doc.text[runs[-1][1] : s].strip():
            runs[-1] = (runs[-1][0], e)
        else:
            runs.append((s, e))
    return [(s, _rstrip(doc.text, s, e)) for s, e in runs if s >= 0 and doc.text[s:e].strip()]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _own_title(doc: Document, node: OutlineNode, pos: int) -> str:
    """The node's title when it stands apart from the text: 【标题】, （标题）, a title line, or an
    item's 标题。."""
    title = node.title or ""
    if not title:
        return ""
    if any(doc.text.startswith(opener + title, pos) for opener in _TITLE_OPENERS):
        return title
    after = pos + len(title)
    if not doc.text.startswith(title, pos):
        return ""
    if after >= len(doc.text) or doc.text[after] == "\n" or node.kind == "item":
        return title
    return ""


def body_start(doc: Document, node: OutlineNode) -> tuple[int, str]:
    """Offset just after the node's number and separate title, and that title."""
    text, pos = doc.text, node.start
    if text.startswith(node.label, pos):
        pos += len(node.label)
    pos = _SEPARATOR.match(text, pos).end()  # type: ignore[union-attr]
    title = _own_title(doc, node, pos)
    if title:
        pos += 1 if text.startswith(tuple(_TITLE_OPENERS), pos) else 0
        pos = _AFTER_TITLE.match(text, pos + len(title)).end()  # type: ignore[union-attr]
    return pos, title


def _is_container(doc: Document, node: OutlineNode, depth: int) -> bool:
    if node.kind in ("chapter", "section"):
        return True
    if node.kind != "item" or depth > 0 or not node.children or node.block_id is None:
        return False
    return doc.blocks[node.block_id].kind == BlockKind.HEADING


def _unit_from_node(doc: Document, node: OutlineNode, frame: "_Frame") -> list[Unit]:
    first, title = body_start(doc, node)
    out = []
    for s, e in _segments(doc, node.start, node.end):
        s = max(s, first)
        if e > s:
            out.append(Unit(s, e, "article", title, frame.titles, node.label, node.number, frame.labels))
    return out


def _paragraph_units(doc: Document, start: int, end: int, context: tuple[str, ...], kind: str) -> list[Unit]:
    """One unit per paragraph; a short title-like line (第三部分　各方分工) frames the paragraphs after it."""
    out = []
    section: tuple[str, ...] = ()
    for block in doc.blocks_in(start, end):
        if block.kind in _SKIP_BLOCKS or block.start < start:
            continue
        e = _rstrip(doc.text, block.start, min(block.end, end))
        line = doc.text[block.start : e]
        if kind == "paragraph" and "\n" not in line and _SECTION_LINE.match(line) and not _NOTE_LINE.match(line):
            section = (line,)
            continue
        s, label = block.start, ""
        decimal = _DECIMAL_LABEL.match(line)
        if decimal and kind == "paragraph":
            s, label = block.start + decimal.end(), decimal.group(1)
        if e > s:
            out.append(Unit(s, e, kind, "", (*context, *section), label))
    return out


def _early(doc: Document, node: OutlineNode) -> bool:
    """A 'signature part' right after the title is a form's declaration line, not a signature page."""
    before = [root for root in doc.outline if root.start < node.start]
    return all(root.kind == "title" for root in before)


@dataclass(frozen=True)
class _Frame:
    titles: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()


def _visit(doc: Document, node: OutlineNode, frame: _Frame, depth: int, units: Units) -> None:
    if node.kind == "title":
        return
    if node.kind == "signature" and not _early(doc, node):
        units.signature.extend(_paragraph_units(doc, node.start, node.end, frame.titles, "signature"))
        return
    if node.kind in ("preamble", "annex", "signature") or _is_container(doc, node, depth):
        inner = _Frame((*frame.titles, node.title or node.label), (*frame.labels, node.label))
        head_end = node.children[0].start if node.children else node.end
        skip = doc.blocks[node.block_id].end if node.kind != "preamble" and node.block_id is not None else 0
        units.body.extend(_paragraph_units(doc, max(node.start, skip), head_end, inner.titles, "paragraph"))
        for child in node.children:
            _visit(doc, child, inner, depth + 1, units)
        return
    units.body.extend(_unit_from_node(doc, node, frame))


def _is_header_table(doc: Document, table: Table) -> bool:
    rows = table.row_texts(doc.match_text)
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    head = rows[0]
    if len(head) == 2 and len(rows) < 3:
        return False  # a two-column table needs two body rows to be more than a label | value form
    return all(len(c) <= 16 for c in head) and sum(bool(_HEADER_WORDS.search(c)) for c in head) >= 2


def _form_units(doc: Document, table: Table, context: tuple[str, ...]) -> list[Unit]:
    """Label | value pairs of a form table; the value cell is the unit, the label its title."""
    out = []
    cells = sorted(table.cells, key=lambda c: (c.row, c.col))
    by_row: dict[int, list[int]] = {}
    for i, cell in enumerate(cells):
        by_row.setdefault(cell.row, []).append(i)
    for indices in by_row.values():
        for a, b in zip(indices[0::2], indices[1::2], strict=False):
            label, value = cells[a], cells[b]
            e = _rstrip(doc.text, value.start, value.end)
            if e > value.start:
                title = doc.text[label.start : label.end].strip()
                out.append(Unit(value.start, e, "cell", title, context))
    return out


def _titles_at(nodes: list[OutlineNode], offset: int) -> list[str]:
    for node in nodes:
        if node.start <= offset < node.end:
            return [node.title or node.label, *_titles_at(node.children, offset)]
    return []


def _table_context(doc: Document, table: Table) -> tuple[tuple[str, ...], bool]:
    titles = _titles_at(doc.outline, table.start)
    signature = [n for n in doc.outline if n.kind == "signature" and n.start <= table.start < n.end]
    return tuple(titles), bool(signature) and not _early(doc, signature[0])


def build_units(doc: Document) -> Units:
    """Return the document's units (see the module docstring)."""
    units = Units()
    for root in doc.outline:
        _visit(doc, root, _Frame(), 0, units)
    if not doc.outline:
        units.body.extend(_paragraph_units(doc, 0, len(doc.text), (), "paragraph"))
    for table in doc.tables:
        path, in_signature = _table_context(doc, table)
        if in_signature or is_signature_table(doc, table):  # 各成员单位签署： + a table, no 签署页 title
            units.signature_tables.append(table)
        elif _is_header_table(doc, table):
            units.header_tables.append(table)
        else:
            units.body.extend(_form_units(doc, table, path))
    units.body.sort(key=lambda u: u.start)
    return units
