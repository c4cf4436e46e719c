"""Decode plain-text files: UTF-8 (with or without BOM), UTF-16, GB18030/GBK, Big5."""

import codecs
import re

from models import IntakeError

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _common_share(text: str, encoding: str, first_bytes: range) -> float:
    """Share of CJK characters that are in the common tier of ``encoding``.

    GB2312 level 1 (lead bytes B0–D7) holds the 3,755 most used Simplified characters; Big5
    lead bytes A4–C6 hold the 5,401 most used Traditional ones. Text decoded with the wrong
    codec turns into rare characters, so the right codec has the higher share.
    """
    cjk = _CJK_RE.findall(text[:20000])
    if not cjk:
        return 0.0
    common = 0
    for ch in cjk:
        try:
            lead = ch.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
        common += lead in first_bytes
    return common / len(cjk)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    # ASCII-heavy UTF-16 has NULs in every other byte; Chinese UTF-16 rarely has NULs at all,
    # so also try it when the byte count is even and UTF-8/GB18030 failed (handled by caller).
    encoding = "utf-16-le" if odd_nuls > 0.3 > even_nuls else "utf-16-be" if even_nuls > 0.3 > odd_nuls else None
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``IntakeError('undecodable_text')`` when nothing fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise IntakeError("undecodable_text", name=name) from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[float, str, str]] = []
    encodings = ["gb18030", "big5"] + (["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else [])
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_commonness(text), encoding, text))
    if not candidates:
        raise IntakeError("undecodable_text", name=name)
    _, encoding, text = max(candidates)
    return text, encoding


def _commonness(text: str) -> float:
    """How much ``text`` looks like real Chinese: common characters up, control characters down."""
    sample = text[:20000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f") / len(sample)
    share = max(
        _common_share(sample, "gb2312", range(0xB0, 0xD8)),
        _common_share(sample, "big5", range(0xA4, 0xC7)),
    )
    return share - 10 * controls


def looks_like_text(data: bytes) -> bool:
    """Whether ``data`` decodes as text with almost no control characters."""
    sample = data[:65536]
    try:
        text, _ = decode_text(sample if len(data) <= 65536 else _trim_to_boundary(sample), "sample")
    except IntakeError:
        return False
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls / len(text) < 0.01


def _trim_to_boundary(sample: bytes) -> bytes:
    """Cut a sample so that a multi-byte character is not split at the end."""
    for cut in range(0, 4):
        chunk = sample[: len(sample) - cut]
        for encoding in ("utf-8", "gb18030", "utf-16"):
            try:
                chunk.decode(encoding)
                return chunk
            except UnicodeDecodeError:
                continue
    return sample
