#!/usr/bin/env bash
# Runs the benchmarks against a sandbox MariaDB of their own (fresh, free port), then stops it.
# Usage: bench/run.sh BUILD_DIR [--rows N]
set -euo pipefail
BUILD_DIR=${1:?usage: bench/run.sh BUILD_DIR [--rows N]}
shift
DIR="$BUILD_DIR/bench-sandbox"
"$BUILD_DIR/app/flowdeck" sandbox start --dir "$DIR" --port 0 --fresh >/dev/null
trap '"$BUILD_DIR/app/flowdeck" sandbox stop --dir "$DIR" >/dev/null' EXIT
PORT=$(sed -n 's/.*"port": *\([0-9]*\).*/\1/p' "$DIR/sandbox.json")
"$BUILD_DIR/bench/bench_csv_to_mysql" --port "$PORT" --dir "$BUILD_DIR/bench-data" "$@"
QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bench/bench_monitor_ui"
