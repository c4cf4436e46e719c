"""The streaming XLSX writer: what openpyxl reads back (values, styles, widths, frozen header)."""

from pathlib import Path

import openpyxl
import pytest

from api.screen.xlsx_stream import BOLD, Workbook, column_letter


def test_values_styles_and_layout_read_back(tmp_path: Path) -> None:
    wb = Workbook()
    data = wb.add_sheet("数据 Data", [30, 12])
    data.append(["名称 name", "数 n"], BOLD)
    data.append_wrapped(["两行\n文字 & <tag>", 3, 0.25, None, "", True])
    data.append(["控制\x01字符", -7])
    summary = wb.add_sheet("汇总 Summary", [24], freeze_header=False)
    summary.append(["x"])
    summary.append([])
    wb.save(tmp_path / "out.xlsx", [summary, data])
    wb.close()
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["汇总 Summary", "数据 Data"]
    ws = book["数据 Data"]
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["名称 name", "数 n", None, None, None, None],
        ["两行\n文字 & <tag>", 3, 0.25, None, None, True],
        ["控制字符", -7, None, None, None, None],
    ]
    assert ws["A1"].font.b and not ws["A2"].font.b
    assert ws["A2"].alignment.wrap_text and ws["A2"].alignment.vertical == "top" and not ws["B2"].alignment.wrap_text
    assert ws.freeze_panes == "A2" and book["汇总 Summary"].freeze_panes is None
    assert ws.column_dimensions["A"].width == 30 and ws.column_dimensions["B"].width == 12


def test_other_values_are_refused() -> None:
    wb = Workbook()
    with pytest.raises(TypeError):
        wb.add_sheet("x").append([object()])
    wb.close()


def test_column_letters() -> None:
    assert [column_letter(i) for i in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
