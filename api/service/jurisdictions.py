"""Jurisdictions (rule sets): listing, detail, and adding a checklist file through the API."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import yaml

from api.service.context import Service
from api.service.schemas import JurisdictionDetail, JurisdictionInfo, JurisdictionItem, JurisdictionList
from checklists.schema import RuleSet
from models import IntakeError

_STATUS = {"in_force": "in_force", "draft_for_comment": "draft", "trial": "trial", "lapsed": "lapsed"}
MAX_CHECKLIST_BYTES = 1024 * 1024


def _status(rule_set: RuleSet, today: date) -> str:
    until = rule_set.in_force_until
    if until is not None and today > until:
        return "lapsed"
    return _STATUS.get(rule_set.status, rule_set.status)


def info(rule_set: RuleSet) -> JurisdictionInfo:
    """The summary of one rule set."""
    from checklists.loader import rule_set_warnings

    today = date.today()
    return JurisdictionInfo(id=rule_set.id, name=rule_set.name_zh, region=rule_set.parent_region or rule_set.name_zh,
                            level=rule_set.level, version=rule_set.version, status=_status(rule_set, today),
                            item_count=len(rule_set.items), title=rule_set.title,
                            warnings=rule_set_warnings(rule_set, today))


def list_all(service: Service) -> JurisdictionList:
    """Every rule set, by id."""
    return JurisdictionList(jurisdictions=[info(rs) for _, rs in sorted(service.rule_sets().items())])


def one(service: Service, rule_set_id: str) -> JurisdictionDetail:
    """One rule set with its items (404 when unknown)."""
    rule_set = service.rule_sets().get(rule_set_id)
    if rule_set is None:
        raise IntakeError("not_found", what="jurisdiction")
    items = [JurisdictionItem(id=i.id, requirement=i.requirement, severity=i.severity, applies_to=i.applies_to,
                              basis=list(i.basis), article=i.citation.article) for i in rule_set.items]
    return JurisdictionDetail(**info(rule_set).model_dump(), items=items)


def add(service: Service, text: bytes, filename: str = "checklist.yaml") -> JurisdictionInfo:
    """Validate a checklist file with ``checklists.loader`` and keep it; 422 with file:line errors."""
    from checklists.loader import ChecklistError, load_file, load_rule_sets

    if not text.strip():
        raise IntakeError("checklist_invalid", reason="empty body", errors=["empty body"])
    if len(text) > MAX_CHECKLIST_BYTES:
        raise IntakeError("upload_too_large", limit=MAX_CHECKLIST_BYTES)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "checklist.yaml"
        path.write_bytes(text)
        try:
            rule_set = load_file(path)
            existing = [service.checklist_dir] if service.checklist_dir.is_dir() else []
            load_rule_sets([*existing, Path(tmp)])
        except ChecklistError as exc:
            message = str(exc).replace(str(path), Path(filename).name or "checklist.yaml")
            raise IntakeError("checklist_invalid", reason=message.splitlines()[0], errors=message.splitlines()) from None
        except (yaml.YAMLError, UnicodeDecodeError, ValueError) as exc:
            raise IntakeError("checklist_invalid", reason=str(exc)[:300]) from None
        service.checklist_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, service.checklist_dir / f"{rule_set.id}.yaml")
    return info(rule_set)
