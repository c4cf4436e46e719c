"""Load and validate checklist files: the built-in ones plus any in user-supplied directories.

Every file is parsed with a YAML loader that records the line of each key, so that a schema
error can be reported as ``path:line: items[3] (id 'x') field basis.0: ...``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from checklists.schema import RuleSet
from models.data_files import SafeLoader

BUILTIN_DIR = Path(__file__).with_name("data")
ENV_VAR = "ALLIANCE_CHECKLISTS_DIR"
_SUFFIXES = (".yaml", ".yml")

Loc = tuple[str | int, ...]


class ChecklistError(Exception):
    """A checklist file that cannot be loaded: bad YAML, schema violation or a clash between files."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        where = self.path or ""
        if where and line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


def _mark_line(mark: Any) -> int | None:
    return int(mark.line) + 1 if mark is not None else None


def _parse(path: Path) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML, returning the data and a map from key path to 1-based line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError(f"cannot read checklist file: {exc}", path) from exc
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ChecklistError(f"YAML syntax error: {exc.problem or exc}", path, _mark_line(mark)) from exc
    except yaml.YAMLError as exc:
        raise ChecklistError(f"YAML error: {exc}", path) from exc
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {}
    if node is not None:
        _record_lines(node, (), lines, path)
    return data, lines


def _record_lines(node: yaml.Node, loc: Loc, lines: dict[Loc, int], path: Path) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise ChecklistError(f"duplicate key {key!r}", path, key_node.start_mark.line + 1)
            seen.add(key)
            _record_lines(value_node, (*loc, key), lines, path)
            lines[(*loc, key)] = key_node.start_mark.line + 1  # the key's line, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _record_lines(child, (*loc, index), lines, path)


def _line_for(loc: Loc, lines: dict[Loc, int]) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _item_line_from_message(msg: str, data: Any, lines: dict[Loc, int]) -> tuple[Loc, int] | None:
    """For rule-set-level errors that name an item (duplicate id, wrong citation file), find that item."""
    match = re.search(r"item (?:id )?'([^']+)'", msg)
    if not match or not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return None
    indexes = [
        i for i, e in enumerate(data["items"]) if isinstance(e, dict) and e.get("id") == match.group(1)
    ]
    if not indexes:
        return None
    index = indexes[-1]  # for a duplicate, the second occurrence is the offender
    field = "citation" if "citation" in msg else "id"
    loc: Loc = ("items", index, field)
    line = _line_for(loc, lines)
    return (loc, line) if line is not None else None


def _describe(loc: Loc, data: Any) -> str:
    """Human path of a pydantic error location, naming the item id when inside ``items``."""
    parts: list[str] = []
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        item_id = None
        if isinstance(data, dict) and isinstance(data.get("items"), list) and loc[1] < len(data["items"]):
            entry = data["items"][loc[1]]
            item_id = entry.get("id") if isinstance(entry, dict) else None
        parts.append(f"items[{loc[1]}]" + (f" (id {item_id!r})" if item_id else ""))
        rest = loc[2:]
        field = ".".join(str(p) for p in rest)
        parts.append(f"field {field}" if field else "")
    else:
        parts.append("field " + ".".join(str(p) for p in loc) if loc else "rule set")
    return " ".join(p for p in parts if p)


def _error_for(exc: ValidationError, data: Any, lines: dict[Loc, int], path: Path) -> ChecklistError:
    messages: list[str] = []
    first_line: int | None = None
    for err in exc.errors():
        loc: Loc = tuple(err["loc"])
        line = _line_for(loc, lines)
        if not loc:
            found = _item_line_from_message(str(err["msg"]), data, lines)
            if found is not None:
                loc, line = found
        first_line = first_line if first_line is not None else line
        messages.append(f"line {line}: {_describe(loc, data)}: {err['msg']}")
    summary = (
        f"invalid checklist ({len(messages)} error{'s' if len(messages) > 1 else ''}):\n  "
        + "\n  ".join(messages)
    )
    return ChecklistError(summary, path, first_line)


def load_file(path: Path | str) -> RuleSet:
    """Load and validate one checklist file; raise :class:`ChecklistError` if it is broken."""
    path = Path(path)
    data, lines = _parse(path)
    if not isinstance(data, dict):
        raise ChecklistError("a checklist file must be a YAML mapping (id, name_zh, …, items)", path, 1)
    try:
        rule_set = RuleSet.model_validate(data)
    except ValidationError as exc:
        raise _error_for(exc, data, lines, path) from None
    rule_set._origin = str(path)
    return rule_set


def _files_in(directory: Path) -> list[Path]:
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise ChecklistError(f"checklist directory does not exist: {directory}", directory)
    return sorted(p for p in directory.iterdir() if p.suffix in _SUFFIXES and p.is_file())


def _merge(into: dict[str, RuleSet], new: RuleSet, item_owner: dict[str, str]) -> None:
    old = into.get(new.id)
    if old is not None:
        raise ChecklistError(f"rule set id {new.id!r} is already defined in {old.origin}", new.origin)
    for item in new.items:
        owner = item_owner.get(item.id)
        if owner is not None:
            raise ChecklistError(f"item id {item.id!r} is already used in rule set {owner!r}", new.origin)
    for item in new.items:
        item_owner[item.id] = new.id
    into[new.id] = new


def _load_dirs(dirs: Iterable[Path], into: dict[str, RuleSet]) -> None:
    item_owner = {item.id: rs.id for rs in into.values() for item in rs.items}
    for directory in dirs:
        for path in _files_in(directory):
            _merge(into, load_file(path), item_owner)


@cache
def _builtin() -> dict[str, RuleSet]:
    sets: dict[str, RuleSet] = {}
    _load_dirs([BUILTIN_DIR], sets)
    return sets


def builtin_rule_sets() -> dict[str, RuleSet]:
    """The rule sets shipped in ``checklists/data`` only (loaded once)."""
    return dict(_builtin())


def env_dirs() -> list[Path]:
    """The directories named in ``ALLIANCE_CHECKLISTS_DIR`` (``os.pathsep``-separated)."""
    raw = os.environ.get(ENV_VAR, "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def load_rule_sets(extra_dirs: Sequence[Path | str] | None = None) -> dict[str, RuleSet]:
    """Return every rule set by id: built-ins (loaded once) + ``extra_dirs`` + ``ALLIANCE_CHECKLISTS_DIR``.

    User files are validated exactly like the built-in ones; an id clash with another file fails.
    """
    sets = dict(_builtin())
    dirs: list[Path] = []
    for directory in [Path(d) for d in (extra_dirs or [])] + env_dirs():
        if (
            directory.resolve() not in {d.resolve() for d in dirs}
            and directory.resolve() != BUILTIN_DIR.resolve()
        ):
            dirs.append(directory)  # a directory named twice (flag and environment) is read once
    _load_dirs(dirs, sets)
    return sets


def get_rule_set(rule_set_id: str, extra_dirs: Sequence[Path | str] | None = None) -> RuleSet:
    """Return one rule set; the error lists the known ids."""
    sets = load_rule_sets(extra_dirs)
    try:
        return sets[rule_set_id]
    except KeyError:
        raise ChecklistError(f"unknown rule set {rule_set_id!r}; known: {', '.join(sorted(sets))}") from None


def rule_set_warnings(rule_set: RuleSet, as_of: date | None = None) -> list[str]:
    """Warnings (Chinese / English) about the legal standing of a rule set on ``as_of`` (default today)."""
    as_of = as_of or date.today()
    title = f"《{rule_set.title}》"
    out: list[str] = []
    if rule_set.status == "draft_for_comment":
        out.append(
            f"{title}为征求意见稿，尚未正式施行，检查结果仅供参考。"
            f" / {rule_set.name_zh}: the regulation is a draft for comment, not in force; results are indicative."
        )
    if rule_set.status == "trial":
        out.append(
            f"{title}为试行办法，条款可能调整，请关注正式文件。"
            f" / {rule_set.name_zh}: the regulation is issued on a trial basis and may change."
        )
    until = rule_set.in_force_until
    if rule_set.status == "lapsed" or (until is not None and as_of > until):
        when = f"已于{until.isoformat()}期满" if until else "已失效"
        out.append(
            f"{title}{when}，截至{as_of.isoformat()}已不再有效，请核实是否有新的替代文件。"
            f" / {rule_set.name_zh}: the regulation lapsed"
            + (f" after {until.isoformat()}" if until else "")
            + f"; it is no longer in force on {as_of.isoformat()}. Check for a successor text."
        )
    if rule_set.effective_from is not None and as_of < rule_set.effective_from:
        out.append(
            f"{title}自{rule_set.effective_from.isoformat()}起施行，{as_of.isoformat()}尚未生效。"
            f" / {rule_set.name_zh}: not yet in force on {as_of.isoformat()} "
            f"(in force from {rule_set.effective_from.isoformat()})."
        )
    return out
