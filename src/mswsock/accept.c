/* AcceptEx, GetAcceptExSockaddrs and SO_UPDATE_ACCEPT_CONTEXT.
 *
 * Linux cannot accept into a socket the program made: the connection is
 * accepted (accept4) and its descriptor moved onto the accept socket's
 * number (dup3), so the SOCKET value the program holds becomes the
 * connection; the slot keeps its number and gets an accepted socket's
 * state.  The request belongs to the listener (its receive FIFO, its port
 * and key: sock.c test_completion_port); closing either socket aborts it.
 * With receive data, a second request on the accept socket waits for the
 * first data and completes the listener's OVERLAPPED (ws_io_handoff), so
 * one slow client does not hold up the listener's next AcceptEx.
 *
 * The output buffer: the received data, then the local and the remote
 * address areas (dwLocalAddressLength, dwRemoteAddressLength bytes).  The
 * areas are Windows' "internal format" (AcceptEx docs): here a 32-bit word
 * (the address length, and in its high half the offset of the address from
 * the start of the area, 8-byte aligned) then the Windows sockaddr;
 * GetAcceptExSockaddrs reads the same. */
#include "ext.h"
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define AREA_SLACK 16 /* the documented 16 bytes beyond the address */

struct accept_op {
    ws_sock *asock;    /* the accept socket (referenced) */
    char *buf;
    DWORD recvlen, loclen, remlen;
    bool accepted;     /* the connection is on the accept socket's descriptor */
    uint32_t fail;     /* a status decided by perform (STATUS_BUFFER_TOO_SMALL) */
    const struct listen_ext *local; /* the listener's address if exact (lives with the listener) */
};

/* The area size an address of the listener's family needs. */
static DWORD area_need(const ws_sock *listener)
{
    return (DWORD)ws_addr_minlen(ws_af_from_linux(listener->family)) + AREA_SLACK;
}

static void put_area(char *area, DWORD size, const struct sockaddr_storage *ss, socklen_t len)
{
    uintptr_t at = ((uintptr_t)area + 4 + 7) & ~(uintptr_t)7;
    uint32_t off = (uint32_t)(at - (uintptr_t)area);
    int n = (int)(size - off);
    if (ws_addr_out((const struct sockaddr *)ss, len, area + off, &n) != 0)
        n = 0;
    uint32_t word = (uint32_t)n | off << 16;
    memcpy(area, &word, sizeof word);
}

static bool get_area(char *area, struct WS_sockaddr **addr, int *len)
{
    uint32_t word;
    memcpy(&word, area, sizeof word);
    *len = (int)(word & 0xffff);
    *addr = (struct WS_sockaddr *)(area + (word >> 16));
    return true;
}

/* The listener's own address, when it is the address of every
 * connection it accepts (bound to one address, not the wildcard): then no
 * getsockname per connection. */
struct listen_ext {
    struct sockaddr_storage local;
    socklen_t len;
    bool exact;
};

static const struct listen_ext *listener_address(ws_sock *l)
{
    struct ws_sockio *io = ws_sockio(l);
    if (!io)
        return NULL;
    struct listen_ext *e = atomic_load_explicit(&io->ext, memory_order_acquire);
    if (e)
        return e;
    struct listen_ext *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->len = sizeof n->local;
    n->exact = getsockname(l->fd, (struct sockaddr *)&n->local, &n->len) == 0 && !ws_addr_is_any(&n->local);
    void *none = NULL;
    if (!atomic_compare_exchange_strong(&io->ext, &none, n)) {
        free(n);
        return none;
    }
    return n;
}

static long accept_perform(ws_ioreq *r)
{
    struct accept_op *a = r->api_data;
    ws_sock *l = r->sk;
    if (ws_sock_closing(a->asock))
        return -ECANCELED;
    DWORD need = area_need(l);
    if ((a->loclen && a->loclen < need) || a->remlen < need) {
        /* Too small for the address: the connection is refused to this
         * AcceptEx and stays queued (sock.c test_AcceptEx). */
        struct pollfd p = {l->fd, POLLIN, 0};
        if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN))
            return -EAGAIN;
        a->fail = WS_STATUS_BUFFER_TOO_SMALL;
        return -ENOBUFS;
    }
    struct sockaddr_storage peer, local;
    socklen_t plen = sizeof peer, llen = sizeof local;
    int fd;
    bool nb = (ws_flags(a->asock) & WSF_NONBLOCK) != 0;
    if (ws_flags(l) & WSF_DEFERRED) {
        /* The connection WSAAccept's condition deferred comes first (sock.c
         * test_AcceptEx, the CF_DEFER case). */
        fd = ws_take_deferred(l, &peer, &plen);
        int fl = fd >= 0 ? fcntl(fd, F_GETFL) : -1;
        if (fl >= 0)
            fcntl(fd, F_SETFL, nb ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
        else if (fd < 0 && errno != EAGAIN)
            return -errno;
    } else
        fd = -1;
    while (fd < 0) {
        fd = accept4(l->fd, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC | (nb ? SOCK_NONBLOCK : 0));
        if (fd >= 0)
            break;
        if (errno == EINTR || errno == ECONNABORTED) /* a connection reset while queued: the next one */
            continue;
        return errno == EAGAIN || errno == EWOULDBLOCK ? -EAGAIN : -errno;
    }
    const struct listen_ext *le = a->local;
    if (le && le->exact) {
        memcpy(&local, &le->local, le->len);
        llen = le->len;
    } else if (a->loclen && getsockname(fd, (struct sockaddr *)&local, &llen) < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    if (dup3(fd, a->asock->fd, (ws_flags(a->asock) & WSF_NOINHERIT) ? O_CLOEXEC : 0) < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    close(fd);
    ws_sock_realias(a->asock);
    a->accepted = true;
    if (a->loclen)
        put_area(a->buf + a->recvlen, a->loclen, &local, llen);
    put_area(a->buf + a->recvlen + a->loclen, a->remlen, &peer, plen);
    return 0;
}

/* The accept socket is now the accepted connection, with the listener's
 * properties as accept gives them; getpeername and friends wait for
 * SO_UPDATE_ACCEPT_CONTEXT (AcceptEx docs). */
static void accept_finish(ws_ioreq *r)
{
    struct accept_op *a = r->api_data;
    if (a->fail)
        r->status = a->fail;
    if (!a->accepted)
        return;
    ws_sock *l = r->sk, *s = a->asock;
    uint32_t own = ws_flags(s) & (WSF_SYNC | WSF_NONBLOCK | WSF_NOINHERIT);
    ws_accept_inherit(l, s, (ws_flags(l) & WSF_INHERITED & ~(WSF_SYNC | WSF_NONBLOCK)) | own | WSF_BOUND |
                                WSF_CONNECTED | WSF_ACCEPTED | WSF_NOCTX);
    ws_stamp_connected(s);
}

/* With receive data, the completion waits for the first of it on the
 * accepted socket. */
static bool accept_chain(ws_ioreq *r)
{
    struct accept_op *a = r->api_data;
    if (r->status != WS_STATUS_SUCCESS || !a->recvlen)
        return false;
    ws_ioreq *rx = ws_ioreq_new(a->asock, WS_IO_RECV);
    struct iovec iov = {a->buf, a->recvlen};
    if (!rx || !ws_ioreq_set_buffers(rx, &iov, 1)) {
        if (rx)
            ws_ioreq_discard(rx);
        r->status = WS_STATUS_NO_MEMORY;
        return false;
    }
    rx->total = a->recvlen;
    ws_io_handoff(r, rx);
    ws_io_submit(rx);
    return true;
}

static void accept_free(ws_ioreq *r)
{
    struct accept_op *a = r->api_data;
    ws_io_unclaim(a->asock, r);
    ws_sock_put(a->asock);
    free(a);
}

/* Checks in Windows' order (sock.c test_AcceptEx): the OVERLAPPED (needed),
 * which is marked pending whatever comes next, the sockets, the listener
 * listening, the buffer and remote area, then the accept socket: a fresh
 * stream socket of the listener's family, not bound or connected, not
 * already the target of another AcceptEx. */
static int check(ws_sock *l, ws_sock *s, const void *buf, DWORD remlen)
{
    uint32_t lf = ws_flags(l), sf = ws_flags(s);
    if (!(lf & WSF_LISTENING))
        return WSAEINVAL;
    if (ws_bad_ptr(buf) || !remlen)
        return WSAEFAULT;
    if (s->type != SOCK_STREAM || s->family != l->family ||
        (sf & (WSF_BOUND | WSF_CONNECTED | WSF_CONNECTING | WSF_LISTENING)))
        return WSAEINVAL;
    return 0;
}

WS2P_EXPORT BOOL AcceptEx(SOCKET ls, SOCKET as, void *buf, DWORD recvlen, DWORD loclen, DWORD remlen, DWORD *bytes,
                          WS_OVERLAPPED *ov)
{
    (void)bytes; /* written by a completion within the call only: never, as it always pends */
    struct ws_call c = WS_CALL("AcceptEx");
    BOOL ret = 0;
    ws_sock *l = NULL, *s = NULL;
    if (!ws_started(&c))
        ;
    else if (ws_bad_ptr(ov))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        __atomic_store_n(&ov->Internal, (ULONG_PTR)WS_STATUS_PENDING, __ATOMIC_RELEASE);
        if (!(l = ws_sock_get(ls)) || !(s = ws_sock_get(as)))
            ws_fail(&c, WSAENOTSOCK);
    }
    int err = s ? check(l, s, buf, remlen) : 0;
    struct accept_op *a = NULL;
    ws_ioreq *r = NULL;
    if (s && !err) {
        a = calloc(1, sizeof *a);
        r = a ? ws_ioreq_custom(l, WS_IO_DIR_RECV, POLLIN, accept_perform) : NULL;
        err = r ? ws_ioreq_targets(r, ov, NULL) : WSAENOBUFS;
        if (!err && !ws_io_claim(s, r))
            err = WSAEINVAL; /* already the target of a pending AcceptEx */
    }
    if (s && !err) {
        a->asock = s;
        s = NULL; /* the request's reference now */
        a->buf = buf;
        a->recvlen = recvlen;
        a->loclen = loclen;
        a->remlen = remlen;
        a->local = loclen ? listener_address(l) : NULL;
        r->api_data = a;
        r->finish_cb = accept_finish;
        r->chain_cb = accept_chain;
        r->free_cb = accept_free;
        if (!(ws_flags(l) & WSF_KNONBLOCK)) {
            /* accept4 must not block in the engine: the listener's
             * descriptor stays non-blocking from now on. */
            int on = 1;
            ioctl(l->fd, FIONBIO, &on);
            ws_set_flags(l, WSF_KNONBLOCK);
        }
        if (ws_flags(l) & WSF_EVSEL)
            ws_evsel_reenable(l, WS_FD_ACCEPT);
        /* Windows reports it pending even with a connection already
         * queued (sock.c test_AcceptEx, the CF_DEFER case): the completion
         * tells, never the call. */
        r->pend = true;
        ws_io_submit(r);
        ws_fail(&c, WSA_IO_PENDING);
    } else {
        if (err)
            ws_fail(&c, err);
        if (r)
            ws_ioreq_discard(r);
        free(a);
    }
    if (s)
        ws_sock_put(s);
    if (l)
        ws_sock_put(l);
    return WS_EXIT(&c, ret, "listen=%lu, accept=%lu, buf=%p, recvlen=%u, loclen=%u, remlen=%u, ov=%p",
                   (unsigned long)ls, (unsigned long)as, buf, (unsigned)recvlen, (unsigned)loclen, (unsigned)remlen,
                   (void *)ov);
}

/* No return value and no error: it only reads what AcceptEx wrote.  An
 * area of length 0 leaves its outputs alone (sock.c test_AcceptEx). */
WS2P_EXPORT void GetAcceptExSockaddrs(void *buf, DWORD recvlen, DWORD loclen, DWORD remlen,
                                      struct WS_sockaddr **local, int *local_len, struct WS_sockaddr **remote,
                                      int *remote_len)
{
    struct ws_call c = WS_CALL32("GetAcceptExSockaddrs");
    char *area = (char *)buf + recvlen;
    if (!ws_bad_ptr(buf)) {
        if (loclen >= 4 && local && local_len)
            get_area(area, local, local_len);
        if (remlen >= 4 && remote && remote_len)
            get_area(area + loclen, remote, remote_len);
    }
    (void)WS_EXIT32(&c, 0, "buf=%p, recvlen=%u, loclen=%u, remlen=%u", buf, (unsigned)recvlen, (unsigned)loclen,
              (unsigned)remlen);
}

/* setsockopt(accepted, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, &listener,
 * sizeof(SOCKET)): the accepted socket takes the listener's properties,
 * and getpeername, getsockname and shutdown work on it. */
int ws_update_accept_context(ws_sock *sk, const char *optval, int optlen)
{
    SOCKET ls;
    if (ws_bad_ptr(optval) || optlen < (int)sizeof ls)
        return WSAEFAULT;
    memcpy(&ls, optval, sizeof ls);
    ws_sock *l = ws_sock_get(ls);
    if (!l)
        return WSAENOTSOCK;
    int err = 0;
    if (!(ws_flags(l) & WSF_LISTENING) || !(ws_flags(sk) & WSF_CONNECTED))
        err = WSAEINVAL;
    else {
        uint32_t f = ws_flags(sk);
        uint32_t own = f & (WSF_SYNC | WSF_NONBLOCK | WSF_NOINHERIT);
        ws_accept_inherit(l, sk, (f & ~(WSF_INHERITED | WSF_NOCTX)) | (ws_flags(l) & WSF_INHERITED &
                                                                         ~(WSF_SYNC | WSF_NONBLOCK)) | own);
    }
    ws_sock_put(l);
    return err;
}
