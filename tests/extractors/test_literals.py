"""Literal prefilters: every match of a pattern contains one of its literals, so skipping is safe."""

from pathlib import Path

import pytest

from extractors.literals import may_match, prefilter, required, union
from extractors.pattern_store import load_patterns

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-agreement.txt"


@pytest.mark.parametrize(("pattern", "expected"), [
    ("(?:归|由)[^。]{0,6}(?:所有|共有)", {"所有", "共有"}),
    ("知识产权", {"知识产权"}),
    ("收益[^。]{0,10}分配", {"收益", "分配"}),  # either is required; the set is one of them
    ("(?:甲|乙)?方", {"方"}),
    ("[一二三]项", {"项"}),
])
def test_required_literals(pattern: str, expected: set[str]) -> None:
    found = required(pattern)
    assert found and found <= expected


@pytest.mark.parametrize("pattern", ["[^。]+", ".*", "(?i)abc", "a?", "(?:x|y*)", "^$"])
def test_no_literals_when_none_is_required(pattern: str) -> None:
    assert required(pattern) is None


def test_every_builtin_cue_match_holds_one_of_its_literals() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    checked = 0
    for clause in load_patterns().clauses.values():
        cues = [*clause.substantive, *clause.weak, *clause.negative]
        for cue in cues:
            assert cue.literals is not None, cue.name  # every built-in cue has a prefilter
            for m in cue.rx.finditer(text):
                assert any(s in m.group(0) for s in cue.literals), (cue.name, m.group(0))
                checked += 1
        gate = union([c.literals for c in [*clause.substantive, *clause.weak]])
        if clause.gate is not None and clause.gate.search(text):
            assert may_match(prefilter(gate), text)
    assert checked > 0
    assert not may_match(prefilter(frozenset({"所有"})), "各方共同")
