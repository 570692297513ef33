/* The waitable-object model behind HANDLE: CloseHandle, WaitForSingleObject. */
#include "winobj.h"
#include <poll.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

ws_obj *ws_obj_new(enum ws_objtype type, bool manual_reset, bool initial)
{
    ws_obj *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->efd = eventfd(initial ? 1 : 0, EFD_NONBLOCK | EFD_CLOEXEC);
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
    if (!o || h == (HANDLE)(intptr_t)-1 || o->magic != WS_OBJ_MAGIC || (type && (int)o->type != type)) {
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
        pthread_mutex_destroy(&o->lock);
        free(o);
    }
}

void ws_obj_signal(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    if (!o->signalled) {
        uint64_t one = 1;
        o->signalled = true;
        ssize_t n = write(o->efd, &one, sizeof one);
        (void)n;
    }
    pthread_mutex_unlock(&o->lock);
}

static void clear_locked(ws_obj *o)
{
    uint64_t v;
    o->signalled = false;
    ssize_t n = read(o->efd, &v, sizeof v);
    (void)n;
}

void ws_obj_reset(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    if (o->signalled)
        clear_locked(o);
    pthread_mutex_unlock(&o->lock);
}

static bool try_acquire(ws_obj *o)
{
    pthread_mutex_lock(&o->lock);
    bool got = o->signalled;
    if (got && !o->manual_reset)
        clear_locked(o);
    pthread_mutex_unlock(&o->lock);
    return got;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

DWORD ws_obj_wait(ws_obj *o, DWORD ms)
{
    uint64_t deadline = ms == (DWORD)WS_INFINITE ? 0 : now_ms() + ms;
    for (;;) {
        if (try_acquire(o))
            return WS_WAIT_OBJECT_0;
        int timeout = -1;
        if (ms != (DWORD)WS_INFINITE) {
            uint64_t t = now_ms();
            if (t >= deadline)
                return WAIT_TIMEOUT;
            timeout = (int)(deadline - t);
        }
        /* Readable means "was signalled"; another waiter may still win an
         * auto-reset signal, so re-check under the lock. */
        struct pollfd p = {o->efd, POLLIN, 0};
        if (poll(&p, 1, timeout) < 0 && errno != EINTR) {
            ws_last_error = ERROR_INVALID_HANDLE;
            return (DWORD)WS_WAIT_FAILED;
        }
    }
}

WS2P_EXPORT BOOL CloseHandle(HANDLE h)
{
    ws_obj *o = ws_obj_from(h, 0);
    if (!o)
        return 0;
    ws_obj_unref(o);
    return 1;
}

WS2P_EXPORT DWORD WaitForSingleObject(HANDLE h, DWORD ms)
{
    ws_obj *o = ws_obj_from(h, 0);
    if (!o)
        return (DWORD)WS_WAIT_FAILED;
    return ws_obj_wait(o, ms);
}
