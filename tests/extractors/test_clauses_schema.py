"""The pattern files: every shipped file validates; a broken file fails loudly, naming file and field."""

import shutil
from pathlib import Path

import pytest

from extractors.pattern_schema import PatternFileError
from extractors.pattern_store import PATTERN_DIR, load_patterns
from models.clauses import CLAUSE_KEYS


def test_shipped_files_load_one_per_key() -> None:
    patterns = load_patterns()
    assert list(patterns.clauses) == list(CLAUSE_KEYS)
    assert sorted(p.stem for p in PATTERN_DIR.glob("*.yaml") if not p.stem.startswith("_")) == sorted(CLAUSE_KEYS)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "patterns"
    shutil.copytree(PATTERN_DIR, target)
    return target


def _break(directory: Path, name: str, old: str, new: str) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("ip_ownership.yaml", "regex: '归[", "regex: '(归[", "ip_ownership.yaml: field substantive.0.regex"),
        ("council.yaml", "key: council", "key: counsel", "council.yaml: field key"),
        ("dissolution.yaml", "common_weak: [state_rules, deferral]", "common_weak: [state_rules, deferal]", "unknown cue 'deferal'"),
        ("confidentiality.yaml", "description:", "descr:", "confidentiality.yaml: field description"),
        ("dispute_resolution.yaml", "weight: 0.5", "weight: 5", "dispute_resolution.yaml: field substantive.1.weight"),
        ("_common.yaml", "- name: deferral", "- nam: deferral", "_common.yaml: field weak.0.name"),
        ("ip_ownership.yaml", "[归完成方, 归联盟所有]", "[归完成方, 归他人所有]", "ip_ownership.yaml: field (top level)"),
        ("breach_liability.yaml", "key: breach_liability", "key: [unclosed", "breach_liability.yaml: cannot read"),
    ],
    ids=["bad-regex", "key-mismatch", "unknown-common-cue", "missing-field", "weight-range", "common-file",
         "conflict-label", "yaml-syntax"],
)
def test_broken_file_names_file_and_field(tmp_path: Path, name: str, old: str, new: str, message: str) -> None:
    directory = _copy(tmp_path)
    _break(directory, name, old, new)
    with pytest.raises(PatternFileError) as info:
        load_patterns(directory)
    assert message in str(info.value)


def test_missing_clause_file(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / "member_exit.yaml").unlink()
    with pytest.raises(PatternFileError, match="member_exit.yaml: missing"):
        load_patterns(directory)
