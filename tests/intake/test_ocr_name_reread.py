"""Signatory names under handwriting: the cells are found, read again, and decoded surname first."""

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from intake.ocr.config import reread_config
from intake.ocr.engine import OcrBox, detect_boxes, recognise
from intake.ocr.name_decode import DecodeRules, ctc_runs, decode_name, surnames
from intake.ocr.name_regions import run_in_names, signatory_cells
from intake.ocr.name_reread import reread_names
from tests.intake.ocr_images import FONT

CHARS = ["blank", "石", "振", "华", "着", "曹", "敏", "卫", "东", "罗", "（", "授", "权", "代", "表", "）", "x",
         "孙", "国", "栋", "核", "池", "沈"]
RULES = DecodeRules(min_chars=2, max_given=2, min_surname_prob=0.002, gap_pitches=1.6,
                    marker_hints=("授权", "权代", "代表", "委托", "代理", "表）"))


def _probs(path: list[dict[str, float]]) -> np.ndarray:
    """A (timesteps, classes) matrix: each step's listed characters, the rest of the mass on blank."""
    probs = np.zeros((len(path), len(CHARS)), np.float32)
    for t, step in enumerate(path):
        for ch, p in step.items():
            probs[t, CHARS.index(ch)] = p
        probs[t, 0] = 1.0 - sum(step.values())
    return probs


def _box(x0: float, y0: float, x1: float, y1: float, text: str, score: float = 0.99) -> OcrBox:
    return OcrBox(quad=((x0, y0), (x1, y0), (x1, y1), (x0, y1)), text=text, score=score)


def test_surnames_are_common_ones_without_given_name_characters() -> None:
    names = surnames()
    assert {"王", "李", "曹", "石", "廖", "贾"} <= names and not {"明", "国", "强"} & names


def test_runs_keep_where_each_character_was_read() -> None:
    runs = ctc_runs(_probs([{"振": 0.9}, {"振": 0.8}, {}, {"华": 0.95}]), CHARS)
    assert [(r.char, r.first, r.last) for r in runs] == [("振", 0, 1), ("华", 3, 3)]


def test_a_lost_surname_is_put_in_before_the_given_name() -> None:
    # 石 is drowned by the stroke (blank wins) but is the likeliest surname one character before 振
    path = [{}, {"石": 0.05, "曹": 0.01}, {"石": 0.1}, {}, {"振": 0.9}, {}, {}, {"华": 0.9}, {}]
    reading = decode_name(_probs(path), CHARS, 3.0, RULES)
    assert reading is not None and reading.name == "石振华"


def test_a_misread_surname_is_replaced_in_place() -> None:
    path = [{}, {"着": 0.6, "曹": 0.3}, {}, {}, {"敏": 0.9}, {}]
    reading = decode_name(_probs(path), CHARS, 3.0, RULES)
    assert reading is not None and reading.name == "曹敏"


PRIORS = DecodeRules(min_chars=2, max_given=2, min_surname_prob=0.002, gap_pitches=1.6,
                     marker_hints=RULES.marker_hints, uncommon_given_weight=0.03, surname_rank_offset=20)


def test_a_common_given_name_character_beats_an_uncommon_one_read_a_little_likelier() -> None:
    path = [{"孙": 0.95}, {}, {"国": 0.95}, {}, {"核": 0.5, "栋": 0.1}, {}]
    assert decode_name(_probs(path), CHARS, 2.0, RULES).name == "孙国核"  # type: ignore[union-attr]
    assert decode_name(_probs(path), CHARS, 2.0, PRIORS).name == "孙国栋"  # type: ignore[union-attr]


def test_an_uncommon_character_read_clearly_stays() -> None:
    path = [{"孙": 0.95}, {}, {"国": 0.95}, {}, {"核": 0.9, "栋": 0.02}, {}]
    assert decode_name(_probs(path), CHARS, 2.0, PRIORS).name == "孙国核"  # type: ignore[union-attr]


def test_between_two_surnames_read_about_as_likely_the_common_one_wins() -> None:
    # the first character is no surname; 池 is a little likelier there than 沈, which is far more common
    path = [{"x": 0.5, "池": 0.03, "沈": 0.025}, {}, {"振": 0.9}, {}, {"华": 0.9}, {}]
    assert decode_name(_probs(path), CHARS, 2.0, RULES).name == "池振华"  # type: ignore[union-attr]
    assert decode_name(_probs(path), CHARS, 2.0, PRIORS).name == "沈振华"  # type: ignore[union-attr]


def test_no_surname_in_sight_gives_no_name() -> None:
    assert decode_name(_probs([{}, {"振": 0.9}, {}, {"华": 0.9}]), CHARS, 2.0, RULES) is None


def test_a_character_lost_between_two_is_put_back() -> None:
    path = [{"罗": 0.9}, {}, {}, {"卫": 0.2}, {}, {}, {"东": 0.9}]
    reading = decode_name(_probs(path), CHARS, 3.0, RULES)
    assert reading is not None and reading.name == "罗卫东"


def test_a_marker_after_the_name_is_kept() -> None:
    path = [{"曹": 0.9}, {}, {"敏": 0.9}, {"权": 0.8}, {"代": 0.9}, {"表": 0.9}, {"）": 0.9}]
    reading = decode_name(_probs(path), CHARS, 2.0, RULES)
    assert reading is not None and (reading.name, reading.text) == ("曹敏", "曹敏（权代表）")


def _table_lines() -> list[OcrBox]:
    """A signature table read by OCR: header row, then three rows with party and date."""
    lines = [_box(100, 20, 260, 50, "单位名称（盖章）"), _box(330, 20, 560, 50, "法定代表人（签字）"),
             _box(640, 20, 760, 50, "日期")]
    for row in range(3):
        y = 90 + row * 60
        lines += [_box(90, y, 300, y + 30, f"第{row + 1}有限公司"), _box(620, y, 780, y + 30, "2024年4月26日")]
    lines.append(_box(360, 150, 470, 180, "振华", 0.9))  # the second row's name, surname lost
    return lines


def test_cells_are_the_signatory_column_rows_between_rules() -> None:
    image = np.full((330, 860, 3), 255, np.uint8)
    for y in (10, 70, 130, 190, 250):
        image[y : y + 2, 20:840] = 120  # gray table rules
    cells = signatory_cells(_table_lines(), image, reread_config())
    assert [(c[1], c[3]) for c in cells] == [(70, 130), (130, 190), (190, 250)]
    assert all(300 <= c[0] < 330 and 560 < c[2] <= 621 for c in cells)  # between the text beside it


def test_cells_without_rules_surround_each_row() -> None:
    image = np.full((330, 860, 3), 255, np.uint8)
    cells = signatory_cells(_table_lines(), image, reread_config())
    assert len(cells) == 3 and all(c[1] < 90 + i * 60 and c[3] > 120 + i * 60 for i, c in enumerate(cells))


def test_a_name_cell_is_not_taken_for_a_header() -> None:
    lines = _table_lines() + [_box(360, 210, 560, 240, "贺铁军（授权代表）")]
    image = np.full((330, 860, 3), 255, np.uint8)
    assert len(signatory_cells(lines, image, reread_config())) == 3


def test_run_in_names_start_after_the_colon_and_skip_party_and_date_lines() -> None:
    lines = [_box(100, 20, 500, 50, "单位名称（盖章）：长沙云辙软件有限公司"),
             _box(100, 60, 400, 90, "法定代表人（签字）：昊明远"), _box(100, 100, 400, 130, "日期：2024年4月26日")]
    [(index, start, (x0, _, x1, _))] = run_in_names(lines, reread_config())
    assert (index, start) == (1, 10)
    assert 100 + 9 * 18 < x0 < 100 + 11 * 18 and x1 > 400  # about ten ems in; past the line's end


def _signed_table(names: list[str], scribbled: int) -> np.ndarray:
    """A drawn signature table; the name of row ``scribbled`` has gray strokes over its surname."""
    font = ImageFont.truetype(FONT, 26)
    image = Image.new("RGB", (900, 330), "white")
    draw = ImageDraw.Draw(image)
    for y in (10, 70, 130, 190, 250):
        draw.line([(20, y), (860, y)], fill=(90, 90, 90), width=2)
    for x in (20, 320, 600, 860):
        draw.line([(x, 10), (x, 250)], fill=(90, 90, 90), width=2)
    draw.text((40, 26), "单位名称（盖章）", font=font, fill=(0, 0, 0))
    draw.text((335, 26), "法定代表人（签字）", font=font, fill=(0, 0, 0))
    draw.text((680, 26), "日期", font=font, fill=(0, 0, 0))
    for row, name in enumerate(names):
        y = 86 + row * 60
        draw.text((40, y), f"长沙第{row + 1}软件有限公司", font=font, fill=(0, 0, 0))
        draw.text((340, y), name, font=font, fill=(0, 0, 0))
        draw.text((615, y), "2024年4月26日", font=font, fill=(0, 0, 0))
    y = 86 + scribbled * 60
    draw.line([(332, y + 26), (352, y - 4), (364, y + 30), (380, y + 2)], fill=(40, 40, 40), width=2)
    return np.asarray(image)


def _column_texts(lines: list[OcrBox]) -> list[str]:
    column = [b for b in lines if 320 < (b.rect[0] + b.rect[2]) / 2 < 600 and b.rect[1] > 70]
    return [b.text for b in sorted(column, key=lambda b: b.rect[1])]


def test_a_scribbled_surname_is_read_again_and_the_others_stay() -> None:
    names = ["孙桂芳", "曹铁军", "贾桂芳"]
    image = _signed_table(names, scribbled=1)
    first = recognise(image, detect_boxes(image))
    assert _column_texts(first)[1] != "曹铁军"  # the stroke spoils the first reading (售铁军)
    assert _column_texts(reread_names(image, first, None)) == names


def test_pages_without_a_signatory_column_are_left_alone() -> None:
    lines = [_box(60, 40, 600, 70, "第一条　联盟名称：稀土功能材料产业技术创新联盟。")]
    image = np.full((200, 700, 3), 255, np.uint8)
    assert reread_names(image, lines, None) is lines


def test_long_and_slanted_strokes_are_painted_out_and_print_stays() -> None:
    from intake.ocr.long_strokes import without_long_strokes

    font = ImageFont.truetype(FONT, 30)
    image = Image.new("RGB", (300, 60), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 12), "曹铁军", font=font, fill=(0, 0, 0))
    print_only = np.asarray(image).min(axis=2) < 128
    draw.line([(10, 55), (150, 5)], fill=(30, 30, 30), width=3)  # a pen stroke across the name
    signed = np.asarray(image)
    stroke = (signed.min(axis=2) < 128) & ~print_only
    clean = without_long_strokes(signed, 30, reread_config()["long_strokes"]).min(axis=2) < 128
    assert (clean & stroke).sum() < 0.35 * stroke.sum()  # most of the stroke is gone
    assert (clean & print_only).sum() > 0.8 * print_only.sum()  # the print is mostly kept


def test_sentences_after_a_label_are_not_taken_for_names() -> None:
    lines = [_box(100, 20, 700, 50, "联盟秘书处负责人：由牵头单位指派专人担任"),
             _box(100, 60, 400, 90, "代表签字：沈红梅"), _box(100, 100, 400, 130, "联系电话：13800000000")]
    assert [index for index, _, _ in run_in_names(lines, reread_config())] == [1]
