#!/usr/bin/env bash
# Lint, type-check and test. Corpus tests skip (with a message) when ../shared/corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest -q
