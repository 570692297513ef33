/* Waitable objects and the one wait every API shares (winobj.h).
 *
 * An object is its state under its own lock.  A thread that must block on
 * it polls the object's eventfd, created on the first such wait; the
 * eventfd is written only while some thread is blocked, so a program that
 * signals and consumes its own events makes no eventfd system call at all.
 * A wait is one poll() over the objects' eventfds, the sockets registered
 * to them (WSAEventSelect, WSAAsyncSelect) and, for an alertable wait, the
 * thread's alert eventfd.  No global lock; no helper thread. */
#include "engine.h"
#include <string.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

ws_obj *ws_obj_alloc(enum ws_objtype type, size_t size, bool manual_reset, bool initial)
{
    ws_obj *o = calloc(1, size < sizeof *o ? sizeof *o : size);
    if (!o)
        return NULL;
    o->type = type;
    o->efd = -1;
    o->extfd = -1;
    o->manual_reset = manual_reset;
    o->signalled = initial;
    atomic_init(&o->refs, 1);
    pthread_mutex_init(&o->lock, NULL);
    return o;
}

void ws_obj_unref(ws_obj *o)
{
    if (atomic_fetch_sub_explicit(&o->refs, 1, memory_order_acq_rel) == 1) {
        if (o->name)
            ws_name_drop(o);
        if (o->destroy)
            o->destroy(o);
        if (o->efd >= 0)
            close(o->efd);
        free(o->members);
        free(o->description);
        free(o->name);
        pthread_mutex_destroy(&o->lock);
        free(o);
    }
}

bool ws_obj_tryref(ws_obj *o)
{
    int r = atomic_load_explicit(&o->refs, memory_order_relaxed);
    do {
        if (r <= 0)
            return false;
    } while (!atomic_compare_exchange_weak_explicit(&o->refs, &r, r + 1, memory_order_acquire,
                                                    memory_order_relaxed));
    return true;
}

void ws_efd_post(int fd)
{
    uint64_t one = 1;
    long n = syscall(SYS_write, fd, &one, sizeof one);
    (void)n;
}

void ws_efd_clear(int fd)
{
    uint64_t v;
    long n = syscall(SYS_read, fd, &v, sizeof v);
    (void)n;
}

/* Make the eventfd readable for blocked waiters (lock held). */
static void efd_raise(ws_obj *o)
{
    if (!o->efd_set && o->waiters && o->efd >= 0) {
        ws_efd_post(o->efd);
        o->efd_set = true;
    }
}

static void efd_drain(ws_obj *o)
{
    if (o->efd_set) {
        ws_efd_clear(o->efd);
        o->efd_set = false;
    }
}

void ws_obj_signal_locked(ws_obj *o)
{
    if (!o->signalled) {
        o->signalled = true;
        efd_raise(o);
    }
}

void ws_obj_signal(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    ws_obj_signal_locked(o);
    pthread_mutex_unlock(&o->lock);
}

void ws_obj_reset_locked(ws_obj *o)
{
    o->signalled = false;
    efd_drain(o);
}

void ws_obj_reset(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    ws_obj_reset_locked(o);
    pthread_mutex_unlock(&o->lock);
}

/* The waiters registered now joined under the current generation; each
 * of them, seeing a newer one after its poll, takes one of pulse_left
 * (ws_wait_ex).  The eventfd stays raised until they have. */
void ws_obj_pulse(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    o->signalled = false;
    if (o->waiters) {
        o->pulse_gen++;
        o->pulse_left = o->manual_reset ? o->waiters : 1;
        efd_raise(o);
    } else
        efd_drain(o);
    pthread_mutex_unlock(&o->lock);
}

void ws_obj_kick(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    efd_raise(o);
    pthread_mutex_unlock(&o->lock);
}

void ws_obj_wake_locked(ws_obj *o)
{
    efd_raise(o);
}

/* ---- the wait rules of each type ------------------------------------------ */

/* Would a wait by thread tid be satisfied now?  (lock held) */
static bool ready(ws_obj *o, DWORD tid)
{
    if (o->refresh)
        o->refresh(o);
    switch (o->type) {
    case WS_OBJ_MUTEX:
        return o->owner == 0 || o->owner == tid;
    case WS_OBJ_SEMAPHORE:
        return o->count > 0;
    default:
        return o->signalled;
    }
}

/* Take what the wait was satisfied by (lock held).  Returns true for a
 * mutex its previous owner abandoned (WAIT_ABANDONED). */
static bool acquire(ws_obj *o, DWORD tid, struct ws_thread *self)
{
    switch (o->type) {
    case WS_OBJ_MUTEX: {
        bool abandoned = o->abandoned;
        o->abandoned = false;
        if (o->owner == 0) {
            o->owner = tid;
            if (self) { /* ws_wait_ex made sure of it for mutexes */
                o->next_owned = self->owned;
                self->owned = o;
                ws_obj_ref(o);
            }
        }
        o->count++;
        return abandoned;
    }
    case WS_OBJ_SEMAPHORE:
        o->count--;
        return false;
    default:
        if (!o->manual_reset) {
            o->signalled = false;
            efd_drain(o);
        }
        return false;
    }
}

int ws_mutex_release(ws_obj *o)
{
    struct ws_thread *self = ws_thread_current();
    DWORD tid = self ? self->obj->tid : 0;
    ws_obj *unlink = NULL;
    int err = 0;
    pthread_mutex_lock(&o->lock);
    if (!tid || o->owner != tid)
        err = ERROR_NOT_OWNER;
    else if (--o->count == 0) {
        o->owner = 0;
        unlink = o;
        efd_raise(o);
    }
    pthread_mutex_unlock(&o->lock);
    if (unlink) { /* only the owner walks its list */
        for (ws_obj **pp = &self->owned; *pp; pp = &(*pp)->next_owned)
            if (*pp == o) {
                *pp = o->next_owned;
                break;
            }
        ws_obj_unref(o);
    }
    return err;
}

int ws_mutex_take(ws_obj *o)
{
    struct ws_thread *self = ws_thread_self();
    if (!self)
        return ERROR_NOT_ENOUGH_MEMORY;
    pthread_mutex_lock(&o->lock);
    acquire(o, self->obj->tid, self);
    pthread_mutex_unlock(&o->lock);
    return 0;
}

int ws_semaphore_release(ws_obj *o, LONG n, LONG *prev)
{
    int err = 0;
    pthread_mutex_lock(&o->lock);
    if (n <= 0 || o->count > o->max_count - n)
        err = n <= 0 ? ERROR_INVALID_PARAMETER : ERROR_TOO_MANY_POSTS;
    else {
        if (prev)
            *prev = o->count;
        o->count += n;
        efd_raise(o);
    }
    pthread_mutex_unlock(&o->lock);
    return err;
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (ws_obj *const *)a, y = (uintptr_t) * (ws_obj *const *)b;
    return x < y ? -1 : x > y;
}

/* Is the wait satisfied?  Wait-any takes the lowest satisfied index (the
 * documented rule); wait-all takes every object at once, locking them in
 * address order so two wait-all callers cannot deadlock. */
static DWORD try_acquire(ws_obj *const *objs, DWORD n, bool all, DWORD tid, struct ws_thread *self,
                         uint64_t pulsed)
{
    if (!all) {
        for (DWORD i = 0; i < n; i++) {
            ws_obj *o = objs[i];
            pthread_mutex_lock(&o->lock);
            bool got = ready(o, tid) || (pulsed >> i & 1), abandoned = got && acquire(o, tid, self);
            pthread_mutex_unlock(&o->lock);
            if (got)
                return (abandoned ? WS_WAIT_ABANDONED_0 : WS_WAIT_OBJECT_0) + i;
        }
        return WAIT_TIMEOUT;
    }
    ws_obj *sorted[64];
    memcpy(sorted, objs, n * sizeof *objs);
    qsort(sorted, n, sizeof *sorted, cmp_ptr);
    bool ok = true, abandoned = false;
    for (DWORD i = 0; i < n; i++)
        if (i == 0 || sorted[i] != sorted[i - 1]) {
            pthread_mutex_lock(&sorted[i]->lock);
            bool p = false; /* pulsed: the bit of the object's index */
            for (DWORD j = 0; pulsed && j < n && !p; j++)
                p = objs[j] == sorted[i] && (pulsed >> j & 1);
            ok = ok && (p || ready(sorted[i], tid));
        }
    for (DWORD i = n; i-- > 0;)
        if (i == 0 || sorted[i] != sorted[i - 1]) {
            if (ok)
                abandoned |= acquire(sorted[i], tid, self);
            pthread_mutex_unlock(&sorted[i]->lock);
        }
    return !ok ? WAIT_TIMEOUT : abandoned ? WS_WAIT_ABANDONED_0 : WS_WAIT_OBJECT_0;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Register as a blocked waiter (lock held): the eventfd exists from the
 * first blocking wait on. */
static bool add_waiter(ws_obj *o, DWORD tid)
{
    if (o->efd < 0 && (o->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
        return false;
    o->waiters++;
    if (ready(o, tid))
        efd_raise(o); /* satisfiable since try_acquire: don't sleep */
    return true;
}

/* An alertable wait: be woken by APCs queued from other threads. */
static bool alert_begin(struct ws_thread *t)
{
    if (t->alert_efd < 0 && (t->alert_efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
        return false;
    pthread_mutex_lock(&t->obj->lock);
    t->alertable = true;
    bool pending = t->apc_head != NULL;
    pthread_mutex_unlock(&t->obj->lock);
    return !pending;
}

static void alert_end(struct ws_thread *t)
{
    pthread_mutex_lock(&t->obj->lock);
    t->alertable = false;
    if (t->alert_set) {
        ws_efd_clear(t->alert_efd);
        t->alert_set = false;
    }
    pthread_mutex_unlock(&t->obj->lock);
}

/* Add fd to the sorted noisy set (growing it; without memory the socket is
 * simply looked at again). */
static void noisy_add(int **set, int *stack, size_t *n, size_t *cap, int fd)
{
    size_t lo = 0, hi = *n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if ((*set)[mid] < fd)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < *n && (*set)[lo] == fd)
        return;
    if (*n == *cap) {
        int *m = malloc(*cap * 2 * sizeof *m);
        if (!m)
            return;
        memcpy(m, *set, *n * sizeof *m);
        if (*set != stack)
            free(*set);
        *set = m;
        *cap *= 2;
    }
    memmove(*set + lo + 1, *set + lo, (*n - lo) * sizeof **set);
    (*set)[lo] = fd;
    (*n)++;
}

#define WAIT_STACK 128
#define WAIT_CTX_MAX (WS_OBJ_IOCTX * 64 + 1)
#define APC_SOURCES 16 /* APC sources an alertable wait polls (a thread's timers with routines) */

/* Refresh the thread's APC sources (which may queue their APCs) and keep
 * them, referenced, for the poll. */
static size_t sources_refresh(struct ws_thread *t, ws_obj **srcs)
{
    if (!__atomic_load_n(&t->napc_src, __ATOMIC_RELAXED))
        return 0;
    size_t k = ws_apc_sources(t, srcs, APC_SOURCES);
    for (size_t i = 0; i < k; i++) {
        pthread_mutex_lock(&srcs[i]->lock);
        if (srcs[i]->refresh)
            srcs[i]->refresh(srcs[i]);
        pthread_mutex_unlock(&srcs[i]->lock);
    }
    return k;
}

static void sources_put(ws_obj **srcs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ws_obj_unref(srcs[i]);
}

/* A thread cancelled inside the wait's poll (TerminateThread,
 * src/kernel32/thread.c) leaves the wait through here: the objects lose it
 * as a waiter, what it referenced is released. */
struct cancel_ctx {
    ws_obj *const *objs;
    DWORD n, joined;
    bool owned; /* the caller's references on objs are the wait's to drop */
    bool alert;
    struct ws_thread *self;
    ws_obj **srcs;
    size_t nsrc;
    ws_sock **sks;
    size_t nsk;
    struct ws_ioctx **ctxs;
    size_t nctx;
    struct pollfd *pfd, *pstack;
};

static void wait_cancelled(void *p)
{
    struct cancel_ctx *cc = p;
    for (DWORD i = 0; i < cc->joined; i++) {
        ws_obj *o = cc->objs[i];
        pthread_mutex_lock(&o->lock);
        if (--o->waiters == 0) {
            o->pulse_left = 0;
            efd_drain(o);
        }
        pthread_mutex_unlock(&o->lock);
    }
    if (cc->alert)
        alert_end(cc->self);
    sources_put(cc->srcs, cc->nsrc);
    for (size_t j = 0; j < cc->nsk; j++)
        ws_sock_put(cc->sks[j]);
    for (size_t k = 0; k < cc->nctx; k++)
        ws_io_ctx_unref(cc->ctxs[k]);
    if (cc->pfd != cc->pstack)
        free(cc->pfd);
    for (DWORD i = 0; cc->owned && i < cc->n; i++)
        ws_obj_unref(cc->objs[i]);
}

/* The poll, with the handler above registered for its duration (its own
 * frame: the registration is a setjmp). */
static __attribute__((noinline)) int cancellable_poll(struct pollfd *pfd, size_t np, int timeout,
                                                      struct cancel_ctx *cc, int *err)
{
    int r;
    pthread_cleanup_push(wait_cancelled, cc);
    r = ws_cancel_poll(pfd, np, timeout);
    *err = errno;
    pthread_cleanup_pop(0);
    return r;
}

static DWORD wait_objs(ws_obj *const *objs, DWORD n, bool all, DWORD ms, bool alertable, bool owned);

DWORD ws_wait_ex(ws_obj *const *objs, DWORD n, bool all, DWORD ms, bool alertable)
{
    return wait_objs(objs, n, all, ms, alertable, false);
}

static DWORD wait_objs(ws_obj *const *objs, DWORD n, bool all, DWORD ms, bool alertable, bool owned)
{
    uint64_t deadline = ms == (DWORD)WS_INFINITE ? 0 : now_ms() + ms;
    struct pollfd pstack[WAIT_STACK], *pfd = pstack;
    ws_sock *sstack[WAIT_STACK], **sks = sstack;
    uint32_t spstack[WAIT_STACK], *spos = spstack; /* each socket's entry in pfd (its slot may hold
                                                      another descriptor: ready.h) */
    size_t room = WAIT_STACK;
    bool polled_last = false; /* the final, zero-timeout poll has been made */
    /* Sockets that polled ready but recorded nothing, sorted: skipped for
     * the rest of the wait (ws_evsel_polled), however many there are. */
    int nstack[64], *noisy = nstack;
    size_t nnoisy = 0, cnoisy = sizeof nstack / sizeof nstack[0];
    DWORD ret;
    /* Mutexes need to know their owner; alertable waits their APC queue.
     * Other waits never create per-thread state. */
    struct ws_thread *self = ws_thread_current();
    bool need_self = alertable;
    for (DWORD i = 0; i < n; i++)
        need_self |= objs[i]->type == WS_OBJ_MUTEX;
    if (need_self && !self && !(self = ws_thread_self())) {
        ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
        return (DWORD)WS_WAIT_FAILED;
    }
    DWORD tid = self ? self->obj->tid : 0;
    struct ws_ioctx *ctxs[WAIT_CTX_MAX];
    unsigned gens[64];   /* each object's pulse generation when we joined it */
    uint64_t pulsed = 0; /* objects whose PulseEvent released us */
    ws_obj *srcs[APC_SOURCES];
    size_t nsrc = 0;
    for (;;) {
        /* Queued APCs run first: an alertable wait returns once they have
         * (WaitForSingleObjectEx docs), whatever the objects' state.  The
         * thread's APC sources (timers with completion routines) queue
         * theirs when refreshed. */
        if (alertable) {
            nsrc = sources_refresh(self, srcs);
            if (ws_apc_run(self)) {
                ret = WS_WAIT_IO_COMPLETION;
                break;
            }
        }
        ret = n ? try_acquire(objs, n, all, tid, self, pulsed) : WAIT_TIMEOUT;
        pulsed = 0;
        if (ret != WAIT_TIMEOUT)
            break;
        /* Even a zero or expired timeout polls once: the event's sockets
         * may have something to record (WSAWaitForMultipleEvents(..., 0)). */
        int timeout = -1;
        if (ms != (DWORD)WS_INFINITE) {
            uint64_t t = now_ms();
            if (polled_last)
                break;
            timeout = t >= deadline ? 0 : (int)(deadline - t);
            polled_last = timeout == 0;
        }
        /* One poll: every object's eventfd (and own descriptor), then its
         * member sockets, then the thread's alert eventfd and APC sources,
         * then the I/O contexts whose completions would signal one of the
         * objects (or, alertable, run a completion routine). */
        size_t np = 0, nsk = 0, nctx = 0;
        bool grow = false, failed = false, reap_now = false;
        DWORD joined = 0;
        for (DWORD i = 0; i < n; i++, joined++) {
            ws_obj *o = objs[i];
            pthread_mutex_lock(&o->lock);
            if (!add_waiter(o, tid)) {
                pthread_mutex_unlock(&o->lock);
                failed = true;
                break;
            }
            gens[i] = o->pulse_gen;
            pfd[np++] = (struct pollfd){o->efd, POLLIN, 0};
            if (o->extfd >= 0)
                pfd[np++] = (struct pollfd){o->extfd, POLLIN, 0};
            if (o->nmembers) {
                if (room - np < o->nmembers + 2 * (n - i) + 1)
                    grow = true;
                else {
                    size_t k = ws_evsel_collect(o, pfd + np, sks + nsk, room - np - 2 * (n - i - 1) - 1, noisy,
                                                nnoisy);
                    for (size_t m = 0; m < k; m++)
                        spos[nsk + m] = (uint32_t)(np + m);
                    np += k;
                    nsk += k;
                }
            }
            nctx += ws_io_wait_ctxs(o, ctxs + nctx, WAIT_CTX_MAX - 1 - nctx);
            pthread_mutex_unlock(&o->lock);
        }
        if (alertable && self->ioctx && atomic_load(&self->ioctx->inflight)) {
            ws_io_ctx_ref(self->ioctx);
            ctxs[nctx++] = self->ioctx;
        }
        if (!grow && room - np < nctx + nsrc + 1)
            grow = true;
        bool alert = alertable && !failed && !grow, apc_came = false;
        if (alert) {
            apc_came = !alert_begin(self); /* queued meanwhile: look again, don't sleep */
            if (self->alert_efd >= 0)
                pfd[np++] = (struct pollfd){self->alert_efd, POLLIN, 0};
            for (size_t k = 0; k < nsrc; k++)
                pfd[np++] = (struct pollfd){srcs[k]->extfd, POLLIN, 0};
        }
        size_t ctx_base = np;
        if (!grow)
            for (size_t k = 0; k < nctx; k++) {
                reap_now |= ctxs[k]->stashed;
                pfd[np++] = (struct pollfd){ctxs[k]->fd, POLLIN, 0};
            }
        int r = 0, e = 0;
        if (!failed && !grow) {
            struct cancel_ctx cc = {objs, n, joined, owned, alert, self, srcs, nsrc, sks, nsk, ctxs, nctx, pfd, pstack};
            r = cancellable_poll(pfd, np, apc_came || reap_now ? 0 : timeout, &cc, &e);
        }
        if (alert)
            alert_end(self);
        sources_put(srcs, nsrc);
        nsrc = 0;
        for (DWORD i = 0; i < joined; i++) {
            ws_obj *o = objs[i];
            pthread_mutex_lock(&o->lock);
            o->waiters--;
            if (o->pulse_left > 0 && gens[i] != o->pulse_gen) { /* pulsed while we were blocked */
                o->pulse_left--;
                pulsed |= (uint64_t)1 << i;
            }
            if (!o->waiters)
                o->pulse_left = 0;
            if ((!ready(o, 0) && !o->pulse_left) || !o->waiters)
                efd_drain(o); /* a kick, or a mirror nobody needs now */
            pthread_mutex_unlock(&o->lock);
        }
        /* Sockets after the waiters count dropped: signalling our own event
         * then costs no eventfd write. */
        for (size_t j = 0; j < nsk; j++) {
            size_t p = spos[j];
            if (r > 0 && pfd[p].revents && !ws_evsel_polled(sks[j], pfd[p].revents))
                noisy_add(&noisy, nstack, &nnoisy, &cnoisy, sks[j]->fd);
            ws_sock_put(sks[j]);
        }
        /* Completions after the waiters count dropped too: signalling what
         * we wait for then costs no eventfd write. */
        for (size_t k = 0; k < nctx; k++) {
            if (!grow && !failed && (reap_now || (r > 0 && pfd[ctx_base + k].revents)))
                ws_io_reap(ctxs[k]); /* completions: they may signal what we wait for */
            ws_io_ctx_unref(ctxs[k]);
        }
        if (failed) {
            ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
            ret = (DWORD)WS_WAIT_FAILED;
            break;
        }
        if (grow) {
            size_t need = room * 2 + nctx + APC_SOURCES;
            for (DWORD i = 0; i < n; i++)
                need += objs[i]->nmembers + 2;
            void *mem = realloc(pfd == pstack ? NULL : pfd, need * (sizeof *pfd + sizeof *sks + sizeof *spos));
            if (!mem) {
                ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
                ret = (DWORD)WS_WAIT_FAILED;
                break;
            }
            pfd = mem;
            sks = (ws_sock **)(pfd + need);
            spos = (uint32_t *)(sks + need);
            room = need;
            continue;
        }
        if (r < 0 && e != EINTR) {
            ws_last_error = ERROR_INVALID_HANDLE;
            ret = (DWORD)WS_WAIT_FAILED;
            break;
        }
    }
    sources_put(srcs, nsrc);
    if (pfd != pstack)
        free(pfd);
    if (noisy != nstack)
        free(noisy);
    return ret;
}

DWORD ws_wait_handles(DWORD n, const HANDLE *h, BOOL all, DWORD ms, bool alertable)
{
    ws_obj *objs[64];
    if (n == 0 || n > 64 || ws_bad_ptr(h)) {
        ws_last_error = ERROR_INVALID_PARAMETER;
        return (DWORD)WS_WAIT_FAILED;
    }
    DWORD got = 0, ret;
    for (; got < n; got++)
        if (!(objs[got] = ws_handle_obj(h[got], 0)))
            break;
    /* A wait holds a reference on each object, so another thread closing a
     * handle under it cannot free what it waits on. */
    ret = got < n ? (DWORD)WS_WAIT_FAILED : wait_objs(objs, n, all != 0, ms, alertable, true);
    DWORD saved = ws_last_error;
    for (DWORD i = 0; i < got; i++)
        ws_obj_unref(objs[i]);
    ws_last_error = saved;
    return ret;
}
