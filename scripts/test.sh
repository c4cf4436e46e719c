#!/usr/bin/env bash
# Lint and type-check; when the labelled corpus is beside the checkout, print the accuracy and
# speed summaries; then run the tests (last, so their summary closes the output). Corpus tests
# skip with a message when ../shared/corpus is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
.venv/bin/mypy
if [ -d ../shared/corpus/docs ]; then
  echo "== clause extraction on ../shared/corpus =="
  .venv/bin/python bench/bench_extract.py --formats txt,docx,pdf
  echo "== parties, signatures, licences on ../shared/corpus =="
  .venv/bin/python bench/bench_parties.py
  echo "== gap reports: real extraction vs gold labels on ../shared/corpus =="
  .venv/bin/python bench/bench_check.py
  echo "== intake speed and fidelity on ../shared/corpus =="
  .venv/bin/python bench/bench_intake.py --repeat 1 --no-naive
  echo "== OCR of the scans in ../shared/corpus: CER, articles, s/page =="
  .venv/bin/python bench/bench_ocr.py --workers 2
fi
.venv/bin/python -m pytest -q
