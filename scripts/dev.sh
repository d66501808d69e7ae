#!/usr/bin/env bash
# One entry point for a fresh Debian 12 / Ubuntu 22.04+ machine:
#   ./scripts/dev.sh app   [ARGS...]  prepare everything, then start the application (ARGS go to it)
#   ./scripts/dev.sh test  [PYTEST ARGS...]  prepare everything, then run the whole test suite
# Preparation: system libraries Qt needs (installed when run as root, otherwise listed),
# a virtual environment in .venv with the pinned Python packages, compiled translation catalogs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODE="${1:-app}"
[ $# -gt 0 ] && shift

# Libraries the PySide6 wheels load (offscreen and X11), fonts for every script we show.
APT_RUNTIME=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1
  fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-wqy-microhei)
# What the tests additionally use: a virtual screen, PDF-to-image tools, a local PostgreSQL.
APT_TEST=(xvfb xauth poppler-utils postgresql
  nsis binutils)  # installers: makensis compiles the Windows scripts; PyInstaller needs objdump

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

ensure_apt() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "Not a Debian-based system: install the Qt runtime libraries listed in README.md by hand." >&2; return 0; }
  local missing
  missing=$(missing_packages "$@" | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  if [ "$(id -u)" = "0" ]; then
    echo "Installing system packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "These system packages are missing; install them with:" >&2
    echo "  sudo apt-get install $missing" >&2
    return 1
  fi
}

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 or newer is required (apt-get install python3)." >&2
  return 1
}

ensure_venv() {
  local py
  py=$(find_python)
  if [ ! -x .venv/bin/python ]; then
    if ! "$py" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      if [ "$(id -u)" = "0" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
        "$py" -m venv .venv
      else
        echo "Python's venv module is missing: sudo apt-get install python3-venv" >&2; return 1
      fi
    fi
  fi
  # Reinstall only when the declared dependencies changed.
  local stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
  if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e ".[test,postgresql]"
    rm -f .venv/.installed-*; touch "$stamp"
  fi
  .venv/bin/python -m desktop_app.i18n.catalogs compile --quiet
}

start_postgres() {
  # A local server for the storage and service tests on PostgreSQL; skipped (with a note) when not root.
  [ -n "${CICA_TEST_POSTGRES_URL:-}" ] && return 0
  if [ "$(id -u)" != "0" ]; then
    echo "Not root: PostgreSQL tests are skipped unless CICA_TEST_POSTGRES_URL is set." >&2; return 0
  fi
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  [ -z "$version" ] && { echo "PostgreSQL is not installed; its tests are skipped." >&2; return 0; }
  pg_lsclusters 2>/dev/null | grep -q "^$version *main" || pg_createcluster "$version" main >/dev/null
  pg_ctlcluster "$version" main start 2>/dev/null || true
  local i
  for i in $(seq 1 30); do su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
  su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='cica'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"create role cica login createdb password 'cica'\"" >/dev/null
  su postgres -c "psql -qtAc \"select 1 from pg_database where datname='cica_test'\"" | grep -q 1 ||
    su postgres -c "createdb -O cica cica_test" >/dev/null
  export CICA_TEST_POSTGRES_URL="postgresql+psycopg://cica:cica@127.0.0.1:5432/cica_test"
  echo "PostgreSQL $version is running for the tests."
}

case "$MODE" in
  app)
    ensure_apt "${APT_RUNTIME[@]}" || { echo "Install the packages above, then run this again." >&2; exit 1; }
    ensure_venv
    exec .venv/bin/cica-coordinator "$@"
    ;;
  test)
    ensure_apt "${APT_RUNTIME[@]}" "${APT_TEST[@]}" || echo "Continuing; tests that need the missing packages are skipped." >&2
    ensure_venv
    start_postgres
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: $0 app [ARGS...] | test [PYTEST ARGS...]" >&2; exit 2 ;;
esac
