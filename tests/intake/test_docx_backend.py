"""DocxBackend on documents built here with python-docx (XML edited where python-docx has no API)."""

import io
import zipfile
from collections.abc import Callable

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

from intake.backends import docx as docx_backend
from intake.backends.docx import DocxBackend
from intake.backends.docx_numbering import format_number
from intake.raw import RawDocument
from intake.settings import IntakeSettings
from models import BlockKind, IntakeError

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BOX_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


# ---------------------------------------------------------------------------- helpers
def build(fill: Callable[[DocxDocument], object]) -> bytes:
    document = docx.Document()
    fill(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def simple(text: str) -> bytes:
    """A valid DOCX holding one paragraph."""
    return build(lambda d: d.add_paragraph(text))


def read(data: bytes) -> RawDocument:
    return DocxBackend().read(data, "test.docx", IntakeSettings())


def texts(doc: RawDocument) -> list[str]:
    return [b.text for b in doc.blocks if b.table is None]


def error_code(data: bytes) -> str:
    with pytest.raises(IntakeError) as info:
        read(data)
    return info.value.code


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str | None = None, extra: str = "") -> str:
    suffix = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{suffix}'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def add_list(document: DocxDocument, abstract_id: int, levels: str, num_ids: dict[int, str],
             abstract_extra: str = "") -> None:
    """Add an abstractNum and its nums (``{numId: extra num XML, e.g. lvlOverride}``)."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{abstract_extra}{levels}</w:abstractNum>')
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    for num_id, extra in num_ids.items():
        numbering.append(parse_xml(
            f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{extra}</w:num>'))


def numbered(document: DocxDocument, text: str, num_id: int, ilvl: int | None = 0) -> Paragraph:
    paragraph = document.add_paragraph(text)
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    paragraph._p.get_or_add_pPr().insert(0, parse_xml(f'<w:numPr {W}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def add_xml(paragraph: Paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def zip_bytes(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """Return the package ``data`` with part ``name`` replaced by ``content``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[name] = content
    return zip_bytes(parts)


# ---------------------------------------------------------------------------- numbering
CN_ARTICLES = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def test_chinese_counting_thousand_articles() -> None:
    def fill(d: DocxDocument) -> None:
        add_list(d, 77, lvl(0, "chineseCountingThousand", "第%1条", suff="space"), {77: ""})
        d.add_paragraph("总则")
        for i in range(12):
            numbered(d, f"内容{i + 1}", 77)

    doc = read(build(fill))
    assert texts(doc) == ["总则"] + [f"第{n}条 内容{i + 1}" for i, n in enumerate(CN_ARTICLES)]
    assert [b.kind for b in doc.blocks[1:]] == [BlockKind.LIST_ITEM] * 12
    assert doc.blocks[0].kind == BlockKind.PARAGRAPH


@pytest.mark.parametrize(("fmt", "values"), [
    ("chineseCountingThousand", {0: "〇", 1: "一", 10: "十", 11: "十一", 19: "十九", 20: "二十", 21: "二十一",
                                 99: "九十九", 100: "一百", 101: "一百零一", 110: "一百一十", 111: "一百一十一",
                                 1000: "一千", 1001: "一千零一", 1010: "一千零一十", 10000: "一万", 10001: "一万零一"}),
    ("chineseCounting", {1: "一", 10: "十", 11: "十一", 20: "二十", 99: "九十九", 100: "一〇〇", 101: "一〇一"}),
    ("chineseLegalSimplified", {1: "壹", 10: "壹拾", 11: "壹拾壹", 20: "贰拾", 101: "壹佰零壹"}),
    ("japaneseCounting", {10: "十", 11: "十一", 100: "百", 101: "百一", 1234: "千二百三十四"}),
    ("ideographDigital", {7: "七", 10: "一〇", 105: "一〇五"}),
    ("ideographTraditional", {1: "甲", 10: "癸", 11: "11"}),
    ("ideographZodiac", {1: "子", 12: "亥"}),
    ("decimalEnclosedCircle", {1: "①", 20: "⑳", 21: "21"}),
    ("decimalEnclosedCircleChinese", {3: "③"}),
    ("decimalEnclosedParen", {1: "⑴", 20: "⒇"}),
    ("decimalFullWidth", {12: "１２"}),
    ("decimalZero", {3: "03", 12: "12"}),
    ("upperLetter", {1: "A", 26: "Z", 27: "AA", 28: "BB"}),
    ("lowerLetter", {3: "c"}),
    ("upperRoman", {4: "IV", 14: "XIV", 1999: "MCMXCIX"}),
    ("lowerRoman", {9: "ix"}),
    ("decimal", {42: "42"}),
    ("none", {5: ""}),
    ("somethingNew", {5: "5"}),
])
def test_number_formats(fmt: str, values: dict[int, str]) -> None:
    assert {n: format_number(n, fmt) for n in values} == values


def test_two_level_list_restarts_lower_level() -> None:
    levels = lvl(0, "chineseCounting", "（%1）", suff="nothing") + lvl(1, "decimal", "%2.")
    levels_never = lvl(0, "upperLetter", "%1)", suff="space") + lvl(
        1, "decimal", "%1.%2", suff="space", extra='<w:lvlRestart w:val="0"/>')

    def fill(d: DocxDocument) -> None:
        add_list(d, 10, levels, {10: ""})
        add_list(d, 11, levels_never, {11: ""})
        for text, ilvl in [("甲", 0), ("a", 1), ("b", 1), ("乙", 0), ("c", 1)]:
            numbered(d, text, 10, ilvl)
        for text, ilvl in [("x", 0), ("y", 1), ("z", 0), ("w", 1)]:
            numbered(d, text, 11, ilvl)

    assert texts(read(build(fill))) == [
        "（一）甲", "1.\ta", "2.\tb", "（二）乙", "1.\tc",
        "A) x", "A.1 y", "B) z", "B.2 w",  # lvlRestart 0: level 2 never restarts
    ]


def test_legal_numbering_and_start_values() -> None:
    levels = lvl(0, "chineseCountingThousand", "第%1章", suff="space") + lvl(
        1, "decimal", "%1.%2", start=3, suff="space", extra="<w:isLgl/>")

    def fill(d: DocxDocument) -> None:
        add_list(d, 12, levels, {12: ""})
        numbered(d, "总则", 12, 0)
        numbered(d, "目的", 12, 1)
        numbered(d, "范围", 12, 1)

    assert texts(read(build(fill))) == ["第一章 总则", "1.3 目的", "1.4 范围"]


def test_counters_shared_by_abstract_num_and_start_override() -> None:
    """All nums of one abstractNum share its counters; a startOverride restarts them on that num's first use."""
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>'

    def fill(d: DocxDocument) -> None:
        add_list(d, 20, lvl(0, "decimal", "%1.", suff="space"), {21: "", 22: "", 23: override})
        add_list(d, 24, lvl(0, "decimal", "(%1)", suff="space"), {25: ""})
        for num_id in (21, 22, 21, 23, 25, 23, 21, 25):
            numbered(d, f"n{num_id}", num_id)

    assert texts(read(build(fill))) == [  # as LibreOffice renders it
        "1. n21", "2. n22", "3. n21", "5. n23", "(1) n25", "6. n23", "7. n21", "(2) n25"]


def test_numbering_from_paragraph_style_and_num_style_link() -> None:
    def fill(d: DocxDocument) -> None:
        add_list(d, 30, lvl(0, "chineseCountingThousand", "第%1条", suff="space", extra='<w:pStyle w:val="Article"/>'),
                 {30: ""})
        d.styles.element.append(parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="Article"><w:name w:val="Article"/>'
            '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="30"/></w:numPr></w:pPr></w:style>'))
        d.styles.element.append(parse_xml(
            f'<w:style {W} w:type="paragraph" w:styleId="ArticleBold"><w:name w:val="Article Bold"/>'
            '<w:basedOn w:val="Article"/></w:style>'))
        # numStyleLink: list 31 takes its levels from the list defined by numbering style "LegalList"
        add_list(d, 32, lvl(0, "decimalEnclosedCircle", "%1", suff="nothing"), {32: ""},
                 abstract_extra='<w:styleLink w:val="LegalList"/>')
        add_list(d, 31, "", {31: ""}, abstract_extra='<w:numStyleLink w:val="LegalList"/>')
        d.styles.element.append(parse_xml(
            f'<w:style {W} w:type="numbering" w:styleId="LegalList"><w:name w:val="Legal List"/>'
            '<w:pPr><w:numPr><w:numId w:val="32"/></w:numPr></w:pPr></w:style>'))
        d.add_paragraph("名称", style="Article")
        d.add_paragraph("性质", style="Article Bold")
        numbered(d, "不编号", 0).style = d.styles["Article"]
        numbered(d, "圈一", 31)
        numbered(d, "圈二", 31)

    doc = read(build(fill))
    assert texts(doc) == ["第一条 名称", "第二条 性质", "不编号", "①圈一", "②圈二"]
    assert doc.blocks[0].style == "Article" and doc.blocks[0].kind == BlockKind.LIST_ITEM
    assert doc.blocks[2].kind == BlockKind.PARAGRAPH


def test_numbered_heading_stays_a_heading() -> None:
    def fill(d: DocxDocument) -> None:
        add_list(d, 35, lvl(0, "chineseCountingThousand", "第%1章", suff="space", extra='<w:pStyle w:val="Heading1"/>'),
                 {35: ""})
        heading = d.styles["Heading 1"].element
        heading.get_or_add_pPr().insert(0, parse_xml(f'<w:numPr {W}><w:numId w:val="35"/></w:numPr>'))
        d.add_heading("总则", level=1)
        d.add_paragraph("正文")
        d.add_heading("成员", level=1)

    doc = read(build(fill))
    assert [(b.kind, b.heading_level, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, 1, "第一章 总则"), (BlockKind.PARAGRAPH, None, "正文"), (BlockKind.HEADING, 1, "第二章 成员")]


def test_bullets_and_empty_numbered_paragraphs() -> None:
    def fill(d: DocxDocument) -> None:
        add_list(d, 40, lvl(0, "bullet", "\uf0b7"), {40: ""})
        add_list(d, 41, lvl(0, "chineseCountingThousand", "第%1条", suff="space"), {41: ""})
        numbered(d, "要点", 40)
        numbered(d, "", 40)  # an empty bullet shows nothing worth a block
        numbered(d, "", 41)  # an empty article paragraph still shows (and counts) its number
        numbered(d, "内容", 41)

    assert texts(read(build(fill))) == ["•\t要点", "第一条", "第二条 内容"]


# ---------------------------------------------------------------------------- paragraphs and runs
def test_headings_title_and_outline_levels() -> None:
    def fill(d: DocxDocument) -> None:
        d.add_paragraph("联盟章程", style="Title")
        d.add_heading("第一章 总则", level=1)
        d.add_heading("第一节", level=2)
        outlined = d.add_paragraph("大纲三级")
        outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="2"/>'))
        d.add_paragraph("")
        d.add_paragraph("   ")
        d.add_paragraph("正文")

    doc = read(build(fill))
    assert [(b.kind, b.heading_level, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, None, "联盟章程"),
        (BlockKind.HEADING, 1, "第一章 总则"),
        (BlockKind.HEADING, 2, "第一节"),
        (BlockKind.HEADING, 3, "大纲三级"),
        (BlockKind.PARAGRAPH, None, "正文"),
    ]
    assert doc.blocks[1].style == "heading 1"


def test_run_content_fields_and_tracked_changes() -> None:
    def fill(d: DocxDocument) -> None:
        p = d.add_paragraph("甲")
        add_xml(p, f'<w:r {W}><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/>'
                   '<w:sym w:font="Symbol" w:char="00B1"/><w:cr/></w:r>')
        add_xml(p, f'<w:ins {W} w:id="1" w:author="x"><w:r><w:t>新增</w:t></w:r></w:ins>')
        add_xml(p, f'<w:del {W} w:id="2" w:author="x"><w:r><w:delText>删除</w:delText></w:r></w:del>')
        add_xml(p, f'<w:hyperlink {W}><w:r><w:t>链接</w:t></w:r></w:hyperlink>')
        add_xml(p, f'<w:smartTag {W} w:uri="u" w:element="e"><w:r><w:t>标记</w:t></w:r></w:smartTag>')
        add_xml(p, f'<w:r {W}><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>')
        q = d.add_paragraph("日期：")
        add_xml(q, f'<w:fldSimple {W} w:instr=" DATE "><w:r><w:t>2024年5月1日</w:t></w:r></w:fldSimple>')
        add_xml(q, f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>')
        add_xml(q, f'<w:r {W}><w:instrText xml:space="preserve"> REF 甲方 \\h </w:instrText></w:r>')
        add_xml(q, f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>')
        add_xml(q, f'<w:r {W}><w:t>（引用结果）</w:t></w:r>')
        add_xml(q, f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>')
        add_xml(q, f'<w:r {W}><w:t>完</w:t></w:r>')

    assert texts(read(build(fill))) == ["甲\t乙\n丙-±\n新增链接标记", "日期：2024年5月1日（引用结果）完"]


def test_content_controls_and_custom_xml_keep_order() -> None:
    def fill(d: DocxDocument) -> None:
        d.add_paragraph("一")
        end = d.element.body.sectPr  # body content goes before the final section properties
        end.addprevious(parse_xml(
            f'<w:sdt {W}><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>'
            '<w:p><w:r><w:t>二</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
        end.addprevious(parse_xml(f'<w:customXml {W} w:element="c"><w:p><w:r><w:t>三</w:t></w:r></w:p></w:customXml>'))
        p = d.add_paragraph("四")
        add_xml(p, f'<w:sdt {W}><w:sdtContent><w:r><w:t>五</w:t></w:r></w:sdtContent></w:sdt>')

    assert texts(read(build(fill))) == ["一", "二", "三", "四五"]


def text_box_run(text: str) -> str:
    content = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f'<w:r {BOX_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox>"
        "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_text_box_follows_its_anchor_once() -> None:
    def fill(d: DocxDocument) -> None:
        d.add_paragraph("前文")
        add_xml(d.add_paragraph("锚点段落"), text_box_run("框内文字"))
        add_xml(d.add_paragraph(), text_box_run("只有文本框"))
        d.add_paragraph("后文")

    assert texts(read(build(fill))) == ["前文", "锚点段落", "框内文字", "只有文本框", "后文"]


# ---------------------------------------------------------------------------- tables
def test_table_spans_and_cell_text() -> None:
    def fill(d: DocxDocument) -> None:
        add_list(d, 50, lvl(0, "decimal", "%1.", suff="space"), {50: ""})
        d.add_paragraph("表前")
        table = d.add_table(rows=3, cols=3)
        for r in range(3):
            for c in range(3):
                table.cell(r, c).text = f"{r}{c}"
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = "表头"
        tall = table.cell(1, 2).merge(table.cell(2, 2))
        tall.text = "第一行"
        tall.add_paragraph("第二行")
        cell = table.cell(2, 0)
        cell.text = ""
        item = cell.paragraphs[0]
        item._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="50"/></w:numPr>'))
        item.add_run("编号项")
        inner = table.cell(2, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "内甲", "内乙"
        d.add_paragraph("表后")

    doc = read(build(fill))
    assert texts(doc) == ["表前", "表后"]
    table = doc.blocks[1].table
    assert doc.blocks[1].kind == BlockKind.TABLE and table is not None
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells] == [
        (0, 0, 1, 2, "表头"),
        (0, 2, 1, 1, "02"),
        (1, 0, 1, 1, "10"),
        (1, 1, 1, 1, "11"),
        (1, 2, 2, 1, "第一行\n第二行"),
        (2, 0, 1, 1, "1. 编号项"),
        (2, 1, 1, 1, "21\n内甲\t内乙"),
    ]


def test_grid_before_and_row_content_controls() -> None:
    def fill(d: DocxDocument) -> None:
        d.add_paragraph("x")
        d.element.body.insert(1, parse_xml(
            f'<w:tbl {W}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
            '<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc>'
            '<w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>'
            '<w:sdt><w:sdtContent><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
            '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr>'
            '</w:sdtContent></w:sdt></w:tbl>'))

    table = read(build(fill)).blocks[1].table
    assert table is not None
    assert [(c.row, c.col, c.colspan, c.text) for c in table.cells] == [
        (0, 0, 1, "a"), (0, 1, 1, "b"), (0, 2, 1, "c"), (1, 1, 2, "d")]


# ---------------------------------------------------------------------------- furniture, pages, metadata
def test_headers_and_footers_are_furniture() -> None:
    def fill(d: DocxDocument) -> None:
        section = d.sections[0]
        section.header.paragraphs[0].text = "某某产业技术创新联盟"
        footer = section.footer.paragraphs[0]
        footer.text = "第 "
        add_xml(footer, f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        add_xml(footer, f'<w:r {W}><w:t xml:space="preserve"> 页 共 </w:t></w:r>')
        for xml in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText> NUMPAGES </w:instrText>',
                    '<w:fldChar w:fldCharType="separate"/>', "<w:t>9</w:t>", '<w:fldChar w:fldCharType="end"/>'):
            add_xml(footer, f"<w:r {W}>{xml}</w:r>")
        add_xml(footer, f'<w:r {W}><w:t xml:space="preserve"> 页</w:t></w:r>')
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "封面页眉"
        d.add_paragraph("正文")
        new = d.add_section(WD_SECTION.NEW_PAGE)
        new.header.is_linked_to_previous = False
        new.header.paragraphs[0].text = "某某产业技术创新联盟"  # same text: listed once
        d.add_paragraph("第二节正文")

    doc = read(build(fill))
    assert texts(doc) == ["正文", "第二节正文"]
    assert sorted((b.kind, b.text) for b in doc.furniture) == sorted([
        (BlockKind.HEADER, "某某产业技术创新联盟"),
        (BlockKind.HEADER, "封面页眉"),
        (BlockKind.FOOTER, "第  页 共  页"),
    ])


def test_pages_from_breaks() -> None:
    def fill(d: DocxDocument) -> None:
        d.add_paragraph("第一页")
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        d.add_paragraph("第二页")
        d.add_paragraph("第三页").paragraph_format.page_break_before = True
        d.add_section(WD_SECTION.CONTINUOUS)
        d.add_paragraph("仍在第三页")
        d.add_section(WD_SECTION.NEW_PAGE)
        d.add_paragraph("第四页")
        rendered = d.add_paragraph()
        add_xml(rendered, f'<w:r {W}><w:lastRenderedPageBreak/><w:t>第五页</w:t></w:r>')
        hard = d.add_paragraph("第五页末")
        hard.add_run().add_break(WD_BREAK.PAGE)
        add_xml(d.add_paragraph(), f'<w:r {W}><w:lastRenderedPageBreak/><w:t>第六页</w:t></w:r>')

    doc = read(build(fill))
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("第一页", 1), ("第二页", 2), ("第三页", 3), ("仍在第三页", 3), ("第四页", 4),
        ("第五页", 5), ("第五页末", 5), ("第六页", 6)]
    assert [p.number for p in doc.pages] == [1, 2, 3, 4, 5, 6]
    assert doc.metadata["page_count"] == 6
    assert (round(doc.pages[0].width or 0), round(doc.pages[0].height or 0)) == (612, 792)
    assert [n.code for n in doc.warnings] == ["docx_pages_estimated"]


def test_rendered_break_repeated_in_a_row_counts_once() -> None:
    def fill(d: DocxDocument) -> None:
        d.add_paragraph("表前")
        table = d.add_table(rows=2, cols=2)
        for r in range(2):
            for c in range(2):
                paragraph = table.cell(r, c).paragraphs[0]
                rendered = "<w:lastRenderedPageBreak/>" if r == 1 else ""
                add_xml(paragraph, f"<w:r {W}>{rendered}<w:t>{r}{c}</w:t></w:r>")
        d.add_paragraph("表后")

    doc = read(build(fill))
    table = doc.blocks[1].table
    assert table is not None
    assert [(c.text, c.page) for c in table.cells] == [("00", 1), ("01", 1), ("10", 2), ("11", 2)]
    assert doc.blocks[2].page == 2 and len(doc.pages) == 2


def test_unsupported_parts_and_strict_ooxml() -> None:
    def fill(d: DocxDocument) -> None:
        d.add_paragraph("正文")
        d.element.body.sectPr.addprevious(parse_xml(f'<w:altChunk {W} r:id="rId99" '
                                                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'))

    doc = read(build(fill))
    assert texts(doc) == ["正文"]
    assert [n.code for n in doc.warnings] == ["docx_pages_estimated", "docx_unsupported_part"]
    strict = zipfile.ZipFile(io.BytesIO(simple("严格格式"))).read("word/document.xml")
    strict = strict.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                            b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    good = simple("x")
    assert texts(read(with_part(good, "word/document.xml", strict))) == ["严格格式"]


def test_metadata_and_app_page_count() -> None:
    def fill(d: DocxDocument) -> None:
        d.core_properties.title = "联盟协议"
        d.core_properties.author = "秘书处"
        d.add_paragraph("正文")

    data = build(fill)
    app = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns='
           b'"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>4</Pages></Properties>')
    doc = read(with_part(data, "docProps/app.xml", app))
    assert doc.metadata["title"] == "联盟协议" and doc.metadata["author"] == "秘书处"
    assert "created" in doc.metadata
    assert doc.metadata["page_count"] == 4 and len(doc.pages) == 4
    assert doc.parser == DocxBackend.name


# ---------------------------------------------------------------------------- bad and hostile input
def ole_file(*streams: str) -> bytes:
    body = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + body + b"\x00" * 1024


def test_encrypted_office_file() -> None:
    assert error_code(ole_file("Root Entry", "EncryptionInfo", "EncryptedPackage")) == "encrypted_office"
    assert error_code(ole_file("Root Entry", "WordDocument")) == "corrupt_file"  # a legacy .doc


def test_corrupt_packages() -> None:
    good = simple("正文")
    assert error_code(zip_bytes({"word/other.xml": b"<x/>"})) == "corrupt_file"
    assert error_code(good[: len(good) // 2]) == "corrupt_file"
    assert error_code(b"PK\x03\x04 garbage") == "corrupt_file"
    assert error_code(with_part(good, "word/document.xml", b"<w:document><w:body>")) == "corrupt_file"
    assert error_code(with_part(good, "word/document.xml", b"<root/>")) == "corrupt_file"
    assert error_code(with_part(good, "word/styles.xml", b"\x00\x01 not xml")) == "corrupt_file"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"""


def test_entity_bomb_is_refused() -> None:
    good = simple("正文")
    assert error_code(with_part(good, "word/document.xml", BOMB)) == "archive_unsafe"
    utf16 = BOMB.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"').decode().encode("utf-16")
    assert error_code(with_part(good, "word/document.xml", utf16)) == "archive_unsafe"
    utf16_be = BOMB.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"').decode().encode("utf-16-be")
    assert error_code(with_part(good, "word/document.xml", utf16_be)) == "archive_unsafe"
    assert error_code(with_part(good, "word/styles.xml", BOMB)) == "archive_unsafe"


def test_zip_bombs_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    good = simple("正文")
    filler = b"<w:p/>" * 400_000  # 2.4 MB that deflates more than 200-fold
    bomb = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + filler + b"</w:body></w:document>")
    assert error_code(with_part(good, "word/document.xml", bomb)) == "archive_unsafe"
    monkeypatch.setattr(docx_backend, "_MAX_UNPACKED", 50_000)
    assert error_code(good) == "archive_unsafe"


def test_absurd_page_counts_are_refused() -> None:
    app = (b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Pages>999999999</Pages></Properties>")
    assert error_code(with_part(simple("正文"), "docProps/app.xml", app)) == "too_many_pages"


def test_only_intake_errors_escape() -> None:
    good = simple("正文")
    for n in range(0, len(good), max(len(good) // 40, 1)):
        broken = good[:n] + bytes(16) + good[n + 16:]
        try:
            read(broken)
        except IntakeError:
            pass


# ---------------------------------------------------------------------------- styles kept between documents
def test_documents_of_one_template_share_their_styles_and_a_changed_template_is_read_again() -> None:
    def heading_doc(text: str) -> bytes:
        return build(lambda d: d.add_heading(text, level=1))

    first, second = heading_doc("总则"), heading_doc("附则")
    docx_backend._STYLES.clear()
    assert read(first).blocks[0].heading_level == 1
    assert len(docx_backend._STYLES) == 1
    assert read(second).blocks[0].heading_level == 1
    assert len(docx_backend._STYLES) == 1  # same styles.xml bytes: read once

    styles_xml = zipfile.ZipFile(io.BytesIO(second)).read("word/styles.xml")
    renamed = styles_xml.replace(b'w:val="heading 1"', b'w:val="Plain One"')
    assert renamed != styles_xml
    changed = with_part(second, "word/styles.xml", renamed)
    assert read(changed).blocks[0].style == "Plain One"  # its own styles, not the kept ones
    assert read(second).blocks[0].style == "heading 1"
    assert len(docx_backend._STYLES) == 2
