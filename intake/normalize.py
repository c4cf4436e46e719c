"""Text normalization that keeps an offset map back to the extracted text.

What it does, in order (all of it is character-level, so offsets stay traceable):

* full-width ASCII letters, digits and symbols (Ａ, ５, ％) → half-width; Chinese punctuation
  （），：；！？ stays full-width, as Chinese documents write it;
* Kangxi radicals, CJK radical look-alikes and CJK compatibility ideographs → the normal
  characters (⽂→文, ⼈→人), from NFKC plus the table in ``data/radicals.tsv``;
* other space characters → a plain space; a tab → U+3000, the ideographic space, which is kept;
  zero-width characters, soft hyphens and control characters are dropped; ``\\r\\n`` → ``\\n``;
* spaces at line ends are dropped, letter-spaced words (名　　称, 总　则) are closed up, a single
  stray space between two CJK characters is dropped, and other runs of spaces shrink to one.

Traditional characters are left as written; ``models.chinese.to_simplified`` gives a
same-length Simplified text for matching.
"""

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")

# Chinese punctuation that keeps its full-width form.
_KEEP_FULLWIDTH = set("（），：；！？")

_CJK = r"\u2e80-\u2fdf\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_IDEO = r"\u3400-\u4dbf\u4e00-\u9fff"
_SPACE = " \u3000"

_DELETE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?=\n)")
_LINE_EDGE_RE = re.compile(rf"^[{_SPACE}]+|[{_SPACE}]+$", re.MULTILINE)
# Two or more single ideographs separated by spaces, standing alone: 名　　称, 总　则, 营 业 执 照.
_LETTER_SPACED_RE = re.compile(
    rf"(?:(?<=^)|(?<=[{_SPACE}（(【\[]))[{_IDEO}](?:[{_SPACE}]+[{_IDEO}])+(?=$|[{_SPACE}）)】\]：:])",
    re.MULTILINE,
)
_INNER_RUN_RE = re.compile(rf"(?<=\S)[{_SPACE}]+(?=\S)")
_CJK_CHAR_RE = re.compile(rf"[{_CJK}]")


@cache
def _translation() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        ch = chr(code)
        if ch not in _KEEP_FULLWIDTH:
            table[code] = chr(code - 0xFEE0)
    for code in list(range(0x2F00, 0x2FE0)) + list(range(0xF900, 0xFB00)):
        mapped = unicodedata.normalize("NFKC", chr(code))
        if len(mapped) == 1 and mapped != chr(code):
            table[code] = mapped
    for line in (_DATA / "radicals.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code_hex, _, normal = line.split("\t")
            table[int(code_hex, 16)] = normal
    for space in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f":
        table[ord(space)] = " "
    table[ord("\t")] = "\u3000"  # a tab separates on purpose (label and value, number and title)
    table[ord("\r")] = "\n"
    return table


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus the map back to the text it came from.

    The map is a list of anchors: from ``norm_starts[k]`` on, normalized offsets advance one
    for one with raw offsets starting at ``raw_starts[k]``.
    """

    text: str
    raw_length: int
    norm_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]

    def to_raw(self, offset: int) -> int:
        """Map a normalized offset (0..len(text)) to the raw offset it came from."""
        if offset >= len(self.text):
            return self.raw_length
        k = bisect_right(self.norm_starts, offset) - 1
        return self.raw_starts[k] + offset - self.norm_starts[k]

    def to_norm(self, raw_offset: int) -> int:
        """Map a raw offset to the normalized offset of the first kept character at or after it."""
        k = bisect_right(self.raw_starts, raw_offset) - 1
        if k < 0:
            return 0
        seg_len = (self.norm_starts[k + 1] if k + 1 < len(self.norm_starts) else len(self.text)) - self.norm_starts[k]
        return self.norm_starts[k] + min(raw_offset - self.raw_starts[k], seg_len)


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR_RE.match(ch))


def _deletions(text: str, raw: str) -> list[int]:
    """Return the sorted raw positions to drop."""
    drop: set[int] = set()
    for m in _DELETE_RE.finditer(raw):
        drop.update(range(m.start(), m.end()))
    for m in _LINE_EDGE_RE.finditer(text):
        drop.update(range(m.start(), m.end()))
    for m in _LETTER_SPACED_RE.finditer(text):
        drop.update(i for i in range(m.start(), m.end()) if text[i] in _SPACE)
    for m in _INNER_RUN_RE.finditer(text):
        start, end = m.start(), m.end()
        between_cjk = _is_cjk(text[start - 1]) and _is_cjk(text[end])
        if between_cjk and end - start == 1 and text[start] == " ":
            drop.add(start)
        else:
            drop.update(range(start + 1, end))
    return sorted(drop)


def normalize(raw: str) -> Normalized:
    """Normalize ``raw`` and return the text with its offset map."""
    text = raw.translate(_translation())
    dropped = _deletions(text, raw)
    if not dropped:
        return Normalized(text, len(raw), (0,), (0,))
    pieces: list[str] = []
    norm_starts: list[int] = []
    raw_starts: list[int] = []
    pos = 0
    out_len = 0
    for d in [*dropped, len(text)]:
        if d > pos:
            norm_starts.append(out_len)
            raw_starts.append(pos)
            pieces.append(text[pos:d])
            out_len += d - pos
        pos = max(pos, d + 1)
    if not norm_starts:
        norm_starts, raw_starts = [0], [len(raw)]
    return Normalized("".join(pieces), len(raw), tuple(norm_starts), tuple(raw_starts))
