/* Deterministic fault injection (WS2POSIX_FAULTS, src/core/fault.c): a
 * Winsock program's error paths driven without pulling a cable.  ctest runs
 * this program once per case, naming the case as the argument (none: the
 * first) and setting
 * the schedule the case relies on (test/CMakeLists.txt); each asserts the
 * Windows error the program sees, that the call after the injected failure
 * works again, and that no descriptor leaks (a new socket gets the lowest
 * one back).  Without ws2posix (no __WS2POSIX__) there is nothing to inject
 * and the program only says so. */
#include "wstest.h"
#ifndef SIO_UDP_CONNRESET /* older MinGW headers */
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif

/* The lowest free descriptor, as a socket value: taken and given back. */
static SOCKET lowest_socket(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(s != INVALID_SOCKET, "socket: %s", wt_name(WSAGetLastError()));
    closesocket(s);
    return s;
}

/* Read exactly n bytes from s (at most 2 s). */
static void recv_exactly(SOCKET s, char *buf, int n)
{
    int got = 0;
    while (got < n && wt_wait_readable(s) == 1) {
        int r = recv(s, buf + got, n - got, 0);
        if (r <= 0)
            break;
        got += r;
    }
    ok(got == n, "received %d bytes of %d", got, n);
}

/* socket:2=EMFILE, accept:1=EMFILE, bind:2=WSAEADDRINUSE, listen:2=ENOBUFS,
 * connect:1=WSAECONNREFUSED */
WT_CASE(sockets)
{
    SOCKET low = lowest_socket(); /* socket #1 */
    WSASetLastError(SENTINEL);
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP); /* #2 */
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEMFILE, "socket #2: %lu, %s", (unsigned long)s,
       wt_name(WSAGetLastError()));

    struct sockaddr_in a, any = wt_loopback(0);
    SOCKET l = wt_listener(&a); /* socket #3, bind #1, listen #1 */
    SOCKET b = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_fail(bind(b, (struct sockaddr *)&any, sizeof any), WSAEADDRINUSE); /* bind #2 */
    expect_ok(bind(b, (struct sockaddr *)&any, sizeof any));
    expect_fail(listen(b, 5), WSAENOBUFS); /* listen #2 */
    expect_ok(listen(b, 5));
    closesocket(b);

    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAECONNREFUSED); /* connect #1 */
    closesocket(c);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_ok(connect(c, (struct sockaddr *)&a, sizeof a));

    /* The connection waits in the backlog for the next accept. */
    WSASetLastError(SENTINEL);
    SOCKET t = accept(l, NULL, NULL); /* accept #1 */
    ok(t == INVALID_SOCKET && WSAGetLastError() == WSAEMFILE, "accept #1: %lu, %s", (unsigned long)t,
       wt_name(WSAGetLastError()));
    t = accept(l, NULL, NULL);
    ok(t != INVALID_SOCKET, "accept #2: %s", wt_name(WSAGetLastError()));
    char ch = 0;
    ok(send(c, "z", 1, 0) == 1, "send: %s", wt_name(WSAGetLastError()));
    recv_exactly(t, &ch, 1);
    ok(ch == 'z', "received %#x", ch);
    closesocket(t);
    closesocket(c);
    closesocket(l);
    ok(lowest_socket() == low, "a descriptor leaked");
}

/* The line a trace file (WS2POSIX_TRACE, set for this case) has for s. */
static int trace_has(const char *s)
{
    static char buf[65536];
    const char *path = getenv("WS2POSIX_TRACE");
    FILE *f = path ? fopen(path, "rb") : NULL;
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = 0;
    return strstr(buf, s) != NULL;
}

/* send:2=ENOBUFS, send:4=WSAEWOULDBLOCK */
WT_CASE(sends)
{
    SOCKET low = lowest_socket(), c, s;
    char buf[8] = {0};
    const char *trace = getenv("WS2POSIX_TRACE");
    FILE *f = trace ? fopen(trace, "wb") : NULL; /* emptied: only this run's lines */
    if (f)
        fclose(f);
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "a", 1, 0), 1, 0);
    expect_fail(send(c, "b", 1, 0), WSAENOBUFS); /* send #2: nothing of it goes */
    expect_wsa(send(c, "c", 1, 0), 1, 0);
    recv_exactly(s, buf, 2);
    ok(!memcmp(buf, "ac", 2), "received %.2s", buf);

    /* WSAEWOULDBLOCK re-enables FD_WRITE, as a full buffer's would: the
     * event is recorded again once there is room (here at once). */
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    wt_nonblocking(c, 1);
    expect_ok(WSAEventSelect(c, ev, FD_WRITE));
    ok(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "no first FD_WRITE");
    expect_ok(WSAEnumNetworkEvents(c, ev, &ne));
    ok(ne.lNetworkEvents == FD_WRITE, "events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(WaitForSingleObject(ev, 100) == WAIT_TIMEOUT, "FD_WRITE recorded twice");
    expect_fail(send(c, "d", 1, 0), WSAEWOULDBLOCK); /* send #4 */
    ok(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "FD_WRITE not recorded again");
    expect_ok(WSAEnumNetworkEvents(c, ev, &ne));
    ok(ne.lNetworkEvents == FD_WRITE, "events %#lx", (unsigned long)ne.lNetworkEvents);
    expect_ok(WSAEventSelect(c, NULL, 0));
    WSACloseEvent(ev);
    expect_wsa(send(c, "e", 1, 0), 1, 0);
    recv_exactly(s, buf, 1);
    ok(buf[0] == 'e', "received %c", buf[0]);
#ifdef __WS2POSIX__
    ok(trace_has("WS2POSIX_FAULTS(send #2) = -1 [send: ENOBUFS]"), "no trace line for the injected failure (ctest sets WS2POSIX_TRACE)");
    ok(trace_has(") = -1 WSAENOBUFS [sendmsg: ENOBUFS]"), "no trace line for send #2");
#else
    (void)trace_has;
#endif
    closesocket(c);
    closesocket(s);
    ok(lowest_socket() == low, "a descriptor leaked");
}

/* recv:2=ECONNRESET: the connection is reset for real, the peer sees it. */
WT_CASE(receives)
{
    SOCKET low = lowest_socket(), c, s;
    char buf[4] = {0};
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, "xy", 2, 0), 2, 0);
    recv_exactly(s, buf, 1); /* recv #1 */
    ok(buf[0] == 'x', "received %c", buf[0]);
    expect_fail(recv(s, buf, 1, 0), WSAECONNRESET); /* recv #2 */
    expect_fail(recv(s, buf, 1, 0), WSAECONNRESET); /* and from then on */
    expect_fail(send(s, "q", 1, 0), WSAECONNRESET);
    ok(wt_wait_readable(c) == 1, "the peer is not told");
    expect_fail(recv(c, buf, sizeof buf, 0), WSAECONNRESET);
    closesocket(c);
    closesocket(s);
    ok(lowest_socket() == low, "a descriptor leaked");
}

/* alloc:*=ENOMEM: every allocation of the engine fails; the calls that
 * need one say WSAENOBUFS, the plain paths need none. */
WT_CASE(allocations)
{
    SOCKET low = lowest_socket();
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in any = wt_loopback(0), me;
    int len = sizeof me;
    char buf[8] = {0};
    ok(u != INVALID_SOCKET, "socket: %s", wt_name(WSAGetLastError()));
    expect_fail(bind(u, (struct sockaddr *)&any, sizeof any), WSAENOBUFS);
    WSAEVENT ev = WSACreateEvent();
    expect_fail(WSAEventSelect(u, ev, FD_READ), WSAENOBUFS);
    WSACloseEvent(ev);

    /* A sendto binds the socket implicitly; it then talks to itself (the
     * port unreachable of the first datagram not reported). */
    BOOL off = FALSE;
    DWORD bytes;
    expect_ok(WSAIoctl(u, SIO_UDP_CONNRESET, &off, sizeof off, NULL, 0, &bytes, NULL, NULL));
    me = wt_loopback(9);
    expect_wsa(sendto(u, "p", 1, 0, (struct sockaddr *)&me, sizeof me), 1, 0);
    expect_ok(getsockname(u, (struct sockaddr *)&me, &len));
    me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect_wsa(sendto(u, "k", 1, 0, (struct sockaddr *)&me, sizeof me), 1, 0);
    ok(wt_wait_readable(u) == 1, "nothing came back");
    expect_wsa(recv(u, buf, sizeof buf, 0), 1, 0);
    ok(buf[0] == 'k', "received %c", buf[0]);

    WSAOVERLAPPED ov;
    WSABUF wb = {sizeof buf, buf};
    DWORD got = 0, flags = 0;
    memset(&ov, 0, sizeof ov);
    expect_fail(WSARecv(u, &wb, 1, &got, &flags, &ov, NULL), WSAENOBUFS);
    closesocket(u);
    ok(lowest_socket() == low, "a descriptor leaked");
}

int main(int argc, char **argv)
{
    static const struct wt_case cases[] = {
        {"sockets", sockets}, {"sends", sends}, {"receives", receives}, {"allocations", allocations}};
    setvbuf(stdout, NULL, _IONBF, 0);
#ifdef __WS2POSIX__
    if (!getenv("WS2POSIX_FAULTS")) {
        fprintf(stderr, "%s: run by ctest, which sets WS2POSIX_FAULTS\n", argv[0]);
        return 2;
    }
#else
    if (!getenv("WS2POSIX_FAULTS")) {
        printf("%s: nothing to inject without ws2posix\n", argv[0]);
        return 0;
    }
#endif
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (argc < 2 || !strcmp(argv[1], cases[i].name))
            return wt_run(__FILE__, &cases[i], 1);
    fprintf(stderr, "%s: no case %s\n", argv[0], argv[1]);
    return 2;
}
