"""Literal prefilters for regular expressions: strings one of which any match must contain.

``required(pattern)`` reads the pattern's parse tree (``re._parser``) and returns a set of literal
strings such that every match of the pattern contains at least one of them, or None when no such
set can be read (an optional or open-ended part, a negated class, a case-insensitive flag …).
``prefilter`` compiles such a set into one alternation of plain strings, which ``re`` scans many
times faster than the patterns themselves: a text it does not find in cannot match the pattern,
so ``may_match`` never changes what a pattern finds; it only spares running it.
"""

import re
from importlib import import_module
from typing import Any

C: Any = import_module("re._constants")
P: Any = import_module("re._parser")

Literals = frozenset[str]

_MAX_CLASS = 32  # a character class wider than this is not worth a literal set
_MAX_SET = 64  # nor is an alternation of more strings than this


def _best(options: list[Literals]) -> Literals | None:
    """The most selective of several sets that each hold: longest shortest string, then fewest strings."""
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def _item(op: Any, av: Any) -> Literals | None:
    if op is C.LITERAL:
        return frozenset({chr(av)})
    if op is C.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                chars.add(chr(value))
            elif kind is C.RANGE and value[1] - value[0] < _MAX_CLASS:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return None
        return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS else None
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & re.IGNORECASE else _sequence(sub)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _sequence(sub) if low >= 1 else None
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            found = _sequence(alternative)
            if found is None:
                return None
            out |= found
        return frozenset(out) if len(out) <= _MAX_SET else None
    return None  # ANY, NOT_LITERAL, AT, lookarounds, group references, conditionals


def _sequence(items: Any) -> Literals | None:
    options: list[Literals] = []
    run: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        found = _item(op, av)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset({"".join(run)}))
    return _best(options)


def required(pattern: str, flags: int = 0) -> Literals | None:
    """Strings one of which every match of ``pattern`` contains (None: no such set is known)."""
    if flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        tree = P.parse(pattern, flags)
    except re.error:
        return None
    if tree.state.flags & (re.IGNORECASE | re.VERBOSE):  # inline (?i) / (?x)
        return None
    found = _sequence(tree.data)
    return found if found and all(found) else None


def union(sets: list[Literals | None]) -> Literals | None:
    """The strings of several alternatives (None when any alternative has none)."""
    out: set[str] = set()
    for s in sets:
        if s is None:
            return None
        out |= s
    return frozenset(out)


def prefilter(literals: Literals | None) -> re.Pattern[str] | None:
    """One pattern of the plain strings (longest first); None for no literals."""
    if not literals:
        return None
    return re.compile("|".join(re.escape(s) for s in sorted(literals, key=lambda s: (-len(s), s))))


def may_match(prefilter: re.Pattern[str] | None, text: str) -> bool:
    """False only when ``text`` holds none of the strings of ``prefilter`` (so the pattern cannot match)."""
    return prefilter is None or prefilter.search(text) is not None
