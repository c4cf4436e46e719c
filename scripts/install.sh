#!/usr/bin/env bash
# Install everything the project needs on a fresh Debian machine:
# the Debian packages (fonts for the test PDFs), then the project and its tools into ./.venv.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(fonts-wqy-zenhei)

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
