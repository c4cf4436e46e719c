"""OFD backend: pages, positions, tables, safety, on files made by tests/intake/ofd_maker.py."""

import io
import zipfile
from pathlib import Path

import pytest

from intake import parse_bytes
from intake.backends.ofd_page import expand_deltas
from intake.settings import IntakeSettings
from models import Format, IntakeError, PageStatus
from tests.corpus import ARTICLE_RE, read_source, squash
from tests.intake.ofd_maker import MM_PER_PT, Layout, OfdPage, OfdRule, OfdText, layout_text, make_ofd

AGREEMENT = """产业技术创新联盟协议书
第一条　联盟名称：示范产业技术创新联盟（以下简称“联盟”），由示范科技股份有限公司牵头组建，成员单位自愿加入，共同遵守本协议。
第二条　联盟成员在合作中形成的知识产权，归完成方所有；共同完成的，归各方共有，具体份额由各方另行书面约定。
| 序号 | 单位名称 | 法定代表人 |
| 1 | 示范科技股份有限公司 | 张三 |
| 2 | 示范理工大学 | 李四 |
\f第三条　联盟收益按各方投入比例分配，联盟理事会每年审议一次收益分配方案。
第四条　本协议自各方法定代表人签字并加盖公章之日起生效。
"""


def _mm(points: float) -> float:
    return points * MM_PER_PT


def test_multi_page_text_with_positions_and_page_size() -> None:
    pages = [
        OfdPage(texts=[OfdText(30, 40, "第一页第一行"), OfdText(30 + 6 * 3.7, 40, "接着写在同一行")]),
        OfdPage(texts=[OfdText(50, 100, "第二页的文字")], width=297, height=210),
    ]
    doc = parse_bytes(make_ofd(pages), "two.ofd")
    assert doc.format == Format.OFD and doc.parser.startswith("ofd")
    assert doc.page_count == 2
    assert [round(_mm(p.width or 0)) for p in doc.pages] == [210, 297]
    assert [round(_mm(p.height or 0)) for p in doc.pages] == [297, 210]
    assert "第一页第一行接着写在同一行" in doc.text  # two text objects, one visual line
    first = doc.text.index("第一页第一行")
    (page, bbox), = doc.boxes_for(first, first + 1)
    assert page == 1
    assert _mm(bbox[0]) == pytest.approx(30, abs=0.5)
    assert _mm(bbox[3]) == pytest.approx(40, abs=1.5)  # the baseline is near the bottom of the line
    second = doc.text.index("第二页")
    assert doc.boxes_for(second, second + 1)[0][0] == 2


def test_table_layout_articles_and_page_break() -> None:
    doc = parse_bytes(make_ofd(layout_text(AGREEMENT)), "agreement.ofd")
    assert doc.page_count == 2
    labels = [n.label for root in doc.outline for n in root.walk() if n.kind == "article"]
    assert labels == ["第一条", "第二条", "第三条", "第四条"]
    assert len(doc.tables) == 1
    rows = [tuple(squash(c) for c in row) for row in doc.tables[0].row_texts(doc.text)]
    assert rows[1] == ("1", "示范科技股份有限公司", "张三")
    # an article wrapped over several lines reads as one paragraph
    article = next(n for root in doc.outline for n in root.walk() if n.label == "第二条")
    assert "另行书面约定" in doc.text[article.start : article.end]


def test_delta_runs_expand_and_uncompressed_files_read_the_same() -> None:
    assert expand_deltas("g 3 3.5 1 g 2 0.5") == [3.5, 3.5, 3.5, 1.0, 0.5, 0.5]
    plain = parse_bytes(make_ofd(layout_text(AGREEMENT), compress_deltas=False), "a.ofd")
    packed = parse_bytes(make_ofd(layout_text(AGREEMENT)), "a.ofd")
    assert plain.text == packed.text


def test_several_text_objects_per_line_join_into_one_line() -> None:
    pieces = parse_bytes(make_ofd(layout_text(AGREEMENT, Layout(pieces=5))), "p.ofd")
    whole = parse_bytes(make_ofd(layout_text(AGREEMENT, Layout(pieces=1))), "w.ofd")
    assert pieces.text == whole.text


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
    '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
])
def test_doctype_or_entities_refuse_the_file(doctype: str) -> None:
    with pytest.raises(IntakeError) as caught:
        parse_bytes(make_ofd(layout_text(AGREEMENT), doctype=doctype), "evil.ofd")
    assert caught.value.code == "archive_unsafe"


def test_compression_bomb_inside_an_ofd_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_ofd([OfdPage(texts=[OfdText(20, 20, "正文")])]))) as src, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("Content.xml"):
                data = data.replace(b"<ofd:Content>", b"<ofd:Content>" + b" " * (4 << 20))
            out.writestr(info.filename, data)
    with pytest.raises(IntakeError) as caught:
        parse_bytes(buf.getvalue(), "bomb.ofd")
    assert caught.value.code == "archive_unsafe"
    with pytest.raises(IntakeError) as caught:
        parse_bytes(buf.getvalue(), "bomb.ofd", IntakeSettings(zip_max_total_bytes=1 << 20))
    assert caught.value.code == "archive_too_large"


def test_missing_page_part_fails_that_page_only() -> None:
    buf = io.BytesIO()
    source = make_ofd([OfdPage(texts=[OfdText(30, 100, "联盟章程正文")]), OfdPage(texts=[OfdText(30, 100, "附件")])])
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            if "Page_1/" not in info.filename:
                out.writestr(info.filename, src.read(info))
    doc = parse_bytes(buf.getvalue(), "partial.ofd")
    assert [p.status for p in doc.pages] == [PageStatus.OK, PageStatus.FAILED]
    assert "联盟章程正文" in doc.text
    assert any(w.code == "page_failed" and w.page == 2 for w in doc.warnings)


def test_rules_drawn_as_one_rectangle_path_make_a_table() -> None:
    page = OfdPage(texts=[OfdText(32, 36, "甲方"), OfdText(82, 36, "乙方"), OfdText(32, 46, "张三"),
                          OfdText(82, 46, "李四")],
                   rules=[OfdRule(30, 30, 130, 30), OfdRule(30, 40, 130, 40), OfdRule(30, 50, 130, 50),
                          OfdRule(30, 30, 30, 50), OfdRule(80, 30, 80, 50), OfdRule(130, 30, 130, 50)])
    doc = parse_bytes(make_ofd([page]), "grid.ofd")
    assert [tuple(r) for r in doc.tables[0].row_texts(doc.text)] == [("甲方", "乙方"), ("张三", "李四")]


@pytest.mark.corpus
def test_corpus_texts_typeset_as_ofd_keep_text_and_articles(corpus_dir: Path) -> None:
    for doc_id in ("dev-001", "dev-007", "dev-013"):
        source = read_source(doc_id, corpus_dir)
        doc = parse_bytes(make_ofd(layout_text(source)), f"{doc_id}.ofd")
        expected = [m.group(1) for line in source.splitlines() if (m := ARTICLE_RE.match(line))]
        labels = {n.label for root in doc.outline for n in root.walk() if n.kind == "article"}
        assert sum(1 for a in expected if a.replace(" ", "") in labels) >= 0.95 * len(expected), doc_id
        assert len(squash(doc.text)) >= 0.95 * len(squash(source)), doc_id
