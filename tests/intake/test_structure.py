"""Structure rules: numbering styles, titles, preamble, annexes, signature part, exact spans."""

import pytest

from intake import parse_bytes
from intake.structure import match_heading
from models import BlockKind, Document, OutlineNode


def _doc(text: str) -> Document:
    return parse_bytes(text.encode("utf-8"), "sample.txt")


def _flat(doc: Document) -> list[OutlineNode]:
    return [node for root in doc.outline for node in root.walk()]


@pytest.mark.parametrize(
    ("line", "kind", "label", "number", "title"),
    [
        ("第一章　总　则", "chapter", "第一章", 1, "总　则"),
        ("第二节 理事会", "section", "第二节", 2, "理事会"),
        ("第十二条　成员单位应当……", "article", "第十二条", 12, None),
        ("第5条 联盟名称：某某联盟。", "article", "第5条", 5, None),
        ("第七条、联盟的宗旨是服务产业。", "article", "第七条", 7, None),
        ("第一百零一条　附则", "article", "第一百零一条", 101, "附则"),
        ("十二条　本协议自签署之日起生效。", "article", "十二条", 12, None),
        ("第二十条　【知识产权】联盟成果……", "article", "第二十条", 20, "知识产权"),
        ("一、总则", "item", "一、", 1, "总则"),
        ("（三）宗旨。联盟坚持协同创新。", "item", "（三）", 3, "宗旨"),
        ("(四) 经费来源", "item", "(四)", 4, "经费来源"),
        ("1.开展共性技术攻关；", "item", "1.", 1, None),
        ("2、组织标准制定；", "item", "2、", 2, None),
        ("3．加强人才培养；", "item", "3．", 3, None),
        ("（1）2024年至2025年：建设期；", "item", "（1）", 1, None),
        ("②组织论证", "item", "②", 2, "组织论证"),
        ("附件1：成员名单", "annex", "附件1", 1, "成员名单"),
    ],
)
def test_match_heading(line: str, kind: str | None, label: str | None, number: int | None, title: str | None) -> None:
    heading = match_heading(line)
    if kind is None:
        assert heading is None
        return
    assert heading is not None
    assert (heading.kind, heading.label, heading.number, heading.title) == (kind, label, number, title)


@pytest.mark.parametrize("line", ["1.5亿元的投入", "二〇二四年三月", "联盟第一条规定", "第三方机构"])
def test_not_headings(line: str) -> None:
    assert match_heading(line) is None


AGREEMENT = """某省新材料产业技术创新联盟协议书
鉴于：
各方有意开展合作。
第一章　总则
第一条　联盟名称
本联盟名称为某省新材料产业技术创新联盟。
第二条　成员单位应当遵守本协议，具体约定如下：
（一）按时参加会议；
（二）履行任务分工。
第二章　知识产权
第三条　【成果归属】联盟成果归完成方所有，
第三十一条另有约定的除外。
第四条　本协议自签署之日起生效。
（以下无正文）
| 单位名称（盖章） | 法定代表人（签字） |
| 甲公司 | 张三 |
附件：成员名单
| 序号 | 单位 |
| 1 | 甲公司 |
"""


def test_outline_tree_and_offsets() -> None:
    doc = _doc(AGREEMENT)
    kinds = [(n.kind, n.label) for n in doc.outline]
    assert kinds == [("title", "某省新材料产业技术创新联盟协议书"), ("preamble", "鉴于"), ("chapter", "第一章"),
                     ("chapter", "第二章"), ("signature", "签署页"), ("annex", "附件")]
    chapter1 = doc.outline[2]
    assert [a.label for a in chapter1.children] == ["第一条", "第二条"]
    art1, art2 = chapter1.children
    assert art1.title == "联盟名称"
    assert doc.text[art1.start : art1.end] == "第一条　联盟名称\n本联盟名称为某省新材料产业技术创新联盟。\n"
    assert [i.label for i in art2.children] == ["（一）", "（二）"]
    art3 = doc.outline[3].children[0]
    assert art3.title == "成果归属"
    # a paragraph starting with a reference to another article is not a new article
    assert doc.text[art3.start : art3.end] == "第三条　【成果归属】联盟成果归完成方所有，\n第三十一条另有约定的除外。\n"
    assert [a.label for a in doc.outline[3].children] == ["第三条", "第四条"]


def test_block_kinds_and_paths() -> None:
    doc = _doc(AGREEMENT)
    by_text = {doc.text[b.start : b.end]: b for b in doc.blocks if b.kind != BlockKind.TABLE_CELL}
    assert by_text["某省新材料产业技术创新联盟协议书"].kind == BlockKind.TITLE
    assert by_text["第一章　总则"].kind == BlockKind.HEADING
    assert by_text["第一条　联盟名称"].kind == BlockKind.ARTICLE
    item = by_text["（一）按时参加会议；"]
    assert item.kind == BlockKind.LIST_ITEM
    assert item.outline_path == ["第一章", "第二条", "（一）"]
    assert by_text["（以下无正文）"].kind == BlockKind.SIGNATURE_BLOCK
    sig_table = next(b for b in doc.blocks if b.kind == BlockKind.TABLE)
    assert sig_table.outline_path == ["签署页"]
    annex_table = [b for b in doc.blocks if b.kind == BlockKind.TABLE][1]
    assert annex_table.outline_path == ["附件"]


def test_signature_part_found_without_marker_line() -> None:
    text = "某联盟章程\n第一条　本章程自通过之日起生效。\n甲公司（盖章）　法定代表人（签字）：\n乙大学（盖章）　法定代表人（签字）：\n"
    doc = _doc(text)
    assert [n.kind for n in doc.outline] == ["title", "article", "signature"]
    sig = doc.outline[2]
    assert doc.text[sig.start : sig.end].startswith("甲公司（盖章）")


def test_outline_style_numbering_nests_by_first_use() -> None:
    text = "某联盟协议\n一、总则\n（一）名称。本联盟名称为某联盟。\n1.第一项；\n2.第二项；\n（二）宗旨。服务产业。\n二、成员\n（一）构成。共五家。\n"
    doc = _doc(text)
    flat = [(n.label, len(n.children)) for n in _flat(doc)]
    assert flat == [("某联盟协议", 0), ("一、", 2), ("（一）", 2), ("1.", 0), ("2.", 0), ("（二）", 0),
                    ("二、", 1), ("（一）", 0)]
    assert _flat(doc)[2].title == "名称"


def test_traditional_document_structure() -> None:
    doc = _doc("某聯盟章程\n第一章　總則\n第一條　本聯盟名稱為某聯盟。\n第二條　聯盟成員應當遵守章程。\n")
    chapter = doc.outline[1]
    assert chapter.label == "第一章"
    assert [a.label for a in chapter.children] == ["第一條", "第二條"]
    assert [a.number for a in chapter.children] == [1, 2]
