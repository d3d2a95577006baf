#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing.
#   scripts/system-deps.sh build   Pango for WeasyPrint (the booklet)
#   scripts/system-deps.sh test    also Chromium (browser tests), poppler-utils, Node.js/npm (axe-core)
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
if [ "${1:-build}" = test ]; then
  packages+=(chromium poppler-utils)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm (for axe-core in the tests) count as present when their
# commands are, whichever package brought them (e.g. NodeSource's nodejs).
if [ "${1:-build}" = test ] && ! { command -v node && command -v npm; } >/dev/null; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "Please install these packages as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
