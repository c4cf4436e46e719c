"""A signatory name from the recogniser's CTC probabilities, its first character a surname.

On a scanned signature page the handwriting is written over the printed name, and it starts where
the name starts: the surname is the character most often lost (石振华 read 振华) or misread (曹敏 read
着敏, 贾桂芳 read 要桂芳). ``decode_name`` decodes greedily, takes the leading Chinese characters as
the name, and when they do not open with a common surname puts in the surname the model finds most
likely, either in place of the first character or in the timesteps just before it, whichever has
the higher probability (the right character is usually among the model's surnames even when its
probability is small). The rest of the reading is kept when it holds a signatory marker
(（授权代表）, damaged or whole).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

_DATA = Path(__file__).resolve().parents[1] / "data"
_CJK = re.compile(r"[\u3400-\u9fff]")


def _char_lines(name: str) -> list[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


@cache
def surname_ranks() -> dict[str, int]:
    """Each common single-character surname of ``intake/data/surnames.txt`` and its place there
    (most frequent first)."""
    return {ch: i for i, ch in enumerate(_char_lines("surnames.txt"))}


@cache
def surnames() -> frozenset[str]:
    """The common single-character surnames of ``intake/data/surnames.txt``."""
    return frozenset(surname_ranks())


@cache
def given_name_chars() -> frozenset[str]:
    """Characters common in given names (``intake/data/given_names.txt``)."""
    return frozenset(_char_lines("given_names.txt"))


@dataclass(frozen=True)
class Run:
    """One decoded character: its class, first and last timestep, and its best probability."""

    char: str
    first: int
    last: int
    prob: float

    @property
    def centre(self) -> float:
        return (self.first + self.last) / 2


@dataclass(frozen=True)
class NameReading:
    """A name read from a line image: ``text`` is the name and any marker after it."""

    name: str
    text: str
    score: float


@dataclass(frozen=True)
class DecodeRules:
    """What ``decode_name`` accepts: name length, the least surname probability, marker hints."""

    min_chars: int
    max_given: int
    min_surname_prob: float
    gap_pitches: float
    marker_hints: tuple[str, ...]
    # a character outside the common given-name characters counts this share of its probability
    uncommon_given_weight: float = 1.0
    # a surname's probability is weighed by (surname_rank_offset + 1) / (surname_rank_offset + rank)
    surname_rank_offset: float = 0.0


def ctc_runs(probs: np.ndarray, chars: list[str]) -> list[Run]:
    """Greedy CTC decoding that keeps where each character was read (blank is class 0)."""
    best = probs.argmax(axis=1)
    runs: list[Run] = []
    previous = 0
    for t, index in enumerate(best):
        if index != 0 and index == previous and runs:
            last = runs[-1]
            runs[-1] = Run(last.char, last.first, t, max(last.prob, float(probs[t, index])))
        elif index != 0:
            runs.append(Run(chars[index], t, t, float(probs[t, index])))
        previous = int(index)
    return runs


@cache
def _surname_columns(chars: tuple[str, ...]) -> np.ndarray:
    names = surnames()
    return np.array([i for i, ch in enumerate(chars) if ch in names], dtype=np.int64)


def _best_surname(probs: np.ndarray, chars: list[str], first: int, last: int, offset: float = 0.0
                  ) -> tuple[str, float]:
    first, last = max(first, 0), min(last, probs.shape[0] - 1)
    if last < first:
        return "", 0.0
    columns = _surname_columns(tuple(chars))
    window = probs[first : last + 1][:, columns]
    weighted = window * _surname_weights(tuple(chars), offset)[None, :]
    t, j = np.unravel_index(int(np.argmax(weighted)), window.shape)
    return chars[int(columns[j])], float(window[t, j])


@cache
def _surname_weights(chars: tuple[str, ...], offset: float) -> np.ndarray:
    """Per surname column: more frequent surnames weigh more (1.0 for the most frequent)."""
    columns = _surname_columns(chars)
    if offset <= 0:
        return np.ones(len(columns))
    ranks = surname_ranks()
    return np.array([(offset + 1) / (offset + 1 + ranks[chars[i]]) for i in columns])


@cache
def _given_weights(chars: tuple[str, ...], uncommon: float) -> np.ndarray:
    """Per class: 1.0 for a common given-name character, ``uncommon`` for any other Chinese one, 0 else."""
    common = given_name_chars()
    return np.array([1.0 if ch in common else uncommon if _CJK.match(ch) else 0.0 for ch in chars])


def _likely_given(probs: np.ndarray, chars: list[str], run: Run, rules: DecodeRules) -> Run:
    """``run`` as the character the recogniser found in its timesteps, weighed towards common
    given-name characters (国核 is read where the print says 国栋, with 栋 a little less likely)."""
    if rules.uncommon_given_weight >= 1.0 or run.char in given_name_chars():
        return run
    peak = probs[run.first : run.last + 1].max(axis=0)
    best = int(np.argmax(peak * _given_weights(tuple(chars), rules.uncommon_given_weight)))
    if chars[best] == run.char:
        return run
    return Run(chars[best], run.first, run.last, float(peak[best]))


@cache
def _cjk_columns(chars: tuple[str, ...]) -> np.ndarray:
    return np.array([i for i, ch in enumerate(chars) if _CJK.match(ch)], dtype=np.int64)


def _filled(probs: np.ndarray, chars: list[str], name: list[Run], pitch: float, rules: DecodeRules) -> list[Run]:
    """The name's runs with a character put in each gap wider than ``gap_pitches`` characters: the
    Chinese character most likely in the gap's timesteps (a given name's middle lost under a stroke)."""
    out = name[:1]
    for run in name[1:]:
        last = out[-1]
        if run.centre - last.centre > rules.gap_pitches * pitch and run.first - last.last > 1:
            columns = _cjk_columns(tuple(chars))
            window = probs[last.last + 1 : run.first][:, columns]
            t, j = np.unravel_index(int(np.argmax(window)), window.shape)
            out.append(Run(chars[int(columns[j])], last.last + 1 + int(t), last.last + 1 + int(t), float(window[t, j])))
        out.append(run)
    return out


def _split(runs: list[Run], rules: DecodeRules) -> tuple[list[Run], str]:
    """The leading Chinese characters (the name, before any marker) and the text after them."""
    start = next((i for i, r in enumerate(runs) if _CJK.match(r.char)), None)
    if start is None:
        return [], ""
    name: list[Run] = []
    for run in runs[start:]:
        if not _CJK.match(run.char):
            break
        name.append(run)
    text = "".join(r.char for r in name)
    cut = min((text.find(h) for h in rules.marker_hints if h in text), default=len(text))
    # a marker hint's first character may stand right after the name (权 of 授权代表)
    name = name[:cut]
    rest = "".join(r.char for r in runs[start + len(name) :])
    return name, rest


def _with_surname(
    probs: np.ndarray, chars: list[str], name: list[Run], pitch: float, rules: DecodeRules
) -> tuple[str, float, list[Run]]:
    """A surname, its probability, and the runs of the given name after it ("" when none is likely)."""
    head = name[0]
    if head.char in surnames():
        return head.char, head.prob, name[1:]
    offset = rules.surname_rank_offset
    swap, swap_p = _best_surname(probs, chars, head.first - 1, head.last + 1, offset)
    insert, insert_p = _best_surname(probs, chars, int(head.first - 1.3 * pitch), head.first - 1, offset)
    if max(swap_p, insert_p) < rules.min_surname_prob:
        return "", 0.0, name
    if insert_p > swap_p:
        return insert, insert_p, name
    return swap, swap_p, name[1:]


def decode_name(probs: np.ndarray, chars: list[str], pitch: float, rules: DecodeRules) -> NameReading | None:
    """The person name read in a line image's probabilities, or None when there is none. ``pitch``
    is the number of timesteps one character takes (from the image's geometry)."""
    runs = ctc_runs(probs, chars)
    name_runs, rest = _split(runs, rules)
    if not name_runs:
        return None
    name_runs = _filled(probs, chars, name_runs, pitch, rules)
    surname, surname_p, given = _with_surname(probs, chars, name_runs, pitch, rules)
    given = [_likely_given(probs, chars, r, rules) for r in given[: rules.max_given]]
    if not surname or 1 + len(given) < rules.min_chars:
        return None
    name = surname + "".join(r.char for r in given)
    tail = rest if any(h in rest for h in rules.marker_hints) else ""
    if tail and not tail.startswith(("（", "(")):
        tail = "（" + tail
    score = float(np.mean([surname_p] + [r.prob for r in given]))
    return NameReading(name=name, text=name + tail, score=score)
