/* connect() results that loopback cannot show: timeouts, an unreachable
 * network, an exhausted ephemeral port range, a blocked connect woken by
 * closesocket.  A Winsock program like the others; run.sh runs each case
 * inside a network namespace it creates (192.0.2.2 is black-holed, there is
 * no route to 198.51.100.0/24, and only ports 40000-40001 are ephemeral). */
#include "wtext.h"
#ifndef TCP_MAXRT /* older MinGW headers */
#define TCP_MAXRT 5
#endif
#ifndef TCP_MAXRTMS
#define TCP_MAXRTMS 14
#endif

static struct sockaddr_in addr(const char *ip, u_short port)
{
    struct sockaddr_in a = wt_loopback(port);
    a.sin_addr.s_addr = inet_addr(ip);
    return a;
}

/* Connect to the black hole; the elapsed milliseconds. */
static DWORD timed_connect(SOCKET s, int want_err)
{
    struct sockaddr_in a = addr("192.0.2.2", 80);
    DWORD start = GetTickCount();
    expect_fail(connect(s, (struct sockaddr *)&a, sizeof a), want_err);
    return GetTickCount() - start;
}

WT_CASE(maxrtms_times_out)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    DWORD ms = 1500, got = 0;
    int len = sizeof got;
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_MAXRTMS, (char *)&ms, sizeof ms));
    expect_ok(getsockopt(s, IPPROTO_TCP, TCP_MAXRTMS, (char *)&got, &len));
    ok(got == 1500, "TCP_MAXRTMS %lu", (unsigned long)got);
    DWORD took = timed_connect(s, WSAETIMEDOUT);
    ok(took >= 1200 && took < 6000, "timed out after %lu ms (want about 1500)", (unsigned long)took);
    closesocket(s);
}

WT_CASE(maxrt_seconds_times_out)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    DWORD sec = 1, got = 0;
    int len = sizeof got;
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_MAXRT, (char *)&sec, sizeof sec));
    expect_ok(getsockopt(s, IPPROTO_TCP, TCP_MAXRT, (char *)&got, &len));
    ok(got == 1, "TCP_MAXRT %lu", (unsigned long)got);
    DWORD took = timed_connect(s, WSAETIMEDOUT);
    ok(took >= 800 && took < 5000, "timed out after %lu ms (want about 1000)", (unsigned long)took);
    closesocket(s);
}

/* Windows gives up after about 21 s; ws2posix after 15 s (three SYN
 * retries: see docs/windows-vs-linux.md).  Linux alone would wait 127 s.
 * A blocking connect (on a thread) and a non-blocking one watched by
 * select, side by side: both give up the same way (ws2posix sets the count
 * only on connects that last, src/core/synwatch.c). */
static DWORD WINAPI blocking_default_timeout(LPVOID arg)
{
    SOCKET s = (SOCKET)(size_t)arg;
    DWORD took = timed_connect(s, WSAETIMEDOUT);
    ok(took >= 12000 && took < 27000, "blocking connect timed out after %lu ms (Windows: about 21 s)",
       (unsigned long)took);
    return 0;
}

WT_CASE(default_timeout)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), n = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    DWORD got = 0;
    int len = sizeof got;
    expect_ok(getsockopt(s, IPPROTO_TCP, TCP_MAXRT, (char *)&got, &len));
    ok(got >= 15 && got <= 21, "default TCP_MAXRT %lu", (unsigned long)got);
    HANDLE t = CreateThread(NULL, 0, blocking_default_timeout, (LPVOID)(size_t)s, 0, NULL);

    struct sockaddr_in a = addr("192.0.2.2", 80);
    u_long one = 1;
    expect_ok(ioctlsocket(n, FIONBIO, &one));
    DWORD start = GetTickCount();
    expect_fail(connect(n, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    fd_set w, x;
    FD_ZERO(&w);
    FD_ZERO(&x);
    FD_SET(n, &w);
    FD_SET(n, &x);
    struct timeval tv = {40, 0};
    ok(select(0, NULL, &w, &x, &tv) == 1, "select reports the failed connect");
    DWORD took = GetTickCount() - start;
    ok(FD_ISSET(n, &x) && !FD_ISSET(n, &w), "failure is exceptional, not writable");
    ok(took >= 12000 && took < 27000, "non-blocking connect failed after %lu ms (Windows: about 21 s)",
       (unsigned long)took);
    int err = 0;
    len = sizeof err;
    expect_ok(getsockopt(n, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAETIMEDOUT, "SO_ERROR %d", err);
    ok(WaitForSingleObject(t, 30000) == WAIT_OBJECT_0, "blocking connect returned");
    CloseHandle(t);
    closesocket(n);
    closesocket(s);
}

WT_CASE(network_unreachable)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in a = addr("198.51.100.1", 80);
    expect_fail(connect(s, (struct sockaddr *)&a, sizeof a), WSAENETUNREACH);
    closesocket(s);
}

WT_CASE(no_ephemeral_port_left)
{
    struct sockaddr_in a = wt_loopback(5000);
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), c[3];
    ok(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 5) == 0, "listener: %s",
       wt_name(WSAGetLastError()));
    for (int i = 0; i < 3; i++)
        c[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_ok(connect(c[0], (struct sockaddr *)&a, sizeof a));
    expect_ok(connect(c[1], (struct sockaddr *)&a, sizeof a));
    expect_fail(connect(c[2], (struct sockaddr *)&a, sizeof a), WSAEADDRINUSE); /* Linux: EADDRNOTAVAIL */
    for (int i = 0; i < 3; i++)
        closesocket(c[i]);
    closesocket(l);
}

static DWORD WINAPI close_later(LPVOID arg)
{
    Sleep(300);
    closesocket((SOCKET)(size_t)arg);
    return 0;
}

WT_CASE(close_wakes_blocked_connect)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    HANDLE t = CreateThread(NULL, 0, close_later, (LPVOID)(size_t)s, 0, NULL);
    DWORD took = timed_connect(s, WSAEINTR);
    ok(took < 5000, "woken after %lu ms", (unsigned long)took);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
}

/* A ConnectEx nobody answers: the completion fails with STATUS_IO_TIMEOUT,
 * ERROR_SEM_TIMEOUT for GetOverlappedResult, WSAETIMEDOUT for
 * WSAGetOverlappedResult. */
WT_CASE(connectex_times_out)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in any = addr("0.0.0.0", 0), a = addr("192.0.2.2", 80);
    GUID g = WSAID_CONNECTEX;
    LPFN_CONNECTEX pConnectEx = (LPFN_CONNECTEX)wt_ext(s, g);
    DWORD ms = 1500, n, flags;
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_MAXRTMS, (char *)&ms, sizeof ms));
    expect_ok(bind(s, (struct sockaddr *)&any, sizeof any));
    DWORD start = GetTickCount();
    expect_wsa(pConnectEx(s, (struct sockaddr *)&a, sizeof a, NULL, 0, &n, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 10000) == WAIT_OBJECT_0, "completed");
    DWORD took = GetTickCount() - start;
    ok(took >= 1200 && took < 6000, "timed out after %lu ms (want about 1500)", (unsigned long)took);
    struct ovres r = wt_result(s, &ov);
    ok(!r.ret && r.err == ERROR_SEM_TIMEOUT, "GetOverlappedResult: %d %lu", r.ret, (unsigned long)r.err);
    expect_wsa(WSAGetOverlappedResult(s, &ov, &n, FALSE, &flags), FALSE, WSAETIMEDOUT);
    CloseHandle(ov.hEvent);
    closesocket(s);
}

/* A socket whose non-blocking connect is still in progress (sock.c
 * test_connecting_socket): a second connect is WSAEALREADY; getsockname
 * has the local address and getpeername the one being connected to
 * (Linux says ENOTCONN); recv and send fail WSAENOTCONN (Linux: EAGAIN). */
WT_CASE(connecting_socket_state)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    struct sockaddr_in any = addr("0.0.0.0", 0), to = addr("192.0.2.2", 255), a;
    u_long one = 1;
    int len;
    char buf[4];
    expect_ok(ioctlsocket(s, FIONBIO, &one));
    expect_ok(bind(s, (struct sockaddr *)&any, sizeof any));
    expect_fail(connect(s, (struct sockaddr *)&to, sizeof to), WSAEWOULDBLOCK);
    expect_fail(connect(s, (struct sockaddr *)&to, sizeof to), WSAEALREADY);
    len = sizeof a;
    expect_ok(getsockname(s, (struct sockaddr *)&a, &len));
    ok(a.sin_family == AF_INET && a.sin_port != 0, "local address family %u port %u", a.sin_family, ntohs(a.sin_port));
    len = sizeof a;
    memset(&a, 0, sizeof a);
    expect_ok(getpeername(s, (struct sockaddr *)&a, &len));
    ok(len == sizeof a && a.sin_addr.s_addr == to.sin_addr.s_addr && a.sin_port == to.sin_port, "peer %s:%u",
       inet_ntoa(a.sin_addr), ntohs(a.sin_port));
    expect_fail(recv(s, buf, sizeof buf, 0), WSAENOTCONN);
    expect_fail(send(s, "data", 5, 0), WSAENOTCONN);
    closesocket(s);
}

int main(int argc, char **argv)
{
    static const struct wt_case cases[] = {
        {"maxrtms_times_out", maxrtms_times_out},
        {"maxrt_seconds_times_out", maxrt_seconds_times_out},
        {"default_timeout", default_timeout},
        {"network_unreachable", network_unreachable},
        {"no_ephemeral_port_left", no_ephemeral_port_left},
        {"close_wakes_blocked_connect", close_wakes_blocked_connect},
        {"connectex_times_out", connectex_times_out},
        {"connecting_socket_state", connecting_socket_state},
    };
    setvbuf(stdout, NULL, _IONBF, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (argc > 1 && !strcmp(argv[1], cases[i].name))
            return wt_run(argv[0], &cases[i], 1);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        printf("%s\n", cases[i].name);
    return argc > 1 ? 2 : 0;
}
