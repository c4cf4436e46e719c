"""Chinese numerals as written in article numbers (第一百零一条, 二十, 〇), to integers."""

_DIGITS = {"〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
           "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def to_int(numeral: str) -> int | None:
    """Return the value of a Chinese, Arabic or circled numeral, or None if it is not one."""
    numeral = numeral.strip()
    if not numeral:
        return None
    if numeral.isascii() and numeral.isdigit():
        return int(numeral)
    if len(numeral) == 1 and numeral in _CIRCLED:
        return _CIRCLED.index(numeral) + 1
    if all(ch in _DIGITS for ch in numeral) and len(numeral) > 1:
        # digit-by-digit form: 二〇二四
        return int("".join(str(_DIGITS[ch]) for ch in numeral))
    total, current = 0, 0
    for ch in numeral:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current
