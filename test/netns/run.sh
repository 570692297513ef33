#!/usr/bin/env bash
# Runs each case of netns_connect inside a network namespace made for it:
# loopback up, 192.0.2.0/24 on a veth whose peer is down with a permanent
# neighbour entry for 192.0.2.2 (so SYNs vanish: a peer that never answers),
# no route anywhere else, and an ephemeral port range of two ports.  Needs
# root and iproute2; exits 77 (skipped) otherwise.  Traffic never leaves the
# namespace.
set -u
prog=$1
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! ip netns add "ws2p-probe-$$" 2>/dev/null; then
    echo "netns: needs root and iproute2 network namespaces; skipped"
    exit 77
fi
ip netns del "ws2p-probe-$$"
passed=0 failed=0
for case in $("$prog"); do
    ns="ws2p-$$-$case"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n "$ns" link add v0 type veth peer name v1
    ip -n "$ns" addr add 192.0.2.1/24 dev v0
    ip -n "$ns" link set v0 up
    ip -n "$ns" neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent
    ip netns exec "$ns" sysctl -q -w net.ipv4.ip_local_port_range="40000 40001"
    if ip netns exec "$ns" timeout 60 "$prog" "$case"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
    ip netns del "$ns"
done
echo "netns: $passed passed, $failed failed"
[ "$failed" = 0 ]
