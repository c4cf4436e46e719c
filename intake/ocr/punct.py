"""Restore full-width Chinese punctuation that OCR read as ASCII ((→（, :→：), by context.

The maps are data (``intake/data/ocr_punct.yaml``). A mark becomes full-width when the nearest
non-space character on one side is Chinese; brackets are converted as pairs, periods only between
Chinese characters, straight double quotes alternately open and close. Lengths never change, so
offsets into the OCR text stay valid.
"""

from functools import cache

from intake.ocr.config import punct_config


@cache
def _chinese_punct() -> frozenset[str]:
    return frozenset(str(punct_config()["chinese_punct"]))


def is_chinese(ch: str) -> bool:
    """A CJK ideograph or a full-width Chinese punctuation mark."""
    if ch in _chinese_punct():
        return True
    return any(lo <= ch <= hi for lo, hi in punct_config()["chinese_ranges"])


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j].isspace():
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _near_chinese(text: str, i: int) -> bool:
    return is_chinese(_neighbour(text, i, -1)) or is_chinese(_neighbour(text, i, 1))


def _brackets(chars: list[str], text: str) -> None:
    pairs: dict[str, str] = punct_config()["brackets"]
    opening = next(iter(pairs))
    closing = list(pairs)[1]
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == opening:
            stack.append(i)
        elif ch == closing and stack:
            start = stack.pop()
            inside = any(is_chinese(c) for c in text[start + 1 : i])
            if inside or _near_chinese(text, start) or _near_chinese(text, i):
                chars[start], chars[i] = pairs[opening], pairs[closing]
    for i, ch in enumerate(text):  # unpaired halves: by their neighbours
        if ch in pairs and chars[i] == ch and _near_chinese(text, i):
            chars[i] = pairs[ch]


def _quotes(chars: list[str], text: str) -> None:
    quotes: dict[str, str] = punct_config()["quotes"]
    if not any(is_chinese(c) for c in text):
        return
    opened = False
    for i, ch in enumerate(text):
        if ch == quotes["ascii"]:
            chars[i] = quotes["close"] if opened else quotes["open"]
            opened = not opened


def restore_punct(text: str) -> str:
    """Return ``text`` (one OCR line) with ASCII punctuation in Chinese context made full-width."""
    config = punct_config()
    marks: dict[str, str] = config["marks"]
    periods: dict[str, str] = config["periods"]
    chars = list(text)
    _quotes(chars, text)
    for _ in range(2):  # a second pass converts marks next to marks converted in the first (；(2)
        _brackets(chars, "".join(chars))
        seen = "".join(chars)
        for i, ch in enumerate(seen):
            if ch in marks and _near_chinese(seen, i):
                chars[i] = marks[ch]
            elif ch in periods and is_chinese(_neighbour(seen, i, -1)):
                after = _neighbour(seen, i, 1)
                if not after or is_chinese(after):
                    chars[i] = periods[ch]
    return "".join(chars)
