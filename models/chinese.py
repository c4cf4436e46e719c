"""Traditional → Simplified conversion that keeps every character offset."""

from functools import cache

import opencc


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert Traditional characters to Simplified, keeping the length (and so the offsets).

    OpenCC's phrase conversion is used when it keeps the length; otherwise each character is
    converted on its own.
    """
    if not text:
        return text
    converter = _converter()
    whole = converter.convert(text)
    if len(whole) == len(text):
        return whole
    out = []
    for ch in text:
        conv = converter.convert(ch)
        out.append(conv if len(conv) == 1 else ch)
    return "".join(out)
