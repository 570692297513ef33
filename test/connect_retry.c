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

/* A loopback address with nothing listening on it. */
static struct sockaddr_in closed_port(void)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a);
    closesocket(l);
    return a;
}

static void no_retransmissions(SOCKET s)
{
    TCP_INITIAL_RTO_PARAMETERS p;
    DWORD bytes = 0xdeadbeef;
    p.Rtt = TCP_INITIAL_RTO_UNSPECIFIED_RTT;
    p.MaxSynRetransmissions = TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS;
    expect_ok(WSAIoctl(s, SIO_TCP_INITIAL_RTO, &p, sizeof p, NULL, 0, &bytes, NULL, NULL));
}

WT_CASE(nonblocking_refusal_waits_for_the_retries)
{
    struct sockaddr_in a = closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    wt_nonblocking(c, 1);
    DWORD t0 = GetTickCount();
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    /* Still connecting while the SYN is sent again. */
    ok(wt_select_one(c, 300) == 0, "select within 300 ms: nothing yet");
    int err = -1, len = sizeof err;
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == 0, "SO_ERROR while retrying: %s", wt_name(err));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEALREADY);
    int sets = wt_select_one(c, WITHIN_MS);
    DWORD ms = GetTickCount() - t0;
    ok(sets == 4, "select after the refusal: sets %d (want exceptfds only)", sets);
    ok(ms >= NOT_BEFORE_MS && ms < WITHIN_MS, "refused after %lu ms", (unsigned long)ms);
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR %s", wt_name(err));
    closesocket(c);
}

WT_CASE(wsapoll_refusal_waits_for_the_retries)
{
    struct sockaddr_in a = closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    WSAPOLLFD p;
    wt_nonblocking(c, 1);
    DWORD t0 = GetTickCount();
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    p.fd = c;
    p.events = POLLWRNORM;
    p.revents = 0;
    ok(WSAPoll(&p, 1, WITHIN_MS) == 1, "WSAPoll: %s", wt_name(WSAGetLastError()));
    DWORD ms = GetTickCount() - t0;
    ok(ms >= NOT_BEFORE_MS, "refused after %lu ms", (unsigned long)ms);
    ok(p.revents == (POLLWRNORM | POLLHUP | POLLERR), "revents %#x", p.revents);
    int err = -1, len = sizeof err;
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR %s", wt_name(err));
    closesocket(c);
}

WT_CASE(event_select_refusal_waits_for_the_retries)
{
    struct sockaddr_in a = closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    expect_ok(WSAEventSelect(c, ev, FD_CONNECT));
    DWORD t0 = GetTickCount();
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, 300, FALSE) == WSA_WAIT_TIMEOUT, "no FD_CONNECT within 300 ms");
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, WITHIN_MS, FALSE) == WSA_WAIT_EVENT_0, "FD_CONNECT");
    DWORD ms = GetTickCount() - t0;
    ok(ms >= NOT_BEFORE_MS, "FD_CONNECT after %lu ms", (unsigned long)ms);
    expect_ok(WSAEnumNetworkEvents(c, ev, &ne));
    ok(ne.lNetworkEvents == FD_CONNECT, "events %#lx", (unsigned long)ne.lNetworkEvents);
    ok(ne.iErrorCode[FD_CONNECT_BIT] == WSAECONNREFUSED, "FD_CONNECT error %s",
       wt_name(ne.iErrorCode[FD_CONNECT_BIT]));
    closesocket(c);
    WSACloseEvent(ev);
}

/* A server that starts listening on the port 300 ms from now. */
struct listen_later {
    struct sockaddr_in a;
    SOCKET l;
};
static DWORD WINAPI listen_later_thread(LPVOID arg)
{
    struct listen_later *ll = (struct listen_later *)arg;
    Sleep(300);
    ll->l = socket(AF_INET, SOCK_STREAM, 0);
    ok(bind(ll->l, (struct sockaddr *)&ll->a, sizeof ll->a) == 0, "bind: %s", wt_name(WSAGetLastError()));
    ok(listen(ll->l, 5) == 0, "listen: %s", wt_name(WSAGetLastError()));
    return 0;
}

/* One byte each way between c and what the listener accepts. */
static void round_trip(SOCKET c, SOCKET l)
{
    char b = 0;
    SOCKET s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    wt_nonblocking(c, 0);
    ok(send(c, "q", 1, 0) == 1, "send: %s", wt_name(WSAGetLastError()));
    ok(recv(s, &b, 1, 0) == 1 && b == 'q', "server got %c", b);
    ok(send(s, "a", 1, 0) == 1, "send back: %s", wt_name(WSAGetLastError()));
    ok(recv(c, &b, 1, 0) == 1 && b == 'a', "client got %c", b);
    closesocket(s);
}

WT_CASE(nonblocking_connect_reaches_a_late_listener)
{
    struct listen_later ll;
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    WSAPOLLFD p;
    ll.a = closed_port();
    ll.l = INVALID_SOCKET;
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&ll.a, sizeof ll.a), WSAEWOULDBLOCK);
    HANDLE t = CreateThread(NULL, 0, listen_later_thread, &ll, 0, NULL);
    p.fd = c;
    p.events = POLLWRNORM;
    p.revents = 0;
    ok(WSAPoll(&p, 1, WITHIN_MS) == 1, "WSAPoll: %s", wt_name(WSAGetLastError()));
    ok(p.revents == POLLWRNORM, "revents %#x (want POLLWRNORM)", p.revents);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    int err = -1, len = sizeof err;
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == 0, "SO_ERROR %s", wt_name(err));
    round_trip(c, ll.l);
    closesocket(c);
    closesocket(ll.l);
}

WT_CASE(blocking_refusal_waits_for_the_retries)
{
    struct sockaddr_in a = closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    DWORD t0 = GetTickCount();
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAECONNREFUSED);
    DWORD ms = GetTickCount() - t0;
    ok(ms >= 1500 && ms < WITHIN_MS, "refused after %lu ms", (unsigned long)ms);
    ok(wt_select_one(c, 50) == 4, "select after a refused blocking connect");
    closesocket(c);
}

WT_CASE(blocking_connect_reaches_a_late_listener)
{
    struct listen_later ll;
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    ll.a = closed_port();
    ll.l = INVALID_SOCKET;
    HANDLE t = CreateThread(NULL, 0, listen_later_thread, &ll, 0, NULL);
    expect_ok(connect(c, (struct sockaddr *)&ll.a, sizeof ll.a));
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    round_trip(c, ll.l);
    closesocket(c);
    closesocket(ll.l);
}

WT_CASE(no_syn_retransmissions_refuses_at_once)
{
    struct sockaddr_in a = closed_port();
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
    struct sockaddr_in a = closed_port();
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
    struct sockaddr_in a = closed_port();
    struct close_later cl;
    int i;
    for (i = 0; i < 3; i++) {
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
    struct sockaddr_in a = closed_port();
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

WT_CASE(connectex_refusal_waits_for_the_retries)
{
    struct sockaddr_in a = closed_port();
    SOCKET c = bound_socket();
    LPFN_CONNECTEX fn = connectex(c);
    OVERLAPPED ov;
    DWORD bytes = 0;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD t0 = GetTickCount();
    expect_wsa(fn(c, (struct sockaddr *)&a, sizeof a, NULL, 0, NULL, &ov), FALSE, ERROR_IO_PENDING);
    ok(WaitForSingleObject(ov.hEvent, 300) == WAIT_TIMEOUT, "still pending after 300 ms");
    ok(WaitForSingleObject(ov.hEvent, WITHIN_MS) == WAIT_OBJECT_0, "completed");
    DWORD ms = GetTickCount() - t0;
    ok(ms >= NOT_BEFORE_MS, "completed after %lu ms", (unsigned long)ms);
    SetLastError(0xdeadbeef);
    ok(!GetOverlappedResult((HANDLE)c, &ov, &bytes, FALSE), "GetOverlappedResult fails");
    ok(GetLastError() == ERROR_CONNECTION_REFUSED, "error %lu", GetLastError());
    closesocket(c);
    CloseHandle(ov.hEvent);
}

WT_CASE(connectex_reaches_a_late_listener)
{
    struct listen_later ll;
    SOCKET c = bound_socket();
    LPFN_CONNECTEX fn = connectex(c);
    OVERLAPPED ov;
    DWORD bytes = 0;
    ll.a = closed_port();
    ll.l = INVALID_SOCKET;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    expect_wsa(fn(c, (struct sockaddr *)&ll.a, sizeof ll.a, NULL, 0, NULL, &ov), FALSE, ERROR_IO_PENDING);
    HANDLE t = CreateThread(NULL, 0, listen_later_thread, &ll, 0, NULL);
    ok(WaitForSingleObject(ov.hEvent, WITHIN_MS) == WAIT_OBJECT_0, "completed");
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    ok(GetOverlappedResult((HANDLE)c, &ov, &bytes, FALSE), "GetOverlappedResult: %lu", GetLastError());
    ok(setsockopt(c, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0) == 0, "SO_UPDATE_CONNECT_CONTEXT: %s",
       wt_name(WSAGetLastError()));
    round_trip(c, ll.l);
    closesocket(c);
    closesocket(ll.l);
    CloseHandle(ov.hEvent);
}

WT_MAIN(nonblocking_refusal_waits_for_the_retries, wsapoll_refusal_waits_for_the_retries,
        event_select_refusal_waits_for_the_retries, nonblocking_connect_reaches_a_late_listener,
        blocking_refusal_waits_for_the_retries, blocking_connect_reaches_a_late_listener,
        no_syn_retransmissions_refuses_at_once, initial_rto_sets_count_and_interval, initial_rto_input_checks,
        close_ends_blocking_connect_during_retry, close_ends_select_during_retry,
        connectex_refusal_waits_for_the_retries, connectex_reaches_a_late_listener)
