/* ioctlsocket and WSAIoctl.
 *
 * Every code handled here completes within the call, as Windows completes
 * them (sock.c test_fionread_siocatmark, test_fionbio, test_keepalive_vals);
 * with an OVERLAPPED the completion is delivered like any other (the
 * OVERLAPPED, then the completion routine, event or socket handle, then the
 * port: src/core/io.c ws_io_complete_now).  A code Windows does not know
 * reports ERROR_IO_PENDING and then fails with STATUS_NOT_SUPPORTED through
 * the same channels (sock.c test_unsupported_ioctls).  The change
 * notifications (SIO_ADDRESS_LIST_CHANGE, SIO_ROUTING_INTERFACE_CHANGE) pend
 * until cancelled or closed: nothing here watches the kernel's address or
 * route changes (docs/windows-vs-linux.md). */
#include "engine.h"
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>

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
    *a->bytes = 0; /* also on failure (test_keepalive_vals) */
    int err = need_in(a, sizeof ka);
    if (err)
        return err;
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

/* SIO_BASE_HANDLE: the socket itself (no layered providers here).  With an
 * OVERLAPPED Windows fails it asynchronously (sock.c test_base_handle). */
static int io_base_handle(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    SOCKET s = (SOCKET)sk->fd;
    (void)c;
    if (ws_bad_ptr(a->out) || a->outlen < sizeof s)
        return WSAEFAULT;
    memcpy(a->out, &s, sizeof s);
    *a->bytes = sizeof s;
    return 0;
}

/* The change notifications without an OVERLAPPED: a non-blocking socket
 * has no change to report (WSAEWOULDBLOCK); a blocking one waits for a
 * change that never comes, until closesocket ends the wait (WSAEINTR). */
static int io_change(struct ws_call *c, ws_sock *sk, struct ioctl_args *a)
{
    (void)c;
    (void)a;
    *a->bytes = 0;
    if (ws_flags(sk) & WSF_NONBLOCK)
        return WSAEWOULDBLOCK;
    while (!ws_sock_closing(sk))
        poll(NULL, 0, 100);
    return WSAEINTR;
}

enum {
    IOF_NO_OVERLAPPED = 1, /* with an OVERLAPPED: pending, then STATUS_NOT_SUPPORTED */
    IOF_PENDS = 2,         /* with an OVERLAPPED: pending until cancelled */
};

static const struct {
    DWORD code;
    int (*fn)(struct ws_call *, ws_sock *, struct ioctl_args *);
    unsigned flags;
} ioctls[] = {
    {(DWORD)WS_FIONBIO, io_fionbio, 0},
    {(DWORD)WS_FIONREAD, io_fionread, 0},
    {(DWORD)WS_SIOCATMARK, io_siocatmark, 0},
    {(DWORD)WS_SIO_KEEPALIVE_VALS, io_keepalive_vals, 0},
    {(DWORD)WS_SIO_UDP_CONNRESET, io_udp_connreset, 0},
    {(DWORD)WS_SIO_BASE_HANDLE, io_base_handle, IOF_NO_OVERLAPPED},
    {(DWORD)WS_SIO_ADDRESS_LIST_CHANGE, io_change, IOF_PENDS},
    {(DWORD)WS_SIO_ROUTING_INTERFACE_CHANGE, io_change, IOF_PENDS},
};

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

/* An OVERLAPPED call that finished within the call: deliver it (status
 * success, or a failure Windows reports through the completion after
 * ERROR_IO_PENDING, or pending until cancelled).  0, WSA_IO_PENDING, or
 * the error the call itself fails with. */
static int overlapped_done(ws_sock *sk, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr, uint32_t status, bool park)
{
    ws_ioreq *r = ws_ioreq_new(sk, WS_IO_CUSTOM);
    int err = r ? ws_ioreq_targets(r, ov, cr) : WSAENOBUFS;
    if (err) {
        if (r)
            ws_ioreq_discard(r);
        return err;
    }
    __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
    if (park) {
        ws_io_park(r);
        return WSA_IO_PENDING;
    }
    r->pend = status != WS_STATUS_SUCCESS;
    ws_io_complete_now(r, status, 0); /* Windows reports no byte count for these (test_keepalive_vals) */
    return status == WS_STATUS_SUCCESS ? 0 : WSA_IO_PENDING;
}

WS2P_EXPORT int WSAIoctl(SOCKET s, DWORD code, void *in, DWORD inlen, void *out, DWORD outlen, DWORD *bytes,
                         WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSAIoctl");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        int err = WSAEOPNOTSUPP;
        struct ioctl_args a = {in, inlen, out, outlen, bytes};
        if (ws_bad_ptr(bytes) || (ov && ws_bad_ptr(ov))) {
            err = WSAEFAULT; /* checked first, even with an OVERLAPPED (test_unsupported_ioctls) */
        } else if (code == (DWORD)WS_SIO_GET_EXTENSION_FUNCTION_POINTER) {
            err = io_extension(sk, &a);
            if (!err && ov)
                err = overlapped_done(sk, ov, cr, WS_STATUS_SUCCESS, false);
        } else {
            size_t i = 0;
            while (i < sizeof ioctls / sizeof ioctls[0] && ioctls[i].code != code)
                i++;
            bool known = i < sizeof ioctls / sizeof ioctls[0];
            if (known && ov && (ioctls[i].flags & IOF_PENDS)) {
                err = overlapped_done(sk, ov, cr, WS_STATUS_PENDING, true);
            } else if (known && !(ov && (ioctls[i].flags & IOF_NO_OVERLAPPED))) {
                if (ov) /* a failure leaves the OVERLAPPED pending, as Windows does */
                    __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
                err = ioctls[i].fn(&c, sk, &a);
                if (!err && ov)
                    err = overlapped_done(sk, ov, cr, WS_STATUS_SUCCESS, false);
            } else {
                c.sys = "no translation for this code";
                c.sys_errno = EOPNOTSUPP;
                if (ov)
                    err = overlapped_done(sk, ov, cr, WS_STATUS_NOT_SUPPORTED, false);
                else
                    *bytes = 0;
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
