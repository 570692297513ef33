/* Receiving: recv, recvfrom, WSARecv, WSARecvFrom, WSARecvDisconnect.  All of
 * them go through recv_core, so each Windows rule is written once.  The
 * success path is one system call and no lock. */
#include "engine.h"
#include <poll.h>
#include <stdlib.h>
#include <sys/uio.h>

/* One comparison guards the hot path against every unusual state: those
 * that fail before the kernel is asked, "not known to be bound" (a datagram
 * socket must be bound to receive; a stream socket is checked by the kernel)
 * and a non-blocking connect not yet seen to finish. */
#define RECV_STATE_MASK \
    (WSF_RESET | WSF_SHUT_RD | WSF_ABORTED | WSF_BOUND | WSF_CONNECTING | WSF_ICMP_PENDING | WSF_EVSEL)

/* Windows MSG_* -> Linux for a receive, or -1 with c set (WSAEOPNOTSUPP for
 * unknown flags and MSG_OOB where there is no out-of-band data). */
static __attribute__((cold)) int recv_flags(struct ws_call *c, const ws_sock *sk, int wflags)
{
    int lx = ws_msgflags_to_linux(wflags);
    if (lx < 0 || ((wflags & WS_MSG_OOB) && sk->type != SOCK_STREAM)) {
        ws_fail(c, WSAEOPNOTSUPP);
        return -1;
    }
    return lx;
}

/* The rare states: 0 to go on to the kernel, or a WSA error. */
static __attribute__((cold)) int recv_state(ws_sock *sk, uint32_t f)
{
    if (f & WSF_ABORTED)
        return WSAECONNABORTED;
    /* Own shutdown(SD_RECEIVE): every later recv fails, even with data
     * queued (sock.c test_shutdown); Linux would return it, then 0. */
    if (f & WSF_SHUT_RD)
        return WSAESHUTDOWN;
    /* Peer reset: Windows repeats WSAECONNRESET (sock.c test_tcp_reset);
     * Linux reports it once, then says end-of-stream. */
    if (f & WSF_RESET)
        return WSAECONNRESET;
    /* recv on an unbound datagram socket (sock.c test_connect_udp); Linux
     * would block forever on it. */
    if (sk->type != SOCK_STREAM && !ws_is_bound(sk))
        return WSAEINVAL;
    /* An ICMP port unreachable a send met first: reported here, once. */
    if (f & WSF_ICMP_PENDING) {
        ws_clear_flags(sk, WSF_ICMP_PENDING);
        return WSAECONNRESET;
    }
    return 0;
}

static __attribute__((cold)) void recv_fail(struct ws_call *c, ws_sock *sk, int e)
{
    if (e == ECONNREFUSED && sk->type != SOCK_STREAM) {
        /* ICMP port unreachable for an earlier datagram (WSARecv docs). */
        ws_icmp_error(sk);
        ws_clear_flags(sk, WSF_ICMP_PENDING);
        ws_fail_sys(c, "recvmsg", e, WSAECONNRESET);
    } else
        ws_fail_io(c, sk, "recvmsg", e);
}

/* recv returned 0: the end of the stream, or closesocket() from another
 * thread shut the socket down under a blocked recv (then WSAEINTR, as the
 * Winsock 2 specification says for a cancelled blocking call).  A stream
 * whose peer had finished and closed, and then reset what we sent after
 * that, is WSAECONNABORTED on Windows, from then on (sock.c test_shutdown);
 * Linux keeps saying end-of-stream and leaves the reset in SO_ERROR (EPIPE:
 * a reset in CLOSE_WAIT).  One getsockopt per end of stream, not per recv, and
 * none on a socket that never sent (the reset answers data we sent). */
static __attribute__((cold)) int recv_zero(struct ws_call *c, ws_sock *sk)
{
    if (ws_sock_closing(sk)) {
        ws_fail(c, WSAEINTR);
        return WS_SOCKET_ERROR;
    }
    if (sk->type != SOCK_STREAM)
        return 0; /* an empty datagram */
    if (!(ws_xflags(sk) & WSX_SENT))
        return 0; /* nothing sent, so no reset can have answered it */
    int e = 0;
    socklen_t len = sizeof e;
    if (getsockopt(sk->fd, SOL_SOCKET, SO_ERROR, &e, &len) < 0 || e == 0)
        return 0;
    if (e == EPIPE) {
        ws_set_flags(sk, WSF_ABORTED);
        ws_fail_sys(c, "recvmsg (SO_ERROR)", e, WSAECONNABORTED);
    } else
        ws_fail_io(c, sk, "recvmsg (SO_ERROR)", e);
    return WS_SOCKET_ERROR;
}

/* A blocking receive came back from its alertable wait (src/core/alert.c;
 * sock.c test_WSARecv: APCs queued to the thread while it waits run, and
 * the call waits on for its data).  e is EINTR: alerted (or a signal of
 * the program's); or EAGAIN from a look (*mode set): no data.  With APCs
 * queued, the first step is a look (a receive that finds data runs none,
 * the same test), then they run.  The wait goes on in the kernel, or, with
 * SO_RCVTIMEO, in an alertable poll for the time left (the kernel would
 * start the socket's timer again).  0: receive again (MSG_DONTWAIT when
 * *mode is set); -1: the time ran out. */
enum { RECV_LOOK = 1, RECV_POLLED };
static __attribute__((cold, noinline)) int recv_alerted(ws_sock *sk, int lx, long long t0, int e, int *mode)
{
#if WS_HAVE_ASYS
    for (;;) {
        if (ws_alert_pending()) {
            if (e == EINTR && *mode != RECV_LOOK) {
                *mode = RECV_LOOK;
                return 0;
            }
            ws_apc_run(ws_thread_current());
        }
        if (!sk->rcvtimeo) {
            *mode = 0;
            return 0;
        }
        long long left = (long long)sk->rcvtimeo - (ws_now_coarse_ms() - t0);
        if (left <= 0)
            return -1;
        struct pollfd p = {sk->fd, (short)((lx & MSG_OOB) ? POLLPRI : POLLIN), 0};
        int r = ws_poll_alertable(&p, 1, (int)left);
        if (r > 0) {
            *mode = RECV_POLLED;
            return 0;
        }
        if (r == 0)
            return -1;
        e = EAGAIN; /* interrupted while waiting: APCs run at once */
    }
#else
    (void)sk, (void)lx, (void)t0, (void)e, (void)mode;
    return 0;
#endif
}

/* The one receive into m's buffers.  Returns the byte count placed in the
 * buffers, or WS_SOCKET_ERROR with c set.  *partial tells a datagram was
 * cut to fit (then the result is WSAEMSGSIZE with the buffers filled: afd.c
 * test_recv).  MSG_TRUNC makes the kernel report a datagram's real size in
 * the same call; on a stream socket it would discard data, so not there. */
static long recv_core(struct ws_call *c, ws_sock *sk, struct msghdr *m, size_t total, int wflags, bool *partial)
{
    uint32_t f = ws_flags(sk);
    int lx = sk->type == SOCK_STREAM ? 0 : MSG_TRUNC;
    *partial = false;
    if (ws_unlikely(wflags)) {
        int t = recv_flags(c, sk, wflags);
        if (t < 0)
            return WS_SOCKET_ERROR;
        lx |= t;
    }
    bool unusual = (f & RECV_STATE_MASK) != WSF_BOUND;
    if (ws_unlikely(f & WSF_EVSEL)) /* any receive re-enables FD_READ (FD_OOB for MSG_OOB) */
        ws_evsel_reenable(sk, (wflags & WS_MSG_OOB) ? WS_FD_OOB : WS_FD_READ);
    if (ws_unlikely(unusual)) {
        int err = recv_state(sk, f);
        if (err) {
            ws_fail(c, err);
            return WS_SOCKET_ERROR;
        }
    }
    if (ws_hooked(sk)) {
        int err = ws_block_with_hook(sk, (short)((wflags & WS_MSG_OOB) ? POLLPRI : POLLIN));
        if (err) {
            ws_fail(c, err);
            return WS_SOCKET_ERROR;
        }
    }
    /* A blocking receive waits alertably (recv_alerted); MSG_WAITALL's
     * gathering is the kernel's, and a signal would cut it short: not
     * there.  SO_RCVTIMEO counts from here (the clock in the vDSO). */
    bool alertable = WS_HAVE_ASYS && !(f & WSF_NONBLOCK) && !(lx & MSG_WAITALL);
    long long t0 = alertable && sk->rcvtimeo ? ws_now_coarse_ms() : 0;
    int mode = 0;
    long n;
    for (;;) {
        int l = lx | (mode ? MSG_DONTWAIT : 0);
        bool one = m->msg_iovlen == 1 && !m->msg_control;
        socklen_t *nl = m->msg_name ? &m->msg_namelen : NULL;
        n = WS_XFER(recv, sk->fd, sk->type == SOCK_STREAM, m, l,
                    alertable && !mode
                        ? (one ? ws_recvfrom_alertable(sk->fd, m->msg_iov->iov_base, m->msg_iov->iov_len, l,
                                                       m->msg_name, nl)
                               : ws_recvmsg_alertable(sk->fd, m, l))
                    : one ? recvfrom(sk->fd, m->msg_iov->iov_base, m->msg_iov->iov_len, l, m->msg_name, nl)
                          : recvmsg(sk->fd, m, l));
        if (ws_likely(n >= 0))
            break;
        int e = errno;
        if (alertable && (e == EINTR || (e == EAGAIN && mode))) {
            if (recv_alerted(sk, lx, t0, e, &mode) == 0)
                continue;
            e = EAGAIN; /* SO_RCVTIMEO ran out: WSAETIMEDOUT */
        } else if (e == EINTR)
            continue; /* Windows has no signals to fail with */
        if (e == ECONNREFUSED && sk->type != SOCK_STREAM && (f & WSF_NO_CONNRESET)) {
            ws_icmp_error(sk); /* SIO_UDP_CONNRESET off: popped, not reported */
            continue;
        }
        recv_fail(c, sk, e);
        if (ws_unlikely(f & WSF_CONNECTING) && c->err == WSAEWOULDBLOCK && sk->type == SOCK_STREAM &&
            ws_still_connecting(sk))
            ws_fail(c, WSAENOTCONN); /* not connected yet (sock.c test_connecting_socket) */
        return WS_SOCKET_ERROR;
    }
    if (ws_unlikely(n == 0) && recv_zero(c, sk) < 0)
        return WS_SOCKET_ERROR;
    if (ws_unlikely(unusual) && (f & WSF_CONNECTING)) {
        ws_connect_established(sk);
    }
    if (ws_unlikely(lx & MSG_OOB) && n > 0 && !(ws_xflags(sk) & WSX_OOB_READ))
        ws_set_xflags(sk, WSX_OOB_READ);
    if (ws_unlikely((size_t)n > total)) {
        *partial = true;
        ws_fail(c, WSAEMSGSIZE);
        n = (long)total;
    }
    return n;
}

/* Where a datagram's sender goes.  Stream sockets leave from and *fromlen
 * untouched, even garbage (sock.c test_tcp_sendto_recvfrom).  A fromlen too
 * short is WSAEFAULT before anything is consumed (sock.c test_UDP). */
static int recv_from_check(const ws_sock *sk, const void *from, const int *fromlen)
{
    if (!from || sk->type == SOCK_STREAM)
        return 0;
    if (ws_bad_ptr(from))
        return WSAEFAULT;
    int min = sk->family == AF_INET    ? (int)sizeof(struct WS_sockaddr_in)
              : sk->family == AF_INET6 ? (int)sizeof(struct WS_sockaddr_in6)
                                       : ws_addr_minlen(ws_af_from_linux(sk->family));
    return ws_bad_ptr(fromlen) || *fromlen < min ? WSAEFAULT : 0;
}

/* Shared by recv and recvfrom: one buffer. */
static long recv_one(struct ws_call *c, ws_sock *sk, char *buf, int len, int flags, void *from, int *fromlen)
{
    struct sockaddr_storage ss;
    struct iovec iov = {buf, (size_t)len};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
    int err = ws_unlikely(len < 0 || (len && ws_bad_ptr(buf))) ? WSAEFAULT : 0;
    bool want_from = from && sk->type != SOCK_STREAM;
    if (!err && want_from)
        err = recv_from_check(sk, from, fromlen);
    if (err) {
        if (ws_flags(sk) & WSF_EVSEL)
            ws_evsel_reenable_msg(sk, WS_FD_READ); /* message mode only (test_read_events) */
        ws_fail(c, err);
        return WS_SOCKET_ERROR;
    }
    if (want_from) {
        ss.ss_family = AF_UNSPEC;
        m.msg_name = &ss;
        m.msg_namelen = sizeof ss;
    }
    bool partial;
    long n = recv_core(c, sk, &m, (size_t)len, flags, &partial);
    if (n >= 0 && want_from)
        ws_addr_out((struct sockaddr *)&ss, m.msg_namelen, from, fromlen);
    return partial ? WS_SOCKET_ERROR : n;
}

WS2P_EXPORT int ws2p_recv(SOCKET s, char *buf, int len, int flags)
{
    struct ws_call c = WS_CALL("recv");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (ws_likely(sk != NULL)) {
        /* The common case straight to the kernel (docs/performance.md); a
         * failure is mapped here without asking the kernel twice, except a
         * signal or a suppressed ICMP error, which recv_core retries.  With
         * WS2POSIX_FAULTS set every receive takes recv_core (its site). */
        uint32_t f = ws_flags(sk);
        if (ws_likely(!flags && len > 0 && !ws_bad_ptr(buf) && (f & RECV_STATE_MASK) == WSF_BOUND &&
                      !ws_blocking_hook && !ws_fault_on && ((f & WSF_NONBLOCK) || !sk->rcvtimeo))) {
            /* A blocking one is the alertable receive (recv_alerted; with
             * SO_RCVTIMEO recv_core keeps the time). */
            int lx = sk->type == SOCK_STREAM ? 0 : MSG_TRUNC;
            long n = (f & WSF_NONBLOCK) ? recv(sk->fd, buf, (size_t)len, lx)
                                        : ws_recvfrom_alertable(sk->fd, buf, (size_t)len, lx, NULL, NULL);
            if (ws_likely(n > 0 && n <= len)) {
                ret = (int)n;
            } else if (n == 0) {
                ret = recv_zero(&c, sk);
            } else if (n > len) {
                ws_fail(&c, WSAEMSGSIZE); /* datagram cut to fit (afd.c test_recv) */
            } else {
                int e = errno;
                if (e == EINTR || (e == ECONNREFUSED && (ws_flags(sk) & WSF_NO_CONNRESET)))
                    ret = (int)recv_one(&c, sk, buf, len, flags, NULL, NULL);
                else
                    recv_fail(&c, sk, e);
            }
        } else {
            ret = (int)recv_one(&c, sk, buf, len, flags, NULL, NULL);
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, buf=%p, len=%d, flags=%#x", (unsigned long)s, (void *)buf, len,
                   (unsigned)flags);
}

WS2P_EXPORT int ws2p_recvfrom(SOCKET s, char *buf, int len, int flags, struct WS_sockaddr *from, int *fromlen)
{
    struct ws_call c = WS_CALL("recvfrom");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (ws_likely(sk != NULL)) {
        ret = (int)recv_one(&c, sk, buf, len, flags, from, fromlen);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, buf=%p, len=%d, flags=%#x, from=%p, fromlen=%d", (unsigned long)s, (void *)buf,
                   len, (unsigned)flags, (void *)from, ws_peek_int(fromlen));
}

/* WSARecv and WSARecvFrom.  Windows' order: the handle, then
 * lpNumberOfBytesRecvd (needed unless overlapped), then the rest.  *lpFlags
 * is in/out: on return MSG_PARTIAL marks a cut datagram (WSARecv docs) and
 * MSG_OOB out-of-band data.  MSG_PARTIAL on input means nothing here. */
static int wsa_recv(struct ws_call *c, SOCKET s, WS_WSABUF *bufs, DWORD count, DWORD *got, DWORD *flags,
                    void *from, int *fromlen, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr, WS_WSAMSG *wmsg)
{
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(c, s);
    if (!sk)
        return ret;
    struct iovec stack[WS_IOV_STACK], *iov = NULL;
    struct sockaddr_storage ss;
    struct msghdr m = {0};
    size_t total = 0;
    bool want_from = from && sk->type != SOCK_STREAM;
    /* lpCompletionRoutine means nothing without lpOverlapped (WSARecv docs). */
    bool overlapped = ov != NULL;
    int err = 0;
    if (overlapped ? ws_bad_opt(got) : ws_bad_ptr(got))
        err = WSAEFAULT; /* (a count is optional only with an OVERLAPPED) */
    else if (overlapped && ws_bad_ptr(ov))
        err = WSAEFAULT;
    else if (ws_bad_ptr(flags))
        err = WSAEFAULT;
    else if (!count)
        err = WSAEINVAL; /* sock.c test_empty_recv */
    else if (ws_bad_ptr(bufs))
        err = WSAEFAULT;
    else if (want_from && (err = recv_from_check(sk, from, fromlen)) != 0)
        ;
    else
        err = ws_iov_from_wsabuf(stack, bufs, count, &total, &iov);
    if (err)
        ws_fail(c, err);
    else if (overlapped && !(ws_flags(sk) & WSF_SYNC)) {
        int wflags = (int)(*flags & ~(DWORD)WS_MSG_PARTIAL);
        int lx = wflags ? recv_flags(c, sk, wflags) : 0;
        uint32_t f = ws_flags(sk);
        int state = (f & RECV_STATE_MASK) != WSF_BOUND ? recv_state(sk, f) : 0;
        if (lx < 0)
            ;
        else if (state)
            ws_fail(c, state);
        else {
            if (ws_unlikely(f & WSF_EVSEL))
                ws_evsel_reenable(sk, (wflags & WS_MSG_OOB) ? WS_FD_OOB : WS_FD_READ);
            struct ws_overlapped_args a = {.op = WS_IO_RECV, .iov = iov, .count = count, .total = total,
                                           .lxflags = lx, .from = want_from ? from : NULL,
                                           .fromlen = want_from ? fromlen : NULL, .ov = ov, .routine = cr,
                                           .bytes_out = got, .flags_out = flags, .wmsg = wmsg};
            ret = ws_overlapped_io(c, sk, &a);
        }
    } else {
        char ctl[WS_CMSG_ROOM];
        m.msg_iov = iov;
        m.msg_iovlen = count;
        if (want_from) {
            ss.ss_family = AF_UNSPEC;
            m.msg_name = &ss;
            m.msg_namelen = sizeof ss;
        }
        if (wmsg) {
            m.msg_control = ctl;
            m.msg_controllen = sizeof ctl;
        }
        int wflags = (int)(*flags & ~(DWORD)WS_MSG_PARTIAL);
        bool partial;
        long n;
        for (;;) {
            n = recv_core(c, sk, &m, total, wflags, &partial);
            /* A socket made without WSA_FLAG_OVERLAPPED blocks when given an
             * OVERLAPPED, even in non-blocking mode. */
            if (!(overlapped && n < 0 && c->err == WSAEWOULDBLOCK))
                break;
            struct pollfd p = {sk->fd, (wflags & WS_MSG_OOB) ? POLLPRI : POLLIN, 0};
            poll(&p, 1, -1);
            c->err = 0;
        }
        if (n >= 0) {
            /* A cut datagram still reports what was placed in the buffers. */
            DWORD out = (partial ? WS_MSG_PARTIAL : 0) | (wflags & WS_MSG_OOB);
            if (wmsg) {
                /* WSARecvMsg: control data into the WSAMSG; a control
                 * buffer too small is WSAEMSGSIZE (sock.c test_ip_pktinfo). */
                bool trunc;
                size_t cn = ws_cmsg_to_win(&m, wmsg->Control.buf, wmsg->Control.buf ? wmsg->Control.len : 0, &trunc);
                wmsg->Control.len = (ULONG)cn;
                out = (partial ? WS_MSG_TRUNC : 0) | (trunc ? WS_MSG_CTRUNC : 0);
                if (trunc && !partial) {
                    ws_fail(c, WSAEMSGSIZE);
                    partial = true;
                }
            }
            if (got)
                *got = (DWORD)n;
            *flags = out;
            if (want_from)
                ws_addr_out((struct sockaddr *)&ss, m.msg_namelen, from, fromlen);
            ret = partial ? WS_SOCKET_ERROR : 0;
        }
        if (overlapped)
            ws_overlapped_sync_done(ov, ret, c->err, n >= 0 ? (DWORD)n : 0, *flags);
    }
    if (iov && iov != stack)
        free(iov);
    ws_sock_put(sk);
    return ret;
}

WS2P_EXPORT int WSARecv(SOCKET s, WS_WSABUF *bufs, DWORD count, DWORD *got, DWORD *flags, WS_OVERLAPPED *ov,
                        WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSARecv");
    unsigned in = ws_bad_ptr(flags) ? 0 : (unsigned)*flags;
    int ret = wsa_recv(&c, s, bufs, count, got, flags, NULL, NULL, ov, cr, NULL);
    return WS_EXIT(&c, ret, "s=%lu, bufs=%p, count=%u, got=%u, flags=%#x, ov=%p, cr=%p", (unsigned long)s,
                   (void *)bufs, (unsigned)count, !ws_bad_ptr(got) && !ov ? (unsigned)*got : 0, in, (void *)ov,
                   (void *)(uintptr_t)cr);
}

WS2P_EXPORT int WSARecvFrom(SOCKET s, WS_WSABUF *bufs, DWORD count, DWORD *got, DWORD *flags,
                            struct WS_sockaddr *from, int *fromlen, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSARecvFrom");
    unsigned in = ws_bad_ptr(flags) ? 0 : (unsigned)*flags;
    int ret = wsa_recv(&c, s, bufs, count, got, flags, from, fromlen, ov, cr, NULL);
    return WS_EXIT(&c, ret, "s=%lu, bufs=%p, count=%u, got=%u, flags=%#x, from=%p, fromlen=%d, ov=%p, cr=%p",
                   (unsigned long)s, (void *)bufs, (unsigned)count, !ws_bad_ptr(got) && !ov ? (unsigned)*got : 0, in,
                   (void *)from, ws_peek_int(fromlen), (void *)ov, (void *)(uintptr_t)cr);
}

/* WSARecvEx (mswsock): recv, except that a datagram cut to fit is no
 * error: the bytes that fit come back with MSG_PARTIAL in *flags, which a
 * whole message clears (WSARecvEx docs). */
WS2P_EXPORT int WSARecvEx(SOCKET s, char *buf, int len, int *flags)
{
    struct ws_call c = WS_CALL("WSARecvEx");
    int ret = WS_SOCKET_ERROR;
    int in = flags && !ws_bad_ptr(flags) ? *flags : 0;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        struct iovec iov = {buf, len > 0 ? (size_t)len : 0};
        struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
        bool partial;
        if (ws_bad_ptr(flags) || len < 0 || (len && ws_bad_ptr(buf)))
            ws_fail(&c, WSAEFAULT);
        else {
            long n = recv_core(&c, sk, &m, (size_t)len, in & ~WS_MSG_PARTIAL, &partial);
            if (n >= 0) {
                if (partial) {
                    c.err = 0;
                    *flags = in | WS_MSG_PARTIAL;
                } else
                    *flags = in & ~WS_MSG_PARTIAL;
                ret = (int)n;
            }
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, buf=%p, len=%d, flags=%#x", (unsigned long)s, (void *)buf, len, (unsigned)in);
}

/* WSARecvMsg (reached through SIO_GET_EXTENSION_FUNCTION_POINTER: mswsock's
 * on Windows): WSARecvFrom on the WSAMSG's buffers and name, plus control
 * data in Windows' WSACMSGHDR layout (src/core/cmsg.c).  dwFlags is output
 * only: MSG_TRUNC for a cut datagram, MSG_CTRUNC for cut control data. */
WS2P_EXPORT int ws2p_WSARecvMsg(SOCKET s, WS_WSAMSG *msg, DWORD *got, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSARecvMsg");
    int ret = WS_SOCKET_ERROR;
    if (ws_bad_ptr(msg)) {
        ws_sock *sk = ws_enter(&c, s);
        if (sk) {
            ws_fail(&c, WSAEFAULT);
            ws_sock_put(sk);
        }
    } else if (msg->Control.len && ws_bad_ptr(msg->Control.buf)) {
        ws_fail(&c, WSAEFAULT);
    } else {
        msg->dwFlags = 0;
        ret = wsa_recv(&c, s, msg->lpBuffers, msg->dwBufferCount, got, &msg->dwFlags, msg->name,
                       msg->name ? &msg->namelen : NULL, ov, cr, msg);
    }
    return WS_EXIT(&c, ret, "s=%lu, msg=%p, got=%u, ov=%p, cr=%p", (unsigned long)s, (void *)msg,
                   got && ret == 0 ? (unsigned)*got : 0, (void *)ov, (void *)(uintptr_t)cr);
}

/* shutdown(SD_RECEIVE); Windows' TCP/IP has no disconnect data, so asking
 * for some is WSAENOPROTOOPT (WSARecvDisconnect docs). */
WS2P_EXPORT int WSARecvDisconnect(SOCKET s, WS_WSABUF *data)
{
    struct ws_call c = WS_CALL("WSARecvDisconnect");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        bool bad = ws_bad_opt(data), wants_data = !bad && data && data->len;
        ws_sock_put(sk);
        if (bad)
            ws_fail(&c, WSAEFAULT); /* (WSARecvDisconnect docs) */
        else if (wants_data)
            ws_fail(&c, WSAENOPROTOOPT);
        else {
            ret = ws2p_shutdown(s, WS_SD_RECEIVE);
            c.err = (int)ws_last_error;
        }
    }
    return WS_EXIT(&c, ret, "s=%lu, data=%p", (unsigned long)s, (void *)data);
}
