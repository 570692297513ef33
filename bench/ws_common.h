/*
 * Helpers for the Winsock side of the benchmarks.  Windows headers only (plus
 * bench.h, plain C): every *_ws.c program would build with MinGW and run on
 * Windows given a bench_*() implementation there.  Set-up errors end the run;
 * nothing here is inside a timed loop except send_all/recv_all.
 */
#ifndef WS2P_BENCH_WS_COMMON_H
#define WS2P_BENCH_WS_COMMON_H
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

#define SIDE "ws2posix"

static inline void die(const char *what)
{
    fprintf(stderr, "%s failed: %d\n", what, WSAGetLastError());
    exit(1);
}

static inline void start(void)
{
    WSADATA wsa;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
        die("WSAStartup");
}

/* 127.0.0.1, port 0 (written byte-wise: network order either way). */
static inline struct sockaddr_in loopback(void)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    unsigned char *ip = (unsigned char *)&a.sin_addr;
    ip[0] = 127;
    ip[3] = 1;
    return a;
}

/* A socket of the type bound to 127.0.0.1:0 (listening if a stream);
 * *addr receives the address it got. */
static inline SOCKET bound_socket(int type, struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, type, 0);
    if (s == INVALID_SOCKET)
        die("socket");
    struct sockaddr_in a = loopback();
    if (bind(s, (struct sockaddr *)&a, sizeof a) == SOCKET_ERROR)
        die("bind");
    if (type == SOCK_STREAM && listen(s, SOMAXCONN) == SOCKET_ERROR)
        die("listen");
    int len = sizeof *addr;
    if (getsockname(s, (struct sockaddr *)addr, &len) == SOCKET_ERROR)
        die("getsockname");
    return s;
}

static inline SOCKET connect_to(const struct sockaddr_in *a)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (s == INVALID_SOCKET)
        die("socket");
    if (connect(s, (const struct sockaddr *)a, sizeof *a) == SOCKET_ERROR)
        die("connect");
    return s;
}

static inline SOCKET accept_one(SOCKET l)
{
    SOCKET s = accept(l, NULL, NULL);
    if (s == INVALID_SOCKET)
        die("accept");
    return s;
}

static inline void nodelay(SOCKET s)
{
    BOOL one = TRUE;
    if (setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one) == SOCKET_ERROR)
        die("setsockopt(TCP_NODELAY)");
}

/* SO_LINGER {1, 0} on a listener: accepted sockets inherit it, so their
 * closesocket resets the connection instead of leaving TIME_WAIT behind.
 * Hundreds of thousands of connections per run would otherwise fill the
 * kernel's TIME_WAIT table and the ephemeral ports, and later runs would
 * measure a different kernel path than earlier ones.  The server closes only
 * after reading the client's end of stream (close_after_eof): a reset that
 * overtakes the handshake fails the client's connect. */
static inline void no_time_wait(SOCKET l)
{
    struct linger lg = {1, 0};
    if (setsockopt(l, SOL_SOCKET, SO_LINGER, (const char *)&lg, sizeof lg) == SOCKET_ERROR)
        die("setsockopt(SO_LINGER)");
}

static inline void close_after_eof(SOCKET s)
{
    char b;
    if (recv(s, &b, 1, 0) != 0)
        die("recv (expected end of stream)");
    closesocket(s);
}

static inline void send_all(SOCKET s, const char *buf, int len)
{
    while (len > 0) {
        int n = send(s, buf, len, 0);
        if (n == SOCKET_ERROR)
            die("send");
        buf += n;
        len -= n;
    }
}

static inline void recv_all(SOCKET s, char *buf, int len)
{
    while (len > 0) {
        int n = recv(s, buf, len, 0);
        if (n == SOCKET_ERROR)
            die("recv");
        if (n == 0) {
            fprintf(stderr, "recv: unexpected end of stream\n");
            exit(1);
        }
        buf += n;
        len -= n;
    }
}

typedef DWORD(WINAPI *thread_fn)(LPVOID);

static inline HANDLE thread_start(thread_fn fn, void *arg)
{
    HANDLE h = CreateThread(NULL, 0, fn, arg, 0, NULL);
    if (!h) {
        fprintf(stderr, "CreateThread failed: %lu\n", (unsigned long)GetLastError());
        exit(1);
    }
    return h;
}

static inline void thread_join(HANDLE h)
{
    if (WaitForSingleObject(h, INFINITE) != WAIT_OBJECT_0) {
        fprintf(stderr, "WaitForSingleObject failed: %lu\n", (unsigned long)GetLastError());
        exit(1);
    }
    CloseHandle(h);
}

#endif
