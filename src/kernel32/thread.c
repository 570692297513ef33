/* Threads: CreateThread, _beginthreadex, ExitThread/_endthreadex,
 * ResumeThread (the CREATE_SUSPENDED start gate), GetExitCodeThread, thread
 * ids, the GetCurrentThread/GetCurrentProcess pseudo-handles.  A thread
 * object is a manual-reset waitable that becomes signalled when the thread
 * ends; the handle and the running thread each hold a reference. */
#include "winobj.h"
#include <sys/resource.h>
#include <sys/time.h>
#include <stdlib.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#define CREATE_SUSPENDED_FLAG 0x4

typedef DWORD (*ws_thread_fn)(void *);
struct start {
    ws_obj *o;
    ws_thread_fn fn;
    void *arg;
    bool gated;            /* created with CREATE_SUSPENDED */
    DWORD suspend;         /* start-gate count, under gate_lock */
    struct start *next;    /* in `suspended` while gated */
};

/* Only threads created suspended and not yet resumed are on this list, so
 * its lock is never taken on a path that matters for speed. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_open = PTHREAD_COND_INITIALIZER;
static struct start *suspended;

static void *trampoline(void *p)
{
    struct start *st = p;
    /* The thread's state adopts the object its handle names; the id is
     * published before anything else, start gate included. */
    ws_obj *o = st->o;
    struct ws_thread *t = ws_thread_adopt(o);
    if (t)
        ws_obj_unref(o); /* the start's reference: the state holds its own */
    else
        __atomic_store_n(&o->tid, ws_tid(), __ATOMIC_RELEASE);
    if (st->gated) {
        pthread_mutex_lock(&gate_lock);
        while (st->suspend)
            pthread_cond_wait(&gate_open, &gate_lock);
        pthread_mutex_unlock(&gate_lock);
    }
    ws_thread_fn fn = st->fn;
    void *arg = st->arg;
    free(st);
    DWORD code = fn(arg);
    if (t)
        ws_thread_exit(code);
    else { /* no state could be made: end the object by hand */
        pthread_mutex_lock(&o->lock);
        o->exit_code = code;
        o->signalled = true;
        ws_obj_wake_locked(o);
        pthread_mutex_unlock(&o->lock);
        ws_obj_unref(o); /* the start's reference */
    }
    return NULL;
}

/* The kernel id is known once the thread runs (it publishes it before
 * anything else, start gate included); wait for it rather than return a
 * value that changes later. */
static DWORD thread_id(ws_obj *o)
{
    DWORD tid;
    while (!(tid = __atomic_load_n(&o->tid, __ATOMIC_ACQUIRE)))
        sched_yield();
    return tid;
}

/* Returns a handle to the new thread, or NULL with the pthread/errno cause
 * in *err. */
static HANDLE create(SIZE_T stack, ws_thread_fn fn, void *arg, DWORD flags, DWORD *tid, int *err)
{
    ws_obj *o = ws_obj_new(WS_OBJ_THREAD, true, false);
    struct start *st = malloc(sizeof *st);
    pthread_attr_t attr;
    pthread_t t;
    if (!o || !st) {
        free(st);
        if (o)
            ws_obj_unref(o);
        *err = ENOMEM;
        return NULL;
    }
    o->exit_code = WS_STILL_ACTIVE;
    HANDLE h = ws_handle_new(o);
    if (!h) {
        free(st);
        ws_obj_unref(o);
        *err = ENOMEM;
        return NULL;
    }
    /* The creator's reference goes to the running thread (trampoline). */
    *st = (struct start){o, fn, arg, (flags & CREATE_SUSPENDED_FLAG) != 0, 1, NULL};
    if (st->gated) {
        pthread_mutex_lock(&gate_lock);
        st->next = suspended;
        suspended = st;
        pthread_mutex_unlock(&gate_lock);
    }
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (stack)
        pthread_attr_setstacksize(&attr, stack < 65536 ? 65536 : stack);
    int e = pthread_create(&t, &attr, trampoline, st);
    pthread_attr_destroy(&attr);
    if (e) {
        if (st->gated) {
            pthread_mutex_lock(&gate_lock);
            for (struct start **pp = &suspended; *pp; pp = &(*pp)->next)
                if (*pp == st) {
                    *pp = st->next;
                    break;
                }
            pthread_mutex_unlock(&gate_lock);
        }
        free(st);
        ws_handle_close(h);
        ws_obj_unref(o);
        *err = e;
        return NULL;
    }
    if (tid)
        *tid = thread_id(o);
    return h;
}

WS2P_EXPORT HANDLE CreateThread(WS_SECURITY_ATTRIBUTES *sa, SIZE_T stack, ws_thread_fn fn, void *arg, DWORD flags,
                                DWORD *tid)
{
    (void)sa;
    int err;
    if (!fn) {
        ws_last_error = ERROR_INVALID_PARAMETER;
        return NULL;
    }
    HANDLE h = create(stack, fn, arg, flags, tid, &err);
    if (!h)
        ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
    return h;
}

/* process.h: errno as the CRT sets it (EINVAL for a NULL start address,
 * EAGAIN when no thread can be created, ENOMEM); 0 on error. */
WS2P_EXPORT uintptr_t _beginthreadex(void *sa, unsigned stack, unsigned (*fn)(void *), void *arg, unsigned flags,
                                     unsigned *tid)
{
    (void)sa;
    int err;
    if (!fn) {
        errno = EINVAL;
        ws_last_error = ERROR_INVALID_PARAMETER;
        return 0;
    }
    HANDLE h = create(stack, fn, arg, flags, tid, &err);
    if (!h) {
        errno = err == ENOMEM ? ENOMEM : EAGAIN;
        ws_last_error = ERROR_NOT_ENOUGH_MEMORY;
        return 0;
    }
    return (uintptr_t)h;
}

/* The thread's object (if anyone made one) is signalled with the code. */
WS2P_EXPORT __attribute__((noreturn)) void ExitThread(DWORD code)
{
    ws_thread_exit(code);
    pthread_exit(NULL);
}

WS2P_EXPORT __attribute__((noreturn)) void _endthreadex(unsigned code)
{
    ExitThread(code);
}

/* The previous suspend count: 1 for a thread created suspended (which then
 * starts), 0 for a running one. */
WS2P_EXPORT DWORD ResumeThread(HANDLE h)
{
    if (h == WS_PSEUDO_THREAD)
        return 0;
    ws_obj *o = ws_handle_obj(h, WS_OBJ_THREAD);
    if (!o)
        return (DWORD)-1;
    DWORD prev = 0;
    pthread_mutex_lock(&gate_lock);
    for (struct start **pp = &suspended; *pp; pp = &(*pp)->next) {
        struct start *st = *pp;
        if (st->o != o)
            continue;
        prev = st->suspend--;
        if (!st->suspend) {
            *pp = st->next;
            pthread_cond_broadcast(&gate_open);
        }
        break;
    }
    pthread_mutex_unlock(&gate_lock);
    ws_obj_unref(o);
    return prev;
}

WS2P_EXPORT BOOL GetExitCodeThread(HANDLE h, DWORD *code)
{
    if (h == WS_PSEUDO_THREAD && code) {
        *code = WS_STILL_ACTIVE;
        return 1;
    }
    ws_obj *o = ws_handle_obj(h, WS_OBJ_THREAD);
    if (!o)
        return 0;
    BOOL ret = 0;
    if (!code)
        ws_last_error = ERROR_NOACCESS;
    else {
        pthread_mutex_lock(&o->lock);
        *code = o->signalled ? o->exit_code : WS_STILL_ACTIVE;
        pthread_mutex_unlock(&o->lock);
        ret = 1;
    }
    ws_obj_unref(o);
    return ret;
}

WS2P_EXPORT DWORD GetCurrentThreadId(void)
{
    return ws_tid();
}

WS2P_EXPORT DWORD GetThreadId(HANDLE h)
{
    if (h == WS_PSEUDO_THREAD)
        return GetCurrentThreadId();
    ws_obj *o = ws_handle_obj(h, WS_OBJ_THREAD);
    if (!o)
        return 0;
    DWORD tid = thread_id(o);
    ws_obj_unref(o);
    return tid;
}

WS2P_EXPORT HANDLE GetCurrentThread(void)
{
    return WS_PSEUDO_THREAD;
}

WS2P_EXPORT HANDLE GetCurrentProcess(void)
{
    return WS_PSEUDO_PROCESS;
}

WS2P_EXPORT DWORD GetCurrentProcessId(void)
{
    return (DWORD)getpid();
}

struct ws_filetime {
    DWORD low, high;
};

static void to_filetime(struct ws_filetime *ft, const struct timeval *tv)
{
    uint64_t t = (uint64_t)tv->tv_sec * 10000000u + (uint64_t)tv->tv_usec * 10u;
    ft->low = (DWORD)t;
    ft->high = (DWORD)(t >> 32);
}

/* The CPU the calling thread used: enough to show a wait is not a busy loop
 * (test/eventselect.c, test/asyncselect.c).  Other threads' times would need
 * their kernel ids' /proc entries: not supported. */
WS2P_EXPORT BOOL GetThreadTimes(HANDLE h, struct ws_filetime *created, struct ws_filetime *exited,
                                struct ws_filetime *kernel, struct ws_filetime *user)
{
    struct rusage ru;
    if (h != (HANDLE)(intptr_t)-2 || !created || !exited || !kernel || !user) {
        ws_last_error = h != (HANDLE)(intptr_t)-2 ? ERROR_INVALID_HANDLE : ERROR_NOACCESS;
        return 0;
    }
    if (getrusage(RUSAGE_THREAD, &ru) < 0) {
        ws_last_error = ERROR_INVALID_HANDLE;
        return 0;
    }
    created->low = created->high = exited->low = exited->high = 0;
    to_filetime(kernel, &ru.ru_stime);
    to_filetime(user, &ru.ru_utime);
    return 1;
}
