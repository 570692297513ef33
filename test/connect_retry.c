/* A refused TCP connect as on Windows (KB 175523 "Winsock TCP Connection
 * Performance to Unused Ports"; Wine sock.c test_WSAPoll: on Windows 10 a
 * refused loopback connect "takes over 2 seconds" to be reported): a reset
 * answering the SYN does not fail the connect at once; the SYN goes again
 * after the base time-out until the maximum SYN retransmissions (2), so a
 * server that starts listening meanwhile gets the connection.
 * SIO_TCP_INITIAL_RTO sets the count per socket:
 * TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS fails at the first reset. */
#include "wstest.h"
#include <mstcpip.h>
#include <mswsock.h>
#ifndef SIO_TCP_INITIAL_RTO /* older MinGW headers */
#define SIO_TCP_INITIAL_RTO _WSAIOW(IOC_VENDOR, 17)
#endif

/* The bounds: Windows sends the SYN again twice, a time-out apart (1 s on
 * current Windows, 3 s on older), so the refusal comes after at least ~1 s,
 * and (loopback, current Windows) within a few seconds. */
#define NOT_BEFORE_MS 1000
#define WITHIN_MS 7000

static void no_retransmissions(SOCKET s)
{
    TCP_INITIAL_RTO_PARAMETERS p;
    DWORD bytes = 0xdeadbeef;
    p.Rtt = TCP_INITIAL_RTO_UNSPECIFIED_RTT;
    p.MaxSynRetransmissions = TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS;
    expect_ok(WSAIoctl(s, SIO_TCP_INITIAL_RTO, &p, sizeof p, NULL, 0, &bytes, NULL, NULL));
}

/* A blocking connect to the closed port in another thread. */
struct blocking_connect {
    struct sockaddr_in a;
    int ret, err;
    DWORD ms;
};
static DWORD WINAPI blocking_connect_thread(LPVOID arg)
{
    struct blocking_connect *b = (struct blocking_connect *)arg;
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    DWORD t0 = GetTickCount();
    b->ret = connect(c, (struct sockaddr *)&b->a, sizeof b->a);
    b->err = WSAGetLastError();
    b->ms = GetTickCount() - t0;
    closesocket(c);
    return 0;
}

static LPFN_CONNECTEX connectex(SOCKET s);
static SOCKET bound_socket(void);

/* Every way of waiting for a connect, all at once (the retries take ~2 s):
 * select, WSAPoll, WSAEventSelect, a blocking connect and ConnectEx. */
WT_CASE(refusal_waits_for_the_retries)
{
    struct sockaddr_in a = wt_closed_port();
    SOCKET cs = socket(AF_INET, SOCK_STREAM, 0), cp = socket(AF_INET, SOCK_STREAM, 0);
    SOCKET ce = socket(AF_INET, SOCK_STREAM, 0), cx = bound_socket();
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    WSAPOLLFD p;
    OVERLAPPED ov;
    DWORD bytes = 0, ms;
    struct blocking_connect b;
    LPFN_CONNECTEX fn = connectex(cx);
    int err = -1, len = sizeof err;

    b.a = a;
    b.ret = 0;
    DWORD t0 = GetTickCount();
    HANDLE t = CreateThread(NULL, 0, blocking_connect_thread, &b, 0, NULL);
    wt_nonblocking(cs, 1);
    expect_fail(connect(cs, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    wt_nonblocking(cp, 1);
    expect_fail(connect(cp, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    expect_ok(WSAEventSelect(ce, ev, FD_CONNECT));
    expect_fail(connect(ce, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    expect_wsa(fn(cx, (struct sockaddr *)&a, sizeof a, NULL, 0, NULL, &ov), FALSE, ERROR_IO_PENDING);

    /* Still connecting while the SYN is sent again. */
    ok(wt_select_one(cs, 300) == 0, "select within 300 ms: nothing yet");
    expect_ok(getsockopt(cs, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == 0, "SO_ERROR while retrying: %s", wt_name(err));
    expect_fail(connect(cs, (struct sockaddr *)&a, sizeof a), WSAEALREADY);
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, 0, FALSE) == WSA_WAIT_TIMEOUT, "no FD_CONNECT yet");
    ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT, "ConnectEx still pending");

    /* select: exceptfds, SO_ERROR. */
    int sets = wt_select_one(cs, WITHIN_MS);
    ms = GetTickCount() - t0;
    ok(sets == 4, "select after the refusal: sets %d (want exceptfds only)", sets);
    ok(ms >= NOT_BEFORE_MS && ms < WITHIN_MS, "select: refused after %lu ms", (unsigned long)ms);
    expect_ok(getsockopt(cs, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR %s", wt_name(err));

    /* WSAPoll: POLLWRNORM|POLLHUP|POLLERR (sock.c test_WSAPoll). */
    p.fd = cp;
    p.events = POLLWRNORM;
    p.revents = 0;
    ok(WSAPoll(&p, 1, WITHIN_MS) == 1, "WSAPoll: %s", wt_name(WSAGetLastError()));
    ok(p.revents == (POLLWRNORM | POLLHUP | POLLERR), "revents %#x", p.revents);
    /* Nobody looked at it during the retries: they ran all the same. */
    ms = GetTickCount() - t0;
    ok(ms < 3500, "WSAPoll: refused after %lu ms (the retries' time had passed)", (unsigned long)ms);
    expect_ok(getsockopt(cp, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR %s", wt_name(err));

    /* WSAEventSelect: FD_CONNECT with the error. */
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, WITHIN_MS, FALSE) == WSA_WAIT_EVENT_0, "FD_CONNECT");
    expect_ok(WSAEnumNetworkEvents(ce, ev, &ne));
    ok(ne.lNetworkEvents == FD_CONNECT, "events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(ne.iErrorCode[FD_CONNECT_BIT] == WSAECONNREFUSED, "FD_CONNECT error %s",
       wt_name(ne.iErrorCode[FD_CONNECT_BIT]));

    /* ConnectEx: ERROR_CONNECTION_REFUSED. */
    ok(WaitForSingleObject(ov.hEvent, WITHIN_MS) == WAIT_OBJECT_0, "ConnectEx completed");
    ms = GetTickCount() - t0;
    ok(ms >= NOT_BEFORE_MS, "ConnectEx: completed after %lu ms", (unsigned long)ms);
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult((HANDLE)cx, &ov, &bytes, FALSE), "GetOverlappedResult fails");
    ok(GetLastError() == ERROR_CONNECTION_REFUSED, "error %lu", GetLastError());

    /* The blocking connect. */
    ok(WaitForSingleObject(t, WITHIN_MS) == WAIT_OBJECT_0, "blocking connect returned");
    ok(b.ret == SOCKET_ERROR && b.err == WSAECONNREFUSED, "blocking: %d %s", b.ret, wt_name(b.err));
    ok(b.ms >= 1500 && b.ms < WITHIN_MS, "blocking: refused after %lu ms", (unsigned long)b.ms);
    CloseHandle(t);

    closesocket(cs);
    closesocket(cp);
    closesocket(ce);
    closesocket(cx);
    WSACloseEvent(ev);
    CloseHandle(ov.hEvent);
}

WT_CASE(no_syn_retransmissions_refuses_at_once)
{
    struct sockaddr_in a = wt_closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    no_retransmissions(c);
    DWORD t0 = GetTickCount();
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAECONNREFUSED);
    DWORD ms = GetTickCount() - t0;
    ok(ms < 500, "blocking: refused after %lu ms", (unsigned long)ms);
    closesocket(c);

    c = socket(AF_INET, SOCK_STREAM, 0);
    no_retransmissions(c);
    wt_nonblocking(c, 1);
    t0 = GetTickCount();
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    ok(wt_select_one(c, 5000) == 4, "select: exceptfds");
    ms = GetTickCount() - t0;
    ok(ms < 500, "non-blocking: refused after %lu ms", (unsigned long)ms);
    closesocket(c);
}

/* One retransmission, 200 ms apart: refused after about 200 ms. */
WT_CASE(initial_rto_sets_count_and_interval)
{
    struct sockaddr_in a = wt_closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    TCP_INITIAL_RTO_PARAMETERS p;
    DWORD bytes;
    p.Rtt = 200;
    p.MaxSynRetransmissions = 1;
    expect_ok(WSAIoctl(c, SIO_TCP_INITIAL_RTO, &p, sizeof p, NULL, 0, &bytes, NULL, NULL));
    DWORD t0 = GetTickCount();
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAECONNREFUSED);
    DWORD ms = GetTickCount() - t0;
    ok(ms >= 150 && ms < 900, "refused after %lu ms", (unsigned long)ms);
    closesocket(c);
}

WT_CASE(initial_rto_input_checks)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    TCP_INITIAL_RTO_PARAMETERS p;
    DWORD bytes;
    memset(&p, 0, sizeof p);
    expect_fail(WSAIoctl(c, SIO_TCP_INITIAL_RTO, &p, 1, NULL, 0, &bytes, NULL, NULL), WSAEFAULT);
    expect_fail(WSAIoctl(c, SIO_TCP_INITIAL_RTO, NULL, sizeof p, NULL, 0, &bytes, NULL, NULL), WSAEFAULT);
    /* Both defaults: the system's settings. */
    expect_ok(WSAIoctl(c, SIO_TCP_INITIAL_RTO, &p, sizeof p, NULL, 0, &bytes, NULL, NULL));
    closesocket(c);
}

struct close_later {
    SOCKET s;
    DWORD ms;
};
static DWORD WINAPI close_later_thread(LPVOID arg)
{
    struct close_later *cl = (struct close_later *)arg;
    Sleep(cl->ms);
    closesocket(cl->s);
    return 0;
}

/* closesocket from another thread while the connect waits to send its SYN
 * again: the connect ends at once (WSAEINTR, as a blocking call that
 * closesocket cancels). */
WT_CASE(close_ends_blocking_connect_during_retry)
{
    struct sockaddr_in a = wt_closed_port();
    struct close_later cl;
    int i;
    for (i = 0; i < 1; i++) {
        cl.s = socket(AF_INET, SOCK_STREAM, 0);
        cl.ms = 300;
        HANDLE t = CreateThread(NULL, 0, close_later_thread, &cl, 0, NULL);
        DWORD t0 = GetTickCount();
        expect_fail(connect(cl.s, (struct sockaddr *)&a, sizeof a), WSAEINTR);
        DWORD ms = GetTickCount() - t0;
        ok(ms >= 250 && ms < 900, "connect ended after %lu ms", (unsigned long)ms);
        WaitForSingleObject(t, 5000);
        CloseHandle(t);
    }
}

/* ... and a select waiting on the retrying socket ends too. */
WT_CASE(close_ends_select_during_retry)
{
    struct sockaddr_in a = wt_closed_port();
    struct close_later cl;
    fd_set w;
    struct timeval tv = {5, 0};
    cl.s = socket(AF_INET, SOCK_STREAM, 0);
    cl.ms = 300;
    wt_nonblocking(cl.s, 1);
    expect_fail(connect(cl.s, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    HANDLE t = CreateThread(NULL, 0, close_later_thread, &cl, 0, NULL);
    DWORD t0 = GetTickCount();
    FD_ZERO(&w);
    FD_SET(cl.s, &w);
    select(0, NULL, &w, NULL, &tv);
    DWORD ms = GetTickCount() - t0;
    ok(ms < 900, "select ended after %lu ms", (unsigned long)ms);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
}

static LPFN_CONNECTEX connectex(SOCKET s)
{
    GUID g = WSAID_CONNECTEX;
    LPFN_CONNECTEX fn = NULL;
    DWORD n;
    ok(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &fn, sizeof fn, &n, NULL, NULL) == 0,
       "ConnectEx pointer: %s", wt_name(WSAGetLastError()));
    return fn;
}

static SOCKET bound_socket(void)
{
    SOCKET s = WSASocketW(AF_INET, SOCK_STREAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED);
    struct sockaddr_in any = wt_loopback(0);
    ok(bind(s, (struct sockaddr *)&any, sizeof any) == 0, "bind: %s", wt_name(WSAGetLastError()));
    return s;
}

/* A blocking connect in another thread, to a listener that is not there yet. */
static DWORD WINAPI connect_late_thread(LPVOID arg)
{
    struct blocking_connect *b = (struct blocking_connect *)arg;
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    char x = 0;
    b->ret = connect(c, (struct sockaddr *)&b->a, sizeof b->a);
    b->err = WSAGetLastError();
    if (b->ret == 0 && send(c, "b", 1, 0) == 1 && recv(c, &x, 1, 0) == 1 && x == 'b')
        b->ms = 1; /* the round trip went */
    closesocket(c);
    return 0;
}

/* A server that starts listening 300 ms after the connects: the next SYN
 * reaches it and every kind of connect completes, with data both ways. */
WT_CASE(connects_reach_a_late_listener)
{
    struct wt_listen_later ll;
    struct blocking_connect b;
    SOCKET cn = socket(AF_INET, SOCK_STREAM, 0), cx = bound_socket(), s[3];
    LPFN_CONNECTEX fn = connectex(cx);
    OVERLAPPED ov;
    WSAPOLLFD p;
    DWORD bytes = 0;
    char x;
    int i, err = -1, len = sizeof err;
    ll.a = wt_closed_port();
    ll.l = INVALID_SOCKET;
    b.a = ll.a;
    b.ret = -2;
    b.ms = 0;
    wt_nonblocking(cn, 1);
    expect_fail(connect(cn, (struct sockaddr *)&ll.a, sizeof ll.a), WSAEWOULDBLOCK);
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    expect_wsa(fn(cx, (struct sockaddr *)&ll.a, sizeof ll.a, NULL, 0, NULL, &ov), FALSE, ERROR_IO_PENDING);
    HANDLE tb = CreateThread(NULL, 0, connect_late_thread, &b, 0, NULL);
    HANDLE tl = CreateThread(NULL, 0, wt_listen_later_thread, &ll, 0, NULL);

    p.fd = cn;
    p.events = POLLWRNORM;
    p.revents = 0;
    ok(WSAPoll(&p, 1, WITHIN_MS) == 1, "WSAPoll: %s", wt_name(WSAGetLastError()));
    ok(p.revents == POLLWRNORM, "revents %#x (want POLLWRNORM)", p.revents);
    expect_ok(getsockopt(cn, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == 0, "SO_ERROR %s", wt_name(err));
    ok(WaitForSingleObject(ov.hEvent, WITHIN_MS) == WAIT_OBJECT_0, "ConnectEx completed");
    ok(GetOverlappedResult((HANDLE)cx, &ov, &bytes, FALSE), "GetOverlappedResult: %lu", GetLastError());
    ok(setsockopt(cx, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0) == 0, "SO_UPDATE_CONNECT_CONTEXT: %s",
       wt_name(WSAGetLastError()));
    WaitForSingleObject(tl, 5000);
    CloseHandle(tl);

    /* Each client sends its byte; the server echoes whatever each
     * connection brings. */
    wt_nonblocking(cn, 0);
    ok(send(cn, "n", 1, 0) == 1, "send: %s", wt_name(WSAGetLastError()));
    ok(send(cx, "x", 1, 0) == 1, "send: %s", wt_name(WSAGetLastError()));
    for (i = 0; i < 3; i++) {
        s[i] = accept(ll.l, NULL, NULL);
        ok(s[i] != INVALID_SOCKET, "accept %d: %s", i, wt_name(WSAGetLastError()));
        x = 0;
        ok(recv(s[i], &x, 1, 0) == 1 && send(s[i], &x, 1, 0) == 1, "echo %d", i);
    }
    x = 0;
    ok(recv(cn, &x, 1, 0) == 1 && x == 'n', "non-blocking connect: got %c", x);
    x = 0;
    ok(recv(cx, &x, 1, 0) == 1 && x == 'x', "ConnectEx: got %c", x);
    ok(WaitForSingleObject(tb, WITHIN_MS) == WAIT_OBJECT_0, "blocking connect returned");
    CloseHandle(tb);
    ok(b.ret == 0 && b.ms == 1, "blocking connect: %d %s, round trip %lu", b.ret, wt_name(b.err),
       (unsigned long)b.ms);
    for (i = 0; i < 3; i++)
        closesocket(s[i]);
    closesocket(cn);
    closesocket(cx);
    closesocket(ll.l);
    CloseHandle(ov.hEvent);
}

/* The client of Windows-classic-samples' wsapoll: a non-blocking connect,
 * WSAPoll for writability, then its bytes at once. */
struct first_bytes {
    struct sockaddr_in a;
    HANDLE started;
    int polled, sent;
};
static DWORD WINAPI first_bytes_thread(LPVOID arg)
{
    struct first_bytes *f = (struct first_bytes *)arg;
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    WSAPOLLFD p;
    wt_nonblocking(c, 1);
    f->polled = connect(c, (struct sockaddr *)&f->a, sizeof f->a) == SOCKET_ERROR &&
                WSAGetLastError() == WSAEWOULDBLOCK;
    SetEvent(f->started);
    p.fd = c;
    p.events = POLLWRNORM;
    p.revents = 0;
    f->polled = f->polled && WSAPoll(&p, 1, WITHIN_MS) == 1 && p.revents == POLLWRNORM;
    f->sent = send(c, "first", 5, 0);
    Sleep(200);
    closesocket(c);
    return 0;
}

/* The wsapoll sample's main thread: its listener comes up after the
 * client's first SYN was refused; when WSAPoll says the listener is
 * readable, it accepts and recv()s on the non-blocking accepted socket at
 * once.  On Windows the SYN goes again from the kernel while both threads
 * wait, and the client's bytes are there by then.  Twice: the order is a
 * race the retry must win every time. */
WT_CASE(retried_connect_brings_its_first_bytes)
{
    int round;
    for (round = 0; round < 2; round++) {
        struct first_bytes f;
        WSAPOLLFD p;
        char buf[16];
        f.a = wt_closed_port();
        f.started = CreateEventW(NULL, TRUE, FALSE, NULL);
        f.polled = f.sent = 0;
        HANDLE t = CreateThread(NULL, 0, first_bytes_thread, &f, 0, NULL);
        ok(WaitForSingleObject(f.started, 5000) == WAIT_OBJECT_0, "client started");
        /* Its SYN has been refused (loopback answers within the connect). */
        SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
        wt_nonblocking(l, 1);
        ok(bind(l, (struct sockaddr *)&f.a, sizeof f.a) == 0, "bind: %s", wt_name(WSAGetLastError()));
        ok(listen(l, 1) == 0, "listen: %s", wt_name(WSAGetLastError()));
        p.fd = l;
        p.events = POLLRDNORM;
        p.revents = 0;
        ok(WSAPoll(&p, 1, WITHIN_MS) == 1 && p.revents == POLLRDNORM, "listener readable: revents %#x", p.revents);
        SOCKET a = accept(l, NULL, NULL);
        ok(a != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
        WSASetLastError(0xdeadbeef);
        int n = recv(a, buf, sizeof buf, 0);
        ok(n == 5 && memcmp(buf, "first", 5) == 0, "round %d: recv at once: %d %s", round, n,
           wt_name(n < 0 ? WSAGetLastError() : 0));
        ok(WaitForSingleObject(t, WITHIN_MS) == WAIT_OBJECT_0, "client done");
        ok(f.polled && f.sent == 5, "client: connected %d, sent %d", f.polled, f.sent);
        CloseHandle(t);
        CloseHandle(f.started);
        closesocket(a);
        closesocket(l);
    }
}

WT_MAIN(refusal_waits_for_the_retries, connects_reach_a_late_listener, retried_connect_brings_its_first_bytes, no_syn_retransmissions_refuses_at_once,
        initial_rto_sets_count_and_interval, initial_rto_input_checks, close_ends_blocking_connect_during_retry,
        close_ends_select_during_retry)
