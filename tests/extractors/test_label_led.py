"""LabelLed.search finds what the pattern's own search finds (the signature anchors use it)."""

import random

from extractors.label_led import LabelLed
from extractors.sign_anchors import _anchor_res


def _same(led: LabelLed, text: str, rng: random.Random) -> None:
    for _ in range(6):
        pos = rng.randint(0, len(text))
        end = rng.randint(pos, len(text))
        want = led.pattern.search(text, pos, end)
        got = led.search(text, pos, end)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), (text, pos, end)


def test_signature_anchors_on_random_texts() -> None:
    rng = random.Random(5)
    pieces = ["甲方", "单位", "（", "）", "(", ")", "盖章", "签字", "签名", "代表", "：", ":", " ", "　", "\n",
              "，", "有限公司", "法定代表人", "年", "x"]
    leds = [p for p in _anchor_res().values() if isinstance(p, LabelLed)]
    assert len(leds) == 2
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for led in leds:
            _same(led, text, rng)


def test_narrow_label_on_random_texts() -> None:
    rng = random.Random(6)
    led = LabelLed(r"(?P<label>[^\s:()]{0,3}(?:ab|b))(?P<tail>:|\s+(?=\S))", r"[^\s:()]", 3, r"(?:ab|b)(?::|\s+(?=\S))")
    for _ in range(3000):
        text = "".join(rng.choice("aab:( )\nx") for _ in range(rng.randint(0, 30)))
        _same(led, text, rng)
