#!/usr/bin/env bash
# Flowdeck's one entry point. See README.md.
#
#   ./flowdeck.sh          install what is missing, build, start the sandbox database and the app
#   ./flowdeck.sh test     install what is missing, build, make the .deb, run the whole test suite (ctest)
#   ./flowdeck.sh build    install what is missing and build
#   ./flowdeck.sh build --headless   the server build (no window, Qt Core only) in build-headless/
#   ./flowdeck.sh package  build the .debs (cpack) into build/: flowdeck (the window) and flowdeck-cli
#   ./flowdeck.sh bench    build and run the benchmarks (needs the sandbox database)
#   ./flowdeck.sh fuzz [SECONDS]  build the libFuzzer targets (clang) and run each for SECONDS (default 60)
#   ./flowdeck.sh deps     only install the Debian packages
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_DIR=${FLOWDECK_BUILD_DIR:-$ROOT/build}
SANDBOX_PORT=${FLOWDECK_SANDBOX_PORT:-4000}
JOBS=${FLOWDECK_JOBS:-$(nproc 2>/dev/null || echo 2)}

# Everything comes from Debian 12 packages.
PACKAGES=(
    g++ cmake ninja-build pkg-config dpkg-dev file
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n qtkeychain-qt6-dev fonts-noto-cjk
    librdkafka-dev libmysqlcppconn-dev libmariadb-dev nlohmann-json3-dev zlib1g-dev
    mariadb-server mariadb-client kcat python3-confluent-kafka
    clang libclang-rt-14-dev openssl
    xvfb xauth python3 python3-jsonschema
    gnome-keyring libsecret-tools dbus
)

say() { printf 'flowdeck: %s\n' "$*" >&2; }

install_deps() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            say "these Debian packages are missing and I am not root (and there is no sudo): ${missing[*]}"
            say "install them with: apt-get install ${missing[*]}"
            exit 1
        fi
    fi
    say "installing ${#missing[@]} Debian package(s): ${missing[*]}"
    local log
    log=$(mktemp)
    export DEBIAN_FRONTEND=noninteractive
    # No service starts inside package scripts (containers, chroots): the sandbox runs its own server.
    if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
        cat "$log" >&2
        say "package installation failed (log above)"
        exit 1
    fi
    rm -f "$log"
}

# build [--headless]: --headless configures FLOWDECK_GUI=OFF in its own folder (build-headless).
build() {
    local options=()
    if [ "${1:-}" = "--headless" ]; then
        BUILD_DIR=${FLOWDECK_HEADLESS_BUILD_DIR:-$ROOT/build-headless}
        options=(-DFLOWDECK_GUI=OFF)
    elif [ -n "${1:-}" ]; then
        say "unknown build option '$1' (try: ./flowdeck.sh build --headless)"
        exit 2
    fi
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        say "configuring $BUILD_DIR"
        cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${options[@]}" >"$BUILD_DIR.configure.log" 2>&1 \
            || { cat "$BUILD_DIR.configure.log" >&2; exit 1; }
    fi
    say "building in $BUILD_DIR (ninja -j$JOBS)"
    if ! cmake --build "$BUILD_DIR" -j "$JOBS" >"$BUILD_DIR.build.log" 2>&1; then
        grep -E -A12 'error|FAILED' "$BUILD_DIR.build.log" | head -n 150 >&2
        say "build failed (full log: $BUILD_DIR.build.log)"
        exit 1
    fi
}

FLOWDECK="$BUILD_DIR/app/flowdeck"
FUZZ_DIR=${FLOWDECK_FUZZ_BUILD_DIR:-$BUILD_DIR/fuzz}

# The fuzz build: clang++, -fsanitize=fuzzer,address,undefined, only the parsers (tests/fuzz/).
build_fuzzers() {
    "$ROOT/tests/fuzz/build.sh" "$ROOT" "$FUZZ_DIR" "$JOBS"
}

# Runs every fuzz target for $1 seconds, one after the other, on its seed corpus (tests/fuzz/README.md).
run_fuzzers() {
    local seconds=${1:-60} name failed=0
    for name in $("$ROOT/tests/fuzz/run.sh" --list); do
        say "fuzzing $name for ${seconds}s"
        nice -n 10 "$ROOT/tests/fuzz/run.sh" "$ROOT" "$FUZZ_DIR" "$name" "$seconds" || failed=1
    done
    [ $failed -eq 0 ] || { say "a fuzz target failed: its crash file is in $FUZZ_DIR/findings"; exit 1; }
}

run_tests() {
    cd "$BUILD_DIR"
    # Unit and GUI tests run in parallel; integration tests share one MariaDB (RESOURCE_LOCK).
    ctest --output-on-failure -j "$JOBS" --timeout 900 "$@"
}

# The .deb (packaging/): built with every test run, so a packaging break shows in CI.
package() {
    if (cd "$BUILD_DIR" && cpack -G DEB >"$BUILD_DIR.package.log" 2>&1); then
        say "packages: $(ls "$BUILD_DIR"/flowdeck*.deb | tr '\n' ' ')"
    else
        cat "$BUILD_DIR.package.log" >&2
        say "packaging failed"
        exit 1
    fi
}

start_app() {
    "$FLOWDECK" sandbox start --port "$SANDBOX_PORT"
    # The example's destination table, as the AppFlow guide creates it (kept if it exists).
    mariadb -h 127.0.0.1 -P "$SANDBOX_PORT" -u root test \
        < "$ROOT/resources/examples/salesforce-accounts/sf_account.sql"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        cat >&2 <<TXT
flowdeck: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open.
Flows run headless just as well. The sandbox database is up on 127.0.0.1:$SANDBOX_PORT; try:

  export FLOWDECK_MYSQL_PORT=$SANDBOX_PORT
  $FLOWDECK run $ROOT/resources/examples/salesforce-accounts/accounts-insert.flow.json
  mariadb -h 127.0.0.1 -P $SANDBOX_PORT -u root test -e 'SELECT * FROM sf_account'

  $FLOWDECK --help          all commands
  $FLOWDECK sandbox stop    stop the sandbox database
  xvfb-run -a $FLOWDECK     the window on a virtual display
TXT
        return 0
    fi
    exec "$FLOWDECK"
}

action=${1:-start}
[ $# -gt 0 ] && shift
case "$action" in
    start|"") install_deps; build; start_app ;;
    test) install_deps; build; package; run_tests "$@" ;;
    package) install_deps; build; package ;;
    build) install_deps; build "$@" ;;
    deps) install_deps ;;
    fuzz) install_deps; build_fuzzers; run_fuzzers "$@" ;;
    bench) install_deps; build; "$ROOT/bench/run.sh" "$BUILD_DIR" "$@" ;;
    -h|--help|help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) say "unknown action '$action' (try: ./flowdeck.sh help)"; exit 2 ;;
esac
