"""Renderings open and carry the report: JSON, terminal, HTML (well-formed), DOCX, XLSX, CSV."""

from __future__ import annotations

import csv
import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import docx
import openpyxl
import pytest

from checklists.checker import check_all, check_submission
from checklists.loader import get_rule_set
from checklists.render import csv as render_csv
from checklists.render import docx as render_docx
from checklists.render import html as render_html
from checklists.render import json as render_json
from checklists.render import terminal as render_terminal
from checklists.render import xlsx as render_xlsx
from models.report import GapReport, MatrixReport
from models.schema import EXPORTED, SCHEMA_DIR, schema_text
from models.span import Span
from tests.checklists.builders import clauses, document, finding, licence, members

AS_OF = date(2026, 11, 21)
TEXT = "联盟协议\n第一条 知识产权归各完成方所有。\n第二条 <script>alert(1)</script> 违约方承担赔偿责任。\n"


def _texted_agreement() -> tuple[GapReport, dict[str, str]]:
    """A Weinan report whose ip_ownership and breach_liability evidence points into TEXT."""
    findings = clauses(weak=["benefit_distribution"], absent=["expert_committee"])
    for key, quote in (("ip_ownership", "知识产权归各完成方所有。"), ("breach_liability", "违约方承担赔偿责任。")):
        start = TEXT.index(quote)
        index = next(n for n, f in enumerate(findings) if f.type == key)
        findings[index] = finding(key).model_copy(
            update={"evidence": [Span(page=1, start=start, end=start + len(quote), quote=quote)]})
    agreement = document(file="协议.txt", clause_findings=findings, member_list=members(12), core_member_count=9)
    report = check_submission([agreement, licence("渭南秦岭示例新材料有限公司")], get_rule_set("weinan"), AS_OF)
    return report, {"协议.txt": TEXT}


@pytest.fixture(scope="module")
def report() -> GapReport:
    return _texted_agreement()[0]


@pytest.fixture(scope="module")
def matrix() -> MatrixReport:
    return check_all([document(file="另一联盟协议.txt", alliance_name="黑龙江省示例产业技术创新联盟")], as_of=AS_OF)


# ---- JSON ----------------------------------------------------------------------------------------
def test_json_round_trip(report: GapReport, matrix: MatrixReport, tmp_path: Path) -> None:
    path = render_json.write_json(report, tmp_path / "r.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["jurisdiction"] == "weinan" and "核心成员" in path.read_text(encoding="utf-8")
    assert render_json.load_report(path.read_text(encoding="utf-8")) == report
    assert render_json.load_report(render_json.to_json(matrix)) == matrix


def test_gap_report_schema_is_exported_and_current() -> None:
    assert EXPORTED["gap_report"] is GapReport
    committed = (SCHEMA_DIR / "gap_report.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(GapReport)
    schema = render_json.gap_report_schema()
    assert {"jurisdiction", "rule_set", "documents", "items", "summary"} <= set(schema["properties"])


# ---- terminal ------------------------------------------------------------------------------------
def test_terminal_view(report: GapReport, matrix: MatrixReport) -> None:
    text = render_terminal.render_text(report)
    assert "联盟核心成员不少于十家" in text and "缺失" in text and "渭南市" in text
    assert "各地要求对照" in render_terminal.render_text(matrix)


# ---- HTML ----------------------------------------------------------------------------------------
class _WellFormed(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.marks = 0
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        self.marks += tag == "mark"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def _parse(page: str) -> _WellFormed:
    parser = _WellFormed()
    parser.feed(page)
    parser.close()
    assert not parser.stack, f"unclosed: {parser.stack}"
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids"
    for href in parser.links:
        assert href.startswith("#") and href[1:] in parser.ids, href
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    assert "http://" not in page and "https://" not in page and "src=" not in page
    return parser


def test_html_with_texts_highlights_evidence(tmp_path: Path) -> None:
    report, texts = _texted_agreement()
    path = render_html.write_html(report, tmp_path / "r.html", texts)
    page = path.read_text(encoding="utf-8")
    parser = _parse(page)
    assert parser.marks == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # document text is escaped
    assert "核心成员 9 家" in page and "需要处理的事项" in page and "<style>" in page
    shown = "".join(parser.data)
    assert "知识产权归各完成方所有。" in shown


def test_html_without_texts_embeds_the_quotes(report: GapReport, matrix: MatrixReport) -> None:
    page = render_html.render_html(report)
    parser = _parse(page)
    assert parser.marks == 0 and "未附原文" in page and "知识产权归各完成方所有。" in page
    _parse(render_html.render_html(matrix))


# ---- DOCX ----------------------------------------------------------------------------------------
def test_docx_opens_and_lists_what_to_fix(report: GapReport, tmp_path: Path) -> None:
    path = render_docx.write_docx(report, tmp_path / "审查意见书.docx")
    doc = docx.Document(str(path))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert "审查意见书" in paragraphs and "审查人（签字）" in paragraphs and "日期" in paragraphs
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "联盟核心成员不少于十家。" in cells and "核心成员 9 家" in cells  # a gap with its reason
    assert "6.（2）" in cells and "渭科发〔2015〕62号" in cells
    open_table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "修改建议")
    open_count = sum(1 for i in report.items if i.status in ("missing", "weak", "needs_review"))
    assert len(open_table.rows) == open_count + 1


def test_docx_of_a_matrix_has_a_chapter_per_jurisdiction(matrix: MatrixReport, tmp_path: Path) -> None:
    path = render_docx.write_docx(matrix, tmp_path / "matrix.docx")
    doc = docx.Document(str(path))
    chapters = [p.text for p in doc.paragraphs if p.style is not None and p.style.name == "Heading 1"
                and "：《" in p.text]
    assert len(chapters) == len(matrix.results) >= 2
    fix_tables = [t for t in doc.tables if t.rows[0].cells[-1].text == "修改建议"]
    for result, table in zip(matrix.results, fix_tables, strict=True):
        open_count = sum(1 for i in result.items if i.status in ("missing", "weak", "needs_review"))
        assert len(table.rows) == open_count + 1


# ---- XLSX / CSV ----------------------------------------------------------------------------------
def test_xlsx_one_sheet_per_submission_plus_summary(report: GapReport, tmp_path: Path) -> None:
    other = check_submission([document(file="b.txt", alliance_name="渭南市另一示例产业技术创新战略联盟")],
                             get_rule_set("weinan"), AS_OF)
    path = render_xlsx.write_xlsx([report, other], tmp_path / "screening.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "汇总" and len(wb.sheetnames) == 3
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert len(summary) == 3 and summary[0][0] == "申报联盟"
    sheet = wb[wb.sheetnames[1]]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(report.items) + 1
    assert {r[3] for r in rows[1:]} == {i.id for i in report.items}


def test_xlsx_of_a_matrix(matrix: MatrixReport, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(render_xlsx.write_xlsx(matrix, tmp_path / "m.xlsx"))
    assert len(wb.sheetnames) == 2 + len(matrix.results)
    assert all(len(name) <= 31 for name in wb.sheetnames)


def test_sheet_titles_are_valid_and_unique() -> None:
    taken: set[str] = set()
    names = [render_xlsx.sheet_title("一个非常非常长的联盟名称[含特殊字符]:*?/" * 3, taken) for _ in range(3)]
    assert len(set(names)) == 3 and all(len(n) <= 31 and "[" not in n and "/" not in n for n in names)


def test_csv_one_row_per_item(report: GapReport, matrix: MatrixReport, tmp_path: Path) -> None:
    path = render_csv.write_csv([report, matrix], tmp_path / "items.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == len(report.items) + sum(len(r.items) for r in matrix.results)
    assert {"id", "status", "reason", "remedy", "evidence"} <= set(rows[0])
    zh = render_csv.summary_csv_text([report], header="zh").splitlines()
    assert zh[0].startswith("申报联盟") and len(zh) == 2
