/*
 * Helpers for the POSIX side of the benchmarks: the same calls, in the same
 * order, as ws_common.h makes through ws2posix, so each pair of programs
 * differs only by the library in between.
 */
#ifndef WS2P_BENCH_PX_COMMON_H
#define WS2P_BENCH_PX_COMMON_H
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>
#include "bench.h"

#define SIDE "posix"
typedef int SOCKET;

static inline void die(const char *what)
{
    fprintf(stderr, "%s failed: %s\n", what, strerror(errno));
    exit(1);
}

static inline void start(void)
{
}

static inline struct sockaddr_in loopback(void)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

static inline SOCKET bound_socket(int type, struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, type, 0);
    if (s < 0)
        die("socket");
    struct sockaddr_in a = loopback();
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0)
        die("bind");
    /* Windows' SOMAXCONN is INT_MAX; the kernel clamps either to somaxconn. */
    if (type == SOCK_STREAM && listen(s, INT_MAX) < 0)
        die("listen");
    socklen_t len = sizeof *addr;
    if (getsockname(s, (struct sockaddr *)addr, &len) < 0)
        die("getsockname");
    return s;
}

static inline SOCKET connect_to(const struct sockaddr_in *a)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0)
        die("socket");
    if (connect(s, (const struct sockaddr *)a, sizeof *a) < 0)
        die("connect");
    return s;
}

static inline SOCKET accept_one(SOCKET l)
{
    SOCKET s = accept(l, NULL, NULL);
    if (s < 0)
        die("accept");
    return s;
}

static inline void nodelay(SOCKET s)
{
    int one = 1;
    if (setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0)
        die("setsockopt(TCP_NODELAY)");
}

/* See ws_common.h: accepted sockets inherit SO_LINGER {1, 0} and reset on
 * close, so no TIME_WAIT piles up across runs. */
static inline void no_time_wait(SOCKET l)
{
    struct linger lg = {1, 0};
    if (setsockopt(l, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) < 0)
        die("setsockopt(SO_LINGER)");
}

static inline void close_after_eof(SOCKET s)
{
    char b;
    if (recv(s, &b, 1, 0) != 0)
        die("recv (expected end of stream)");
    close(s);
}

static inline void send_all(SOCKET s, const char *buf, int len)
{
    while (len > 0) {
        ssize_t n = send(s, buf, (size_t)len, 0);
        if (n < 0)
            die("send");
        buf += n;
        len -= (int)n;
    }
}

static inline void recv_all(SOCKET s, char *buf, int len)
{
    while (len > 0) {
        ssize_t n = recv(s, buf, (size_t)len, 0);
        if (n < 0)
            die("recv");
        if (n == 0) {
            fprintf(stderr, "recv: unexpected end of stream\n");
            exit(1);
        }
        buf += n;
        len -= (int)n;
    }
}

typedef void *(*thread_fn)(void *);

static inline pthread_t thread_start(thread_fn fn, void *arg)
{
    pthread_t t;
    int e = pthread_create(&t, NULL, fn, arg);
    if (e) {
        errno = e;
        die("pthread_create");
    }
    return t;
}

static inline void thread_join(pthread_t t)
{
    pthread_join(t, NULL);
}

#define closesocket close

#endif
