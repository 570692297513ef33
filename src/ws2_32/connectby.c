/* WSAConnectByNameA/W, WSAConnectByList, WSAJoinLeaf.
 *
 * WSAConnectByName resolves the name with getaddrinfo and tries each
 * address of the socket's family (both families for an IPv6 socket with
 * IPV6_V6ONLY off, IPv4 ones as mapped addresses) until one connects, all
 * within the timeout; WSAConnectByList tries the caller's addresses the same
 * way.  Both block, even on a non-blocking socket, and work on stream
 * sockets only ("WSAConnectByNameA" docs).  The rules Wine's sock.c
 * test_WSAConnectByName pins: a missing name or service, or a non-NULL
 * Reserved, is WSAEINVAL before the socket is looked at; an address with no
 * length is not written; lengths are set to the sizes of the addresses, or
 * left alone with WSAEFAULT when too small; the local address comes back
 * with port 0. */
#include "core.h"
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int ws2p_getaddrinfo(const char *node, const char *service, const struct WS_addrinfo *hints,
                     struct WS_addrinfo **res);
void ws2p_freeaddrinfo(struct WS_addrinfo *ai);

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static int attempt_once(int fd, const struct sockaddr_storage *ss, socklen_t len, long long deadline);

/* One attempt with the socket non-blocking, waiting at most until deadline
 * (< 0: no limit); a refused SYN goes again as a connect's does (core.h).
 * 0, or an errno. */
static int attempt(ws_sock *sk, const struct sockaddr_storage *ss, socklen_t len, long long deadline)
{
    ws_syn_new_attempt(sk);
    for (;;) {
        int e = attempt_once(sk->fd, ss, len, deadline);
        if (e != ECONNREFUSED)
            return e;
        struct sockaddr unspec = {.sa_family = AF_UNSPEC}; /* fresh for the next SYN */
        connect(sk->fd, &unspec, sizeof unspec);
        if ((e = ws_syn_sleep(sk, deadline)))
            return e;
    }
}

static int attempt_once(int fd, const struct sockaddr_storage *ss, socklen_t len, long long deadline)
{
    if (connect(fd, (const struct sockaddr *)ss, len) == 0)
        return 0;
    if (errno != EINPROGRESS)
        return errno;
    for (;;) {
        long long left = deadline < 0 ? -1 : deadline - now_ms();
        if (deadline >= 0 && left <= 0)
            return ETIMEDOUT;
        struct pollfd p = {fd, POLLOUT, 0};
        int r = poll(&p, 1, left < 0 ? -1 : left > 0x7fffffff ? 0x7fffffff : (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return errno;
        if (r == 0)
            continue;
        int e = 0;
        socklen_t el = sizeof e;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el);
        return e;
    }
}

/* The addresses to try, as Linux sockaddrs. */
struct target {
    struct sockaddr_storage ss;
    socklen_t len;
};

/* Copy one address out under the Wine-pinned rules; 0 or WSAEFAULT. */
static int put_address(const struct sockaddr_storage *ss, socklen_t len, DWORD *outlen, void *out, bool zero_port)
{
    if (!outlen)
        return 0; /* an address without a length is not written */
    struct sockaddr_storage copy = *ss;
    if (zero_port && copy.ss_family == AF_INET)
        ((struct sockaddr_in *)&copy)->sin_port = 0;
    else if (zero_port && copy.ss_family == AF_INET6)
        ((struct sockaddr_in6 *)&copy)->sin6_port = 0;
    struct WS_sockaddr_storage tmp;
    int n = sizeof tmp;
    ws_addr_out((struct sockaddr *)&copy, len, &tmp, &n);
    if (!out) {
        *outlen = (DWORD)n;
        return 0;
    }
    if (*outlen < (DWORD)n)
        return WSAEFAULT;
    memcpy(out, &tmp, (size_t)n);
    *outlen = (DWORD)n;
    return 0;
}

/* Connect sk to the first target that answers; 0 or a WSA error. */
static int connect_any(struct ws_call *c, ws_sock *sk, const struct target *t, size_t n,
                       const struct WS_timeval *timeout, DWORD *llen, void *laddr, DWORD *rlen, void *raddr)
{
    long long deadline = timeout ? now_ms() + timeout->tv_sec * 1000LL + timeout->tv_usec / 1000 : -1;
    ws_connect_syncnt_now(sk); /* waits in poll below, marked neither way ws_connect_prepare watches */
    int fl = fcntl(sk->fd, F_GETFL), e = ENETUNREACH;
    fcntl(sk->fd, F_SETFL, fl | O_NONBLOCK);
    size_t i;
    for (i = 0; i < n; i++) {
        if ((e = attempt(sk, &t[i].ss, t[i].len, deadline)) == 0)
            break;
        /* Linux fails the next connect with ECONNABORTED once a failure
         * was read, and keeps trying one that timed out; an AF_UNSPEC
         * connect makes the socket fresh. */
        struct sockaddr unspec = {.sa_family = AF_UNSPEC};
        connect(sk->fd, &unspec, sizeof unspec);
        if (e == ETIMEDOUT)
            break;
    }
    fcntl(sk->fd, F_SETFL, fl);
    if (e) {
        ws_fail_sys(c, "connect", e, e == EADDRNOTAVAIL ? WSAEADDRINUSE : ws_errno_to_wsa(e));
        return c->err;
    }
    ws_stamp_connected(sk);
    ws_set_flags(sk, WSF_CONNECTED | WSF_BOUND);
    ws_clear_flags(sk, WSF_CONNECTING | WSF_CONN_FAILED | WSF_SO_ERROR);
    struct sockaddr_storage local;
    socklen_t len = sizeof local;
    getsockname(sk->fd, (struct sockaddr *)&local, &len);
    int err = put_address(&local, len, llen, laddr, true);
    if (!err)
        err = put_address(&t[i].ss, t[i].len, rlen, raddr, false);
    if (err)
        ws_fail(c, err);
    return err;
}

/* The checks both functions make on the socket. */
static int usable(ws_sock *sk)
{
    uint32_t f = ws_flags(sk);
    if (sk->type != SOCK_STREAM)
        return WSAEINVAL; /* sock.c test_WSAConnectByName: a UDP socket */
    if (f & WSF_LISTENING)
        return WSAEINVAL;
    if (f & WSF_CONNECTED)
        return WSAEISCONN;
    return 0;
}

static BOOL by_name(struct ws_call *c, SOCKET s, const char *node, const char *service, DWORD *llen, void *laddr,
                    DWORD *rlen, void *raddr, const struct WS_timeval *timeout, void *reserved)
{
    if (!node || !service || reserved) {
        ws_fail(c, WSAEINVAL);
        return 0;
    }
    ws_sock *sk = ws_enter(c, s);
    if (!sk)
        return 0;
    BOOL ret = 0;
    int err = usable(sk);
    if (err) {
        ws_fail(c, err);
    } else {
        int v6only = 1;
        socklen_t ol = sizeof v6only;
        if (sk->family == AF_INET6)
            getsockopt(sk->fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &ol);
        struct WS_addrinfo hints = {0}, *res = NULL;
        hints.ai_family = sk->family == AF_INET6 && !v6only ? WS_AF_UNSPEC : ws_af_from_linux(sk->family);
        hints.ai_socktype = WS_SOCK_STREAM;
        hints.ai_protocol = WS_IPPROTO_TCP;
        int r = ws2p_getaddrinfo(node, service, &hints, &res);
        struct target *t = NULL;
        size_t n = 0;
        for (struct WS_addrinfo *a = res; a; a = a->ai_next)
            n++;
        if (r) {
            ws_fail(c, r);
        } else if (!(t = calloc(n ? n : 1, sizeof *t))) {
            ws_fail(c, WSAENOBUFS);
        } else {
            size_t k = 0;
            for (struct WS_addrinfo *a = res; a; a = a->ai_next) {
                if (ws_addr_in(a->ai_addr, (int)a->ai_addrlen, &t[k].ss, &t[k].len))
                    continue;
                if (t[k].ss.ss_family == AF_INET && sk->family == AF_INET6) {
                    /* An IPv4 address for a dual-stack socket: ::ffff:a.b.c.d. */
                    struct sockaddr_in v4 = *(struct sockaddr_in *)&t[k].ss;
                    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&t[k].ss;
                    memset(v6, 0, sizeof *v6);
                    v6->sin6_family = AF_INET6;
                    v6->sin6_port = v4.sin_port;
                    v6->sin6_addr.s6_addr[10] = v6->sin6_addr.s6_addr[11] = 0xff;
                    memcpy(&v6->sin6_addr.s6_addr[12], &v4.sin_addr, 4);
                    t[k].len = sizeof *v6;
                }
                if (t[k].ss.ss_family == sk->family)
                    k++;
            }
            if (!k)
                ws_fail(c, WSAHOST_NOT_FOUND);
            else
                ret = connect_any(c, sk, t, k, timeout, llen, laddr, rlen, raddr) == 0;
        }
        free(t);
        if (res)
            ws2p_freeaddrinfo(res);
    }
    ws_sock_put(sk);
    return ret;
}

WS2P_EXPORT BOOL WSAConnectByNameA(SOCKET s, const char *node, const char *service, DWORD *llen, void *laddr,
                                   DWORD *rlen, void *raddr, const struct WS_timeval *timeout, void *reserved)
{
    struct ws_call c = WS_CALL("WSAConnectByNameA");
    BOOL ret = by_name(&c, s, node, service, llen, laddr, rlen, raddr, timeout, reserved);
    return WS_EXIT(&c, ret, "s=%lu, node=%s, service=%s, timeout=%p", (unsigned long)s, ws_trace_str(node),
                   ws_trace_str(service), (const void *)timeout);
}

WS2P_EXPORT BOOL WSAConnectByNameW(SOCKET s, const WCHAR *node, const WCHAR *service, DWORD *llen, void *laddr,
                                   DWORD *rlen, void *raddr, const struct WS_timeval *timeout, void *reserved)
{
    struct ws_call c = WS_CALL("WSAConnectByNameW");
    bool ascii;
    char *n8 = node ? ws_utf8_dup(node, &ascii) : NULL, *s8 = service ? ws_utf8_dup(service, &ascii) : NULL;
    BOOL ret = 0;
    if ((node && !n8) || (service && !s8))
        ws_fail(&c, WSA_NOT_ENOUGH_MEMORY);
    else
        ret = by_name(&c, s, n8, s8, llen, laddr, rlen, raddr, timeout, reserved);
    free(n8);
    free(s8);
    return WS_EXIT(&c, ret, "s=%lu, node=%ls, service=%ls, timeout=%p", (unsigned long)s, node ? node : L"(null)",
                   service ? service : L"(null)", (const void *)timeout);
}

struct WS_socket_address {
    struct WS_sockaddr *addr;
    int len;
};
struct WS_socket_address_list {
    int count;
    struct WS_socket_address address[];
};

WS2P_EXPORT BOOL WSAConnectByList(SOCKET s, const struct WS_socket_address_list *list, DWORD *llen, void *laddr,
                                  DWORD *rlen, void *raddr, const struct WS_timeval *timeout, void *reserved)
{
    struct ws_call c = WS_CALL("WSAConnectByList");
    BOOL ret = 0;
    ws_sock *sk = NULL;
    if (reserved)
        ws_fail(&c, WSAEINVAL);
    else if (ws_bad_ptr(list))
        ws_fail(&c, WSAEFAULT);
    else if (list->count <= 0)
        ws_fail(&c, WSAEINVAL);
    else if ((sk = ws_enter(&c, s))) {
        int err = usable(sk);
        struct target *t = err ? NULL : calloc((size_t)list->count, sizeof *t);
        size_t k = 0;
        if (!err && !t)
            err = WSAENOBUFS;
        for (int i = 0; !err && i < list->count; i++) {
            const struct WS_socket_address *a = &list->address[i];
            err = ws_addr_in(a->addr, a->len, &t[k].ss, &t[k].len);
            if (!err && t[k].ss.ss_family != sk->family)
                err = WSAEAFNOSUPPORT;
            k++;
        }
        if (err)
            ws_fail(&c, err);
        else
            ret = connect_any(&c, sk, t, k, timeout, llen, laddr, rlen, raddr) == 0;
        free(t);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, list=%p, timeout=%p", (unsigned long)s, (const void *)list,
                   (const void *)timeout);
}

#define JL_SENDER_ONLY 0x01
#define JL_RECEIVER_ONLY 0x02
#define JL_BOTH 0x04

/* IP multicast, the one multipoint scheme of TCP/IP ("IP Multicast" in the
 * Winsock docs): a leaf joins the group named by name on the default
 * interface, unless it only sends, and gets s itself back.  Stream sockets
 * have no multipoint (XP1_SUPPORT_MULTIPOINT is only on the datagram rows
 * of the catalog).  Connect data and QOS are refused as WSAConnect refuses
 * them. */
WS2P_EXPORT SOCKET WSAJoinLeaf(SOCKET s, const struct WS_sockaddr *name, int namelen, WS_WSABUF *caller,
                               WS_WSABUF *callee, void *sqos, void *gqos, DWORD flags)
{
    struct ws_call c = WS_CALL("WSAJoinLeaf");
    char a[80];
    SOCKET ret = WS_INVALID_SOCKET;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        struct sockaddr_storage ss;
        socklen_t len;
        int err = sk->type != SOCK_DGRAM ? WSAEOPNOTSUPP : ws_addr_in(name, namelen, &ss, &len);
        if (!err && ss.ss_family != sk->family)
            err = WSAEAFNOSUPPORT;
        if (!err && (flags != JL_SENDER_ONLY && flags != JL_RECEIVER_ONLY && flags != JL_BOTH))
            err = WSAEINVAL;
        if (!err && gqos)
            err = WSAEINVAL;
        if (!err && caller && caller->len)
            err = WSAEPROTONOSUPPORT;
        if (!err && sqos)
            err = WSAEOPNOTSUPP;
        if (err) {
            ws_fail(&c, err);
        } else {
            int r = 0;
            if (flags != JL_SENDER_ONLY && ss.ss_family == AF_INET) {
                struct ip_mreq m = {((struct sockaddr_in *)&ss)->sin_addr, {htonl(INADDR_ANY)}};
                r = setsockopt(sk->fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m);
            } else if (flags != JL_SENDER_ONLY) {
                struct ipv6_mreq m = {((struct sockaddr_in6 *)&ss)->sin6_addr, 0};
                r = setsockopt(sk->fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &m, sizeof m);
            }
            if (r < 0) {
                ws_fail_errno(&c, "setsockopt(IP_ADD_MEMBERSHIP)", errno);
            } else {
                if (callee)
                    callee->len = 0;
                ret = s;
            }
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, name=%s, namelen=%d, flags=%#x", (unsigned long)s, ws_trace_addr(a, name, namelen),
                   namelen, (unsigned)flags);
}
