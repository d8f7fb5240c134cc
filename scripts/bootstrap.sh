# Sourced by ./run-app and ./run-tests: make .venv (Python >= 3.11) and install the project into it.
# Re-installs only when pyproject.toml changed. Set PYTHON to choose the interpreter.
#   source scripts/bootstrap.sh ""       # the app alone
#   source scripts/bootstrap.sh test     # with extras (comma-separated), as pyproject.toml names them
# A script sourced without arguments sees its caller's: always pass the extras, even "".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
EXTRAS=${1:-}

# Keep only the extras pyproject.toml declares, so a caller's own argument (`./run-app demo`) can
# never become an extra to install (pip would warn, reinstall, and do it again for every new word).
declared=$(sed -n '/^\[project.optional-dependencies\]/,/^\[/s/^\([A-Za-z0-9_-]*\)[[:space:]]*=.*/\1/p' \
  "$ROOT/pyproject.toml")
known=()
IFS=, read -r -a asked <<< "$EXTRAS"
for extra in "${asked[@]}"; do
  grep -qxF -- "$extra" <<< "$declared" && known+=("$extra")
done
EXTRAS=$(IFS=,; echo "${known[*]}")

pick_python() {
  for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11 python; do
    [[ -n $candidate ]] || continue
    command -v "$candidate" >/dev/null 2>&1 || continue
    if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Correspondence Desk needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
  return 1
}

if [[ ! -x $VENV/bin/python ]]; then
  py=$(pick_python)
  echo "Creating the virtual environment $VENV with $($py --version)…" >&2
  "$py" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi

stamp="$VENV/.installed${EXTRAS:+-$EXTRAS}"
# the stamp names the checkout too: an editable install points at one folder
want=$({ cat "$ROOT/pyproject.toml"; echo "$ROOT"; } | sha256sum | cut -c1-16)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "Installing Correspondence Desk${EXTRAS:+ with [$EXTRAS]} into $VENV…" >&2
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT${EXTRAS:+[$EXTRAS]}"
  echo "$want" > "$stamp"
fi

# Qt needs a few system libraries (GL, fontconfig, xkbcommon; xcb for a real window). On Debian or
# Ubuntu as root, install any that are missing; elsewhere say what is missing.
qt_libs_ok() {
  QT_QPA_PLATFORM=${1:-offscreen} "$VENV/bin/python" -c \
    'from PySide6.QtWidgets import QApplication; from PySide6.QtPdf import QPdfDocument; QApplication([])' \
    >/dev/null 2>&1
}
ensure_qt_libs() {
  local platform=${1:-offscreen}
  qt_libs_ok "$platform" && return 0
  local pkgs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
              libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
              libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libx11-xcb1)
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing the system libraries Qt needs…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}") >/dev/null
  fi
  qt_libs_ok "$platform" || {
    echo "Qt cannot start: install these system packages (or your system's equivalents): ${pkgs[*]}" >&2
    return 1
  }
}

# Tools some tests drive: LibreOffice Calc with its Python bridge (the owners' workbook round trip).
# On Debian or Ubuntu as root, install what is missing; elsewhere those tests say what they need.
ensure_test_tools() {
  local pkgs=()
  [[ -e /usr/lib/libreoffice/program/libsclo.so ]] || pkgs+=(libreoffice-calc-nogui)
  /usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || pkgs+=(python3-uno)
  command -v desktop-file-validate >/dev/null || pkgs+=(desktop-file-utils)  # the .desktop file's validator
  [[ ${#pkgs[@]} -eq 0 ]] && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing what the tests drive: ${pkgs[*]}…" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}") >/dev/null \
      || echo "Could not install ${pkgs[*]}: the tests that drive them will be skipped" >&2
  fi
}
