/* Windows' SO_REUSEADDR / SO_EXCLUSIVEADDRUSE binding rules
 * (Wine sock.c test_reuseaddr; "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE"). */
#include "wstest.h"

static struct sockaddr_in any4, loop4;
static struct sockaddr_in6 any6, loop6, any6_mapped, loop6_mapped;

/* A port nothing is bound to right now (no connections, so no TIME_WAIT). Chosen below the
 * ephemeral ranges (Linux 32768-60999, Windows 49152-65535) and probed with a dual-stack wildcard
 * bind: a port from bind(0) is an ephemeral one that any connect on the machine (the other tests
 * ctest runs beside this one) may take between the probe and the test's own bind. */
static void pick_port(void)
{
    static unsigned seed;
    struct sockaddr_in a = wt_loopback(0);
    int tries;
    if (!seed)
        seed = GetCurrentProcessId() * 2654435761u ^ GetTickCount();
    for (tries = 0; tries < 200; tries++) {
        struct sockaddr_in6 probe;
        int zero = 0, bound;
        SOCKET s = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
        seed = seed * 1103515245u + 12345u;
        memset(&probe, 0, sizeof probe);
        probe.sin6_family = AF_INET6;
        probe.sin6_port = htons((u_short)(20000 + (seed >> 8) % 12000));
        setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&zero, sizeof zero);
        bound = bind(s, (struct sockaddr *)&probe, sizeof probe) == 0;
        closesocket(s);
        if (bound) {
            a.sin_port = probe.sin6_port;
            break;
        }
    }
    ok(tries < 200, "no free port found");

    loop4 = a;
    any4 = a;
    any4.sin_addr.s_addr = htonl(INADDR_ANY);
    memset(&any6, 0, sizeof any6);
    any6.sin6_family = AF_INET6;
    any6.sin6_port = a.sin_port;
    loop6 = any6;
    loop6.sin6_addr.s6_addr[15] = 1;
    any6_mapped = any6;
    any6_mapped.sin6_addr.s6_addr[10] = any6_mapped.sin6_addr.s6_addr[11] = 0xff;
    loop6_mapped = any6_mapped;
    memcpy(&loop6_mapped.sin6_addr.s6_addr[12], &loop4.sin_addr, 4);
}

static SOCKET tcp(int af, int reuse, int exclusive)
{
    SOCKET s = socket(af, SOCK_STREAM, IPPROTO_TCP);
    int one = 1, zero = 0;
    ok(s != INVALID_SOCKET, "socket: %s", wt_name(WSAGetLastError()));
    if (af == AF_INET6) /* as in test_reuseaddr: dual-stack */
        ok(setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&zero, sizeof zero) == 0, "V6ONLY=0");
    if (reuse)
        expect_ok(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&one, sizeof one));
    if (exclusive)
        expect_ok(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&one, sizeof one));
    return s;
}

#define ADDR(a) (struct sockaddr *)&(a), sizeof(a)

WT_CASE(reuse_on_second_only_is_denied)
{
    pick_port();
    SOCKET s1 = tcp(AF_INET, 0, 0), s2 = tcp(AF_INET, 1, 0);
    expect_ok(bind(s1, ADDR(loop4)));
    expect_fail(bind(s2, ADDR(loop4)), WSAEACCES);
    closesocket(s1);
    closesocket(s2);
    pick_port();
    s1 = tcp(AF_INET6, 0, 0);
    s2 = tcp(AF_INET6, 1, 0);
    expect_ok(bind(s1, ADDR(loop6)));
    expect_fail(bind(s2, ADDR(loop6)), WSAEACCES);
    closesocket(s1);
    closesocket(s2);
}

WT_CASE(reuse_on_both_shares_the_address)
{
    int v = 0x1234, len = sizeof v, one = 1;
    pick_port();
    SOCKET s1 = tcp(AF_INET, 1, 0), s2 = tcp(AF_INET, 0, 0), s3 = tcp(AF_INET, 1, 0);
    expect_ok(bind(s1, ADDR(loop4)));
    expect_ok(getsockopt(s2, SOL_SOCKET, SO_REUSEADDR, (char *)&v, &len));
    ok(v == 0, "SO_REUSEADDR default %#x", v);
    /* Without the option the second bind fails; with it, it succeeds. */
    expect_fail(bind(s2, ADDR(loop4)), WSAEACCES);
    expect_ok(setsockopt(s2, SOL_SOCKET, SO_REUSEADDR, (char *)&one, sizeof one));
    expect_ok(bind(s2, ADDR(loop4)));
    expect_ok(listen(s1, 1));
    expect_ok(listen(s2, 1));
    /* A third one still binds after the others listen. */
    expect_ok(bind(s3, ADDR(loop4)));
    closesocket(s1);
    closesocket(s2);
    closesocket(s3);
}

/* Two listeners sharing a port: every connection goes to the first
 * (test_reuseaddr accepts on the first one); Linux would spread them. */
WT_CASE(shared_port_connections_go_to_the_first)
{
    SOCKET c[16], a;
    pick_port();
    SOCKET s1 = tcp(AF_INET, 1, 0), s2 = tcp(AF_INET, 1, 0);
    expect_ok(bind(s1, ADDR(loop4)));
    expect_ok(bind(s2, ADDR(loop4)));
    expect_ok(listen(s1, SOMAXCONN));
    expect_ok(listen(s2, SOMAXCONN));
    wt_nonblocking(s1, 1);
    wt_nonblocking(s2, 1);
    for (int i = 0; i < 16; i++) {
        c[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        expect_ok(connect(c[i], ADDR(loop4)));
    }
    for (int i = 0; i < 16; i++) {
        WSASetLastError(SENTINEL);
        a = accept(s1, NULL, NULL);
        ok(a != INVALID_SOCKET, "connection %d not on the first listener: %s", i, wt_name(WSAGetLastError()));
        closesocket(a);
    }
    expect_wsa(accept(s2, NULL, NULL), INVALID_SOCKET, WSAEWOULDBLOCK);
    for (int i = 0; i < 16; i++)
        closesocket(c[i]);
    closesocket(s1);
    closesocket(s2);
}

/* Four sockets share the port, bound and listening one after another:
 * each connection goes to the first listener still open, so closing it
 * hands the port's connections to the next (sock.c test_reuseaddr, both
 * families). */
static void accept_one(SOCKET l, const char *which)
{
    fd_set r;
    struct timeval tv = {2, 0};
    FD_ZERO(&r);
    FD_SET(l, &r);
    ok(select(0, &r, NULL, NULL, &tv) == 1, "%s: no connection", which);
    SOCKET a = accept(l, NULL, NULL);
    ok(a != INVALID_SOCKET, "%s: %s", which, wt_name(WSAGetLastError()));
    closesocket(a);
}
static void shared_port_succession(int af, const struct sockaddr *lo, int len)
{
    SOCKET s[4], c[4];
    for (int i = 0; i < 4; i++)
        s[i] = tcp(af, 1, 0);
    expect_ok(bind(s[0], lo, len));
    expect_ok(bind(s[1], lo, len));
    expect_ok(listen(s[0], 1));
    expect_ok(listen(s[1], 1));
    c[0] = socket(af, SOCK_STREAM, IPPROTO_TCP);
    expect_ok(connect(c[0], lo, len));
    accept_one(s[0], "the first");
    closesocket(s[0]);
    expect_ok(bind(s[2], lo, len));
    c[1] = socket(af, SOCK_STREAM, IPPROTO_TCP);
    expect_ok(connect(c[1], lo, len));
    accept_one(s[1], "the second, once the first is closed");
    closesocket(s[1]);
    expect_ok(bind(s[3], lo, len));
    expect_ok(listen(s[2], 1));
    c[2] = socket(af, SOCK_STREAM, IPPROTO_TCP);
    expect_ok(connect(c[2], lo, len));
    accept_one(s[2], "the third");
    closesocket(s[2]);
    expect_ok(listen(s[3], 1));
    c[3] = socket(af, SOCK_STREAM, IPPROTO_TCP);
    expect_ok(connect(c[3], lo, len));
    accept_one(s[3], "the fourth");
    closesocket(s[3]);
    for (int i = 0; i < 4; i++)
        closesocket(c[i]);
}
WT_CASE(shared_port_connections_follow_the_listeners)
{
    pick_port();
    shared_port_succession(AF_INET, ADDR(loop4));
    pick_port();
    shared_port_succession(AF_INET6, ADDR(loop6));
}

WT_CASE(two_wildcard_binds_conflict)
{
    pick_port();
    SOCKET s1 = tcp(AF_INET, 0, 0), s2 = tcp(AF_INET, 0, 0);
    expect_ok(bind(s1, ADDR(any4)));
    expect_fail(bind(s2, ADDR(any4)), WSAEADDRINUSE);
    closesocket(s1);
    closesocket(s2);
}

WT_CASE(same_address_twice_conflicts)
{
    pick_port();
    SOCKET s1 = tcp(AF_INET, 0, 0), s2 = tcp(AF_INET, 0, 0);
    expect_ok(bind(s1, ADDR(loop4)));
    expect_fail(bind(s2, ADDR(loop4)), WSAEADDRINUSE);
    expect_ok(listen(s1, 1));
    expect_fail(bind(s2, ADDR(loop4)), WSAEADDRINUSE);
    closesocket(s1);
    closesocket(s2);
}

/* Without options a specific address may join a wildcard one (and the
 * reverse); connections to the specific address go to its socket. */
static void wildcard_and_specific(int any_first)
{
    pick_port();
    SOCKET s1 = tcp(AF_INET, 0, 0), s2 = tcp(AF_INET, 0, 0), c = tcp(AF_INET, 0, 0), a;
    SOCKET sany = any_first ? s1 : s2, sloop = any_first ? s2 : s1;
    struct sockaddr_in first = any_first ? any4 : loop4, second = any_first ? loop4 : any4;
    expect_ok(bind(s1, ADDR(first)));
    expect_ok(listen(s1, 1));
    expect_ok(bind(s2, ADDR(second)));
    expect_ok(listen(s2, 1));
    expect_ok(connect(c, ADDR(loop4)));
    a = accept(sloop, NULL, NULL);
    ok(a != INVALID_SOCKET, "accept on the loopback socket: %s", wt_name(WSAGetLastError()));
    (void)sany;
    closesocket(a);
    closesocket(c);
    closesocket(s1);
    closesocket(s2);
}

WT_CASE(wildcard_then_specific_without_options)
{
    wildcard_and_specific(1);
}

WT_CASE(specific_then_wildcard_without_options)
{
    wildcard_and_specific(0);
}

WT_CASE(reuse_and_exclusive_exclude_each_other)
{
    int one = 1, zero = 0;
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&one, sizeof one));
    expect_fail(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&one, sizeof one), WSAEINVAL);
    expect_ok(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&zero, sizeof zero));
    expect_ok(setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&one, sizeof one));
    expect_fail(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&one, sizeof one), WSAEINVAL);
    closesocket(s);
}

WT_CASE(exclusive_table)
{
    static const struct {
        int af1, ex1;
        const void *a1;
        int af2, ex2;
        const void *a2;
        int err;
    } t[] = {
        {AF_INET, 1, &any4, AF_INET, 0, &loop4, WSAEACCES},
        {AF_INET6, 1, &any6, AF_INET, 0, &loop4, WSAEACCES},
        {AF_INET, 0, &any4, AF_INET, 1, &loop4, 0},
        {AF_INET, 1, &any4, AF_INET, 1, &loop4, WSAEACCES},
        {AF_INET, 1, &loop4, AF_INET, 0, &any4, 0},
        {AF_INET, 0, &loop4, AF_INET, 1, &any4, WSAEADDRINUSE},
        {AF_INET, 0, &loop4, AF_INET6, 1, &any6, WSAEADDRINUSE},
        {AF_INET6, 0, &loop6, AF_INET, 1, &any4, 0},
        {AF_INET6, 1, &loop6, AF_INET, 1, &loop4, 0},
        {AF_INET6, 0, &loop6_mapped, AF_INET, 1, &any4, WSAEADDRINUSE},
        {AF_INET6, 1, &any6, AF_INET, 0, &any4, WSAEACCES},
        {AF_INET6, 0, &any6, AF_INET, 1, &any4, 0},
        {AF_INET, 0, &any4, AF_INET, 1, &any4, WSAEADDRINUSE},
        {AF_INET, 0, &any4, AF_INET, 0, &any4, WSAEADDRINUSE},
        {AF_INET6, 0, &any6, AF_INET, 0, &any4, 0},
        {AF_INET6, 0, &any6_mapped, AF_INET, 0, &any4, WSAEADDRINUSE},
        {AF_INET6, 0, &loop6_mapped, AF_INET, 0, &loop4, WSAEADDRINUSE},
        {AF_INET, 0, &loop4, AF_INET6, 0, &loop6_mapped, WSAEADDRINUSE},
        {AF_INET, 1, &loop4, AF_INET, 0, &loop4, WSAEADDRINUSE},
        {AF_INET, 0, &loop4, AF_INET, 1, &loop4, WSAEADDRINUSE},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        pick_port();
        SOCKET s1 = tcp(t[i].af1, 0, t[i].ex1), s2 = tcp(t[i].af2, 0, t[i].ex2);
        int l1 = t[i].af1 == AF_INET ? (int)sizeof(struct sockaddr_in) : (int)sizeof(struct sockaddr_in6);
        int l2 = t[i].af2 == AF_INET ? (int)sizeof(struct sockaddr_in) : (int)sizeof(struct sockaddr_in6);
        int r1 = bind(s1, (const struct sockaddr *)t[i].a1, l1);
        ok(r1 == 0, "row %u: first bind: %s", (unsigned)i, wt_name(WSAGetLastError()));
        WSASetLastError(SENTINEL);
        int r2 = bind(s2, (const struct sockaddr *)t[i].a2, l2);
        int e2 = WSAGetLastError();
        ok(t[i].err ? (r2 == SOCKET_ERROR && e2 == t[i].err) : (r2 == 0 && e2 == 0),
           "row %u: second bind returned %d, error %s (want %s)", (unsigned)i, r2, wt_name(e2), wt_name(t[i].err));
        closesocket(s1);
        closesocket(s2);
    }
}

WT_CASE(v6_exclusive_blocks_v4_reuse)
{
    /* test_ipv6only: dual-stack [::] exclusive, then 0.0.0.0 with SO_REUSEADDR. */
    int v = 2, len = sizeof v;
    pick_port();
    SOCKET s1 = tcp(AF_INET6, 0, 1), s2 = tcp(AF_INET, 1, 0);
    expect_ok(bind(s1, ADDR(any6)));
    expect_fail(bind(s2, ADDR(any4)), WSAEACCES);
    expect_ok(getsockopt(s1, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len));
    ok(v == 0, "V6ONLY after bind %d", v);
    closesocket(s1);
    closesocket(s2);
}

WT_CASE(closed_socket_frees_the_port)
{
    pick_port();
    SOCKET s1 = tcp(AF_INET, 0, 0), s2 = tcp(AF_INET, 0, 0);
    expect_ok(bind(s1, ADDR(loop4)));
    closesocket(s1);
    expect_ok(bind(s2, ADDR(loop4)));
    closesocket(s2);
}

WT_CASE(udp_reuse_on_both)
{
    int one = 1;
    pick_port();
    SOCKET s1 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), s2 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP),
           s3 = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect_ok(setsockopt(s1, SOL_SOCKET, SO_REUSEADDR, (char *)&one, sizeof one));
    expect_ok(setsockopt(s2, SOL_SOCKET, SO_REUSEADDR, (char *)&one, sizeof one));
    expect_ok(bind(s1, ADDR(loop4)));
    expect_ok(bind(s2, ADDR(loop4)));
    expect_fail(bind(s3, ADDR(loop4)), WSAEACCES);
    closesocket(s1);
    closesocket(s2);
    closesocket(s3);
}

/* Checking Windows' rules costs the same however many other ports the
 * process holds (issue 14: it grew from 60 us to 1 ms over 16,000 binds):
 * the last binds of 6,000 cost about what the first ones did (thread CPU
 * time, which the machine's load moves little). */
#define MANY 6000
#define PART 500
WT_CASE(bind_cost_does_not_grow)
{
    static SOCKET many[MANY];
    double first = 0, last = 0;
    int fails = 0;
    for (int i = 0; i < MANY; i++) {
        double t0 = wt_thread_cpu_ms();
        many[i] = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
        struct sockaddr_in a = wt_loopback(0);
        if (bind(many[i], (struct sockaddr *)&a, sizeof a))
            fails++;
        double t = wt_thread_cpu_ms() - t0;
        if (i < PART)
            first += t;
        else if (i >= MANY - PART)
            last += t;
    }
    ok(!fails, "%d binds failed", fails);
    ok(last < 3 * first + 20, "the last %d binds took %.1f ms, the first %.1f ms", PART, last, first);
    for (int i = 0; i < MANY; i++)
        closesocket(many[i]);
}

WT_MAIN(reuse_on_second_only_is_denied, reuse_on_both_shares_the_address, shared_port_connections_go_to_the_first,
        shared_port_connections_follow_the_listeners, two_wildcard_binds_conflict,
        same_address_twice_conflicts, wildcard_then_specific_without_options, specific_then_wildcard_without_options,
        reuse_and_exclusive_exclude_each_other, exclusive_table, v6_exclusive_blocks_v4_reuse,
        closed_socket_frees_the_port, udp_reuse_on_both, bind_cost_does_not_grow)
