#!/usr/bin/env bash
# Install check: `cmake --install` into a temporary prefix, then build a
# Winsock program that is not part of the repository against the installed
# copy only, the ways a user would: pkg-config, find_package(ws2posix),
# -lwsock32 / -lmswsock, the static library.  Each program runs (loopback).
#
#   install.sh <build dir> <cc> <sanitize ON|OFF> <work dir>
set -euo pipefail
build=$1 cc=$2 sanitize=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
prefix=$work/prefix
san=()
case "$sanitize" in ON | on | 1 | TRUE | true) san=(-fsanitize=address,undefined) ;; esac
fail=0
step() { echo "--- $*"; }
bad() {
    echo "FAIL: $*"
    fail=1
}

step "cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log"

# Headers under include/ws2posix only, never at the top of the include path.
[ -f "$prefix/include/ws2posix/winsock2.h" ] || bad "include/ws2posix/winsock2.h not installed"
[ -f "$prefix/include/ws2posix/ws2p/base.h" ] || bad "include/ws2posix/ws2p/base.h not installed"
[ ! -e "$prefix/include/winsock2.h" ] || bad "winsock2.h installed at the top of the include path"
pc=$(find "$prefix" -name ws2_32.pc | head -1)
[ -n "$pc" ] || { echo "FAIL: ws2_32.pc not installed"; exit 1; }
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
for f in libws2_32.so libws2_32.so.0 libws2_32.a libwsock32.so libmswsock.so libkernel32.so libuser32.so \
    libwinmm.so libiphlpapi.so libadvapi32.so libbcrypt.so libshell32.so libntdll.so kernel32.lib IPHLPAPI.lib; do
    [ -e "$libdir/$f" ] || bad "$libdir/$f not installed"
done
find "$prefix" -name ws2posixConfig.cmake | grep -q . || bad "ws2posixConfig.cmake not installed"

# A Windows program written for this test: client and server in one
# process over 127.0.0.1, with the #pragma MSVC uses to pick the library.
cat >"$work/ping.c" <<'EOF'
#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <string.h>
#pragma comment(lib, "ws2_32.lib")

static int fail(const char *what)
{
    printf("%s failed: %d\n", what, WSAGetLastError());
    return 1;
}

int main(void)
{
    WSADATA wsa;
    struct addrinfo hints, *ai;
    struct sockaddr_in addr;
    int len = sizeof addr;
    char buf[16];
    SOCKET l, c, s;

    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        return 1;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_PASSIVE;
    if (getaddrinfo("127.0.0.1", "0", &hints, &ai) != 0)
        return fail("getaddrinfo");
    l = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (l == INVALID_SOCKET || bind(l, ai->ai_addr, (int)ai->ai_addrlen) == SOCKET_ERROR)
        return fail("bind");
    freeaddrinfo(ai);
    if (listen(l, SOMAXCONN) == SOCKET_ERROR || getsockname(l, (struct sockaddr *)&addr, &len) == SOCKET_ERROR)
        return fail("listen");
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (connect(c, (struct sockaddr *)&addr, sizeof addr) == SOCKET_ERROR)
        return fail("connect");
    s = accept(l, NULL, NULL);
    if (s == INVALID_SOCKET)
        return fail("accept");
    if (send(c, "ping", 4, 0) != 4 || recv(s, buf, sizeof buf, 0) != 4 || memcmp(buf, "ping", 4))
        return fail("ping");
    if (send(s, "pong", 4, 0) != 4 || recv(c, buf, sizeof buf, 0) != 4 || memcmp(buf, "pong", 4))
        return fail("pong");
    closesocket(s);
    closesocket(c);
    closesocket(l);
    WSACleanup();
    printf("ping pong over 127.0.0.1 port %u\n", ntohs(addr.sin_port));
    return 0;
}
EOF
cflags=(-std=c11 -Wall -Wextra -Werror -Wno-unknown-pragmas "${san[@]}")

run() { # <name> <binary>: run with the installed libdir
    if out=$(cd "$work" && LD_LIBRARY_PATH="$libdir" timeout 30 "$2" 2>&1); then
        echo "$1: $out"
    else
        bad "$1 did not run: $out"
    fi
}

step "pkg-config"
export PKG_CONFIG_PATH=$pcdir
if pc_flags=$(pkg-config --cflags --libs ws2_32); then
    echo "pkg-config --cflags --libs ws2_32: $pc_flags"
    case "$pc_flags" in *"$prefix"* | *pkgconfig/..*) ;; *) bad "pkg-config flags do not point into $prefix" ;; esac
    # shellcheck disable=SC2086
    if "$cc" "${cflags[@]}" "$work/ping.c" -o "$work/ping_pc" $pc_flags; then
        run pkg-config "$work/ping_pc"
    else
        bad "build with pkg-config"
    fi
else
    bad "pkg-config --cflags --libs ws2_32"
fi
inc=$prefix/include/ws2posix

step "-lwsock32, -lmswsock (Winsock 1.1 and Microsoft-extension import libraries)"
for l in wsock32 mswsock; do
    if "$cc" "${cflags[@]}" -I"$inc" "$work/ping.c" -o "$work/ping_$l" -L"$libdir" -l$l; then
        run "-l$l" "$work/ping_$l"
    else
        bad "build with -l$l"
    fi
done

step "-lkernel32 -luser32 ... and the .lib spellings (the other DLLs' import libraries)"
cat >"$work/win32.c" <<'EOF'
#include <windows.h>
#include <stdio.h>
#pragma comment(lib, "kernel32.lib")
#pragma comment(lib, "user32.lib")

int main(void)
{
    WCHAR w[16];
    char a[16] = "Hello";
    HMODULE k32 = LoadLibraryA("kernel32.dll");
    if (!k32 || !GetProcAddress(k32, "MultiByteToWideChar"))
        return 1;
    if (MultiByteToWideChar(CP_UTF8, 0, "caf\xc3\xa9", -1, w, 16) != 5 || lstrlenW(w) != 4)
        return 2;
    CharUpperA(a);
    printf("%s from %d wide characters\n", a, lstrlenW(w));
    return lstrcmpA(a, "HELLO") != 0;
}
EOF
win_libs=(-lws2_32 -lkernel32 -luser32 -lwinmm -liphlpapi -ladvapi32 -lbcrypt -lshell32 -lntdll)
if "$cc" "${cflags[@]}" -I"$inc" "$work/win32.c" -o "$work/win32_l" -L"$libdir" "${win_libs[@]}"; then
    run "${win_libs[*]}" "$work/win32_l"
else
    bad "build with ${win_libs[*]}"
fi
lib_files=()
for f in Ws2_32.lib Kernel32.lib User32.lib Winmm.lib IPHLPAPI.lib Advapi32.lib Bcrypt.lib Shell32.lib; do
    lib_files+=("$libdir/$f")
done
if "$cc" "${cflags[@]}" -I"$inc" "$work/win32.c" -o "$work/win32_lib" -L"$libdir" "${lib_files[@]}"; then
    run ".lib files" "$work/win32_lib"
else
    bad "build with the .lib files"
fi

step "static library"
if "$cc" "${cflags[@]}" -I"$inc" "$work/ping.c" -o "$work/ping_static" "$libdir/libws2_32.a" -luring -lpthread; then
    if readelf -d "$work/ping_static" | grep -q 'libws2_32'; then
        bad "static build still needs libws2_32.so"
    fi
    run static "$work/ping_static"
else
    bad "build with libws2_32.a"
fi

step "CMake find_package(ws2posix)"
mkdir -p "$work/consumer"
cp "$work/ping.c" "$work/consumer/"
cat >"$work/consumer/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(consumer C)
find_package(ws2posix 0.1 REQUIRED)
add_executable(ping ping.c)
target_compile_options(ping PRIVATE -Wall -Wextra -Werror -Wno-unknown-pragmas)
target_link_libraries(ping PRIVATE ws2posix::ws2_32)
add_executable(ping_static ping.c)
target_compile_options(ping_static PRIVATE -Wall -Wextra -Werror -Wno-unknown-pragmas)
target_link_libraries(ping_static PRIVATE ws2posix::ws2_32_static)
EOF
if cmake -S "$work/consumer" -B "$work/consumer/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="${san[*]}" -DCMAKE_EXE_LINKER_FLAGS="${san[*]}" >"$work/consumer.log" 2>&1 &&
    cmake --build "$work/consumer/build" >>"$work/consumer.log" 2>&1; then
    run find_package "$work/consumer/build/ping"
    run "find_package (static)" "$work/consumer/build/ping_static"
else
    cat "$work/consumer.log"
    bad "CMake consumer project"
fi

echo "install: $([ $fail = 0 ] && echo passed || echo FAILED)"
exit $fail
