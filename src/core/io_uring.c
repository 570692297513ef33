/* The io_uring backend (engine.h), through liburing: a request is one
 * RECVMSG/SENDMSG submission on the user's own buffers.  The kernel tries
 * it at once inside the submitting io_uring_enter (so an operation whose
 * data is there costs one system call, like the plain call) and otherwise
 * finishes it by itself when the socket is ready: the data moves whether or
 * not anybody is waiting.  Reaping reads completions from the shared ring,
 * with no system call.  The ring's descriptor is readable while
 * completions wait to be reaped. */
#define _GNU_SOURCE
#include "engine.h"
#include <liburing.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define RING_ENTRIES 256
#define STASH_MAX 64

struct uring_state {
    struct io_uring ring;
    /* Completions read while starting a request, for the next reap. */
    ws_ioreq *stash[STASH_MAX];
    long stash_res[STASH_MAX];
    int nstash;
};

/* The ring's setup flags.  io_uring finishes a pending socket operation in
 * "task work" run by the thread that submitted it; by default the socket's
 * wake-up (softirq, often on the other CPU, holding the socket's lock with
 * interrupts off) interrupts that thread at once with an IPI if it is
 * running.  COOP_TASKRUN leaves a running thread alone until it next enters
 * the kernel (or at the next tick); a sleeping one is still woken.  Free
 * runs of the completion-port echo server spent a third of their time
 * spinning on the socket lock behind those IPIs (docs/performance.md,
 * Findings).  TASKRUN_FLAG shows such pending work in the SQ ring's flags,
 * so a reap that finds no completion (liburing's peek) enters the kernel to
 * run it instead of missing it until the next wait.  SINGLE_ISSUER and
 * DEFER_TASKRUN do not fit: any thread submits to a port's ring, and the
 * engine thread reaps rings it adopts.  Kernels before 5.19 refuse the
 * flags (EINVAL): plain setup then, and no second try for later rings. */
#define RING_FLAGS (IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG)
static _Atomic unsigned ring_flags = RING_FLAGS;

static int uring_init(struct ws_ioctx *c)
{
    struct uring_state *u = calloc(1, sizeof *u);
    if (!u)
        return -ENOMEM;
    struct io_uring_params prm = {.flags = atomic_load_explicit(&ring_flags, memory_order_relaxed)};
    int e = io_uring_queue_init_params(RING_ENTRIES, &u->ring, &prm);
    if (e == -EINVAL && prm.flags) {
        atomic_store_explicit(&ring_flags, 0, memory_order_relaxed);
        memset(&prm, 0, sizeof prm);
        e = io_uring_queue_init_params(RING_ENTRIES, &u->ring, &prm);
    }
    if (e < 0) {
        free(u);
        return e;
    }
    c->be_state = u;
    c->fd = u->ring.ring_fd;
    return 0;
}

static void uring_fini(struct ws_ioctx *c)
{
    struct uring_state *u = c->be_state;
    if (!u)
        return;
    io_uring_queue_exit(&u->ring);
    free(u);
    c->be_state = NULL;
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

static bool prep_poll(struct uring_state *u, ws_ioreq *r);

static bool prep(struct uring_state *u, ws_ioreq *r)
{
    if (r->op == WS_IO_CUSTOM)
        return prep_poll(u, r); /* ready first, then r->perform (reap) */
    struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
    if (!sqe) {
        io_uring_submit(&u->ring);
        if (!(sqe = io_uring_get_sqe(&u->ring)))
            return false;
    }
    if (r->op == WS_IO_SEND)
        io_uring_prep_sendmsg(sqe, r->sk->fd, &r->msg, (unsigned)(r->lxflags | MSG_NOSIGNAL));
    else
        io_uring_prep_recvmsg(sqe, r->sk->fd, &r->msg, (unsigned)r->lxflags);
    io_uring_sqe_set_data(sqe, r);
    r->backend_busy = true;
    return true;
}

/* A socket in non-blocking mode makes the kernel answer -EAGAIN instead of
 * waiting: then r waits for readiness in a POLL_ADD (its completion tagged
 * with the low bit of the user data) and is submitted again. */
#define POLL_TAG 1u

static bool prep_poll(struct uring_state *u, ws_ioreq *r)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
    if (!sqe) {
        io_uring_submit(&u->ring);
        if (!(sqe = io_uring_get_sqe(&u->ring)))
            return false;
    }
    unsigned mask = r->op == WS_IO_CUSTOM ? (unsigned)r->events : r->op == WS_IO_SEND ? POLLOUT : POLLIN | POLLPRI | POLLRDHUP;
    if (ws_unlikely(r->wait_alt))
        io_uring_prep_poll_add(sqe, r->alt_fd, POLLIN);
    else
        io_uring_prep_poll_add(sqe, r->sk->fd, mask);
    io_uring_sqe_set_data(sqe, (void *)((uintptr_t)r | POLL_TAG));
    r->backend_busy = true;
    return true;
}

/* One completion of r: done, or (a stream send the kernel took only part
 * of, or a MSG_WAITALL receive not yet full) submitted again for the rest.
 * Returns true when r is finished, with its result in *res. */
static bool on_cqe(struct uring_state *u, ws_ioreq *r, int cres, long *res)
{
    r->backend_busy = false;
    if (cres == -EAGAIN && !r->cancelled && prep_poll(u, r))
        return false;
    if (cres > 0 && r->sk->type == SOCK_STREAM && r->done + (size_t)cres < r->total &&
        (r->op == WS_IO_SEND || (r->lxflags & MSG_WAITALL)) && !r->cancelled) {
        r->done += (size_t)cres;
        iov_advance(&r->msg, (size_t)cres);
        if (prep(u, r))
            return false;
        *res = (long)r->done;
        return true;
    }
    if (cres >= 0)
        *res = (long)(r->done + (size_t)cres);
    else
        *res = r->done && cres != -ECANCELED ? (long)r->done : cres;
    return true;
}

#ifndef IORING_SQ_TASKRUN
#define IORING_SQ_TASKRUN (1U << 2)
#endif
/* Anything for liburing's peek to find: completions in the ring, or work
 * the kernel holds for us (task work under TASKRUN_FLAG, overflowed
 * completions), which the peek enters the kernel for.  Looked at here
 * first: a peek that finds nothing is an out-of-line library call of ~70
 * instructions, once per drain. */
static inline bool worth_peek(const struct io_uring *ring)
{
    return io_uring_cq_ready(ring) ||
           (IO_URING_READ_ONCE(*ring->sq.kflags) & (IORING_SQ_CQ_OVERFLOW | IORING_SQ_TASKRUN));
}

/* Read every completion into the stash (lock held). */
static void drain(struct uring_state *u)
{
    struct io_uring_cqe *cqe;
    bool resubmit = false;
    while (u->nstash < STASH_MAX && worth_peek(&u->ring) && io_uring_peek_cqe(&u->ring, &cqe) == 0) {
        uintptr_t data = (uintptr_t)io_uring_cqe_get_data(cqe);
        int cres = cqe->res;
        io_uring_cqe_seen(&u->ring, cqe);
        if (!data)
            continue; /* a cancellation's own completion */
        ws_ioreq *r = (ws_ioreq *)(data & ~(uintptr_t)POLL_TAG);
        long res;
        if (data & POLL_TAG) {
            /* Ready (or the poll failed): the operation again. */
            r->backend_busy = false;
            if (cres >= 0 && !r->cancelled && r->op == WS_IO_CUSTOM) {
                long got = r->perform(r);
                if (got == -EAGAIN && prep_poll(u, r)) {
                    resubmit = true;
                    continue;
                }
                u->stash[u->nstash] = r;
                u->stash_res[u->nstash++] = got;
                continue;
            }
            if (cres >= 0 && !r->cancelled && prep(u, r)) {
                resubmit = true;
                continue;
            }
            res = cres >= 0 ? -ECANCELED : cres;
            if (r->done && res != -ECANCELED)
                res = (long)r->done;
            u->stash[u->nstash] = r;
            u->stash_res[u->nstash++] = res;
            continue;
        }
        if (on_cqe(u, r, cres, &res)) {
            u->stash[u->nstash] = r;
            u->stash_res[u->nstash++] = res;
        } else
            resubmit = true;
    }
    if (resubmit)
        io_uring_submit(&u->ring);
}

static bool take(struct uring_state *u, ws_ioreq *r, long *res)
{
    for (int i = 0; i < u->nstash; i++)
        if (u->stash[i] == r) {
            *res = u->stash_res[i];
            u->stash[i] = u->stash[--u->nstash];
            u->stash_res[i] = u->stash_res[u->nstash];
            return true;
        }
    return false;
}

/* Make the prepared submissions visible to the kernel (lock held); the
 * next io_uring_enter on the ring, by any thread, submits them. */
static void publish(struct uring_state *u)
{
    struct io_uring_sq *sq = &u->ring.sq;
    if (sq->sqe_head != sq->sqe_tail) {
        sq->sqe_head = sq->sqe_tail;
        io_uring_smp_store_release(sq->ktail, sq->sqe_tail);
    }
}

static bool uring_start(struct ws_ioctx *c, ws_ioreq *r, long *res)
{
    struct uring_state *u = c->be_state;
    if (c->id == ws_io_serving && r->op != WS_IO_CUSTOM &&
        !(__atomic_load_n(&r->sk->io->notify_modes, __ATOMIC_RELAXED) & WS_FILE_SKIP_COMPLETION_PORT_ON_SUCCESS)) {
        /* A port's worker: its next GetQueuedCompletionStatus submits this
         * with the same system call that waits (io_uring's batching).  The
         * operation then completes through the port whether or not it
         * could have completed at once, which Windows also allows; a socket
         * in FILE_SKIP_COMPLETION_PORT_ON_SUCCESS mode, whose program wants
         * immediate results, is tried at once instead. */
        if (!prep(u, r)) {
            *res = -EBUSY;
            return true;
        }
        publish(u);
        atomic_fetch_add_explicit(&c->deferred, 1, memory_order_relaxed);
        return false;
    }
    if (r->op == WS_IO_CUSTOM) {
        long got = r->perform(r); /* the caller's try: no wait when it can finish now */
        if (got != -EAGAIN) {
            *res = got;
            return true;
        }
    }
    if (!prep(u, r)) {
        *res = -EBUSY;
        return true;
    }
    int e = io_uring_submit(&u->ring);
    atomic_store_explicit(&c->deferred, 0, memory_order_relaxed);
    if (e < 0 && r->backend_busy) {
        /* The ring refused the submission (out of resources). */
        r->backend_busy = false;
        *res = e;
        return true;
    }
    drain(u);
    c->stashed = u->nstash > 0;
    bool now = take(u, r, res);
    c->stashed = u->nstash > 0;
    return now;
}

static int uring_reap(struct ws_ioctx *c, ws_ioreq **done, long *res, int max)
{
    struct uring_state *u = c->be_state;
    drain(u);
    int n = 0;
    while (n < max && u->nstash) {
        done[n] = u->stash[--u->nstash];
        res[n++] = u->stash_res[u->nstash];
    }
    c->stashed = u->nstash > 0;
    return n;
}

static bool uring_cancel(struct ws_ioctx *c, ws_ioreq *r, long *res)
{
    struct uring_state *u = c->be_state;
    (void)res;
    if (!r->backend_busy)
        return false; /* finished already, waiting in the stash */
    struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
    if (!sqe) {
        io_uring_submit(&u->ring);
        sqe = io_uring_get_sqe(&u->ring);
    }
    if (sqe) {
        /* r is either the operation or its readiness poll. */
        io_uring_prep_cancel(sqe, r, 0);
        io_uring_sqe_set_data(sqe, NULL);
        if ((sqe = io_uring_get_sqe(&u->ring)) != NULL) {
            io_uring_prep_cancel(sqe, (void *)((uintptr_t)r | POLL_TAG), 0);
            io_uring_sqe_set_data(sqe, NULL);
        }
        io_uring_submit(&u->ring);
    }
    return false; /* r's own completion (-ECANCELED) comes through reap */
}

static int uring_wait(struct ws_ioctx *c, int ms)
{
    struct uring_state *u = c->be_state;
    pthread_mutex_lock(&c->lock);
    publish(u);
    atomic_store_explicit(&c->deferred, 0, memory_order_relaxed);
    bool ready = io_uring_cq_ready(&u->ring) > 0 || u->nstash > 0;
    /* Exactly what is published and not yet taken: a kernel that submits
     * fewer entries than asked returns without waiting at all. */
    unsigned to_submit = io_uring_smp_load_acquire(u->ring.sq.ktail) - io_uring_smp_load_acquire(u->ring.sq.khead);
    pthread_mutex_unlock(&c->lock);
    if (ready)
        return 1;
    /* Submit what was deferred and wait for one completion, in one call.
     * Another thread submitting the same entries meanwhile makes this one
     * return early (fewer taken than asked); the caller reaps and waits
     * again. */
    struct __kernel_timespec ts = {ms / 1000, (long long)(ms % 1000) * 1000000};
    struct io_uring_getevents_arg arg = {.ts = (uint64_t)(uintptr_t)&ts};
    unsigned flags = IORING_ENTER_GETEVENTS | (ms >= 0 ? IORING_ENTER_EXT_ARG : 0);
    int r = io_uring_enter2((unsigned)u->ring.ring_fd, to_submit, 1, flags,
                            ms >= 0 ? (sigset_t *)&arg : NULL, ms >= 0 ? sizeof arg : _NSIG / 8);
    return r < 0 && r == -ETIME ? 0 : 1;
}

/* A no-op submission: its completion ends a wait in another thread. */
static void uring_wake(struct ws_ioctx *c)
{
    struct uring_state *u = c->be_state;
    pthread_mutex_lock(&c->lock);
    struct io_uring_sqe *sqe = io_uring_get_sqe(&u->ring);
    if (sqe) {
        io_uring_prep_nop(sqe);
        io_uring_sqe_set_data(sqe, NULL);
    }
    io_uring_submit(&u->ring);
    atomic_store_explicit(&c->deferred, 0, memory_order_relaxed);
    pthread_mutex_unlock(&c->lock);
}

static void uring_flush(struct ws_ioctx *c)
{
    struct uring_state *u = c->be_state;
    io_uring_submit(&u->ring);
    atomic_store_explicit(&c->deferred, 0, memory_order_relaxed);
}

const struct ws_backend ws_backend_uring = {"io_uring", uring_init, uring_fini, uring_start, uring_reap,
                                            uring_cancel, uring_wait, uring_wake, uring_flush, NULL};
