"""The pdfium PDF backend on PDFs drawn here with fpdf2: exact texts, blocks, tables and errors.

Characters of the WenQuanYi Zen Hei font are 12 pt wide at 12 pt, so lines of N characters
end exactly where the test expects; pages are A4 (595 x 842 pt), fpdf2 y is the baseline.
"""

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from intake.backends import pdf as pdf_module
from intake.backends.pdf import PdfBackend
from intake.backends.pdf_chars import Char, glyph_stats
from intake.backends.pdf_furniture import is_page_number
from intake.raw import RawBlock, RawDocument, RawTable
from intake.settings import IntakeSettings
from models import BlockKind, IntakeError, PageStatus

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (dev extra) draws the test PDFs")
Pdf = Any  # fpdf.FPDF, untyped
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
pytestmark = pytest.mark.skipif(not FONT.is_file(), reason=f"font {FONT} missing (Debian fonts-wqy-zenhei)")

SIZE = 12.0
LEFT, RIGHT = 72.0, 504.0  # 36 characters of 12 pt
INDENT = LEFT + 2 * SIZE
PITCH = 20.0
PARA_1 = "第一条　联盟由从事稀土功能材料研发、生产和应用的企业、高等院校、科研院所自愿组成，是不具有独立法人资格的技术创新合作组织，成员单位共同遵守本协议的各项约定。"
PARA_2 = "第二条　联盟的宗旨是突破产业关键共性技术。"


def _new() -> Pdf:
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=SIZE)
    pdf.set_line_width(0.5)
    return pdf


def _page(pdf: Pdf) -> None:
    pdf.add_page()
    pdf.set_font("wqy", size=SIZE)


def _wrap(text: str, first: int, rest: int) -> list[str]:
    """Cut ``text`` into a first line of ``first`` characters and further lines of ``rest``."""
    lines = [text[:first]]
    text = text[first:]
    while text:
        lines.append(text[:rest])
        text = text[rest:]
    return lines


def _paragraph(pdf: Pdf, text: str, y: float, left: float = LEFT, width: int = 36) -> float:
    """Draw ``text`` with a two-character first-line indent; return the baseline after it."""
    for i, line in enumerate(_wrap(text, width - 2, width)):
        pdf.text(left + 2 * SIZE if i == 0 else left, y, line)
        y += PITCH
    return y


def _bytes(pdf: Pdf) -> bytes:
    """Render the PDF and close the font files fpdf2 keeps open (lazy fontTools loading)."""
    data = bytes(pdf.output())
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()
    return data


def _read(pdf: Pdf, settings: IntakeSettings | None = None) -> RawDocument:
    return PdfBackend().read(_bytes(pdf), "test.pdf", settings or IntakeSettings())


def _texts(doc: RawDocument) -> list[str]:
    return [b.text for b in doc.blocks if b.kind != BlockKind.TABLE]


def _grid(table: RawTable) -> list[tuple[int, int, int, int, str]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)


def _tables(doc: RawDocument) -> list[RawBlock]:
    return [b for b in doc.blocks if b.kind == BlockKind.TABLE]


def test_wrapped_paragraph_is_one_block_with_its_lines() -> None:
    pdf = _new()
    _page(pdf)
    y = _paragraph(pdf, PARA_1, 120)
    _paragraph(pdf, PARA_2, y)
    doc = _read(pdf)
    assert _texts(doc) == [PARA_1, PARA_2]
    first = doc.blocks[0]
    assert first.kind == BlockKind.PARAGRAPH and first.page == 1
    assert [first.text[ln.start : ln.end] for ln in first.lines] == _wrap(PARA_1, 34, 36)
    assert first.lines[0].bbox[0] == pytest.approx(INDENT, abs=0.5)
    assert first.lines[1].bbox[0] == pytest.approx(LEFT, abs=0.5)
    assert first.lines[1].bbox[2] == pytest.approx(RIGHT, abs=0.5)
    assert doc.pages[0].status == PageStatus.OK
    assert doc.pages[0].width == pytest.approx(595.28, abs=0.1)
    assert doc.pages[0].height == pytest.approx(841.89, abs=0.1)


def test_new_paragraph_at_markers_even_after_a_full_line() -> None:
    pdf = _new()
    _page(pdf)
    items = ["（一）" + "甲" * 33, "（二）" + "乙" * 33, "1．" + "丙" * 34, "附件：成员名单"]
    for i, text in enumerate(items):
        pdf.text(LEFT, 120 + i * PITCH, text)
    doc = _read(pdf)
    assert _texts(doc) == items


def test_fake_bold_comes_out_once_and_real_doubles_stay() -> None:
    pdf = _new()
    _page(pdf)
    _paragraph(pdf, PARA_1, 100)
    # Glyph by glyph, drawn twice: with 0.3 pt offset (pdfium drops these itself) and with a
    # 2 pt vertical offset (pdfium keeps them; the backend must drop them).
    for y, (dx, dy) in ((200.0, (0.3, 0.0)), (240.0, (0.3, 2.0))):
        for i, ch in enumerate("甲方乙方"):
            pdf.text(LEFT + i * SIZE, y, ch)
            pdf.text(LEFT + i * SIZE + dx, y + dy, ch)
        for i, ch in enumerate("人人常常"):
            pdf.text(LEFT + (4 + i) * SIZE, y, ch)
    doc = _read(pdf)
    assert _texts(doc) == [PARA_1, "甲方乙方人人常常", "甲方乙方人人常常"]


def _header_footer_doc() -> Pdf:
    pdf = _new()
    body = _wrap(PARA_1 + PARA_1[4:], 34, 36)
    for number in (1, 2):
        _page(pdf)
        pdf.text(LEFT + 9 * SIZE, 40, "甘肃省稀土联盟协议书")
        pdf.text(LEFT + 13 * SIZE, 810, f"第{number}页共2页")
    pdf.page = 1
    y = 740 - PITCH * (len(body) - 2)
    for i, line in enumerate(body[:-1]):
        pdf.text(INDENT if i == 0 else LEFT, y + i * PITCH, line)
    pdf.page = 2
    pdf.text(LEFT, 110, body[-1])
    pdf.text(INDENT, 110 + PITCH, PARA_2)
    return pdf


def test_header_and_page_footer_go_to_furniture_and_paragraph_joins_over_page_break() -> None:
    doc = _read(_header_footer_doc())
    furniture = {(b.page, b.kind, b.text) for b in doc.furniture}
    assert furniture == {
        (1, BlockKind.HEADER, "甘肃省稀土联盟协议书"),
        (1, BlockKind.FOOTER, "第1页共2页"),
        (2, BlockKind.HEADER, "甘肃省稀土联盟协议书"),
        (2, BlockKind.FOOTER, "第2页共2页"),
    }
    assert _texts(doc) == [PARA_1 + PARA_1[4:], PARA_2]
    block = doc.blocks[0]
    assert block.page == 1
    assert [ln.page for ln in block.lines][-2:] == [1, 2]
    last = block.lines[-1]
    assert block.text[last.start : last.end] == _wrap(PARA_1 + PARA_1[4:], 34, 36)[-1]
    assert block.bbox is not None and block.bbox[3] < 760


def _rule(pdf: Pdf, x0: float, y0: float, x1: float, y1: float, filled: bool = False) -> None:
    if filled:  # a thin filled rectangle, as LibreOffice draws borders
        pdf.rect(x0, y0 - 0.25, x1 - x0, 0.5, style="F") if y0 == y1 else pdf.rect(
            x0 - 0.25, y0, 0.5, y1 - y0, style="F"
        )
    else:
        pdf.line(x0, y0, x1, y1)


def _cell_text(pdf: Pdf, x: float, top: float, *lines: str) -> None:
    for i, line in enumerate(lines):
        pdf.text(x + 4, top + 16 + i * 15, line)


def test_ruled_table_with_merged_cells_sits_between_paragraphs() -> None:
    pdf = _new()
    _page(pdf)
    pdf.text(INDENT, 160, "第七条　成员如下：")
    xs, ys = (72.0, 172.0, 272.0, 400.0), (200.0, 230.0, 275.0, 305.0)
    for y in (ys[0], ys[1], ys[3]):
        _rule(pdf, xs[0], y, xs[3], y, filled=y == ys[3])
    _rule(pdf, xs[0], ys[2], xs[2], ys[2])  # no rule under the right column: rowspan 2
    for x in (xs[0], xs[2], xs[3]):
        _rule(pdf, x, ys[0], x, ys[3], filled=x == xs[0])
    _rule(pdf, xs[1], ys[1], xs[1], ys[3])  # no rule in the header row: colspan 2
    _cell_text(pdf, xs[0], ys[0], "项目名称")
    _cell_text(pdf, xs[2], ys[0], "负责单位")
    _cell_text(pdf, xs[0], ys[1], "一")
    _cell_text(pdf, xs[1], ys[1], "稀土功能", "材料")
    _cell_text(pdf, xs[2], ys[1], "联合实验室")
    _cell_text(pdf, xs[0], ys[2], "二")
    _cell_text(pdf, xs[1], ys[2], "储氢合金")
    pdf.text(INDENT, 340, "第八条　附则。")
    doc = _read(pdf)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    assert _texts(doc) == ["第七条　成员如下：", "第八条　附则。"]
    table = doc.blocks[1].table
    assert table is not None and (table.n_rows, table.n_cols) == (3, 3)
    assert _grid(table) == [
        (0, 0, 1, 2, "项目名称"),
        (0, 2, 1, 1, "负责单位"),
        (1, 0, 1, 1, "一"),
        (1, 1, 1, 1, "稀土功能材料"),
        (1, 2, 2, 1, "联合实验室"),
        (2, 0, 1, 1, "二"),
        (2, 1, 1, 1, "储氢合金"),
    ]
    assert doc.blocks[1].bbox == pytest.approx((72.0, 200.0, 400.0, 305.0), abs=1.0)
    wrapped = next(c for c in table.cells if c.text == "稀土功能材料")
    assert [(ln.start, ln.end) for ln in wrapped.lines] == [(0, 4), (4, 6)]


def _simple_table(pdf: Pdf, top: float, rows: list[tuple[str, str]]) -> None:
    xs = (72.0, 200.0, 400.0)
    bottom = top + 30 * len(rows)
    for i in range(len(rows) + 1):
        _rule(pdf, xs[0], top + 30 * i, xs[2], top + 30 * i)
    for x in xs:
        _rule(pdf, x, top, x, bottom)
    for i, (a, b) in enumerate(rows):
        _cell_text(pdf, xs[0], top + 30 * i, a)
        _cell_text(pdf, xs[1], top + 30 * i, b)


@pytest.mark.parametrize("repeat_header", [False, True])
def test_table_continued_on_next_page_is_one_table(repeat_header: bool) -> None:
    pdf = _new()
    _page(pdf)
    pdf.text(INDENT, 600, "成员名单如下：")
    _simple_table(pdf, 620, [("序号", "单位名称"), ("1", "甲公司"), ("2", "乙大学")])
    _page(pdf)
    rows = [("3", "丙研究院"), ("4", "丁协会")]
    _simple_table(pdf, 100, [("序号", "单位名称"), *rows] if repeat_header else rows)
    pdf.text(INDENT, 220, "第八条　附则。")
    doc = _read(pdf)
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    table = doc.blocks[1].table
    assert table is not None and (table.n_rows, table.n_cols) == (5, 2)
    names = [c.text for c in sorted(table.cells, key=lambda c: c.row) if c.col == 1]
    assert names == ["单位名称", "甲公司", "乙大学", "丙研究院", "丁协会"]
    assert [c.page for c in sorted(table.cells, key=lambda c: c.row) if c.col == 1] == [1, 1, 1, 2, 2]


def test_tables_with_other_columns_on_next_page_stay_apart() -> None:
    pdf = _new()
    _page(pdf)
    _simple_table(pdf, 680, [("序号", "单位名称"), ("1", "甲公司")])
    _page(pdf)
    for y in (100.0, 130.0):
        _rule(pdf, 72, y, 300, y)
    for x in (72.0, 150.0, 300.0):
        _rule(pdf, x, 100, x, 130)
    _cell_text(pdf, 72, 100, "项目")
    _cell_text(pdf, 150, 100, "金额")
    doc = _read(pdf)
    assert [b.table.n_rows for b in _tables(doc) if b.table] == [2, 1]


def test_row_cut_by_page_break_is_joined() -> None:
    pdf = _new()
    _page(pdf)
    _simple_table(pdf, 680, [("序号", "单位名称"), ("1", "白银稀土功能")])
    _page(pdf)
    _simple_table(pdf, 100, [("", "材料有限公司"), ("2", "陇原大学")])
    doc = _read(pdf)
    [block] = _tables(doc)
    assert block.table is not None
    assert _grid(block.table) == [
        (0, 0, 1, 1, "序号"),
        (0, 1, 1, 1, "单位名称"),
        (1, 0, 1, 1, "1"),
        (1, 1, 1, 1, "白银稀土功能材料有限公司"),
        (2, 0, 1, 1, "2"),
        (2, 1, 1, 1, "陇原大学"),
    ]


def test_two_columns_read_left_then_right_whatever_the_drawing_order() -> None:
    left_paras = ["甲" * 40 + "。", "乙" * 20 + "。"]
    right_paras = ["丙" * 40 + "。", "丁" * 20 + "。"]
    width = 16  # characters per column line: 192 pt

    def column(x: float, paras: list[str]) -> list[tuple[float, float, str]]:
        out, y = [], 140.0
        for para in paras:
            for i, line in enumerate(_wrap(para, width - 2, width)):
                out.append((x + 2 * SIZE if i == 0 else x, y, line))
                y += PITCH
        return out

    pdf = _new()
    _page(pdf)
    drawn = column(312.0, right_paras) + column(LEFT, left_paras)[::-1]
    for x, y, line in drawn:
        pdf.text(x, y, line)
    pdf.text(261.0, 100, "双栏排版测试")
    doc = _read(pdf)
    assert _texts(doc) == ["双栏排版测试", *left_paras, *right_paras]
    assert [w.code for w in doc.warnings] == ["pdf_layout_two_columns"]
    assert doc.warnings[0].page == 1


def test_single_column_lines_follow_geometry_not_stream_order() -> None:
    pdf = _new()
    _page(pdf)
    lines = _wrap(PARA_1, 34, 36)
    for i in reversed(range(len(lines))):
        pdf.text(INDENT if i == 0 else LEFT, 120 + i * PITCH, lines[i])
    doc = _read(pdf)
    assert _texts(doc) == [PARA_1]
    assert not doc.warnings


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (120, 170), color=200).save(buf, format="PNG")
    return buf.getvalue()


def test_image_page_needs_ocr_and_blank_page_is_empty() -> None:
    """With OCR switched off (INTAKE_OCR=false) a scanned page stays needs_ocr."""
    pdf = _new()
    _page(pdf)
    pdf.image(io.BytesIO(_png()), x=0, y=0, w=595, h=842)
    _page(pdf)
    pdf.text(INDENT, 120, PARA_2)
    _page(pdf)
    doc = _read(pdf, IntakeSettings(ocr=False))
    assert [p.status for p in doc.pages] == [PageStatus.NEEDS_OCR, PageStatus.OK, PageStatus.EMPTY]
    assert doc.pages[0].reason
    assert [(w.code, w.page) for w in doc.warnings] == [("needs_ocr", 1)]
    assert _texts(doc) == [PARA_2]
    assert doc.blocks[0].page == 2


def _chars(text: str) -> list[Char]:
    return [Char(ch, i * 10.0, 0.0, i * 10.0 + 10, 12.0) for i, ch in enumerate(text)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("联盟协议书第一条联盟名称", None),
        ("联盟\ue001\ue002\ue003协议书", "glyphs"),
        ("联盟\ufffd\ufffd协议", "glyphs"),
        ("⼈⺠联盟协议⽅", "radical"),
        ("法定代表⼈签字，联盟协议书第一条联盟名称为稀土功能材料产业联盟", None),  # normalization repairs one
        ("Alliance agreement, article one", "Chinese"),
    ],
)
def test_text_layer_checks(text: str, problem: str | None) -> None:
    settings = IntakeSettings()
    status, reason = pdf_module._classify(
        _chars(text), pdf_module.PageObjects(), (595.0, 842.0), settings, pdf_module.layout_params()
    )
    if problem is None:
        assert status == PageStatus.OK
    else:
        assert status == PageStatus.NEEDS_OCR and reason is not None and problem in reason


def test_glyph_stats_counts() -> None:
    stats = glyph_stats(_chars("联盟 ab\ue000⼈"))
    assert (stats.total, stats.bad, stats.cjk, stats.letters, stats.radicals) == (6, 1, 2, 4, 1)


def test_failing_page_is_marked_and_others_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real: Callable[..., None] = pdf_module._layout

    def flaky(result: pdf_module._PageResult, *args: object) -> None:
        if result.page.number == 2:
            raise ValueError("boom")
        real(result, *args)

    monkeypatch.setattr(pdf_module, "_layout", flaky)
    pdf = _new()
    for text in (PARA_2, "第三条　第二页。", "第四条　第三页。"):
        _page(pdf)
        pdf.text(INDENT, 120, text)
    doc = _read(pdf)
    assert [p.status for p in doc.pages] == [PageStatus.OK, PageStatus.FAILED, PageStatus.OK]
    assert [(w.code, w.page) for w in doc.warnings] == [("page_failed", 2)]
    assert _texts(doc) == [PARA_2, "第四条　第三页。"]


def test_metadata() -> None:
    pdf = _new()
    pdf.set_title("稀土联盟协议书")
    pdf.set_author("联盟秘书处")
    _page(pdf)
    pdf.text(INDENT, 120, PARA_2)
    doc = _read(pdf)
    assert doc.metadata["title"] == "稀土联盟协议书"
    assert doc.metadata["author"] == "联盟秘书处"
    assert doc.metadata["page_count"] == 1
    assert doc.parser.startswith("pdfium-5")


def _error(data: bytes, settings: IntakeSettings | None = None) -> str:
    with pytest.raises(IntakeError) as info:
        PdfBackend().read(data, "bad.pdf", settings or IntakeSettings())
    return info.value.code


def _two_pages() -> bytes:
    pdf = _new()
    for text in (PARA_1, PARA_2):
        _page(pdf)
        pdf.text(INDENT, 120, text[:30])
    return _bytes(pdf)


def test_encrypted_pdf() -> None:
    pdf = _new()
    _page(pdf)
    pdf.text(INDENT, 120, PARA_2)
    pdf.set_encryption(owner_password="owner", user_password="secret")
    assert _error(_bytes(pdf)) == "encrypted_pdf"


def test_garbage_after_pdf_magic_is_corrupt() -> None:
    assert _error(b"%PDF-1.7\n" + bytes(range(256)) * 40) == "corrupt_file"


@pytest.mark.parametrize("share", [0.3, 0.6, 0.95])
def test_truncated_pdf(share: float) -> None:
    data = _two_pages()
    assert _error(data[: int(len(data) * share)]) == "truncated_file"


def test_too_many_pages() -> None:
    assert _error(_two_pages(), IntakeSettings(max_pages=1)) == "too_many_pages"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第1页共5页", True),
        ("第 1 页 共 5 页", True),
        ("第 1 页", True),
        ("- 1 -", True),
        ("— 3 —", True),
        ("1/5", True),
        ("12", True),
        ("Page 2 of 9", True),
        ("第一条", False),
        ("联盟章程 2024", False),
    ],
)
def test_page_number_patterns(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


def test_wrapped_reference_to_an_article_does_not_start_a_paragraph() -> None:
    pdf = _new()
    _page(pdf)
    text = "（一）成果归属。联盟项目形成的成果及其全部知识产权归完成方所有，但本协议第十二部分第（一）项另有约定的除外。"
    lines = [text[:36], text[36:]]
    assert lines[1].startswith("第十二部分第（一）项")
    pdf.text(LEFT, 120, lines[0])
    pdf.text(LEFT, 140, lines[1])
    pdf.text(LEFT, 160, "第十三部分　附则")
    _paragraph(pdf, PARA_1, 180)
    assert _texts(_read(pdf)) == [text, "第十三部分　附则", PARA_1]


def test_line_one_character_short_before_kinsoku_punctuation_still_wraps() -> None:
    pdf = _new()
    _page(pdf)
    _paragraph(pdf, PARA_1, 100)
    first = "联" * 35  # one character short: the next line starts with a character plus "、"
    pdf.text(LEFT, 200, first)
    pdf.text(LEFT, 220, "盟、成员。")
    assert _texts(_read(pdf)) == [PARA_1, first + "盟、成员。"]


def test_latin_words_keep_their_spaces() -> None:
    pdf = _new()
    _page(pdf)
    pdf.text(INDENT, 120, "本联盟英文名称为 Rare Earth Alliance，简称REA。")
    assert _texts(_read(pdf)) == ["本联盟英文名称为 Rare Earth Alliance，简称REA。"]


def _place_as_form(src: bytes, matrix: tuple[float, ...], size: tuple[float, float], rotation: int) -> bytes:
    """Draw page 1 of ``src`` as a form XObject through ``matrix`` on a new page, rotated for display."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    source = pdfium.PdfDocument(src)
    target = pdfium.PdfDocument.new()
    page = target.new_page(*size)
    form = pdfium_c.FPDF_NewFormObjectFromXObject(pdfium_c.FPDF_NewXObjectFromPage(target.raw, source.raw, 0))
    pdfium_c.FPDFPageObj_Transform(form, *matrix)
    pdfium_c.FPDFPage_InsertObject(page.raw, form)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    page.set_rotation(rotation)
    out = io.BytesIO()
    target.save(out)
    target.close()
    source.close()
    return out.getvalue()


def _table_page() -> tuple[bytes, float, float]:
    pdf = _new()
    _page(pdf)
    _paragraph(pdf, PARA_1, 120)
    _simple_table(pdf, 300, [("序号", "单位名称"), ("1", "甲公司")])
    return _bytes(pdf), pdf.w, pdf.h


def _summary(data: bytes) -> list[tuple[str, str, list[int]]]:
    doc = PdfBackend().read(data, "x.pdf", IntakeSettings())
    out = []
    for b in doc.blocks:
        assert b.bbox is not None
        cells = "|".join(c.text for c in b.table.cells) if b.table else b.text
        out.append((b.kind.value, cells, [round(v) for v in b.bbox]))
    return out


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_rotated_pages_and_form_xobjects_read_as_displayed(rotation: int) -> None:
    data, w, h = _table_page()
    expected = [
        ("paragraph", PARA_1, [72, 108, 504, 164]),
        ("table", "序号|单位名称|1|甲公司", [72, 300, 400, 360]),
    ]
    assert _summary(data) == expected
    # Content turned against the page rotation, so that it displays upright again.
    placements = {
        0: ((1, 0, 0, 1, 0, 0), (w, h)),
        90: ((0, 1, -1, 0, h, 0), (h, w)),
        180: ((-1, 0, 0, -1, w, h), (w, h)),
        270: ((0, -1, 1, 0, 0, w), (h, w)),
    }
    matrix, size = placements[rotation]
    assert _summary(_place_as_form(data, matrix, size, rotation)) == expected


def test_form_xobject_is_scaled_and_moved() -> None:
    data, w, h = _table_page()
    moved = _summary(_place_as_form(data, (0.5, 0, 0, 0.5, 100, 0), (w, h), 0))
    table = moved[1]
    assert table[0] == "table" and table[1] == "序号|单位名称|1|甲公司"
    top = h - (0.5 * (h - 300))  # page y of the table top after scaling about the bottom-left corner
    assert table[2] == [136, round(top), 300, round(top + 30)]


def test_boxed_paragraph_is_not_a_table() -> None:
    pdf = _new()
    _page(pdf)
    _rule(pdf, 66, 100, 510, 100)
    _rule(pdf, 66, 190, 510, 190)
    _rule(pdf, 66, 100, 66, 190)
    _rule(pdf, 510, 100, 510, 190)
    _rule(pdf, 66, 140, 510, 140)  # a divider does not make it a table either
    _paragraph(pdf, PARA_1, 120)
    doc = _read(pdf)
    assert not _tables(doc)
    assert _texts(doc) == [PARA_1]
