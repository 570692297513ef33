/* Completion ports (iocp.h).  A port is an ordinary waitable object whose
 * signalled state means "packets are queued"; its I/O context is
 * registered on it for good, so the wait in GetQueuedCompletionStatus polls
 * the port's queue and its sockets' completions together and reaps them
 * itself (src/core/object.c).  Packets live in a growing ring: no
 * allocation per packet. */
#include "iocp.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A thread waiting in the port while another leads: LIFO, each on its own
 * condition variable so exactly the one released wakes. */
struct ws_port_waiter {
    struct ws_port_waiter *next;
    pthread_cond_t cond;
    bool released;
};

static void port_destroy(ws_obj *o)
{
    struct ws_port *p = (struct ws_port *)o;
    for (int i = 0; i < WS_OBJ_IOCTX; i++)
        if (o->ioctx[i]) {
            ws_io_ctx_unref(o->ioctx[i]);
            o->ioctx[i] = NULL;
        }
    if (p->ctx)
        ws_io_ctx_unref(p->ctx);
    free(p->q);
}

/* Closing the port's last handle ends the waits on it (GetQueuedCompletionStatus
 * fails with ERROR_ABANDONED_WAIT_0). */
static void port_closed(ws_obj *o)
{
    struct ws_port *p = (struct ws_port *)o;
    pthread_mutex_lock(&o->lock);
    p->closed = true;
    o->signalled = true;
    ws_obj_wake_locked(o);
    for (struct ws_port_waiter *w = p->followers; w; w = w->next) {
        w->released = true;
        pthread_cond_signal(&w->cond);
    }
    p->followers = NULL;
    bool leader = p->leader_in_kernel;
    pthread_mutex_unlock(&o->lock);
    if (leader)
        p->ctx->be->wake(p->ctx);
}

struct ws_port *ws_port_new(DWORD concurrency)
{
    struct ws_port *p = (struct ws_port *)ws_obj_alloc(WS_OBJ_PORT, sizeof *p, true, false);
    if (!p)
        return NULL;
    p->obj.destroy = port_destroy;
    p->obj.last_handle = port_closed;
    p->concurrency = concurrency;
    if (!(p->ctx = ws_io_ctx_new())) {
        ws_obj_unref(&p->obj);
        return NULL;
    }
    ws_io_ctx_ref(p->ctx);
    p->obj.ioctx[0] = p->ctx; /* waits on the port reap its sockets' completions */
    p->obj.ioctx_n[0] = 1;
    return p;
}

/* Packets are waiting (lock held): release the most recent follower, or,
 * for a packet posted from outside the leader's own reaping, end the
 * leader's kernel wait. */
static void wake_one(struct ws_port *p, bool from_outside)
{
    struct ws_port_waiter *w = p->followers;
    if (w && !p->leader) {
        p->followers = w->next;
        w->released = true;
        pthread_cond_signal(&w->cond);
    } else if (p->leader_in_kernel && from_outside)
        p->ctx->be->wake(p->ctx);
}

bool ws_port_post(struct ws_port *p, ULONG_PTR key, DWORD bytes, WS_OVERLAPPED *ov, uint32_t status)
{
    ws_obj *o = &p->obj;
    pthread_mutex_lock(&o->lock);
    if (p->n == p->cap) {
        unsigned cap = p->cap ? p->cap * 2 : 64;
        struct ws_packet *q = malloc(cap * sizeof *q);
        if (!q) {
            pthread_mutex_unlock(&o->lock);
            return false;
        }
        for (unsigned i = 0; i < p->n; i++)
            q[i] = p->q[(p->head + i) % (p->cap ? p->cap : 1)];
        free(p->q);
        p->q = q;
        p->head = 0;
        p->cap = cap;
    }
    p->q[(p->head + p->n++) % p->cap] = (struct ws_packet){key, bytes, ov, status};
    if (!o->signalled) {
        o->signalled = true;
        ws_obj_wake_locked(o); /* alertable waits use the generic wait */
    }
    wake_one(p, p->leader_token != &ws_io_serving); /* not the leader's own reaping */
    pthread_mutex_unlock(&o->lock);
    return true;
}

/* Take up to max packets (lock held). */
static int take(struct ws_port *p, struct ws_packet *out, int max)
{
    int k = 0;
    while (k < max && p->n) {
        out[k++] = p->q[p->head];
        p->head = (p->head + 1) % p->cap;
        p->n--;
    }
    if (!p->n)
        p->obj.signalled = false;
    return k;
}

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* The generic wait on the port object (alertable waits: APCs end them). */
static int get_alertable(struct ws_port *p, struct ws_packet *out, int max, DWORD ms, DWORD *wait_ret)
{
    ws_obj *o = &p->obj;
    uint64_t deadline = ms == (DWORD)WS_INFINITE ? 0 : mono_ms() + ms;
    for (;;) {
        pthread_mutex_lock(&o->lock);
        int k = take(p, out, max);
        bool closed = p->closed;
        pthread_mutex_unlock(&o->lock);
        if (k)
            return k;
        if (closed) {
            *wait_ret = (DWORD)WS_WAIT_FAILED;
            ws_last_error = ERROR_ABANDONED_WAIT_0;
            return -1;
        }
        ws_io_reap(p->ctx);
        pthread_mutex_lock(&o->lock);
        k = take(p, out, max);
        pthread_mutex_unlock(&o->lock);
        if (k)
            return k;
        uint64_t now = mono_ms();
        DWORD left = !deadline ? (DWORD)WS_INFINITE : now >= deadline ? 0 : (DWORD)(deadline - now);
        ws_obj *self = o;
        DWORD r = ws_wait_ex(&self, 1, false, left, true);
        if (r == WS_WAIT_OBJECT_0)
            continue;
        *wait_ret = r;
        return r == WAIT_TIMEOUT ? 0 : -1;
    }
}

/* GetQueuedCompletionStatus(Ex).  Packets first; then one thread leads:
 * it reaps the port's context and waits in its backend (with io_uring that
 * one system call also submits what the workers deferred), while the
 * others wait for it to hand packets on, most recent first. */
int ws_port_get(struct ws_port *p, struct ws_packet *out, int max, DWORD ms, bool alertable, DWORD *wait_ret)
{
    if (alertable)
        return get_alertable(p, out, max, ms, wait_ret);
    ws_obj *o = &p->obj;
    uint64_t deadline = ms == (DWORD)WS_INFINITE ? 0 : mono_ms() + ms;
    bool reaped = false;
    ws_io_serving = 0; /* back in the port: nothing of ours is deferred now */
    pthread_mutex_lock(&o->lock);
    for (;;) {
        int k = take(p, out, max);
        if (k) {
            /* More for someone else, or operations in flight that nobody
             * would reap while this thread works: the most recent follower
             * takes over.  With nothing in flight the next completions can
             * only come from what this thread submits (deferred until it is
             * back here, where it leads again) or from another thread's
             * submission (ws_port_kick): waking a follower only to have it
             * wait in the kernel cost two context switches per request. */
            if (p->n || (p->followers && atomic_load_explicit(&p->ctx->inflight, memory_order_relaxed)))
                wake_one(p, false);
            pthread_mutex_unlock(&o->lock);
            ws_io_serving = p->ctx->id;
            return k;
        }
        if (p->closed) {
            pthread_mutex_unlock(&o->lock);
            *wait_ret = (DWORD)WS_WAIT_FAILED;
            ws_last_error = ERROR_ABANDONED_WAIT_0;
            return -1;
        }
        uint64_t now = deadline ? mono_ms() : 0;
        int left = !deadline ? -1 : now >= deadline ? 0 : (int)(deadline - now);
        if (!p->leader) {
            p->leader = true;
            p->leader_token = &ws_io_serving; /* this thread's address for it */
            pthread_mutex_unlock(&o->lock);
            int got = 1;
            if (reaped) {
                pthread_mutex_lock(&o->lock);
                p->leader_in_kernel = p->n == 0;
                bool go = p->leader_in_kernel && left != 0;
                pthread_mutex_unlock(&o->lock);
                if (go) {
                    atomic_fetch_add_explicit(&p->ctx->in_wait, 1, memory_order_relaxed);
                    got = p->ctx->be->wait(p->ctx, left);
                    atomic_fetch_sub_explicit(&p->ctx->in_wait, 1, memory_order_relaxed);
                } else
                    got = 0;
                pthread_mutex_lock(&o->lock);
                p->leader_in_kernel = false;
                pthread_mutex_unlock(&o->lock);
            }
            ws_io_reap(p->ctx); /* completions become packets */
            reaped = true;
            pthread_mutex_lock(&o->lock);
            p->leader = false;
            p->leader_token = NULL;
            if (!p->n && !got && left == 0) {
                if (p->followers)
                    wake_one(p, false); /* let another lead */
                pthread_mutex_unlock(&o->lock);
                *wait_ret = WAIT_TIMEOUT;
                return 0;
            }
            if (!p->n && p->followers && !got)
                wake_one(p, false);
            continue;
        }
        /* Someone leads: submit what we deferred (it would not see it), then
         * wait to be handed packets. */
        if (atomic_load_explicit(&p->ctx->deferred, memory_order_relaxed)) {
            pthread_mutex_unlock(&o->lock);
            pthread_mutex_lock(&p->ctx->lock);
            p->ctx->be->flush(p->ctx);
            pthread_mutex_unlock(&p->ctx->lock);
            pthread_mutex_lock(&o->lock);
            continue;
        }
        if (left == 0) {
            pthread_mutex_unlock(&o->lock);
            *wait_ret = WAIT_TIMEOUT;
            return 0;
        }
        struct ws_port_waiter w = {p->followers, PTHREAD_COND_INITIALIZER, false};
        p->followers = &w;
        if (left < 0)
            pthread_cond_wait(&w.cond, &o->lock);
        else {
            struct timespec abs;
            clock_gettime(CLOCK_REALTIME, &abs);
            abs.tv_sec += left / 1000;
            abs.tv_nsec += (long)(left % 1000) * 1000000;
            if (abs.tv_nsec >= 1000000000) {
                abs.tv_sec++;
                abs.tv_nsec -= 1000000000;
            }
            pthread_cond_timedwait(&w.cond, &o->lock, &abs);
        }
        if (!w.released) /* timed out: leave the stack */
            for (struct ws_port_waiter **pp = &p->followers; *pp; pp = &(*pp)->next)
                if (*pp == &w) {
                    *pp = w.next;
                    break;
                }
        pthread_cond_destroy(&w.cond);
        reaped = false; /* a released follower leads afresh: reap before waiting */
    }
}

void ws_port_kick(struct ws_port *p)
{
    ws_obj *o = &p->obj;
    pthread_mutex_lock(&o->lock);
    if (!p->leader && p->followers)
        wake_one(p, false);
    pthread_mutex_unlock(&o->lock);
}
