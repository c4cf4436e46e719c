#!/usr/bin/env bash
# Install everything the project needs on a fresh Debian machine:
# the Debian packages, then the project and its tools into ./.venv.
#   fonts-wqy-zenhei         a CJK font for the PDFs the tests make
#   libreoffice-writer-nogui converts legacy .doc/.wps/.rtf/.odt (headless, in a subprocess)
#   redis-server             broker for the Celery scale-out workers and their tests
#   postgresql               the server binaries the PostgreSQL tests start a throw-away cluster with
#   chromium chromium-driver the browser the web-page tests drive (Playwright, executable_path)
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(fonts-wqy-zenhei libreoffice-writer-nogui redis-server postgresql chromium chromium-driver)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
echo "installed: $(.venv/bin/alliance-intake --version)"
