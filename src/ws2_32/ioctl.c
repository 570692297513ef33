/* ioctlsocket and WSAIoctl.
 *
 * Every code is answered in the calling thread.  With an OVERLAPPED the
 * answer is also delivered as a completion like any other (the OVERLAPPED,
 * then the completion routine, event or socket handle, then the port:
 * src/core/io.c ws_io_complete_now): the codes Windows completes at once
 * return 0 and complete with 0 bytes (sock.c test_fionread_siocatmark,
 * test_fionbio, test_keepalive_vals, test_address_list_query);
 * SIO_GET_INTERFACE_LIST and the codes Windows does not know return
 * WSA_IO_PENDING and complete with the result (test_get_interface_list,
 * test_unsupported_ioctls).  A failure of an at-once code is reported to the
 * caller only.  The change notifications (SIO_ADDRESS_LIST_CHANGE,
 * SIO_ROUTING_INTERFACE_CHANGE) pend until the next change of the socket's
 * family's addresses or routes (src/core/netchange.c), or until cancelled
 * or closed.
 * A socket made without WSA_FLAG_OVERLAPPED ignores the OVERLAPPED (WSAIoctl
 * docs). */
#include "engine.h"
#include <ifaddrs.h>
#include <net/if.h>
#include <linux/tcp.h> /* struct tcp_info with the delivery rate */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Urgent data Windows would still report: TCP, not inline, and a byte the
 * kernel has been told about (EAGAIN: announced, not yet arrived). */
static bool oob_pending(ws_sock *sk)
{
    char b;
    if (sk->type != SOCK_STREAM || (ws_flags(sk) & WSF_OOBINLINE))
        return false;
    ssize_t r = recv(sk->fd, &b, 1, MSG_OOB | MSG_PEEK | MSG_DONTWAIT);
    return r == 1 || (r < 0 && errno == EAGAIN);
}

static int do_fionbio(struct ws_call *c, ws_sock *sk, uint32_t on)
{
    int v = on != 0;
    /* A socket registered with WSAEventSelect/WSAAsyncSelect must stay
     * non-blocking (WSAEventSelect docs; sock.c test_fionbio). */
    if (!v && (ws_flags(sk) & WSF_EVSEL))
        return WSAEINVAL;
    /* A listener AcceptEx uses keeps a non-blocking descriptor; accept
     * then waits in poll (src/ws2_32/socket.c). */
    if ((v || !(ws_flags(sk) & WSF_KNONBLOCK)) && ioctl(sk->fd, FIONBIO, &v) < 0) {
        ws_fail_errno(c, "ioctl(FIONBIO)", errno);
        return c->err;
    }
    if (v)
        ws_set_flags(sk, WSF_NONBLOCK);
    else
        ws_clear_flags(sk, WSF_NONBLOCK);
    return 0;
}

/* Bytes recv would return.  Linux already leaves a non-inline urgent byte
 * out, as Windows does (5 normal + 1 OOB byte -> 5,
 * test_fionread_siocatmark). */
static int do_fionread(struct ws_call *c, ws_sock *sk, uint32_t *out)
{
    int n = 0;
    if (ioctl(sk->fd, FIONREAD, &n) < 0) {
        if (errno != EINVAL || !(ws_flags(sk) & WSF_LISTENING)) {
            ws_fail_errno(c, "ioctl(FIONREAD)", errno);
            return c->err;
        }
        n = 0; /* a listening socket has nothing to read */
    }
    *out = (uint32_t)n;
    return 0;
}

/* Windows' SIOCATMARK is TRUE when no urgent data waits to be read with
 * MSG_OOB; Linux's says whether the read position is at the urgent mark. */
static int do_siocatmark(ws_sock *sk, uint32_t *out)
{
    *out = !oob_pending(sk);
    return 0;
}

/* The command on argp.  FIONBIO reads the low 32 bits only, the width of
 * Windows' u_long: then a 32-bit variable cast to u_long * (common in
 * Windows code) is read correctly too.  The results are written at the
 * caller's width. */
static int do_ioctlsocket(struct ws_call *c, SOCKET s, long cmd, void *argp, bool wide)
{
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(c, s);
    if (sk) {
        int err;
        uint32_t in = 0, out = 0;
        DWORD code = (DWORD)cmd;
        if (ws_bad_ptr(argp))
            err = WSAEFAULT;
        else if (code == (DWORD)WS_FIONBIO) {
            memcpy(&in, argp, sizeof in); /* little-endian: the low half of a u_long */
            err = do_fionbio(c, sk, in);
        } else if (code == (DWORD)WS_FIONREAD)
            err = do_fionread(c, sk, &out);
        else if (code == (DWORD)WS_SIOCATMARK)
            err = do_siocatmark(sk, &out);
        else
            err = WSAEINVAL; /* "not a valid command" (ioctlsocket documentation) */
        if (!err && code != (DWORD)WS_FIONBIO) {
            if (wide)
                *(WS_u_long *)argp = out;
            else
                *(ULONG *)argp = out;
        }
        if (err)
            c->err = err;
        else
            ret = 0;
        ws_sock_put(sk);
    }
    return ret;
}

WS2P_EXPORT int ioctlsocket(SOCKET s, long cmd, WS_u_long *argp)
{
    struct ws_call c = WS_CALL("ioctlsocket");
    int ret = do_ioctlsocket(&c, s, cmd, argp, true);
    return WS_EXIT(&c, ret, "s=%lu, cmd=%#x, argp=%p", (unsigned long)s, (unsigned)cmd, (void *)argp);
}

/* The same for callers whose variable is 32 bits (DWORD, ULONG, u_int):
 * winsock2.h routes them here. */
WS2P_EXPORT int ws2p_ioctlsocket32(SOCKET s, long cmd, ULONG *argp)
{
    struct ws_call c = WS_CALL("ioctlsocket");
    int ret = do_ioctlsocket(&c, s, cmd, argp, false);
    return WS_EXIT(&c, ret, "s=%lu, cmd=%#x, argp=%p (32-bit)", (unsigned long)s, (unsigned)cmd, (void *)argp);
}

/* ---- WSAIoctl ------------------------------------------------------------ */

struct ioctl_args {
    const void *in;
    DWORD inlen;
    void *out;
    DWORD outlen;
    DWORD *bytes; /* *bytes is set by the handler */
    bool overlapped;
    SOCKET s;
};

static int need_in(const struct ioctl_args *a, DWORD size)
{
    return ws_bad_ptr(a->in) || a->inlen < size ? WSAEFAULT : 0;
}

/* Output-only codes: WSAEFAULT leaves *bytes alone (test_fionread_siocatmark). */
static int put_out(struct ioctl_args *a, uint32_t v)
{
    if (ws_bad_ptr(a->out) || a->outlen < sizeof v)
        return WSAEFAULT;
    memcpy(a->out, &v, sizeof v);
    *a->bytes = sizeof v;
    return 0;
}

static int io_fionbio(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    int err = need_in(a, sizeof(uint32_t));
    uint32_t v = 0;
    if (!err) {
        memcpy(&v, a->in, sizeof v);
        err = do_fionbio(c, sk, v); /* the output buffer is ignored (test_fionbio) */
    }
    if (!err)
        *a->bytes = 0;
    return err;
}

static int io_fionread(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    uint32_t v = 0;
    if (ws_bad_ptr(a->out) || a->outlen < sizeof v)
        return WSAEFAULT;
    int err = do_fionread(c, sk, &v);
    return err ? err : put_out(a, v);
}

static int io_siocatmark(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    uint32_t v = 0;
    (void)c;
    do_siocatmark(sk, &v);
    return put_out(a, v);
}

/* Milliseconds -> whole seconds, rounded up; Linux wants at least 1. */
static int ms_to_s(ULONG ms)
{
    ULONG s = ms / 1000 + (ms % 1000 != 0);
    return s == 0 ? 1 : s > 32767 ? 32767 : (int)s;
}

static int io_keepalive_vals(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    struct WS_tcp_keepalive ka;
    /* Also on failure, unless overlapped (test_keepalive_vals). */
    if (!a->overlapped)
        *a->bytes = 0;
    int err = need_in(a, sizeof ka);
    if (err)
        return err;
    *a->bytes = 0;
    memcpy(&ka, a->in, sizeof ka);
    int on = ka.onoff != 0, idle = ms_to_s(ka.keepalivetime), intvl = ms_to_s(ka.keepaliveinterval);
    const char *sys = "setsockopt(SO_KEEPALIVE)";
    int ok = setsockopt(sk->fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) == 0;
    /* With keep-alive off the times are ignored (SIO_KEEPALIVE_VALS docs). */
    if (ok && on) {
        sys = "setsockopt(TCP_KEEPIDLE)";
        ok = setsockopt(sk->fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle) == 0;
    }
    if (ok && on) {
        sys = "setsockopt(TCP_KEEPINTVL)";
        ok = setsockopt(sk->fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl) == 0;
    }
    if (!ok) {
        ws_fail_errno(c, sys, errno);
        return c->err;
    }
    return 0;
}

/* SIO_TCP_INITIAL_RTO: how a refused connect retries (core.h).  Rtt is
 * taken as the base time-out between SYNs; MaxSynRetransmissions also
 * bounds the SYNs Linux sends when nothing answers (one more than asked:
 * Linux's first time-out is 1 s where Windows' is 3 s, as at socket()). */
static int io_initial_rto(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    struct WS_TCP_INITIAL_RTO_PARAMETERS p;
    if (!a->overlapped)
        *a->bytes = 0;
    int err = need_in(a, sizeof p);
    if (err)
        return err;
    memcpy(&p, a->in, sizeof p);
    unsigned rtt = p.Rtt == WS_TCP_INITIAL_RTO_UNSPECIFIED_RTT ? 0 : p.Rtt;
    int retries = p.MaxSynRetransmissions == WS_TCP_INITIAL_RTO_NO_SYN_RETRANSMISSIONS ? 0
                  : p.MaxSynRetransmissions == WS_TCP_INITIAL_RTO_UNSPECIFIED_MAX_SYN_RETRANSMISSIONS ||
                          p.MaxSynRetransmissions == WS_TCP_INITIAL_RTO_DEFAULT_MAX_SYN_RETRANSMISSIONS
                      ? -1
                      : p.MaxSynRetransmissions;
    int e = ws_syn_configure(sk, rtt, retries);
    if (e) {
        ws_fail_errno(c, "malloc", e);
        return c->err;
    }
    int syncnt = (retries < 0 ? WS_CONNECT_SYN_RETRIES - 1 : retries) + 1;
    ws_set_xflags(sk, WSX_SYNCNT); /* first: the connect watcher leaves this count alone */
    if (setsockopt(sk->fd, IPPROTO_TCP, TCP_SYNCNT, &syncnt, sizeof syncnt) < 0) {
        ws_fail_errno(c, "setsockopt(TCP_SYNCNT)", errno);
        return c->err;
    }
    return 0;
}

/* How ICMP port-unreachable shows up on UDP is another issue; this only
 * records the choice. */
static int io_udp_connreset(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    uint32_t v = 0;
    (void)c;
    int err = need_in(a, sizeof v);
    if (err)
        return err;
    memcpy(&v, a->in, sizeof v);
    if (v)
        ws_clear_flags(sk, WSF_NO_CONNRESET);
    else
        ws_set_flags(sk, WSF_NO_CONNRESET);
    *a->bytes = 0;
    return 0;
}

/* ---- codes about the socket itself -------------------------------------- */

/* SIO_BASE_HANDLE and the SIO_BSP_HANDLE family: no layered providers, so
 * the base provider's socket is the socket (sock.c test_base_handle);
 * winsock-ioctls: WSAEFAULT for no or too small a buffer, and for
 * SIO_BSP_HANDLE_POLL with an OVERLAPPED. */
static int io_base_handle(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    (void)c;
    (void)sk;
    if (a->overlapped || ws_bad_ptr(a->out) || a->outlen < sizeof(SOCKET))
        return WSAEFAULT;
    memcpy(a->out, &a->s, sizeof(SOCKET));
    *a->bytes = sizeof(SOCKET);
    return 0;
}

/* A code Windows does not know (or not on this socket). */
static int io_unknown(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    (void)sk;
    *a->bytes = 0;
    c->sys = "no translation for this code";
    c->sys_errno = EOPNOTSUPP;
    return WSAEOPNOTSUPP;
}

/* The change notifications without an OVERLAPPED: a non-blocking socket
 * fails WSAEWOULDBLOCK and the next change records FD_ADDRESS_LIST_CHANGE
 * (FD_ROUTING_INTERFACE_CHANGE) for WSAEventSelect / WSAAsyncSelect
 * (winsock-ioctls; sock.c test_sioAddressListChange: only for a socket
 * that asked); a blocking one waits for the change, or for closesocket
 * (WSAEINTR).  With an OVERLAPPED the request parks (WSAIoctl below). */
static int change(ws_sock *sk, struct ioctl_args *a, unsigned kind)
{
    *a->bytes = 0;
    if (ws_flags(sk) & WSF_NONBLOCK) {
        ws_netchange_arm(sk, kind);
        return WSAEWOULDBLOCK;
    }
    return ws_netchange_wait(sk, kind);
}

static int io_address_change(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    (void)c;
    return change(sk, a, WS_NC_ADDR);
}

static int io_route_change(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    (void)c;
    return change(sk, a, WS_NC_ROUTE);
}

/* SIO_ENABLE_CIRCULAR_QUEUEING: accepted on datagram sockets (sock.c
 * test_circular_queueing; the table leaves other sockets to io_unknown).
 * The kernel still drops the newest datagram, not the oldest, when the
 * receive buffer is full. */
static int io_circular_queueing(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    (void)c;
    (void)sk;
    *a->bytes = 0;
    return 0;
}

/* SIO_IDEAL_SEND_BACKLOG_QUERY: connected stream sockets only (WSAENOTCONN
 * otherwise; datagram sockets do not know the code: sock.c
 * test_backlog_query).  The value is the bandwidth-delay product the kernel
 * measures (delivery rate x smoothed RTT), within the peer's window, at
 * least 64 KiB (what Windows answers for a new loopback connection) and at
 * most the 16 MB the page gives as the top of the range. */
static int io_ideal_send_backlog(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    struct tcp_info ti;
    socklen_t len = sizeof ti;
    memset(&ti, 0, sizeof ti);
    if (getsockopt(sk->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0) {
        ws_fail_errno(c, "getsockopt(TCP_INFO)", errno);
        return c->err;
    }
    /* Linux's TCP states (include/net/tcp_states.h, not in the uapi headers). */
    enum { LX_TCP_ESTABLISHED = 1, LX_TCP_CLOSE_WAIT = 8 };
    if (ti.tcpi_state != LX_TCP_ESTABLISHED && ti.tcpi_state != LX_TCP_CLOSE_WAIT)
        return WSAENOTCONN;
    if (ws_bad_ptr(a->out) || a->outlen < sizeof(ULONG)) {
        *a->bytes = 0; /* too small: WSAEINVAL with 0 (the control code's page) */
        return WSAEINVAL;
    }
    uint64_t isb = 0;
    if (len >= offsetof(struct tcp_info, tcpi_delivery_rate) + sizeof ti.tcpi_delivery_rate)
        isb = ti.tcpi_delivery_rate * ti.tcpi_rtt / 1000000u;
    if (len >= offsetof(struct tcp_info, tcpi_snd_wnd) + sizeof ti.tcpi_snd_wnd && ti.tcpi_snd_wnd &&
        isb > ti.tcpi_snd_wnd)
        isb = ti.tcpi_snd_wnd;
    ULONG v = isb < 0x10000u ? 0x10000u : isb > 0x1000000u ? 0x1000000u : (ULONG)isb;
    memcpy(a->out, &v, sizeof v);
    *a->bytes = sizeof v;
    return 0;
}

/* SIO_ROUTING_INTERFACE_QUERY: the local address the kernel would send
 * from, as a connected datagram socket of the destination's family learns
 * it (port 0).  Errors as sock.c test_sioRoutingInterfaceQuery shows: a
 * missing or short input WSAEINVAL, an unknown family WSAEAFNOSUPPORT, a
 * wildcard destination WSAEINVAL; no output buffer WSAEFAULT, one too
 * small WSAEFAULT with the size needed. */
static int io_routing_query(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    (void)sk;
    struct sockaddr_storage dst;
    socklen_t dlen;
    if (ws_bad_ptr(a->in) || a->inlen < sizeof(struct WS_sockaddr_in))
        return WSAEINVAL;
    int err = ws_addr_in(a->in, (int)a->inlen, &dst, &dlen);
    if (err)
        return err == WSAEFAULT ? WSAEINVAL : err;
    if (ws_addr_is_any(&dst))
        return WSAEINVAL;
    DWORD need = dst.ss_family == AF_INET6 ? sizeof(struct WS_sockaddr_in6) : sizeof(struct WS_sockaddr_in);
    if (ws_bad_ptr(a->out))
        return WSAEFAULT;
    if (a->outlen < need) {
        *a->bytes = need;
        return WSAEFAULT;
    }
    in_port_t *port = dst.ss_family == AF_INET6 ? &((struct sockaddr_in6 *)&dst)->sin6_port
                                                : &((struct sockaddr_in *)&dst)->sin_port;
    if (!*port)
        *port = htons(9); /* any port will do for the route */
    int fd = socket(dst.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct sockaddr_storage src;
    socklen_t slen = sizeof src;
    const char *sys = fd < 0 ? "socket" : connect(fd, (struct sockaddr *)&dst, dlen) < 0 ? "connect"
                                      : getsockname(fd, (struct sockaddr *)&src, &slen) < 0 ? "getsockname"
                                                                                            : NULL;
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (sys) {
        ws_fail_errno(c, sys, e);
        return c->err;
    }
    if (src.ss_family == AF_INET6)
        ((struct sockaddr_in6 *)&src)->sin6_port = 0;
    else
        ((struct sockaddr_in *)&src)->sin_port = 0;
    int olen = (int)a->outlen;
    ws_addr_out((struct sockaddr *)&src, slen, a->out, &olen);
    *a->bytes = (DWORD)olen;
    return 0;
}

/* ---- the machine's addresses (getifaddrs) ------------------------------- */

/* SIO_ADDRESS_LIST_QUERY lists the addresses a socket of its family can
 * bind to, leaving out those of the loopback interface (127.*, ::1, the
 * loopback's link-local ones: SIO_ADDRESS_LIST_QUERY docs). */
static bool bindable(const struct ifaddrs *ifa, int family)
{
    return ifa->ifa_addr && ifa->ifa_addr->sa_family == family && (ifa->ifa_flags & IFF_UP) &&
           !(ifa->ifa_flags & IFF_LOOPBACK);
}

static int io_address_list(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    struct ifaddrs *ifs;
    if (getifaddrs(&ifs) < 0) {
        ws_fail_errno(c, "getifaddrs", errno);
        return c->err;
    }
    size_t n = 0, bytes = 0;
    size_t one = sk->family == AF_INET6 ? sizeof(struct WS_sockaddr_in6) : sizeof(struct WS_sockaddr_in);
    for (struct ifaddrs *i = ifs; i; i = i->ifa_next)
        if (bindable(i, sk->family)) {
            n++;
            bytes += one;
        }
    size_t head = offsetof(struct WS_SOCKET_ADDRESS_LIST, Address) + n * sizeof(struct WS_SOCKET_ADDRESS);
    DWORD need = (DWORD)(head + bytes);
    int err = 0;
    /* The size protocol of sock.c test_address_list_query: no buffer (or
     * none of it) and too small both say WSAEFAULT with the size needed;
     * fewer bytes than the count itself is WSAEINVAL with 0. */
    if (ws_bad_ptr(a->out) || a->outlen == 0 || (a->outlen >= sizeof(int) && a->outlen < need)) {
        *a->bytes = need;
        err = WSAEFAULT;
    } else if (a->outlen < sizeof(int)) {
        *a->bytes = 0;
        err = WSAEINVAL;
    } else {
        struct WS_SOCKET_ADDRESS_LIST *list = a->out;
        char *next = (char *)a->out + head;
        int k = 0;
        for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
            if (!bindable(i, sk->family))
                continue;
            int len = (int)one;
            ws_addr_out(i->ifa_addr, sk->family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in),
                        next, &len);
            list->Address[k].lpSockaddr = (struct WS_sockaddr *)next;
            list->Address[k].iSockaddrLength = len;
            next += one;
            k++;
        }
        list->iAddressCount = k;
        *a->bytes = need;
    }
    freeifaddrs(ifs);
    return err;
}

/* SIO_ADDRESS_LIST_SORT orders a SOCKET_ADDRESS_LIST of SOCKADDR_IN6
 * destinations (IPv4 ones IPv4-mapped) best first, by RFC 3484's default
 * policy table (as revised by RFC 6724, the table Windows ships): higher
 * precedence first, then smaller scope, else as given.  Entries that are
 * not SOCKADDR_IN6 are dropped, so the count may shrink (Using
 * SIO_ADDRESS_LIST_SORT).  The answer is the list's head and entries; the
 * entries keep pointing at the caller's sockaddrs. */
static int sort_precedence(const unsigned char *a)
{
    static const struct {
        unsigned char prefix[16];
        int bits, precedence;
    } policy[] = {
        {{[15] = 1}, 128, 50},                   /* ::1 */
        {{[10] = 0xff, [11] = 0xff}, 96, 35},    /* ::ffff:0:0/96, IPv4 */
        {{0x20, 0x02}, 16, 30},                  /* 2002::/16, 6to4 */
        {{0x20, 0x01, 0, 0}, 32, 5},             /* 2001::/32, Teredo */
        {{0xfc}, 7, 3},                          /* fc00::/7, unique local */
        {{0}, 96, 1},                            /* ::/96, IPv4-compatible */
        {{0xfe, 0xc0}, 10, 1},                   /* fec0::/10, site-local */
        {{0x3f, 0xfe}, 16, 1},                   /* 3ffe::/16, 6bone */
    };
    for (size_t i = 0; i < sizeof policy / sizeof *policy; i++) {
        int bits = policy[i].bits, k = 0;
        for (; bits >= 8 && a[k] == policy[i].prefix[k]; k++, bits -= 8)
            ;
        if (bits < 8 && (bits == 0 || ((a[k] ^ policy[i].prefix[k]) >> (8 - bits)) == 0))
            return policy[i].precedence;
    }
    return 40; /* ::/0 */
}

static int sort_scope(const unsigned char *a)
{
    static const unsigned char mapped[12] = {[10] = 0xff, [11] = 0xff};
    if (a[0] == 0xff)
        return a[1] & 0x0f; /* multicast: its own scope field */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
        return 2; /* link-local */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
        return 5; /* site-local */
    static const unsigned char loop[16] = {[15] = 1};
    if (!memcmp(a, loop, 16))
        return 2;
    if (!memcmp(a, mapped, 12) && (a[12] == 127 || (a[12] == 169 && a[13] == 254)))
        return 2;
    return 14; /* global */
}

static int io_address_sort(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    (void)c;
    (void)sk;
    const size_t head = offsetof(struct WS_SOCKET_ADDRESS_LIST, Address);
    if (need_in(a, (DWORD)head)) /* the count and the padding before the entries */
        return WSAEFAULT;
    const struct WS_SOCKET_ADDRESS_LIST *in = a->in;
    int count = in->iAddressCount;
    if (count < 0 || (size_t)count > (a->inlen - head) / sizeof(struct WS_SOCKET_ADDRESS))
        return WSAEINVAL;
    struct WS_SOCKET_ADDRESS *e = malloc((size_t)count * sizeof *e + 1);
    if (!e)
        return WSAENOBUFS;
    int n = 0;
    for (int i = 0; i < count; i++) {
        const struct WS_SOCKET_ADDRESS *x = &in->Address[i];
        if (!ws_bad_ptr(x->lpSockaddr) && x->iSockaddrLength >= (int)sizeof(struct WS_sockaddr_in6) &&
            x->lpSockaddr->sa_family == WS_AF_INET6)
            e[n++] = *x;
    }
    /* An insertion sort: stable, and lists are short. */
    for (int i = 1; i < n; i++) {
        struct WS_SOCKET_ADDRESS t = e[i];
        const unsigned char *ta = ((const struct WS_sockaddr_in6 *)t.lpSockaddr)->sin6_addr;
        int tp = sort_precedence(ta), ts = sort_scope(ta), j = i;
        for (; j > 0; j--) {
            const unsigned char *pa = ((const struct WS_sockaddr_in6 *)e[j - 1].lpSockaddr)->sin6_addr;
            int pp = sort_precedence(pa);
            if (pp > tp || (pp == tp && sort_scope(pa) <= ts))
                break;
            e[j] = e[j - 1];
        }
        e[j] = t;
    }
    DWORD need = (DWORD)(head + (size_t)n * sizeof *e);
    int err = 0;
    if (ws_bad_ptr(a->out) || a->outlen < need) {
        err = WSAEFAULT;
    } else {
        struct WS_SOCKET_ADDRESS_LIST *out = a->out;
        memmove(out->Address, e, (size_t)n * sizeof *e);
        out->iAddressCount = n;
    }
    *a->bytes = err ? 0 : need;
    free(e);
    return err;
}

/* Linux interface flags -> INTERFACE_INFO's (same meanings). */
static ULONG if_flags(unsigned lx)
{
    static const struct {
        unsigned lx;
        ULONG win;
    } map[] = {{IFF_UP, WS_IFF_UP},
               {IFF_BROADCAST, WS_IFF_BROADCAST},
               {IFF_LOOPBACK, WS_IFF_LOOPBACK},
               {IFF_POINTOPOINT, WS_IFF_POINTTOPOINT},
               {IFF_MULTICAST, WS_IFF_MULTICAST}};
    ULONG w = 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (lx & map[i].lx)
            w |= map[i].win;
    return w;
}

static void put_in4(unsigned char dst[24], const struct sockaddr *sa)
{
    int len = 24;
    if (sa && sa->sa_family == AF_INET)
        ws_addr_out(sa, sizeof(struct sockaddr_in), dst, &len);
}

/* SIO_GET_INTERFACE_LIST: one INTERFACE_INFO per IPv4 address, the
 * loopback's included (sock.c test_get_interface_list); the broadcast
 * address only with IFF_BROADCAST, zeros otherwise.  IPv4 sockets only
 * (winsock-ioctls: WSAEINVAL if the socket is not IPPROTO_IP's). */
static int io_interface_list(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    if (sk->family != AF_INET)
        return WSAEINVAL;
    struct ifaddrs *ifs;
    if (getifaddrs(&ifs) < 0) {
        ws_fail_errno(c, "getifaddrs", errno);
        return c->err;
    }
    size_t n = 0;
    for (struct ifaddrs *i = ifs; i; i = i->ifa_next)
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET)
            n++;
    int err = 0;
    size_t need = n * sizeof(struct WS_INTERFACE_INFO);
    if (ws_bad_ptr(a->out) || a->outlen < need) {
        *a->bytes = 0; /* no size hint here (test_get_interface_list) */
        err = WSAEFAULT;
    } else {
        struct WS_INTERFACE_INFO *info = a->out;
        memset(info, 0, need);
        for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
            if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
                continue;
            info->iiFlags = if_flags(i->ifa_flags);
            put_in4(info->iiAddress, i->ifa_addr);
            put_in4(info->iiNetmask, i->ifa_netmask);
            if (i->ifa_flags & IFF_BROADCAST)
                put_in4(info->iiBroadcastAddress, i->ifa_broadaddr);
            info++;
        }
        *a->bytes = (DWORD)need;
    }
    freeifaddrs(ifs);
    return err;
}

/* ---- the table --------------------------------------------------------- */

/* What an OVERLAPPED does to a code. */
enum ioctl_ov {
    OV_AT_ONCE,     /* answered now; success also completes with 0 bytes; a failure leaves the OVERLAPPED
                       alone (test_address_list_query) */
    OV_MARKED,      /* as OV_AT_ONCE, but the OVERLAPPED reads STATUS_PENDING from the start, so a failure
                       leaves it so (test_keepalive_vals) */
    OV_PENDS,       /* WSA_IO_PENDING, the result in the completion */
    OV_UNSUPPORTED, /* as an unknown code (SIO_BASE_HANDLE: test_base_handle) */
    OV_PARKS_ADDR,  /* WSA_IO_PENDING until the next address change, cancelled or closed */
    OV_PARKS_ROUTE, /* the same for the next route change */
};

static const struct {
    DWORD code;
    int (*fn)(struct ws_call *, ws_sock *, struct ioctl_args *);
    enum ioctl_ov ov;
    int only_type; /* a code for this SOCK_* only (others: unknown); 0: any */
} ioctls[] = {
    {(DWORD)WS_FIONBIO, io_fionbio, OV_MARKED, 0},
    {(DWORD)WS_FIONREAD, io_fionread, OV_MARKED, 0},
    {(DWORD)WS_SIOCATMARK, io_siocatmark, OV_MARKED, 0},
    {(DWORD)WS_SIO_KEEPALIVE_VALS, io_keepalive_vals, OV_MARKED, 0},
    {(DWORD)WS_SIO_UDP_CONNRESET, io_udp_connreset, OV_MARKED, 0},
    {(DWORD)WS_SIO_TCP_INITIAL_RTO, io_initial_rto, OV_MARKED, SOCK_STREAM},
    {(DWORD)WS_SIO_ADDRESS_LIST_QUERY, io_address_list, OV_AT_ONCE, 0},
    {(DWORD)WS_SIO_ADDRESS_LIST_SORT, io_address_sort, OV_AT_ONCE, 0},
    {(DWORD)WS_SIO_GET_INTERFACE_LIST, io_interface_list, OV_PENDS, 0},
    {(DWORD)WS_SIO_ROUTING_INTERFACE_QUERY, io_routing_query, OV_AT_ONCE, 0},
    {(DWORD)WS_SIO_IDEAL_SEND_BACKLOG_QUERY, io_ideal_send_backlog, OV_AT_ONCE, SOCK_STREAM},
    {(DWORD)WS_SIO_ENABLE_CIRCULAR_QUEUEING, io_circular_queueing, OV_AT_ONCE, SOCK_DGRAM},
    {(DWORD)WS_SIO_BASE_HANDLE, io_base_handle, OV_UNSUPPORTED, 0},
    {(DWORD)WS_SIO_BSP_HANDLE, io_base_handle, OV_UNSUPPORTED, 0},
    {(DWORD)WS_SIO_BSP_HANDLE_SELECT, io_base_handle, OV_UNSUPPORTED, 0},
    {(DWORD)WS_SIO_BSP_HANDLE_POLL, io_base_handle, OV_AT_ONCE, 0},
    {(DWORD)WS_SIO_ADDRESS_LIST_CHANGE, io_address_change, OV_PARKS_ADDR, 0},
    {(DWORD)WS_SIO_ROUTING_INTERFACE_CHANGE, io_route_change, OV_PARKS_ROUTE, 0},
};

/* A pending call's result as the completion's status. */
static uint32_t pending_status(int err)
{
    return err == 0               ? WS_STATUS_SUCCESS
           : err == WSAEFAULT     ? WS_STATUS_BUFFER_TOO_SMALL /* ERROR_INSUFFICIENT_BUFFER */
           : err == WSAEOPNOTSUPP ? WS_STATUS_NOT_SUPPORTED
                                  : ws_errno_to_ntstatus(EINVAL);
}

/* SIO_GET_EXTENSION_FUNCTION_POINTER: the GUID in, the pointer out
 * (sock.c test_get_extension_func: an unknown GUID is WSAEINVAL and
 * touches nothing). */
static int io_extension(ws_sock *sk, struct ioctl_args *a)
{
    GUID g;
    (void)sk;
    if (ws_bad_ptr(a->in) || a->inlen < sizeof g)
        return WSAEFAULT;
    memcpy(&g, a->in, sizeof g);
    void *fn = ws_extension_fn(&g);
    if (!fn)
        return WSAEINVAL;
    if (ws_bad_ptr(a->out) || a->outlen < sizeof fn)
        return WSAEFAULT;
    memcpy(a->out, &fn, sizeof fn);
    *a->bytes = sizeof fn;
    return 0;
}

/* An OVERLAPPED call answered within the call: deliver it (at once: success
 * with 0 bytes; pend: the result, even a failure, after WSA_IO_PENDING;
 * park: pending until that change (WS_NC_*) or cancelled).  0,
 * WSA_IO_PENDING, or the error the call itself fails with. */
static int overlapped_done(ws_sock *sk, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr, uint32_t status, DWORD bytes,
                           bool pend, unsigned park)
{
    ws_ioreq *r = ws_ioreq_new(sk, WS_IO_DONE);
    int err = r ? ws_ioreq_targets(r, ov, cr) : WSAENOBUFS;
    if (err) {
        if (r)
            ws_ioreq_discard(r);
        return err;
    }
    __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
    if (park) {
        ws_netchange_park(r, park);
        return WSA_IO_PENDING;
    }
    r->pend = pend;
    ws_io_complete_now(r, status, bytes);
    return pend ? WSA_IO_PENDING : 0;
}

WS2P_EXPORT int WSAIoctl(SOCKET s, DWORD code, void *in, DWORD inlen, void *out, DWORD outlen, DWORD *bytes,
                         WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSAIoctl");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        int err;
        if (ws_bad_ptr(bytes) || (ov && ws_bad_ptr(ov))) {
            err = WSAEFAULT; /* checked first, even with an OVERLAPPED (test_unsupported_ioctls) */
        } else {
            if (ws_flags(sk) & WSF_SYNC)
                ov = NULL;
            size_t i = 0;
            while (i < sizeof ioctls / sizeof ioctls[0] && ioctls[i].code != code)
                i++;
            bool known = i < sizeof ioctls / sizeof ioctls[0] &&
                         (!ioctls[i].only_type || ioctls[i].only_type == sk->type);
            enum ioctl_ov mode = known ? ioctls[i].ov : OV_UNSUPPORTED;
            int (*fn)(struct ws_call *, ws_sock *, struct ioctl_args *) =
                known && !(ov && mode == OV_UNSUPPORTED) ? ioctls[i].fn : io_unknown;
            if (code == (DWORD)WS_SIO_GET_EXTENSION_FUNCTION_POINTER) {
                struct ioctl_args a = {in, inlen, out, outlen, bytes, ov != NULL, s};
                err = io_extension(sk, &a);
                if (!err && ov)
                    err = overlapped_done(sk, ov, cr, WS_STATUS_SUCCESS, 0, false, 0);
            } else if (ov && (mode == OV_PARKS_ADDR || mode == OV_PARKS_ROUTE)) {
                err = overlapped_done(sk, ov, cr, WS_STATUS_PENDING, 0, true,
                                      mode == OV_PARKS_ADDR ? WS_NC_ADDR : WS_NC_ROUTE);
            } else if (ov && mode != OV_AT_ONCE && mode != OV_MARKED) {
                /* *bytes is left alone; the completion carries the size. */
                DWORD got = 0;
                struct ioctl_args a = {in, inlen, out, outlen, &got, true, s};
                int r = fn(&c, sk, &a);
                c.sys = NULL;
                c.sys_errno = 0;
                err = overlapped_done(sk, ov, cr, pending_status(r), r ? 0 : got, true, 0);
            } else {
                struct ioctl_args a = {in, inlen, out, outlen, bytes, ov != NULL, s};
                if (ov && mode == OV_MARKED)
                    __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
                err = fn(&c, sk, &a);
                if (!err && ov)
                    err = overlapped_done(sk, ov, cr, WS_STATUS_SUCCESS, 0, false, 0);
            }
        }
        if (err)
            c.err = err;
        else
            ret = 0;
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, code=%#x, in=%p, inlen=%u, out=%p, outlen=%u, ov=%p, cr=%p", (unsigned long)s,
                   (unsigned)code, in, (unsigned)inlen, out, (unsigned)outlen, (void *)ov, (void *)(uintptr_t)cr);
}
