#!/usr/bin/env bash
# Builds the libFuzzer targets: build.sh SOURCE_DIR BUILD_DIR [JOBS]. A separate clang++ build
# (FLOWDECK_FUZZ=ON) of the parsers only; see tests/fuzz/README.md.
set -euo pipefail
src=$1 dir=$2 jobs=${3:-2}
mkdir -p "$dir"
if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$src" -B "$dir" -G Ninja -DFLOWDECK_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$dir/configure.log" 2>&1 || { cat "$dir/configure.log" >&2; exit 1; }
fi
if ! cmake --build "$dir" -j "$jobs" >"$dir/build.log" 2>&1; then
    grep -E -A12 'error|FAILED' "$dir/build.log" | head -n 100 >&2
    echo "fuzz build failed (full log: $dir/build.log)" >&2
    exit 1
fi
