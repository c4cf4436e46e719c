"""Signatory labels that OCR misread, recovered from the labels of the other blocks.

Run-in signature blocks repeat one label (代表签字：…) for every party. On a scan, a scribble over
a line can turn it into 代国字龙国栋 or 我表签字文立新: no anchor pattern matches, the party's
signatory is lost, and the slot waits for the next block's name. A line of an OCR page that
opens a block's missing signatory line — after a party anchor whose slot has no signatory yet,
before the next anchor that is not a date — is read as a signatory anchor when its start is
within the edit distance allowed by ``noisy_label_max_distance`` (a share of the label's length)
of a signatory label the same part already uses.
"""

from collections import Counter

from rapidfuzz.distance import Levenshtein

from extractors.cn_text import line_bounds
from extractors.parties_config import signatures_config
from extractors.sign_anchors import Anchor
from extractors.sign_ocr import ocr_read
from models import Document

_COLONS = "：:"


def _template(stream: list[Anchor], text: str) -> str | None:
    """The signatory label the part's blocks use most (without its colon), if any repeats."""
    labels = Counter(text[a.start : a.end].rstrip(_COLONS + " 　") for a in stream if a.kind == "sign" and a.in_part)
    if not labels:
        return None
    label, count = labels.most_common(1)[0]
    return label if count >= 2 and len(label) >= 3 else None


def _label_end(line: str, template: str) -> int | None:
    """Where a misread copy of ``template`` ends at the start of ``line``, or None."""
    allowed = int(len(template) * float(signatures_config().noisy_label_max_distance))
    best: tuple[int, int] | None = None  # (distance, -length)
    for length in range(max(len(template) - allowed, 2), len(template) + allowed + 1):
        if length > len(line):
            break
        distance = Levenshtein.distance(line[:length], template, score_cutoff=allowed)
        if distance <= allowed and (best is None or (distance, -length) < best):
            best = (distance, -length)
    if best is None:
        return None
    end = -best[1]
    return end + 1 if end < len(line) and line[end] in _COLONS else end


def _waiting_ranges(stream: list[Anchor], end: int) -> list[tuple[int, int]]:
    """Text ranges after a party anchor with no signatory anchor before the next non-date anchor."""
    ranges = []
    for i, anchor in enumerate(stream):
        if anchor.kind != "party" or not anchor.in_part:
            continue
        following = next((a for a in stream[i + 1 :] if a.kind != "date"), None)
        if following is None or following.kind == "party":
            stop = following.start if following else end
            ranges.append((anchor.value[1] if anchor.value else anchor.end, stop))
    return ranges


def noisy_sign_anchors(doc: Document, stream: list[Anchor], end: int) -> list[Anchor]:
    """Signatory anchors for misread labels (see the module docstring), in document order."""
    text = doc.match_text
    template = _template(stream, text)
    if template is None or not any(page.ocr for page in doc.pages):
        return []
    taken = {line_bounds(text, a.start)[0] for a in stream}
    found: list[Anchor] = []
    for start, stop in _waiting_ranges(stream, end):
        pos = line_bounds(text, start)[1] + 1
        while pos < stop:
            line_end = line_bounds(text, pos)[1]
            readable = pos not in taken and ocr_read(doc, pos)
            label_end = _label_end(text[pos:line_end], template) if readable else None
            if label_end is not None:
                found.append(Anchor("sign", pos, pos + label_end, template, None, in_part=True))
                break
            pos = line_end + 1
    return found
