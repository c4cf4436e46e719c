"""Tolerance for signature slots read by OCR, where handwriting and seals cover the printed text.

* a party name misread in a few characters (白银陇耀…有限公, 陕西华房…研究院 for 华岳), or read in
  pieces out of order when stray strokes split its cell, is the member whose name it is closest
  to (``closest_name``: rapidfuzz ratio or shared characters, with a clear lead over the next);
* a signatory name partly hidden (杜雪 for 杜雪松) is the legal representative the document's
  member table gives for that party, when it shares at least half of that name in order;
* a marker such as （授权代表） with characters lost (权代表, 投权表) still marks the slot;
* anything written in the signatory cell (strokes OCR reads as 6, #X…) means it was signed.
"""

import re
from collections import Counter

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from extractors.orgs import name_key
from models import Document
from models.chinese import to_simplified

_ORG_CUTOFF = 0.75  # similarity a misread party name needs to a member name
_ORG_MARGIN = 0.1  # lead over the second-closest member
_MARKER_CUTOFF = 60.0  # rapidfuzz partial_ratio of a damaged （授权代表）
_NOISE_RE = re.compile(r"[\s_\-—–.·•:：,，;；|（）()]+")


def ocr_read(doc: Document, start: int) -> bool:
    """True when the text at ``start`` was read by OCR."""
    if not doc.pages:
        return False
    number = doc.page_at(start)
    return any(p.number == number and p.ocr for p in doc.pages)


def similarity(read: str, name: str) -> float:
    """0..1: edit similarity, or the share of characters in common (pieces read out of order)."""
    if not read or not name:
        return 0.0
    shared = sum((Counter(read) & Counter(name)).values())
    return max(fuzz.ratio(read, name) / 100.0, shared / max(len(read), len(name)))


def closest_name(read: str, names: list[str]) -> str | None:
    """The one name of ``names`` that ``read`` is a misreading of, or None when none is clearly it."""
    key = name_key(to_simplified(read))
    scored = sorted(((similarity(key, name_key(to_simplified(n))), n) for n in dict.fromkeys(names)), reverse=True)
    if not scored or scored[0][0] < _ORG_CUTOFF:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < _ORG_MARGIN:
        return None
    return scored[0][1]


def restore_person(read: str | None, known: str | None) -> str | None:
    """``known`` when the name read is a damaged copy of it (shares half of it, in order)."""
    if not known:
        return read
    if read is None or read == known:
        return read
    common = LCSseq.similarity(read, known)
    if common * 2 >= len(known) and len(read) <= len(known) + 1:
        return known
    return read


def damaged_marker(text: str, markers: list[str]) -> tuple[int, str] | None:
    """Where a damaged （marker） starts in ``text`` and which marker it is (longest match wins)."""
    body = text.lstrip("（(")
    if len(body) < 2:
        return None
    best: tuple[float, int, str] | None = None
    text = text.replace(")", "）")
    for marker in markers:
        if len(marker) < 3:
            continue
        for form in (marker, marker + "）"):  # the closing bracket often survives (胡国教代表）)
            hit = fuzz.partial_ratio_alignment(form, text)
            if hit is None or hit.score < _MARKER_CUTOFF or hit.dest_end - hit.dest_start < 2:
                continue
            if best is None or hit.score > best[0]:
                best = (hit.score, hit.dest_start, marker)
    return (best[1], best[2]) if best else None


def written(text: str, cue_words: list[str]) -> bool:
    """True when a signatory cell holds something besides its own label words and blanks."""
    rest = text
    for word in sorted(cue_words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return bool(_NOISE_RE.sub("", rest))
