/* connect() and WSAConnect as ../shared/reference/connect.txt says: one case
 * per paragraph and error code that loopback can show.  Timeouts,
 * unreachable networks and an exhausted port range need a network namespace:
 * test/netns/. */
#include "wstest.h"
#include <mstcpip.h>
#ifndef SIO_UDP_CONNRESET /* older MinGW headers */
#define SIO_UDP_CONNRESET _WSAIOW(IOC_VENDOR, 12)
#endif

WT_CASE(nonblocking_connect_would_block_then_writable)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK); /* never EINPROGRESS */
    int sets = wt_select_one(c, 5000);
    ok(sets == 2, "select after success: sets %d (want writable only)", sets);
    int err = -1, len = sizeof err;
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == 0, "SO_ERROR %d", err);
    closesocket(c);
    closesocket(l);
}

WT_CASE(nonblocking_connect_then_isconn)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    Sleep(50); /* the handshake completes on loopback; nobody asked select */
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEISCONN);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEISCONN);
    closesocket(c);
    closesocket(l);
}

/* Once select has reported the connect complete, the very next connect is
 * WSAEISCONN too (Linux would return 0 once). */
WT_CASE(nonblocking_connect_seen_by_select_then_isconn)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    ok(wt_select_one(c, 2000) == 2, "select: writable only once connected");
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEISCONN);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEISCONN);
    closesocket(c);
    closesocket(l);
}

/* SO_RCVTIMEO is for receives: a blocking accept on a listener with one
 * set waits past it for the connection (Linux would fail with EAGAIN). */
struct connect_later {
    struct sockaddr_in a;
    SOCKET c;
};
static DWORD WINAPI connect_after_300ms(LPVOID arg)
{
    struct connect_later *cl = (struct connect_later *)arg;
    Sleep(300);
    connect(cl->c, (struct sockaddr *)&cl->a, sizeof cl->a);
    return 0;
}

WT_CASE(rcvtimeo_does_not_time_out_accept)
{
    struct connect_later cl;
    SOCKET l = wt_listener(&cl.a), s;
    DWORD ms = 50;
    HANDLE t;
    cl.c = socket(AF_INET, SOCK_STREAM, 0);
    expect_ok(setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, (char *)&ms, sizeof ms));
    t = CreateThread(NULL, 0, connect_after_300ms, &cl, 0, NULL);
    WSASetLastError(SENTINEL);
    s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET && WSAGetLastError() == 0, "accept: %s", wt_name(WSAGetLastError()));
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(s);
    closesocket(cl.c);
    closesocket(l);
}

WT_CASE(nonblocking_connect_refused_is_exceptional)
{
    struct sockaddr_in a = wt_closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    wt_refuse_at_once(c);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    int sets = wt_select_one(c, 5000);
    ok(sets == 4, "select after refusal: sets %d (want exceptfds only)", sets);
    int err = -1, len = sizeof err;
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR %s", wt_name(err));
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == WSAECONNREFUSED, "SO_ERROR is not cleared by reading it: %s", wt_name(err));
    closesocket(c);
}

WT_CASE(reconnect_after_failed_nonblocking)
{
    struct sockaddr_in a = wt_closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0), l, s;
    wt_refuse_at_once(c);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    ok(wt_select_one(c, 5000) == 4, "refused");
    /* A fresh attempt, not the old failure replayed (Linux would say
     * ECONNREFUSED here). */
    l = socket(AF_INET, SOCK_STREAM, 0);
    expect_ok(bind(l, (struct sockaddr *)&a, sizeof a));
    expect_ok(listen(l, 5));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    ok(wt_select_one(c, 5000) == 2, "second attempt connects");
    s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    int err = -1, len = sizeof err;
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == 0, "a successful connect resets SO_ERROR: %s", wt_name(err));
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

WT_CASE(connect_while_in_progress_is_ealready)
{
    /* A listener whose backlog is full leaves the next SYN unanswered, so the
     * connect stays in progress. */
    struct sockaddr_in a;
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0), fill[4], c;
    a = wt_loopback(0);
    int len = sizeof a, i;
    ok(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 0) == 0, "listener");
    getsockname(l, (struct sockaddr *)&a, &len);
    for (i = 0; i < 4; i++) {
        fill[i] = socket(AF_INET, SOCK_STREAM, 0);
        wt_nonblocking(fill[i], 1);
        connect(fill[i], (struct sockaddr *)&a, sizeof a);
    }
    Sleep(50);
    c = socket(AF_INET, SOCK_STREAM, 0);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    if (wt_select_one(c, 0) == 0) { /* still in progress */
        struct sockaddr_in me, peer;
        int mlen = sizeof me, plen = sizeof peer;
        char b;
        expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEALREADY);
        /* sock.c test_connecting_socket: the addresses are known already,
         * data cannot move yet. */
        expect_ok(getsockname(c, (struct sockaddr *)&me, &mlen));
        ok(me.sin_family == AF_INET && me.sin_port != 0, "getsockname family %d port %u", me.sin_family,
           ntohs(me.sin_port));
        expect_ok(getpeername(c, (struct sockaddr *)&peer, &plen));
        ok(peer.sin_port == a.sin_port, "getpeername port %u", ntohs(peer.sin_port));
        expect_fail(recv(c, &b, 1, 0), WSAENOTCONN);
        expect_fail(send(c, "x", 1, 0), WSAENOTCONN);
    } else
        ok(1, "connect completed too early to check WSAEALREADY");
    closesocket(c);
    for (i = 0; i < 4; i++)
        closesocket(fill[i]);
    closesocket(l);
}

WT_CASE(blocking_refused_then_select_exceptional)
{
    struct sockaddr_in a = wt_closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    wt_refuse_at_once(c);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAECONNREFUSED);
    /* sock.c test_errors / test_select: not writable, but exceptional. */
    ok(wt_select_one(c, 50) == 4, "select after a refused blocking connect");
    closesocket(c);
}

WT_CASE(duplicate_four_tuple)
{
    struct sockaddr_in a, local;
    SOCKET l = wt_listener(&a), c1 = socket(AF_INET, SOCK_STREAM, 0), c2 = socket(AF_INET, SOCK_STREAM, 0), s;
    BOOL on = TRUE;
    int len = sizeof local;
    setsockopt(c1, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof on);
    setsockopt(c2, SOL_SOCKET, SO_REUSEADDR, (char *)&on, sizeof on);
    local = wt_loopback(0);
    expect_ok(bind(c1, (struct sockaddr *)&local, sizeof local));
    getsockname(c1, (struct sockaddr *)&local, &len);
    expect_ok(bind(c2, (struct sockaddr *)&local, sizeof local));
    expect_ok(connect(c1, (struct sockaddr *)&a, sizeof a));
    s = accept(l, NULL, NULL);
    expect_fail(connect(c2, (struct sockaddr *)&a, sizeof a), WSAEADDRINUSE);
    closesocket(s);
    closesocket(c1);
    closesocket(c2);
    closesocket(l);
}

static DWORD WINAPI close_later(LPVOID arg)
{
    Sleep(200);
    closesocket((SOCKET)(size_t)arg);
    return 0;
}

WT_CASE(close_wakes_blocked_recv)
{
    SOCKET c, s;
    char buf[8];
    wt_tcp_pair(&c, &s);
    HANDLE t = CreateThread(NULL, 0, close_later, (LPVOID)(size_t)c, 0, NULL);
    expect_fail(recv(c, buf, sizeof buf, 0), WSAEINTR);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(s);
}

WT_CASE(close_wakes_blocked_send)
{
    SOCKET c, s;
    static char big[8 << 20]; /* more than the peer (who never reads) can take */
    wt_tcp_pair(&c, &s);
    HANDLE t = CreateThread(NULL, 0, close_later, (LPVOID)(size_t)c, 0, NULL);
    expect_fail(send(c, big, sizeof big, 0), WSAEINTR);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    closesocket(s);
}

WT_CASE(close_wakes_blocked_accept)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a);
    HANDLE t = CreateThread(NULL, 0, close_later, (LPVOID)(size_t)l, 0, NULL);
    expect_wsa(accept(l, NULL, NULL), INVALID_SOCKET, WSAEINTR);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
}

/* A blocking accept waits alertably: an APC queued before it runs while it
 * waits (here it lets a thread connect) and accept then returns the
 * connection (sock.c test_accept). */
struct connect_when_told {
    struct sockaddr_in addr;
    HANDLE go;
    SOCKET s;
};
static DWORD WINAPI connect_when_told_thread(LPVOID arg)
{
    struct connect_when_told *p = (struct connect_when_told *)arg;
    WaitForSingleObject(p->go, 5000);
    p->s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(p->s, (struct sockaddr *)&p->addr, sizeof p->addr);
    return 0;
}
static unsigned accept_apcs;
static void CALLBACK tell_to_connect(ULONG_PTR ev)
{
    accept_apcs++;
    SetEvent((HANDLE)ev);
}
WT_CASE(blocking_accept_runs_queued_apcs)
{
    struct connect_when_told p;
    SOCKET l = wt_listener(&p.addr), s;
    p.go = CreateEventA(NULL, FALSE, FALSE, NULL);
    p.s = INVALID_SOCKET;
    HANDLE t = CreateThread(NULL, 0, connect_when_told_thread, &p, 0, NULL);
    accept_apcs = 0;
    ok(QueueUserAPC(tell_to_connect, GetCurrentThread(), (ULONG_PTR)p.go), "QueueUserAPC");
    s = accept(l, NULL, NULL);
    ok(s != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    ok(accept_apcs == 1, "the APC ran %u times", accept_apcs);
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    CloseHandle(p.go);
    closesocket(s);
    closesocket(p.s);
    closesocket(l);
}

/* ... and one queued while it waits: the APC runs in the accepting thread,
 * and the accept waits on (here the APC makes the connection it gets). */
struct accept_apc {
    SOCKET l, c, s;
    struct sockaddr_in addr;
    DWORD tid, apc_tid;
    volatile LONG apcs;
    int err;
};
static void CALLBACK connect_from_apc(ULONG_PTR arg)
{
    struct accept_apc *p = (struct accept_apc *)arg;
    InterlockedIncrement(&p->apcs);
    p->apc_tid = GetCurrentThreadId();
    p->c = socket(AF_INET, SOCK_STREAM, 0);
    ok(connect(p->c, (struct sockaddr *)&p->addr, sizeof p->addr) == 0, "connect from the APC: %s",
       wt_name(WSAGetLastError()));
}
static DWORD WINAPI blocking_accept_thread(LPVOID arg)
{
    struct accept_apc *p = (struct accept_apc *)arg;
    p->tid = GetCurrentThreadId();
    WSASetLastError(0xdeadbeef);
    p->s = accept(p->l, NULL, NULL);
    p->err = WSAGetLastError();
    return 0;
}
WT_CASE(blocking_accept_runs_apcs_queued_while_it_waits)
{
    struct accept_apc p;
    memset(&p, 0, sizeof p);
    p.l = wt_listener(&p.addr);
    p.c = p.s = INVALID_SOCKET;
    HANDLE t = CreateThread(NULL, 0, blocking_accept_thread, &p, 0, NULL);
    Sleep(100); /* the accept waits by now */
    ok(QueueUserAPC(connect_from_apc, t, (ULONG_PTR)&p), "QueueUserAPC");
    DWORD w = WaitForSingleObject(t, 3000);
    ok(w == WAIT_OBJECT_0, "the accept returned (%lu)", (unsigned long)w);
    closesocket(p.l); /* ends the accept, should it still wait */
    WaitForSingleObject(t, 5000);
    CloseHandle(t);
    ok(p.apcs == 1 && p.apc_tid == p.tid, "the APC ran %ld times, in the accepting thread %d", (long)p.apcs,
       p.apc_tid == p.tid);
    ok(p.s != INVALID_SOCKET, "accept: %s", wt_name(p.err));
    closesocket(p.s);
    closesocket(p.c);
}

WT_CASE(udp_connect_sets_default_destination_and_filters)
{
    struct sockaddr_in aa, ab, ac, from;
    SOCKET a = wt_udp(&aa), b = wt_udp(&ab), c = wt_udp(&ac);
    char buf[16];
    int len = sizeof from;
    expect_ok(connect(a, (struct sockaddr *)&ab, sizeof ab));
    expect_wsa(send(a, "hi", 2, 0), 2, 0);
    expect_wsa(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &len), 2, 0);
    ok(from.sin_port == aa.sin_port, "from the connected socket");
    /* Datagrams from anyone but the peer are discarded. */
    expect_wsa(sendto(c, "xx", 2, 0, (struct sockaddr *)&aa, sizeof aa), 2, 0);
    expect_wsa(sendto(b, "ok", 2, 0, (struct sockaddr *)&aa, sizeof aa), 2, 0);
    expect_wsa(recv(a, buf, sizeof buf, 0), 2, 0);
    ok(!memcmp(buf, "ok", 2), "only the peer's datagram arrives");
    closesocket(a);
    closesocket(b);
    closesocket(c);
}

WT_CASE(udp_reconnect_drops_foreign_datagrams)
{
    struct sockaddr_in aa, ab, ac;
    SOCKET a = wt_udp(&aa), b = wt_udp(&ab), c = wt_udp(&ac);
    char buf[16];
    u_long pending = 0;
    expect_wsa(sendto(b, "from-b", 6, 0, (struct sockaddr *)&aa, sizeof aa), 6, 0);
    Sleep(20);
    expect_ok(ioctlsocket(a, FIONREAD, &pending));
    ok(pending == 6, "queued %lu", (unsigned long)pending);
    expect_ok(connect(a, (struct sockaddr *)&ac, sizeof ac)); /* a new name: the queue goes */
    expect_ok(ioctlsocket(a, FIONREAD, &pending));
    ok(pending == 0, "still queued after connect: %lu", (unsigned long)pending);
    expect_wsa(sendto(c, "from-c", 6, 0, (struct sockaddr *)&aa, sizeof aa), 6, 0);
    expect_wsa(recv(a, buf, sizeof buf, 0), 6, 0);
    ok(!memcmp(buf, "from-c", 6), "the new peer's datagram");
    closesocket(a);
    closesocket(b);
    closesocket(c);
}

WT_CASE(udp_zero_address_disconnects)
{
    struct sockaddr_in aa, ab, zero = wt_loopback(0), from;
    SOCKET a = wt_udp(&aa), b = wt_udp(&ab);
    char buf[8];
    int len = sizeof from;
    expect_fail(send(a, "x", 1, 0), WSAENOTCONN); /* never connected */
    expect_ok(connect(a, (struct sockaddr *)&ab, sizeof ab));
    expect_wsa(send(a, "x", 1, 0), 1, 0);
    zero.sin_addr.s_addr = 0;
    zero.sin_port = 0;
    expect_ok(connect(a, (struct sockaddr *)&zero, sizeof zero)); /* "dis-connected" */
    expect_fail(send(a, "x", 1, 0), WSAENOTCONN);
    expect_wsa(sendto(a, "y", 1, 0, (struct sockaddr *)&ab, sizeof ab), 1, 0); /* sendto still works */
    zero.sin_port = ab.sin_port;
    expect_fail(sendto(a, "z", 1, 0, (struct sockaddr *)&zero, sizeof zero), WSAEADDRNOTAVAIL);
    expect_wsa(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &len), 1, 0);
    expect_wsa(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &len), 1, 0);
    ok(buf[0] == 'y', "got %c", buf[0]);
    closesocket(a);
    closesocket(b);
}

/* An AF_UNSPEC name dis-connects too; afterwards datagrams from anyone
 * arrive again. */
WT_CASE(udp_unspec_address_disconnects)
{
    struct sockaddr_in aa, ab, ac, from;
    struct sockaddr unspec;
    SOCKET a = wt_udp(&aa), b = wt_udp(&ab), c = wt_udp(&ac);
    char buf[8];
    int len = sizeof from;
    memset(&unspec, 0, sizeof unspec);
    unspec.sa_family = AF_UNSPEC;
    expect_ok(connect(a, (struct sockaddr *)&ab, sizeof ab));
    expect_ok(connect(a, &unspec, sizeof unspec));
    expect_fail(send(a, "x", 1, 0), WSAENOTCONN);
    expect_wsa(sendto(c, "c", 1, 0, (struct sockaddr *)&aa, sizeof aa), 1, 0);
    wt_nonblocking(a, 1);
    ok(wt_wait_readable(a) == 1, "datagram from a third socket not readable");
    expect_wsa(recvfrom(a, buf, sizeof buf, 0, (struct sockaddr *)&from, &len), 1, 0);
    ok(buf[0] == 'c' && from.sin_port == ac.sin_port, "got %c from port %u", buf[0], ntohs(from.sin_port));
    closesocket(a);
    closesocket(b);
    closesocket(c);
}

/* A datagram socket connects to the broadcast address without
 * SO_BROADCAST, which still reads 0; send reaches the peer it connected to,
 * while sendto to a broadcast address still needs the option (sock.c
 * test_broadcast; connect.txt's WSAEACCES is older Windows).  Linux wants
 * SO_BROADCAST for the connect and for every send. */
WT_CASE(udp_connect_to_broadcast)
{
    SOCKET u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in bc = wt_loopback(12345);
    BOOL on = TRUE, off = FALSE, v = TRUE;
    int len = sizeof v;
    bc.sin_addr.s_addr = htonl(INADDR_BROADCAST);
    ok(sendto(u, "test", 4, 0, (struct sockaddr *)&bc, sizeof bc) == SOCKET_ERROR, "sendto without SO_BROADCAST");
    expect_ok(setsockopt(u, SOL_SOCKET, SO_BROADCAST, (char *)&on, sizeof on));
    expect_wsa(sendto(u, "test", 4, 0, (struct sockaddr *)&bc, sizeof bc), 4, 0);
    expect_ok(setsockopt(u, SOL_SOCKET, SO_BROADCAST, (char *)&off, sizeof off));
    ok(sendto(u, "test", 4, 0, (struct sockaddr *)&bc, sizeof bc) == SOCKET_ERROR, "sendto with SO_BROADCAST off");
    expect_ok(connect(u, (struct sockaddr *)&bc, sizeof bc));
    expect_ok(getsockopt(u, SOL_SOCKET, SO_BROADCAST, (char *)&v, &len));
    ok(!v, "SO_BROADCAST reads %d", v);
    ok(sendto(u, "test", 4, 0, (struct sockaddr *)&bc, sizeof bc) == SOCKET_ERROR, "sendto after the connect");
    expect_wsa(send(u, "test", 4, 0), 4, 0);
    /* Switched on, sendto reaches it too; off again, it does not. */
    expect_ok(setsockopt(u, SOL_SOCKET, SO_BROADCAST, (char *)&on, sizeof on));
    expect_ok(getsockopt(u, SOL_SOCKET, SO_BROADCAST, (char *)&v, &len));
    ok(v, "SO_BROADCAST reads %d", v);
    expect_wsa(sendto(u, "test", 4, 0, (struct sockaddr *)&bc, sizeof bc), 4, 0);
    expect_ok(setsockopt(u, SOL_SOCKET, SO_BROADCAST, (char *)&off, sizeof off));
    ok(sendto(u, "test", 4, 0, (struct sockaddr *)&bc, sizeof bc) == SOCKET_ERROR, "sendto with SO_BROADCAST off");
    expect_wsa(send(u, "test", 4, 0), 4, 0);
    closesocket(u);
}

WT_CASE(udp_port_unreachable_reported_on_recv)
{
    struct sockaddr_in aa, dead;
    SOCKET a = wt_udp(&aa), d = wt_udp(&dead);
    char buf[8];
    closesocket(d); /* nothing listens on dead any more */
    /* Unconnected: sendto succeeds, the ICMP error comes back on recvfrom
     * (Linux reports nothing to unconnected sockets). */
    expect_wsa(sendto(a, "x", 1, 0, (struct sockaddr *)&dead, sizeof dead), 1, 0);
    Sleep(50);
    expect_wsa(sendto(a, "x", 1, 0, (struct sockaddr *)&dead, sizeof dead), 1, 0);
    Sleep(50);
    expect_fail(recv(a, buf, sizeof buf, 0), WSAECONNRESET);
    closesocket(a);
}

WT_CASE(udp_connreset_can_be_turned_off)
{
    struct sockaddr_in aa, dead;
    SOCKET a = wt_udp(&aa), d = wt_udp(&dead);
    BOOL off = FALSE;
    DWORD bytes = 0;
    char buf[8];
    u_long nb = 1;
    closesocket(d);
    expect_ok(WSAIoctl(a, SIO_UDP_CONNRESET, &off, sizeof off, NULL, 0, &bytes, NULL, NULL));
    expect_ok(connect(a, (struct sockaddr *)&dead, sizeof dead));
    expect_wsa(send(a, "x", 1, 0), 1, 0);
    Sleep(50);
    expect_ok(ioctlsocket(a, FIONBIO, &nb));
    expect_fail(recv(a, buf, sizeof buf, 0), WSAEWOULDBLOCK); /* no WSAECONNRESET */
    closesocket(a);
}

WT_CASE(wsaconnect_as_connect_and_its_extras)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0), s;
    char data[4] = "abc";
    WSABUF caller = {sizeof data, data}, callee = {sizeof data, data};
    QOS qos;
    memset(&qos, 0, sizeof qos);
    expect_fail(WSAConnect(c, (struct sockaddr *)&a, sizeof a, &caller, NULL, NULL, NULL), WSAEPROTONOSUPPORT);
    expect_fail(WSAConnect(c, (struct sockaddr *)&a, sizeof a, NULL, NULL, &qos, NULL), WSAEOPNOTSUPP);
    expect_fail(WSAConnect(c, (struct sockaddr *)&a, sizeof a, NULL, NULL, NULL, &qos), WSAEINVAL);
    expect_fail(WSAConnect(c, (struct sockaddr *)&a, sizeof a - 1, NULL, NULL, NULL, NULL), WSAEFAULT);
    a.sin_addr.s_addr = 0;
    expect_fail(WSAConnect(c, (struct sockaddr *)&a, sizeof a, NULL, NULL, NULL, NULL), WSAEADDRNOTAVAIL);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    expect_ok(WSAConnect(c, (struct sockaddr *)&a, sizeof a, NULL, &callee, NULL, NULL));
    ok(callee.len == 0, "no callee data on TCP/IP: len %lu", (unsigned long)callee.len);
    s = accept(l, NULL, NULL);
    expect_fail(WSAConnect(c, (struct sockaddr *)&a, sizeof a, NULL, NULL, NULL, NULL), WSAEISCONN);
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

WT_CASE(winsock11_ealready_is_einval)
{
    WSADATA d;
    struct sockaddr_in a;
    SOCKET l, fill[4], c;
    int len, i;
    WSACleanup(); /* the harness's 2.2 startup: this case is a 1.1 application */
    ok(WSAStartup(MAKEWORD(1, 1), &d) == 0 && d.wVersion == MAKEWORD(1, 1), "1.1 startup");
    expect_fail(WSACancelBlockingCall(), WSAEINVAL); /* nothing to cancel */
    l = socket(AF_INET, SOCK_STREAM, 0);
    a = wt_loopback(0);
    len = sizeof a;
    ok(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 0) == 0, "listener");
    getsockname(l, (struct sockaddr *)&a, &len);
    for (i = 0; i < 4; i++) {
        fill[i] = socket(AF_INET, SOCK_STREAM, 0);
        wt_nonblocking(fill[i], 1);
        connect(fill[i], (struct sockaddr *)&a, sizeof a);
    }
    Sleep(50);
    c = socket(AF_INET, SOCK_STREAM, 0);
    wt_nonblocking(c, 1);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    if (wt_select_one(c, 0) == 0)
        expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEINVAL); /* 1.1: not WSAEALREADY */
    closesocket(c);
    for (i = 0; i < 4; i++)
        closesocket(fill[i]);
    closesocket(l);
    WSACleanup();
    WSAStartup(MAKEWORD(2, 2), &d);
}

WT_CASE(winsock2_cancel_blocking_call)
{
    expect_fail(WSACancelBlockingCall(), WSAEOPNOTSUPP);
}

/* After a refused blocking connect SO_ERROR reads 0: the call reported it
 * (sock.c test_select). */
WT_CASE(refused_connect_so_error_is_zero)
{
    struct sockaddr_in a = wt_closed_port();
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    int err = -1, len = sizeof err;
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAECONNREFUSED);
    expect_ok(getsockopt(c, SOL_SOCKET, SO_ERROR, (char *)&err, &len));
    ok(err == 0, "SO_ERROR %s", wt_name(err));
    closesocket(c);
}

WT_MAIN(nonblocking_connect_would_block_then_writable, nonblocking_connect_then_isconn,
        nonblocking_connect_seen_by_select_then_isconn, rcvtimeo_does_not_time_out_accept,
        nonblocking_connect_refused_is_exceptional, reconnect_after_failed_nonblocking,
        connect_while_in_progress_is_ealready, refused_connect_so_error_is_zero, blocking_refused_then_select_exceptional, duplicate_four_tuple,
        close_wakes_blocked_recv, close_wakes_blocked_send, close_wakes_blocked_accept, blocking_accept_runs_queued_apcs, blocking_accept_runs_apcs_queued_while_it_waits,
        udp_connect_sets_default_destination_and_filters,
        udp_reconnect_drops_foreign_datagrams, udp_zero_address_disconnects, udp_unspec_address_disconnects, udp_connect_to_broadcast,
        udp_port_unreachable_reported_on_recv, udp_connreset_can_be_turned_off,
        wsaconnect_as_connect_and_its_extras, winsock11_ealready_is_einval, winsock2_cancel_blocking_call)
