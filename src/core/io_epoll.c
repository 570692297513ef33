/* The epoll backend (engine.h), for kernels or sandboxes without io_uring: a
 * request is tried at once with a non-blocking system call; if it would
 * block, its socket is armed (one-shot) in the context's epoll set, and
 * whoever reaps the context makes the call again when the socket is
 * ready.  Unlike io_uring, the data moves only when someone reaps: the
 * engine thread's adoption (io.c) makes sure someone does.
 *
 * An event names its socket by descriptor and generation (ws_sock_key), not
 * by pointer: an event a wait() read, or one the kernel queued before the
 * descriptor closed, can reach a reap after the socket's last request has
 * gone and its engine state been freed.  The reap finds the state through
 * the socket table (whose slots are never freed) and skips a socket whose
 * life has ended; ws_io_sock_free passes the lock of every context the
 * socket was armed in before freeing (ep_sock_gone), so a reap that found
 * the state uses it under that lock, before the free.  Nothing is counted or
 * locked per event beyond the context's own lock. */
#define _GNU_SOURCE
#include "engine.h"
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

/* Events a wait() read for the next reap, and the descriptor wake() uses. */
struct ep_state {
    struct epoll_event ev[32];
    int nev;
    int wake_fd;
};

static int ep_init(struct ws_ioctx *c)
{
    struct ep_state *s = calloc(1, sizeof *s);
    int fd = s ? epoll_create1(EPOLL_CLOEXEC) : -1;
    if (fd < 0) {
        free(s);
        return -errno;
    }
    s->wake_fd = -1;
    c->fd = fd;
    c->be_state = s;
    return 0;
}

static void ep_fini(struct ws_ioctx *c)
{
    struct ep_state *s = c->be_state;
    if (s && s->wake_fd >= 0)
        close(s->wake_fd);
    free(s);
    close(c->fd);
}

static void iov_advance(struct msghdr *m, size_t n)
{
    while (m->msg_iovlen && n >= m->msg_iov->iov_len) {
        n -= m->msg_iov->iov_len;
        m->msg_iov++;
        m->msg_iovlen--;
    }
    if (m->msg_iovlen && n) {
        m->msg_iov->iov_base = (char *)m->msg_iov->iov_base + n;
        m->msg_iov->iov_len -= n;
    }
}

/* Make r's system call without blocking: its result (bytes so far, or
 * -errno), -EAGAIN while it must wait. */
static long try_io(ws_ioreq *r)
{
    if (r->op == WS_IO_CUSTOM)
        return r->perform(r);
    for (;;) {
        ssize_t n = r->op == WS_IO_SEND ? sendmsg(r->sk->fd, &r->msg, r->lxflags | MSG_NOSIGNAL | MSG_DONTWAIT)
                                        : recvmsg(r->sk->fd, &r->msg, r->lxflags | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN)
                return -EAGAIN;
            return r->done ? (long)r->done : -errno;
        }
        bool more = n > 0 && r->sk->type == SOCK_STREAM && r->done + (size_t)n < r->total &&
                    (r->op == WS_IO_SEND || (r->lxflags & MSG_WAITALL));
        r->done += (size_t)n;
        if (!more)
            return (long)r->done;
        iov_advance(&r->msg, (size_t)n);
    }
}

/* The engine state of the socket key names (ws_sock_key), if that socket
 * still lives (c's lock held: the state then lives until it is released).
 * The generation is read again after the state: a slot taken by a new
 * socket meanwhile shows its new generation (ws_sock_register). */
static struct ws_sockio *named(uint64_t key)
{
    int fd = (int)(uint32_t)key;
    uint32_t gen = (uint32_t)(key >> 32);
    ws_sock *page = atomic_load_explicit(&ws_pages[(unsigned)fd >> WS_PAGE_SHIFT], memory_order_acquire);
    ws_sock *sk = &page[(unsigned)fd & (WS_PAGE_SIZE - 1)];
    if (atomic_load_explicit(&sk->gen, memory_order_acquire) != gen)
        return NULL;
    struct ws_sockio *io = __atomic_load_n(&sk->io, __ATOMIC_ACQUIRE);
    if (ws_unlikely(!io) || ws_unlikely(atomic_load_explicit(&sk->gen, memory_order_relaxed) != gen))
        return NULL;
    return io;
}

/* The request of direction d waiting in c, if any (lock held). */
static ws_ioreq *active_in(struct ws_sockio *io, int d, struct ws_ioctx *c)
{
    return io->ep_ctx[d] == c ? io->ep_active[d] : NULL;
}

/* Arm the socket in c for what its requests there wait for (lock held).
 * A socket is in at most its own context and the engine's; MOD first,
 * ADD when the descriptor is not in c's set yet.  A request waiting on
 * another descriptor (wait_alt) arms that one. */
static void arm(struct ws_ioctx *c, struct ws_sockio *io, ws_sock *sk)
{
    uint32_t want = 0;
    io->ep_reg[c->pinned] = c; /* its events may name the socket from now on */
    for (int d = 0; d < 2; d++) {
        ws_ioreq *r = active_in(io, d, c);
        if (r && ws_unlikely(r->wait_alt)) {
            /* Its own descriptor, one-shot too; the event names the socket. */
            struct epoll_event ev = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = ws_sock_key(sk)};
            if (epoll_ctl(c->fd, EPOLL_CTL_MOD, r->alt_fd, &ev) < 0 && errno == ENOENT)
                epoll_ctl(c->fd, EPOLL_CTL_ADD, r->alt_fd, &ev);
        } else if (r)
            want |= r->op == WS_IO_CUSTOM ? (uint32_t)r->events : d == WS_IO_DIR_RECV ? EPOLLIN | EPOLLRDHUP : EPOLLOUT;
    }
    if (!want)
        return;
    struct epoll_event ev = {.events = want | EPOLLONESHOT, .data.u64 = ws_sock_key(sk)};
    if (epoll_ctl(c->fd, EPOLL_CTL_MOD, sk->fd, &ev) < 0 && errno == ENOENT)
        epoll_ctl(c->fd, EPOLL_CTL_ADD, sk->fd, &ev);
}

static bool ep_start(struct ws_ioctx *c, ws_ioreq *r, long *res)
{
    long n = try_io(r);
    if (n != -EAGAIN) {
        *res = n;
        return true;
    }
    struct ws_sockio *io = r->sk->io;
    io->ep_active[r->dir] = r;
    io->ep_ctx[r->dir] = c;
    r->backend_busy = true;
    arm(c, io, r->sk);
    return false;
}

static int ep_reap(struct ws_ioctx *c, ws_ioreq **done, long *res, int max)
{
    struct ep_state *s = c->be_state;
    struct epoll_event ev[32];
    int want = max / 2 > 32 ? 32 : max / 2; /* each socket may finish one request per direction */
    int n;
    if (s->nev) { /* what a wait() read */
        n = s->nev < want ? s->nev : want;
        memcpy(ev, s->ev, (size_t)n * sizeof *ev);
        memmove(s->ev, s->ev + n, (size_t)(s->nev - n) * sizeof *ev);
        s->nev -= n;
    } else
        n = epoll_wait(c->fd, ev, want > 0 ? want : 1, 0);
    int k = 0;
    c->stashed = s->nev > 0;
    for (int i = 0; i < n; i++) {
        if (!ev[i].data.u64) { /* wake() */
            ws_efd_clear(s->wake_fd);
            continue;
        }
        struct ws_sockio *io = named(ev[i].data.u64);
        if (!io)
            continue; /* the socket's life ended after the kernel queued its event */
        ws_sock *sk = NULL;
        for (int d = 0; d < 2; d++) {
            ws_ioreq *r = active_in(io, d, c);
            if (!r)
                continue;
            sk = r->sk;
            long got = try_io(r);
            if (got == -EAGAIN)
                continue;
            io->ep_active[d] = NULL;
            io->ep_ctx[d] = NULL;
            r->backend_busy = false;
            done[k] = r;
            res[k++] = got;
        }
        if (sk)
            arm(c, io, sk); /* one-shot: again for whatever still waits */
    }
    return k;
}

static bool ep_cancel(struct ws_ioctx *c, ws_ioreq *r, long *res)
{
    struct ws_sockio *io = r->sk->io;
    if (active_in(io, r->dir, c) != r)
        return false;
    io->ep_active[r->dir] = NULL;
    io->ep_ctx[r->dir] = NULL;
    r->backend_busy = false;
    *res = r->done ? (long)r->done : -ECANCELED;
    return true;
}

static int ep_wait(struct ws_ioctx *c, int ms)
{
    struct ep_state *s = c->be_state;
    struct epoll_event ev[32];
    pthread_mutex_lock(&c->lock);
    bool ready = s->nev > 0;
    pthread_mutex_unlock(&c->lock);
    if (ready)
        return 1;
    int n = epoll_wait(c->fd, ev, 32, ms);
    if (n <= 0)
        return n == 0 ? 0 : 1;
    pthread_mutex_lock(&c->lock);
    int room = 32 - s->nev;
    if (n > room) /* cannot happen with one waiter; re-arm-free loss is not allowed, keep what fits */
        n = room;
    memcpy(s->ev + s->nev, ev, (size_t)n * sizeof *ev);
    s->nev += n;
    c->stashed = true;
    pthread_mutex_unlock(&c->lock);
    return 1;
}

/* An eventfd in the set, written to end a wait. */
static void ep_wake(struct ws_ioctx *c)
{
    struct ep_state *s = c->be_state;
    pthread_mutex_lock(&c->lock);
    if (s->wake_fd < 0 && (s->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) >= 0) {
        struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0}; /* no socket's key: generations start at 1 */
        epoll_ctl(c->fd, EPOLL_CTL_ADD, s->wake_fd, &ev);
    }
    pthread_mutex_unlock(&c->lock);
    ws_efd_post(s->wake_fd);
}

static void ep_flush(struct ws_ioctx *c)
{
    (void)c; /* nothing is deferred: calls are made at once */
}

/* io is about to be freed, and the socket table no longer leads to it: a
 * reap in a context it was armed in either found it before (and holds the
 * lock until done with it) or will not find it. */
static void ep_sock_gone(struct ws_sockio *io)
{
    for (int k = 0; k < 2; k++)
        if (io->ep_reg[k]) {
            pthread_mutex_lock(&io->ep_reg[k]->lock);
            pthread_mutex_unlock(&io->ep_reg[k]->lock);
        }
}

const struct ws_backend ws_backend_epoll = {"epoll", ep_init, ep_fini, ep_start, ep_reap, ep_cancel,
                                            ep_wait, ep_wake, ep_flush, ep_sock_gone};
