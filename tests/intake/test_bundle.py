"""Bundles: ZIPs and directories of a submission, expanded entry by entry, each failing alone."""

from pathlib import Path

import pytest

from api.pipeline import analyse_bundle
from intake import parse_bytes
from intake.bundle import BundleItem, expand_archive, expand_inputs
from intake.settings import IntakeSettings
from models import IntakeError
from tests.intake.zip_maker import Entry, files, forge_sizes, make_zip

TEXT = "联盟章程\n第一条　本联盟名称为示范产业技术创新联盟。\n".encode()


def _by_label(items: list[BundleItem]) -> dict[str, BundleItem]:
    return {i.label: i for i in items}


def test_gbk_names_without_the_utf8_flag_are_decoded() -> None:
    archive = make_zip([Entry("材料/联盟协议书.txt", TEXT, encoding="gbk"),
                        Entry("章程（定稿）.txt", TEXT, encoding="gb18030"),
                        Entry("成员名单.txt", TEXT)])  # UTF-8 with the flag
    labels = [i.label for i in expand_archive(archive, "申报材料.zip")]
    assert labels == ["申报材料.zip!材料/联盟协议书.txt", "申报材料.zip!章程（定稿）.txt", "申报材料.zip!成员名单.txt"]


def test_utf8_names_without_the_flag_are_decoded_too() -> None:
    items = expand_archive(make_zip([Entry("协议.txt", TEXT, encoding="utf-8")]), "mac.zip")
    assert [i.name for i in items] == ["协议.txt"]


def test_nested_zip_one_level_and_deeper_refused() -> None:
    inner = files({"附件/执照.txt": TEXT})
    deeper = files({"inner.zip": files({"a.txt": TEXT})})
    outer = files({"协议.txt": TEXT, "inner.zip": inner, "deep.zip": deeper})
    items = _by_label(expand_archive(outer, "outer.zip"))
    assert items["outer.zip!inner.zip!附件/执照.txt"].data == TEXT
    deep = items["outer.zip!deep.zip!inner.zip"]
    assert deep.error is not None and deep.error.code == "archive_unsafe"
    assert items["outer.zip!协议.txt"].data == TEXT


def test_a_docx_inside_a_bundle_is_a_file_not_a_bundle() -> None:
    docx_like = files({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"})
    items = expand_archive(files({"a.docx": docx_like}), "b.zip")
    assert [(i.name, i.data == docx_like) for i in items] == [("a.docx", True)]


@pytest.mark.parametrize("name", ["../evil.txt", "a/../../evil.txt", "/etc/evil.txt", "C:/evil.txt",
                                  "..\\evil.txt", "D:\\x\\evil.txt"])
def test_traversal_names_are_refused_and_the_rest_goes_on(name: str) -> None:
    items = expand_archive(make_zip([Entry(name, TEXT), Entry("ok.txt", TEXT)]), "t.zip")
    bad, good = items
    assert bad.error is not None and bad.error.code == "archive_unsafe" and bad.data is None
    assert good.data == TEXT


def test_symlink_and_encrypted_entries_fail_alone() -> None:
    archive = make_zip([Entry("link.txt", b"/etc/passwd", symlink=True), Entry("locked.txt", TEXT, encrypted_flag=True),
                        Entry("ok.txt", TEXT)])
    codes = [(i.error.code if i.error else None) for i in expand_archive(archive, "x.zip")]
    assert codes == ["archive_unsafe", "encrypted_archive", None]


def test_zip_bomb_by_ratio_is_refused() -> None:
    archive = files({"bomb.txt": b"0" * (8 << 20), "ok.txt": TEXT})
    bomb, ok = expand_archive(archive, "bomb.zip")
    assert bomb.error is not None and bomb.error.code == "archive_unsafe" and "ratio" in bomb.error.message_en
    assert ok.data == TEXT


def test_forged_small_sizes_do_not_let_more_bytes_through() -> None:
    archive = forge_sizes(files({"bomb.txt": b"0" * (8 << 20)}), 1000)
    (item,) = expand_archive(archive, "forged.zip")
    assert item.error is not None and item.error.code in ("archive_unsafe", "corrupt_file")


def test_entry_count_and_total_size_limits() -> None:
    many = files({f"{i}.txt": TEXT for i in range(30)})
    (item,) = expand_archive(many, "many.zip", IntakeSettings(zip_max_entries=10))
    assert item.error is not None and item.error.code == "archive_too_large"
    big = files({"a.txt": bytes(range(256)) * 4096, "b.txt": bytes(range(256)) * 4096})
    (item,) = expand_archive(big, "big.zip", IntakeSettings(zip_max_total_bytes=1 << 20))
    assert item.error is not None and item.error.code == "archive_too_large"


def test_macos_junk_is_skipped() -> None:
    archive = files({"__MACOSX/._协议.txt": b"\x00\x05", "材料/.DS_Store": b"\x00", "协议.txt": TEXT,
                     "~$协议.docx": b"lock"})
    assert [i.label for i in expand_archive(archive, "mac.zip")] == ["mac.zip!协议.txt"]


def test_one_corrupt_entry_fails_alone_while_the_others_parse() -> None:
    good = TEXT
    broken_docx = files({"word/document.xml": b"<w:document><unclosed>", "[Content_Types].xml": b"<Types/>"})
    archive = bytearray(make_zip([Entry("a.txt", good), Entry("crc.txt", b"X" * 200, stored=True),
                                  Entry("b.docx", broken_docx), Entry("c.txt", good)]))
    at = bytes(archive).find(b"X" * 200)
    archive[at + 10] = ord("Y")  # the stored bytes no longer match the CRC
    outcomes = analyse_bundle(bytes(archive), "sub.zip")
    assert [o.name for o in outcomes] == ["sub.zip!a.txt", "sub.zip!crc.txt", "sub.zip!b.docx", "sub.zip!c.txt"]
    codes = [o.extraction.error.code if o.extraction.error else None for o in outcomes]
    assert codes == [None, "corrupt_file", "corrupt_file", None]
    assert outcomes[0].document is not None and "第一条" in outcomes[0].document.text


def test_parse_bytes_tells_the_caller_a_zip_is_a_bundle() -> None:
    with pytest.raises(IntakeError) as caught:
        parse_bytes(files({"a.txt": TEXT}), "材料.zip")
    assert caught.value.code == "archive_is_bundle" and caught.value.http_status == 415


def test_expand_inputs_walks_files_directories_and_zips(tmp_path: Path) -> None:
    (tmp_path / "dir" / "sub").mkdir(parents=True)
    (tmp_path / "dir" / "sub" / "协议.txt").write_bytes(TEXT)
    (tmp_path / "dir" / ".hidden.txt").write_bytes(TEXT)
    (tmp_path / "dir" / "包.zip").write_bytes(make_zip([Entry("章程.txt", TEXT, encoding="gbk")]))
    labels = [i.label for i in expand_inputs([tmp_path / "dir", tmp_path / "missing.txt"])]
    assert labels == [f"{tmp_path}/dir/sub/协议.txt", f"{tmp_path}/dir/包.zip!章程.txt", f"{tmp_path}/missing.txt"]
