#!/usr/bin/env bash
# The macOS .app and .dmg of member states — run on a Mac (it cannot run on the Linux build host).
#   bash packaging/macos/build_macos.sh KZ [IR ...]
# Needs: Python 3.11 with the project installed (pip install -e ".[packaging,postgresql]"),
# Xcode command-line tools (iconutil, hdiutil, codesign). Optional: CODESIGN_IDENTITY to sign
# ("Developer ID Application: ..."); notarisation is described in packaging/macos/README.md.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 CC [CC...]" >&2; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"
OUT="$ROOT/packaging/out"
VERSION=$("$PY" -c 'import desktop_app; print(desktop_app.__version__)')

# 1. The icon: PNGs drawn from resources/icons/app.svg by Qt, then an .icns with iconutil.
ICONSET="$OUT/icons/app.iconset"
mkdir -p "$ICONSET"
"$PY" - "$OUT/icons" <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, "packaging")
from icons import render_pngs
render_pngs(Path("resources/icons/app.svg"), Path(sys.argv[1]), (16, 32, 64, 128, 256, 512, 1024))
PY
for size in 16 32 128 256 512; do
  cp "$OUT/icons/$size.png" "$ICONSET/icon_${size}x${size}.png"
  cp "$OUT/icons/$((size * 2)).png" "$ICONSET/icon_${size}x${size}@2x.png"
done
iconutil -c icns "$ICONSET" -o "$OUT/icons/app.icns"

# 2. One PyInstaller .app, then a copy per state with its preset (packaging/build.py does both).
ARGS=()
for cc in "$@"; do ARGS+=(--state "$cc"); done
CICA_BUNDLE_ICON="$OUT/icons/app.icns" "$PY" packaging/build.py "${ARGS[@]}" --formats ""

# 3. Per state: sign (when an identity is given) and wrap in a compressed disk image with an
#    Applications link, named in the state's language.
for cc in "$@"; do
  CC=$(echo "$cc" | tr '[:lower:]' '[:upper:]'); lc=$(echo "$cc" | tr '[:upper:]' '[:lower:]')
  APP="$OUT/$CC/CICA Network Coordinator.app"
  NAME=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1], encoding='utf-8'))['app_name'])" \
         "packaging/presets/$CC.json")
  if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict "$APP"
  fi
  STAGE="$OUT/$CC/dmg"
  rm -rf "$STAGE"; mkdir -p "$STAGE"
  cp -R "$APP" "$STAGE/"
  ln -s /Applications "$STAGE/Applications"
  hdiutil create -volname "$NAME" -srcfolder "$STAGE" -ov -format UDZO \
    "$OUT/$CC/cica-coordinator-$lc-$VERSION.dmg"
  rm -rf "$STAGE"
  # Smoke check: the frozen app finds its preset, catalogs and migrations.
  "$APP/Contents/MacOS/cica-coordinator" about --json
done
