"""A self-contained HTML page of a report: summary, items to act on, satisfied items, and the documents'
text with the evidence highlighted (inline CSS, no external resources, no scripts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path

from checklists.render.highlight import highlighted, marks_for, number_evidence
from checklists.render.rows import citation_text, evidence_text, results_of
from checklists.settings import labels
from checklists.submission import kind_of
from models.report import GapItem, GapReport, ItemEvidence, MatrixReport, RuleSetResult

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:1100px;line-height:1.6;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:2px solid #ccc;margin-top:2em}h3{font-size:1.05em;margin:.2em 0}
dl.meta{display:grid;grid-template-columns:8em 1fr;gap:.2em 1em}dl.meta dt{color:#666}
.warnings li{color:#8a5a00}table{border-collapse:collapse;width:100%;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}th{background:#f3f3f3}
.badge{display:inline-block;padding:0 .5em;border-radius:.6em;font-size:.85em;white-space:nowrap}
.st-satisfied{background:#d8f5d8}.st-weak{background:#fff1b8}.st-missing{background:#ffd6d6}
.st-needs_review{background:#ecdcff}.st-not_applicable{background:#eee;color:#777}
article.item{border-left:6px solid #ccc;padding:.3em 1em;margin:1em 0;background:#fafafa}
article.st-missing{border-color:#d33}article.st-weak{border-color:#e0b000}article.st-needs_review{border-color:#85c}
.label{color:#666}pre.doc{white-space:pre-wrap;font-family:inherit;background:#fcfcfc;border:1px solid #ddd;
padding:1em}mark{padding:0}mark.st-satisfied{background:#b9ecb9}ul.evidence{margin:.2em 0}
.muted{color:#777}
"""
_ORDER = {"missing": 0, "weak": 1, "needs_review": 2, "satisfied": 3, "not_applicable": 4}
_SEVERITY = {"mandatory": 0, "conditional": 1, "advisory": 2}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _badge(status: str) -> str:
    return f'<span class="badge st-{_e(status)}">{_e(labels().status(status))}</span>'


def _header(report: GapReport | MatrixReport) -> list[str]:
    rows = [("申报", report.submission), ("检查日期", report.as_of.isoformat())]
    if isinstance(report, GapReport):
        rs = report.rule_set
        rows += [("适用办法", f"{rs.name_zh}《{rs.title}》{rs.document_number or ''}"),
                 ("规则版本", f"{rs.id} {rs.version}（{rs.status}）")]
    if report.detection is not None:
        rows.append(("地区识别", report.detection.message))
    out = ["<h1>联盟申报材料审查报告</h1>", '<dl class="meta">']
    out += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows]
    out.append("</dl>")
    warnings = (report.rule_set.warnings + report.warnings) if isinstance(report, GapReport) else report.warnings
    if warnings:
        out.append('<ul class="warnings">' + "".join(f"<li>{_e(w)}</li>" for w in warnings) + "</ul>")
    return out


def _summary(result: RuleSetResult) -> list[str]:
    s = result.summary
    score = "—" if s.completeness is None else f"{s.completeness:.0%}"
    top = "—" if s.completeness_max is None else f"{s.completeness_max:.0%}"
    head = "".join(f"<th>{_badge(k)}</th>" for k in s.by_status)
    cells = "".join(f"<td>{v}</td>" for v in s.by_status.values())
    return [f"<p><strong>{_e(labels().outcomes[s.outcome].zh)}</strong>。完整度 {score}（人工核对均无问题时最高 {top}）。"
            f'<span class="muted">{_e(s.formula)}</span></p>',
            f"<table><tr>{head}</tr><tr>{cells}</tr></table>"]


def _evidence_list(evidence: Sequence[tuple[ItemEvidence, str]], linked: set[str]) -> str:
    if not evidence:
        return ""
    lines = []
    for ev, anchor in evidence:
        text = _e(evidence_text(ev, 120))
        lines.append(f'<li><a href="#{anchor}">{text}</a></li>' if anchor in linked else f"<li>{text}</li>")
    return '<ul class="evidence">' + "".join(lines) + "</ul>"


def _item_card(item: GapItem, evidence: Sequence[tuple[ItemEvidence, str]], linked: set[str]) -> str:
    when = f'<p><span class="label">适用情形：</span>{_e(item.when)}</p>' if item.when else ""
    return (f'<article class="item st-{_e(item.status)}" id="item-{_e(item.id)}">'
            f"<h3>{_badge(item.status)} {_e(item.requirement)}</h3>"
            f'<p><span class="label">依据：</span>{_e(citation_text(item))}（{_e(labels().severity(item.severity))}）</p>'
            f"{when}"
            f'<p><span class="label">问题：</span>{_e(item.reason)}</p>'
            f'<p><span class="label">修改建议：</span>{_e(item.remedy)}</p>'
            f"{_evidence_list(evidence, linked)}</article>")


def _result(result: RuleSetResult, ev_of: Mapping[str, list[tuple[ItemEvidence, str]]], linked: set[str]) -> list[str]:
    items = sorted(result.items, key=lambda i: (_ORDER[i.status], _SEVERITY[i.severity]))
    todo = [i for i in items if i.status in ("missing", "weak", "needs_review")]
    done = [i for i in items if i.status == "satisfied"]
    na = [i for i in items if i.status == "not_applicable"]
    out = [f"<h2>{_e(result.rule_set.name_zh)}《{_e(result.rule_set.title)}》</h2>", *_summary(result)]
    out.append(f"<h3>需要处理的事项（{len(todo)}）</h3>")
    out += [_item_card(i, ev_of.get(i.id, []), linked) for i in todo] or ['<p class="muted">无</p>']
    out.append(f"<h3>已符合的事项（{len(done)}）</h3><table><tr><th>要求</th><th>依据</th><th>证据</th></tr>")
    out += [f'<tr id="item-{_e(i.id)}"><td>{_e(i.requirement)}</td><td>{_e(citation_text(i))}</td>'
            f"<td>{_evidence_list(ev_of.get(i.id, []), linked)}</td></tr>" for i in done]
    out.append("</table>")
    if na:
        out.append(f"<h3>不适用的事项（{len(na)}）</h3><ul>")
        out += [f"<li>{_e(i.requirement)}：{_e(i.reason)}</li>" for i in na]
        out.append("</ul>")
    return out


def _matrix(report: MatrixReport) -> list[str]:
    ids = [r.jurisdiction for r in report.results]
    head = "".join(f"<th>{_e(r.rule_set.name_zh)}</th>" for r in report.results)
    out = ["<h2>各地要求对照</h2>", f"<table><tr><th>要求</th>{head}</tr>"]
    for row in report.matrix:
        cells = "".join(f"<td>{_badge(row.cells[rs].status)}</td>" if rs in row.cells else '<td class="muted">·</td>'
                        for rs in ids)
        out.append(f"<tr><td>{_e(row.label)}</td>{cells}</tr>")
    out.append("</table>")
    return out


def render_html(report: GapReport | MatrixReport, texts: Mapping[str, str] | None = None) -> str:
    """The page. ``texts`` maps file → ``Document.text``; without a file's text its evidence quotes are listed."""
    results = results_of(report)
    numbered = number_evidence([i for r in results for i in r.items])
    texts = texts or {}
    docs: list[str] = ["<h2>文件原文与证据</h2>"]
    linked: set[str] = set()
    for extraction in report.documents:
        title = f"<h3>{_e(extraction.file)}（{_e(labels().kind(kind_of(extraction)))}）</h3>"
        text = texts.get(extraction.file)
        if text is not None:
            marks = marks_for(extraction.file, text, numbered)
            linked.update(m.anchor for m in marks)
            docs += [title, f'<pre class="doc">{highlighted(text, marks)}</pre>']
        else:
            quotes = [(ev, a) for _, ev, a in numbered if ev.file == extraction.file and ev.quote]
            listing = "".join(f'<li id="{a}">{_e(evidence_text(ev, 400))}</li>' for ev, a in quotes)
            linked.update(a for _, a in quotes)
            docs += [title, '<p class="muted">未附原文，以下为证据摘录：</p>', f"<ul>{listing}</ul>"]
    ev_of: dict[str, list[tuple[ItemEvidence, str]]] = {}
    for item, ev, anchor in numbered:
        ev_of.setdefault(item.id, []).append((ev, anchor))
    body = _header(report)
    if isinstance(report, MatrixReport):
        body += _matrix(report)
    for result in results:
        body += _result(result, ev_of, linked)
    body += docs
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{_e('审查报告 - ' + report.submission)}</title><style>{_CSS}</style></head>"
            "<body>\n" + "\n".join(body) + "\n</body></html>\n")


def write_html(report: GapReport | MatrixReport, path: Path | str, texts: Mapping[str, str] | None = None) -> Path:
    """Write the page to ``path`` and return it."""
    out = Path(path)
    out.write_text(render_html(report, texts), encoding="utf-8")
    return out
