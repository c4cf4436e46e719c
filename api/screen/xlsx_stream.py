"""A streaming XLSX writer for the screening workbook: rows go to disk as SpreadsheetML text.

openpyxl builds a cell object per value (~40 µs a cell); the screening workbook has hundreds of
thousands of cells, written by the process that hands out the work, so that cost capped how far
adding workers sped a run up. Here a row is one formatted string (inline strings, three styles:
plain, bold, wrapped text at the top), each sheet streams to a temporary file, and ``save`` zips
the parts. Only what the workbook needs: column widths, a frozen header row, str/int/float/None.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

PLAIN, BOLD, WRAPPED = 0, 1, 2
_STYLE = {PLAIN: "", BOLD: ' s="1"', WRAPPED: ' s="2"'}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in XML 1.0
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS = [column_letter(i) for i in range(1, 53)]
_ROW = "\x00"  # the row number's place in a row template (cell text cannot hold it: _ILLEGAL)


def _text(value: str) -> str:
    return escape(_ILLEGAL.sub("", value))


def row_template(values: Sequence[Any], style: int | None = PLAIN) -> str:
    """A row's XML with its number left open (``Sheet.append_row`` fills it in): str, int, float,
    bool or None (no cell) values, every cell in ``style``; None: strings holding a line break
    wrapped, the rest plain. Rendering is the costly part, so it can run where the rows are made."""
    cells = []
    for index, value in enumerate(values):
        if value is None:
            continue
        ref = f"{_LETTERS[index] if index < len(_LETTERS) else column_letter(index + 1)}{_ROW}"
        if isinstance(value, str):
            s = style if style is not None else (WRAPPED if "\n" in value else PLAIN)
            text = f'<is><t xml:space="preserve">{_text(value)}</t></is>' if value else ""  # "" reads as empty
            cells.append(f'<c r="{ref}"{_STYLE[s]} t="inlineStr">{text}</c>')
        elif isinstance(value, bool):
            cells.append(f'<c r="{ref}"{_STYLE[style or PLAIN]} t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            cells.append(f'<c r="{ref}"{_STYLE[style or PLAIN]}><v>{value!r}</v></c>')
        else:
            raise TypeError(f"cannot write a {type(value).__name__} to a cell")
    return f'<row r="{_ROW}">{"".join(cells)}</row>'


class Sheet:
    """One worksheet; ``append`` writes a row at once (to a temporary file)."""

    def __init__(self, title: str, widths: Sequence[float], freeze_header: bool) -> None:
        self.title, self.widths, self.freeze_header = title, list(widths), freeze_header
        self._rows: IO[bytes] = tempfile.TemporaryFile()
        self.count = 0

    def append(self, values: Sequence[Any], style: int = PLAIN) -> None:
        """One row, every cell in ``style``."""
        self.append_row(row_template(values, style))

    def append_wrapped(self, values: Sequence[Any]) -> None:
        """One row, the strings holding a line break wrapped (at the top of the cell), the rest plain."""
        self.append_row(row_template(values, None))

    def append_row(self, template: str) -> None:
        """One row rendered ahead by ``row_template`` (possibly in another process)."""
        self.count += 1
        self._rows.write(template.replace(_ROW, str(self.count)).encode())

    def write_to(self, out: IO[bytes]) -> None:
        """The worksheet part: head, the rows streamed so far, tail."""
        head = [_HEAD, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">',
                '<sheetViews><sheetView workbookViewId="0">']
        if self.freeze_header:
            head.append('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>')
        head.append('</sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>')
        if self.widths:
            head.append("<cols>" + "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                                           for i, w in enumerate(self.widths, 1)) + "</cols>")
        head.append("<sheetData>")
        out.write("".join(head).encode())
        self._rows.seek(0)
        shutil.copyfileobj(self._rows, out, 1 << 20)
        out.write(b"</sheetData></worksheet>")

    def close(self) -> None:
        """Drop the temporary file."""
        self._rows.close()


class Workbook:
    """Sheets in the order given to ``save``; nothing is held in memory but what a row needs."""

    def __init__(self) -> None:
        self.sheets: list[Sheet] = []

    def add_sheet(self, title: str, widths: Sequence[float] = (), freeze_header: bool = True) -> Sheet:
        """A new sheet (its place in the file is decided by ``save``)."""
        sheet = Sheet(title, widths, freeze_header)
        self.sheets.append(sheet)
        return sheet

    def save(self, path: Path, order: Sequence[Sheet] | None = None) -> None:
        """Write the package to ``path`` (sheets in ``order``, default: as added)."""
        sheets = list(order if order is not None else self.sheets)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr("[Content_Types].xml", _content_types(len(sheets)))
            zf.writestr("_rels/.rels", f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
                        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
            zf.writestr("xl/workbook.xml", _workbook(sheets))
            zf.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
            zf.writestr("xl/styles.xml", _STYLES)
            for index, sheet in enumerate(sheets, 1):
                with zf.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as part:
                    sheet.write_to(part)

    def close(self) -> None:
        """Drop every sheet's temporary file."""
        for sheet in self.sheets:
            sheet.close()


def _content_types(count: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                     'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, count + 1))
    return (f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            f'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>{sheets}</Types>')


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(f'<sheet name={quoteattr(s.title)} sheetId="{i}" r:id="rId{i}"/>'
                      for i, s in enumerate(sheets, 1))
    return f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>'


def _workbook_rels(count: int) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, count + 1))
    styles = f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}{styles}</Relationships>'
