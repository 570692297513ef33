/*
 * The test harness.  Tests are Winsock programs: they include only Windows
 * headers, so the same source compiles against ws2posix and with MinGW (and
 * runs on Windows).  Wine's idiom: set the last error to a sentinel, call,
 * then check the return value AND the exact last error; failures print both
 * operands with WSA names.
 *
 *   WT_CASE(name) { ... }            one case per documented behaviour
 *   WT_MAIN(case1, case2, ...)       runs them under a watchdog
 *   expect_wsa(call, ret, error)     call returns ret with last error error
 *   expect_ok(call)                  call returns 0 and last error is 0
 *   ok(cond, fmt, ...)
 *
 * Define WT_NO_STARTUP before including to run cases without the
 * WSAStartup/WSACleanup around each one.
 */
#ifndef WSTEST_H
#define WSTEST_H
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <mstcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>

#define SENTINEL ((int)0xdeadbeef)

/* Checks may run on a test's own threads too: the counts are interlocked. */
static volatile LONG wt_failed_n, wt_checked_n;
#define wt_failed ((int)InterlockedCompareExchange(&wt_failed_n, 0, 0))
#define wt_checked ((int)InterlockedCompareExchange(&wt_checked_n, 0, 0))
static const char *wt_current = "";

static __inline const char *wt_name(int code)
{
    static char buf[32];
    switch (code) {
    case 0:
        return "0";
    case SENTINEL:
        return "0xdeadbeef (unchanged)";
#define WS2P_ERR(name, value, text) \
    case value:                     \
        return #name;
#include "wsaerrors.def"
#undef WS2P_ERR
    }
    snprintf(buf, sizeof buf, "%d", code);
    return buf;
}

static void wt_ok(const char *file, int line, int cond, const char *fmt, ...)
{
    InterlockedIncrement(&wt_checked_n);
    if (cond)
        return;
    InterlockedIncrement(&wt_failed_n);
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%d: [%s] FAIL: ", file, line, wt_current);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
#define ok(cond, ...) wt_ok(__FILE__, __LINE__, !!(cond), __VA_ARGS__)

/* The call is evaluated once, after the last error is set to the sentinel. */
#define expect_wsa(call, want_ret, want_err)                                                            \
    do {                                                                                                \
        WSASetLastError(SENTINEL);                                                                      \
        long long r_ = (long long)(call);                                                               \
        int e_ = WSAGetLastError();                                                                     \
        long long w_ = (long long)(want_ret);                                                           \
        ok(r_ == w_ && e_ == (int)(want_err), "%s: returned %lld (want %lld), error %s (want %s)", #call, \
           r_, w_, wt_name(e_), wt_name((int)(want_err)));                                              \
    } while (0)
#define expect_ok(call) expect_wsa(call, 0, 0)

/* Win32 codes by name (w32errors.def, the one list). */
static __inline const char *wt_w32_name(DWORD code)
{
    static char bufs[2][32];
    static int turn;
    char *buf = bufs[turn++ & 1]; /* two in one message */
    switch (code) {
    case 0xdeadbeefu:
        return "0xdeadbeef (unchanged)";
#define WS2P_W32ERR(name, value, text) \
    case (DWORD)(value):               \
        return #name;
#include "w32errors.def"
#undef WS2P_W32ERR
    }
    snprintf(buf, sizeof bufs[0], "%lu", (unsigned long)code);
    return buf;
}

#define W32_SENTINEL 0xdeadbeefu
#ifndef SIO_IDEAL_SEND_BACKLOG_QUERY /* in the Windows SDK's ws2def.h, not in MinGW's */
#define SIO_IDEAL_SEND_BACKLOG_QUERY 0x4004747B
#endif
#ifndef ERROR_NO_WORK_DONE /* in the Windows SDK, not in MinGW's winerror.h */
#define ERROR_NO_WORK_DONE 235
#endif

/* Win32 calls: the same idiom with GetLastError().  expect_w32(call,
 * want_ret, want_err): returns want_ret with GetLastError() == want_err, or
 * unchanged when want_err is W32_SENTINEL (most Win32 functions leave the
 * last error alone when they succeed). */
#define expect_w32(call, want_ret, want_err)                                                          \
    do {                                                                                              \
        SetLastError(W32_SENTINEL);                                                                   \
        unsigned long long r_ = (unsigned long long)(call);                                           \
        DWORD e_ = GetLastError();                                                                    \
        ok(r_ == (unsigned long long)(want_ret) && e_ == (DWORD)(want_err),                           \
           "%s: returned %#llx (want %#llx), last error %s (want %s)", #call, r_,                      \
           (unsigned long long)(want_ret), wt_w32_name(e_), wt_w32_name((DWORD)(want_err)));          \
    } while (0)
#define expect_fail(call, want_err) expect_wsa(call, SOCKET_ERROR, want_err)


typedef void (*wt_fn)(void);
struct wt_case {
    const char *name;
    wt_fn fn;
};
#define WT_CASE(name) static void name(void)

static DWORD WINAPI wt_watchdog(LPVOID arg)
{
    Sleep((DWORD)(size_t)arg * 1000);
    fprintf(stderr, "[%s] TIMEOUT after %u s\n", wt_current, (unsigned)(size_t)arg);
    fflush(stderr);
    exit(3);
    return 0;
}

static int wt_run(const char *prog, const struct wt_case *cases, int n)
{
    WSADATA wsa;
    (void)wsa;
    CreateThread(NULL, 0, wt_watchdog, (LPVOID)(size_t)60, 0, NULL);
    int passed = 0, failed = 0;
    for (int i = 0; i < n; i++) {
        int before = wt_failed;
        wt_current = cases[i].name;
#ifndef WT_NO_STARTUP
        if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
            fprintf(stderr, "%s: WSAStartup failed\n", cases[i].name);
            return 2;
        }
#endif
        cases[i].fn();
#ifndef WT_NO_STARTUP
        WSACleanup();
#endif
        if (wt_failed == before)
            passed++;
        else
            failed++;
        printf("%s %s\n", wt_failed == before ? "PASS" : "FAIL", cases[i].name);
    }
    printf("%s: %d checks; %d passed, %d failed\n", prog, wt_checked, passed, failed);
    return failed ? 1 : 0;
}
#define WT_MAIN(...)                                                                      \
    int main(void)                                                                        \
    {                                                                                     \
        static const wt_fn fns_[] = {__VA_ARGS__};                                        \
        static const char names_[] = #__VA_ARGS__;                                        \
        struct wt_case cases_[sizeof fns_ / sizeof fns_[0]];                              \
        char buf_[sizeof names_], *p_ = buf_;                                             \
        memcpy(buf_, names_, sizeof names_);                                              \
        for (size_t i_ = 0; i_ < sizeof fns_ / sizeof fns_[0]; i_++) {                    \
            while (*p_ == ' ' || *p_ == ',')                                              \
                p_++;                                                                     \
            cases_[i_].name = p_;                                                         \
            while (*p_ && *p_ != ',')                                                     \
                p_++;                                                                     \
            if (*p_)                                                                      \
                *p_++ = 0;                                                                \
            cases_[i_].fn = fns_[i_];                                                     \
        }                                                                                 \
        setvbuf(stdout, NULL, _IONBF, 0);                                                 \
        return wt_run(__FILE__, cases_, (int)(sizeof fns_ / sizeof fns_[0]));             \
    }

/* ---- loopback helpers ---------------------------------------------------- */
/* Descriptors the process has open (/proc/self/fd), for leak checks;
 * -1 where there is no such count (Windows). */
static __inline int wt_open_descriptors(void)
{
#ifdef __WS2POSIX__
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA("/proc/self/fd/*", &fd);
    int n = 0;
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    do
        n += fd.cFileName[0] != '.';
    while (FindNextFileA(h, &fd));
    FindClose(h);
    return n - 1; /* the search's own */
#else
    return -1;
#endif
}

/* The descriptor count once it is back to want, or after a second what it
 * is then: a library thread may hold one for a moment (naming itself opens
 * /proc/self/task/N/comm), a leak stays. */
static __inline int wt_descriptors_back_to(int want)
{
    int n = wt_open_descriptors(), i;
    for (i = 0; i < 100 && n != want; i++) {
        Sleep(10);
        n = wt_open_descriptors();
    }
    return n;
}

/* OVERLAPPED.Internal of an operation that may complete meanwhile: the engine
 * thread stores it atomically, so a check while it can still change reads it
 * atomically too (what HasOverlappedIoCompleted's plain read would be to TSan:
 * a race the kernel's causality, a connect the test makes next, does not order). */
static __inline ULONG_PTR wt_internal(const OVERLAPPED *ov)
{
    return __atomic_load_n(&ov->Internal, __ATOMIC_ACQUIRE);
}

static __inline struct sockaddr_in wt_loopback(u_short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

/* A listening TCP socket on 127.0.0.1 with an ephemeral port; *addr gets it. */
static __inline SOCKET wt_listener(struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int len = sizeof *addr;
    *addr = wt_loopback(0);
    ok(s != INVALID_SOCKET, "socket: %s", wt_name(WSAGetLastError()));
    ok(bind(s, (struct sockaddr *)addr, sizeof *addr) == 0, "bind: %s", wt_name(WSAGetLastError()));
    ok(listen(s, SOMAXCONN) == 0, "listen: %s", wt_name(WSAGetLastError()));
    ok(getsockname(s, (struct sockaddr *)addr, &len) == 0, "getsockname: %s", wt_name(WSAGetLastError()));
    return s;
}

/* A loopback address with nothing listening on it. */
static __inline struct sockaddr_in wt_closed_port(void)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a);
    closesocket(l);
    return a;
}

/* A server that starts listening on ll->a 300 ms after the thread starts
 * (CreateThread(NULL, 0, wt_listen_later_thread, &ll, 0, NULL)); ll->l is
 * its listener. */
struct wt_listen_later {
    struct sockaddr_in a;
    SOCKET l;
};
static __inline DWORD WINAPI wt_listen_later_thread(LPVOID arg)
{
    struct wt_listen_later *ll = (struct wt_listen_later *)arg;
    Sleep(300);
    ll->l = socket(AF_INET, SOCK_STREAM, 0);
    ok(bind(ll->l, (struct sockaddr *)&ll->a, sizeof ll->a) == 0, "bind: %s", wt_name(WSAGetLastError()));
    ok(listen(ll->l, 5) == 0, "listen: %s", wt_name(WSAGetLastError()));
    return 0;
}

/* A connected TCP pair over loopback: *client and *server. */
static __inline void wt_tcp_pair(SOCKET *client, SOCKET *server)
{
    struct sockaddr_in addr;
    SOCKET l = wt_listener(&addr);
    *client = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(connect(*client, (struct sockaddr *)&addr, sizeof addr) == 0, "connect: %s", wt_name(WSAGetLastError()));
    *server = accept(l, NULL, NULL);
    ok(*server != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    closesocket(l);
}

/* A UDP socket bound to 127.0.0.1 with an ephemeral port; *addr gets it. */
static __inline SOCKET wt_udp(struct sockaddr_in *addr)
{
    SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    int len = sizeof *addr;
    *addr = wt_loopback(0);
    ok(bind(s, (struct sockaddr *)addr, sizeof *addr) == 0, "bind: %s", wt_name(WSAGetLastError()));
    ok(getsockname(s, (struct sockaddr *)addr, &len) == 0, "getsockname: %s", wt_name(WSAGetLastError()));
    return s;
}
static __inline void wt_nonblocking(SOCKET s, u_long on)
{
    ok(ioctlsocket(s, FIONBIO, &on) == 0, "FIONBIO: %s", wt_name(WSAGetLastError()));
}

/* A refused connect on s fails at the first reset instead of after the
 * SYN retries Windows makes (test/connect_retry.c pins those): for cases
 * about what a refusal reports, not when.  SIO_TCP_INITIAL_RTO with
 * TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS, before the connect. */
static __inline void wt_refuse_at_once(SOCKET s)
{
    TCP_INITIAL_RTO_PARAMETERS p;
    DWORD bytes = 0;
    p.Rtt = TCP_INITIAL_RTO_UNSPECIFIED_RTT;
    p.MaxSynRetransmissions = TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS;
    ok(WSAIoctl(s, _WSAIOW(IOC_VENDOR, 17) /* SIO_TCP_INITIAL_RTO */, &p, sizeof p, NULL, 0, &bytes, NULL, NULL) == 0,
       "SIO_TCP_INITIAL_RTO: %s", wt_name(WSAGetLastError()));
}

/* Wait (at most 2 s) until s is readable: select's result. */
static __inline int wt_wait_readable(SOCKET s)
{
    fd_set r;
    struct timeval tv = {2, 0};
    FD_ZERO(&r);
    FD_SET(s, &r);
    return select(0, &r, NULL, NULL, &tv);
}

/* select for one socket put in all three sets: which it is in (read 1,
 * write 2, except 4), or -1 if select failed. */
static __inline int wt_select_one(SOCKET s, long ms)
{
    fd_set r, w, e;
    struct timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(s, &r);
    FD_SET(s, &w);
    FD_SET(s, &e);
    if (select(0, &r, &w, &e, &tv) == SOCKET_ERROR)
        return -1;
    return (FD_ISSET(s, &r) ? 1 : 0) | (FD_ISSET(s, &w) ? 2 : 0) | (FD_ISSET(s, &e) ? 4 : 0);
}

/* Abortive close: SO_LINGER {1, 0} then closesocket sends a reset. */
static __inline void wt_reset_close(SOCKET s)
{
    struct linger l = {1, 0};
    ok(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l) == 0, "SO_LINGER: %s",
       wt_name(WSAGetLastError()));
    closesocket(s);
}

/* CPU milliseconds (kernel + user) the calling thread has used. */
static __inline double wt_thread_cpu_ms(void)
{
    FILETIME c, e, k, u;
    if (!GetThreadTimes(GetCurrentThread(), &c, &e, &k, &u))
        return -1;
    unsigned long long t = ((unsigned long long)k.dwHighDateTime << 32 | k.dwLowDateTime) +
                           ((unsigned long long)u.dwHighDateTime << 32 | u.dwLowDateTime);
    return (double)t / 10000.0;
}

/* Something another thread does to s after ms: close it, or send a byte. */
struct wt_later {
    SOCKET s;
    DWORD ms;
    int close;
};
static __inline DWORD WINAPI wt_later_thread(LPVOID arg)
{
    struct wt_later *l = (struct wt_later *)arg;
    Sleep(l->ms);
    if (l->close)
        closesocket(l->s);
    else
        send(l->s, "x", 1, 0);
    return 0;
}
#endif
