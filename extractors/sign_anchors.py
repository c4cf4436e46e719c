"""Anchors of run-in signature blocks and form cells, read in document order:

* party anchors: ``X（盖章）：name`` (any label before the seal cue, or the name itself before it)
  and, inside a signature part, ``甲方：name`` / ``单位名称：name`` and a unit's name opening a
  line before a wide gap (``X有限公司　　代表：…``);
* signatory anchors: ``…（签字）：name`` / ``代表签字：name`` and, inside a signature part, plain
  ``法定代表人：name``;
* date anchors: ``日期：…`` and, inside a signature part, a line that opens with a date.

Text read from a PDF may run several lines together (甲方（盖章）：X乙方（盖章）：Y法定代表人…), so
names are cut before the next label and a label never reaches back over a date or a name.
"""

import re
from dataclasses import dataclass
from functools import cache

from extractors.cn_text import DATE_RE, PERSON_RE, line_bounds, skip_blanks
from extractors.label_led import LabelLed
from extractors.orgs import cut_at_label, ends_like_org
from extractors.parties_config import alternation, signatures_config

_LABEL_CHARS, _LABEL_WIDTH = r"[^\s：:|，。；,;（）()]", 40
_LABEL = f"{_LABEL_CHARS}{{0,{_LABEL_WIDTH}}}"
_VALUE_END = re.compile(r"[\s|，。；,;]")
_REMARK_END_RE = re.compile(r"[（(][^（）()]*[）)]$")
_QUALIFIER_RE = re.compile(r"[\u3400-\u9fff]{2,}[（(][^（）()]{1,8}[）)]$")
_PART_ONLY = ("party_label", "plain_sign", "bare_date", "line_org")


@dataclass
class Anchor:
    """One anchor of the stream: ``kind`` is party / sign / date; ``value`` a party's name span."""

    kind: str
    start: int
    end: int
    label: str
    value: tuple[int, int] | None
    in_part: bool = False


@cache
def _anchor_res() -> dict[str, re.Pattern[str] | LabelLed]:
    config = signatures_config()
    seal = alternation(config.seal_label_cues)
    sign = alternation(config.sign_cues)
    parties = alternation(config.contract_parties + config.party_name_labels)
    return {
        "party_label": re.compile(f"(?P<label>{parties})[：:]"),
        "plain_sign": re.compile(f"(?P<label>{alternation(config.plain_sign_labels)})[：:]"),
        # a label of up to 40 characters, then a fixed part: searched fixed part first (label_led)
        "paren": LabelLed(f"(?P<label>{_LABEL})[（(](?P<cue>(?:{sign}|{seal})+)[）)](?P<colon>[：:])?",
                          _LABEL_CHARS, _LABEL_WIDTH, f"[（(](?:{sign}|{seal})+[）)]"),
        # … or a form row's label cell: | 法定代表人签字 | 龙某某 … |
        "bare_sign": LabelLed(f"(?P<label>{_LABEL}(?:{sign}))(?P<colon>[：:]|[ 　]*\\|[ 　]*(?=[^\\s|])|[ 　]+(?=\\S))",
                              _LABEL_CHARS, _LABEL_WIDTH, f"(?:{sign})(?:[：:]|[ 　]+(?=\\S))"),
        "date": re.compile(f"(?P<label>{alternation(config.date_labels)})[：:]"),
        "bare_date": re.compile(r"^[ 　]*(?=(?:\d{4}|[〇零○一二三四五六七八九]{4})[ 　]*年)", re.MULTILINE),
        # a signature part's line that opens with a unit's name, then a gap and more
        # (渭南某某有限公司　代表：张三　2025年7月8日; normalisation leaves one blank of a wide gap)
        "line_org": re.compile(r"^[ 　]*(?P<label>[^\s：:|，。；,;]{4,60}?)(?=[ 　\t]+\S)", re.MULTILINE),
    }


def _is_person_label(label: str) -> bool:
    config = signatures_config()
    return any(w in label for w in config.legal_words + config.authorized_words + config.generic_words)


def org_value(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """The organisation name written at ``pos`` (up to a gap or a label), without （盖章）."""
    pos = skip_blanks(text, pos, limit)
    stop = _VALUE_END.search(text, pos, limit)
    end = cut_at_label(text, pos, stop.start() if stop else limit)
    remark = _REMARK_END_RE.search(text, pos, end)
    if remark and any(cue in remark.group(0) for cue in signatures_config().seal_label_cues):
        end = remark.start()
    return (pos, end) if ends_like_org(text[pos:end]) else None


def value_after(text: str, pos: int) -> tuple[int, int] | None:
    """The name after a party label: on the rest of its line, or alone on the next line."""
    line_end = line_bounds(text, pos)[1]
    value = org_value(text, pos, line_end)
    if value or text[pos:line_end].strip(" 　_") or line_end >= len(text):
        return value
    next_end = line_bounds(text, line_end + 1)[1]
    value = org_value(text, line_end + 1, next_end)
    return value if value and not text[value[1] : next_end].strip(" 　") else None


def _label_start(text: str, m: re.Match[str]) -> int:
    """Where a label really starts: after any date inside it; back over a （成都） qualifier of a name."""
    start = m.start("label")
    for date in DATE_RE.finditer(text, start, m.end("label")):
        start = date.end()
    qualified = _QUALIFIER_RE.search(text, max(0, start - 20), start)
    if qualified and ends_like_org(text[start : m.end("label")]):
        start = qualified.start()
    return start


def _paren_anchor(text: str, m: re.Match[str], in_part: bool) -> Anchor | None:
    start = _label_start(text, m)
    label, cue = text[start : m.end("label")], m.group("cue")
    seal_only = not any(c in cue for c in signatures_config().sign_cues if c != "签章")
    if not seal_only and PERSON_RE.fullmatch(label) and not _is_person_label(label):
        return None  # 易某（签字）: the name of a signatory anchor already read
    if _is_person_label(label) or not seal_only:
        if not (m.group("colon") or in_part):
            return None  # 由法定代表人签字（盖章）后生效: a clause, not a slot
        return Anchor("sign", start, m.end(), label + cue, None)
    if ends_like_org(label):
        return Anchor("party", start, m.end(), "", (start, m.end("label")))
    value = value_after(text, m.end()) if m.group("colon") else _rest_of_line(text, m.end()) if in_part else None
    return Anchor("party", start, m.end(), label, value)


def _rest_of_line(text: str, pos: int) -> tuple[int, int] | None:
    """An organisation name filling the rest of the line (单位名称（盖章）X: OCR lost the colon)."""
    line_end = line_bounds(text, pos)[1]
    value = org_value(text, pos, line_end)
    return value if value and not text[value[1] : line_end].strip(" 　") else None


def _make_anchor(kind: str, text: str, m: re.Match[str], in_part: bool) -> Anchor | None:
    if kind == "paren":
        return _paren_anchor(text, m, in_part)
    if kind == "line_org":
        label = m.group("label")
        return Anchor("party", m.start("label"), m.end(), "", (m.start("label"), m.end())) if ends_like_org(label) else None
    if kind == "party_label":
        return Anchor("party", m.start(), m.end(), m.group("label"), value_after(text, m.end()))
    if kind == "bare_sign" and not (in_part or m.group("colon").strip(" 　") in ("：", ":", "|")):
        return None
    label = m.groupdict().get("label") or ""
    return Anchor("date" if kind.endswith("date") else "sign", m.start(), m.end(), label, None)


def _free(taken: list[tuple[int, int]], start: int, end: int) -> int | None:
    """None when ``[start, end)`` is free, else the end of the range it runs into."""
    for a, b in taken:
        if a < max(end, start + 1) and start < b:
            return b
    return None


def anchors(text: str, start: int, end: int, parts: list[tuple[int, int]]) -> list[Anchor]:
    """Anchors of ``text[start:end]`` in document order; ``parts`` are the signature parts.

    Kinds are read in a fixed order and an earlier kind's match (with the name it reads) wins;
    a later match that runs into it is searched again after it.
    """
    found: dict[int, Anchor] = {}
    taken: list[tuple[int, int]] = []
    for kind, pattern in _anchor_res().items():
        pos = start
        while (m := pattern.search(text, pos, end)) is not None:
            pos = max(m.end(), m.start() + 1)
            in_part = any(a <= m.start() < b for a, b in parts)
            if kind in _PART_ONLY and not in_part:
                continue
            blocked = _free(taken, m.start(), m.end())
            if blocked is not None:
                pos = max(blocked, m.start() + 1)
                continue
            anchor = _make_anchor(kind, text, m, in_part)
            if anchor:
                anchor.in_part = in_part
                found[anchor.start] = anchor
                taken.append((anchor.start, max(anchor.value[1] if anchor.value else 0, anchor.end)))
    return [found[k] for k in sorted(found)]
