/* Waitable objects and the one wait every API shares (winobj.h): an
 * object is an eventfd plus its state under its own lock; a wait is one
 * poll() over the objects' eventfds and the sockets registered to them. */
#include "winobj.h"
#include <string.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

ws_obj *ws_obj_new(enum ws_objtype type, bool manual_reset, bool initial)
{
    ws_obj *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (o->efd < 0) {
        free(o);
        return NULL;
    }
    o->magic = WS_OBJ_MAGIC;
    o->type = type;
    o->manual_reset = manual_reset;
    o->signalled = initial;
    atomic_init(&o->refs, 1);
    pthread_mutex_init(&o->lock, NULL);
    return o;
}

ws_obj *ws_obj_from(HANDLE h, int type)
{
    ws_obj *o = h;
    /* (HANDLE)-1 and -2 are the current process and thread pseudo-handles. */
    if (!o || h == (HANDLE)(intptr_t)-1 || h == (HANDLE)(intptr_t)-2 || o->magic != WS_OBJ_MAGIC || (type && (int)o->type != type)) {
        ws_last_error = ERROR_INVALID_HANDLE;
        return NULL;
    }
    return o;
}

void ws_obj_unref(ws_obj *o)
{
    if (atomic_fetch_sub(&o->refs, 1) == 1) {
        o->magic = 0;
        close(o->efd);
        free(o->members);
        pthread_mutex_destroy(&o->lock);
        free(o);
    }
}

/* Make the eventfd readable for blocked waiters (lock held). */
static void efd_raise(ws_obj *o)
{
    if (!o->efd_set && o->waiters) {
        uint64_t one = 1;
        ssize_t n = write(o->efd, &one, sizeof one);
        (void)n;
        o->efd_set = true;
    }
}

static void efd_drain(ws_obj *o)
{
    if (o->efd_set) {
        uint64_t v;
        ssize_t n = read(o->efd, &v, sizeof v);
        (void)n;
        o->efd_set = false;
    }
}

void ws_obj_signal(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    if (!o->signalled) {
        o->signalled = true;
        efd_raise(o);
    }
    pthread_mutex_unlock(&o->lock);
}

void ws_obj_reset(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    o->signalled = false;
    efd_drain(o);
    pthread_mutex_unlock(&o->lock);
}

void ws_obj_kick(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    efd_raise(o);
    pthread_mutex_unlock(&o->lock);
}

/* Take the signal (lock held): an auto-reset object goes back to reset. */
static void consume(ws_obj *o)
{
    if (!o->manual_reset) {
        o->signalled = false;
        efd_drain(o);
    }
}

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (ws_obj *const *)a, y = (uintptr_t) * (ws_obj *const *)b;
    return x < y ? -1 : x > y;
}

/* Is the wait satisfied?  Wait-any takes the lowest signalled index (the
 * documented rule); wait-all takes every object at once, locking them in
 * address order so two wait-all callers cannot deadlock. */
static DWORD try_acquire(ws_obj *const *objs, DWORD n, bool all)
{
    if (!all) {
        for (DWORD i = 0; i < n; i++) {
            ws_obj *o = objs[i];
            pthread_mutex_lock(&o->lock);
            bool got = o->signalled;
            if (got)
                consume(o);
            pthread_mutex_unlock(&o->lock);
            if (got)
                return WS_WAIT_OBJECT_0 + i;
        }
        return WAIT_TIMEOUT;
    }
    ws_obj *sorted[64];
    memcpy(sorted, objs, n * sizeof *objs);
    qsort(sorted, n, sizeof *sorted, cmp_ptr);
    bool ready = true;
    for (DWORD i = 0; i < n; i++)
        if (i == 0 || sorted[i] != sorted[i - 1]) {
            pthread_mutex_lock(&sorted[i]->lock);
            ready = ready && sorted[i]->signalled;
        }
    for (DWORD i = n; i-- > 0;)
        if (i == 0 || sorted[i] != sorted[i - 1]) {
            if (ready)
                consume(sorted[i]);
            pthread_mutex_unlock(&sorted[i]->lock);
        }
    return ready ? WS_WAIT_OBJECT_0 : WAIT_TIMEOUT;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

#define WAIT_STACK 128

DWORD ws_wait(ws_obj *const *objs, DWORD n, bool all, DWORD ms)
{
    uint64_t deadline = ms == (DWORD)WS_INFINITE ? 0 : now_ms() + ms;
    struct pollfd pstack[WAIT_STACK], *pfd = pstack;
    ws_sock *sstack[WAIT_STACK], **sks = sstack;
    size_t room = WAIT_STACK;
    bool polled_last = false; /* the final, zero-timeout poll has been made */
    int noisy[64]; /* sockets that polled ready but recorded nothing */
    size_t nnoisy = 0;
    DWORD ret;
    for (;;) {
        ret = try_acquire(objs, n, all);
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
        /* One poll: every object's eventfd, then its member sockets. */
        size_t np = 0, nsk = 0;
        bool grow = false;
        for (DWORD i = 0; i < n; i++) {
            ws_obj *o = objs[i];
            pthread_mutex_lock(&o->lock);
            o->waiters++;
            if (o->signalled)
                efd_raise(o); /* signalled since try_acquire: don't sleep */
            pfd[np++] = (struct pollfd){o->efd, POLLIN, 0};
            if (o->nmembers) {
                if (room - np < o->nmembers + (n - i))
                    grow = true;
                else {
                    size_t k = ws_evsel_collect(o, pfd + np, sks + nsk, room - np - (n - i - 1), noisy, nnoisy);
                    np += k;
                    nsk += k;
                }
            }
            pthread_mutex_unlock(&o->lock);
        }
        int r = grow ? 0 : poll(pfd, np, timeout);
        int e = errno;
        for (DWORD i = 0; i < n; i++) {
            ws_obj *o = objs[i];
            pthread_mutex_lock(&o->lock);
            o->waiters--;
            if (!o->signalled || !o->waiters)
                efd_drain(o); /* a kick, or a mirror nobody needs now */
            pthread_mutex_unlock(&o->lock);
        }
        /* Sockets after the waiters count dropped: signalling our own event
         * then costs no eventfd write. */
        for (size_t j = 0, p = 0; j < nsk; j++) {
            while (p < np && pfd[p].fd != sks[j]->fd)
                p++;
            if (r > 0 && p < np && pfd[p].revents && !ws_evsel_polled(sks[j], pfd[p].revents) &&
                nnoisy < sizeof noisy / sizeof noisy[0])
                noisy[nnoisy++] = sks[j]->fd;
            ws_sock_put(sks[j]);
        }
        if (grow) {
            size_t need = room * 2;
            for (DWORD i = 0; i < n; i++)
                need += objs[i]->nmembers + 1;
            void *mem = realloc(pfd == pstack ? NULL : pfd, need * (sizeof *pfd + sizeof *sks));
            if (!mem) {
                ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
                ret = (DWORD)WS_WAIT_FAILED;
                break;
            }
            pfd = mem;
            sks = (ws_sock **)(pfd + need);
            room = need;
            continue;
        }
        if (r < 0 && e != EINTR) {
            ws_last_error = ERROR_INVALID_HANDLE;
            ret = (DWORD)WS_WAIT_FAILED;
            break;
        }
    }
    if (pfd != pstack)
        free(pfd);
    return ret;
}

/* Checks in Windows' order: the count (1..MAXIMUM_WAIT_OBJECTS), then each
 * handle. */
DWORD ws_wait_handles(DWORD n, const HANDLE *h, BOOL all, DWORD ms, int type)
{
    ws_obj *objs[64];
    if (n == 0 || n > 64 || !h) {
        ws_last_error = ERROR_INVALID_PARAMETER;
        return (DWORD)WS_WAIT_FAILED;
    }
    for (DWORD i = 0; i < n; i++)
        if (!(objs[i] = ws_obj_from(h[i], type)))
            return (DWORD)WS_WAIT_FAILED;
    return ws_wait(objs, n, all != 0, ms);
}

