#!/usr/bin/env bash
# Set up what the kiosk needs on a Debian/Ubuntu machine: system packages (when run as root),
# a virtual environment in .venv with the kiosk installed, and the compiled translations.
#   scripts/bootstrap.sh run    what the kiosk needs to run
#   scripts/bootstrap.sh test   that, plus what the tests need (PostgreSQL, CUPS, speech, ...)
#   scripts/bootstrap.sh bench  what the kiosk needs, plus what `make bench` compares it with and
#                               runs it on (headless Chromium, PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."

purpose=${1:-run}
run_pkgs=(python3-venv libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
          libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libfontconfig1
          libdbus-1-3 libpulse0 libpipewire-0.3-0 fonts-dejavu-core
          libwayland-client0 libwayland-cursor0 libwayland-egl1 libxkbcommon0
          speech-dispatcher speech-dispatcher-espeak-ng espeak-ng)
test_pkgs=(postgresql postgresql-client cups cups-client cups-filters printer-driver-cups-pdf
           pulseaudio pulseaudio-utils
           zbar-tools poppler-utils xvfb xauth imagemagick cage xwayland systemd)
pkgs=("${run_pkgs[@]}")
[ "$purpose" = test ] && pkgs+=("${test_pkgs[@]}")
[ "$purpose" = bench ] && pkgs+=(chromium postgresql)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Instalando paquetes del sistema: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Faltan paquetes del sistema; instálalos como administrador: sudo apt-get install ${missing[*]}" >&2
    [ "$purpose" = test ] && exit 1
  fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "El quiosco necesita Python 3.11 o más nuevo; $("$python" --version 2>&1) no sirve." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv

extras=""
[ "$purpose" = test ] && extras="[test]"
[ "$purpose" = bench ] && extras="[postgresql]"
stamp=.venv/.installed-$purpose
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras"
  touch "$stamp"
fi

.venv/bin/pybabel -q compile -d translations -D kiosk --use-fuzzy 2>/dev/null \
  || .venv/bin/pybabel compile -d translations -D kiosk

# The kiosk's own modules are compiled here, once per change: a start then reads their
# bytecode instead of parsing every source file, which took about a sixth of start-up where
# the kiosk's user may not write it (or PYTHONDONTWRITEBYTECODE is set).
.venv/bin/python -m compileall -q kiosk >/dev/null
