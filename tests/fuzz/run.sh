#!/usr/bin/env bash
# Runs one libFuzzer target: run.sh SOURCE_DIR BUILD_DIR NAME SECONDS, or run.sh --list.
# New interesting inputs go to BUILD_DIR/corpus/NAME (never into the source tree); a crash, leak
# or timeout is written to BUILD_DIR/findings/ and makes the script fail.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "${1:-}" = "--list" ]; then
    grep -v '^#' "$here/targets.txt" | awk 'NF { print $1 }'
    exit 0
fi
src=$1 dir=$2 name=$3 seconds=$4
seeds=()
read -r -a entry <<<"$(grep -E "^$name( |$)" "$here/targets.txt")"
for seed in "${entry[@]:1}"; do seeds+=("$src/$seed"); done
[ -d "$here/corpus/$name" ] && seeds+=("$here/corpus/$name")
mkdir -p "$dir/corpus/$name" "$dir/findings"
log="$dir/findings/$name.log"
# -timeout: one input may take at most 10 s (a hang is a finding); -rss_limit_mb: memory blow-ups too.
if ! "$dir/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$dir/findings/$name-" "$dir/corpus/$name" "${seeds[@]}" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz_$name failed (log: $log)" >&2
    exit 1
fi
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" | tr '\n' ' '
echo
