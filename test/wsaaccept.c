/* WSAAccept and its condition function (CF_ACCEPT, CF_REJECT, CF_DEFER),
 * SO_CONDITIONAL_ACCEPT, and SO_CONNECT_TIME.  Cases from the "WSAAccept"
 * reference page and Wine's sock.c test_accept and test_connect_time. */
#include "wstest.h"
#include <mswsock.h>

struct seen {
    int calls, verdict;
    struct sockaddr_in caller, callee;
    int caller_len, callee_len;
    int caller_data_null, sqos_null, gqos_null, callee_data_ok;
    DWORD_PTR data;
};

static int CALLBACK condition(LPWSABUF caller_id, LPWSABUF caller_data, LPQOS sqos, LPQOS gqos, LPWSABUF callee_id,
                              LPWSABUF callee_data, GROUP *g, DWORD_PTR data)
{
    struct seen *s = (struct seen *)data;
    s->calls++;
    s->data = data;
    s->caller_len = caller_id ? (int)caller_id->len : -1;
    if (caller_id && caller_id->len >= sizeof s->caller)
        memcpy(&s->caller, caller_id->buf, sizeof s->caller);
    s->callee_len = callee_id ? (int)callee_id->len : -1;
    if (callee_id && callee_id->len >= sizeof s->callee)
        memcpy(&s->callee, callee_id->buf, sizeof s->callee);
    s->caller_data_null = caller_data == NULL;
    s->sqos_null = sqos == NULL;
    s->gqos_null = gqos == NULL;
    /* Room for no callee data: TCP/IP carries none. */
    s->callee_data_ok = !callee_data || callee_data->len == 0;
    if (g)
        *g = 0;
    return s->verdict;
}

static int CALLBACK always_defer(LPWSABUF a, LPWSABUF b, LPQOS c, LPQOS d, LPWSABUF e, LPWSABUF f, GROUP *g,
                                 DWORD_PTR h)
{
    (void)a, (void)b, (void)c, (void)d, (void)e, (void)f, (void)g, (void)h;
    return CF_DEFER;
}

static SOCKET connector(const struct sockaddr_in *addr)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(connect(c, (const struct sockaddr *)addr, sizeof *addr) == 0, "connect: %s", wt_name(WSAGetLastError()));
    return c;
}

WT_CASE(accept_with_condition)
{
    struct sockaddr_in addr, peer;
    SOCKET l = wt_listener(&addr), c = connector(&addr);
    struct seen seen;
    memset(&seen, 0, sizeof seen);
    seen.verdict = CF_ACCEPT;
    int len = sizeof peer;
    SOCKET a = WSAAccept(l, (struct sockaddr *)&peer, &len, condition, (DWORD_PTR)&seen);
    ok(a != INVALID_SOCKET, "CF_ACCEPT: %s", wt_name(WSAGetLastError()));
    ok(seen.calls == 1 && seen.data == (DWORD_PTR)&seen, "called once with the callback data");
    struct sockaddr_in local;
    int ll = sizeof local;
    getsockname(c, (struct sockaddr *)&local, &ll);
    ok(seen.caller_len == sizeof(struct sockaddr_in) && seen.caller.sin_port == local.sin_port &&
           seen.caller.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
       "lpCallerId is the connecting address");
    ok(seen.callee_len == sizeof(struct sockaddr_in) && seen.callee.sin_port == addr.sin_port, "lpCalleeId is ours");
    ok(seen.caller_data_null && seen.sqos_null && seen.gqos_null && seen.callee_data_ok, "no connect data, no QOS");
    ok(len == sizeof peer && peer.sin_port == local.sin_port, "the peer's address is returned too");
    expect_wsa(send(a, "x", 1, 0), 1, 0);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* CF_REJECT fails the call; the connection goes (reset). */
WT_CASE(reject_is_connection_refused)
{
    struct sockaddr_in addr;
    SOCKET l = wt_listener(&addr), c = connector(&addr);
    struct seen seen;
    char b;
    memset(&seen, 0, sizeof seen);
    seen.verdict = CF_REJECT;
    expect_wsa(WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&seen), INVALID_SOCKET, WSAECONNREFUSED);
    ok(wt_wait_readable(c) == 1, "the rejected client hears of it");
    int r = recv(c, &b, 1, 0), e = WSAGetLastError();
    ok(r == SOCKET_ERROR && (e == WSAECONNRESET || e == WSAECONNABORTED), "recv %d %s", r, wt_name(e));
    /* A verdict that is none of the three is WSAEINVAL. */
    SOCKET c2 = connector(&addr);
    seen.verdict = 42;
    expect_wsa(WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&seen), INVALID_SOCKET, WSAEINVAL);
    closesocket(c2);
    closesocket(c);
    closesocket(l);
}

/* CF_DEFER: WSATRY_AGAIN, and the next accept gets that connection. */
WT_CASE(defer_keeps_the_connection)
{
    struct sockaddr_in addr, peer, local;
    SOCKET l = wt_listener(&addr), c = connector(&addr);
    char b = 0;
    expect_wsa(WSAAccept(l, NULL, NULL, always_defer, 0), INVALID_SOCKET, WSATRY_AGAIN);
    ok(wt_wait_readable(l) == 1, "the listener stays readable");
    int len = sizeof peer, ll = sizeof local;
    SOCKET a = accept(l, (struct sockaddr *)&peer, &len);
    ok(a != INVALID_SOCKET, "accept after defer: %s", wt_name(WSAGetLastError()));
    getsockname(c, (struct sockaddr *)&local, &ll);
    ok(len == sizeof peer && peer.sin_port == local.sin_port, "the deferred connection");
    expect_wsa(send(c, "d", 1, 0), 1, 0);
    expect_wsa(recv(a, &b, 1, 0), 1, 0);
    ok(b == 'd', "its data");
    closesocket(a);
    /* Deferred twice, then accepted by WSAAccept. */
    SOCKET c2 = connector(&addr);
    struct seen seen;
    memset(&seen, 0, sizeof seen);
    seen.verdict = CF_ACCEPT;
    expect_wsa(WSAAccept(l, NULL, NULL, always_defer, 0), INVALID_SOCKET, WSATRY_AGAIN);
    expect_wsa(WSAAccept(l, NULL, NULL, always_defer, 0), INVALID_SOCKET, WSATRY_AGAIN);
    a = WSAAccept(l, NULL, NULL, condition, (DWORD_PTR)&seen);
    ok(a != INVALID_SOCKET && seen.calls == 1, "accepted at last: %s", wt_name(WSAGetLastError()));
    closesocket(a);
    closesocket(c2);
    closesocket(c);
    closesocket(l);
}

/* A deferred connection makes a non-blocking listener readable to
 * WSAEventSelect too. */
WT_CASE(defer_and_event_select)
{
    struct sockaddr_in addr;
    SOCKET l = wt_listener(&addr), c = connector(&addr);
    WSAEVENT ev = WSACreateEvent();
    WSANETWORKEVENTS ne;
    wt_nonblocking(l, 1);
    expect_wsa(WSAAccept(l, NULL, NULL, always_defer, 0), INVALID_SOCKET, WSATRY_AGAIN);
    expect_ok(WSAEventSelect(l, ev, FD_ACCEPT));
    ok(WSAWaitForMultipleEvents(1, &ev, FALSE, 2000, FALSE) == WSA_WAIT_EVENT_0, "FD_ACCEPT for it");
    expect_ok(WSAEnumNetworkEvents(l, ev, &ne));
    ok(ne.lNetworkEvents == FD_ACCEPT, "events %#lx", (unsigned long)ne.lNetworkEvents);
    SOCKET a = accept(l, NULL, NULL);
    ok(a != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    expect_wsa(accept(l, NULL, NULL), INVALID_SOCKET, WSAEWOULDBLOCK);
    closesocket(a);
    WSACloseEvent(ev);
    closesocket(c);
    closesocket(l);
}

/* Without a condition function, WSAAccept is accept (test_accept). */
WT_CASE(accept_without_condition_and_errors)
{
    struct sockaddr_in addr;
    SOCKADDR_STORAGE ss;
    SOCKET l = wt_listener(&addr), c = connector(&addr), udp = socket(AF_INET, SOCK_DGRAM, 0);
    int len = 0;
    expect_wsa(WSAAccept(l, (struct sockaddr *)&ss, &len, NULL, 0), INVALID_SOCKET, WSAEFAULT);
    ok(len == 0, "addrlen untouched: %d", len);
    len = sizeof ss;
    memset(&ss, 0, sizeof ss);
    SOCKET a = WSAAccept(l, (struct sockaddr *)&ss, &len, NULL, 0);
    ok(a != INVALID_SOCKET && len == sizeof(struct sockaddr_in) && ss.ss_family == AF_INET, "accepted, %d", len);
    closesocket(a);
    expect_wsa(WSAAccept(udp, NULL, NULL, NULL, 0), INVALID_SOCKET, WSAEINVAL);
    expect_wsa(WSAAccept(INVALID_SOCKET, NULL, NULL, NULL, 0), INVALID_SOCKET, WSAENOTSOCK);
    wt_nonblocking(l, 1);
    expect_wsa(WSAAccept(l, NULL, NULL, always_defer, 0), INVALID_SOCKET, WSAEWOULDBLOCK);
    closesocket(udp);
    closesocket(c);
    closesocket(l);
}

WT_CASE(conditional_accept_option)
{
    struct sockaddr_in addr;
    SOCKET l = wt_listener(&addr);
    DWORD on = 1, v = 0;
    int len = sizeof v;
    expect_ok(getsockopt(l, SOL_SOCKET, SO_CONDITIONAL_ACCEPT, (char *)&v, &len));
    ok(v == 0, "off by default");
    expect_ok(setsockopt(l, SOL_SOCKET, SO_CONDITIONAL_ACCEPT, (char *)&on, sizeof on));
    len = sizeof v;
    expect_ok(getsockopt(l, SOL_SOCKET, SO_CONDITIONAL_ACCEPT, (char *)&v, &len));
    ok(v == 1, "on");
    closesocket(l);
}

/* sock.c test_connect_time. */
WT_CASE(connect_time)
{
    unsigned int t = 0;
    int len = sizeof t;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_ok(getsockopt(s, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, &len));
    ok(len == sizeof t && t == ~0u, "unconnected: %u", t);
    closesocket(s);
    SOCKET client, server;
    wt_tcp_pair(&client, &server);
    len = sizeof t;
    expect_ok(getsockopt(client, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, &len));
    ok(len == sizeof t && t == 0, "just connected: %u", t);
    expect_ok(getsockopt(server, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, &len));
    ok(t == 0, "just accepted: %u", t);
    Sleep(1100);
    expect_ok(getsockopt(server, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, &len));
    ok(t >= 1 && t <= 3, "a second later: %u", t);
    expect_fail(setsockopt(server, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, sizeof t), WSAENOPROTOOPT);
    closesocket(client);
    closesocket(server);
    struct sockaddr_in addr;
    SOCKET us = wt_udp(&addr), uc = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_ok(connect(uc, (struct sockaddr *)&addr, sizeof addr));
    expect_ok(getsockopt(uc, SOL_SOCKET, SO_CONNECT_TIME, (char *)&t, &len));
    ok(t == ~0u, "a connected datagram socket: %u", t);
    closesocket(uc);
    closesocket(us);
}

WT_MAIN(accept_with_condition, reject_is_connection_refused, defer_keeps_the_connection, defer_and_event_select,
        accept_without_condition_and_errors, conditional_accept_option, connect_time)
