#!/usr/bin/env bash
# Runs a program (netns_notify, netns_addrchange) inside a network namespace
# made for it (loopback up, nothing else), where the program itself adds and
# removes addresses, routes and veth interfaces with ip(8) and checks the
# change notifications (IP Helper's, SIO_*_CHANGE's).
# Needs root and iproute2; exits 77 (skipped) otherwise.
set -u
prog=$1
ns="ws2p-notify-$$"
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! ip netns add "$ns" 2>/dev/null; then
    echo "netns: needs root and iproute2 network namespaces; skipped"
    exit 77
fi
ip -n "$ns" link set lo up
ip netns exec "$ns" timeout 60 "$prog"
rc=$?
ip netns del "$ns"
exit $rc
