"""The contract every format backend follows."""

from typing import Protocol

from intake.raw import RawDocument
from intake.settings import IntakeSettings
from models import Format


class Backend(Protocol):
    """Reads one format. Raises ``models.IntakeError`` for bad input, never returns partial garbage."""

    name: str
    formats: tuple[Format, ...]

    def read(self, data: bytes, name: str, settings: IntakeSettings) -> RawDocument:
        """Extract the raw blocks of ``data`` (the file's bytes; ``name`` is for messages)."""
        ...
