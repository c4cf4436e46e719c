"""Word styles and automatic numbering: the list labels a reader sees (第十一条, （三）, 1.2, •).

``Styles`` resolves paragraph styles along their ``basedOn`` chains (name, heading level, the
numbering they carry). ``Numbering`` holds numbering.xml (num → abstractNum, also through
``numStyleLink``; ``lvlOverride``/``startOverride``). ``Numberer`` keeps the running counters of
one story and renders ``lvlText`` (``%1``..``%9``) with each level's ``numFmt``.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from xml.etree.ElementTree import Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    """Return the Clark name of a WordprocessingML tag or attribute."""
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")
_OFF = {"0", "false", "off"}
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$")
_TITLE_NAMES = {"title", "标题"}
_PLACEHOLDER = re.compile(r"%([1-9])")


def is_on(el: Element | None) -> bool:
    """Return whether an on/off property element is present and not switched off."""
    return el is not None and el.get(W_VAL, "true").lower() not in _OFF


def attr(el: Element | None, name: str = W_VAL) -> str | None:
    """Return an attribute of ``el`` (``w:val`` by default), or None."""
    return None if el is None else el.get(name)


def int_attr(el: Element | None, default: int | None = None, name: str = W_VAL) -> int | None:
    """Return an integer attribute, or ``default`` when it is absent or not a number."""
    value = attr(el, name)
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------------------- number formats
@dataclass(frozen=True)
class _Counting:
    digits: str
    units: str  # 十百千
    myriad: str
    zero: str  # inserted for a gap (一百零一); "" for none
    elide_one: bool  # 十/百/千 without a leading 一 (Japanese)
    short_teens: bool  # 10-19 as 十, 十一 (not 一十一)


_CN = _Counting("〇一二三四五六七八九", "十百千", "万", "零", False, True)
_TW = replace(_CN, myriad="萬")
_JA = _Counting("〇一二三四五六七八九", "十百千", "万", "", True, True)
_CN_LEGAL = _Counting("零壹贰叁肆伍陆柒捌玖", "拾佰仟", "万", "零", False, False)
_TW_LEGAL = _Counting("零壹貳參肆伍陸柒捌玖", "拾佰仟", "萬", "零", False, False)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_IDEOGRAPH = str.maketrans("0123456789", "〇一二三四五六七八九")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
# Symbol/Wingdings bullets are private-use code points; show them as a plain bullet.
_BULLET = "•"


def _group(n: int, t: _Counting) -> str:
    """Render 1..9999 with 千/百/十 units."""
    out, seen, gap = "", False, False
    for digit, unit in ((n // 1000 % 10, t.units[2]), (n // 100 % 10, t.units[1]),
                        (n // 10 % 10, t.units[0]), (n % 10, "")):
        if digit == 0:
            gap = seen
            continue
        if gap:
            out += t.zero
            gap = False
        out += unit if (t.elide_one and digit == 1 and unit) else t.digits[digit] + unit
        seen = True
    return out


def _counting(n: int, t: _Counting) -> str:
    """Render ``n`` in a counting system with units (一百零一, 壹佰零壹, 百一)."""
    if not 0 < n < 100_000_000:
        return t.digits[0] if n == 0 else str(n)
    high, low = divmod(n, 10_000)
    out = _group(high, t) + t.myriad if high else ""
    if low:
        out += (t.zero if high and low < 1000 else "") + _group(low, t)
    if t.short_teens and 10 <= n <= 19 and out.startswith(t.digits[1]):
        out = out[1:]
    return out


def _chinese_counting(n: int) -> str:
    """chineseCounting: 十-words up to 99, digit by digit from 100 (一〇一)."""
    if 10 <= n <= 99:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN.digits[tens]) + "十" + (_CN.digits[ones] if ones else "")
    return str(n).translate(_IDEOGRAPH)


def _letters(n: int, upper: bool) -> str:
    if not 0 < n <= 26 * 30:
        return str(n)
    letter = chr((65 if upper else 97) + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, glyph in _ROMAN:
        count, n = divmod(n, value)
        out += glyph * count
    return out if upper else out.lower()


def _enclosed(n: int, first: int, size: int) -> str:
    return chr(first + n - 1) if 0 < n <= size else str(n)


def _from_set(n: int, chars: str) -> str:
    return chars[n - 1] if 0 < n <= len(chars) else str(n)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


FORMATTERS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalHalfWidth": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalFullWidth": lambda n: str(n).translate(_FULLWIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULLWIDTH),
    "decimalEnclosedCircle": lambda n: _enclosed(n, 0x2460, 20),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, 0x2460, 20),
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474, 20),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488, 20),
    "ideographEnclosedCircle": lambda n: _enclosed(n, 0x3220, 10),
    "chineseCounting": _chinese_counting,
    "taiwaneseCounting": _chinese_counting,
    "chineseCountingThousand": lambda n: _counting(n, _CN),
    "taiwaneseCountingThousand": lambda n: _counting(n, _TW),
    "chineseLegalSimplified": lambda n: _counting(n, _CN_LEGAL),
    "ideographLegalTraditional": lambda n: _counting(n, _TW_LEGAL),
    "japaneseCounting": lambda n: _counting(n, _JA),
    "ideographDigital": lambda n: str(n).translate(_IDEOGRAPH),
    "taiwaneseDigital": lambda n: str(n).translate(_IDEOGRAPH),
    "japaneseDigitalTenThousand": lambda n: str(n).translate(_IDEOGRAPH),
    "ideographTraditional": lambda n: _from_set(n, _STEMS),
    "ideographZodiac": lambda n: _from_set(n, _BRANCHES),
    "upperLetter": lambda n: _letters(n, True),
    "lowerLetter": lambda n: _letters(n, False),
    "upperRoman": lambda n: _roman(n, True),
    "lowerRoman": lambda n: _roman(n, False),
    "ordinal": _ordinal,
    "hex": lambda n: f"{n:X}",
    "numberInDash": lambda n: f"- {n} -",
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """Render counter value ``n`` in Word number format ``fmt`` (unknown formats: decimal)."""
    return FORMATTERS.get(fmt, str)(n)


# ---------------------------------------------------------------------------- styles
@dataclass(frozen=True)
class StyleInfo:
    """A paragraph style with its ``basedOn`` chain resolved."""

    name: str | None = None
    heading: int | None = None
    title: bool = False
    num_id: int | None = None
    ilvl: int | None = None
    num_style: str | None = None  # the style that carries the numPr
    break_before: bool = False


# Styles reads the w:style elements, their w:name, w:basedOn and w:pPr, nothing else: these
# elements (table-style formatting, run properties, latent styles) can be cut before parsing.
UNREAD_STYLE_PARTS = ("rPr", "tblPr", "trPr", "tcPr", "tblStylePr", "latentStyles", "docDefaults")


class Styles:
    """styles.xml: style names, headings and the numbering styles carry."""

    def __init__(self, root: Element | None) -> None:
        self._raw: dict[str, Element] = {}
        self.default_paragraph: str | None = None
        for el in root.iterfind(w("style")) if root is not None else ():
            sid = el.get(w("styleId"))
            if sid is None:
                continue
            self._raw[sid] = el
            if el.get(w("type")) == "paragraph" and is_on_attr(el.get(w("default"))):
                self.default_paragraph = sid
        self._cache: dict[str | None, StyleInfo] = {}

    def get(self, sid: str | None) -> StyleInfo:
        """Return the resolved style ``sid`` (None: the default paragraph style)."""
        sid = sid if sid in self._raw else self.default_paragraph
        info = self._cache.get(sid)
        if info is None:
            info = self._cache[sid] = self._resolve(sid)
        return info

    def num_id(self, sid: str) -> int | None:
        """Return the numId a (numbering) style carries, None for unknown styles."""
        return self.get(sid).num_id if sid in self._raw else None

    def name(self, sid: str | None) -> str | None:
        """Return the display name of style ``sid``."""
        return attr(self._raw[sid].find(w("name"))) if sid in self._raw else None

    def _resolve(self, sid: str | None) -> StyleInfo:
        found: dict[str, object] = {}
        seen: set[str] = set()
        current = sid
        while current in self._raw and current not in seen and len(seen) < 20:
            seen.add(current)
            ppr = self._raw[current].find(w("pPr"))
            if ppr is not None:
                _collect_ppr(ppr, current, found)
            current = attr(self._raw[current].find(w("basedOn")))
        name = self.name(sid)
        match = _HEADING_NAME.match((name or "").lower())
        outline = found.get("outline")
        heading = int(match.group(1)) if match else None
        if heading is None and isinstance(outline, int) and 0 <= outline < 9:
            heading = outline + 1
        return StyleInfo(
            name=name, heading=heading, title=(name or "").lower() in _TITLE_NAMES,
            num_id=_opt_int(found.get("num_id")), ilvl=_opt_int(found.get("ilvl")),
            num_style=_opt_str(found.get("num_style")),
            break_before=bool(found.get("break_before", False)),
        )


def is_on_attr(value: str | None) -> bool:
    """Return whether an on/off attribute value is set."""
    return value is not None and value.lower() not in _OFF


def _collect_ppr(ppr: Element, sid: str, found: dict[str, object]) -> None:
    num_pr = ppr.find(w("numPr"))
    if num_pr is not None:
        num_id = int_attr(num_pr.find(w("numId")))
        if num_id is not None and "num_id" not in found:
            found["num_id"], found["num_style"] = num_id, sid
        ilvl = int_attr(num_pr.find(w("ilvl")))
        if ilvl is not None:
            found.setdefault("ilvl", ilvl)
    outline = int_attr(ppr.find(w("outlineLvl")))
    if outline is not None:
        found.setdefault("outline", outline)
    pbb = ppr.find(w("pageBreakBefore"))
    if pbb is not None:
        found.setdefault("break_before", is_on(pbb))


def _opt_int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


# ---------------------------------------------------------------------------- numbering
@dataclass(frozen=True)
class Level:
    """One level (w:lvl) of a list definition."""

    start: int = 0
    fmt: str = "decimal"
    text: str | None = None
    suffix: str = "\t"
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None


@dataclass(frozen=True)
class Label:
    """A rendered list label and what separates it from the paragraph text."""

    text: str
    suffix: str
    bullet: bool


@dataclass(frozen=True)
class _Instance:
    key: str  # the abstractNum: its counters are shared by every num that uses it
    levels: dict[int, Level]
    restarts: dict[int, int]  # lvlOverride: level -> value the counter restarts at on first use


def _level(el: Element) -> Level:
    fmt_el = el.find(w("numFmt"))
    if fmt_el is None:  # Word 2010 custom formats: mc:AlternateContent with a Fallback numFmt
        fmt_el = el.find(f"{{{MC_NS}}}AlternateContent/{{{MC_NS}}}Fallback/{w('numFmt')}")
    fmt = attr(fmt_el) or "decimal"
    text = attr(el.find(w("lvlText")))
    if fmt == "bullet" or el.find(w("lvlPicBulletId")) is not None:
        fmt, text = "bullet", _bullet_text(text)
    suffix = {"space": " ", "nothing": ""}.get(attr(el.find(w("suff"))) or "tab", "\t")
    return Level(
        start=int_attr(el.find(w("start")), 0) or 0, fmt=fmt, text=text, suffix=suffix,
        restart=int_attr(el.find(w("lvlRestart"))), legal=is_on(el.find(w("isLgl"))),
        pstyle=attr(el.find(w("pStyle"))),
    )


def _bullet_text(text: str | None) -> str:
    if not text or any(0xE000 <= ord(c) <= 0xF8FF for c in text):
        return _BULLET
    return text


class Numbering:
    """numbering.xml: which list definition and levels a numId stands for."""

    def __init__(self, root: Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract: dict[str, Element] = {}
        self._nums: dict[int, Element] = {}
        for el in root if root is not None else ():
            if el.tag == w("abstractNum") and el.get(w("abstractNumId")) is not None:
                self._abstract[el.get(w("abstractNumId"), "")] = el
            elif el.tag == w("num") and int_attr(el, name=w("numId")) is not None:
                self._nums[int_attr(el, name=w("numId")) or 0] = el
        self._cache: dict[int, _Instance | None] = {}

    def instance(self, num_id: int) -> _Instance | None:
        """Return the list instance of ``num_id`` (None for 0 and unknown ids)."""
        if num_id not in self._cache:
            self._cache[num_id] = self._build(num_id)
        return self._cache[num_id]

    def _build(self, num_id: int) -> _Instance | None:
        num = self._nums.get(num_id)
        found = self._levels(attr(num.find(w("abstractNumId"))), 0) if num is not None else None
        if num is None or found is None:
            return None
        key, levels = found
        restarts: dict[int, int] = {}
        for override in num.iterfind(w("lvlOverride")):
            ilvl = int_attr(override, name=w("ilvl"))
            lvl_el = override.find(w("lvl"))
            if ilvl is None or not 0 <= ilvl < 9:
                continue
            if lvl_el is not None:
                levels[ilvl] = _level(lvl_el)
                restarts[ilvl] = levels[ilvl].start
            start = int_attr(override.find(w("startOverride")))
            if start is not None:
                restarts[ilvl] = start
        return _Instance(key, levels, restarts)

    def _levels(self, abs_id: str | None, depth: int) -> tuple[str, dict[int, Level]] | None:
        el = self._abstract.get(abs_id or "")
        if el is None or abs_id is None:
            return None
        link = attr(el.find(w("numStyleLink")))
        if link is not None and depth < 5:
            target = self._nums.get(self._styles.num_id(link) or 0)
            linked = attr(target.find(w("abstractNumId"))) if target is not None else None
            if linked is not None and linked != abs_id:
                resolved = self._levels(linked, depth + 1)
                if resolved is not None:
                    return resolved
        levels = {}
        for lvl in el.iterfind(w("lvl")):
            ilvl = int_attr(lvl, name=w("ilvl"))
            if ilvl is not None and 0 <= ilvl < 9:
                levels[ilvl] = _level(lvl)
        return abs_id, levels


class Numberer:
    """The running counters of one story (the body, or one header)."""

    def __init__(self, numbering: Numbering) -> None:
        self._numbering = numbering
        self._counters: dict[str, dict[int, int]] = {}
        self._used: set[tuple[int, int]] = set()

    def next_label(self, num_id: int, ilvl: int | None, num_style: str | None) -> Label | None:
        """Advance the counter of (num_id, ilvl) and return the label, or None."""
        inst = self._numbering.instance(num_id) if num_id else None
        if inst is None:
            return None
        if ilvl is None:
            ilvl = next((i for i, lv in inst.levels.items() if num_style and lv.pstyle == num_style), 0)
        level = inst.levels.get(ilvl)
        if level is None:
            return None
        counters = self._counters.setdefault(inst.key, {})
        if ilvl in inst.restarts and (num_id, ilvl) not in self._used:
            counters[ilvl] = inst.restarts[ilvl]  # startOverride: restart the shared counter once
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        self._used.add((num_id, ilvl))
        for deeper, lv in inst.levels.items():
            if deeper > ilvl and (lv.restart is None or (lv.restart > 0 and ilvl <= lv.restart - 1)):
                counters.pop(deeper, None)
        text = self._render(level, inst, counters)
        return Label(text, level.suffix, level.fmt == "bullet") if text else None

    @staticmethod
    def _render(level: Level, inst: _Instance, counters: dict[int, int]) -> str:
        if level.fmt == "bullet" or not level.text:
            return level.text or ""

        def value(match: re.Match[str]) -> str:
            idx = int(match.group(1)) - 1
            lv = inst.levels.get(idx, Level())
            n = counters.get(idx, lv.start)
            return format_number(n, "decimal" if level.legal and lv.fmt != "none" else lv.fmt)

        return _PLACEHOLDER.sub(value, level.text)
