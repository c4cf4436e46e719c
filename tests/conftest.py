"""Shared fixtures. The labelled corpus lives in ../shared/corpus beside the checkout (CI has it;
a fresh clone does not, and the tests that need it skip with a message)."""

from pathlib import Path

import pytest

from tests.corpus import CORPUS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The corpus directory, or skip the test when it is not beside the checkout."""
    if not (CORPUS / "docs").is_dir():
        pytest.skip(f"labelled corpus not found at {CORPUS} (it sits beside the checkout in CI only)")
    return CORPUS
