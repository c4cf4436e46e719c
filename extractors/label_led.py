"""Patterns that open with a free label — up to N characters of a class, then a fixed part
(``[^\\s：:（）…]{0,40}（签字）``) — searched fixed part first.

``re`` tries such a pattern at every position and runs the label out and back each time (N steps
per character of text). The same match is found faster: search the fixed part alone; a match can
start no earlier than ``N`` characters before it, nor before the last character outside the label
class, nor before ``pos`` — and no match starts earlier than that bound computed from the first
occurrence of the fixed part (a later occurrence only raises it), while a match does start there.
So ``match`` there gives what ``search`` gives (checked on random texts in the tests).
"""

import re


class LabelLed:
    """``label_chars{0,width}`` + ``rest`` (``label`` may name a group around both), searched fast."""

    def __init__(self, pattern: str, label_chars: str, width: int, rest: str) -> None:
        self.pattern = re.compile(pattern)
        self._rest = re.compile(rest)
        self._run = re.compile(f"{label_chars}{{0,{width}}}\\Z")  # the label's run of characters before the rest
        self._width = width

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        """``self.pattern.search(text, pos, endpos)``."""
        rest = self._rest.search(text, pos, endpos)
        if rest is None:
            return None
        run = self._run.search(text, max(pos, rest.start() - self._width), rest.start())
        start = run.start() if run is not None else rest.start()
        found = self.pattern.match(text, start, endpos)
        return found if found is not None else self.pattern.search(text, pos, endpos)
