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

/* send:after=2KiB=ENOBUFS, recv:after=1KiB=WSAECONNRESET: byte-counted
 * rules.  The stream transfer that would go past the limit is cut there,
 * exactly the limit passes, and every later call at the site fails. */
WT_CASE(bytes)
{
    SOCKET low = lowest_socket(), c, s;
    static char out[2600], in[4096];
    for (int i = 0; i < (int)sizeof out; i++)
        out[i] = (char)('a' + i % 26);
    wt_tcp_pair(&c, &s);
    expect_wsa(send(c, out, 1500, 0), 1500, 0);
    /* 548 of these 1,000 reach the limit and go; the rest fails. */
    expect_fail(send(c, out + 1500, 1000, 0), WSAENOBUFS);
    expect_fail(send(c, "x", 1, 0), WSAENOBUFS);
    int got = 0, r;
    while (got < (int)sizeof in && wt_wait_readable(s) == 1 && (r = recv(s, in + got, (int)sizeof in - got, 0)) > 0)
        got += r;
    ok(got == 1024, "received %d bytes before the reset (want 1024)", got);
    ok(!memcmp(in, out, 1024), "received other bytes");
    expect_fail(recv(s, in, 1, 0), WSAECONNRESET);
    /* The reset is real: the peer is told (what it reads is the site's). */
    ok(wt_wait_readable(c) == 1, "the peer is not told");
    closesocket(c);
    closesocket(s);
    ok(lowest_socket() == low, "a descriptor leaked");
}

/* Wait for an overlapped operation; its result and last error. */
static BOOL ov_result(SOCKET s, WSAOVERLAPPED *ov, int started, DWORD *bytes)
{
    DWORD flags = 0;
    if (started == SOCKET_ERROR) {
        ok(WSAGetLastError() == WSA_IO_PENDING, "not pending: %s", wt_name(WSAGetLastError()));
        ok(WaitForSingleObject(ov->hEvent, 2000) == WAIT_OBJECT_0, "no completion");
    }
    WSASetLastError(SENTINEL);
    return WSAGetOverlappedResult(s, ov, bytes, FALSE, &flags);
}

/* recv:2=WSAECONNRESET, send:after=1KiB=ENOBUFS: overlapped operations
 * meet the same sites; an injected failure completes the operation (it is
 * pending first), as a reset that comes while it waits would. */
WT_CASE(overlapped)
{
    SOCKET c, s;
    static char big[1100];
    char buf[4] = {0};
    WSAOVERLAPPED ov;
    WSABUF wb;
    DWORD n = 0, flags = 0;
    wt_tcp_pair(&c, &s);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = WSACreateEvent();

    expect_wsa(send(c, "ab", 2, 0), 2, 0); /* 2 bytes through the send site */
    wb.len = 2;
    wb.buf = buf;
    int r = WSARecv(s, &wb, 1, &n, &flags, &ov, NULL); /* recv #1 */
    ok(ov_result(s, &ov, r, &n) && n == 2 && !memcmp(buf, "ab", 2), "recv #1: %lu bytes, %s",
       (unsigned long)n, wt_name(WSAGetLastError()));
    int open = wt_open_descriptors(); /* the engine's are open now */

    /* Below the limit when it starts: it goes whole (not cut). */
    WSAResetEvent(ov.hEvent);
    wb.len = sizeof big;
    wb.buf = big;
    r = WSASend(c, &wb, 1, &n, 0, &ov, NULL);
    ok(ov_result(c, &ov, r, &n) && n == sizeof big, "send of %u: %lu bytes, %s", (unsigned)sizeof big,
       (unsigned long)n, wt_name(WSAGetLastError()));
    WSAResetEvent(ov.hEvent);
    wb.len = 1;
    r = WSASend(c, &wb, 1, &n, 0, &ov, NULL);
    ok(r == SOCKET_ERROR && !ov_result(c, &ov, r, &n) && WSAGetLastError() == WSAENOBUFS,
       "send past the limit: %d, %s", r, wt_name(WSAGetLastError()));

    WSAResetEvent(ov.hEvent);
    wb.len = sizeof buf;
    wb.buf = buf;
    flags = 0;
    r = WSARecv(s, &wb, 1, &n, &flags, &ov, NULL); /* recv #2 */
    ok(r == SOCKET_ERROR && !ov_result(s, &ov, r, &n) && WSAGetLastError() == WSAECONNRESET,
       "recv #2: %d, %s", r, wt_name(WSAGetLastError()));
    expect_fail(recv(s, buf, 1, 0), WSAECONNRESET); /* and from then on */
    ok(wt_wait_readable(c) == 1, "the peer is not told");
    expect_fail(recv(c, buf, 1, 0), WSAECONNRESET); /* recv #4: the real reset */
    closesocket(c);
    closesocket(s);
    ok(wt_open_descriptors() == (open < 0 ? -1 : open - 2), "descriptors: %d, then %d", open, wt_open_descriptors());
    WSACloseEvent(ov.hEvent);
}

/* getaddrinfo:1=WSAHOST_NOT_FOUND, getaddrinfo:2=WSAEAI_AGAIN,
 * getaddrinfo:3=EAI_FAIL, getaddrinfo:4-5=WSANO_DATA: the resolver's entry
 * points fail as a lookup would, with the code Windows returns; a call
 * refused for its arguments does not reach the site. */
WT_CASE(lookups)
{
    struct addrinfo hints, *ai = NULL;
    ADDRINFOW *aiw = NULL;
    unsigned long lo = htonl(INADDR_LOOPBACK);
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = 999;
    expect_wsa(getaddrinfo("127.0.0.1", "80", &hints, &ai), WSAESOCKTNOSUPPORT, WSAESOCKTNOSUPPORT);
    hints.ai_socktype = SOCK_STREAM;
    expect_wsa(getaddrinfo("127.0.0.1", "80", &hints, &ai), WSAHOST_NOT_FOUND, WSAHOST_NOT_FOUND); /* #1 */
    ok(ai == NULL, "a result with the failure");
    expect_wsa(GetAddrInfoW(L"localhost", L"80", NULL, &aiw), WSATRY_AGAIN, WSATRY_AGAIN); /* #2 */
    expect_wsa(gethostbyname("localhost"), 0, WSANO_RECOVERY); /* #3 */
    expect_wsa(gethostbyaddr((const char *)&lo, 4, AF_INET), 0, WSANO_DATA); /* #4 */
    expect_wsa(getaddrinfo("localhost", NULL, &hints, &ai), WSANO_DATA, WSANO_DATA); /* #5 */
    expect_ok(getaddrinfo("127.0.0.1", "80", &hints, &ai)); /* #6 */
    ok(ai && ai->ai_family == AF_INET, "no result");
    if (ai)
        freeaddrinfo(ai);
}

/* connect:1=WSAECONNREFUSED, connect:2=WSAECONNREFUSED, connect:3=WSAETIMEDOUT:
 * a non-blocking connect is refused later, as Windows reports a refusal
 * (WSAEWOULDBLOCK, then select's except set and SO_ERROR, or FD_CONNECT
 * with the error); an error that cannot come later fails the call. */
WT_CASE(connects)
{
    SOCKET low = lowest_socket();
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a);
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    fd_set wr, ex;
    struct timeval tv = {2, 0};
    int err = 0, len = sizeof err;
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK); /* #1 */
    FD_ZERO(&wr);
    FD_ZERO(&ex);
    FD_SET(c, &wr);
    FD_SET(c, &ex);
    ok(select(0, NULL, &wr, &ex, &tv) == 1 && FD_ISSET(c, &ex) && !FD_ISSET(c, &wr), "select: refusal not reported");
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR %s", wt_name(err));
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    expect_ok(WSAEventSelect(c, ev, FD_CONNECT));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK); /* #2 */
    ok(WaitForSingleObject(ev, 2000) == WAIT_OBJECT_0, "no FD_CONNECT");
    expect_ok(WSAEnumNetworkEvents(c, ev, &ne));
    ok(ne.lNetworkEvents == FD_CONNECT && ne.iErrorCode[FD_CONNECT_BIT] == WSAECONNREFUSED, "events %#lx, error %s",
       (unsigned long)ne.lNetworkEvents, wt_name(ne.iErrorCode[FD_CONNECT_BIT]));
    closesocket(c);
    WSACloseEvent(ev);

    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAETIMEDOUT); /* #3 */
    closesocket(c);
    c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK); /* #4: through */
    FD_ZERO(&wr);
    FD_SET(c, &wr);
    ok(select(0, NULL, &wr, NULL, &tv) == 1 && FD_ISSET(c, &wr), "connect #4 did not complete");
    SOCKET t = accept(l, NULL, NULL);
    ok(t != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    closesocket(t);
    closesocket(c);
    closesocket(l);
    ok(lowest_socket() == low, "a descriptor leaked");
}

int main(int argc, char **argv)
{
    static const struct wt_case cases[] = {
        {"sockets", sockets},         {"sends", sends},   {"receives", receives}, {"allocations", allocations},
        {"bytes", bytes},             {"overlapped", overlapped}, {"lookups", lookups},   {"connects", connects}};
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
