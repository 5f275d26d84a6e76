#!/bin/sh
# Runs a test program against a private, unlocked GNOME Keyring (the Secret Service that QtKeychain
# uses on Linux). Called by ctest under `dbus-run-session --`, so the keyring lives on a session
# bus of its own and a developer's real keyring is never touched.
#   tests/keychain/run.sh PROGRAM [ARGS...]
set -eu
command -v gnome-keyring-daemon >/dev/null 2>&1 || {
    echo "run.sh: gnome-keyring-daemon not found (apt-get install gnome-keyring)" >&2; exit 1; }
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || { echo "run.sh: no session bus: run me under dbus-run-session" >&2; exit 1; }
home=$(mktemp -d)
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
printf 'flowdeck-test' | gnome-keyring-daemon --foreground --unlock --components=secrets >"$home/daemon.log" 2>&1 &
daemon=$!
cleanup() { kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT
# Wait until the Secret Service answers on the bus.
tries=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
        echo "run.sh: the keyring did not start:" >&2; cat "$home/daemon.log" >&2; exit 1
    fi
    sleep 0.1
done
unset FLOWDECK_KEYCHAIN
"$@"
