/* Registered waits: RegisterWaitForSingleObject, UnregisterWait,
 * UnregisterWaitEx (the thread-pool wait functions of winbase.h).
 *
 * Each registration has its own waiting thread (Windows shares pool threads
 * among registrations; nothing a program can observe depends on that but
 * the thread ids).  The thread waits, with the core's wait rules, for the
 * registration's cancel event first and the object second, so an unregister
 * wins over a signal that comes at the same time; it calls the callback
 * itself (as WT_EXECUTEINWAITTHREAD does): TimerOrWaitFired is FALSE for a
 * signal and TRUE for a timeout, and with WT_EXECUTEONLYONCE it ends after
 * the first call.  The registration holds a reference to the object, so a
 * program closing the object early cannot make the wait fail.
 *
 * The wait handle is a handle-table object (WS_OBJ_OTHER, known by its
 * destroy function); the unregister functions close it. */
#include "kernel32.h"
#include <pthread.h>
#include <stdlib.h>

#define WAIT_TIMEOUT_ 258u
#define WT_EXECUTEONLYONCE_ 0x8u
#define INVALID_HANDLE_ ((HANDLE)(intptr_t)-1)

typedef void (*ws_wait_callback)(void *ctx, BOOLEAN fired);

struct wreg {
    ws_obj obj;       /* WS_OBJ_OTHER; first */
    ws_obj *target;   /* the object waited for (referenced) */
    ws_obj *cancel;   /* manual-reset event: unregistered */
    ws_obj *done;     /* manual-reset event: the thread has made its last call */
    ws_wait_callback cb;
    void *ctx;
    DWORD ms;
    ULONG flags;
    pthread_t thread;
    /* under obj.lock */
    bool in_callback;
    bool finished;
    ws_obj *notify;   /* UnregisterWaitEx's completion event (referenced), or NULL */
};

static void wreg_destroy(ws_obj *o)
{
    struct wreg *r = (struct wreg *)o;
    ws_obj_unref(r->target);
    ws_obj_unref(r->cancel);
    ws_obj_unref(r->done);
    if (r->notify)
        ws_obj_unref(r->notify);
}

static void *wait_thread(void *arg)
{
    struct wreg *r = arg;
    ws_obj *objs[2] = {r->cancel, r->target};
    for (;;) {
        DWORD w = ws_wait_ex(objs, 2, false, r->ms, false);
        BOOLEAN fired;
        if (w == WS_WAIT_OBJECT_0 + 1 || w == WS_WAIT_ABANDONED_0 + 1)
            fired = 0;
        else if (w == WAIT_TIMEOUT_)
            fired = 1;
        else
            break; /* unregistered (index 0), or the wait failed */
        pthread_mutex_lock(&r->obj.lock);
        r->in_callback = true;
        pthread_mutex_unlock(&r->obj.lock);
        r->cb(r->ctx, fired);
        pthread_mutex_lock(&r->obj.lock);
        r->in_callback = false;
        pthread_mutex_unlock(&r->obj.lock);
        if (r->flags & WT_EXECUTEONLYONCE_)
            break;
    }
    pthread_mutex_lock(&r->obj.lock);
    r->finished = true;
    ws_obj *n = r->notify;
    r->notify = NULL;
    pthread_mutex_unlock(&r->obj.lock);
    ws_obj_signal(r->done);
    if (n) {
        ws_obj_signal(n);
        ws_obj_unref(n);
    }
    ws_obj_unref(&r->obj);
    return NULL;
}

WS2P_EXPORT BOOL RegisterWaitForSingleObject(HANDLE *out, HANDLE h, ws_wait_callback cb, void *ctx, ULONG ms,
                                             ULONG flags)
{
    struct ws_call c = WS_CALL32("RegisterWaitForSingleObject");
    BOOL ret = 0;
    ws_obj *t = NULL;
    struct wreg *r = NULL;
    HANDLE wh = NULL;
    if (ws_bad_ptr(out) || !cb)
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (!(t = ws_handle_obj(h, 0)))
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (!(r = (struct wreg *)ws_obj_alloc(WS_OBJ_OTHER, sizeof *r, true, false)))
        ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
    else {
        r->obj.destroy = wreg_destroy;
        r->target = t;
        t = NULL; /* the registration's now */
        r->cb = cb;
        r->ctx = ctx;
        r->ms = ms;
        r->flags = flags;
        r->cancel = ws_obj_new(WS_OBJ_EVENT, true, false);
        r->done = ws_obj_new(WS_OBJ_EVENT, true, false);
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        int e = 0;
        if (!r->cancel || !r->done || !(wh = ws_handle_new(&r->obj)))
            ws_fail(&c, ERROR_NOT_ENOUGH_MEMORY);
        else {
            ws_obj_ref(&r->obj); /* the thread's */
            if ((e = pthread_create(&r->thread, &attr, wait_thread, r)) != 0) {
                ws_obj_unref(&r->obj);
                ws_handle_close(wh);
                wh = NULL;
                ws_fail_errno32(&c, "pthread_create", e);
            } else {
                *out = wh;
                ret = 1;
            }
        }
        pthread_attr_destroy(&attr);
    }
    if (t)
        ws_obj_unref(t);
    if (r)
        ws_obj_unref(&r->obj); /* the handle and the thread hold theirs */
    return WS_EXIT32(&c, ret, "h=%p, ms=%u, flags=%#x, wait=%p", h, (unsigned)ms, (unsigned)flags, ret ? wh : NULL);
}

/* The registration behind a wait handle, referenced, or NULL. */
static struct wreg *wreg_get(HANDLE h)
{
    ws_obj *o = h ? ws_handle_get(h, WS_OBJ_OTHER) : NULL;
    if (o && o->destroy != wreg_destroy) {
        ws_obj_unref(o);
        o = NULL;
    }
    return (struct wreg *)o;
}

/* No callback is started after this.  ev: INVALID_HANDLE_VALUE waits for a
 * running callback to return (except from inside it, which on Windows would
 * wait for itself: here it is ERROR_IO_PENDING); an event is signalled once
 * it has; NULL returns at once.  A callback still running makes the
 * non-blocking forms FALSE with ERROR_IO_PENDING (UnregisterWaitEx docs). */
static BOOL unregister(struct ws_call *c, HANDLE h, HANDLE ev)
{
    struct wreg *r = wreg_get(h);
    ws_obj *e = NULL;
    BOOL ret = 0;
    if (!r) {
        ws_fail(c, ERROR_INVALID_HANDLE);
        return 0;
    }
    if (ev && ev != INVALID_HANDLE_ && !(e = ws_handle_get(ev, WS_OBJ_EVENT))) {
        ws_fail(c, ERROR_INVALID_HANDLE);
        ws_obj_unref(&r->obj);
        return 0;
    }
    ws_obj_signal(r->cancel);
    bool self = pthread_equal(pthread_self(), r->thread);
    if (ev == INVALID_HANDLE_ && !self) {
        ws_obj *d = r->done;
        ws_wait(&d, 1, false, WS_INFINITE);
    }
    pthread_mutex_lock(&r->obj.lock);
    bool running = r->in_callback && !r->finished;
    if (e && r->finished)
        ws_obj_signal(e);
    else if (e) {
        r->notify = e; /* the thread signals it as it ends */
        e = NULL;
    }
    pthread_mutex_unlock(&r->obj.lock);
    if (e)
        ws_obj_unref(e);
    ws_handle_close(h);
    if (running)
        ws_fail(c, ERROR_IO_PENDING);
    else
        ret = 1;
    ws_obj_unref(&r->obj);
    return ret;
}

WS2P_EXPORT BOOL UnregisterWaitEx(HANDLE h, HANDLE ev)
{
    struct ws_call c = WS_CALL32("UnregisterWaitEx");
    BOOL ret = unregister(&c, h, ev);
    return WS_EXIT32(&c, ret, "wait=%p, event=%p", h, ev);
}

WS2P_EXPORT BOOL UnregisterWait(HANDLE h)
{
    struct ws_call c = WS_CALL32("UnregisterWait");
    BOOL ret = unregister(&c, h, NULL);
    return WS_EXIT32(&c, ret, "wait=%p", h);
}
