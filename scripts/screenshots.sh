#!/usr/bin/env bash
# Draws the main window and every page of the flow wizard offscreen into docs/screenshots/LANG/.
#
#   scripts/screenshots.sh [LANG]     LANG: en (default), ja or zh_CN
#
# Runs tests/integration/tst_screenshots.cpp through ctest, so the suite's own MariaDB sandbox is
# started for the MySQL pages and stopped afterwards. Needs a configured build directory
# (FLOWDECK_BUILD_DIR, default ./build).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${FLOWDECK_BUILD_DIR:-$ROOT/build}
LANGUAGE=${1:-en}
case "$LANGUAGE" in
    en|ja|zh_CN) ;;
    *) echo "usage: $0 [en|ja|zh_CN]" >&2; exit 2 ;;
esac
OUT="$ROOT/docs/screenshots/$LANGUAGE"
mkdir -p "$OUT"
ninja -C "$BUILD_DIR" -j"${FLOWDECK_JOBS:-2}" flowdeck tst_screenshots flowdeck_translations >/dev/null
FLOWDECK_SCREENSHOTS_DIR="$OUT" FLOWDECK_SCREENSHOTS_LANG="$LANGUAGE" QT_QPA_PLATFORM=offscreen \
    ctest --test-dir "$BUILD_DIR" -R 'integration/(sandbox_start|tst_screenshots|sandbox_stop)' --output-on-failure
echo "screenshots in $OUT:"
ls "$OUT"
