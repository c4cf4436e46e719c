"""Tables in plain text: pipe rows, bar-separated rows and space-aligned columns (invented units)."""

from intake import parse_bytes
from models import Document


def _doc(text: str) -> Document:
    return parse_bytes(text.encode("utf-8"), "t.txt")


def _grid(doc: Document, index: int = 0) -> list[list[str]]:
    table = doc.tables[index]
    grid = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        grid[cell.row][cell.col] = doc.text[cell.start : cell.end]
    return grid


def test_bar_rows_without_outer_bars_are_a_table() -> None:
    doc = _doc("分工如下：\n承担单位│主要任务\n青禾材料有限公司│负责中试线建设\n江岸理工学院│负责机理研究\n\n第五条　其他。\n")
    assert len(doc.tables) == 1
    assert _grid(doc) == [["承担单位", "主要任务"], ["青禾材料有限公司", "负责中试线建设"], ["江岸理工学院", "负责机理研究"]]
    assert "第五条" not in doc.text[doc.tables[0].start : doc.tables[0].end]


def test_box_drawing_rules_are_skipped() -> None:
    text = "┌────┬────┐\n│单位│职务│\n├────┼────┤\n│青禾材料有限公司│理事长单位│\n└────┴────┘\n"
    doc = _doc(text.replace("┌────┬────┐\n", "").replace("└────┴────┘\n", ""))
    assert len(doc.tables) == 1


def test_space_aligned_signature_page_keeps_blank_rows_in_their_columns() -> None:
    text = (
        "成员单位签字页\n\n"
        "单位名称（盖章）            代表签字      日期\n"
        "青禾材料有限公司            岑立新        2025年3月1日\n"
        "江岸理工学院\n"
        "北岭检测技术有限公司        罗一鸣        2025年3月2日\n"
        "南湾科技服务中心\n"
    )
    doc = _doc(text)
    assert len(doc.tables) == 1
    assert _grid(doc) == [
        ["单位名称（盖章）", "代表签字", "日期"],
        ["青禾材料有限公司", "岑立新", "2025年3月1日"],
        ["江岸理工学院", "", ""],
        ["北岭检测技术有限公司", "罗一鸣", "2025年3月2日"],
        ["南湾科技服务中心", "", ""],
    ]
    cell = next(c for c in doc.tables[0].cells if c.row == 3 and c.col == 1)
    assert doc.text[cell.start : cell.end] == "罗一鸣"


def test_full_width_aligned_columns() -> None:
    text = "单位名称　　　　　　授权代表　　签署日期\n青禾材料有限公司　　岑立新　　　2025年3月1日\n江岸理工学院　　　　罗一鸣　　　2025年3月1日\n"
    doc = _doc(text)
    assert _grid(doc)[2] == ["江岸理工学院", "罗一鸣", "2025年3月1日"]


def test_prose_articles_and_letter_spaced_labels_are_not_tables() -> None:
    text = (
        "第一条　名称\n第二条　宗旨\n第三条　住所\n"
        "名　　　　称　青禾材料有限公司\n法定代表人　岑立新\n住　　　　所　榕城市青禾路18号\n"
    )
    doc = _doc(text)
    assert doc.tables == []


def test_a_trailing_first_cell_line_before_prose_is_left_as_prose() -> None:
    text = (
        "单位名称            负责人\n青禾材料有限公司    岑立新\n江岸理工学院        罗一鸣\n"
        "以上单位均同意本协议。\n"
    )
    doc = _doc(text)
    assert len(doc.tables) == 1
    assert doc.tables[0].n_rows == 3
    assert "以上单位均同意本协议。" in doc.text
