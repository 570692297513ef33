/* ioctlsocket and WSAIoctl.
 *
 * Overlapped WSAIoctl is a later issue: every code handled here completes
 * synchronously, which Windows also does for them (sock.c
 * test_fionread_siocatmark, test_fionbio, test_keepalive_vals); with an
 * OVERLAPPED we fill Internal/InternalHigh but signal no event and queue no
 * completion routine yet. */
#include "core.h"
#include <netinet/tcp.h>
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
    if (ioctl(sk->fd, FIONBIO, &v) < 0) {
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

static const struct {
    DWORD code;
    int (*fn)(struct ws_call *, ws_sock *, struct ioctl_args *);
} ioctls[] = {
    {(DWORD)WS_FIONBIO, io_fionbio},
    {(DWORD)WS_FIONREAD, io_fionread},
    {(DWORD)WS_SIOCATMARK, io_siocatmark},
    {(DWORD)WS_SIO_KEEPALIVE_VALS, io_keepalive_vals},
    {(DWORD)WS_SIO_UDP_CONNRESET, io_udp_connreset},
};

WS2P_EXPORT int WSAIoctl(SOCKET s, DWORD code, void *in, DWORD inlen, void *out, DWORD outlen, DWORD *bytes,
                         WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSAIoctl");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        int err = WSAEOPNOTSUPP;
        if (ws_bad_ptr(bytes)) {
            err = WSAEFAULT; /* checked first, even with an OVERLAPPED (test_unsupported_ioctls) */
        } else {
            struct ioctl_args a = {in, inlen, out, outlen, bytes};
            size_t i = 0;
            while (i < sizeof ioctls / sizeof ioctls[0] && ioctls[i].code != code)
                i++;
            if (i < sizeof ioctls / sizeof ioctls[0]) {
                err = ioctls[i].fn(&c, sk, &a);
            } else {
                *bytes = 0;
                c.sys = "no translation for this code";
                c.sys_errno = EOPNOTSUPP;
            }
            if (!err && !ws_bad_ptr(ov)) {
                ov->Internal = 0;
                ov->InternalHigh = 0;
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
