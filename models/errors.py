"""Bad input as typed errors with stable codes, Chinese and English messages and an HTTP status.

The catalog lives in ``error_codes.yaml`` beside this file; code here only looks it up.
Bugs are not ``IntakeError``: they stay ordinary exceptions.
"""

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from models.data_files import load_yaml

_CATALOG = Path(__file__).with_name("error_codes.yaml")


@cache
def catalog() -> dict[str, dict[str, dict[str, Any]]]:
    """Return the error and warning catalog (loaded once)."""
    data: dict[str, dict[str, dict[str, Any]]] = load_yaml(_CATALOG)
    return data


class _SafeDict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _render(template: str, detail: dict[str, Any]) -> str:
    return template.format_map(_SafeDict(detail))


class ErrorInfo(BaseModel):
    """The serialisable form of an error, as the CLI and the API report it."""

    code: str
    message_zh: str
    message_en: str
    http_status: int
    detail: dict[str, Any] = Field(default_factory=dict)


class IntakeError(Exception):
    """A file the service cannot process because of what the file is (not because of a bug)."""

    def __init__(self, code: str, **detail: Any) -> None:
        entry = catalog()["errors"].get(code)
        if entry is None:
            raise KeyError(f"unknown error code {code!r}; known: {sorted(catalog()['errors'])}")
        self.code = code
        self.detail = detail
        self.http_status: int = entry["http"]
        self.message_zh = _render(entry["zh"], detail)
        self.message_en = _render(entry["en"], detail)
        super().__init__(f"[{code}] {self.message_en}")

    def info(self) -> ErrorInfo:
        """Return the error as a serialisable model."""
        return ErrorInfo(
            code=self.code,
            message_zh=self.message_zh,
            message_en=self.message_en,
            http_status=self.http_status,
            detail={k: v for k, v in self.detail.items() if isinstance(v, str | int | float | bool)},
        )


class Notice(BaseModel):
    """A warning attached to a document: it was processed, but something deserves attention."""

    code: str
    message_zh: str
    message_en: str
    page: int | None = None

    @classmethod
    def make(cls, code: str, page: int | None = None, **detail: Any) -> "Notice":
        """Build a notice from the catalog entry ``code``."""
        entry = catalog()["warnings"].get(code)
        if entry is None:
            raise KeyError(f"unknown warning code {code!r}; known: {sorted(catalog()['warnings'])}")
        detail.setdefault("page", page)
        return cls(code=code, page=page, message_zh=_render(entry["zh"], detail), message_en=_render(entry["en"], detail))
