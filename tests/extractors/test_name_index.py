"""NameIndex finds what a longest-first regex alternation of the names finds, without its cost."""

import random
import re

from extractors.member_roles import NameIndex


def _reference(text: str, names: list[str], skip: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    order = sorted(range(len(names)), key=lambda i: len(names[i]), reverse=True)
    pattern = re.compile("|".join(f"(?P<n{i}>{re.escape(names[i])})" for i in order if names[i]))
    found: dict[int, tuple[int, int]] = {}
    for match in pattern.finditer(text):
        if not any(a <= match.start() < b for a, b in skip):
            found[match.start()] = (match.end(), int((match.lastgroup or "n0")[1:]))
    return found


def test_same_occurrences_as_the_alternation_on_random_texts() -> None:
    rng = random.Random(7)
    alphabet = "甲乙丙丁大学公司研究院"
    for _ in range(300):
        names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 12))]
        text = "".join(rng.choice(alphabet + "，、") for _ in range(rng.randint(0, 120)))
        skip = [(a, a + rng.randint(0, 15)) for a in rng.sample(range(130), rng.randint(0, 4))]
        index = NameIndex(text, names, skip)
        assert index.by_start == _reference(text, names, skip), (text, names, skip)
        assert index.by_end == {end: (start, i) for start, (end, i) in index.by_start.items()}


def test_thousands_of_members_are_indexed() -> None:
    names = [f"第{i}号新材料科技有限公司" for i in range(3000)]
    text = "、".join(names)
    index = NameIndex(text, names, [])
    assert len(index.by_start) == 3000
    assert index.by_start[0] == (len(names[0]), 0)


def test_names_starting_with_characters_special_in_a_character_class() -> None:
    rng = random.Random(11)
    alphabet = "甲乙]^-\\[(公司"
    for _ in range(300):
        names = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))]
        text = "".join(rng.choice(alphabet + "，、x") for _ in range(rng.randint(0, 80)))
        assert NameIndex(text, names, []).by_start == _reference(text, names, []), (text, names)
