/* The epoll backend (io.h), for kernels or sandboxes without io_uring: a
 * request is tried at once with a non-blocking system call; if it would
 * block, its socket is armed (one-shot) in the context's epoll set, and
 * whoever reaps the context makes the call again when the socket is
 * ready.  Unlike io_uring, the data moves only when someone reaps: the
 * engine thread's adoption (io.c) makes sure someone does. */
#define _GNU_SOURCE
#include "io.h"
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

static int ep_init(struct ws_ioctx *c)
{
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0)
        return -errno;
    c->fd = fd;
    return 0;
}

static void ep_fini(struct ws_ioctx *c)
{
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

/* The request of direction d waiting in c, if any (lock held). */
static ws_ioreq *active_in(struct ws_sockio *io, int d, struct ws_ioctx *c)
{
    return io->ep_ctx[d] == c ? io->ep_active[d] : NULL;
}

/* Arm the socket in c for what its requests there wait for (lock held).
 * A socket is in at most its own context and the engine's; MOD first,
 * ADD when the descriptor is not in c's set yet. */
static void arm(struct ws_ioctx *c, struct ws_sockio *io, int fd)
{
    uint32_t want = (active_in(io, WS_IO_DIR_RECV, c) ? EPOLLIN | EPOLLRDHUP : 0) |
                    (active_in(io, WS_IO_DIR_SEND, c) ? EPOLLOUT : 0);
    if (!want)
        return;
    struct epoll_event ev = {.events = want | EPOLLONESHOT, .data.ptr = io};
    if (epoll_ctl(c->fd, EPOLL_CTL_MOD, fd, &ev) < 0 && errno == ENOENT)
        epoll_ctl(c->fd, EPOLL_CTL_ADD, fd, &ev);
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
    arm(c, io, r->sk->fd);
    return false;
}

static int ep_reap(struct ws_ioctx *c, ws_ioreq **done, long *res, int max)
{
    struct epoll_event ev[32];
    int want = max / 2 > 32 ? 32 : max / 2; /* each socket may finish one request per direction */
    int n = epoll_wait(c->fd, ev, want > 0 ? want : 1, 0), k = 0;
    for (int i = 0; i < n; i++) {
        struct ws_sockio *io = ev[i].data.ptr;
        int fd = -1;
        for (int d = 0; d < 2; d++) {
            ws_ioreq *r = active_in(io, d, c);
            if (!r)
                continue;
            fd = r->sk->fd;
            long got = try_io(r);
            if (got == -EAGAIN)
                continue;
            io->ep_active[d] = NULL;
            io->ep_ctx[d] = NULL;
            r->backend_busy = false;
            done[k] = r;
            res[k++] = got;
        }
        if (fd >= 0)
            arm(c, io, fd); /* one-shot: again for whatever still waits */
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

const struct ws_backend ws_backend_epoll = {"epoll", ep_init, ep_fini, ep_start, ep_reap, ep_cancel};
