"""Members written in running text: run-in lists after a cue (成员单位为：A、B和C), lists under a
caption line (…成员单位名单), and the core / general flag of the list they stand in.

Everything matches on ``Document.match_text``; offsets are the document's.
"""

import re
from dataclasses import dataclass
from functools import cache

from extractors.orgs import ends_like_org
from extractors.parties_config import Role, alternation, parties_config
from extractors.sign_anchors import value_after
from models import Document

_PIECE_MAX = 80
_NOTE_MAX = 40  # a bracketed note after the last name of a piece (（副理事长单位，住所：…）)
_BOUNDARY = "。；;\n"
_MARKER_RE = re.compile(r"[（(]([^（）()]{2,12})[）)]$")


@dataclass
class ListItem:
    """A name in a run-in list, with what the list or a (理事长单位) marker says about it."""

    start: int
    end: int
    role: Role | None = None
    role_span: tuple[int, int] | None = None
    core: bool | None = None


@cache
def _cue_res() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in parties_config().member_lists.cues]


@cache
def _trailing_res() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in parties_config().member_lists.trailing]


@cache
def item_marker_re() -> re.Pattern[str]:
    """Item markers of a list line: （一） 一、 1. 1、 (1) ①."""
    return re.compile(parties_config().member_lists.item_marker)


@cache
def _split_re() -> re.Pattern[str]:
    return re.compile(f"[{''.join(re.escape(s) for s in parties_config().member_lists.separators)}]")


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in _BOUNDARY + "，,：:") + 1


def _core_flag(text: str, start: int, end: int) -> bool | None:
    clause = text[_clause_start(text, end - 1) : end]
    core = parties_config().core
    if any(w in clause for w in core.general_words):
        return False
    if any(w in clause for w in core.core_words):
        return True
    return None


def _segment_end(text: str, start: int, paren: bool) -> int:
    stops = "）)\n" if paren else _BOUNDARY
    ends = [i for i in (text.find(ch, start) for ch in stops) if i != -1]
    return min(ends, default=len(text))


def _through_semicolons(text: str, end: int) -> int:
    """Carry a list on past ``；`` while each next piece is a name, with at most a short note
    after it (缔约各方：A（理事长单位，住所：…）；B（副理事长单位）；C。)."""
    while end < len(text) and text[end] in "；;":
        nxt = _segment_end(text, end + 1, False)
        start, stop = _trim(text, end + 1, nxt)
        item = _clean_item(text, start, min(stop, start + _PIECE_MAX))
        if item is None or item.start != start or stop - item.end > _NOTE_MAX:
            break
        end = nxt
    return end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " 　：:":
        start += 1
    while end > start and text[end - 1] in " 　":
        end -= 1
    return start, end


def _leading_role(text: str, start: int, end: int) -> tuple[Role | None, tuple[int, int] | None]:
    """A role word opening an item (副理事长单位X：…)."""
    roles = parties_config().roles.words
    word = next((w for w in sorted(roles, key=len, reverse=True) if text.startswith(w, start, end)), None)
    return (roles[word], (start, start + len(word))) if word else (None, None)


def _skip_leading_words(text: str, start: int, end: int) -> int:
    """Skip a verb or conjunction before the name (联合X, 会同X), keeping the name itself whole."""
    for word in sorted(parties_config().member_lists.leading, key=len, reverse=True):
        if text.startswith(word, start, end) and ends_like_org(text[start + len(word) : end]):
            return start + len(word)
    return start


def _clean_item(text: str, start: int, end: int) -> ListItem | None:
    """Strip an item number, 等 / 共N家 / a (role) marker from an item; None when no name is left."""
    start, end = _trim(text, start, end)
    number = item_marker_re().match(text, start, end)
    start = number.end() if number else start
    role, role_span = _leading_role(text, start, end)
    if role_span:
        start = role_span[1]
    start = _skip_leading_words(text, start, end)
    for pattern in _trailing_res():
        found = pattern.search(text, start, end)
        if found:
            end = found.start()
    start, end = _trim(text, start, end)
    marker = _MARKER_RE.search(text, start, end)
    if marker:
        roles = parties_config().roles.words
        word = next((w for w in sorted(roles, key=len, reverse=True) if w in marker.group(1)), None)
        if word:
            role, role_span = roles[word], (marker.start(), marker.end())
            end = marker.start()
    if not ends_like_org(text[start:end]):
        return None
    return ListItem(start=start, end=end, role=role, role_span=role_span)


def _split_conjunctions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``A和B`` where ``A`` is a complete name."""
    conj = re.compile(alternation(parties_config().member_lists.conjunctions))
    for found in conj.finditer(text, start, end):
        if ends_like_org(text[start : found.start()]):
            return [(start, found.start()), *_split_conjunctions(text, found.end(), end)]
    return [(start, end)]


def _bracket_depth(text: str, start: int, end: int) -> dict[int, int]:
    """The bracket depth at each position of ``[start, end)``."""
    depth, out = 0, {}
    for i in range(start, end):
        if text[i] in "）)":
            depth = max(depth - 1, 0)
        out[i] = depth
        if text[i] in "（(":
            depth += 1
    return out


def _parse_segment(text: str, start: int, end: int) -> list[ListItem]:
    pieces: list[tuple[int, int]] = []
    pos = start
    depth = _bracket_depth(text, start, end)
    # a separator inside brackets belongs to a note: A（理事长单位，住所：…）；B
    seps = [sep for sep in _split_re().finditer(text, start, end) if not depth.get(sep.start())]
    for sep in [*seps, None]:
        stop = sep.start() if sep else end
        pieces.extend(_split_conjunctions(text, pos, stop))
        pos = sep.end() if sep else end
    items = [item for a, b in pieces if (item := _clean_item(text, a, b))]
    return items if len(items) >= 2 else []


def _cue_lists(text: str, skip: list[tuple[int, int]]) -> list[ListItem]:
    items: list[ListItem] = []
    for pattern in _cue_res():
        for cue in pattern.finditer(text):
            if _inside(cue.start(), skip):
                continue
            paren = cue.group(0)[-1] in "（("
            end = _segment_end(text, cue.end(), paren)
            if not paren:
                end = _through_semicolons(text, end)
            core = _core_flag(text, cue.start(), cue.end())
            for item in _parse_segment(text, cue.end(), end):
                item.core = core
                items.append(item)
    return items


def _caption_lists(text: str, skip: list[tuple[int, int]]) -> list[ListItem]:
    items: list[ListItem] = []
    pos = 0
    for line in text.split("\n"):
        line_end = pos + len(line)
        next_start = line_end + 1
        if _is_caption(text, pos, line_end) and next_start < len(text) and not _inside(next_start, skip):
            if text[next_start] != "|":
                items.extend(_parse_segment(text, next_start, _segment_end(text, next_start, False)))
        pos = next_start
    return items


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _opens_vertical(text: str, start: int, end: int) -> bool:
    config = parties_config().member_lists
    line = text[start:end].rstrip(" 　")
    if not line.endswith(tuple(config.vertical_line_endings)):
        return False
    clause = line[_clause_start(line, len(line) - 1) :]
    return any(word in clause for word in config.vertical_cue_words)


def _is_caption(text: str, start: int, end: int) -> bool:
    """A caption line of a list (附：发起单位名单): it ends with a caption word."""
    return text[start:end].strip().endswith(tuple(parties_config().member_lists.caption_endings))


def _vertical_lists(text: str, skip: list[tuple[int, int]]) -> list[ListItem]:
    """One name per line under a cue line (联盟由下列单位发起：／（一）A（理事长单位）；／（二）B…) or
    under a caption line (附：成员单位名单)."""
    marker = item_marker_re()
    lines = _line_spans(text)
    items: list[ListItem] = []
    for i, (start, end) in enumerate(lines):
        if not (_opens_vertical(text, start, end) or _is_caption(text, start, end)):
            continue
        found = []
        for line_start, line_end in lines[i + 1 :]:
            if line_start == line_end or _inside(line_start, skip) or text[line_start] == "|":
                break
            head = marker.match(text, line_start, line_end)
            pos = head.end() if head else line_start
            stop = min((j for j in (text.find(c, pos, line_end) for c in "；;。，,") if j != -1), default=line_end)
            item = _clean_item(text, pos, stop)
            if item is None:
                break
            found.append(item)
        items.extend(found if len(found) >= 2 else [])
    return items


def contract_parties(text: str) -> list[tuple[str, int, int]]:
    """``(label, start, end)`` of party lines such as 甲方：X / 乙方（盖章）：X (X may stand alone on
    the next line)."""
    labels = parties_config().roles.party_aliases
    pattern = re.compile(f"(?P<label>{alternation(labels)})(?:[（(][^）)]{{0,6}}[）)])?[：:]")
    found = []
    for match in pattern.finditer(text):
        value = value_after(text, match.end())
        item = _clean_item(text, *value) if value else None
        if item:
            found.append((match.group("label"), item.start, item.end))
    return found


def run_in_members(doc: Document, skip: list[tuple[int, int]]) -> list[ListItem]:
    """Names of run-in member lists outside the ``skip`` ranges (tables), in document order."""
    text = doc.match_text
    lists = _cue_lists(text, skip) + _caption_lists(text, skip) + _vertical_lists(text, skip)
    found = {(i.start, i.end): i for i in lists}
    return sorted(found.values(), key=lambda i: i.start)
