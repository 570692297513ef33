#!/usr/bin/env bash
# Demo: build ws2posix (Release) and run the two example Windows programs,
# examples/echo_server.c and examples/echo_client.c, against each other on
# 127.0.0.1.  Works from a fresh clone on Debian (installs what is missing).
# BUILD_DIR overrides the build directory (default: build/), BUILD_TYPE the
# CMake build type (default: Release).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ws2p_need_packages "${WS2P_PACKAGES[@]}"
ws2p_configure_build "$WS2P_BUILD" -DCMAKE_BUILD_TYPE="$WS2P_BUILD_TYPE"

server=$WS2P_BUILD/examples/echo_server
client=$WS2P_BUILD/examples/echo_client
log=$(mktemp)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT

echo
echo "==> echo_server 0 2 127.0.0.1   (port 0: the system picks a free port; 2 clients)"
timeout 60 "$server" 0 2 127.0.0.1 >"$log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 100); do
    port=$(sed -n 's/.*listening on .* port \([0-9]*\).*/\1/p' "$log")
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
if [ -z "$port" ]; then
    cat "$log"
    echo "demo: FAILED (the server did not start)" >&2
    exit 1
fi

status=0
echo "==> echo_client 127.0.0.1 $port 'Hello from a Windows program' 'running on Linux'"
timeout 30 "$client" 127.0.0.1 "$port" "Hello from a Windows program" "running on Linux" || status=1
echo "==> echo_client 127.0.0.1 $port 'second client'"
timeout 30 "$client" 127.0.0.1 "$port" "second client" || status=1

if wait "$server_pid"; then :; else status=1; fi
server_pid=
echo "==> server output"
cat "$log"
if [ $status -ne 0 ]; then
    echo "demo: FAILED" >&2
    exit 1
fi
echo "demo: OK"
