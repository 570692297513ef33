/* Threads: CreateThread, _beginthreadex, ExitThread/_endthreadex,
 * ResumeThread (the CREATE_SUSPENDED start gate), GetExitCodeThread, thread
 * ids, the GetCurrentThread/GetCurrentProcess pseudo-handles.  A thread
 * object is a manual-reset waitable that becomes signalled when the thread
 * ends; the handle and the running thread each hold a reference. */
#include "kernel32.h"
#include "k32.h"
#include <sys/resource.h>
#include <sys/time.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <wchar.h>
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
    bool terminated;       /* TerminateThread before it ran: it never runs fn */
    DWORD term_code;
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
    bool terminated = false;
    DWORD code = 0;
    if (st->gated) {
        /* The wait is no cancellation point: TerminateThread ends a gated
         * thread through st->terminated, never by cancelling it here. */
        int old;
        pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
        pthread_mutex_lock(&gate_lock);
        while (st->suspend)
            pthread_cond_wait(&gate_open, &gate_lock);
        terminated = st->terminated;
        code = st->term_code;
        pthread_mutex_unlock(&gate_lock);
        pthread_setcancelstate(old, NULL);
    }
    ws_thread_fn fn = st->fn;
    void *arg = st->arg;
    free(st);
    if (!terminated)
        code = fn(arg);
    ws_k32_tls_thread_exit();
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
    *st = (struct start){o, fn, arg, (flags & CREATE_SUSPENDED_FLAG) != 0, 1, false, 0, NULL};
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
    ws_k32_tls_thread_exit();
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

/* ---- priorities, descriptions, termination ------------------------------ */

#define PRIORITY_IDLE_ (-15)
#define PRIORITY_TIME_CRITICAL_ 15
#define PRIORITY_ERROR_RETURN_ 0x7fffffff
#define MODE_BACKGROUND_BEGIN_ 0x00010000
#define MODE_BACKGROUND_END_ 0x00020000
/* HRESULT_FROM_NT of the status the native call gives (Wine's tests:
 * success is HRESULT_FROM_NT(STATUS_SUCCESS)). */
#define HR_INVALID_HANDLE ((HRESULT)0xD0000008u)    /* STATUS_INVALID_HANDLE */
#define HR_NO_MEMORY ((HRESULT)0xD0000017u)         /* STATUS_NO_MEMORY */
#define HR_ACCESS_VIOLATION ((HRESULT)0xD0000005u)  /* STATUS_ACCESS_VIOLATION */

/* The value is kept and reported; the Linux scheduling of the thread is
 * not changed (raising it needs privileges Windows programs do not ask
 * for).  Valid: IDLE, LOWEST .. HIGHEST, TIME_CRITICAL; the background
 * modes for the calling thread only. */
WS2P_EXPORT BOOL SetThreadPriority(HANDLE h, int prio)
{
    struct ws_call c = WS_CALL32("SetThreadPriority");
    BOOL ret = 0;
    ws_obj *o = ws_handle_obj(h, WS_OBJ_THREAD);
    bool mode = prio == MODE_BACKGROUND_BEGIN_ || prio == MODE_BACKGROUND_END_;
    if (!o)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (mode && (!ws_thread_current() || ws_thread_current()->obj != o))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else if (!mode && prio != PRIORITY_IDLE_ && prio != PRIORITY_TIME_CRITICAL_ && (prio < -2 || prio > 2))
        ws_fail(&c, ERROR_INVALID_PARAMETER);
    else {
        if (!mode) {
            pthread_mutex_lock(&o->lock);
            o->priority = prio;
            pthread_mutex_unlock(&o->lock);
        }
        ret = 1;
    }
    if (o)
        ws_obj_unref(o);
    return WS_EXIT32(&c, ret, "h=%p, priority=%d", h, prio);
}

WS2P_EXPORT int GetThreadPriority(HANDLE h)
{
    struct ws_call c = WS_CALL32("GetThreadPriority");
    int ret = PRIORITY_ERROR_RETURN_;
    ws_obj *o = ws_handle_obj(h, WS_OBJ_THREAD);
    if (!o)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else {
        pthread_mutex_lock(&o->lock);
        ret = o->priority;
        pthread_mutex_unlock(&o->lock);
        ws_obj_unref(o);
    }
    return WS_EXIT32(&c, ret, "h=%p", h);
}

/* The Linux name of a running thread: its first 15 bytes of UTF-8, cut at
 * a character boundary (lock held: the thread cannot end meanwhile). */
static void linux_name(ws_obj *o, const WCHAR *desc)
{
    if (!o->thread)
        return;
    char *u = ws_name_from_wide(desc);
    if (!u)
        return;
    size_t n = strlen(u);
    if (n > 15)
        for (n = 15; n > 0 && ((unsigned char)u[n] & 0xc0) == 0x80; n--)
            ;
    u[n] = 0;
    pthread_setname_np(o->thread->pthread, u);
    free(u);
}

/* The description is kept as given (GetThreadDescription returns it
 * whole); NULL sets the empty one. */
WS2P_EXPORT HRESULT SetThreadDescription(HANDLE h, const WCHAR *desc)
{
    struct ws_call c = WS_CALL32("SetThreadDescription");
    HRESULT hr = 0;
    ws_obj *o = ws_handle_obj(h, WS_OBJ_THREAD);
    WCHAR *copy = NULL;
    if (!o)
        hr = HR_INVALID_HANDLE;
    else if (desc && *desc && !(copy = wcsdup(desc)))
        hr = HR_NO_MEMORY;
    else {
        pthread_mutex_lock(&o->lock);
        free(o->description);
        o->description = copy;
        linux_name(o, copy ? copy : L"");
        pthread_mutex_unlock(&o->lock);
    }
    if (o)
        ws_obj_unref(o);
    return WS_EXIT32(&c, hr, "h=%p", h);
}

/* A copy for the caller to LocalFree ("" if none was set). */
WS2P_EXPORT HRESULT GetThreadDescription(HANDLE h, WCHAR **desc)
{
    struct ws_call c = WS_CALL32("GetThreadDescription");
    HRESULT hr = 0;
    ws_obj *o = ws_handle_obj(h, WS_OBJ_THREAD);
    if (!o)
        hr = HR_INVALID_HANDLE;
    else if (ws_bad_ptr(desc))
        hr = HR_ACCESS_VIOLATION;
    else {
        pthread_mutex_lock(&o->lock);
        const WCHAR *d = o->description ? o->description : L"";
        size_t n = (wcslen(d) + 1) * sizeof *d;
        if ((*desc = ws_local_alloc(n)) != NULL) /* the caller's LocalFree takes it */
            memcpy(*desc, d, n);
        pthread_mutex_unlock(&o->lock);
        if (!*desc)
            hr = HR_NO_MEMORY;
    }
    if (o)
        ws_obj_unref(o);
    return WS_EXIT32(&c, hr, "h=%p", h);
}

/* TerminateThread.  The calling thread: ExitThread.  A thread created
 * suspended that never ran: it ends without running.  Another running
 * thread is cancelled (pthread_cancel, deferred): it ends with the code at
 * its next cancellation point, i.e. inside its next blocking call (a wait,
 * Sleep, recv, accept, select, ...), not in the middle of computing; its
 * cleanup handlers and C++ destructors run.  As on Windows this is the
 * emergency exit: locks it holds stay held (critical sections, SRW locks),
 * and a socket it was in the middle of a call on stays referenced.  A wait
 * it was blocked in cleans up after itself (src/core/object.c), the
 * mutexes it owned are abandoned, and the library's own locked sections
 * contain no cancellation point.  Wait on the handle to know it has ended
 * (TerminateThread docs: it is asynchronous). */
WS2P_EXPORT BOOL TerminateThread(HANDLE h, DWORD code)
{
    struct ws_call c = WS_CALL32("TerminateThread");
    BOOL ret = 0;
    ws_obj *o = ws_handle_obj(h, WS_OBJ_THREAD);
    struct ws_thread *me = ws_thread_current();
    if (!o)
        ws_fail(&c, ERROR_INVALID_HANDLE);
    else if (me && me->obj == o) {
        ws_obj_unref(o);
        (void)WS_EXIT32(&c, 1, "h=%p, code=%u (the calling thread)", h, (unsigned)code);
        ExitThread(code);
    } else {
        ret = 1;
        bool gated = false;
        pthread_mutex_lock(&gate_lock);
        for (struct start **pp = &suspended; *pp; pp = &(*pp)->next)
            if ((*pp)->o == o) {
                struct start *st = *pp;
                st->terminated = true;
                st->term_code = code;
                st->suspend = 0;
                *pp = st->next;
                pthread_cond_broadcast(&gate_open);
                gated = true;
                break;
            }
        pthread_mutex_unlock(&gate_lock);
        /* A thread that is starting gets its state first (it publishes its
         * id, then attaches): wait for one or the other end. */
        if (!gated)
            thread_id(o);
        for (bool done = gated; !done;) {
            pthread_mutex_lock(&o->lock);
            struct ws_thread *t = o->thread;
            if (t && !__atomic_load_n(&t->terminated, __ATOMIC_ACQUIRE)) {
                /* Atomic as well as locked: the cancelled thread reads them
                 * in its exit handler (src/core/thread.c key_gone), which
                 * ThreadSanitizer cannot order through a cancellation. */
                __atomic_store_n(&t->term_code, code, __ATOMIC_RELAXED);
                __atomic_store_n(&t->terminated, true, __ATOMIC_RELEASE);
                pthread_cancel(t->pthread); /* under the lock: it cannot finish meanwhile */
                ws_alert_kick_locked(t, WS_ALERT_END); /* a blocking receive is no cancellation point */
            }
            done = t || o->signalled;
            pthread_mutex_unlock(&o->lock);
            if (!done)
                sched_yield();
        }
    }
    if (o)
        ws_obj_unref(o);
    return WS_EXIT32(&c, ret, "h=%p, code=%u", h, (unsigned)code);
}

/* Linux does not say whether another thread ran: nonzero is reported, as
 * Windows does when it switched. */
WS2P_EXPORT BOOL SwitchToThread(void)
{
    struct ws_call c = WS_CALL32("SwitchToThread");
    BOOL ret = sched_yield() == 0;
    return WS_EXIT32(&c, ret, "");
}
