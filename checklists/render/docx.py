"""The 审查意见书 (DOCX): what the applicant must fix and what the reviewer signs.

Title; the submission, jurisdiction and rule set with its warnings; the summary; a table of the items
that are not satisfied (requirement, article, status, problem, remedy); the satisfied items with their
evidence; items not applicable; the reviewer's opinion, signature and date lines.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

from checklists.render.rows import citation_text, evidence_text
from checklists.settings import labels
from checklists.submission import kind_of
from models.report import GapItem, GapReport, MatrixReport

FONT = "宋体"
_ORDER = {"missing": 0, "weak": 1, "needs_review": 2, "satisfied": 3, "not_applicable": 4}
_SEVERITY = {"mandatory": 0, "conditional": 1, "advisory": 2}


def _cjk_font(doc: DocxDocument) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid"):
        style = doc.styles[name]
        font = style.font
        font.name = FONT
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), FONT)
    doc.styles["Normal"].font.size = Pt(10.5)


def _page(doc: DocxDocument) -> None:
    """A4 with 2 cm margins (17 cm of text width)."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2.2)


def _table(doc: DocxDocument, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice follows
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)  # the cells, which Word follows
    return table


def _info(doc: DocxDocument, report: GapReport) -> None:
    rs = report.rule_set
    files = "；".join(f"{e.file}（{labels().kind(kind_of(e))}）" for e in report.documents) or "无"
    rows = [
        ["申报联盟", report.alliance_name or report.submission],
        ["提交文件", files],
        ["适用地区", f"{rs.name_zh}（{rs.id}）"],
        ["依据办法", f"《{rs.title}》{rs.document_number or ''}，{rs.issuer}"],
        ["规则版本", f"{rs.version}（{rs.status}）"],
        ["检查日期", report.as_of.isoformat()],
    ]
    if report.detection is not None:
        rows.append(["地区识别", report.detection.message])
    _table(doc, ["项目", "内容"], rows, [2.6, 14.4])
    for warning in rs.warnings + report.warnings:
        doc.add_paragraph(f"提示：{warning}")


def _summary(doc: DocxDocument, report: GapReport, level: int) -> None:
    s = report.summary
    doc.add_heading("一、审查结论", level=level)
    score = "—" if s.completeness is None else f"{s.completeness:.0%}"
    counts = "，".join(f"{labels().status(k)} {v} 项" for k, v in s.by_status.items())
    doc.add_paragraph(f"{labels().outcomes[s.outcome].zh}。共检查 {s.total} 项：{counts}。"
                      f"必备要求完整度 {score}（符合计 1、不充分计 0.5，按适用的必备项计算）。")


def _open_items(doc: DocxDocument, items: list[GapItem], level: int) -> None:
    doc.add_heading("二、需要补正或核对的事项", level=level)
    if not items:
        doc.add_paragraph("无。")
        return
    rows = [[str(n), f"{i.requirement}（{labels().severity(i.severity)}）", citation_text(i),
             labels().status(i.status), i.reason, i.remedy] for n, i in enumerate(items, 1)]
    _table(doc, ["序号", "要求", "依据条款", "状态", "问题说明", "修改建议"], rows, [1.0, 3.0, 2.6, 1.5, 4.4, 4.5])


def _satisfied(doc: DocxDocument, items: list[GapItem], not_applicable: list[GapItem], level: int) -> None:
    doc.add_heading("三、已符合的事项", level=level)
    if items:
        rows = [[str(n), i.requirement, citation_text(i), "\n".join(evidence_text(ev, 60) for ev in i.evidence[:3])]
                for n, i in enumerate(items, 1)]
        _table(doc, ["序号", "要求", "依据条款", "证据（文件、页码、原文）"], rows, [1.0, 5.0, 3.0, 8.0])
    else:
        doc.add_paragraph("无。")
    if not_applicable:
        doc.add_paragraph("不适用的事项：" + "；".join(f"{i.requirement}（{i.reason}）" for i in not_applicable))


def _signature(doc: DocxDocument) -> None:
    doc.add_heading("四、审查意见", level=1)
    doc.add_paragraph("审查意见：" + "_" * 40)
    doc.add_paragraph("_" * 50)
    doc.add_paragraph("")
    for line in ("审查人（签字）：____________", "日期：______年____月____日", "（审查单位盖章）"):
        paragraph = doc.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _body(doc: DocxDocument, report: GapReport, level: int) -> None:
    """Information, conclusion, open items and satisfied items of one jurisdiction."""
    _info(doc, report)
    _summary(doc, report, level)
    items = sorted(report.items, key=lambda i: (_ORDER[i.status], _SEVERITY[i.severity]))
    _open_items(doc, [i for i in items if i.status in ("missing", "weak", "needs_review")], level)
    _satisfied(doc, [i for i in items if i.status == "satisfied"],
               [i for i in items if i.status == "not_applicable"], level)


def per_jurisdiction(report: MatrixReport) -> list[GapReport]:
    """A matrix report as one gap report per jurisdiction (same submission, documents and date)."""
    shared = {"checker_version": report.checker_version, "submission": report.submission,
              "alliance_name": report.alliance_name, "as_of": report.as_of, "detection": report.detection,
              "documents": report.documents}
    return [GapReport(**result.model_dump(), **shared) for result in report.results]


def build_docx(report: GapReport | MatrixReport) -> DocxDocument:
    """The 审查意见书 as a python-docx document.

    A matrix (``all``, or ``auto`` when the jurisdiction could not be decided) gets one chapter per
    jurisdiction, so the reviewer can keep the one that applies.
    """
    doc = docx.Document()
    _page(doc)
    _cjk_font(doc)
    title = doc.add_heading("产业技术创新联盟申报材料审查意见书", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if isinstance(report, GapReport):
        _body(doc, report, level=1)
        versions = f"{report.rule_set.id} {report.rule_set.version}"
    else:
        chapters = per_jurisdiction(report)
        names = "、".join(f"{c.rule_set.name_zh}（{c.rule_set.id}）" for c in chapters)
        reason = report.detection.message if report.detection is not None else "按所有地区的办法逐一检查"
        doc.add_paragraph(f"本意见书按 {len(chapters)} 个地区的办法分别检查：{names}。{reason}")
        for chapter in chapters:
            doc.add_page_break()
            doc.add_heading(f"{chapter.rule_set.name_zh}：《{chapter.rule_set.title}》", level=1)
            _body(doc, chapter, level=2)
        versions = "、".join(f"{c.rule_set.id} {c.rule_set.version}" for c in chapters)
    _signature(doc)
    doc.add_paragraph(f"本意见书由 {report.checker_version or '审查服务'} 依据规则 {versions} "
                      f"生成，结论以审查人签字为准。")
    return doc


def write_docx(report: GapReport | MatrixReport, path: Path | str) -> Path:
    """Write the 审查意见书 to ``path`` and return it."""
    out = Path(path)
    build_docx(report).save(str(out))
    return out
