"""Member tables: a header row with a unit-name column, columns classified by what their cells say.

A column counts as the role column (理事长单位…), the core column (核心成员 / 一般成员) or the type
column (企业 / 高等院校…) when most of its cells carry such words, whatever its header says;
the name column is found by its header (单位名称, 成员单位…). Tables whose header asks for a seal
or a signature are signature tables, not member lists.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extractors.orgs import ends_like_org, type_from_label
from extractors.parties_config import MemberType, Role, parties_config, signatures_config
from models import Document, Table, TableCell

_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]")
_SPACE_RE = re.compile(r"[\s　]+")

Grid = list[list[TableCell | None]]


@dataclass
class TableMember:
    """One row of a member table."""

    start: int
    end: int
    role: Role | None = None
    role_cell: TableCell | None = None
    type: MemberType | None = None
    core: bool | None = None
    core_cell: TableCell | None = None


def cell_grid(table: Table) -> Grid:
    """Rows x columns of cells (a merged cell repeated over its span)."""
    grid: Grid = [[None] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        for r in range(cell.row, min(cell.row + cell.rowspan, table.n_rows)):
            for c in range(cell.col, min(cell.col + cell.colspan, table.n_cols)):
                grid[r][c] = cell
    return grid


def cell_text(doc: Document, cell: TableCell | None) -> str:
    """The Simplified, space-free text of a cell ('' for none)."""
    return "" if cell is None else _SPACE_RE.sub("", doc.match_text[cell.start : cell.end])


def header_word(text: str) -> str:
    """A header cell without its parenthesised remark: 单位名称（盖章） → 单位名称."""
    return _PAREN_RE.sub("", text)


def is_signature_header(cells: list[str]) -> bool:
    """True when a header row asks for a seal or a signature."""
    config = signatures_config()
    cues = config.seal_label_cues + config.sign_cues
    return any(cue in cell for cell in cells for cue in cues)


def find_header(doc: Document, grid: Grid, names: list[str]) -> tuple[int, int] | None:
    """``(row, col)`` of the first header cell whose word is one of ``names``."""
    for r, row in enumerate(grid[:3]):
        for c, cell in enumerate(row):
            if header_word(cell_text(doc, cell)) in names:
                return r, c
    return None


def _matches(text: str, words: Iterable[str]) -> str | None:
    for word in sorted(words, key=len, reverse=True):
        if word in text:
            return word
    return None


def _role_value(value: str) -> Role | None:
    roles = parties_config().roles
    if value in roles.table_values:
        return roles.table_values[value]
    word = _matches(value, roles.words)
    return roles.words[word] if word else None


def _opening_role(value: str) -> Role | None:
    """A role word opening a cell of another column (副理事长单位，承担…) and standing apart."""
    words = parties_config().roles.words
    word = next((w for w in sorted(words, key=len, reverse=True) if value.startswith(w)), None)
    if word is None or (len(value) > len(word) and value[len(word)] not in "，,、；;：:（( 　"):
        return None
    return words[word]


def _core_value(value: str) -> bool | None:
    core = parties_config().core
    if value in core.yes_values + core.no_values:
        return value in core.yes_values
    if _matches(value, core.general_words):
        return False
    return True if _matches(value, core.core_words) else None


def _column_kind(header: str, values: list[str]) -> str | None:
    config = parties_config()
    filled = [v for v in values if v]
    if not filled:
        return None
    need = config.tables.min_column_share * len(filled)
    core_header = _matches(header, config.core.core_words) is not None
    tests = (
        ("core", lambda v: (v in config.core.yes_values + config.core.no_values and core_header)
         or _matches(v, config.core.core_words + config.core.general_words) is not None),
        ("role", lambda v: _role_value(v) is not None),
        ("type", lambda v: type_from_label(v) is not None),
    )
    for kind, test in tests:
        if sum(1 for v in filled if test(v)) >= need:
            return kind
    return None


def _fill(doc: Document, member: TableMember, kind: str, cell: TableCell | None) -> None:
    value = cell_text(doc, cell)
    if not value:
        return
    if kind == "core":
        member.core = _core_value(value)
        member.core_cell = cell
    elif kind == "role":
        member.role = _role_value(value)
        member.role_cell = cell
    elif kind == "type":
        member.type = type_from_label(value)


def _table_members(doc: Document, table: Table) -> list[TableMember]:
    config = parties_config().tables
    grid = cell_grid(table)
    head = find_header(doc, grid, config.name_headers)
    if head is None:
        return []
    head_row, name_col = head
    header = [cell_text(doc, cell) for cell in grid[head_row]]
    if is_signature_header(header) or any(h in config.person_headers for h in map(header_word, header)):
        return []
    body = [row for row in grid[head_row + 1 :] if row[name_col] is not None]
    kinds: dict[int, str] = {}
    for c in range(table.n_cols):
        if c != name_col:
            values = [cell_text(doc, r[c]) for r in body]
            kind = _column_kind(header[c], values)
            if kind:
                kinds[c] = kind
    members = []
    for row in body:
        name_cell = row[name_col]
        name = cell_text(doc, name_cell)
        if name_cell is None or not ends_like_org(name) or header_word(name) in config.name_headers:
            continue
        member = TableMember(start=name_cell.start, end=name_cell.end)
        for c, kind in kinds.items():
            _fill(doc, member, kind, row[c])
        if "role" not in kinds.values():
            for c, cell in enumerate(row):
                role = _opening_role(cell_text(doc, cell)) if c != name_col and c not in kinds else None
                if role is not None:
                    member.role, member.role_cell = role, cell
                    break
        members.append(member)
    return members


def table_members(doc: Document) -> list[TableMember]:
    """Rows of every member table of ``doc``, in document order."""
    return [m for table in doc.tables for m in _table_members(doc, table)]
