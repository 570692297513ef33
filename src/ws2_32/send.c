/* Sending: send, sendto, WSASend, WSASendTo, WSASendDisconnect.  All of them
 * go through send_core, so each Windows rule is written once.  The success
 * path is one system call: no lock, no extra syscall, MSG_NOSIGNAL always
 * (Windows has no SIGPIPE). */
#include "engine.h"
#include <limits.h>
#include <string.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/uio.h>

/* States in which Windows refuses to send before reaching the wire. */
#define SEND_BAD_STATE (WSF_RESET | WSF_SHUT_WR | WSF_ABORTED)

int ws_iov_from_wsabuf(struct iovec *stack, const WS_WSABUF *bufs, DWORD count, size_t *total, struct iovec **out)
{
    *out = NULL;
    if (count > IOV_MAX)
        return WSAENOBUFS; /* sendmsg/recvmsg take at most IOV_MAX pieces */
    struct iovec *iov = count <= WS_IOV_STACK ? stack : malloc(count * sizeof *iov);
    if (!iov)
        return WSAENOBUFS;
    size_t sum = 0;
    for (DWORD i = 0; i < count; i++) {
        iov[i].iov_base = bufs[i].buf;
        iov[i].iov_len = bufs[i].len;
        sum += bufs[i].len;
        /* "lpBuffers ... not totally contained in a valid part of the user
         * address space" (WSASend, WSARecv docs): a buffer in the never
         * mapped first 64 KiB is refused before anything moves. */
        if (ws_unlikely(bufs[i].len && ws_bad_ptr(bufs[i].buf))) {
            if (iov != stack)
                free(iov);
            return WSAEFAULT;
        }
    }
    *total = sum;
    *out = iov;
    return 0;
}

/* Windows MSG_* -> Linux for a send, or -1 with c set.  Unknown flags, and
 * MSG_OOB on a socket without out-of-band data, are WSAEOPNOTSUPP (send
 * docs); so is MSG_PARTIAL, which TCP/IP does not support (WSASend docs). */
static __attribute__((cold)) int send_flags(struct ws_call *c, const ws_sock *sk, int wflags)
{
    int lx = ws_msgflags_to_linux(wflags);
    if (lx < 0 || ((wflags & WS_MSG_OOB) && sk->type != SOCK_STREAM)) {
        ws_fail(c, WSAEOPNOTSUPP);
        return -1;
    }
    return lx;
}

static void iov_advance(struct msghdr *m, size_t n)
{
    while (m->msg_iovlen && n >= m->msg_iov->iov_len) {
        n -= m->msg_iov->iov_len;
        m->msg_iov++;
        m->msg_iovlen--;
    }
    if (m->msg_iovlen && n) { /* (no NULL + 0 for an empty buffer) */
        m->msg_iov->iov_base = (char *)m->msg_iov->iov_base + n;
        m->msg_iov->iov_len -= n;
    }
}

static bool to_port_zero(const struct msghdr *m)
{
    const struct sockaddr_in *a = m->msg_name; /* sin6_port is at the same place */
    return a && (a->sin_family == AF_INET || a->sin_family == AF_INET6) && a->sin_port == 0;
}

/* Part is queued: the engine sends the rest (src/core/sendq.c).  1 when
 * it took it, -1 when the send fails (c set), 0 when it cannot (a rest is
 * pending already, no memory) and the caller waits for room itself. */
static int defer_rest(struct ws_call *c, ws_sock *sk, struct msghdr *m, size_t left, int lx)
{
    int err = ws_send_defer(sk, m->msg_iov, m->msg_iovlen, left, lx);
    if (!err)
        return 1;
    if (err == WSAEFAULT) {
        ws_fail(c, WSAEFAULT); /* the kernel took the readable start */
        return -1;
    }
    return 0;
}

/* Everything but a complete first send: errors, and a stream send the kernel
 * took only part of.  Windows never returns a partial count: a blocking send
 * takes the whole buffer (sock.c test_send: 1 MiB against SO_SNDBUF 0), and
 * a non-blocking one either takes it all or fails WSAEWOULDBLOCK
 * (test_send_buffering).  So once part is queued, finish the rest, waiting
 * for room if the socket is non-blocking. */
static __attribute__((noinline)) long send_slow(struct ws_call *c, ws_sock *sk, struct msghdr *m, size_t total,
                                                int lx, long n, int e)
{
    size_t done = 0;
    int refused = 0;
    for (;;) {
        if (n >= 0) {
            done += (size_t)n;
            if (done >= total || sk->type != SOCK_STREAM)
                return (long)done;
            iov_advance(m, (size_t)n);
            /* A non-blocking stream send cut short means the buffer is
             * full: asking again would only fail EAGAIN. */
            if (n > 0 && (ws_flags(sk) & WSF_NONBLOCK)) {
                int d = defer_rest(c, sk, m, total - done, lx);
                if (d)
                    return d > 0 ? (long)total : WS_SOCKET_ERROR;
            }
        } else if (e == EINTR) {
            /* A signal is no reason to fail: Windows has none. */
        } else if (e == ECONNREFUSED && sk->type != SOCK_STREAM && refused++ < 8) {
            /* The ICMP error of an earlier datagram; Windows never reports it
             * to a send (sock.c test_UDP) but to the next receive.  Several
             * may be queued (each pop re-arms the socket's error), and more
             * may land while we retry: drain them all, a few times over. */
            ws_icmp_drain(sk);
        } else if (e == EAGAIN && done && (ws_flags(sk) & WSF_NONBLOCK)) {
            int d = defer_rest(c, sk, m, total - done, lx);
            if (d)
                return d > 0 ? (long)total : WS_SOCKET_ERROR;
            struct pollfd p = {sk->fd, POLLOUT, 0};
            if (poll(&p, 1, -1) < 0 && errno != EINTR) {
                ws_fail_io(c, sk, "poll", errno);
                return WS_SOCKET_ERROR;
            }
        } else if (e == EINVAL && to_port_zero(m)) {
            /* Windows sends to port 0 (sock.c test_UDP); Linux refuses.  No
             * socket can listen there, so the datagram is lost either way. */
            return (long)total;
        } else if (e == EDESTADDRREQ) {
            /* send on a datagram socket that was never connected
             * (sock.c test_connect_udp). */
            ws_fail_sys(c, "sendmsg", e, WSAENOTCONN);
            return WS_SOCKET_ERROR;
        } else {
            ws_fail_io(c, sk, "sendmsg", e);
            if (e == EAGAIN && (ws_flags(sk) & WSF_EVSEL))
                ws_evsel_reenable(sk, WS_FD_WRITE); /* recorded again once there is room */
            return WS_SOCKET_ERROR;
        }
        n = WS_XFER(send, sk->fd, sk->type == SOCK_STREAM, m, lx, sendmsg(sk->fd, m, lx));
        e = errno;
    }
}

static inline long send_syscall(struct ws_call *c, ws_sock *sk, struct msghdr *m, size_t total, int lx)
{
    long n = WS_XFER(send, sk->fd, sk->type == SOCK_STREAM, m, lx,
                     m->msg_iovlen == 1 && !m->msg_control
                         ? sendto(sk->fd, m->msg_iov->iov_base, m->msg_iov->iov_len, lx, m->msg_name, m->msg_namelen)
                         : sendmsg(sk->fd, m, lx));
    if (ws_unlikely(n < 0 || (size_t)n < total))
        n = send_slow(c, sk, m, total, lx, n, n < 0 ? errno : 0);
    return n;
}

/* A socket in a state the hot path does not expect: refused by Windows, or
 * a send that binds a datagram socket (sock.c test_WSASendTo) or proves a
 * non-blocking connect finished (remembered so later calls stay cheap). */
static __attribute__((noinline)) long send_unusual(struct ws_call *c, ws_sock *sk, struct msghdr *m, size_t total,
                                                   int lx, uint32_t f)
{
    if ((f & WSF_PENDING) && !(f & SEND_BAD_STATE)) {
        /* The rest of an earlier send is still going out (src/core/sendq.c):
         * Windows answers WSAEWOULDBLOCK until it has, then records FD_WRITE. */
        ws_fail(c, WSAEWOULDBLOCK);
        if (f & WSF_EVSEL)
            ws_evsel_reenable(sk, WS_FD_WRITE);
        return WS_SOCKET_ERROR;
    }
    if (f & SEND_BAD_STATE) {
        ws_fail(c, (f & WSF_ABORTED) ? WSAECONNABORTED : (f & WSF_SHUT_WR) ? WSAESHUTDOWN : WSAECONNRESET);
        return WS_SOCKET_ERROR;
    }
    long n;
    if ((f & (WSF_BCAST_KERNEL | WSF_BROADCAST)) == WSF_BCAST_KERNEL && m->msg_name) {
        /* Connected to a broadcast address without SO_BROADCAST: a sendto
         * there still needs the option (sock.c test_broadcast), so the
         * kernel's is off for this one datagram. */
        int off = 0, on = 1;
        setsockopt(sk->fd, SOL_SOCKET, SO_BROADCAST, &off, sizeof off);
        n = send_syscall(c, sk, m, total, lx);
        setsockopt(sk->fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof on);
    } else
        n = send_syscall(c, sk, m, total, lx);
    if (n >= 0) {
        if (f & WSF_CONNECTING) {
            ws_connect_established(sk);
        }
        ws_set_flags(sk, WSF_BOUND);
    } else if ((f & WSF_CONNECTING) && c->err == WSAEWOULDBLOCK && ws_still_connecting(sk))
        ws_fail(c, WSAENOTCONN); /* not connected yet (sock.c test_connecting_socket) */
    return n;
}

/* The one send: m's buffers, all of them or an error.  Returns the byte
 * count or WS_SOCKET_ERROR with c set.  One flags test guards the hot path;
 * on a stream socket it is made holding the send lock (core.h). */
static long send_core(struct ws_call *c, ws_sock *sk, struct msghdr *m, size_t total, int wflags)
{
    int lx = MSG_NOSIGNAL;
    if (ws_unlikely(wflags)) {
        int t = send_flags(c, sk, wflags);
        if (t < 0)
            return WS_SOCKET_ERROR;
        lx |= t;
    }
    bool stream = sk->type == SOCK_STREAM;
    if (stream) {
        ws_send_lock(sk);
        ws_mark_sent(sk);
    }
    uint32_t f = ws_flags(sk);
    long n;
    int err = ws_hooked(sk) && !(f & SEND_BAD_STATE) ? ws_block_with_hook(sk, POLLOUT) : 0;
    if (err) {
        ws_fail(c, err);
        n = WS_SOCKET_ERROR;
    } else if (ws_unlikely((f & (SEND_BAD_STATE | WSF_BOUND | WSF_CONNECTING | WSF_PENDING | WSF_BCAST_KERNEL)) != WSF_BOUND))
        n = send_unusual(c, sk, m, total, lx, f);
    else
        n = send_syscall(c, sk, m, total, lx);
    if (stream)
        ws_send_unlock(sk);
    return n;
}

/* Destination of a sendto: ignored on stream sockets, even when garbage
 * (sock.c test_tcp_sendto_recvfrom); NULL means the connected peer. */
static int send_dest(ws_sock *sk, const void *to, int tolen, struct sockaddr_storage *ss, struct msghdr *m)
{
    if (!to || sk->type == SOCK_STREAM)
        return 0;
    socklen_t len; /* (a bad to is WSAEFAULT from ws_addr_in) */
    int err = ws_addr_in(to, tolen, ss, &len);
    if (err)
        return err;
    if (ws_addr_is_any(ss))
        return WSAEADDRNOTAVAIL; /* connect.txt, and so sendto: no such destination */
    m->msg_name = ss;
    m->msg_namelen = len;
    return 0;
}

/* Shared by send and sendto: one buffer. */
static long send_one(struct ws_call *c, ws_sock *sk, const char *buf, int len, int flags, const void *to,
                     int tolen)
{
    struct sockaddr_storage ss;
    struct iovec iov = {(void *)buf, (size_t)len};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
    int err = ws_unlikely(len < 0 || (len && ws_bad_ptr(buf))) ? WSAEFAULT : 0;
    if (!err && to)
        err = send_dest(sk, to, tolen, &ss, &m);
    if (err) {
        ws_fail(c, err);
        return WS_SOCKET_ERROR;
    }
    return send_core(c, sk, &m, (size_t)len, flags);
}

WS2P_EXPORT int ws2p_send(SOCKET s, const char *buf, int len, int flags)
{
    struct ws_call c = WS_CALL("send");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (ws_likely(sk != NULL)) {
        /* The common case straight to the kernel: no flags, a plain buffer, a
         * socket in its usual state.  Anything else, and any result but the
         * whole buffer, takes the general path (docs/performance.md), and so
         * does every send while WS2POSIX_FAULTS is set (its site is there). */
        bool fast = !flags && len > 0 && !ws_bad_ptr(buf) && !ws_blocking_hook && !ws_fault_on;
        bool stream = sk->type == SOCK_STREAM;
        if (ws_likely(fast) && stream) {
            ws_send_lock(sk);
            ws_mark_sent(sk);
        }
        if (ws_likely(fast && (ws_flags(sk) & (SEND_BAD_STATE | WSF_BOUND | WSF_CONNECTING | WSF_PENDING)) ==
                                  WSF_BOUND)) {
            long n = send(sk->fd, buf, (size_t)len, MSG_NOSIGNAL);
            if (ws_unlikely(n != len)) {
                struct iovec iov = {(void *)buf, (size_t)len};
                struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
                n = send_slow(&c, sk, &m, (size_t)len, MSG_NOSIGNAL, n, n < 0 ? errno : 0);
            }
            if (stream)
                ws_send_unlock(sk);
            ret = (int)n;
        } else {
            if (fast && stream)
                ws_send_unlock(sk);
            ret = (int)send_one(&c, sk, buf, len, flags, NULL, 0);
        }
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, buf=%p, len=%d, flags=%#x", (unsigned long)s, (const void *)buf, len,
                   (unsigned)flags);
}

WS2P_EXPORT int ws2p_sendto(SOCKET s, const char *buf, int len, int flags, const struct WS_sockaddr *to, int tolen)
{
    struct ws_call c = WS_CALL("sendto");
    char a[80];
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (ws_likely(sk != NULL)) {
        ret = (int)send_one(&c, sk, buf, len, flags, to, tolen);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, buf=%p, len=%d, flags=%#x, to=%s, tolen=%d", (unsigned long)s,
                   (const void *)buf, len, (unsigned)flags, ws_trace_addr(a, to, tolen), tolen);
}

/* WSASend and WSASendTo.  Checks in Windows' order (sock.c test_send,
 * test_WSASendTo): the handle, then lpNumberOfBytesSent (needed unless
 * overlapped), then the rest. */
static int wsa_send(struct ws_call *c, SOCKET s, WS_WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags,
                    const void *to, int tolen, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr, const void *ctl,
                    size_t ctllen)
{
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(c, s);
    if (!sk)
        return ret;
    struct iovec stack[WS_IOV_STACK], *iov = NULL;
    struct sockaddr_storage ss;
    struct msghdr m = {0};
    size_t total = 0;
    int err = 0;
    /* lpCompletionRoutine means nothing without lpOverlapped (WSASend docs). */
    bool overlapped = ov != NULL;
    if (overlapped ? ws_bad_opt(sent) : ws_bad_ptr(sent))
        err = WSAEFAULT; /* (a count is optional only with an OVERLAPPED) */
    else if (overlapped && ws_bad_ptr(ov))
        err = WSAEFAULT;
    else if (count && ws_bad_ptr(bufs))
        err = WSAEFAULT;
    else if (!count)
        err = WSAEINVAL; /* as WSARecv (sock.c test_empty_recv) */
    else if (!(err = ws_iov_from_wsabuf(stack, bufs, count, &total, &iov)))
        err = send_dest(sk, to, tolen, &ss, &m);
    if (err)
        ws_fail(c, err);
    else if (overlapped && !(ws_flags(sk) & WSF_SYNC)) {
        uint32_t f = ws_flags(sk);
        int lx = flags ? send_flags(c, sk, (int)flags) : 0;
        if (lx < 0)
            ;
        else if (f & SEND_BAD_STATE)
            ws_fail(c, (f & WSF_ABORTED) ? WSAECONNABORTED : (f & WSF_SHUT_WR) ? WSAESHUTDOWN : WSAECONNRESET);
        else {
            struct ws_overlapped_args a = {.op = WS_IO_SEND, .iov = iov, .count = count, .total = total,
                                           .lxflags = lx, .ov = ov, .routine = cr, .bytes_out = sent,
                                           .control = ctllen ? ctl : NULL, .controllen = ctllen};
            if (m.msg_name) {
                a.to = m.msg_name;
                a.to_len = m.msg_namelen;
            }
            ret = ws_overlapped_io(c, sk, &a);
            if (ret == 0 || c->err == WSA_IO_PENDING)
                ws_set_flags(sk, WSF_BOUND); /* a send binds a datagram socket (sock.c test_WSASendTo) */
        }
    } else {
        m.msg_iov = iov;
        m.msg_iovlen = count;
        if (ctllen) {
            m.msg_control = (void *)ctl;
            m.msg_controllen = ctllen;
        }
        long n;
        for (;;) {
            n = send_core(c, sk, &m, total, (int)flags);
            /* A socket made without WSA_FLAG_OVERLAPPED blocks when given an
             * OVERLAPPED, even in non-blocking mode. */
            if (!(overlapped && n < 0 && c->err == WSAEWOULDBLOCK))
                break;
            struct pollfd p = {sk->fd, POLLOUT, 0};
            poll(&p, 1, -1);
            c->err = 0;
        }
        if (n >= 0) {
            if (sent)
                *sent = (DWORD)n;
            ret = 0;
        }
        if (overlapped)
            ws_overlapped_sync_done(ov, ret, c->err, n >= 0 ? (DWORD)n : 0, 0);
    }
    if (iov != stack)
        free(iov);
    ws_sock_put(sk);
    return ret;
}

WS2P_EXPORT int WSASend(SOCKET s, WS_WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags, WS_OVERLAPPED *ov,
                        WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSASend");
    int ret = wsa_send(&c, s, bufs, count, sent, flags, NULL, 0, ov, cr, NULL, 0);
    return WS_EXIT(&c, ret, "s=%lu, bufs=%p, count=%u, sent=%u, flags=%#x, ov=%p, cr=%p", (unsigned long)s,
                   (void *)bufs, (unsigned)count, ret == 0 && !ws_bad_ptr(sent) ? (unsigned)*sent : 0, (unsigned)flags,
                   (void *)ov, (void *)(uintptr_t)cr);
}

WS2P_EXPORT int WSASendTo(SOCKET s, WS_WSABUF *bufs, DWORD count, DWORD *sent, DWORD flags,
                          const struct WS_sockaddr *to, int tolen, WS_OVERLAPPED *ov, WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSASendTo");
    char a[80];
    int ret = wsa_send(&c, s, bufs, count, sent, flags, to, tolen, ov, cr, NULL, 0);
    return WS_EXIT(&c, ret, "s=%lu, bufs=%p, count=%u, sent=%u, flags=%#x, to=%s, tolen=%d, ov=%p, cr=%p",
                   (unsigned long)s, (void *)bufs, (unsigned)count, ret == 0 && !ws_bad_ptr(sent) ? (unsigned)*sent : 0,
                   (unsigned)flags, ws_trace_addr(a, to, tolen), tolen, (void *)ov, (void *)(uintptr_t)cr);
}

/* Bind a datagram socket to its family's wildcard address and a port the
 * kernel picks (rare path: a WSASendMsg refused for its arguments). */
static void implicit_bind(ws_sock *sk)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_family = (sa_family_t)sk->family;
    socklen_t len = sk->family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    if ((sk->family == AF_INET || sk->family == AF_INET6) && bind(sk->fd, (struct sockaddr *)&ss, len) == 0)
        ws_set_flags(sk, WSF_BOUND);
}

/* WSASendMsg: WSASendTo on the WSAMSG's buffers and name, plus control
 * data (IP_PKTINFO to choose the source address, IP_TOS, ...) translated
 * to Linux's (src/core/cmsg.c).  Datagram and raw sockets only (WSASendMsg
 * docs; sock.c test_WSASendMsg: a stream socket is WSAEINVAL). */
WS2P_EXPORT int WSASendMsg(SOCKET s, WS_WSAMSG *msg, DWORD flags, DWORD *sent, WS_OVERLAPPED *ov,
                           WS_COMPLETION_ROUTINE cr)
{
    struct ws_call c = WS_CALL("WSASendMsg");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        char ctl[WS_CMSG_ROOM];
        size_t ctllen = 0;
        int err = 0;
        if (ws_bad_ptr(msg))
            err = WSAEFAULT;
        else if (!sent && !ov) {
            /* Windows binds the datagram socket before it finds the count
             * missing (sock.c test_WSASendMsg, todo_wine there): as the
             * kernel's implicit bind would, the wildcard and a free port. */
            if (sk->type != SOCK_STREAM && !ws_is_bound(sk))
                implicit_bind(sk);
            err = WSAEFAULT;
        } else if (sk->type == SOCK_STREAM)
            err = WSAEINVAL;
        else if (msg->Control.len && ws_bad_ptr(msg->Control.buf))
            err = WSAEFAULT;
        else if (msg->Control.len)
            err = ws_cmsg_from_win(msg->Control.buf, msg->Control.len, ctl, sizeof ctl, &ctllen);
        ws_sock_put(sk);
        if (err)
            ws_fail(&c, err);
        else
            ret = wsa_send(&c, s, msg->lpBuffers, msg->dwBufferCount, sent, flags, msg->name, msg->namelen, ov, cr,
                           ctl, ctllen);
    }
    return WS_EXIT(&c, ret, "s=%lu, msg=%p, flags=%#x, sent=%u, ov=%p, cr=%p", (unsigned long)s, (void *)msg,
                   (unsigned)flags, ret == 0 && sent ? (unsigned)*sent : 0, (void *)ov, (void *)(uintptr_t)cr);
}

/* shutdown(SD_SEND) plus disconnect data, which Windows' TCP/IP does not
 * support: data to send is WSAENOPROTOOPT (WSASendDisconnect docs). */
WS2P_EXPORT int WSASendDisconnect(SOCKET s, WS_WSABUF *data)
{
    struct ws_call c = WS_CALL("WSASendDisconnect");
    int ret = WS_SOCKET_ERROR;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        bool bad = ws_bad_opt(data), has_data = !bad && data && data->len;
        ws_sock_put(sk);
        if (bad)
            ws_fail(&c, WSAEFAULT); /* (WSASendDisconnect docs) */
        else if (has_data)
            ws_fail(&c, WSAENOPROTOOPT);
        else {
            ret = ws2p_shutdown(s, WS_SD_SEND);
            c.err = (int)ws_last_error;
        }
    }
    return WS_EXIT(&c, ret, "s=%lu, data=%p", (unsigned long)s, (void *)data);
}
