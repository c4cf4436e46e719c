"""Tables in plain text, in the three shapes offices produce:

* Markdown-like rows ``| a | b |`` (rule rows ``|---|`` skipped);
* rows split by a vertical bar without outer bars, ``a│b│c`` (box-drawing ``│┃`` or ``|``);
* columns aligned with runs of spaces (``pdftotext -layout``, hand-typed signature pages):
  a header row and rows whose cells start under the header's columns; a row with only its first
  cell filled (a blank signature row) stays in the table while more rows follow it.

Each finder takes the page's lines and a start index and returns the table's rows (lists of cell
texts, one per column) and the index after it, or None.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from models.data_files import load_yaml

_DATA = Path(__file__).resolve().parents[1] / "data" / "text_tables.yaml"

_PIPE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?[\s:|\-+]+\|?\s*$")
_BAR = re.compile(r"[│┃|]")
_BOX_RULE = re.compile(r"^[\s─━┄┈┼┬┴├┤┌┐└┘╋═╪\-+|│┃]+$")

Rows = list[list[str]]


@dataclass(frozen=True)
class _Limits:
    min_rows: int
    gap: re.Pattern[str]
    min_cols: int
    max_cell_chars: int
    tolerance: int
    first_cell_forbidden: re.Pattern[str]
    header_forbidden: re.Pattern[str]


@cache
def _limits() -> _Limits:
    """The limits in ``intake/data/text_tables.yaml``, loaded and compiled once."""
    data = load_yaml(_DATA)
    return _Limits(
        min_rows=int(data["min_rows"]), gap=re.compile(data["aligned_gap"]), min_cols=int(data["min_cols"]),
        max_cell_chars=int(data["max_cell_chars"]), tolerance=int(data["aligned_tolerance"]),
        first_cell_forbidden=re.compile(data["first_cell_forbidden"]),
        header_forbidden=re.compile(data["header_forbidden"]),
    )


def width(text: str) -> int:
    """Display width: wide (CJK, full-width) characters count two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pipe_table(lines: list[str], i: int) -> tuple[Rows, int] | None:
    """``| a | b |`` rows from ``lines[i]`` on."""
    rows: Rows = []
    j = i
    while j < len(lines) and (row := _PIPE_ROW.match(lines[j])):
        if not _PIPE_RULE.match(lines[j]):
            rows.append([cell.strip() for cell in row.group(1).split("|")])
        j += 1
    return (rows, j) if rows else None


def bar_table(lines: list[str], i: int) -> tuple[Rows, int] | None:
    """``a│b│c`` rows: at least ``min_rows`` consecutive lines with the same number of bars."""
    count = len(_BAR.findall(lines[i]))
    if count == 0 or _PIPE_ROW.match(lines[i]):
        return None
    rows: Rows = []
    j = i
    while j < len(lines):
        line = lines[j]
        if _BOX_RULE.match(line) and line.strip():
            j += 1
            continue
        if len(_BAR.findall(line)) != count or _PIPE_ROW.match(line):
            break
        rows.append([cell.strip() for cell in _BAR.split(line)])
        j += 1
    return (rows, j) if len(rows) >= _limits().min_rows else None


def _letter_spaced(cells: list[tuple[int, str]]) -> bool:
    """A single wide character as a cell is letter spacing (名　　　　称), not a column."""
    return any(len(text) == 1 and width(text) == 2 for _, text in cells)


def _cells(line: str, gap: re.Pattern[str]) -> list[tuple[int, str]]:
    """The cells of an aligned row with the display column each starts at."""
    out: list[tuple[int, str]] = []
    pos = 0
    for piece in gap.split(line.rstrip()):
        stripped = piece.lstrip()
        if stripped:
            out.append((width(line[: pos + len(piece) - len(stripped)]), stripped))
        pos += len(piece)
        match = gap.match(line, pos)
        if match:
            pos = match.end()
    return out


def aligned_table(lines: list[str], i: int) -> tuple[Rows, int] | None:
    """Columns aligned with runs of spaces: a header of ``min_cols``+ cells, then rows whose cells
    start near the header's columns; ``min_rows`` rows with two or more cells."""
    limits = _limits()
    header = _cells(lines[i], limits.gap)
    if (len(header) < limits.min_cols or _letter_spaced(header)
            or any(limits.header_forbidden.search(text) for _, text in header)
            or any(len(text) > limits.max_cell_chars for _, text in header)):
        return None
    starts = [col for col, _ in header]
    tolerance = limits.tolerance
    rows: Rows = [[text for _, text in header]]
    full_rows, pending, j = 0, [], i + 1
    while j < len(lines) and lines[j].strip():
        cells = _cells(lines[j], limits.gap)
        if (len(cells) == 1 and cells[0][0] <= starts[0] + tolerance and len(cells[0][1]) <= limits.max_cell_chars
                and not limits.first_cell_forbidden.search(cells[0][1])):
            pending.append([cells[0][1]] + [""] * (len(starts) - 1))  # first cell only: kept if rows follow
            j += 1
            continue
        row = _place(cells, starts, tolerance)
        if row is None:
            break
        rows.extend(pending)
        pending = []
        rows.append(row)
        full_rows += 1
        j += 1
    if full_rows < limits.min_rows:
        return None
    if pending and j < len(lines) and lines[j].strip():
        j -= len(pending)  # first-cell lines before prose that is not part of the table
    else:
        rows.extend(pending)
    return rows, j


def _place(cells: list[tuple[int, str]], starts: list[int], tolerance: int) -> list[str] | None:
    """Put each cell under the header column it starts in; None when the row does not fit."""
    if len(cells) < 2 or len(cells) > len(starts) or _letter_spaced(cells):
        return None
    row = [""] * len(starts)
    for col, text in cells:
        index = max((k for k, s in enumerate(starts) if s <= col + tolerance), default=None)
        if index is None or row[index]:
            return None
        row[index] = text
    return row
