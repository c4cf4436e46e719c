"""Plain-text decoding, content-based format detection and bad-input errors."""

import io
import zipfile

import pytest

from intake import parse_bytes
from intake.decode import decode_text
from intake.detect import detect_format
from intake.settings import IntakeSettings
from models import BlockKind, Format, IntakeError

SAMPLE = "某产业技术创新联盟章程\n第一条　本联盟名称为某联盟，成员应当遵守章程。\n第二条　知识产权归完成方所有。\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"),
     ("utf-16-be", "utf-16-be"), ("gb18030", "gb18030"), ("gbk", "gb18030")],
)
def test_decoding_simplified(encoding: str, expected: str) -> None:
    text, found = decode_text(SAMPLE.encode(encoding), "x.txt")
    assert text.lstrip("\ufeff") == SAMPLE
    assert found == expected


def test_decoding_big5_traditional() -> None:
    traditional = "某產業技術創新聯盟章程\n第一條　知識產權歸完成方所有，聯盟成員應當遵守。\n"
    text, found = decode_text(traditional.encode("big5"), "x.txt")
    assert (text, found) == (traditional, "big5")


def test_text_document_blocks_tables_and_encoding_warning() -> None:
    data = (SAMPLE + "| 序号 | 单位名称 |\n|---|---|\n| 1 | 甲公司 |\n").encode("gb18030")
    doc = parse_bytes(data, "charter.txt")
    assert doc.format == Format.TEXT
    assert [w.code for w in doc.warnings] == ["text_encoding"]
    table = doc.tables[0]
    assert table.grid(doc.text) == [["序号", "单位名称"], ["1", "甲公司"]]
    assert doc.text[table.start : table.end] == "| 序号 | 单位名称 |\n| 1 | 甲公司 |"
    cells = [b for b in doc.blocks if b.kind == BlockKind.TABLE_CELL]
    assert [(c.row, c.col, doc.text[c.start : c.end]) for c in cells] == [
        (0, 0, "序号"), (0, 1, "单位名称"), (1, 0, "1"), (1, 1, "甲公司")]


def test_form_feed_starts_a_new_page() -> None:
    doc = parse_bytes("第一页内容。\n\f第二页内容。\n".encode(), "a.txt")
    assert doc.page_count == 2
    second = doc.text.index("第二页")
    assert doc.page_at(second) == 2
    assert doc.span(second, second + 3).page == 2


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"%PDF-1.7\n...", Format.PDF),
        (b"\x00\x00junk%PDF-1.4\n", Format.PDF),
        (_zip({"word/document.xml": b"<w/>"}), Format.DOCX),
        (_zip({"OFD.xml": b"<ofd/>"}), Format.OFD),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), Format.ODT),
        (_zip({"a.txt": b"x"}), Format.ZIP),
        (_zip({"a.pdf": b"%PDF-1.7\n..."}), Format.ZIP),  # stored ZIP: %PDF- in its first kilobyte
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), Format.DOC),
        (b"{\\rtf1\\ansi hello}", Format.RTF),
        (b"\x89PNG\r\n\x1a\n0000", Format.PNG),
        (b"\xff\xd8\xff\xe0", Format.JPEG),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", Format.WEBP),
        ("联盟章程".encode("gb18030"), Format.TEXT),
        (bytes(range(256)) * 4, Format.UNKNOWN),
    ],
)
def test_detect_from_content(data: bytes, fmt: Format) -> None:
    assert detect_format(data, "noext").format == fmt


def test_mislabeled_file_is_parsed_as_what_it_is_with_a_warning() -> None:
    doc = parse_bytes(SAMPLE.encode(), "charter.pdf")
    assert doc.format == Format.TEXT
    assert doc.warnings[0].code == "format_mismatch"
    assert ".pdf" in doc.warnings[0].message_en and ".pdf" in doc.warnings[0].message_zh


@pytest.mark.parametrize(
    ("data", "name", "code", "status"),
    [
        (b"", "empty.pdf", "empty_file", 400),
        (bytes(range(256)) * 4, "blob.bin", "unsupported_format", 415),
        (_zip({"xl/workbook.xml": b"<x/>"}), "sheet.xlsx", "unsupported_format", 415),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "scan.png", "corrupt_file", 422),
        (_zip({"a.txt": b"x", "b.txt": b"y"}), "bundle.zip", "archive_is_bundle", 415),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "locked.docx",
         "encrypted_office", 422),
    ],
)
def test_bad_input_gets_a_coded_bilingual_error(data: bytes, name: str, code: str, status: int) -> None:
    with pytest.raises(IntakeError) as caught:
        parse_bytes(data, name)
    error = caught.value
    assert (error.code, error.http_status) == (code, status)
    assert name in error.message_zh and name in error.message_en


def test_oversized_file_is_refused() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_bytes(b"x" * 2000, "big.txt", IntakeSettings(max_file_bytes=1000))
    assert caught.value.code == "file_too_large"
    assert caught.value.http_status == 413
