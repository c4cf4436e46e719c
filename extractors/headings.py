"""Fuzzy matching of article, chapter and form-label titles against a clause's heading cues.

Titles are compared part by part (知识产权与利益分配 → 知识产权, 利益分配) after dropping
bracketed notes and filler (联盟的, 本联盟, 各方), with rapidfuzz so that OCR noise in a heading
(知识产杈归属) still matches.
"""

import re
from functools import lru_cache

from rapidfuzz import fuzz

from models.chinese import to_simplified

_PARTS = re.compile(r"[与和及、，,/／]")
_NOTE = re.compile(r"[（(][^）)]*[）)]|[【】\[\]\s\u3000　]|^第[一二三四五六七八九十百\d]+(?:部分|章|节|编|篇)|^[一二三四五六七八九十]+[、．.]")
_FILLER = re.compile(r"^(?:本联盟|联盟的|联盟|本协议|本章程|各方的?|成员单位的|成员的|关于)|(?:的|等|事项|约定|条款)$")


def title_parts(title: str) -> tuple[str, ...]:
    """The comparable parts of a title, Simplified, without notes and filler."""
    text = _NOTE.sub("", to_simplified(title))
    parts = []
    for piece in [text, *_PARTS.split(text)]:
        piece = _FILLER.sub("", piece)
        if len(piece) >= 2:
            parts.append(piece)
    return tuple(dict.fromkeys(parts))


@lru_cache(maxsize=8192)
def best_heading(title: str, cues: tuple[str, ...], min_ratio: int) -> tuple[str, float] | None:
    """Return the best-matching cue and its ratio (0-100) when it reaches ``min_ratio``."""
    if not title:
        return None
    best: tuple[str, float] | None = None
    for part in title_parts(title):
        for cue in cues:
            ratio = fuzz.ratio(part, cue)
            if ratio >= min_ratio and (best is None or ratio > best[1]):
                best = (cue, ratio)
    return best
