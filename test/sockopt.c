/* setsockopt / getsockopt (Wine sock.c test_set_getsockopt, test_optsize,
 * test_extendedSocketOptions, test_sockopt_validity, test_ipv6only,
 * test_so_debug, test_listen, test_accept_inheritance, test_timeout). */
#include "wstest.h"
#include <mswsock.h>
#include <mstcpip.h>

/* Windows 10 SDK values; older MinGW headers lack them. */
#ifndef TCP_KEEPALIVE
#define TCP_KEEPALIVE 3
#endif
#ifndef TCP_KEEPCNT
#define TCP_KEEPCNT 16
#endif
#ifndef SO_BSP_STATE /* older MinGW headers */
#define SO_BSP_STATE 0x1009
#endif
#ifndef TCP_KEEPINTVL
#define TCP_KEEPINTVL 17
#endif

static SOCKET tcp4(void)
{
    return socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
}
static SOCKET udp4(void)
{
    return socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
}

static int get_int(SOCKET s, int level, int name)
{
    int v = 0, len = sizeof v;
    ok(getsockopt(s, level, name, (char *)&v, &len) == 0, "getsockopt(%d, %#x): %s", level, name,
       wt_name(WSAGetLastError()));
    return v;
}

WT_CASE(timeouts_round_trip_in_milliseconds)
{
    static const int values[] = {63000, 0, 997000, 100};
    SOCKET s = tcp4();
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        int v = values[i], got, len = sizeof got;
        expect_ok(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&v, sizeof v));
        expect_ok(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&got, &len));
        ok(got == v && len == 4, "SO_RCVTIMEO %d -> %d (len %d)", v, got, len);
        expect_ok(setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, (char *)&v, sizeof v));
        ok(get_int(s, SOL_SOCKET, SO_SNDTIMEO) == v, "SO_SNDTIMEO %d", v);
    }
    closesocket(s);
}

WT_CASE(buffer_sizes_read_back_as_set)
{
    SOCKET s = tcp4();
    int v = 4096, zero = 0;
    expect_ok(setsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&v, sizeof v));
    ok(get_int(s, SOL_SOCKET, SO_SNDBUF) == 4096, "SO_SNDBUF not 4096");
    expect_ok(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, sizeof v));
    ok(get_int(s, SOL_SOCKET, SO_RCVBUF) == 4096, "SO_RCVBUF not 4096");
    expect_ok(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&zero, sizeof zero));
    ok(get_int(s, SOL_SOCKET, SO_RCVBUF) == 0, "SO_RCVBUF not 0");
    expect_ok(setsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&zero, sizeof zero));
    ok(get_int(s, SOL_SOCKET, SO_SNDBUF) == 0, "SO_SNDBUF not 0");
    closesocket(s);
}

WT_CASE(linger_round_trip_and_dontlinger_inverse)
{
    static const LINGER values[] = {{0, 0}, {0, 73}, {1, 0}, {5, 189}};
    SOCKET s = tcp4();
    for (unsigned i = 0; i < 4; i++) {
        LINGER l = values[i], got;
        int len = sizeof got;
        expect_ok(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l));
        memset(&got, 0xcc, sizeof got);
        expect_ok(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&got, &len));
        ok(!got.l_onoff == !l.l_onoff && (!l.l_onoff || got.l_linger == l.l_linger), "linger {%u,%u} -> {%u,%u}",
           l.l_onoff, l.l_linger, got.l_onoff, got.l_linger);
        ok(get_int(s, SOL_SOCKET, SO_DONTLINGER) == !l.l_onoff, "SO_DONTLINGER is not !l_onoff");
    }
    /* SO_DONTLINGER FALSE lingers with the last SO_LINGER timeout. */
    int f = 0, t = 1;
    LINGER got;
    int len = sizeof got;
    expect_ok(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&t, sizeof t));
    expect_ok(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, (char *)&f, sizeof f));
    expect_ok(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&got, &len));
    ok(got.l_onoff && got.l_linger == 189, "after DONTLINGER off {%u,%u}", got.l_onoff, got.l_linger);
    closesocket(s);
}

WT_CASE(null_and_bogus_values_are_faults)
{
    SOCKET s = tcp4();
    expect_fail(setsockopt(s, SOL_SOCKET, SO_LINGER, NULL, sizeof(LINGER)), WSAEFAULT);
    expect_fail(setsockopt(s, SOL_SOCKET, SO_LINGER, NULL, 0), WSAEFAULT);
    expect_fail(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, NULL, sizeof(int)), WSAEFAULT);
    expect_fail(setsockopt(s, SOL_SOCKET, SO_DONTLINGER, NULL, 0), WSAEFAULT);
    expect_fail(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)1, sizeof(int)), WSAEFAULT);
    int len = sizeof(int);
    expect_fail(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, NULL, &len), WSAEFAULT);
    int v;
    expect_fail(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&v, NULL), WSAEFAULT);
    closesocket(s);
}

WT_CASE(invalid_level_is_einval)
{
    static const int levels[] = {(int)0xffffffff, 0x1234ffff, (int)0x8000ffff, 0x8000, 0x800};
    SOCKET s = tcp4();
    int v = 100, len;
    for (unsigned i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        expect_fail(setsockopt(s, levels[i], SO_RCVTIMEO, (char *)&v, sizeof v), WSAEINVAL);
        len = sizeof v;
        expect_fail(getsockopt(s, levels[i], SO_RCVTIMEO, (char *)&v, &len), WSAEINVAL);
    }
    closesocket(s);
}

WT_CASE(unknown_option_is_enoprotoopt)
{
    SOCKET s = udp4();
    int v = 0, len = sizeof v;
    expect_fail(getsockopt(s, IPPROTO_IP, -1, (char *)&v, &len), WSAENOPROTOOPT);
    len = sizeof v;
    expect_fail(getsockopt(s, SOL_SOCKET, 0x7fff, (char *)&v, &len), WSAENOPROTOOPT);
    expect_fail(setsockopt(s, IPPROTO_TCP, 0x4242, (char *)&v, sizeof v), WSAENOPROTOOPT);
    closesocket(s);
}

WT_CASE(so_error_keeps_what_was_set)
{
    SOCKET s = tcp4();
    int v = 1234, len = 1;
    expect_ok(get_int(s, SOL_SOCKET, SO_ERROR));
    expect_ok(setsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&v, sizeof v));
    ok(get_int(s, SOL_SOCKET, SO_ERROR) == 1234, "SO_ERROR not 1234");
    ok(get_int(s, SOL_SOCKET, SO_ERROR) == 1234, "second read cleared SO_ERROR");
    expect_fail(getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&v, &len), WSAEFAULT);
    closesocket(s);
}

WT_CASE(so_error_survives_reading_after_refused_connect)
{
    /* test_select: a failed non-blocking connect reports WSAECONNREFUSED and
     * reading SO_ERROR does not clear it. */
    struct sockaddr_in addr;
    SOCKET l = wt_listener(&addr), s = tcp4();
    u_long one = 1;
    closesocket(l);
    wt_refuse_at_once(s);
    ioctlsocket(s, FIONBIO, &one);
    expect_fail(connect(s, (struct sockaddr *)&addr, sizeof addr), WSAEWOULDBLOCK);
    fd_set ex;
    FD_ZERO(&ex);
    FD_SET(s, &ex);
    struct timeval tv = {5, 0};
    ok(select(0, NULL, NULL, &ex, &tv) == 1, "select");
    ok(get_int(s, SOL_SOCKET, SO_ERROR) == WSAECONNREFUSED, "first SO_ERROR read");
    ok(get_int(s, SOL_SOCKET, SO_ERROR) == WSAECONNREFUSED, "second SO_ERROR read");
    closesocket(s);
}

WT_CASE(closed_socket_is_enotsock)
{
    SOCKET s = tcp4();
    int v = 0x1234, len = sizeof v;
    closesocket(s);
    expect_fail(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&v, &len), WSAENOTSOCK);
    ok(v == 0x1234, "buffer touched: %#x", v);
    expect_fail(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&v, sizeof v), WSAENOTSOCK);
}

WT_CASE(nodelay_reads_one_byte)
{
    SOCKET s = tcp4();
    int v = 1;
    char big[42] = {1};
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, 1));
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, 4));
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, big, sizeof big));
    v = (int)0xdeadbeef;
    int len = sizeof v;
    expect_ok(getsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, &len));
    ok(v == (int)0xdeadbe01 && len == 1, "TCP_NODELAY get %#x len %d", v, len);
    v = 0x100; /* only the low byte counts: off */
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, 4));
    ok((get_int(s, IPPROTO_TCP, TCP_NODELAY) & 0xff) == 0, "0x100 did not turn TCP_NODELAY off");
    expect_fail(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, 0), WSAEFAULT);
    expect_fail(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, -1), WSAENOBUFS);
    closesocket(s);
}

WT_CASE(getsockopt_length_rules)
{
    SOCKET s = tcp4();
    int v = (int)0xdeadbeef, len = 0;
    expect_fail(getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len), WSAEFAULT);
    len = -1;
    expect_fail(getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len), WSAEFAULT);
    ok(len == -1, "optlen changed to %d", len);
    char buf[8];
    len = 8;
    expect_ok(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, buf, &len));
    ok(len == 4, "natural size %d", len);
    len = 8;
    expect_ok(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, buf, &len));
    ok(len == 1, "SO_KEEPALIVE natural size %d", len);
    closesocket(s);
}

/* test_optsize: set value 1 with optlen L, read back with optlen L into 0xdeadbeef. */
static void short_round_trip(SOCKET s, int level, int name, int L, int want, int want_len, const char *what)
{
    int v = 1, len = L;
    expect_ok(setsockopt(s, level, name, (char *)&v, L));
    v = (int)0xdeadbeef;
    expect_ok(getsockopt(s, level, name, (char *)&v, &len));
    ok(v == want && len == want_len, "%s L=%d: got %#x len %d (want %#x len %d)", what, L, v, len, want, want_len);
}

WT_CASE(bool_options_short_lengths)
{
    SOCKET s = udp4();
    short_round_trip(s, SOL_SOCKET, SO_BROADCAST, 1, (int)0xdeadbe01, 1, "SO_BROADCAST");
    short_round_trip(s, SOL_SOCKET, SO_BROADCAST, 2, (int)0xdead0001, 1, "SO_BROADCAST");
    short_round_trip(s, SOL_SOCKET, SO_BROADCAST, 4, 1, 4, "SO_BROADCAST");
    short_round_trip(s, SOL_SOCKET, SO_OOBINLINE, 2, (int)0xdead0001, 1, "SO_OOBINLINE");
    short_round_trip(s, SOL_SOCKET, SO_KEEPALIVE, 4, (int)0xdeadbe01, 1, "SO_KEEPALIVE");
    short_round_trip(s, SOL_SOCKET, SO_KEEPALIVE, 2, (int)0xdeadbe01, 1, "SO_KEEPALIVE");
    short_round_trip(s, IPPROTO_IP, IP_TTL, 1, (int)0xdeadbe01, 1, "IP_TTL");
    short_round_trip(s, IPPROTO_IP, IP_TTL, 2, (int)0xdeadbe01, 1, "IP_TTL");
    short_round_trip(s, IPPROTO_IP, IP_TTL, 4, 1, 4, "IP_TTL");
    short_round_trip(s, IPPROTO_IP, IP_MULTICAST_LOOP, 1, (int)0xdeadbe01, 1, "IP_MULTICAST_LOOP");
    closesocket(s);
}

WT_CASE(int_options_short_lengths)
{
    SOCKET s = tcp4();
    int v = 1, len = 2;
    expect_fail(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, 2), WSAEFAULT);
    v = (int)0xdeadbeef;
    expect_fail(getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len), WSAEFAULT);
    ok(v == (int)0xdead0000 && len == 2, "SO_RCVBUF short get %#x len %d", v, len);
    v = (int)0xdeadbeef;
    len = 1;
    expect_fail(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&v, &len), WSAEFAULT);
    ok(v == (int)0xdeadbe00 && len == 1, "SO_LINGER short get %#x len %d", v, len);
    v = (int)0xdeadbeef;
    len = 2;
    expect_fail(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&v, 2), WSAEFAULT);
    expect_fail(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&v, &len), WSAEFAULT);
    ok(v == (int)0xdeadbeef && len == 2, "SO_RCVTIMEO short get %#x len %d", v, len);
    len = 2;
    expect_fail(setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&v, 2), WSAEFAULT);
    expect_fail(getsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&v, &len), WSAEFAULT);
    ok(v == (int)0xdeadbeef && len == 0, "TCP_KEEPALIVE short get %#x len %d", v, len);
    closesocket(s);
}

WT_CASE(setsockopt_zero_and_minus_one_lengths)
{
    SOCKET s = tcp4();
    int v = 1;
    expect_ok(setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&v, 0));
    expect_ok(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&v, 0));
    expect_ok(setsockopt(s, SOL_SOCKET, SO_OOBINLINE, (char *)&v, 0));
    expect_fail(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, 0), WSAEFAULT);
    expect_fail(setsockopt(s, SOL_SOCKET, SO_DONTROUTE, (char *)&v, 0), WSAEFAULT);
    expect_fail(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, 0), WSAEFAULT);
    v = 8192;
    expect_ok(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, -1));
    expect_ok(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&v, -1));
    expect_fail(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, -1), WSAENOBUFS);
    expect_fail(setsockopt(s, IPPROTO_IP, IP_TTL, (char *)&v, -1), WSAENOBUFS);
    closesocket(s);
}

WT_CASE(value_0x100)
{
    SOCKET s = udp4();
    int v = 0x100;
    expect_fail(setsockopt(s, IPPROTO_IP, IP_TTL, (char *)&v, 4), WSAEINVAL);
    expect_fail(setsockopt(s, IPPROTO_IP, IP_TOS, (char *)&v, 4), WSAEINVAL);
    expect_fail(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, 4), WSAEINVAL);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_BROADCAST, (char *)&v, 4));
    ok(get_int(s, SOL_SOCKET, SO_BROADCAST) == 1, "SO_BROADCAST not normalised");
    expect_ok(setsockopt(s, IPPROTO_IP, IP_MULTICAST_LOOP, (char *)&v, 4));
    ok(get_int(s, IPPROTO_IP, IP_MULTICAST_LOOP) == 1, "IP_MULTICAST_LOOP not normalised");
    expect_ok(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, 4));
    ok((get_int(s, SOL_SOCKET, SO_KEEPALIVE) & 0xff) == 0, "SO_KEEPALIVE 0x100 is not off");
    expect_ok(setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, 4));
    ok(get_int(s, SOL_SOCKET, SO_RCVBUF) == 0x100, "SO_RCVBUF");
    closesocket(s);
}

WT_CASE(multicast_ttl_reads_only_optlen_bytes)
{
    SOCKET s = udp4();
    int v = (int)0xffffff0a;
    expect_ok(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, 1));
    ok(get_int(s, IPPROTO_IP, IP_MULTICAST_TTL) == 0x0a, "len 1");
    v = (int)0xffff000b;
    expect_ok(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, 2));
    ok(get_int(s, IPPROTO_IP, IP_MULTICAST_TTL) == 0x0b, "len 2");
    v = (int)0xff00000c;
    expect_ok(setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, 3));
    ok(get_int(s, IPPROTO_IP, IP_MULTICAST_TTL) == 0x0c, "len 3");
    closesocket(s);
}

WT_CASE(tcp_keepalive_seconds)
{
    SOCKET s = tcp4();
    int v = 3600;
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_KEEPALIVE, (char *)&v, sizeof v));
    ok(get_int(s, IPPROTO_TCP, TCP_KEEPALIVE) == 3600, "TCP_KEEPALIVE");
    v = 7;
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_KEEPINTVL, (char *)&v, sizeof v));
    ok(get_int(s, IPPROTO_TCP, TCP_KEEPINTVL) == 7, "TCP_KEEPINTVL");
    v = 5;
    expect_ok(setsockopt(s, IPPROTO_TCP, TCP_KEEPCNT, (char *)&v, sizeof v));
    ok(get_int(s, IPPROTO_TCP, TCP_KEEPCNT) == 5, "TCP_KEEPCNT");
    v = 0x100;
    expect_fail(setsockopt(s, IPPROTO_TCP, TCP_KEEPCNT, (char *)&v, sizeof v), WSAEINVAL);
    closesocket(s);
}

WT_CASE(linger_on_udp_is_enoprotoopt)
{
    SOCKET s = udp4();
    LINGER l = {1, 5};
    int len = sizeof l;
    expect_fail(getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, &len), WSAENOPROTOOPT);
    expect_fail(setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&l, sizeof l), WSAENOPROTOOPT);
    closesocket(s);
}

WT_CASE(acceptconn_and_type)
{
    struct sockaddr_in a = wt_loopback(0);
    SOCKET s = tcp4(), u = udp4();
    int one = 1;
    ok(get_int(s, SOL_SOCKET, SO_ACCEPTCONN) == 0, "SO_ACCEPTCONN before listen");
    bind(s, (struct sockaddr *)&a, sizeof a);
    listen(s, 1);
    ok(get_int(s, SOL_SOCKET, SO_ACCEPTCONN) == 1, "SO_ACCEPTCONN after listen");
    expect_fail(setsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, (char *)&one, sizeof one), WSAENOPROTOOPT);
    ok(get_int(s, SOL_SOCKET, SO_TYPE) == SOCK_STREAM, "SO_TYPE tcp");
    ok(get_int(u, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM, "SO_TYPE udp");
    closesocket(s);
    closesocket(u);
}

WT_CASE(so_debug)
{
    SOCKET s = tcp4();
    int v = 2;
    ok(get_int(s, SOL_SOCKET, SO_DEBUG) == 0, "SO_DEBUG default");
    expect_ok(setsockopt(s, SOL_SOCKET, SO_DEBUG, (char *)&v, sizeof v));
    ok(get_int(s, SOL_SOCKET, SO_DEBUG) == 1, "SO_DEBUG after set 2");
    closesocket(s);
}

WT_CASE(ipv6only)
{
    SOCKET s6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP), s4 = tcp4();
    int v = 2, len = sizeof v, zero = 0, one = 1;
    expect_ok(getsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len));
    ok(v == 1, "IPV6_V6ONLY default %d", v);
    expect_ok(setsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&zero, sizeof zero));
    ok((get_int(s6, IPPROTO_IPV6, IPV6_V6ONLY) & 0xff) == 0, "IPV6_V6ONLY not cleared");
    v = 2;
    len = sizeof v;
    expect_ok(getsockopt(s4, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len));
    ok(v == 1, "IPV6_V6ONLY on IPv4 %d", v);
    expect_ok(setsockopt(s4, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&zero, sizeof zero));
    /* An IPv4 socket reads back what was set, 1 after bind, and refuses a
     * change once bound (sock.c test_ipv6only). */
    v = 2;
    len = sizeof v;
    expect_ok(getsockopt(s4, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len));
    ok(v == 0, "IPv4 IPV6_V6ONLY after setting 0: %d", v);
    expect_ok(setsockopt(s4, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&one, sizeof one));
    struct sockaddr_in a = wt_loopback(0);
    expect_ok(bind(s4, (struct sockaddr *)&a, sizeof a));
    v = 2;
    len = sizeof v;
    expect_ok(getsockopt(s4, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len));
    ok(v == 1, "IPv4 IPV6_V6ONLY after setting 1 and bind: %d", v);
    ok(setsockopt(s4, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&zero, sizeof zero) == SOCKET_ERROR,
       "IPV6_V6ONLY 0 on a bound IPv4 socket");
    ok(setsockopt(s4, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&one, sizeof one) == SOCKET_ERROR,
       "IPV6_V6ONLY 1 on a bound IPv4 socket");
    v = 0;
    len = sizeof v;
    expect_ok(getsockopt(s4, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len));
    ok(v == 1, "IPv4 IPV6_V6ONLY after the refused set: %d", v);
    closesocket(s4);
    closesocket(s6);
}

WT_CASE(option_validity_by_socket_type)
{
    SOCKET t = tcp4(), u = udp4();
    int v = 0, len = sizeof v;
    expect_fail(getsockopt(t, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, &len), WSAEINVAL);
    len = sizeof v;
    expect_fail(getsockopt(t, IPPROTO_IP, IP_MULTICAST_LOOP, (char *)&v, &len), WSAEINVAL);
    len = sizeof v;
    expect_fail(getsockopt(t, IPPROTO_IP, IP_MULTICAST_IF, (char *)&v, &len), WSAEINVAL);
    len = sizeof v;
    expect_ok(getsockopt(t, IPPROTO_IP, IP_TTL, (char *)&v, &len));
    len = sizeof v;
    expect_ok(getsockopt(t, IPPROTO_IP, IP_TOS, (char *)&v, &len));
    len = sizeof v;
    expect_ok(getsockopt(u, IPPROTO_IP, IP_MULTICAST_TTL, (char *)&v, &len));
    len = sizeof v;
    expect_fail(getsockopt(u, IPPROTO_IP, IP_HDRINCL, (char *)&v, &len), WSAEINVAL);
    len = sizeof v;
    expect_fail(getsockopt(t, IPPROTO_IP, IP_HDRINCL, (char *)&v, &len), WSAEINVAL);
    v = 1;
    expect_fail(setsockopt(u, IPPROTO_IP, IP_HDRINCL, (char *)&v, sizeof v), WSAEINVAL);
    len = sizeof(IP_MREQ);
    char mreq[sizeof(IP_MREQ)];
    expect_fail(getsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, mreq, &len), WSAENOPROTOOPT);
    len = sizeof(IP_MREQ);
    expect_fail(getsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, mreq, &len), WSAENOPROTOOPT);
    closesocket(t);
    closesocket(u);
}

/* Every IP / IPv6 level option by socket type, as Windows answers a
 * getsockopt with a 256-byte buffer and then a setsockopt of what it read
 * (sock.c test_sockopt_validity; 0 is success). */
struct validity {
    int opt, get_err, set_err;
};
static void check_validity(const char *what, SOCKET s, int level, const struct validity *t)
{
    for (; t->opt; t++) {
        char value[256];
        int count = sizeof value, r;
        memset(value, 0, sizeof value);
        WSASetLastError(SENTINEL);
        r = getsockopt(s, level, t->opt, value, &count);
        ok(r == (t->get_err ? SOCKET_ERROR : 0) && WSAGetLastError() == t->get_err,
           "%s option %d: getsockopt %d %s, want %s", what, t->opt, r, wt_name(WSAGetLastError()),
           wt_name(t->get_err));
        if (t->get_err || r)
            continue;
        WSASetLastError(SENTINEL);
        r = setsockopt(s, level, t->opt, value, count);
        ok(r == (t->set_err ? SOCKET_ERROR : 0) && WSAGetLastError() == t->set_err,
           "%s option %d: setsockopt %d %s, want %s", what, t->opt, r, wt_name(WSAGetLastError()),
           wt_name(t->set_err));
    }
}

WT_CASE(option_validity_table)
{
    static const struct validity v4_tcp[] = {
        {-1, WSAENOPROTOOPT, 0}, {IP_OPTIONS, 0, 0}, {IP_HDRINCL, WSAEINVAL, 0}, {IP_TOS, 0, 0}, {IP_TTL, 0, 0},
        {IP_MULTICAST_IF, WSAEINVAL, 0}, {IP_MULTICAST_TTL, WSAEINVAL, 0}, {IP_MULTICAST_LOOP, WSAEINVAL, 0},
        {IP_ADD_MEMBERSHIP, WSAENOPROTOOPT, 0}, {IP_DROP_MEMBERSHIP, WSAENOPROTOOPT, 0}, {IP_DONTFRAGMENT, 0, 0},
        {IP_PKTINFO, WSAEINVAL, 0}, {IP_RECVTTL, WSAEINVAL, 0}, {IP_RECEIVE_BROADCAST, WSAEINVAL, 0},
        {IP_RECVIF, WSAEINVAL, 0}, {IP_RECVDSTADDR, WSAEINVAL, 0}, {IP_IFLIST, 0, 0}, {IP_UNICAST_IF, 0, 0},
        {IP_RTHDR, 0, 0}, {IP_GET_IFLIST, WSAEINVAL, 0}, {IP_RECVRTHDR, WSAEINVAL, 0}, {IP_RECVTOS, WSAEINVAL, 0},
        {IP_ORIGINAL_ARRIVAL_IF, WSAEINVAL, 0}, {IP_ECN, WSAEINVAL, 0}, {IP_PKTINFO_EX, WSAEINVAL, 0},
        {IP_WFP_REDIRECT_RECORDS, WSAEINVAL, 0}, {IP_WFP_REDIRECT_CONTEXT, WSAEINVAL, 0},
        {IP_MTU_DISCOVER, 0, WSAEINVAL}, {IP_MTU, WSAENOTCONN, 0}, {IP_RECVERR, WSAEINVAL, 0}, {IP_USER_MTU, 0, 0},
        {0, 0, 0}};
    static const struct validity v4_udp[] = {
        {-1, WSAENOPROTOOPT, 0}, {IP_OPTIONS, 0, 0}, {IP_HDRINCL, WSAEINVAL, 0}, {IP_TOS, 0, 0}, {IP_TTL, 0, 0},
        {IP_MULTICAST_IF, 0, 0}, {IP_MULTICAST_TTL, 0, 0}, {IP_MULTICAST_LOOP, 0, 0},
        {IP_ADD_MEMBERSHIP, WSAENOPROTOOPT, 0}, {IP_DROP_MEMBERSHIP, WSAENOPROTOOPT, 0}, {IP_DONTFRAGMENT, 0, 0},
        {IP_PKTINFO, 0, 0}, {IP_RECVTTL, 0, 0}, {IP_RECEIVE_BROADCAST, 0, 0}, {IP_RECVIF, 0, 0},
        {IP_RECVDSTADDR, 0, 0}, {IP_IFLIST, 0, 0}, {IP_UNICAST_IF, 0, 0}, {IP_RTHDR, 0, 0},
        {IP_GET_IFLIST, WSAEINVAL, 0}, {IP_RECVRTHDR, 0, 0}, {IP_RECVTOS, 0, 0}, {IP_ORIGINAL_ARRIVAL_IF, 0, 0},
        {IP_ECN, 0, 0}, {IP_PKTINFO_EX, 0, 0}, {IP_WFP_REDIRECT_RECORDS, 0, 0}, {IP_WFP_REDIRECT_CONTEXT, 0, 0},
        {IP_MTU_DISCOVER, 0, WSAEINVAL}, {IP_MTU, WSAENOTCONN, 0}, {IP_RECVERR, 0, 0}, {IP_USER_MTU, 0, 0},
        {0, 0, 0}};
    static const struct validity v6_tcp[] = {
        {-1, WSAENOPROTOOPT, 0}, {IPV6_HOPOPTS, 0, 0}, {IPV6_HDRINCL, WSAEINVAL, 0}, {IPV6_UNICAST_HOPS, 0, 0},
        {IPV6_MULTICAST_IF, WSAEINVAL, 0}, {IPV6_MULTICAST_HOPS, WSAEINVAL, 0}, {IPV6_MULTICAST_LOOP, WSAEINVAL, 0},
        {IPV6_ADD_MEMBERSHIP, WSAENOPROTOOPT, 0}, {IPV6_DROP_MEMBERSHIP, WSAENOPROTOOPT, 0}, {IPV6_DONTFRAG, 0, 0},
        {IPV6_PKTINFO, WSAEINVAL, 0}, {IPV6_HOPLIMIT, WSAEINVAL, 0}, {IPV6_PROTECTION_LEVEL, 0, 0},
        {IPV6_RECVIF, WSAEINVAL, 0}, {IPV6_RECVDSTADDR, WSAEINVAL, 0}, {IPV6_V6ONLY, 0, 0}, {IPV6_IFLIST, 0, 0},
        {IPV6_UNICAST_IF, 0, 0}, {IPV6_RTHDR, 0, 0}, {IPV6_GET_IFLIST, WSAEINVAL, 0},
        {IPV6_RECVRTHDR, WSAEINVAL, 0}, {IPV6_RECVTCLASS, WSAEINVAL, 0}, {IP_ORIGINAL_ARRIVAL_IF, WSAEINVAL, 0},
        {IPV6_ECN, WSAEINVAL, 0}, {IPV6_PKTINFO_EX, WSAEINVAL, 0}, {IPV6_WFP_REDIRECT_RECORDS, WSAEINVAL, 0},
        {IPV6_WFP_REDIRECT_CONTEXT, WSAEINVAL, 0}, {IPV6_MTU_DISCOVER, 0, WSAEINVAL}, {IPV6_MTU, WSAENOTCONN, 0},
        {IPV6_RECVERR, WSAEINVAL, 0}, {IPV6_USER_MTU, 0, 0}, {0, 0, 0}};
    static const struct validity v6_udp[] = {
        {-1, WSAENOPROTOOPT, 0}, {IPV6_HOPOPTS, 0, 0}, {IPV6_HDRINCL, WSAEINVAL, 0}, {IPV6_UNICAST_HOPS, 0, 0},
        {IPV6_MULTICAST_IF, 0, 0}, {IPV6_MULTICAST_HOPS, 0, 0}, {IPV6_MULTICAST_LOOP, 0, 0},
        {IPV6_ADD_MEMBERSHIP, WSAENOPROTOOPT, 0}, {IPV6_DROP_MEMBERSHIP, WSAENOPROTOOPT, 0}, {IPV6_DONTFRAG, 0, 0},
        {IPV6_PKTINFO, 0, 0}, {IPV6_HOPLIMIT, 0, 0}, {IPV6_PROTECTION_LEVEL, 0, 0}, {IPV6_RECVIF, 0, 0},
        {IPV6_RECVDSTADDR, 0, 0}, {IPV6_V6ONLY, 0, 0}, {IPV6_IFLIST, 0, 0}, {IPV6_UNICAST_IF, 0, 0},
        {IPV6_RTHDR, 0, 0}, {IPV6_GET_IFLIST, WSAEINVAL, 0}, {IPV6_RECVRTHDR, 0, 0}, {IPV6_RECVTCLASS, 0, 0},
        {IP_ORIGINAL_ARRIVAL_IF, 0, 0}, {IPV6_ECN, 0, 0}, {IPV6_PKTINFO_EX, 0, 0}, {IPV6_WFP_REDIRECT_RECORDS, 0, 0},
        {IPV6_WFP_REDIRECT_CONTEXT, 0, 0}, {IPV6_MTU_DISCOVER, 0, WSAEINVAL}, {IPV6_MTU, WSAENOTCONN, 0},
        {IPV6_RECVERR, 0, 0}, {IPV6_USER_MTU, 0, 0}, {0, 0, 0}};
    SOCKET s;
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    check_validity("IPv4 TCP", s, IPPROTO_IP, v4_tcp);
    closesocket(s);
    s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    check_validity("IPv4 UDP", s, IPPROTO_IP, v4_udp);
    closesocket(s);
    s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
    check_validity("IPv6 TCP", s, IPPROTO_IPV6, v6_tcp);
    closesocket(s);
    s = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    check_validity("IPv6 UDP", s, IPPROTO_IPV6, v6_udp);
    closesocket(s);
}

/* SO_OPENTYPE belongs to the thread, not to a socket: any handle does. */
WT_CASE(so_opentype_is_per_thread)
{
    int v = -1, len = sizeof v, sync = SO_SYNCHRONOUS_NONALERT;
    expect_ok(getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&v, &len));
    ok(v == 0 && len == sizeof v, "default %d len %d", v, len);
    expect_ok(setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&sync, sizeof sync));
    len = sizeof v;
    expect_ok(getsockopt((SOCKET)12345, SOL_SOCKET, SO_OPENTYPE, (char *)&v, &len));
    ok(v == SO_SYNCHRONOUS_NONALERT, "read back %d", v);
    len = 2;
    expect_fail(getsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&v, &len), WSAEFAULT);
    sync = 0;
    expect_ok(setsockopt(INVALID_SOCKET, SOL_SOCKET, SO_OPENTYPE, (char *)&sync, sizeof sync));
}

WT_CASE(multicast_membership)
{
    struct sockaddr_in a;
    SOCKET u = wt_udp(&a);
    IP_MREQ m;
    memset(&m, 0, sizeof m);
    m.imr_multiaddr.s_addr = htonl(0xe00000fb); /* 224.0.0.251 */
    m.imr_interface.s_addr = htonl(INADDR_LOOPBACK);
    expect_fail(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof m - 1), WSAEFAULT);
    expect_ok(setsockopt(u, IPPROTO_IP, IP_ADD_MEMBERSHIP, (char *)&m, sizeof m));
    expect_ok(setsockopt(u, IPPROTO_IP, IP_DROP_MEMBERSHIP, (char *)&m, sizeof m));
    closesocket(u);
}

WT_CASE(accepted_socket_inherits_options)
{
    struct sockaddr_in addr = wt_loopback(0);
    SOCKET l = tcp4(), c = tcp4(), a;
    int one = 1, buf = 0x123, timeo = 1234, len = sizeof addr;
    LINGER lg = {1, 555}, got;
    expect_ok(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, (char *)&one, sizeof one));
    expect_ok(setsockopt(l, SOL_SOCKET, SO_KEEPALIVE, (char *)&one, sizeof one));
    expect_ok(setsockopt(l, SOL_SOCKET, SO_OOBINLINE, (char *)&one, sizeof one));
    expect_ok(setsockopt(l, SOL_SOCKET, SO_SNDBUF, (char *)&buf, sizeof buf));
    expect_ok(setsockopt(l, SOL_SOCKET, SO_RCVBUF, (char *)&buf, sizeof buf));
    expect_ok(setsockopt(l, SOL_SOCKET, SO_SNDTIMEO, (char *)&timeo, sizeof timeo));
    expect_ok(setsockopt(l, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeo, sizeof timeo));
    expect_ok(setsockopt(l, IPPROTO_TCP, TCP_NODELAY, (char *)&one, sizeof one));
    expect_ok(setsockopt(l, SOL_SOCKET, SO_LINGER, (char *)&lg, sizeof lg));
    expect_ok(bind(l, (struct sockaddr *)&addr, sizeof addr));
    expect_ok(listen(l, 1));
    expect_ok(getsockname(l, (struct sockaddr *)&addr, &len));
    expect_ok(connect(c, (struct sockaddr *)&addr, sizeof addr));
    a = accept(l, NULL, NULL);
    ok(a != INVALID_SOCKET, "accept: %s", wt_name(WSAGetLastError()));
    ok(get_int(a, SOL_SOCKET, SO_REUSEADDR) == 1, "SO_REUSEADDR");
    ok((get_int(a, SOL_SOCKET, SO_KEEPALIVE) & 0xff) == 1, "SO_KEEPALIVE");
    ok(get_int(a, SOL_SOCKET, SO_OOBINLINE) == 1, "SO_OOBINLINE");
    ok(get_int(a, SOL_SOCKET, SO_SNDBUF) == 0x123, "SO_SNDBUF");
    ok(get_int(a, SOL_SOCKET, SO_RCVBUF) == 0x123, "SO_RCVBUF");
    ok(get_int(a, SOL_SOCKET, SO_SNDTIMEO) == 1234, "SO_SNDTIMEO");
    ok(get_int(a, SOL_SOCKET, SO_RCVTIMEO) == 1234, "SO_RCVTIMEO");
    ok((get_int(a, IPPROTO_TCP, TCP_NODELAY) & 0xff) == 1, "TCP_NODELAY");
    len = sizeof got;
    expect_ok(getsockopt(a, SOL_SOCKET, SO_LINGER, (char *)&got, &len));
    ok(got.l_onoff && got.l_linger == 555, "SO_LINGER {%u,%u}", got.l_onoff, got.l_linger);
    closesocket(a);
    closesocket(c);
    closesocket(l);
}

/* Last: needs recv (src/ws2_32/recv.c). */
/* Windows' optlen rules option by option (sock.c test_set_getsockopt,
 * test_optsize).  For each: whether 1..3-byte lengths are accepted, the
 * optlen getsockopt reports after a 1-, 2- and 4-byte set, the value a get
 * then reads (0 = the set bytes over 0xdeadbeef), whether 0x100 is a valid
 * value, and whether it is a SOL_SOCKET BOOL (a 0-length set is accepted). */
static const struct optlen_row {
    int af, type, level, name;
    BOOL short_ok;
    int size[3];
    DWORD read[3];
    BOOL big_ok, is_bool;
} optlen_rows[] = {
    {AF_INET, SOCK_DGRAM, SOL_SOCKET, SO_BROADCAST, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_DONTLINGER, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_LINGER, FALSE, {1, 2, 4}, {0xdeadbe00, 0xdead0000, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_OOBINLINE, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVBUF, FALSE, {1, 2, 4}, {0xdeadbe00, 0xdead0000, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_KEEPALIVE, TRUE, {1, 1, 1}, {0, 0, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_DONTROUTE, TRUE, {1, 1, 1}, {0, 0, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVTIMEO, FALSE, {1, 2, 4}, {0, 0, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, TRUE, {1, 1, 4}, {0, 0xdead0001, 0}, TRUE, TRUE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, FALSE, {1, 2, 4}, {0xdeadbe00, 0xdead0000, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDTIMEO, FALSE, {1, 2, 4}, {0, 0, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, SOL_SOCKET, SO_OPENTYPE, FALSE, {1, 2, 4}, {0, 0, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY, TRUE, {1, 1, 1}, {0, 0, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPALIVE, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, FALSE},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPCNT, FALSE, {0, 0, 4}, {0, 0, 0}, FALSE, FALSE},
    {AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_KEEPINTVL, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, FALSE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_LOOP, TRUE, {1, 1, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_MULTICAST_TTL, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_PKTINFO, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_RECVTOS, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_RECVTTL, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_TOS, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {AF_INET, SOCK_DGRAM, IPPROTO_IP, IP_TTL, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {AF_INET6, SOCK_STREAM, IPPROTO_IPV6, IPV6_DONTFRAG, TRUE, {1, 1, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_HOPLIMIT, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, TRUE, {1, 1, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_PKTINFO, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_RECVTCLASS, FALSE, {0, 0, 4}, {0, 0, 0}, TRUE, TRUE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_UNICAST_HOPS, TRUE, {1, 1, 4}, {0, 0, 0}, FALSE, FALSE},
    {AF_INET6, SOCK_DGRAM, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, {1, 1, 1}, {0, 0, 0}, TRUE, FALSE},
};

static void optlen_row_check(unsigned i, const struct optlen_row *r)
{
    SOCKET s = socket(r->af, r->type, 0);
    DWORD saved = 0, value;
    unsigned long long wide = 0xffffffff00000001ull;
    int len = sizeof saved;
    BOOL sol = r->level == SOL_SOCKET;
    ok(getsockopt(s, r->level, r->name, (char *)&saved, &len) == 0, "row %u: getsockopt %s", i,
       wt_name(WSAGetLastError()));
    /* An 8-byte value sets; a get with 8 bytes of room reports the size. */
    expect_ok(setsockopt(s, r->level, r->name, (char *)&wide, sizeof wide));
    len = sizeof wide;
    expect_ok(getsockopt(s, r->level, r->name, (char *)&wide, &len));
    ok(len == r->size[2], "row %u: size %d", i, len);
    /* optlen -1: SOL_SOCKET options wider than a byte take it. */
    value = 1;
    if (r->size[2] == 1 || !sol) {
        WSASetLastError(SENTINEL);
        int ret = setsockopt(s, r->level, r->name, (char *)&value, -1), e = WSAGetLastError();
        ok(ret == SOCKET_ERROR && (e == WSAENOBUFS || e == WSAEFAULT), "row %u: set, optlen -1: %d %s", i, ret,
           wt_name(e));
    } else
        expect_ok(setsockopt(s, r->level, r->name, (char *)&value, -1));
    len = -1;
    if (r->name == SO_OPENTYPE && sol) {
        expect_ok(getsockopt(s, r->level, r->name, (char *)&value, &len));
        ok(len == 4, "row %u: optlen %d", i, len);
    } else {
        expect_fail(getsockopt(s, r->level, r->name, (char *)&value, &len), WSAEFAULT);
        ok(len == -1, "row %u: optlen %d", i, len);
    }
    /* optlen 0: a SOL_SOCKET BOOL sets (to 0 bytes' worth); a get never works. */
    value = 1;
    expect_wsa(setsockopt(s, r->level, r->name, (char *)&value, 0), sol && r->is_bool ? 0 : SOCKET_ERROR,
               sol && r->is_bool ? 0 : WSAEFAULT);
    len = 0;
    expect_fail(getsockopt(s, r->level, r->name, (char *)&value, &len), WSAEFAULT);
    /* 0x100 */
    value = 0x100;
    expect_wsa(setsockopt(s, r->level, r->name, (char *)&value, 4), r->big_ok ? 0 : SOCKET_ERROR,
               r->big_ok ? 0 : WSAEINVAL);
    if (r->big_ok) {
        DWORD want = r->size[2] == 1 ? 0xdeadbe00 : r->is_bool ? 1 : 0x100;
        value = 0xdeadbeef;
        len = 4;
        expect_ok(getsockopt(s, r->level, r->name, (char *)&value, &len));
        ok(len == r->size[2], "row %u: size %d after 0x100", i, len);
        if (r->name != SO_LINGER || !sol) /* Windows reads back a linger of its own making */
            ok(value == want, "row %u: %#lx after 0x100 (want %#lx)", i, (unsigned long)value, (unsigned long)want);
    }
    /* 1, 2 and 4 bytes */
    for (int j = 0; j < 3; j++) {
        int n = 1 << j;
        BOOL fine = r->short_ok || n == 4;
        DWORD want = r->read[j] ? r->read[j] : 0xdeadbeef;
        value = 1;
        if (fine && !r->read[j])
            memcpy(&want, &value, (size_t)r->size[j]);
        expect_wsa(setsockopt(s, r->level, r->name, (char *)&value, n), fine ? 0 : SOCKET_ERROR, fine ? 0 : WSAEFAULT);
        value = 0xdeadbeef;
        len = n;
        expect_wsa(getsockopt(s, r->level, r->name, (char *)&value, &len), fine ? 0 : SOCKET_ERROR, fine ? 0 : WSAEFAULT);
        ok(value == want && len == r->size[j], "row %u, %d bytes: value %#lx (want %#lx), optlen %d (want %d)", i, n,
           (unsigned long)value, (unsigned long)want, len, r->size[j]);
    }
    setsockopt(s, r->level, r->name, (char *)&saved, sizeof saved);
    closesocket(s);
}

WT_CASE(option_length_table)
{
    for (unsigned i = 0; i < sizeof optlen_rows / sizeof optlen_rows[0]; i++)
        optlen_row_check(i, &optlen_rows[i]);
}

/* IP_DONTFRAGMENT (IPv4 and IPv6 levels): TCP reads 1 until cleared,
 * datagrams 0 until set; any non-zero value sets (sock.c
 * test_set_getsockopt).  Linux's TCP sets DF too, but its option reads
 * "want", which the plain mapping called 0. */
WT_CASE(dontfragment_defaults)
{
    for (int v6 = 0; v6 < 2; v6++) {
        int af = v6 ? AF_INET6 : AF_INET, level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
        DWORD value = 0xdead, one = 1, zero = 0, dead = 0xdead;
        int len = sizeof value;
        SOCKET u = socket(af, SOCK_DGRAM, 0), t = socket(af, SOCK_STREAM, 0);
        expect_ok(getsockopt(u, level, IP_DONTFRAGMENT, (char *)&value, &len));
        ok(value == 0, "%s datagram: %lu", v6 ? "IPv6" : "IPv4", (unsigned long)value);
        expect_ok(setsockopt(u, level, IP_DONTFRAGMENT, (char *)&one, sizeof one));
        value = 0xdead;
        expect_ok(getsockopt(u, level, IP_DONTFRAGMENT, (char *)&value, &len));
        ok(value == 1, "set: %lu", (unsigned long)value);
        expect_ok(setsockopt(u, level, IP_DONTFRAGMENT, (char *)&dead, sizeof dead));
        expect_ok(getsockopt(u, level, IP_DONTFRAGMENT, (char *)&value, &len));
        ok(value == 1, "0xdead: %lu", (unsigned long)value);
        value = 0xdead;
        expect_ok(getsockopt(t, level, IP_DONTFRAGMENT, (char *)&value, &len));
        ok(value == 1, "%s stream: %lu", v6 ? "IPv6" : "IPv4", (unsigned long)value);
        expect_ok(setsockopt(t, level, IP_DONTFRAGMENT, (char *)&zero, sizeof zero));
        value = 0xdead;
        expect_ok(getsockopt(t, level, IP_DONTFRAGMENT, (char *)&value, &len));
        ok(value == 0, "cleared: %lu", (unsigned long)value);
        closesocket(u);
        closesocket(t);
    }
}

/* SO_BSP_STATE: a CSADDR_INFO followed by the addresses it points at;
 * unbound and unconnected addresses are NULL with length 0; the buffer
 * must hold it all (for IPv4 CSADDR_INFO plus two sockaddr_in); optlen is
 * left as it was (sock.c test_set_getsockopt). */
WT_CASE(bsp_state)
{
    union {
        CSADDR_INFO cs;
        char space[128];
    } a, b;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), t;
    struct sockaddr_in sa = wt_loopback(0), peer;
    int size = sizeof a, len;
    expect_ok(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&a, &size));
    ok(!a.cs.LocalAddr.iSockaddrLength && !a.cs.LocalAddr.lpSockaddr && !a.cs.RemoteAddr.iSockaddrLength &&
           !a.cs.RemoteAddr.lpSockaddr,
       "unbound: addresses reported");
    expect_ok(bind(s, (struct sockaddr *)&sa, sizeof sa));
    size = sizeof a;
    expect_ok(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&a, &size));
    ok(a.cs.LocalAddr.iSockaddrLength && a.cs.LocalAddr.lpSockaddr, "bound: no local address");
    ok(!a.cs.RemoteAddr.iSockaddrLength && !a.cs.RemoteAddr.lpSockaddr, "unconnected: remote address reported");
    expect_ok(bind(l, (struct sockaddr *)&sa, sizeof sa));
    len = sizeof sa;
    expect_ok(getsockname(l, (struct sockaddr *)&sa, &len));
    expect_ok(listen(l, 1));
    expect_ok(connect(s, (struct sockaddr *)&sa, sizeof sa));
    t = accept(l, NULL, NULL);
    size = sizeof a;
    expect_ok(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&a, &size));
    expect_ok(getsockopt(t, SOL_SOCKET, SO_BSP_STATE, (char *)&b, &size));
    ok(size == sizeof a, "optlen changed to %d", size);
    ok(a.cs.LocalAddr.iSockaddrLength == sizeof(struct sockaddr_in) &&
           a.cs.RemoteAddr.iSockaddrLength == sizeof(struct sockaddr_in),
       "lengths %d %d", a.cs.LocalAddr.iSockaddrLength, a.cs.RemoteAddr.iSockaddrLength);
    ok(!memcmp(a.cs.LocalAddr.lpSockaddr, b.cs.RemoteAddr.lpSockaddr, sizeof(struct sockaddr_in)) &&
           !memcmp(b.cs.LocalAddr.lpSockaddr, a.cs.RemoteAddr.lpSockaddr, sizeof(struct sockaddr_in)),
       "the two ends disagree");
    ok(a.cs.iSocketType == SOCK_STREAM && b.cs.iSocketType == SOCK_STREAM && a.cs.iProtocol == IPPROTO_TCP &&
           b.cs.iProtocol == IPPROTO_TCP,
       "type %d protocol %d", a.cs.iSocketType, a.cs.iProtocol);
    len = sizeof peer;
    expect_ok(getpeername(s, (struct sockaddr *)&peer, &len));
    ok(!memcmp(&peer, a.cs.RemoteAddr.lpSockaddr, sizeof peer), "remote is not getpeername's");
    len = sizeof peer;
    expect_ok(getsockname(s, (struct sockaddr *)&peer, &len));
    ok(!memcmp(&peer, a.cs.LocalAddr.lpSockaddr, sizeof peer), "local is not getsockname's");
    size = sizeof(CSADDR_INFO);
    expect_fail(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&a, &size), WSAEFAULT);
    ok(size == sizeof(CSADDR_INFO), "optlen %d", size);
    size = (int)(sizeof(CSADDR_INFO) + 2 * sizeof(struct sockaddr_in));
    expect_ok(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&a, &size));
    size--;
    expect_fail(getsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&a, &size), WSAEFAULT);
    {
        int one = 1;
        expect_fail(setsockopt(s, SOL_SOCKET, SO_BSP_STATE, (char *)&one, sizeof one), WSAENOPROTOOPT);
    }
    closesocket(s);
    closesocket(t);
    closesocket(l);
}

WT_CASE(rcvtimeo_makes_blocking_recv_time_out)
{
    SOCKET c, s;
    int timeo = 100;
    char b;
    wt_tcp_pair(&c, &s);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeo, sizeof timeo));
    DWORD t0 = GetTickCount();
    expect_fail(recv(s, &b, 1, 0), WSAETIMEDOUT);
    DWORD dt = GetTickCount() - t0;
    ok(dt >= 80 && dt < 2000, "recv timed out after %u ms", (unsigned)dt);
    closesocket(c);
    closesocket(s);
}

WT_MAIN(timeouts_round_trip_in_milliseconds, buffer_sizes_read_back_as_set, linger_round_trip_and_dontlinger_inverse,
        null_and_bogus_values_are_faults, invalid_level_is_einval, unknown_option_is_enoprotoopt,
        so_error_keeps_what_was_set, so_error_survives_reading_after_refused_connect, closed_socket_is_enotsock,
        nodelay_reads_one_byte, getsockopt_length_rules, bool_options_short_lengths, int_options_short_lengths,
        setsockopt_zero_and_minus_one_lengths, value_0x100, multicast_ttl_reads_only_optlen_bytes,
        tcp_keepalive_seconds, linger_on_udp_is_enoprotoopt, acceptconn_and_type, so_debug, ipv6only,
        option_validity_by_socket_type, option_validity_table, so_opentype_is_per_thread, multicast_membership, accepted_socket_inherits_options,
        rcvtimeo_makes_blocking_recv_time_out, option_length_table, dontfragment_defaults, bsp_state)
