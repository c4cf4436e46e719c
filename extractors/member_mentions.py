"""Names written next to a role word, for documents whose member list leaves some unit out (or has
none): 副理事长单位X：负责…, X、Y为副理事长单位, 理事长单位由X担任, 秘书处设在X.

A name counts only when it ends with an organisation suffix and is followed by a boundary or by a
word such as 担任 / 负责, so 某某技术研究院有限公司担任 gives the whole name.
"""

import re
from functools import cache

from extractors.member_roles import hosts_secretariat
from extractors.member_text import item_marker_re
from extractors.orgs import ends_like_org
from extractors.parties_config import alternation, parties_config

_HARD_STOP = "，。；;：:、（(|\n"
_LIST_LINK = "、和及与"
_WINDOW = 40


@cache
def _suffix_re() -> re.Pattern[str]:
    return re.compile(alternation(parties_config().organisations.suffixes))


@cache
def _role_re() -> re.Pattern[str]:
    roles = parties_config().roles
    return re.compile(alternation([*roles.words, *roles.secretariat_verbs]))


def _name_ending(text: str, start: int, limit: int) -> int | None:
    """End of the first name from ``start`` that a boundary or a follower word closes."""
    followers = tuple(parties_config().roles.name_followers)
    for suffix in _suffix_re().finditer(text, start, limit):
        end = suffix.end()
        closed = end == limit or text[end] in _HARD_STOP + _LIST_LINK or text.startswith(followers, end)
        if closed and ends_like_org(text[start:end]):
            return end
    return None


def _forward(text: str, pos: int) -> list[tuple[int, int]]:
    """Names after a role word: 理事长由理事长单位X推荐 gives X, 副理事长单位为X和Y gives X and Y."""
    skip = tuple(parties_config().roles.skip_after_role)
    while True:
        moved = next((len(t) for t in skip if text.startswith(t, pos)), 0)
        word = _role_re().match(text, pos)
        moved = moved or (word.end() - pos if word else 0)
        if not moved:
            break
        pos += moved
    found: list[tuple[int, int]] = []
    while True:
        limit = min(len(text), pos + _WINDOW)
        stop = next((i for i in range(pos, limit) if text[i] in _HARD_STOP), limit)
        end = _name_ending(text, pos, stop)
        if end is None:
            return found
        found.append((pos, end))
        if end >= len(text) or text[end] not in _LIST_LINK:
            return found
        pos = end + 1


def _backward(text: str, pos: int) -> list[tuple[int, int]]:
    skip = parties_config().roles.skip_before_role
    for _ in range(3):
        token = next((t for t in skip if text.endswith(t, 0, pos)), None)
        if token is None:
            break
        pos -= len(token)
    found: list[tuple[int, int]] = []
    while True:
        start = max(text.rfind(ch, 0, pos) for ch in _HARD_STOP + _LIST_LINK) + 1
        marker = item_marker_re().match(text, start, pos)  # 1．X（理事长单位） on a list line
        start = marker.end() if marker else start
        if not ends_like_org(text[start:pos]) or pos - start > _WINDOW:
            return found
        found.append((start, pos))
        if start == 0 or text[start - 1] not in _LIST_LINK:
            return found
        pos = start - 1


def names_near_roles(text: str, skip: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the names written next to role words (and after 秘书处设在), outside ``skip``."""
    verbs = parties_config().roles.secretariat_verbs
    found: list[tuple[int, int]] = []
    for word in _role_re().finditer(text):
        if any(a <= word.start() < b for a, b in skip):
            continue
        if word.group(0) in verbs:
            if hosts_secretariat(text, word.start()):
                found.extend(_forward(text, word.end()))
        else:
            found.extend(_backward(text, word.start()) or _forward(text, word.end()))
    return found
