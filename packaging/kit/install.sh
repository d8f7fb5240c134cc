#!/bin/sh
# Install Correspondence Desk from this folder, with no network: sh install.sh [DEST]
# DEST defaults to ~/.local/share/correspondence-desk/venv; the command is DEST/bin/correspondence-desk.
set -eu
KIT=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}
TAG=$("$PY" -c 'import sys; print("cp%d%d" % sys.version_info[:2])')
WHEELS="$KIT/$TAG-linux"
if [ ! -d "$WHEELS" ]; then
  echo "This kit has no wheels for $("$PY" --version) ($TAG): set PYTHON=python3.X" >&2
  exit 1
fi
DEST=${1:-${XDG_DATA_HOME:-$HOME/.local/share}/correspondence-desk/venv}
"$PY" -m venv "$DEST"
PIP_CONFIG_FILE=/dev/null "$DEST/bin/python" -m pip install --quiet --disable-pip-version-check \
  --no-index --find-links "$WHEELS" correspondence-desk
echo "Installed: $DEST/bin/correspondence-desk"
