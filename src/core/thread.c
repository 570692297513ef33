/* Per-thread state, in one place: the last error, the Winsock 1.1
 * blocking hook, and (allocated on first need) struct ws_thread with the
 * thread's object, its APC queue and the mutexes it owns (winobj.h).
 * Threads the library did not start (the main thread, plain pthreads) get
 * theirs on first need too, and give it up when they end. */
#include "engine.h"
#include <poll.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <unistd.h>

__thread DWORD ws_last_error __attribute__((tls_model("initial-exec")));
__thread ws_hook ws_blocking_hook __attribute__((tls_model("initial-exec")));
__thread bool ws_in_blocking_call __attribute__((tls_model("initial-exec")));
__thread DWORD ws_opentype __attribute__((tls_model("initial-exec")));
__thread uint64_t ws_io_serving __attribute__((tls_model("initial-exec")));
__thread struct ws_thread *ws_cur_thread __attribute__((tls_model("initial-exec")));
#define cur ws_cur_thread

static __thread DWORD tid_cache __attribute__((tls_model("initial-exec")));

/* A fork's child is a new thread with the caller's TLS: forget the id. */
static void tid_forget(void)
{
    tid_cache = 0;
}

DWORD ws_tid(void)
{
    if (ws_unlikely(!tid_cache)) {
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, ws_tid_atfork);
        tid_cache = (DWORD)syscall(SYS_gettid);
    }
    return tid_cache;
}

void ws_tid_atfork(void)
{
    static _Atomic bool done;
    if (!atomic_exchange(&done, true))
        pthread_atfork(NULL, NULL, tid_forget);
}

#if defined(__SANITIZE_THREAD__)
int ws_tsan_poll(struct pollfd *p, nfds_t n, int ms)
{
    int old;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
    int r = (int)syscall(SYS_poll, p, n, ms);
    int e = errno;
    pthread_setcanceltype(old, NULL);
    errno = e;
    return r;
}

int ws_tsan_nanosleep(const struct timespec *ts, struct timespec *rem)
{
    int old;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
    int r = (int)syscall(SYS_nanosleep, ts, rem);
    int e = errno;
    pthread_setcanceltype(old, NULL);
    errno = e;
    return r;
}
#endif

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void finish(struct ws_thread *t, DWORD code);

static void key_gone(void *p)
{
    /* A thread we did not start ended (pthread_exit or returning from its
     * start routine): its exit code is not known; Windows would report the
     * start routine's result, which only threads we start have.  A thread
     * TerminateThread cancelled ends here too, with the code it was given. */
    struct ws_thread *t = p;
    bool terminated = __atomic_load_n(&t->terminated, __ATOMIC_ACQUIRE);
    DWORD code = terminated ? __atomic_load_n(&t->term_code, __ATOMIC_RELAXED) : 0;
    cur = NULL;
    finish(t, code);
}

static void make_key(void)
{
    pthread_key_create(&key, key_gone);
}

struct ws_thread *ws_thread_current(void)
{
    return cur;
}

static struct ws_thread *attach(ws_obj *o)
{
    pthread_once(&key_once, make_key);
    struct ws_thread *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    ws_obj_ref(o);
    t->obj = o;
    t->pthread = pthread_self();
    t->alert_efd = -1;
    __atomic_store_n(&o->tid, ws_tid(), __ATOMIC_RELEASE);
    pthread_mutex_lock(&o->lock);
    o->thread = t;
    pthread_mutex_unlock(&o->lock);
    pthread_setspecific(key, t);
    ws_alert_thread_init();
    return cur = t;
}

struct ws_thread *ws_thread_self(void)
{
    if (ws_likely(cur != NULL))
        return cur;
    ws_obj *o = ws_obj_new(WS_OBJ_THREAD, true, false);
    if (!o)
        return NULL;
    o->exit_code = WS_STILL_ACTIVE;
    struct ws_thread *t = attach(o);
    ws_obj_unref(o); /* attach took the state's own reference */
    return t;
}

struct ws_thread *ws_thread_adopt(ws_obj *o)
{
    return cur ? cur : attach(o);
}

/* The thread is gone: mutexes it still owns are abandoned (the next
 * waiter gets WAIT_ABANDONED), queued APCs never run, and the object is
 * signalled with the exit code. */
static void finish(struct ws_thread *t, DWORD code)
{
    if (t->ioctx) {
        ws_io_thread_exit(t->ioctx);
        t->ioctx = NULL;
    }
    for (ws_obj *m = t->owned, *next; m; m = next) {
        next = m->next_owned;
        pthread_mutex_lock(&m->lock);
        m->owner = 0;
        m->count = 0;
        m->abandoned = true;
        m->next_owned = NULL;
        ws_obj_wake_locked(m);
        pthread_mutex_unlock(&m->lock);
        ws_obj_unref(m);
    }
    ws_obj *o = t->obj;
    pthread_mutex_lock(&o->lock);
    struct ws_apc *apcs = t->apc_head;
    __atomic_store_n(&t->apc_head, NULL, __ATOMIC_RELAXED); /* ws_apc_queued looks without the lock */
    t->apc_tail = NULL;
    o->thread = NULL;
    free(t->apc_src); /* weak links: the sources see o->thread gone */
    t->apc_src = NULL;
    t->napc_src = 0;
    o->exit_code = code;
    o->signalled = true;
    ws_obj_wake_locked(o);
    pthread_mutex_unlock(&o->lock);
    for (struct ws_apc *a = apcs, *next; a; a = next) {
        next = a->next;
        if (a->discard)
            a->discard(a);
    }
    if (t->alert_efd >= 0)
        close(t->alert_efd);
    free(t->spare_ioreq);
    free(t);
    ws_obj_unref(o);
}

void ws_thread_exit(DWORD code)
{
    struct ws_thread *t = cur;
    if (!t)
        return;
    cur = NULL;
    pthread_setspecific(key, NULL);
    finish(t, code);
}

bool ws_apc_queue(ws_obj *o, struct ws_apc *a)
{
    a->next = NULL;
    pthread_mutex_lock(&o->lock);
    struct ws_thread *t = o->thread;
    if (t) {
        if (t->apc_tail)
            t->apc_tail->next = a;
        else
            __atomic_store_n(&t->apc_head, a, __ATOMIC_RELAXED);
        t->apc_tail = a;
        ws_alert_kick_locked(t, WS_ALERT_APC); /* a blocking receive it waits in */
        if (t->alertable && !t->alert_set && t->alert_efd >= 0) {
            ws_efd_post(t->alert_efd);
            t->alert_set = true;
        }
    }
    pthread_mutex_unlock(&o->lock);
    return t != NULL;
}

void ws_apc_run_if_waiting(struct pollfd *p, size_t n)
{
    if (poll(p, n, 0) == 0)
        ws_apc_run(cur);
}

bool ws_apc_cancel(ws_obj *o, struct ws_apc *a)
{
    bool found = false;
    pthread_mutex_lock(&o->lock);
    struct ws_thread *t = o->thread;
    for (struct ws_apc **pp = t ? &t->apc_head : NULL, *prev = NULL; pp && *pp; prev = *pp, pp = &(*pp)->next)
        if (*pp == a) {
            __atomic_store_n(pp, a->next, __ATOMIC_RELAXED);
            if (t->apc_tail == a)
                t->apc_tail = prev;
            found = true;
            break;
        }
    pthread_mutex_unlock(&o->lock);
    return found;
}

bool ws_apc_run(struct ws_thread *t)
{
    pthread_mutex_lock(&t->obj->lock);
    struct ws_apc *a = t->apc_head;
    __atomic_store_n(&t->apc_head, NULL, __ATOMIC_RELAXED);
    t->apc_tail = NULL;
    if (__atomic_load_n(&t->alert, __ATOMIC_RELAXED) == WS_ALERT_APC)
        __atomic_store_n(&t->alert, 0, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&t->obj->lock);
    bool any = a != NULL;
    while (a) {
        struct ws_apc *next = a->next;
        a->run(a); /* may free a */
        a = next;
    }
    return any;
}

bool ws_apc_source_add(ws_obj *o, ws_obj *src)
{
    bool ok = false;
    pthread_mutex_lock(&o->lock);
    struct ws_thread *t = o->thread;
    if (t) {
        for (unsigned i = 0; i < t->napc_src; i++)
            if (t->apc_src[i] == src) {
                ok = true;
                break;
            }
        if (!ok && t->napc_src == t->capc_src) {
            unsigned cap = t->capc_src ? t->capc_src * 2 : 4;
            ws_obj **a = realloc(t->apc_src, cap * sizeof *a);
            if (a) {
                t->apc_src = a;
                t->capc_src = cap;
            }
        }
        if (!ok && t->napc_src < t->capc_src) {
            t->apc_src[t->napc_src] = src;
            __atomic_store_n(&t->napc_src, t->napc_src + 1, __ATOMIC_RELAXED);
            ok = true;
        }
    }
    pthread_mutex_unlock(&o->lock);
    return ok;
}

void ws_apc_source_remove(ws_obj *o, ws_obj *src)
{
    pthread_mutex_lock(&o->lock);
    struct ws_thread *t = o->thread;
    for (unsigned i = 0; t && i < t->napc_src; i++)
        if (t->apc_src[i] == src) {
            t->apc_src[i] = t->apc_src[t->napc_src - 1];
            __atomic_store_n(&t->napc_src, t->napc_src - 1, __ATOMIC_RELAXED);
            break;
        }
    pthread_mutex_unlock(&o->lock);
}

/* Sources going away are skipped: they unlink themselves under this lock
 * once their last reference has gone. */
size_t ws_apc_sources(struct ws_thread *t, ws_obj **out, size_t max)
{
    size_t k = 0;
    pthread_mutex_lock(&t->obj->lock);
    for (unsigned i = 0; i < t->napc_src && k < max; i++)
        if (ws_obj_tryref(t->apc_src[i]))
            out[k++] = t->apc_src[i];
    pthread_mutex_unlock(&t->obj->lock);
    return k;
}
