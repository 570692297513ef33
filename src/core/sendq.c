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
 */
#include "engine.h"
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* Sockets with a rest going out, and when a closed one's rest is given up
 * (0: not closed).  A graceful closesocket leaves the rest to the engine,
 * and with it the descriptor; a peer that never reads must not keep both
 * for ever: after WS_SEND_CLOSE_LINGER_MS (WS2POSIX_CLOSE_LINGER_MS
 * overrides) the rest is discarded and the connection reset, so the peer
 * learns that data was lost instead of seeing a clean end.  Windows hands
 * the rest to its own stack, which gives up after its retransmission
 * limits; Linux gives up on an orphaned connection after tcp_orphan_retries
 * (about a minute by default): the same order. */
#define WS_SEND_CLOSE_LINGER_MS 60000
struct rest {
    struct rest *next;
    ws_sock *sk;
    uint64_t deadline;
};
static pthread_mutex_t rests_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rest *rests;
static _Atomic unsigned nclosed; /* rests with a deadline: the engine looks */

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
    pthread_mutex_lock(&rests_lock);
    for (struct rest **pp = &rests, *e; (e = *pp); pp = &e->next)
        if (e->sk == sk) {
            *pp = e->next;
            if (e->deadline)
                atomic_fetch_sub(&nclosed, 1);
            free(e);
            break;
        }
    pthread_mutex_unlock(&rests_lock);
    pthread_mutex_lock(&io->lock);
    bool shut = io->shut_after_drain;
    io->shut_after_drain = false;
    pthread_mutex_unlock(&io->lock);
    if (shut)
        shutdown(sk->fd, SHUT_WR); /* the FIN goes after the data, as on Windows */
    ws_clear_flags(sk, WSF_PENDING);
    if (io->wake_fd >= 0) {
        uint64_t one = 1;
        ssize_t n = write(io->wake_fd, &one, sizeof one);
        (void)n;
    }
    if (ws_flags(sk) & WSF_EVSEL) {
        ws_evsel_reenable(sk, WS_FD_WRITE); /* "buffer space becomes available" */
        ws_evsel_kick(sk); /* waiters polled without POLLOUT meanwhile */
    }
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
    ws_ioreq *r = ws_ioreq_new(sk, WS_IO_SEND);
    char *buf = r ? malloc(remaining) : NULL;
    struct rest *e = buf ? malloc(sizeof *e) : NULL;
    if (!e) {
        free(buf);
        if (r)
            ws_ioreq_discard(r);
        return WSAEWOULDBLOCK;
    }
    if (!copy_rest(buf, iov, iovcnt, remaining)) {
        free(e);
        free(buf);
        ws_ioreq_discard(r);
        return WSAEFAULT;
    }
    pthread_mutex_lock(&io->lock);
    if (io->wake_fd < 0)
        io->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    else {
        uint64_t v;
        ssize_t n = read(io->wake_fd, &v, sizeof v);
        (void)n;
    }
    pthread_mutex_unlock(&io->lock);
    e->sk = sk;
    e->deadline = 0;
    pthread_mutex_lock(&rests_lock);
    e->next = rests;
    rests = e;
    pthread_mutex_unlock(&rests_lock);
    r->internal = true;
    r->owned_buf = buf;
    r->lxflags = lxflags & ~MSG_NOSIGNAL; /* MSG_OOB marks the end of the rest, as of the whole send */
    struct iovec one = {buf, remaining};
    ws_ioreq_set_buffers(r, &one, 1);
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
    for (struct rest *e = rests; e && n < 16; e = e->next)
        if (e->deadline && e->deadline <= now) {
            e->deadline = UINT64_MAX; /* once */
            atomic_fetch_add_explicit(&e->sk->refs, 1, memory_order_relaxed);
            due[n++] = e->sk;
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
 * kernel's close. */
__attribute__((destructor)) static void rests_at_exit(void)
{
    pthread_mutex_lock(&rests_lock);
    for (struct rest *e = rests; e; e = e->next) {
        struct linger l = {1, 0};
        setsockopt(e->sk->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    pthread_mutex_unlock(&rests_lock);
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
 * it.  Waiters blocked on the socket are woken by its wake descriptor
 * (ws_sock_close). */
void ws_send_pending_close(ws_sock *sk, bool abortive)
{
    struct ws_sockio *io = sk->io;
    if (!io)
        return;
    if (abortive) {
        ws_io_cancel_internal(sk);
        return;
    }
    uint64_t deadline = now_ms() + close_linger_ms();
    pthread_mutex_lock(&rests_lock);
    for (struct rest *e = rests; e; e = e->next)
        if (e->sk == sk && !e->deadline) {
            e->deadline = deadline;
            atomic_fetch_add(&nclosed, 1);
        }
    pthread_mutex_unlock(&rests_lock);
}
