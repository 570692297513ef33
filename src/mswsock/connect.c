/* ConnectEx, DisconnectEx and SO_UPDATE_CONNECT_CONTEXT.
 *
 * Both are engine requests (src/core/io.c): ConnectEx waits for the
 * connection in the send FIFO, then sends its data there; DisconnectEx
 * queues behind the socket's pending sends and shuts the sending side when
 * they have gone.  Windows reports both pending even on loopback, and posts
 * their packets even with FILE_SKIP_COMPLETION_PORT_ON_SUCCESS (sock.c
 * test_connect_completion_port, test_shutdown_completion_port): they never
 * complete "at once". */
#include "ext.h"
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct connect_op {
    struct sockaddr_storage to;
    socklen_t tolen;
    const char *buf;
    DWORD len, sent;
    bool started, connected;
};

/* Waiting for a refused connect's next SYN (core.h): the request waits on
 * the retry timer, then on the socket again once the SYN has gone. */
static long wait_syn(ws_ioreq *r)
{
    int err, fd = ws_syn_poll(r->sk, &err);
    r->wait_alt = fd >= 0;
    r->alt_fd = fd;
    return fd >= 0 || !err ? -EAGAIN : -err;
}

/* The attempt failed with errno e (taken from the kernel socket): a reset
 * with retries left is no failure yet (core.h). */
static long attempt_failed(ws_ioreq *r, int e)
{
    if (e == ECONNREFUSED && ws_syn_refused(r->sk, true))
        return wait_syn(r);
    return -e;
}

static long connect_perform(ws_ioreq *r)
{
    struct connect_op *o = r->api_data;
    ws_sock *sk = r->sk;
    if (!o->started) {
        o->started = true;
        ws_connect_prepare(sk);
        ws_syn_new_attempt(sk);
        ws_remember_peer(sk, &o->to, o->tolen); /* where a refused SYN goes again */
        sk->connect_t0 = ws_now_coarse_ms();
        /* connect has no MSG_DONTWAIT: a blocking socket's descriptor is
         * non-blocking for the call only. */
        bool nb = ws_nonblock_begin(sk);
        int rc = connect(sk->fd, (struct sockaddr *)&o->to, o->tolen);
        int e = errno;
        ws_nonblock_end(sk, nb);
        if (rc < 0 && e != EINPROGRESS && e != EINTR)
            return attempt_failed(r, e);
        o->connected = rc == 0;
        if (!o->connected)
            return -EAGAIN;
    }
    if (ws_unlikely(r->wait_alt) || ws_unlikely(ws_xflags(sk) & WSX_SYN_WAIT))
        return wait_syn(r);
    if (!o->connected) {
        int e = 0;
        socklen_t l = sizeof e;
        if (getsockopt(sk->fd, SOL_SOCKET, SO_ERROR, &e, &l) == 0 && e) {
            if (e == ECONNREFUSED) { /* Linux would fail the next connect with ECONNABORTED */
                struct sockaddr unspec = {.sa_family = AF_UNSPEC};
                connect(sk->fd, &unspec, sizeof unspec);
            }
            return attempt_failed(r, e);
        }
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        if (getpeername(sk->fd, (struct sockaddr *)&ss, &sl) < 0)
            return errno == ENOTCONN ? -EAGAIN : -errno; /* still under way */
        o->connected = true;
    }
    while (o->sent < o->len) {
        ssize_t n = send(sk->fd, o->buf + o->sent, o->len - o->sent, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN ? -EAGAIN : errno == EINTR ? -EAGAIN : -errno;
        o->sent += (DWORD)n;
    }
    return (long)o->sent;
}

static void connect_finish(ws_ioreq *r)
{
    struct connect_op *o = r->api_data;
    ws_sock *sk = r->sk;
    if (o->connected) {
        ws_clear_flags(sk, WSF_CONN_FAILED | WSF_SO_ERROR);
        ws_set_xflags(sk, WSX_CONNECTEX);
        ws_connect_established(sk);
        if (r->status == WS_STATUS_CANCELLED)
            r->status = WS_STATUS_SUCCESS; /* connected, only the data was cut short */
        r->bytes = o->sent;
        return;
    }
    ws_clear_flags(sk, WSF_CONNECTING);
    ws_set_flags(sk, WSF_CONN_FAILED);
    if (r->status == WS_STATUS_CANCELLED && o->started) {
        /* Cancelled while the kernel still tries: abort the attempt. */
        struct sockaddr unspec = {.sa_family = AF_UNSPEC};
        connect(sk->fd, &unspec, sizeof unspec);
    } else if (r->status != WS_STATUS_SUCCESS) {
        ws_set_so_error(sk, (int)ws_ntstatus_to_wsa(r->status));
    }
}

static void op_free(ws_ioreq *r)
{
    free(r->api_data);
}

/* Checks in Windows' order (sock.c test_connect): the socket, the
 * OVERLAPPED (needed), which is marked pending whatever comes next, then the
 * socket's state (a listener or a socket an AcceptEx will use: WSAEINVAL;
 * connected: WSAEISCONN; not bound: WSAEINVAL), then the name. */
WS2P_EXPORT BOOL ws2p_ConnectEx(SOCKET s, const struct WS_sockaddr *name, int namelen, void *buf, DWORD len,
                                DWORD *sent, WS_OVERLAPPED *ov)
{
    struct ws_call c = WS_CALL("ConnectEx");
    char a[80];
    BOOL ret = 0;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        struct connect_op *o = NULL;
        ws_ioreq *r = NULL;
        int err = 0;
        uint32_t f = ws_flags(sk);
        if (ws_bad_ptr(ov))
            err = ERROR_INVALID_PARAMETER;
        else
            __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
        if (err)
            ;
        else if (sk->type != SOCK_STREAM || (f & WSF_LISTENING) || ws_sock_claimed(sk))
            err = WSAEINVAL;
        else if (f & WSF_CONNECTED)
            err = WSAEISCONN;
        else if (f & WSF_CONNECTING)
            err = WSAEALREADY;
        else if (!ws_is_bound(sk))
            err = WSAEINVAL; /* ConnectEx needs a bound socket (ConnectEx docs) */
        else if (len && ws_bad_ptr(buf))
            err = WSAEFAULT;
        else if (!(o = calloc(1, sizeof *o)))
            err = WSAENOBUFS;
        else if (!(err = ws_addr_in(name, namelen, &o->to, &o->tolen))) {
            if (o->to.ss_family != sk->family)
                err = WSAEAFNOSUPPORT;
            else if (ws_addr_is_any(&o->to))
                err = WSAEADDRNOTAVAIL;
        }
        if (!err) {
            r = ws_ioreq_custom(sk, WS_IO_DIR_SEND, POLLOUT, connect_perform);
            err = r ? ws_ioreq_targets(r, ov, NULL) : WSAENOBUFS;
        }
        if (err) {
            ws_fail(&c, err);
            if (r)
                ws_ioreq_discard(r);
            free(o);
        } else {
            o->buf = buf;
            o->len = len;
            r->api_data = o;
            r->finish_cb = connect_finish;
            r->free_cb = op_free;
            r->pend = true;
            ws_clear_flags(sk, WSF_CONN_FAILED);
            ws_set_flags(sk, WSF_CONNECTING);
            if (f & WSF_EVSEL)
                ws_evsel_reenable(sk, WS_FD_CONNECT | WS_FD_WRITE);
            ws_io_submit(r);
            ws_fail(&c, WSA_IO_PENDING);
        }
        ws_sock_put(sk);
    }
    (void)sent; /* written only by a completion that happens within the call: never for ConnectEx */
    return WS_EXIT(&c, ret, "s=%lu, name=%s, namelen=%d, buf=%p, len=%u, ov=%p", (unsigned long)s,
                   ws_trace_addr(a, name, namelen), namelen, buf, (unsigned)len, (void *)ov);
}

/* SO_UPDATE_CONNECT_CONTEXT after ConnectEx: the socket is connected
 * already; Windows then lets getpeername and friends work (ConnectEx docs). */
int ws_update_connect_context(ws_sock *sk, const char *optval, int optlen)
{
    (void)optval;
    (void)optlen;
    return (ws_flags(sk) & WSF_CONNECTED) ? 0 : WSAENOTCONN;
}

/* ---- DisconnectEx ---------------------------------------------------------- */

/* Shut the sending side (after the rest of an earlier send: src/core/sendq.c)
 * and, with TF_REUSE_SOCKET, put a fresh socket of the same kind in place
 * so AcceptEx or ConnectEx can use the handle again.  0 or an errno. */
static int disconnect(ws_sock *sk, bool reuse)
{
    if (reuse) {
        /* The new socket takes the descriptor: the rest must have gone. */
        while ((ws_flags(sk) & WSF_PENDING) && !ws_sock_closing(sk))
            poll(NULL, 0, 5);
    }
    if (!((ws_flags(sk) & WSF_PENDING) && ws_send_pending_shutdown(sk)) && shutdown(sk->fd, SHUT_WR) < 0 &&
        errno != ENOTCONN)
        return errno;
    ws_set_flags(sk, WSF_SHUT_WR);
    return reuse ? ws_sock_renew(sk) : 0;
}

struct disconnect_op {
    bool reuse;
};

static long disconnect_perform(ws_ioreq *r)
{
    struct disconnect_op *o = r->api_data;
    if (o->reuse && (ws_flags(r->sk) & WSF_PENDING))
        return -EAGAIN; /* the rest of a send still goes out: wait for room again */
    int e = disconnect(r->sk, o->reuse);
    return e ? -e : 0;
}

/* Checks (DisconnectEx docs, sock.c test_DisconnectEx): the socket,
 * dwReserved and dwFlags (only TF_REUSE_SOCKET), the OVERLAPPED, then a
 * connection to end.  Without an OVERLAPPED the call is synchronous. */
WS2P_EXPORT BOOL ws2p_DisconnectEx(SOCKET s, WS_OVERLAPPED *ov, DWORD flags, DWORD reserved)
{
    struct ws_call c = WS_CALL("DisconnectEx");
    BOOL ret = 0;
    ws_sock *sk = ws_enter(&c, s);
    if (sk) {
        uint32_t f = ws_flags(sk);
        ws_ioreq *r = NULL;
        struct disconnect_op *o = NULL;
        int err = 0;
        if (reserved || (flags & ~(DWORD)WS_TF_REUSE_SOCKET))
            err = WSAEINVAL;
        else if (ov && ws_bad_ptr(ov))
            err = WSAEFAULT;
        else if (sk->type != SOCK_STREAM || !(f & WSF_CONNECTED))
            err = WSAENOTCONN;
        if (!err && !ov) {
            int e = disconnect(sk, flags & WS_TF_REUSE_SOCKET);
            if (e)
                ws_fail_errno(&c, "shutdown", e);
            else
                ret = 1;
        } else if (!err) {
            o = calloc(1, sizeof *o);
            r = o ? ws_ioreq_custom(sk, WS_IO_DIR_SEND, POLLOUT, disconnect_perform) : NULL;
            err = r ? ws_ioreq_targets(r, ov, NULL) : WSAENOBUFS;
            if (!err) {
                o->reuse = (flags & WS_TF_REUSE_SOCKET) != 0;
                r->api_data = o;
                r->free_cb = op_free;
                r->pend = true;
                __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
                ws_io_submit(r);
                err = WSA_IO_PENDING;
            } else {
                if (r)
                    ws_ioreq_discard(r);
                free(o);
            }
        }
        if (err)
            ws_fail(&c, err);
        ws_sock_put(sk);
    }
    return WS_EXIT(&c, ret, "s=%lu, ov=%p, flags=%#x, reserved=%u", (unsigned long)s, (void *)ov, (unsigned)flags,
                   (unsigned)reserved);
}
