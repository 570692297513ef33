/* Socket lifetime and connection setup: socket/WSASocket argument table,
 * closesocket, bind, listen, accept, connect (blocking), shutdown,
 * getsockname, getpeername (sock.c test_WSASocket, test_bind, test_listen,
 * test_accept, test_getsockname, test_getpeername, test_shutdown). */
#include "wstest.h"

static const struct {
    int af, type, protocol;
    int err; /* 0: created, with the type and protocol below */
    int out_type, out_protocol;
} creation[] = {
    {0xdead, SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT, 0, 0},
    {-1, SOCK_STREAM, IPPROTO_TCP, WSAEAFNOSUPPORT, 0, 0},
    {AF_INET, 0xdead, IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0},
    {AF_INET, -1, IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0},
    {AF_INET, SOCK_STREAM, 0xdead, WSAEPROTONOSUPPORT, 0, 0},
    {AF_INET, SOCK_STREAM, -1, WSAEPROTONOSUPPORT, 0, 0},
    {0xdead, 0xdead, IPPROTO_TCP, WSAESOCKTNOSUPPORT, 0, 0},
    {0xdead, SOCK_STREAM, 0xdead, WSAEAFNOSUPPORT, 0, 0},
    {AF_INET, 0xdead, 0xdead, WSAESOCKTNOSUPPORT, 0, 0},
    {0xdead, SOCK_STREAM, IPPROTO_UDP, WSAEAFNOSUPPORT, 0, 0},
    {AF_INET, SOCK_STREAM, 0, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_INET, SOCK_DGRAM, 0, 0, SOCK_DGRAM, IPPROTO_UDP},
    {AF_INET, 0xdead, 0, WSAESOCKTNOSUPPORT, 0, 0},
    {AF_INET, 0, IPPROTO_TCP, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_INET, 0, IPPROTO_UDP, 0, SOCK_DGRAM, IPPROTO_UDP},
    {AF_INET, 0, 0xdead, WSAEPROTONOSUPPORT, 0, 0},
    {AF_INET, 0, 0, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_INET, SOCK_STREAM, IPPROTO_UDP, WSAEPROTONOSUPPORT, 0, 0},
    {AF_INET, SOCK_DGRAM, IPPROTO_TCP, WSAEPROTONOSUPPORT, 0, 0},
    {AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_UNSPEC, SOCK_STREAM, 0xdead, WSAEPROTONOSUPPORT, 0, 0},
    {AF_UNSPEC, 0xdead, IPPROTO_UDP, WSAESOCKTNOSUPPORT, 0, 0},
    {AF_UNSPEC, SOCK_STREAM, 0, WSAEINVAL, 0, 0},
    {AF_UNSPEC, SOCK_DGRAM, 0, WSAEINVAL, 0, 0},
    {AF_UNSPEC, 0xdead, 0, WSAEINVAL, 0, 0},
    {AF_UNSPEC, 0, IPPROTO_TCP, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_UNSPEC, 0, IPPROTO_UDP, 0, SOCK_DGRAM, IPPROTO_UDP},
    {AF_UNSPEC, 0, 0xdead, WSAEPROTONOSUPPORT, 0, 0},
    {AF_UNSPEC, 0, 0, WSAEINVAL, 0, 0},
    {AF_INET6, SOCK_STREAM, 0, 0, SOCK_STREAM, IPPROTO_TCP},
    {AF_INET6, SOCK_DGRAM, IPPROTO_UDP, 0, SOCK_DGRAM, IPPROTO_UDP},
};

WT_CASE(wsasocket_argument_table)
{
    for (size_t i = 0; i < sizeof creation / sizeof creation[0]; i++) {
        WSASetLastError(SENTINEL);
        SOCKET s = WSASocketA(creation[i].af, creation[i].type, creation[i].protocol, NULL, 0, 0);
        int err = WSAGetLastError();
        if (creation[i].err) {
            ok(s == INVALID_SOCKET && err == creation[i].err, "row %u (%d,%d,%d): error %s want %s", (unsigned)i,
               creation[i].af, creation[i].type, creation[i].protocol, wt_name(err), wt_name(creation[i].err));
            continue;
        }
        ok(s != INVALID_SOCKET && err == 0, "row %u: error %s", (unsigned)i, wt_name(err));
        int type = -1, len = sizeof type;
        ok(getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len) == 0 && type == creation[i].out_type,
           "row %u: type %d want %d", (unsigned)i, type, creation[i].out_type);
        closesocket(s);
    }
}

WT_CASE(socket_success_sets_error_zero)
{
    SOCKET s;
    WSASetLastError(SENTINEL);
    s = socket(AF_INET, SOCK_STREAM, 0);
    ok(s != INVALID_SOCKET && WSAGetLastError() == 0, "error %s", wt_name(WSAGetLastError()));
    expect_ok(closesocket(s));
}

WT_CASE(closesocket_invalid_and_twice)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    expect_ok(closesocket(s));
    expect_fail(closesocket(s), WSAENOTSOCK);
    expect_fail(closesocket(INVALID_SOCKET), WSAENOTSOCK);
    /* A handle that is not a socket (stdin, an unknown number). */
    expect_fail(closesocket((SOCKET)0), WSAENOTSOCK);
    expect_fail(closesocket((SOCKET)0xdeadbee), WSAENOTSOCK);
}

WT_CASE(bind_errors)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), t;
    struct sockaddr_in a = wt_loopback(0), bound;
    int len = sizeof bound;
    expect_fail(bind(s, NULL, 0), WSAEFAULT);
    expect_fail(bind(s, NULL, sizeof a), WSAEFAULT);
    expect_fail(bind(s, (struct sockaddr *)&a, 0), WSAEFAULT);
    expect_fail(bind(s, (struct sockaddr *)&a, sizeof a - 1), WSAEFAULT);
    a.sin_family = 0xdead;
    expect_fail(bind(s, (struct sockaddr *)&a, sizeof a), WSAEAFNOSUPPORT);
    a = wt_loopback(0);
    a.sin_addr.s_addr = inet_addr("192.0.2.1"); /* not a local address */
    expect_fail(bind(s, (struct sockaddr *)&a, sizeof a), WSAEADDRNOTAVAIL);
    a = wt_loopback(0);
    expect_ok(bind(s, (struct sockaddr *)&a, sizeof a));
    expect_fail(bind(s, (struct sockaddr *)&a, sizeof a), WSAEINVAL); /* already bound */
    ok(getsockname(s, (struct sockaddr *)&bound, &len) == 0, "getsockname");
    t = socket(AF_INET, SOCK_STREAM, 0);
    expect_fail(bind(t, (struct sockaddr *)&bound, sizeof bound), WSAEADDRINUSE);
    closesocket(t);
    closesocket(s);
}

WT_CASE(bind_ipv6_lengths)
{
    SOCKET s = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 a;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_addr.s6_addr[15] = 1;
    expect_fail(bind(s, (struct sockaddr *)&a, 24), WSAEFAULT); /* the old 24-byte form */
    expect_ok(bind(s, (struct sockaddr *)&a, sizeof a));
    int len = 24;
    expect_fail(getsockname(s, (struct sockaddr *)&a, &len), WSAEFAULT);
    len = sizeof a;
    expect_ok(getsockname(s, (struct sockaddr *)&a, &len));
    ok(len == (int)sizeof a && a.sin6_family == AF_INET6 && a.sin6_port != 0, "len %d family %d", len,
       a.sin6_family);
    closesocket(s);
}

WT_CASE(listen_errors)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = wt_loopback(0);
    expect_fail(listen((SOCKET)0, 0), WSAENOTSOCK);
    expect_fail(listen(INVALID_SOCKET, 0), WSAENOTSOCK);
    expect_fail(listen(u, SOMAXCONN), WSAEOPNOTSUPP);
    /* Linux would bind an unbound socket to an ephemeral port; Windows refuses. */
    expect_fail(listen(s, SOMAXCONN), WSAEINVAL);
    expect_fail(listen(s, -2), WSAEINVAL);
    expect_ok(bind(s, (struct sockaddr *)&a, sizeof a));
    expect_ok(listen(s, 0));
    expect_ok(listen(s, SOMAXCONN)); /* listening twice is allowed */
    int on = -1, len = sizeof on;
    expect_ok(getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, (char *)&on, &len));
    ok(on != 0, "SO_ACCEPTCONN %d", on);
    closesocket(s);
    closesocket(u);
}

WT_CASE(accept_errors_and_addresses)
{
    struct sockaddr_in a, peer;
    SOCKET l = wt_listener(&a), c, s, n = socket(AF_INET, SOCK_STREAM, 0);
    int len;
    SOCKET u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in ua = wt_loopback(0);
    expect_wsa(accept(u, NULL, NULL), INVALID_SOCKET, WSAEOPNOTSUPP); /* datagram: nothing to accept */
    expect_ok(bind(u, (struct sockaddr *)&ua, sizeof ua));
    expect_wsa(accept(u, NULL, NULL), INVALID_SOCKET, WSAEOPNOTSUPP);
    closesocket(u);
    expect_wsa(accept(n, NULL, NULL), INVALID_SOCKET, WSAEINVAL); /* not listening */
    expect_wsa(accept(INVALID_SOCKET, NULL, NULL), INVALID_SOCKET, WSAENOTSOCK);
    c = socket(AF_INET, SOCK_STREAM, 0);
    expect_ok(connect(c, (struct sockaddr *)&a, sizeof a));
    len = 0;
    expect_wsa(accept(l, (struct sockaddr *)&peer, &len), INVALID_SOCKET, WSAEFAULT);
    ok(len == 0, "len %d", len);
    len = sizeof(SOCKADDR_STORAGE);
    {
        SOCKADDR_STORAGE ss;
        WSASetLastError(SENTINEL);
        s = accept(l, (struct sockaddr *)&ss, &len);
        ok(s != INVALID_SOCKET && WSAGetLastError() == 0, "accept: %s", wt_name(WSAGetLastError()));
        ok(len == (int)sizeof(struct sockaddr_in) && ss.ss_family == AF_INET, "len %d family %d", len,
           ss.ss_family);
    }
    closesocket(s);
    closesocket(c);
    closesocket(n);
    closesocket(l);
}

WT_CASE(connect_implicit_bind_and_isconn)
{
    struct sockaddr_in a, local, peer;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0), s;
    int len = sizeof local;
    expect_fail(getsockname(c, (struct sockaddr *)&local, &len), WSAEINVAL); /* unbound */
    expect_ok(connect(c, (struct sockaddr *)&a, sizeof a));
    len = sizeof local;
    expect_ok(getsockname(c, (struct sockaddr *)&local, &len));
    ok(local.sin_family == AF_INET && local.sin_port != 0 && local.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
       "local %s:%u", inet_ntoa(local.sin_addr), ntohs(local.sin_port));
    len = sizeof peer;
    expect_ok(getpeername(c, (struct sockaddr *)&peer, &len));
    ok(peer.sin_port == a.sin_port && len == (int)sizeof peer, "peer port %u", ntohs(peer.sin_port));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEISCONN);
    s = accept(l, NULL, NULL);
    expect_fail(connect(s, (struct sockaddr *)&a, sizeof a), WSAEISCONN);
    expect_fail(connect(l, (struct sockaddr *)&a, sizeof a), WSAEINVAL); /* listening (Linux: EISCONN) */
    closesocket(s);
    closesocket(c);
    closesocket(l);
}

WT_CASE(connect_argument_errors)
{
    SOCKET c = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = wt_loopback(9);
    struct sockaddr_in6 a6;
    expect_fail(connect(c, NULL, sizeof a), WSAEFAULT);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a - 1), WSAEFAULT);
    memset(&a6, 0, sizeof a6);
    a6.sin6_family = AF_INET6;
    expect_fail(connect(c, (struct sockaddr *)&a6, sizeof a6), WSAEAFNOSUPPORT);
    a.sin_addr.s_addr = 0;
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEADDRNOTAVAIL); /* all-zero address */
    expect_fail(connect(INVALID_SOCKET, (struct sockaddr *)&a, sizeof a), WSAENOTSOCK);
    closesocket(c);
}

WT_CASE(connect_refused_then_again)
{
    struct sockaddr_in a;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0), t;
    closesocket(l); /* nothing listens on a now */
    wt_refuse_at_once(c);
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAECONNREFUSED);
    l = wt_listener(&a);
    expect_ok(connect(c, (struct sockaddr *)&a, sizeof a)); /* a fresh attempt on the same socket */
    t = accept(l, NULL, NULL);
    ok(t != INVALID_SOCKET, "accept");
    closesocket(t);
    closesocket(c);
    closesocket(l);
}

/* sock.c test_select: listen on a socket whose non-blocking connect was
 * refused succeeds on Windows (Linux: EINVAL, the kernel socket saw a
 * connect); the SOCKET value stays the same and the listener works. */
WT_CASE(listen_after_refused_connect)
{
    struct sockaddr_in a, b;
    SOCKET l = wt_listener(&a), c = socket(AF_INET, SOCK_STREAM, 0), t, d;
    int len = sizeof b, one = 1, v = 0, vlen = sizeof v;
    closesocket(l); /* nothing listens on a now */
    wt_refuse_at_once(c);
    wt_nonblocking(c, 1);
    expect_ok(setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, (char *)&one, sizeof one));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEWOULDBLOCK);
    ok(wt_select_one(c, 2000) == 4, "select: exceptfds");
    expect_ok(listen(c, SOMAXCONN));
    expect_ok(getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, &vlen));
    ok(v == 1, "SO_KEEPALIVE kept: %d", v);
    expect_ok(getsockname(c, (struct sockaddr *)&b, &len));
    ok(b.sin_port != 0, "listening on a port");
    b.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    d = socket(AF_INET, SOCK_STREAM, 0);
    expect_ok(connect(d, (struct sockaddr *)&b, sizeof b));
    ok(wt_wait_readable(c) == 1, "connection pending");
    t = accept(c, NULL, NULL);
    ok(t != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    closesocket(t);
    closesocket(d);
    closesocket(c);
}

WT_CASE(shutdown_rules)
{
    SOCKET c, s, u = socket(AF_INET, SOCK_DGRAM, 0), n = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    int len = sizeof a;
    expect_fail(shutdown(n, SD_SEND), WSAENOTCONN);
    expect_fail(shutdown(n, SD_RECEIVE), WSAENOTCONN);
    wt_tcp_pair(&c, &s);
    expect_fail(shutdown(c, 0xdead), WSAEINVAL);
    expect_ok(shutdown(c, SD_SEND));
    expect_ok(shutdown(c, SD_SEND)); /* again */
    expect_ok(getpeername(c, (struct sockaddr *)&a, &len));
    {
        char buf[4];
        expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0); /* the peer sees the end of the stream */
    }
    /* Windows shuts down an unconnected datagram socket (Linux: ENOTCONN). */
    expect_ok(shutdown(u, SD_SEND));
    expect_ok(shutdown(u, SD_SEND));
    closesocket(c);
    closesocket(s);
    closesocket(u);
    closesocket(n);
}

/* Both directions shut down, the FINs exchanged: each end still knows its
 * peer (sock.c test_shutdown); Linux says ENOTCONN once the connection is
 * closed.  The same after SD_BOTH on both ends. */
static void peers_still_known(SOCKET c, SOCKET s)
{
    struct sockaddr_in cs, cp, ss, sp;
    int len = sizeof cs;
    expect_ok(getsockname(c, (struct sockaddr *)&cs, &len));
    len = sizeof cp;
    expect_ok(getpeername(c, (struct sockaddr *)&cp, &len));
    len = sizeof ss;
    expect_ok(getsockname(s, (struct sockaddr *)&ss, &len));
    len = sizeof sp;
    expect_ok(getpeername(s, (struct sockaddr *)&sp, &len));
    ok(!memcmp(&cp, &ss, sizeof cp) && !memcmp(&sp, &cs, sizeof sp), "the peers' addresses match");
}
WT_CASE(getpeername_after_shutdown)
{
    SOCKET c, s;
    char buf[4];
    wt_tcp_pair(&c, &s);
    expect_ok(shutdown(c, SD_SEND));
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_ok(shutdown(s, SD_SEND));
    expect_wsa(recv(c, buf, sizeof buf, 0), 0, 0);
    peers_still_known(c, s);
    closesocket(c);
    closesocket(s);
    wt_tcp_pair(&c, &s);
    expect_ok(shutdown(c, SD_BOTH));
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_ok(shutdown(s, SD_BOTH));
    Sleep(50); /* the last FIN and its ACK */
    peers_still_known(c, s);
    expect_fail(recv(c, buf, sizeof buf, 0), WSAESHUTDOWN);
    expect_fail(send(s, "x", 1, 0), WSAESHUTDOWN);
    closesocket(c);
    closesocket(s);
}

WT_CASE(getpeername_rules)
{
    SOCKET u = socket(AF_INET, SOCK_DGRAM, 0), c, s;
    struct sockaddr_in a;
    int len;
    expect_fail(getpeername(INVALID_SOCKET, NULL, NULL), WSAENOTSOCK);
    expect_fail(getpeername(u, NULL, NULL), WSAENOTCONN); /* state before pointers */
    wt_tcp_pair(&c, &s);
    expect_fail(getpeername(c, NULL, NULL), WSAEFAULT);
    expect_fail(getpeername(c, (struct sockaddr *)&a, NULL), WSAEFAULT);
    len = 0;
    expect_fail(getpeername(c, (struct sockaddr *)&a, &len), WSAEFAULT);
    ok(len == 0, "len %d", len);
    len = sizeof(SOCKADDR_STORAGE);
    {
        SOCKADDR_STORAGE ss;
        expect_ok(getpeername(c, (struct sockaddr *)&ss, &len));
        ok(len == (int)sizeof(struct sockaddr_in), "len %d", len);
    }
    closesocket(c);
    closesocket(s);
    closesocket(u);
}

/* The rest of sock.c test_shutdown: a listener is not connected either; the
 * peer reads the end of the stream again and again; connect after the
 * shutdowns is WSAEISCONN; getsockname still works. */
WT_CASE(shutdown_listener_repeated_end_and_isconn)
{
    struct sockaddr_in a, b;
    SOCKET l = wt_listener(&a), c, s;
    int len = sizeof b;
    char buf[4];
    expect_fail(shutdown(l, SD_SEND), WSAENOTCONN);
    expect_fail(shutdown(l, SD_RECEIVE), WSAENOTCONN);
    closesocket(l);
    wt_tcp_pair(&c, &s);
    expect_ok(shutdown(c, SD_SEND));
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_wsa(recv(s, buf, sizeof buf, 0), 0, 0);
    expect_ok(shutdown(c, SD_RECEIVE));
    expect_ok(getsockname(c, (struct sockaddr *)&b, &len));
    ok(b.sin_family == AF_INET && b.sin_port != 0, "getsockname family %d port %u", b.sin_family, ntohs(b.sin_port));
    len = sizeof a;
    expect_ok(getpeername(c, (struct sockaddr *)&a, &len));
    expect_fail(connect(c, (struct sockaddr *)&a, sizeof a), WSAEISCONN);
    closesocket(c);
    closesocket(s);
}

WT_MAIN(wsasocket_argument_table, socket_success_sets_error_zero, closesocket_invalid_and_twice, bind_errors,
        bind_ipv6_lengths, listen_errors, accept_errors_and_addresses, connect_implicit_bind_and_isconn,
        connect_argument_errors, connect_refused_then_again, listen_after_refused_connect, shutdown_rules, shutdown_listener_repeated_end_and_isconn, getpeername_rules,
        getpeername_after_shutdown)
