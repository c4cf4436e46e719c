"""Checklist loading: broken files fail loudly with path and line; user files load like built-ins."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from checklists.loader import ENV_VAR, ChecklistError, get_rule_set, load_file, load_rule_sets

BUILTIN_IDS = {"gansu", "heilongjiang", "weinan", "hunan", "shuozhou"}


def city_yaml(
    rs_id: str = "testcity", item_id: str = "testcity.agreement.task_division", basis: str = "[task_division]"
) -> str:
    return textwrap.dedent(
        f"""\
        id: {rs_id}
        name_zh: 测试市
        level: city
        region_names: [测试市, 测试区]
        parent_region: 测试省
        issuer: 测试市科学技术局
        document_number: 测科发〔2024〕1号
        title: 测试市产业技术创新联盟管理办法
        source_file: {rs_id}.txt
        issued: 2024-01-01
        effective_from: 2024-02-01
        status: in_force
        version: "2024.1"
        conditions:
          min_core_members: 3
        items:
          - id: {item_id}
            requirement: 协议应明确任务分工。
            citation: {{file: {rs_id}.txt, article: 第三条, quote: 协议应明确任务分工}}
            applies_to: agreement
            severity: mandatory
            basis: {basis}
            remedy: 在协议中写明各成员单位的任务。
        """
    )


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = city_yaml().replace("title: 测试市产业技术创新联盟管理办法", "title: 标题: 副标题")
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as info:
        load_file(path)
    assert str(path) in str(info.value)
    assert info.value.line == _line_of(text, "title:")
    assert f"{path}:{info.value.line}" in str(info.value)


def test_unknown_clause_key_names_item_field_and_line(tmp_path: Path) -> None:
    text = city_yaml(basis="[task_division, secret_handshake]")
    path = tmp_path / "badkey.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError) as info:
        load_file(path)
    message = str(info.value)
    assert (
        "testcity.agreement.task_division" in message and "basis" in message and "secret_handshake" in message
    )
    assert info.value.line == _line_of(text, "basis:")
    assert str(path) in message


def test_unknown_condition_fails(tmp_path: Path) -> None:
    path = tmp_path / "badcond.yaml"
    path.write_text(city_yaml(basis='["condition:moon_phase"]'), encoding="utf-8")
    with pytest.raises(ChecklistError, match="unknown condition 'moon_phase'"):
        load_file(path)


def test_condition_without_parameter_fails(tmp_path: Path) -> None:
    path = tmp_path / "noparam.yaml"
    path.write_text(city_yaml(basis='["condition:name_format"]'), encoding="utf-8")
    with pytest.raises(ChecklistError, match="conditions.name_pattern"):
        load_file(path)


def test_duplicate_item_id_fails(tmp_path: Path) -> None:
    text = city_yaml()
    item = text[text.index("  - id:") :]
    text = text + item
    path = tmp_path / "dup.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError, match="duplicate item id 'testcity.agreement.task_division'") as info:
        load_file(path)
    assert info.value.line == _line_of(text, "- id:", occurrence=2)


def test_citation_to_another_file_fails(tmp_path: Path) -> None:
    text = city_yaml().replace("{file: testcity.txt", "{file: other.txt")
    path = tmp_path / "cite.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError, match="source_file") as info:
        load_file(path)
    assert info.value.line == _line_of(text, "citation:")


def test_duplicate_yaml_key_fails(tmp_path: Path) -> None:
    text = city_yaml().replace("level: city\n", "level: city\nlevel: province\n")
    path = tmp_path / "dupkey.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChecklistError, match="duplicate key 'level'") as info:
        load_file(path)
    assert info.value.line == _line_of(text, "level: province")


def test_user_directory_loads_next_to_builtins(tmp_path: Path) -> None:
    (tmp_path / "testcity.yaml").write_text(city_yaml(), encoding="utf-8")
    sets = load_rule_sets([tmp_path])
    assert BUILTIN_IDS | {"testcity"} <= set(sets)
    assert sets["testcity"].conditions.min_core_members == 3
    assert get_rule_set("testcity", [tmp_path]).origin == str(tmp_path / "testcity.yaml")
    assert "testcity" not in load_rule_sets()  # the built-in cache is not polluted


def test_env_variable_directories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "cityone.yaml").write_text(city_yaml("cityone", "cityone.x"), encoding="utf-8")
    (two / "citytwo.yml").write_text(city_yaml("citytwo", "citytwo.x"), encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, f"{one}{os.pathsep}{two}")
    assert {"cityone", "citytwo"} <= set(load_rule_sets())
    assert "cityone" in load_rule_sets([one])  # named by flag and environment: read once


def test_clashes_with_builtins_fail(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(city_yaml("gansu", "gansu.new.item"), encoding="utf-8")
    with pytest.raises(ChecklistError, match="rule set id 'gansu' is already defined"):
        load_rule_sets([tmp_path])
    (tmp_path / "a.yaml").write_text(city_yaml("newcity", "weinan.agreement.ip_ownership"), encoding="utf-8")
    with pytest.raises(ChecklistError, match="already used in rule set 'weinan'"):
        load_rule_sets([tmp_path])


def test_missing_directory_fails(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError, match="does not exist"):
        load_rule_sets([tmp_path / "nope"])
