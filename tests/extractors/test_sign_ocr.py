"""Signature slots read by OCR: damaged party names, partly hidden signatory names, damaged
（授权代表） markers, scribbles in the signatory cell (invented documents, pages flagged as OCR)."""

from extractors.members import extract_members
from extractors.sign_ocr import closest_name, damaged_marker, restore_person, written
from extractors.signatures import extract_signatures
from intake import parse_bytes
from models import Document

MEMBERS = ["青岩茶业股份有限公司", "黔南农业大学", "青岩茶叶研究所", "都匀毛尖茶业有限公司"]


def test_closest_name_takes_a_misreading_of_one_member() -> None:
    assert closest_name("青岩茶业股份有限公", MEMBERS) == "青岩茶业股份有限公司"  # last character lost
    assert closest_name("黔南农亚大学", MEMBERS) == "黔南农业大学"  # one character misread
    assert closest_name("股份有限公司青岩茶业", MEMBERS) == "青岩茶业股份有限公司"  # pieces out of order
    assert closest_name("遵义红茶科技有限公司", MEMBERS) is None  # another unit
    assert closest_name("青岩茶", MEMBERS) is None  # too little to tell


def test_closest_name_refuses_when_two_members_are_as_close() -> None:
    assert closest_name("青岩茶业研究所", ["青岩茶叶研究所", "青岩茶业研究院"]) is None


def test_restore_person_needs_half_of_the_known_name_in_order() -> None:
    assert restore_person("石梦", "石梦溪") == "石梦溪"
    assert restore_person("石", "石梦溪") == "石"  # one character of three
    assert restore_person("石蒙溪", "石梦溪") == "石梦溪"
    assert restore_person("韦嘉木", "石梦溪") == "韦嘉木"
    assert restore_person(None, "石梦溪") is None
    assert restore_person("石梦", None) == "石梦"


def test_damaged_marker() -> None:
    markers = ["授权代表", "委托代理人"]
    assert damaged_marker("韦嘉（授权代表）", markers) == (3, "授权代表")
    assert damaged_marker("嘉权代表", markers) is not None
    assert damaged_marker("韦嘉（投权表", markers) is not None
    assert damaged_marker("韦嘉木", markers) is None
    assert damaged_marker("韦嘉木代表）", markers) == (3, "授权代表")  # only the tail and its bracket
    assert damaged_marker("韦嘉木（代表）", markers) is not None


def test_written_ignores_the_cell_label_and_blanks() -> None:
    cues = ["签字", "法定代表人"]
    assert written("#X", cues)
    assert written("6", cues)
    assert not written("（签字）____", cues)
    assert not written("  ", cues)


DOC = """青岩茶业产业技术创新联盟协议
第一条　联盟成员如下：
| 序号 | 单位名称 | 法定代表人 |
| 1 | 青岩茶业股份有限公司 | 石梦溪 |
| 2 | 黔南农业大学 | 罗青山 |
| 3 | 青岩茶叶研究所 | 王兰芝 |
| 4 | 都匀毛尖茶业有限公司 | 吴振邦 |
第九条　本协议经各成员单位法定代表人或其授权代表签字并加盖公章后生效。
（以下无正文，为协议签署页）
青岩茶业产业技术创新联盟签署页
| 序号 | 单位名称（盖章） | 法定代表人或授权代表（签字） | 日期 |
| 1 | 青岩茶业股份有限公 | 石梦 | 2024年3月18日 |
| 2 | 黔南农亚大学 | 韦嘉权代表 | 2024年3月18日 |
| 3 | 青岩茶叶研究所 | #X | 2024年3月18日 |
| 4 | 都匀毛尖茶业有限公司 |  | 2024年3月18日 |
"""


def _doc(text: str, ocr: bool) -> Document:
    doc = parse_bytes(text.encode("utf-8"), "x.txt")
    for page in doc.pages:
        page.ocr = ocr
    return doc


def test_ocr_signature_table_tolerates_damaged_text() -> None:
    doc = _doc(DOC, ocr=True)
    rows = [(s.party, s.signatory_role, s.signatory_name, s.signed) for s in extract_signatures(doc)]
    assert rows == [
        ("青岩茶业股份有限公司", "legal_rep", "石梦溪", True),  # party and name restored
        ("黔南农业大学", "authorized_rep", "韦嘉", True),  # name cut before the damaged marker
        ("青岩茶叶研究所", "legal_rep", None, True),  # unreadable strokes: signed
        ("都匀毛尖茶业有限公司", "unspecified", None, False),
    ]


def test_ocr_misread_parties_are_no_extra_members() -> None:
    names = [m.name for m in extract_members(_doc(DOC, ocr=True)).members]
    assert names == MEMBERS


def test_text_documents_keep_the_strict_rules() -> None:
    rows = [(s.party, s.signatory_name, s.signed) for s in extract_signatures(_doc(DOC, ocr=False))]
    assert ("青岩茶叶研究所", None, False) in rows
    assert all(party != "青岩茶业股份有限公司" or name != "石梦溪" for party, name, _ in rows)


def test_grid_rows_under_one_merged_first_cell_are_one_table_row() -> None:
    from extractors.sign_tables import _body_rows
    from models import TableCell

    def cell(row: int, col: int, rowspan: int = 1) -> TableCell:
        return TableCell(row=row, col=col, rowspan=rowspan, start=0, end=0, page=1)

    number = cell(1, 0, rowspan=2)  # 序号 1, split in two grid rows by a stray stroke
    other = cell(3, 0)
    grid = [[number, cell(1, 1)], [number, cell(2, 1)], [other, cell(3, 1)]]
    assert [len(group) for group in _body_rows(grid)] == [2, 1]


BLOCKS = """黔江茶业产业技术创新联盟协议
第九条　本协议经各成员单位代表签字并加盖公章后生效。
（以下无正文，为协议签署页）
黔江茶业产业技术创新联盟签署页
单位名称（盖章）黔江茶业股份有限公司
代表签字：罗青山
日期：2024年3月18日
单位名称（盖章）：黔江农业大学
代国字韦嘉木
日期：2024年3月18日
单位名称（盖章）：黔江茶叶研究所
代表签字：王兰芝
日期：2024年3月18日
单位名称（盖章）：都匀云雾茶业有限公司
我表签字吴振邦
日期：2024年3月18日
"""


def test_ocr_run_in_blocks_recover_misread_labels_and_lost_colons() -> None:
    rows = [(s.party, s.signatory_name, s.signed, s.date) for s in extract_signatures(_doc(BLOCKS, ocr=True))]
    assert rows == [
        ("黔江茶业股份有限公司", "罗青山", True, "2024-03-18"),  # 单位名称（盖章） lost its colon
        ("黔江农业大学", "韦嘉木", True, "2024-03-18"),  # 代表签字 read as 代国字 (2 edits of 4)
        ("黔江茶叶研究所", "王兰芝", True, "2024-03-18"),
        ("都匀云雾茶业有限公司", "吴振邦", True, "2024-03-18"),  # 我表签字, no colon
    ]


def test_misread_labels_are_not_guessed_in_text_documents() -> None:
    rows = {s.party: s.signatory_name for s in extract_signatures(_doc(BLOCKS, ocr=False))}
    assert rows["黔江农业大学"] is None and rows["都匀云雾茶业有限公司"] is None
    assert rows["黔江茶叶研究所"] == "王兰芝"  # the dated block before is closed: no shift


def test_sign_noisy_label_end() -> None:
    from extractors.sign_noisy import _label_end

    assert _label_end("代国字韦嘉木", "代表签字") == 3
    assert _label_end("代表签宝：韦嘉木", "代表签字") == 5
    assert _label_end("我表签字韦嘉木", "代表签字") == 4
    assert _label_end("日期：2024年3月18日", "代表签字") is None
    assert _label_end("韦嘉木", "代表签字") is None


def test_a_scan_row_whose_unit_was_lost_takes_the_member_its_number_names() -> None:
    lost = DOC.replace("| 3 | 青岩茶叶研究所 | #X |", "| 3 |  | 王兰芝 |")
    rows = [(s.party, s.signatory_name) for s in extract_signatures(_doc(lost, ocr=True))]
    assert ("青岩茶叶研究所", "王兰芝") in rows
    assert len(rows) == 4


def test_row_numbers_are_not_trusted_when_the_table_is_in_another_order() -> None:
    shuffled = DOC.replace("| 1 | 青岩茶业股份有限公 |", "| 1 | 都匀毛尖茶业有限公司 |").replace(
        "| 4 | 都匀毛尖茶业有限公司 |", "| 4 | 青岩茶业股份有限公司 |").replace("| 3 | 青岩茶叶研究所 | #X |", "| 3 |  | 王兰芝 |")
    rows = [s.party for s in extract_signatures(_doc(shuffled, ocr=True))]
    assert "青岩茶叶研究所" not in rows
    lost = DOC.replace("| 3 | 青岩茶叶研究所 | #X |", "| 3 |  | 王兰芝 |")
    assert "青岩茶叶研究所" not in [s.party for s in extract_signatures(_doc(lost, ocr=False))]
