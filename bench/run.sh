#!/usr/bin/env bash
# Runs the benchmarks against a sandbox MariaDB of their own (fresh, free port), then stops it.
# Usage: bench/run.sh BUILD_DIR [csv|binlog|incremental|replicate|monitor|all] [options passed to the benchmark]
#   csv     CSV → MariaDB insert/upsert vs LOAD DATA / INSERT ... ON DUPLICATE KEY UPDATE
#   binlog  binlog → Kafka canal-json catch-up vs mariadb-binlog --read-from-remote-server
#   incremental  keyset incremental reads vs a streamed SELECT / OFFSET paging
#   replicate    topic → MariaDB replicate vs INSERT ... ON DUPLICATE KEY UPDATE x1000
#   monitor      GUI event-loop stalls and throughput with the monitor window open vs closed
set -euo pipefail
BUILD_DIR=${1:?usage: bench/run.sh BUILD_DIR [csv|binlog|incremental|replicate|monitor|all] [options]}
shift
WHICH=all
case "${1:-}" in csv|binlog|incremental|replicate|monitor|all) WHICH=$1; shift ;; esac
DIR="$BUILD_DIR/bench-sandbox"
"$BUILD_DIR/app/flowdeck" sandbox start --dir "$DIR" --port 0 --fresh >/dev/null
trap '"$BUILD_DIR/app/flowdeck" sandbox stop --dir "$DIR" >/dev/null' EXIT
PORT=$(sed -n 's/.*"port": *\([0-9]*\).*/\1/p' "$DIR/sandbox.json")
if [ "$WHICH" = csv ] || [ "$WHICH" = all ]; then
    echo "== CSV -> MariaDB"
    "$BUILD_DIR/bench/bench_csv_to_mysql" --port "$PORT" --dir "$BUILD_DIR/bench-data" "$@"
fi
if [ "$WHICH" = binlog ] || [ "$WHICH" = all ]; then
    echo "== binlog -> Kafka canal-json"
    "$BUILD_DIR/bench/bench_binlog_to_kafka" --port "$PORT" --flowdeck "$BUILD_DIR/app/flowdeck" "$@"
fi
if [ "$WHICH" = incremental ] || [ "$WHICH" = all ]; then
    echo "== incremental table reads"
    "$BUILD_DIR/bench/bench_incremental" --port "$PORT" "$@"
fi
if [ "$WHICH" = replicate ] || [ "$WHICH" = all ]; then
    echo "== topic -> MariaDB replicate"
    "$BUILD_DIR/bench/bench_kafka_to_mysql" --flowdeck "$BUILD_DIR/app/flowdeck" --port "$PORT" --dir "$BUILD_DIR/bench-kafka" "$@"
fi
if [ "$WHICH" = monitor ] || [ "$WHICH" = all ]; then
    echo "== monitor window: GUI stalls and throughput"
    QT_QPA_PLATFORM=offscreen "$BUILD_DIR/bench/bench_monitor_ui"
fi
