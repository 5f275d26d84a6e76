#!/usr/bin/env bash
# Takes the monitor window and topic browser screenshots (monitor-LANG.png, topic-browser-LANG.png)
# into docs/screenshots, offscreen, against the test suite's sandbox MariaDB and embedded broker.
# Usage: docs/screenshots/take-dashboard-screenshots.sh [BUILD_DIR] [LANG]   (LANG: en, ja, zh_CN)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD_DIR=${1:-build}
LANG_CODE=${2:-en}
cmake --build "$BUILD_DIR" --target tst_dashboardscreenshots flowdeck flowdeck_translations
FLOWDECK_SCREENSHOT_DIR="$HERE" FLOWDECK_SCREENSHOT_LANG="$LANG_CODE" \
    ctest --test-dir "$BUILD_DIR" -R 'sandbox_start|tst_dashboardscreenshots|sandbox_stop' --output-on-failure
