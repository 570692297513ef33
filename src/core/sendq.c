/*
 * Non-blocking stream sends the kernel takes only part of.  Windows takes
 * the whole buffer and sends the rest itself (sock.c test_send_buffering:
 * 50 MiB non-blocking sends succeed whole), then answers WSAEWOULDBLOCK to
 * the sends that follow until that rest has gone, and records FD_WRITE
 * again when it has.  Linux returns a partial count, which Windows programs
 * never expect.  So the rest is copied once into an internal send request
 * of the I/O engine (src/core/io.c), in the engine's own context, which the
 * engine thread reaps as soon as it finishes: memory per socket is bounded
 * by one send, nothing is copied twice, and while the rest is pending
 * (WSF_PENDING) the socket is not writable to select, WSAPoll and the event
 * engine, which wait on its drain descriptor instead of POLLOUT (ready.c).
 * A graceful close or shutdown(SD_SEND) delivers the rest first; an
 * abortive close (SO_LINGER {1, 0}) discards it and resets.
 *
 * The request is an engine CUSTOM request that waits for POLLOUT, sends,
 * and once the rest has gone waits for POLLOUT once more before it
 * finishes: "drained" then also means "writable", so a select or WSAPoll
 * woken by the drain descriptor finds the socket writable instead of
 * polling all its sockets again for it (one wake per drain, not two), and
 * the send that follows FD_WRITE is taken.
 */
#include "engine.h"
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

/* The rest has gone (or the connection failed). */
static void drained(ws_ioreq *r)
{
    ws_sock *sk = r->sk;
    struct ws_sockio *io = sk->io;
    if (r->status != WS_STATUS_SUCCESS && r->status != WS_STATUS_CANCELLED)
        ws_set_flags(sk, WSF_RESET); /* the peer is gone: later calls say so */
    pthread_mutex_lock(&io->lock);
    bool shut = io->shut_after_drain;
    io->shut_after_drain = false;
    pthread_mutex_unlock(&io->lock);
    if (shut)
        shutdown(sk->fd, SHUT_WR); /* the FIN goes after the data, as on Windows */
    ws_clear_flags(sk, WSF_PENDING);
    if (io->drain_fd >= 0) {
        uint64_t one = 1;
        ssize_t n = write(io->drain_fd, &one, sizeof one);
        (void)n;
    }
    if (ws_flags(sk) & WSF_EVSEL) {
        ws_evsel_reenable(sk, WS_FD_WRITE); /* "buffer space becomes available" */
        ws_evsel_kick(sk); /* waiters polled without POLLOUT meanwhile */
    }
}

/* The request's phases (r->api_data): the kernel has just refused more,
 * so the first call (the submitter's try) waits without asking it again. */
enum { REST_FULL, REST_SENDING, REST_ROOM };

static long rest_perform(ws_ioreq *r)
{
    uintptr_t *phase = (uintptr_t *)&r->api_data;
    if (*phase == REST_FULL) {
        *phase = REST_SENDING;
        return -EAGAIN;
    }
    if (*phase == REST_ROOM)
        return (long)r->total; /* POLLOUT after the last byte went */
    while (r->done < r->total) {
        ssize_t n = send(r->sk->fd, r->owned_buf + r->done, r->total - r->done, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN ? -EAGAIN : -errno;
        }
        r->done += (size_t)n;
    }
    *phase = REST_ROOM;
    return -EAGAIN;
}

bool ws_send_defer(ws_sock *sk, const struct iovec *iov, size_t iovcnt, size_t remaining)
{
    struct ws_sockio *io = ws_sockio(sk);
    if (!io || (ws_flags(sk) & WSF_PENDING))
        return false;
    ws_ioreq *r = ws_ioreq_custom(sk, WS_IO_DIR_SEND, POLLOUT, rest_perform);
    char *buf = r ? malloc(remaining) : NULL;
    if (!buf) {
        if (r)
            ws_ioreq_discard(r);
        return false;
    }
    for (size_t i = 0, at = 0; i < iovcnt && at < remaining; i++) {
        size_t k = iov[i].iov_len < remaining - at ? iov[i].iov_len : remaining - at;
        memcpy(buf + at, iov[i].iov_base, k);
        at += k;
    }
    pthread_mutex_lock(&io->lock);
    if (io->drain_fd < 0)
        io->drain_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    else {
        uint64_t v;
        ssize_t n = read(io->drain_fd, &v, sizeof v);
        (void)n;
    }
    pthread_mutex_unlock(&io->lock);
    r->internal = true;
    r->owned_buf = buf;
    r->total = remaining;
    r->done_cb = drained;
    ws_set_flags(sk, WSF_PENDING);
    ws_io_submit(r);
    return true;
}

bool ws_send_pending_shutdown(ws_sock *sk)
{
    struct ws_sockio *io = sk->io;
    if (!io)
        return false;
    pthread_mutex_lock(&io->lock);
    bool pending = (ws_flags(sk) & WSF_PENDING) != 0;
    if (pending)
        io->shut_after_drain = true;
    pthread_mutex_unlock(&io->lock);
    return pending;
}

/* closesocket with the rest still pending: a graceful close lets it go out
 * (the request keeps the descriptor until then); an abortive one discards
 * it.  Waiters blocked on the socket are woken by its drain descriptor. */
void ws_send_pending_close(ws_sock *sk, bool abortive)
{
    struct ws_sockio *io = sk->io;
    if (!io)
        return;
    if (abortive)
        ws_io_cancel_internal(sk);
    if (io->drain_fd >= 0) {
        uint64_t one = 1;
        ssize_t n = write(io->drain_fd, &one, sizeof one);
        (void)n;
    }
}
