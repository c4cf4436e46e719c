"""A readable terminal view of a report (rich): header, summary, then the items that need action."""

from __future__ import annotations

from io import StringIO

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from checklists.render.rows import citation_text, evidence_text, results_of
from checklists.settings import labels
from models.report import GapReport, MatrixReport, RuleSetResult

STYLES = {"satisfied": "green", "weak": "yellow", "missing": "bold red", "needs_review": "magenta",
          "not_applicable": "dim"}
SYMBOLS = {"satisfied": "✔", "weak": "△", "missing": "✘", "needs_review": "?", "not_applicable": "–"}
_ORDER = {"missing": 0, "weak": 1, "needs_review": 2, "satisfied": 3, "not_applicable": 4}
_SEVERITY = {"mandatory": 0, "conditional": 1, "advisory": 2}


def _status(status: str) -> Text:
    return Text(f"{SYMBOLS.get(status, '')} {labels().status(status)}", style=STYLES.get(status, ""))


def _header(report: GapReport | MatrixReport) -> Panel:
    lines = [f"申报：{report.submission}", f"检查日期：{report.as_of.isoformat()}"]
    if isinstance(report, GapReport):
        rs = report.rule_set
        lines.append(f"适用：{rs.name_zh}《{rs.title}》{rs.document_number or ''}（规则版本 {rs.version}）")
    if report.detection is not None:
        lines.append(f"地区识别：{report.detection.message}")
    body = Text("\n".join(lines))
    for warning in _warnings(report):
        body.append(f"\n⚠ {warning}", style="yellow")
    return Panel(body, title="联盟申报材料审查", expand=True)


def _warnings(report: GapReport | MatrixReport) -> list[str]:
    if isinstance(report, GapReport):
        return report.rule_set.warnings + report.warnings
    return report.warnings


def _summary(result: RuleSetResult) -> Text:
    s = result.summary
    counts = "  ".join(f"{labels().status(k)} {v}" for k, v in s.by_status.items())
    score = "—" if s.completeness is None else f"{s.completeness:.0%}"
    text = Text(f"{labels().outcomes[s.outcome].zh}   完整度 {score}   {counts}")
    text.stylize("bold red" if s.outcome == "fail" else "bold magenta" if s.outcome == "review" else "bold green",
                 0, len(labels().outcomes[s.outcome].zh))
    return text


def items_table(result: RuleSetResult, show_satisfied: bool = True) -> Table:
    """The items of one rule set, worst first: status, severity, requirement, article, reason or evidence."""
    table = Table(show_lines=True, expand=True, title=f"{result.rule_set.name_zh}（{result.jurisdiction}）")
    table.add_column("状态", no_wrap=True)
    table.add_column("性质", no_wrap=True)
    table.add_column("要求", ratio=3)
    table.add_column("依据", ratio=2)
    table.add_column("说明 / 证据", ratio=4)
    items = sorted(result.items, key=lambda i: (_ORDER[i.status], _SEVERITY[i.severity]))
    for item in items:
        if item.status == "satisfied" and not show_satisfied:
            continue
        if item.status == "satisfied":
            note = Text("\n".join(evidence_text(ev, 40) for ev in item.evidence[:2]), style="dim")
        else:
            note = Text(item.reason)
            if item.status != "not_applicable":
                note.append(f"\n建议：{item.remedy}", style="dim")
        table.add_row(_status(item.status), Text(labels().severity(item.severity)), Text(item.requirement),
                      Text(citation_text(item)), note)
    return table


def matrix_table(report: MatrixReport) -> Table:
    """Basis entries × jurisdictions."""
    table = Table(title="各地要求对照", show_lines=False)
    table.add_column("要求")
    ids = [r.jurisdiction for r in report.results]
    names = {r.jurisdiction: r.rule_set.name_zh for r in report.results}
    for rs in ids:
        table.add_column(names[rs], no_wrap=True)
    for row in report.matrix:
        cells: list[RenderableType] = [Text(row.label)]
        for rs in ids:
            cell = row.cells.get(rs)
            cells.append(_status(cell.status) if cell else Text("·", style="dim"))
        table.add_row(*cells)
    return table


def renderable(report: GapReport | MatrixReport, show_satisfied: bool = True) -> Group:
    """The whole view as one rich renderable."""
    parts: list[RenderableType] = [_header(report)]
    if isinstance(report, MatrixReport):
        parts.append(matrix_table(report))
    for result in results_of(report):
        parts += [_summary(result), items_table(result, show_satisfied)]
    return Group(*parts)


def render_terminal(report: GapReport | MatrixReport, console: Console | None = None,
                    show_satisfied: bool = True) -> None:
    """Print the report to ``console`` (default: stdout)."""
    (console or Console()).print(renderable(report, show_satisfied))


def render_text(report: GapReport | MatrixReport, width: int = 140, show_satisfied: bool = True) -> str:
    """The terminal view as plain text (no colours), e.g. for logs and tests."""
    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(renderable(report, show_satisfied))
    return buffer.getvalue()
