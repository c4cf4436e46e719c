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
        ("第8条（权利）成员单位有权……", "article", "第8条", 8, "权利"),
        ("第九条（一）成员单位应当……", "article", "第九条", 9, None),
        ("一、总则", "item", "一、", 1, "总则"),
        ("（三）宗旨。联盟坚持协同创新。", "item", "（三）", 3, "宗旨"),
        ("(四) 经费来源", "item", "(四)", 4, "经费来源"),
        ("1.开展共性技术攻关；", "item", "1.", 1, None),
        ("2、组织标准制定；", "item", "2、", 2, None),
        ("3．加强人才培养；", "item", "3．", 3, None),
        ("（1）2024年至2025年：建设期；", "item", "（1）", 1, None),
        ("②组织论证", "item", "②", 2, "组织论证"),
        ("附件1：成员名单", "annex", "附件1", 1, "成员名单"),
        ("第三部分　组织机构", "chapter", "第三部分", 3, "组织机构"),
        ("第二编 成员", "chapter", "第二编", 2, "成员"),
        ("1　联盟的设立", "item", "1", 1, "联盟的设立"),
        ("2.3　丙方负责材料检测分析。", "item", "2.3", 3, None),
        ("1.2.4 理事会每季度召开一次。", "item", "1.2.4", 4, None),
        ("3.1.　联盟设理事会", "item", "3.1.", 1, "联盟设理事会"),
        # a short first sentence is not a run-in title when it reads as a sentence
        ("第三十条　联盟实行会费制度。会费标准由理事会确定。", "article", "第三十条", 30, None),
        ("第十一条　理事会为本联盟决策机构。理事会由理事单位组成。", "article", "第十一条", 11, None),
        ("第二十条　联盟存续期限为五年。期满可以延续。", "article", "第二十条", 20, None),
        ("第八条　成员的权利。成员享有下列权利。", "article", "第八条", 8, "成员的权利"),
    ],
)
def test_match_heading(line: str, kind: str | None, label: str | None, number: int | None, title: str | None) -> None:
    heading = match_heading(line)
    if kind is None:
        assert heading is None
        return
    assert heading is not None
    assert (heading.kind, heading.label, heading.number, heading.title) == (kind, label, number, title)


@pytest.mark.parametrize("line", ["1.5亿元的投入", "二〇二四年三月", "联盟第一条规定", "第三方机构", "2025年3月",
                                  "1.5 亿元", "10 家单位共同发起，本联盟成立。", "第一部分的内容"])
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


def test_decimal_numbering_nests_under_parts() -> None:
    text = "某联盟协议\n第一部分　总则\n1.1　联盟名称为某联盟。\n1.2　联盟的宗旨是服务产业。\n1.2.1　开展共性技术攻关。\n第二部分　组织\n2.1　联盟设理事会。\n"
    doc = _doc(text)
    flat = [(n.kind, n.label, n.start, n.end) for n in _flat(doc)]
    assert flat == [("title", "某联盟协议", 0, 6), ("chapter", "第一部分", 6, 60), ("item", "1.1", 14, 28),
                    ("item", "1.2", 28, 60), ("item", "1.2.1", 44, 60), ("chapter", "第二部分", 60, 79),
                    ("item", "2.1", 68, 79)]
    assert doc.text[14:28] == "1.1　联盟名称为某联盟。\n"
    assert doc.outline[1].title == "总则"


def test_decimal_sections_with_bare_numbers() -> None:
    text = "某联盟协议书\n甲方：甲公司\n1　联盟的设立\n1.1　甲乙双方共同设立联盟。\n2　各方职责\n2.1　甲方负责中试。\n2.2　乙方负责研究。\n"
    doc = _doc(text)
    flat = [(n.kind, n.label, n.title, n.start, n.end) for n in _flat(doc)]
    assert flat == [("title", "某联盟协议书", None, 0, 7), ("preamble", "序言", None, 7, 14),
                    ("item", "1", "联盟的设立", 14, 38), ("item", "1.1", None, 22, 38),
                    ("item", "2", "各方职责", 38, 68), ("item", "2.1", None, 45, 57), ("item", "2.2", None, 57, 68)]
    heading = next(b for b in doc.blocks if b.start == 14)
    assert heading.kind == BlockKind.HEADING


def test_short_first_sentence_is_not_an_article_title() -> None:
    text = "某联盟章程\n第三十条　联盟实行会费制度。会费标准由理事会确定。\n第三十一条　【经费管理】经费专款专用。\n"
    doc = _doc(text)
    art30, art31 = doc.outline[1:]
    assert (art30.label, art30.title, art30.start, art30.end) == ("第三十条", None, 6, 32)
    assert (art31.label, art31.title, art31.start, art31.end) == ("第三十一条", "经费管理", 32, 51)


def test_form_line_near_the_top_does_not_open_the_signature_part() -> None:
    text = ("某联盟协议书\n申报单位（盖章）：甲公司\n联盟由甲公司、乙大学共同发起，各方同意按照本协议开展合作并承担相应的义务。\n"
            "联盟设理事会，理事会由各成员单位各派一名代表组成，负责联盟的重大决策事项。\n"
            "甲公司（盖章）　法定代表人（签字）：\n乙大学（盖章）　法定代表人（签字）：\n")
    doc = _doc(text)
    assert [(n.kind, n.start, n.end) for n in doc.outline] == [("title", 0, 7), ("preamble", 7, 96),
                                                             ("signature", 96, 133)]
    assert doc.text[96:].startswith("甲公司（盖章）")
    cover = next(b for b in doc.blocks if b.start == 7)
    assert cover.kind != BlockKind.SIGNATURE_BLOCK


def test_a_bracketed_title_line_heads_the_items_after_it() -> None:
    doc = _doc("某某产业技术创新联盟合作协议\n【合作内容】\n1、共建中试平台。\n2、联合申报项目。\n"
               "【成员的权利与义务】\n1、成员单位有权使用联盟平台。\n2、成员单位应当按时缴纳经费。\n")
    sections = [n for n in doc.outline if n.kind == "section"]
    assert [s.title for s in sections] == ["合作内容", "成员的权利与义务"]
    second = sections[1]
    assert [doc.text[i.start : i.end] for i in second.children] == ["1、成员单位有权使用联盟平台。\n",
                                                                   "2、成员单位应当按时缴纳经费。"]
    # a bracketed title that opens a sentence is no heading line
    assert match_heading("【说明】本协议一式十份。") is None
