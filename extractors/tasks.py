"""Task division given as a member → task table, or as a list of member: task lines."""

import re

from extractors.decide import Outcome, stronger
from extractors.rules import UnitVerdict
from extractors.units import Unit, Units
from models import Document, Table
from models.extraction import ClauseStatus

_TASK_COLUMN = re.compile(r"任务|分工|职责|工作内容|研究内容|承担")
_MEMBER_COLUMN = re.compile(r"单位|名称|成员")
_MEMBER_END = re.compile(r"(?:单位|名称|成员)(?:[（(][^）)]*[）)])?$")
_LEAD_IN = re.compile(r"任务|分工|职责|下表|如下")
_MIN_TASK_CHARS = 4
_CLAUSE_END = re.compile(r"[；;。\n]")
_LINE = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?(?P<member>[^：:]{2,200}?)"
    r"(?:[：:]|作为[^，。；]{2,15}[，,]|为[^，。；]{2,10}[，,]|(?=(?:主要|具体|分别)?(?:负责|承担|牵头|参与)))(?P<task>.+)$"
)


def _columns(doc: Document, table: Table) -> tuple[int, int] | None:
    head = table.grid(doc.match_text)[0]
    # 承担单位 names the member column although it holds 承担: a header ending like a unit column
    members = [i for i, h in enumerate(head) if _MEMBER_END.search(h.strip())]
    members += [i for i, h in enumerate(head) if _MEMBER_COLUMN.search(h) and not _TASK_COLUMN.search(h)]
    tasks = [i for i, h in enumerate(head) if _TASK_COLUMN.search(h) and i not in members]
    if not tasks or not members:
        return None
    return members[0], tasks[0]


def _table_rows(doc: Document, table: Table, member_col: int, task_col: int) -> list[tuple[str, int, int]]:
    """(member, task cell start, task cell end) for every filled row."""
    by_pos = {(c.row, c.col): c for c in table.cells}
    rows = []
    for r in range(1, table.n_rows):
        member, task = by_pos.get((r, member_col)), by_pos.get((r, task_col))
        if member is None or task is None:
            continue
        words = doc.text[task.start : task.end].strip()
        if len(words) >= _MIN_TASK_CHARS:
            rows.append((doc.text[member.start : member.end].strip(), task.start, task.end))
    return rows


def _lead_in(units: list[Unit], table: Table, text: str) -> Unit | None:
    """The sentence introducing the table (各成员单位承担的主要任务见下表：), when there is one."""
    before = [u for u in units if u.end <= table.start and not text[u.end : table.start].strip()]
    if before and _LEAD_IN.search(text[before[-1].start : before[-1].end]):
        return before[-1]
    return None


def table_outcome(doc: Document, units: Units) -> Outcome | None:
    """Present when a header table maps at least two members to tasks."""
    for table in units.header_tables:
        cols = _columns(doc, table)
        rows = _table_rows(doc, table, *cols) if cols else []
        if len(rows) < 2:
            continue
        lead = _lead_in(units.body, table, doc.match_text)
        spans = ([(lead.start, lead.end)] if lead else []) + [(s, e) for _, s, e in rows]
        table_attr = [{"member": m, "task": doc.text[s:e].strip()} for m, s, e in rows]
        return Outcome(
            ClauseStatus.PRESENT,
            spans=spans,
            reasons=[f"table: {len(rows)} members with their tasks (column '{table.grid(doc.text)[0][cols[1]]}')"]
            if cols
            else [],
            attributes={"table": table_attr},
            confidence=0.9,
        )
    return None


def list_assignments(verdicts: list[UnitVerdict], text: str) -> list[dict[str, str]]:
    """member → task pairs read from the clauses that made a unit present."""
    pairs = []
    for verdict in verdicts:
        for hit in verdict.hits:
            end = _CLAUSE_END.search(text, hit.end, verdict.unit.end)
            m = _LINE.match(text[hit.start : end.start() if end else verdict.unit.end].lstrip("；;"))
            if m:
                pairs.append({"member": m.group("member").strip(), "task": m.group("task").strip("；;。 ")})
    return pairs


def apply(outcome: Outcome, doc: Document, units: Units) -> Outcome:
    """Prefer a member → task table; otherwise list the assignments found in the text."""
    table = table_outcome(doc, units)
    if table is not None and stronger(table.status, outcome.status) == table.status:
        return table
    if outcome.status == ClauseStatus.PRESENT:
        outcome.attributes["table"] = list_assignments(outcome.verdicts, doc.text)
    return outcome
