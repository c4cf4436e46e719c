"""Roles written around known member names: X为理事长单位, 理事长单位由X担任, 副理事长单位X：…,
秘书处设在X / 挂靠X, 由X牵头. Names must already be known (from tables and lists), so the
boundaries of a name in running text never have to be guessed.
"""

import bisect
import re
from dataclasses import dataclass
from functools import cache

from extractors.parties_config import Role, alternation, parties_config

_CHAIN = ("、", "和", "及", "与", "以及")
_SENTENCE_END = "。；;\n"
_BODY_TO_VERB = 16


@dataclass
class RoleMention:
    """A role stated for ``names[index]``; ``[start, end)`` covers the role word and the name."""

    index: int
    role: Role
    start: int
    end: int


class NameIndex:
    """Where each known name occurs in the text.

    Leftmost-longest, non-overlapping occurrences, like a regex alternation of the names sorted
    longest first — but found through a table of name heads, so the cost grows with the text and
    the names sharing a first character, not with text × names (a 200-page member list has
    thousands of names; the alternation took minutes there).
    Names are bucketed by their first two characters.
    """

    def __init__(self, text: str, names: list[str], skip: list[tuple[int, int]]) -> None:
        self.by_start: dict[int, tuple[int, int]] = {}
        self.by_end: dict[int, tuple[int, int]] = {}
        by_head: dict[str, list[int]] = {}  # first two characters (one for one-character names)
        for i in sorted(range(len(names)), key=lambda i: len(names[i]), reverse=True):
            if names[i]:
                by_head.setdefault(names[i][:2], []).append(i)
        short = any(len(head) == 1 for head in by_head)
        skip_starts = _merged(skip)
        # only where a name's first character stands can a name start: jump there (C speed)
        first = re.compile("[" + "".join(sorted({re.escape(head[0]) for head in by_head})) + "]") if by_head else None
        pos, size = 0, len(text)
        while first is not None and pos < size:
            at = first.search(text, pos)
            if at is None:
                break
            pos = at.start()
            candidates = by_head.get(text[pos:pos + 2], [])
            if short:
                candidates = sorted([*candidates, *by_head.get(text[pos], [])], key=lambda i: -len(names[i]))
            found = next((i for i in candidates if text.startswith(names[i], pos)), None)
            if found is None:
                pos += 1
                continue
            end = pos + len(names[found])
            if not _inside(skip_starts, pos):
                self.by_start[pos] = (end, found)
                self.by_end[end] = (pos, found)
            pos = end


def _merged(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``[start, end)`` intervals sorted, with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _inside(merged: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of the ``merged`` intervals (sorted, disjoint)."""
    index = bisect.bisect_right(merged, (pos, float("inf"))) - 1
    return index >= 0 and merged[index][0] <= pos < merged[index][1]


@cache
def _role_re() -> re.Pattern[str]:
    return re.compile(alternation(parties_config().roles.words))


@cache
def _count_re() -> re.Pattern[str]:
    return re.compile(parties_config().roles.count_after_role)


def _skip_back(text: str, pos: int, tokens: list[str]) -> int:
    for _ in range(4):
        token = next((t for t in tokens if text.endswith(t, 0, pos)), None)
        if token is None:
            break
        pos -= len(token)
    return pos


def _skip_forward(text: str, pos: int, tokens: list[str]) -> int:
    for _ in range(4):
        token = next((t for t in tokens if text.startswith(t, pos)), None)
        if token is None:
            break
        pos += len(token)
    return pos


def _chain_back(text: str, pos: int, index: NameIndex) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    while pos in index.by_end:
        start, i = index.by_end[pos]
        found.append((i, start, pos))
        link = next((c for c in _CHAIN if text.endswith(c, 0, start)), None)
        if link is None:
            break
        pos = start - len(link)
    return found


def _chain_forward(text: str, pos: int, index: NameIndex) -> list[tuple[int, int, int]]:
    found: list[tuple[int, int, int]] = []
    while pos in index.by_start:
        end, i = index.by_start[pos]
        found.append((i, pos, end))
        link = next((c for c in _CHAIN if text.startswith(c, end)), None)
        if link is None:
            break
        pos = end + len(link)
    return found


def _word_mentions(text: str, index: NameIndex, skip: list[tuple[int, int]]) -> list[RoleMention]:
    roles = parties_config().roles
    mentions: list[RoleMention] = []
    for word in _role_re().finditer(text):
        if any(a <= word.start() < b for a, b in skip):
            continue
        names = _chain_back(text, _skip_back(text, word.start(), roles.skip_before_role), index)
        if not names:
            count = _count_re().match(text, word.end())
            after = count.end() if count else word.end()
            names = _chain_forward(text, _skip_forward(text, after, roles.skip_after_role), index)
        role = roles.words[word.group(0)]
        mentions.extend(
            RoleMention(i, role, min(s, word.start()), max(e, word.end())) for i, s, e in names
        )
    return mentions


def hosts_secretariat(text: str, verb_start: int) -> bool:
    """True when the verb at ``verb_start`` (设在, 挂靠…) tells where the secretariat sits."""
    sentence = max(text.rfind(ch, 0, verb_start) for ch in _SENTENCE_END) + 1
    lead_in = text[max(sentence, verb_start - _BODY_TO_VERB) : verb_start]
    return any(body in lead_in for body in parties_config().roles.secretariat_bodies)


def _secretariat_mentions(text: str, index: NameIndex) -> list[RoleMention]:
    roles = parties_config().roles
    verbs = re.compile(alternation(roles.secretariat_verbs))
    mentions: list[RoleMention] = []
    for verb in verbs.finditer(text):
        if not hosts_secretariat(text, verb.start()):
            continue
        pos = _skip_forward(text, verb.end(), list(roles.words) + roles.skip_after_role)
        if pos in index.by_start:
            end, i = index.by_start[pos]
            mentions.append(RoleMention(i, "secretariat", verb.start(), end))
    return mentions


def _lead_verb_mentions(text: str, index: NameIndex) -> list[RoleMention]:
    mentions: list[RoleMention] = []
    for end, (start, i) in index.by_end.items():
        verb = next((v for v in parties_config().roles.lead_verbs if text.startswith(v, end)), None)
        if verb and text.endswith("由", 0, start):
            mentions.append(RoleMention(i, "lead", start - 1, end + len(verb)))
    return mentions


def role_mentions(text: str, names: list[str], skip: list[tuple[int, int]]) -> list[RoleMention]:
    """Every role the text states for one of ``names`` (Simplified forms), outside ``skip``."""
    index = NameIndex(text, names, skip)
    return (
        _word_mentions(text, index, skip)
        + _secretariat_mentions(text, index)
        + _lead_verb_mentions(text, index)
    )
