"""Version strings that key stored work: a file's result is valid for one pipeline version."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version

from checklists.schema import RuleSet


def package_version() -> str:
    """The installed alliance-intake version."""
    try:
        return version("alliance-intake")
    except PackageNotFoundError:
        return "0"


def checklist_version(rule_sets: Mapping[str, RuleSet]) -> str:
    """One short fingerprint of the checker and every rule set's id and version."""
    from checklists.checker import CHECKER_VERSION
    from checklists.settings import matching

    parts = [CHECKER_VERSION, matching().version, *(f"{k}@{rs.version}" for k, rs in sorted(rule_sets.items()))]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
    return f"{CHECKER_VERSION}+{digest}"


def file_key(sha256: str, pipeline: str) -> str:
    """The idempotency key of parsing one blob: sha256 + the pipeline/checklist version."""
    return f"file:{sha256}:{pipeline}"


def pipeline_version(rule_sets: Mapping[str, RuleSet]) -> str:
    """The version a file result is keyed by: the package plus the checklist fingerprint."""
    return f"{package_version()}/{checklist_version(rule_sets)}"
