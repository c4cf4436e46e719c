"""Reading the project's YAML data files (patterns, checklists, rules, error codes).

libyaml's C loader when PyYAML was built with it (the PyPI wheels are): about 8x faster than the
pure-Python loader, which is most of the start-up time of a single ``check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_text(text: str) -> Any:
    """Parse YAML text with the safe loader (no arbitrary objects)."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


def load_yaml(path: Path) -> Any:
    """Parse the UTF-8 YAML file at ``path``."""
    return load_yaml_text(path.read_text(encoding="utf-8"))
