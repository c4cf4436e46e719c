"""Small text helpers shared by the party extractors: dates, Chinese numbers, person names."""

import re
from datetime import date

import cn2an

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_CN_NUM = "〇零○一二三四五六七八九十"

# 2024年3月18日, 2024.3.18, 2024-03-18, 2024/3/18 (digits already half-width).
DATE_RE = re.compile(r"(?<!\d)(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?")
# 二〇二四年三月十八日
CN_DATE_RE = re.compile(rf"([{_CN_NUM[:-1]}]{{4}})年([{_CN_NUM}]{{1,3}})月([{_CN_NUM}]{{1,3}})日")
# A person's name: 2-4 CJK ideographs, or a transliterated name with a middle dot.
PERSON_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,4}(?:[·•][\u3400-\u4dbf\u4e00-\u9fff]{1,6})?")
_IDEO_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff·•]+")
BLANK_RE = re.compile(r"[_＿\-—–\s　.…]*")


def cn_number(text: str) -> int | None:
    """``"12"`` or ``"十二"`` as an int; None when it is neither."""
    text = text.translate(_FULLWIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return int(value) if float(value).is_integer() else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _cn_small(text: str) -> int | None:
    value = cn_number(text)
    return value if value is not None and value > 0 else None


def find_date(text: str, start: int = 0, end: int | None = None) -> tuple[str, int, int] | None:
    """The first date in ``text[start:end]`` as ``(YYYY-MM-DD, start, end)``."""
    end = len(text) if end is None else end
    window = text[start:end].translate(_FULLWIDTH_DIGITS)
    found = DATE_RE.search(window)
    if found:
        iso = _iso(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        if iso:
            return iso, start + found.start(), start + found.end()
    cn = CN_DATE_RE.search(window)
    if cn:
        month, day = _cn_small(cn.group(2)), _cn_small(cn.group(3))
        year = int(cn.group(1).translate(_CN_DIGITS))
        iso = _iso(year, month, day) if month and day else None
        if iso:
            return iso, start + cn.start(), start + cn.end()
    return None


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD``, or None."""
    found = find_date(text)
    return found[0] if found else None


def person_at(text: str, pos: int, end: int, stops: list[str]) -> tuple[int, int] | None:
    """The person name starting at ``pos`` (after blanks), cut before any stop word."""
    pos = skip_blanks(text, pos, end)
    run = _IDEO_RUN_RE.match(text, pos, end)
    if not run:
        return None
    stop = run.end()
    for word in stops:
        at = text.find(word, run.start() + 1, run.end())
        if at != -1:
            stop = min(stop, at)
    if PERSON_RE.fullmatch(text, run.start(), stop):
        return run.start(), stop
    return None


def skip_blanks(text: str, pos: int, end: int) -> int:
    """Position after blanks (spaces, underscores, dashes) from ``pos``."""
    blank = BLANK_RE.match(text, pos, end)
    return blank.end() if blank else pos


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """``[start, end)`` of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end
