#!/usr/bin/env bash
# libws2_32.so must never export a name libc also exports: a program that
# links us still has libc, OpenSSL, the resolver and sanitizers calling POSIX
# connect()/recv() with int fds.  Our same-named functions are ws2p_<name>.
#
#   exports.sh <path to libws2_32.so> <cc>
set -euo pipefail
lib=$1 cc=$2
exports=$(nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | sort -u)
fail=0

# The socket API names libc (or libresolv) defines.
posix_names="accept accept4 bind close connect freeaddrinfo gai_strerror getaddrinfo gethostbyaddr
gethostbyname gethostbyname2 gethostname getnameinfo getpeername getprotobyname getprotobynumber getservbyname
getservbyport getsockname getsockopt h_errno herror hstrerror htonl htons in6addr_any in6addr_loopback inet_addr
inet_aton inet_ntoa inet_ntop inet_pton ioctl listen ntohl ntohs poll ppoll pselect read recv recvfrom recvmmsg recvmsg
select send sendfile sendmmsg sendmsg sendto setsockopt shutdown socket socketpair write"
for n in $posix_names; do
    if grep -qx "$n" <<<"$exports"; then
        echo "FAIL: libws2_32.so exports '$n', which is libc's"
        fail=1
    fi
done

# Nor anything else libc exports.
libc=$("$cc" -print-file-name=libc.so.6)
if [ -f "$libc" ]; then
    clash=$(comm -12 <(echo "$exports") <(nm -D --defined-only "$libc" | awk '{print $3}' | sed 's/@.*//' | sort -u))
    if [ -n "$clash" ]; then
        echo "FAIL: names exported by both libws2_32.so and $libc:" $clash
        fail=1
    fi
else
    echo "note: libc.so.6 not found via $cc -print-file-name; skipped the full comparison"
fi

# Internal core names (ws_*) stay hidden.
internal=$(grep '^ws_' <<<"$exports" || true)
if [ -n "$internal" ]; then
    echo "FAIL: internal symbols exported:" $internal
    fail=1
fi

# And the Winsock names are there: Windows-only ones as themselves, the
# clashing ones under ws2p_.
for n in WSAStartup WSACleanup WSAGetLastError closesocket ws2p_socket ws2p_connect ws2p_bind; do
    grep -qx "$n" <<<"$exports" || { echo "FAIL: '$n' not exported"; fail=1; }
done

echo "exports: $(wc -l <<<"$exports") exported names checked; $([ $fail = 0 ] && echo passed || echo FAILED)"
exit $fail
