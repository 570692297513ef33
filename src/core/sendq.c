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
 * A graceful close or shutdown(SD_SEND) delivers the rest first (within
 * a bound after closesocket, below); an abortive close (SO_LINGER {1, 0})
 * discards it and resets.
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
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* A closed socket's rest, and when it is given up.  A graceful closesocket
 * leaves the rest to the engine, and with it the descriptor; a peer that
 * never reads must not keep both for ever: after WS_SEND_CLOSE_LINGER_MS
 * (WS2POSIX_CLOSE_LINGER_MS overrides) the rest is discarded and the
 * connection reset, so the peer learns that data was lost instead of
 * seeing a clean end.  Windows hands the rest to its own stack, which gives
 * up after its retransmission limits; Linux gives up on an orphaned
 * connection after tcp_orphan_retries (about a minute by default): the
 * same order.
 *
 * The header sits in front of the copied bytes (one allocation, the
 * request's owned_buf).  io->rest points at it while the rest is pending
 * (under io->lock); only closed sockets' rests are on the global list, so
 * a send deferred on an open socket takes no global lock. */
#define WS_SEND_CLOSE_LINGER_MS 60000
struct ws_rest {
    struct ws_rest *next, **pprev; /* on the closed list (pprev NULL: not) */
    ws_sock *sk;
    uint64_t deadline; /* 0: not closed; under io->lock and rests_lock */
    _Alignas(max_align_t) char data[];
};
static pthread_mutex_t rests_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ws_rest *rests;
static _Atomic unsigned nclosed; /* rests on the list: the engine looks */

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t close_linger_ms(void)
{
    static _Atomic long long ms = -1;
    long long v = atomic_load_explicit(&ms, memory_order_relaxed);
    if (v < 0) {
        const char *e = getenv("WS2POSIX_CLOSE_LINGER_MS");
        v = e && *e ? atoll(e) : WS_SEND_CLOSE_LINGER_MS;
        if (v < 0)
            v = WS_SEND_CLOSE_LINGER_MS;
        atomic_store_explicit(&ms, v, memory_order_relaxed);
    }
    return (uint64_t)v;
}

/* The rest has gone (or the connection failed). */
static void drained(ws_ioreq *r)
{
    ws_sock *sk = r->sk;
    struct ws_sockio *io = sk->io;
    if (r->status != WS_STATUS_SUCCESS && r->status != WS_STATUS_CANCELLED)
        ws_set_flags(sk, WSF_RESET); /* the peer is gone: later calls say so */
    struct ws_rest *e = (struct ws_rest *)r->owned_buf;
    pthread_mutex_lock(&io->lock);
    bool shut = io->shut_after_drain;
    io->shut_after_drain = false;
    io->rest = NULL; /* a close from now on finds nothing to bound */
    bool closed = e->deadline != 0;
    pthread_mutex_unlock(&io->lock);
    if (closed) {
        pthread_mutex_lock(&rests_lock);
        if (e->pprev) {
            if ((*e->pprev = e->next))
                e->next->pprev = e->pprev;
            e->pprev = NULL;
            atomic_fetch_sub_explicit(&nclosed, 1, memory_order_relaxed);
        }
        pthread_mutex_unlock(&rests_lock);
    }
    if (shut)
        shutdown(sk->fd, SHUT_WR); /* the FIN goes after the data, as on Windows */
    ws_clear_flags(sk, WSF_PENDING);
    if (io->wake_fd >= 0) {
        ws_efd_post(io->wake_fd);
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
    const char *data = ((struct ws_rest *)r->owned_buf)->data;
    while (r->done < r->total) {
        /* MSG_OOB marks the last byte of the whole send: the bytes before
         * it go as ordinary data, the last alone with the flag (a send cut
         * short would mark the byte it stopped at). */
        size_t len = r->total - r->done;
        int fl = MSG_NOSIGNAL | MSG_DONTWAIT | (r->lxflags & ~MSG_OOB);
        if (r->lxflags & MSG_OOB) {
            if (len > 1)
                len--;
            else
                fl |= MSG_OOB;
        }
        struct iovec v = {(char *)data + r->done, len};
        struct msghdr mh = {.msg_iov = &v, .msg_iovlen = 1};
        ssize_t n = WS_XFER(send, r->sk->fd, true, &mh, fl, send(r->sk->fd, data + r->done, len, fl));
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

/* Copy the caller's buffers without trusting them: a buffer that is bad
 * past the part the kernel took is WSAEFAULT for the send, not a crash
 * (the kernel reads them for us; plain copies where that call is
 * forbidden). */
static bool copy_rest(char *buf, const struct iovec *iov, size_t iovcnt, size_t remaining)
{
    struct iovec src[64];
    size_t at = 0, i = 0;
    while (at < remaining) {
        /* Up to 64 pieces per system call. */
        size_t n = 0, len = 0;
        for (; i < iovcnt && n < 64 && at + len < remaining; i++) {
            size_t k = iov[i].iov_len < remaining - at - len ? iov[i].iov_len : remaining - at - len;
            if (k) {
                src[n++] = (struct iovec){iov[i].iov_base, k};
                len += k;
            }
        }
        if (!n)
            return false; /* (never: remaining is within the buffers) */
        struct iovec dst = {buf + at, len};
        ssize_t got = process_vm_readv(getpid(), &dst, 1, src, n, 0);
        if (got < 0 && (errno == ENOSYS || errno == EPERM)) {
            for (size_t j = 0; j < n; j++) {
                memcpy(buf + at, src[j].iov_base, src[j].iov_len);
                at += src[j].iov_len;
            }
            continue;
        }
        if (got != (ssize_t)len)
            return false; /* EFAULT, or stopped at an unreadable page */
        at += len;
    }
    return true;
}

int ws_send_defer(ws_sock *sk, const struct iovec *iov, size_t iovcnt, size_t remaining, int lxflags)
{
    struct ws_sockio *io = ws_sockio(sk);
    if (!io || (ws_flags(sk) & WSF_PENDING))
        return WSAEWOULDBLOCK;
    ws_ioreq *r = ws_ioreq_custom(sk, WS_IO_DIR_SEND, POLLOUT, rest_perform);
    struct ws_rest *e = r ? WS_ALLOC(malloc(sizeof *e + remaining)) : NULL;
    if (!e) {
        if (r)
            ws_ioreq_discard(r);
        return WSAEWOULDBLOCK;
    }
    if (!copy_rest(e->data, iov, iovcnt, remaining)) {
        free(e);
        ws_ioreq_discard(r);
        return WSAEFAULT;
    }
    e->next = NULL;
    e->pprev = NULL;
    e->sk = sk;
    e->deadline = 0;
    pthread_mutex_lock(&io->lock);
    if (io->wake_fd < 0)
        io->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    else {
        ws_efd_clear(io->wake_fd);
    }
    io->rest = e;
    pthread_mutex_unlock(&io->lock);
    r->internal = true;
    r->owned_buf = (char *)e;
    r->lxflags = lxflags & ~MSG_NOSIGNAL; /* MSG_OOB marks the end of the rest, as of the whole send */
    r->total = remaining;
    r->done_cb = drained;
    ws_set_flags(sk, WSF_PENDING);
    ws_io_submit(r);
    return 0;
}

/* The engine's tick (src/core/io.c): closed sockets whose rest is overdue
 * are reset, which ends the request and lets the descriptor go. */
void ws_send_expire(void)
{
    if (!atomic_load_explicit(&nclosed, memory_order_relaxed))
        return;
    ws_sock *due[16];
    size_t n = 0;
    uint64_t now = now_ms();
    pthread_mutex_lock(&rests_lock);
    for (struct ws_rest *e = rests, *next; e && n < 16; e = next) {
        next = e->next;
        if (e->deadline <= now) { /* off the list: once */
            if ((*e->pprev = next))
                next->pprev = e->pprev;
            e->pprev = NULL;
            atomic_fetch_sub_explicit(&nclosed, 1, memory_order_relaxed);
            atomic_fetch_add_explicit(&e->sk->refs, 1, memory_order_relaxed);
            due[n++] = e->sk;
        }
    }
    pthread_mutex_unlock(&rests_lock);
    for (size_t i = 0; i < n; i++) {
        struct linger l = {1, 0};
        setsockopt(due[i]->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l); /* the last close() resets */
        ws_io_cancel_internal(due[i]);
        ws_sock_put(due[i]);
    }
}

/* The process ends with rests still in user memory: they cannot go, so the
 * peers are reset rather than handed a clean end of the stream by the
 * kernel's close.  Every socket still alive, open or closed, is looked at
 * (the table is walked only here). */
__attribute__((destructor)) static void rests_at_exit(void)
{
    for (unsigned p = 0; p < WS_MAX_PAGES; p++) {
        ws_sock *page = atomic_load_explicit(&ws_pages[p], memory_order_acquire);
        for (unsigned i = 0; page && i < WS_PAGE_SIZE; i++) {
            ws_sock *sk = &page[i];
            if ((atomic_load_explicit(&sk->refs, memory_order_acquire) & ~WS_CLOSING) && (ws_flags(sk) & WSF_PENDING)) {
                struct linger l = {1, 0};
                setsockopt(sk->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
            }
        }
    }
}

bool ws_send_pending_shutdown(ws_sock *sk)
{
    struct ws_sockio *io = ws_sock_io(sk);
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
 * it.  Waiters blocked on the socket are woken by its wake descriptor
 * (ws_sock_close). */
void ws_send_pending_close(ws_sock *sk, bool abortive)
{
    struct ws_sockio *io = ws_sock_io(sk);
    if (!io)
        return;
    if (abortive) {
        ws_io_cancel_internal(sk);
        return;
    }
    uint64_t deadline = now_ms() + close_linger_ms();
    pthread_mutex_lock(&io->lock);
    struct ws_rest *e = io->rest;
    if (e && !e->deadline) {
        e->deadline = deadline;
        pthread_mutex_lock(&rests_lock);
        if ((e->next = rests))
            rests->pprev = &e->next;
        rests = e;
        e->pprev = &rests;
        atomic_fetch_add_explicit(&nclosed, 1, memory_order_relaxed);
        pthread_mutex_unlock(&rests_lock);
    }
    pthread_mutex_unlock(&io->lock);
}
