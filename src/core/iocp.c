/* Completion ports (iocp.h).  A port is an ordinary waitable object whose
 * signalled state means "packets are queued"; its I/O context is
 * registered on it for good, so the wait in GetQueuedCompletionStatus polls
 * the port's queue and its sockets' completions together and reaps them
 * itself (src/core/object.c).  Packets live in a growing ring: no
 * allocation per packet. */
#include "iocp.h"
#include <stdlib.h>
#include <string.h>

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
    pthread_mutex_unlock(&o->lock);
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
        ws_obj_wake_locked(o);
    }
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

int ws_port_get(struct ws_port *p, struct ws_packet *out, int max, DWORD ms, bool alertable, DWORD *wait_ret)
{
    ws_obj *o = &p->obj;
    uint64_t deadline = 0;
    bool reaped = false;
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
        if (!reaped) {
            /* Completions may be waiting in the ring already: no poll needed. */
            ws_io_reap(p->ctx);
            reaped = true;
            continue;
        }
        if (ms != (DWORD)WS_INFINITE && !deadline) {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            deadline = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000 + ms + 1;
        }
        DWORD left = ms;
        if (deadline) {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            uint64_t now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
            left = now >= deadline - 1 ? 0 : (DWORD)(deadline - 1 - now);
        }
        ws_obj *self = o;
        DWORD r = ws_wait_ex(&self, 1, false, left, alertable);
        if (r == WS_WAIT_OBJECT_0)
            continue;
        *wait_ret = r;
        return r == WAIT_TIMEOUT ? 0 : -1;
    }
}
