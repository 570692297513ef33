#!/usr/bin/env bash
# Builds Microsoft's own Winsock samples as they are - the
# Windows-classic-samples netds/winsock programs simple, accept (C++),
# wsapoll, overlap (driven by simple's client) and iocp (iocpserver and
# iocpserverex, driven by iocpclient), connectbyname, connectbylist (C++),
# inet_xtoy, sendmsg and recvmsg (built only), and the Microsoft Learn
# "Getting Started with Winsock" client and server - against an installed ws2posix with only its pkg-config flags,
# runs each echo on loopback and checks the bytes.  The sources are not in
# this repository: give a directory holding the two repositories' trees
# (git clone https://github.com/microsoft/Windows-classic-samples and
# https://github.com/MicrosoftDocs/win32 there, or use export-sources.sh).
# CI has no network, so this is for developers; without the sources it
# skips (exit 77).
#
#   run.sh SOURCES_DIR [BUILD_DIR]      (BUILD_DIR: a configured, built tree; default build/)
#
# Each program is built as C++ and, where its code is C, also as C.  What
# fails to build is reported with the names the compiler or linker could
# not find (Win32 functions the library does not have yet).  Samples that
# use __try/__finally get test/programs/seh/seh.h (-include), a stand-in
# no Linux compiler provides.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${1:?usage: run.sh SOURCES_DIR [BUILD_DIR]}
build=${2:-$root/build}
samples=$src/Windows-classic-samples/Samples/Win7Samples/netds/winsock
docs=$src/win32/desktop-src/WinSock
if [ ! -d "$samples/simple" ] || [ ! -d "$samples/accept" ] || [ ! -d "$samples/wsapoll" ] ||
    [ ! -d "$samples/overlap" ] || [ ! -d "$samples/iocp" ] || [ ! -d "$samples/connectbyname" ] ||
    [ ! -d "$samples/connectbylist" ] || [ ! -d "$samples/inet_xtoy" ] || [ ! -d "$samples/sendmsg" ] ||
    [ ! -d "$samples/recvmsg" ] ||
    [ ! -f "$docs/complete-server-code.md" ] || [ ! -f "$docs/complete-client-code.md" ]; then
    echo "run.sh: $src lacks the samples (see export-sources.sh); skipped"
    exit 77
fi
[ -f "$build/CMakeCache.txt" ] || { echo "run.sh: $build is not a build tree"; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ws2p-programs.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" || { echo "install failed"; exit 2; }
export PKG_CONFIG_PATH
PKG_CONFIG_PATH=$(dirname "$(find "$work/prefix" -name ws2_32.pc | head -1)")
pc=$(pkg-config --cflags --libs ws2_32) || { echo "pkg-config ws2_32 failed"; exit 2; }
libdir=$(pkg-config --variable=libdir ws2_32)
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
cc=${CC:-cc} cxx=${CXX:-c++}
echo "flags: $pc"

# The Getting Started code, taken out of the Markdown pages.
extract() { # <md> <out>
    awk '/^```[Cc]/ { if (!done) { on = 1; next } } /^```/ { if (on) { on = 0; done = 1 } next } on' "$1" >"$2"
}
mkdir -p "$work/gs"
extract "$docs/complete-server-code.md" "$work/gs/server.cpp"
extract "$docs/complete-client-code.md" "$work/gs/client.cpp"

results=()
failed=0
note() { results+=("$1"); }

# missing <log>: the names the build could not find.
missing() {
    sed -n "s/.*implicit declaration of function [‘'\`]\([A-Za-z0-9_]*\)[’'].*/\1/p;
            s/.*[‘'\`]\([A-Za-z0-9_]*\)[’'] was not declared in this scope.*/\1/p;
            s/.*use of undeclared identifier [‘'\`]\([A-Za-z0-9_]*\)[’'].*/\1/p;
            s/.*[‘'\`]\([A-Za-z0-9_]*\)[’'] undeclared.*/\1/p;
            s/.*undefined reference to [‘'\`]\([A-Za-z0-9_]*\)[’'].*/\1/p" "$1" | sort -u | tr '\n' ' '
}

# build <name> <lang c|c++> <extra flags> <sources...>: only the pkg-config
# flags (and -include for the SEH stand-in); -Wall warnings are counted in
# a second, compile-only pass.
build() {
    local name=$1 lang=$2 extra=$3
    shift 3
    local out=$work/$name log=$work/$name.log comp=$cxx
    [ "$lang" = c ] && comp=$cc
    # shellcheck disable=SC2086
    if "$comp" -x "$lang" $extra "$@" -x none -o "$out" $pc >"$log" 2>&1; then
        local w m=""
        # shellcheck disable=SC2086
        w=$("$comp" -x "$lang" -Wall -Wno-unknown-pragmas $extra -fsyntax-only "$@" $pc 2>&1 | grep -c 'warning:')
        # The same with MinGW (Windows' own headers), when installed: a
        # warning both give is the program's, not a difference of ours.
        local mingw=x86_64-w64-mingw32-g++
        [ "$lang" = c ] && mingw=x86_64-w64-mingw32-gcc
        # A MinGW build that stops (a header spelt in another case than
        # MinGW's, a name MinGW's C++ headers lack) has no count to compare.
        if command -v $mingw >/dev/null; then
            local mout
            # shellcheck disable=SC2086
            if mout=$($mingw -x "$lang" -Wall -Wno-unknown-pragmas $extra -fsyntax-only "$@" 2>&1); then
                m=", MinGW: $(grep -c 'warning:' <<<"$mout")"
            else
                m=", MinGW: does not compile ($(grep -m1 -o 'error: .*' <<<"$mout" | cut -c1-60))"
            fi
        fi
        note "BUILD ok    $name (-Wall warnings: $w$m)"
        return 0
    fi
    note "BUILD FAIL  $name: missing: $(missing "$log")"
    grep -m3 -E 'error|undefined' "$log" | sed 's/^/              /' >>"$work/details"
    failed=1
    return 1
}

# check <name> <log> <pattern...>: every pattern is in the log.
check() {
    local name=$1 log=$2 p
    shift 2
    for p in "$@"; do
        if ! grep -qF -- "$p" "$log"; then
            note "RUN   FAIL  $name: no \"$p\" in its output"
            sed 's/^/              /' "$log" | head -12 >>"$work/details"
            failed=1
            return 1
        fi
    done
    note "RUN   ok    $name"
}

# serve <port> <cmd...>: start a server, wait until it listens.
serve() {
    local port=$1 i
    shift
    "$@" >"$work/server.log" 2>&1 &
    server_pid=$!
    for i in $(seq 100); do
        if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then return 0; fi
        kill -0 $server_pid 2>/dev/null || return 1
        sleep 0.05
    done
    return 1
}
stop() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; }

# ---- Getting Started with Winsock: server on 27015, client sends "this is a test"
for lang in c++ c; do
    s=gs-server.$lang c=gs-client.$lang
    build $s $lang "" "$work/gs/server.cpp" && build $c $lang "" "$work/gs/client.cpp" || continue
    # The server accepts one client on port 27015; its first probe by serve()
    # would be that client, so it is started and the client run right away.
    "$work/$s" >"$work/$s.out" 2>&1 &
    server_pid=$!
    sleep 0.3
    timeout 20 "$work/$c" 127.0.0.1 >"$work/$c.out" 2>&1
    wait $server_pid 2>/dev/null
    check "$c (echo)" "$work/$c.out" "Bytes Sent: 14" "Bytes received: 14" &&
        check "$s (echo)" "$work/$s.out" "Bytes received: 14" "Bytes sent: 14"
done

# ---- simple: simples (TCP and UDP echo server) and simplec
d=$samples/simple
for lang in c++ c; do
    s=simples.$lang c=simplec.$lang
    build $s $lang "" "$d/server/Simples.cpp" && build $c $lang "" "$d/client/simplec.cpp" || continue
    for proto in tcp udp; do
        port=$((27100 + RANDOM % 500))
        "$work/$s" -p $proto -e $port -i 127.0.0.1 >"$work/$s.$proto.out" 2>&1 &
        server_pid=$!
        sleep 0.5
        timeout 20 "$work/$c" -p $proto -n 127.0.0.1 -e $port -l 3 >"$work/$c.$proto.out" 2>&1
        stop
        check "$c $proto (echo x3)" "$work/$c.$proto.out" \
            "read 40 bytes, data [This is a small test message [number 0]] from server" \
            "data [This is a small test message [number 2]] from server"
    done
done
build simples_ioctl.c++ c++ "" "$d/ioctl/Simples_Ioctl.cpp" || true

# ---- accept (C++): the server (non-blocking accept, then WSAAsyncSelect) and its client
d=$samples/accept
ok_server=0 ok_client=0
build accserv.c++ c++ "-I$d/server" "$d/server/main.cpp" "$d/server/NBAccept.cpp" "$d/server/ASAccept.cpp" \
    "$d/server/SockInfo.cpp" "$d/server/common.cpp" && ok_server=1
build testacc.c++ c++ "" "$d/client/TestAccept.cpp" && ok_client=1
if [ $ok_server = 1 ] && [ $ok_client = 1 ]; then
    for t in 1 2; do
        port=$((27700 + RANDOM % 500))
        if serve $port "$work/accserv.c++" -e $port -t $t; then
            timeout 30 "$work/testacc.c++" -n 127.0.0.1 -e $port -b 4096 -l 3 >"$work/testacc.$t.out" 2>&1
            check "testacc against accserv -t $t" "$work/testacc.$t.out" "Connected successfully" "Send completed" \
                "Recd 4096 bytes so far"
        else
            note "RUN   FAIL  accserv -t $t did not listen on $port"
            failed=1
        fi
        stop
    done
fi

# ---- overlap (C): AcceptEx and overlapped WSARecv/WSASend on events in one
# thread, driven by simple's TCP client
for lang in c c++; do
    s=overlap.$lang c=simplec.$lang
    build $s $lang "-include $here/seh/seh.h" "$samples/overlap/Overlap.c" || continue
    [ -x "$work/$c" ] || continue
    port=$((28200 + RANDOM % 500))
    if serve $port "$work/$s" -e $port -i 127.0.0.1; then
        timeout 20 "$work/$c" -p tcp -n 127.0.0.1 -e $port -l 3 >"$work/$c.overlap.out" 2>&1
        # The server echoes its whole 128-byte buffer, whatever it read.
        check "$c tcp against $s (echo x3)" "$work/$c.overlap.out" \
            "read 128 bytes, data [This is a small test message [number 0]] from server" \
            "data [This is a small test message [number 2]] from server"
    else
        note "RUN   FAIL  $s did not listen on $port"
        failed=1
    fi
    stop
done

# ---- iocp: iocpserver (WSAAccept + completion port) and iocpserverex
# (AcceptEx + completion port), each driven by iocpclient (4 threads).  The
# servers declare `void main`, which only MSVC accepts in C++ (g++, MinGW's
# too, refuses it), so they are built as the C their code also is; the
# client as both.  Their output goes through WriteConsole, which (as on
# Windows) fails on a file or pipe, so they run on a pseudo-terminal
# (script(1)); Ctrl-C (SIGINT) ends them, as their usage says, so the server
# runs under job control (a background job of a script otherwise starts
# with SIGINT ignored, which a Windows program sees as Ctrl-C ignored).  The
# servers include "iocpserver.h" for IocpServer.h: Windows' file system
# ignores case, so a scratch include directory holds that spelling as a link.
d=$samples/iocp
# tty <log> <cmd...>: become script(1) running cmd on a pseudo-terminal, its
# output in log (call it in a subshell or in the background).
tty() {
    local log=$1
    shift
    SHELL=/bin/bash exec script -qfec "exec $(printf '%q ' "$@")" /dev/null >"$log" 2>&1 </dev/null
}
# stop_tty: Ctrl-C to the program script(1) runs, then at most 5 s.
stop_tty() {
    local child i
    child=$(pgrep -P "$server_pid" | head -1)
    [ -n "$child" ] && kill -INT "$child" 2>/dev/null
    for i in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
}
if command -v script >/dev/null; then
    mkdir -p "$work/case/server" "$work/case/serverex"
    ln -s "$d/server/IocpServer.h" "$work/case/server/iocpserver.h"
    ln -s "$d/serverex/IocpServer.h" "$work/case/serverex/iocpserver.h"
    build iocpclient.c++ c++ "" "$d/client/IocpClient.Cpp" || true
    build iocpclient.c c "" "$d/client/IocpClient.Cpp" || true
    build iocpserver.c c "-I$work/case/server -include $here/seh/seh.h" "$d/server/IocpServer.Cpp" || true
    build iocpserverex.c c "-I$work/case/serverex -include $here/seh/seh.h" "$d/serverex/IocpServerex.Cpp" || true
    for pair in iocpserver.c:iocpclient.c++ iocpserverex.c:iocpclient.c; do
        s=${pair%:*} c=${pair#*:}
        [ -x "$work/$s" ] && [ -x "$work/$c" ] || continue
        port=$((28800 + RANDOM % 500))
        set -m
        serve $port tty "$work/$s.out" "$work/$s" -e:$port -v
        up=$?
        set +m
        if [ $up = 0 ]; then
            # 4 threads, 4 KiB buffers, verbose (an "ack" per verified echo), 3 s.
            (tty "$work/$c.$s.out" timeout 20 timeout -s INT 3 "$work/$c" -n:127.0.0.1 -e:$port -t:4 -b:4 -v)
            stop_tty
            if grep -q 'nak(' "$work/$c.$s.out"; then
                note "RUN   FAIL  $c against $s: an echo came back wrong"
                grep -m3 'nak(' "$work/$c.$s.out" | sed 's/^/              /' >>"$work/details"
                failed=1
            else
                check "$c (4 threads, Ctrl-C) against $s" "$work/$c.$s.out" \
                    "connected(thread 0)" "ack(0)" "ack(3)" "Closing handles and sockets" &&
                    check "$s (Ctrl-C)" "$work/$s.out" "UpdateCompletionPort: Socket(" \
                        "CtrlHandler: closing listening socket"
            fi
        else
            note "RUN   FAIL  $s did not listen on $port"
            sed 's/^/              /' "$work/$s.out" | head -12 >>"$work/details"
            failed=1
            stop_tty
        fi
    done
else
    note "SKIP        iocp: no script(1) for a pseudo-terminal"
fi

# ---- wsapoll: one program, its own client thread, IPv6 loopback port 12345.
# The sample races with itself: main calls recv on the non-blocking socket
# it has just accepted, with nothing making the client thread's send come
# first.  Almost always its client connects before main listens: the SYN
# goes again a second later, and the retry holds back the handshake's last
# ACK until the client's first bytes (src/core/synretry.c), so main's recv
# finds them (29 of 29 such runs here, pinned to one CPU and free).  When
# the listener is up before the first SYN (1 run in 30), main's WSAPoll is
# woken inside the client's connect(), and recv can fail WSAEWOULDBLOCK, as
# the sample then quits.  So it gets up to 5 runs, and the line says which
# one passed; a failure of all 5 is a failure.
# Its stdout is not made line-buffered (stdbuf -oL, as for the others): then
# each printf is a write under the stdout lock, and main's "Connection
# established" line, printed first, holds up the client's line and so its
# send (1 run in 10 passed that way, 2-6 in 10 without); the program exits
# normally, so its output is flushed at the end.
wsapoll_tries=5
for lang in c++ c; do
    if build wsapoll.$lang $lang "-include $here/seh/seh.h" "$samples/wsapoll/poll.cpp"; then
        for try in $(seq $wsapoll_tries); do
            timeout 70 "$work/wsapoll.$lang" >"$work/wsapoll.$lang.out" 2>&1
            grep -q "^main:recv failed: 10035" "$work/wsapoll.$lang.out" || break
        done
        if check "wsapoll.$lang (run $try of at most $wsapoll_tries: the sample's own race, see run.sh)" \
            "$work/wsapoll.$lang.out" "ConnectThread: sent 38 bytes" "Main: recvd 38 bytes" \
            "Main: sent 38 bytes" "ConnectThread: recvd 38 bytes"; then :; fi
    fi
done

# ---- connectbyname, connectbylist, inet_xtoy, sendmsg, recvmsg: each one
# program, its own listener or peer on loopback (IPv6, IPv4-mapped).
# connectbylist, sendmsg and recvmsg write `sizeof TYPE` (no parentheses),
# which only MSVC accepts; they are built from a copy with the parentheses
# put in, the one change a porting user makes (sed below), nothing else.
msvc_sizeof() { # <src> <out>
    sed 's/sizeof \([A-Za-z_][A-Za-z0-9_]*\)/sizeof(\1)/g' "$1" >"$2"
}
mkdir -p "$work/fixed"
msvc_sizeof "$samples/connectbylist/connectbylist.cpp" "$work/fixed/connectbylist.cpp"
msvc_sizeof "$samples/sendmsg/SendMsg.cpp" "$work/fixed/SendMsg.cpp"
msvc_sizeof "$samples/recvmsg/rmmc.cpp" "$work/fixed/rmmc.cpp"
for lang in c++ c; do
    # WSAConnectByName to its own listener on [::1], 5 bytes each way.
    if build connectbyname.$lang $lang "-include $here/seh/seh.h" "$samples/connectbyname/connectbyname.cpp"; then
        timeout 20 "$work/connectbyname.$lang" >"$work/connectbyname.$lang.out" 2>&1
        check "connectbyname.$lang" "$work/connectbyname.$lang.out" "Sent 5 bytes to listener after WSAConnectByName." \
            "Remote address: [::1]:" "Received 5 bytes after accept."
    fi
    # inet_ntop/inet_pton/InetNtopW/InetPtonW round trips of ::1.
    if build inet_xtoy.$lang $lang "-include $here/seh/seh.h" "$samples/inet_xtoy/inet_xtoy.cpp"; then
        timeout 20 "$work/inet_xtoy.$lang" >"$work/inet_xtoy.$lang.out" 2>&1
        check "inet_xtoy.$lang" "$work/inet_xtoy.$lang.out" "inet_ntop returned ::1" "inet_pton returned ::1" \
            "InetNtopW returned ::1" "InetPtonW returned ::1"
    fi
    # WSASendMsg/WSARecvMsg with IPV6_PKTINFO over [::1].
    if build sendmsg.$lang $lang "-include $here/seh/seh.h" "$work/fixed/SendMsg.cpp"; then
        timeout 20 "$work/sendmsg.$lang" >"$work/sendmsg.$lang.out" 2>&1
        check "sendmsg.$lang" "$work/sendmsg.$lang.out" "pPktInfo->ipi6_addr: ::1" "WSASendMsg 100 bytes" \
            "WSARecvMsg 100 bytes"
    fi
    # recvmsg (rmmc) sends to the multicast group ff1f::1 from a socket bound
    # to the machine's routed unicast address (not loopback): built, not run.
    build recvmsg.$lang $lang "-include $here/seh/seh.h" "$work/fixed/rmmc.cpp" || true
done
# connectbylist: SIO_ADDRESS_LIST_SORT, then WSAConnectByList to its own
# listener, over ::ffff:127.0.0.1 and ::1.  A global initialised by a call
# makes it C++ only.
if build connectbylist.c++ c++ "-include $here/seh/seh.h" "$work/fixed/connectbylist.cpp"; then
    timeout 20 "$work/connectbylist.c++" >"$work/connectbylist.c++.out" 2>&1
    check "connectbylist.c++" "$work/connectbylist.c++.out" "Remote address [::ffff:127.0.0.1]:" \
        "Remote address [::1]:"
fi

echo
printf '%s\n' "${results[@]}"
if [ -s "$work/details" ]; then
    echo
    echo "details:"
    cat "$work/details"
fi
exit $failed
